"""Running on a server: a real scrapyd on 127.0.0.1, the project deployed with scrapyd-deploy, a crawl
of a local site scheduled through schedule.json; and the archive lock that keeps two runs of the same
crawl from overlapping."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import FAST, html, run_newscrawler, serve_routes

from newscrawler.distributed.server import free_port
from newscrawler.lock import ArchiveLocked, acquire, lock_path, release

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("pyproject.toml", "setup.py", "scrapy.cfg", "README.md", "newscrawler")


def story(title: str) -> tuple[int, dict[str, str], bytes]:
    text = "".join(f"<p>{title}, part {i}: the council met on Tuesday and agreed the new budget for the "
                   f"harbour, after a long debate about the ferry timetable.</p>" for i in range(4))
    return html(f'<html lang="en"><head><title>{title}</title><meta property="og:type" content="article">'
                f'<meta property="article:published_time" content="2024-05-03T10:00:00+00:00"></head>'
                f'<body><article><h1>{title}</h1>{text}</article></body></html>')


ROUTES = {
    "/": html('<html><body><h1>News</h1><a href="/harbour/">Harbour</a> <a href="/ferry/">Ferry</a></body></html>'),
    "/harbour/": story("Harbour budget agreed"),
    "/ferry/": story("Ferry timetable changes"),
}


def get_json(url: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(url, data=body, timeout=10) as response:  # noqa: S310 - 127.0.0.1 only
        return json.loads(response.read())


@contextmanager
def scrapyd(folder: Path) -> Iterator[str]:
    """A real scrapyd on a free 127.0.0.1 port, its eggs, logs and databases under ``folder``."""
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\neggs_dir = {folder / 'eggs'}\nlogs_dir = {folder / 'logs'}\n"
        f"dbs_dir = {folder / 'dbs'}\nitems_dir =\npoll_interval = 0.5\nmax_proc = 2\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "scrapyd"], cwd=folder, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if get_json(base + "daemonstatus.json")["status"] == "ok":
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def deploy(project: Path, scrapyd_url: str) -> subprocess.CompletedProcess[str]:
    """Copy the project, point its scrapy.cfg deploy target at ``scrapyd_url`` and run scrapyd-deploy there."""
    project.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, project / name)
    cfg = (project / "scrapy.cfg").read_text("utf-8").replace("http://127.0.0.1:6800/", scrapyd_url)
    (project / "scrapy.cfg").write_text(cfg, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "scrapyd_client.deploy", "--version", "r1"], cwd=project,
                          capture_output=True, text=True, timeout=300)


def test_deploy_and_schedule_a_crawl_on_scrapyd(tmp_path: Path) -> None:
    output = tmp_path / "archive"
    with scrapyd(tmp_path / "scrapyd") as server, serve_routes(ROUTES) as site:
        deployed = deploy(tmp_path / "project", server)
        assert deployed.returncode == 0, deployed.stderr[-3000:]
        assert get_json(server + "listspiders.json?project=newscrawler")["spiders"] == ["news"]
        job = get_json(server + "schedule.json", [
            ("project", "newscrawler"), ("spider", "news"), ("urls", site),
            ("setting", f"NEWSCRAWLER_OUTPUT={output}"), ("setting", "AUTOTHROTTLE_START_DELAY=0"),
        ])
        assert job["status"] == "ok", job
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            jobs = get_json(server + "listjobs.json?project=newscrawler")
            if any(j["id"] == job["jobid"] for j in jobs["finished"]):
                break
            time.sleep(0.5)
        else:
            raise AssertionError(f"job did not finish: {jobs}")
    log = next((tmp_path / "scrapyd" / "logs").rglob(f"{job['jobid']}.log")).read_text("utf-8")
    records = [json.loads(line) for f in output.rglob("*.jsonl") for line in f.read_text("utf-8").splitlines()]
    assert sorted(r["headline"] for r in records) == ["Ferry timetable changes", "Harbour budget agreed"], log[-3000:]
    manifest = json.loads(next(output.rglob("*.manifest.json")).read_text("utf-8"))
    assert manifest["health"]["ok"] is True
    assert "Spider closed (finished)" in log and "Traceback" not in log


def test_second_run_of_the_same_crawl_does_not_start(tmp_path: Path) -> None:
    with serve_routes(ROUTES) as site:
        holder = acquire(lock_path(tmp_path / "127.0.0.1"))  # a crawl of this site is running
        try:
            cli = run_newscrawler("crawl", site, "--output", str(tmp_path), *FAST)
            scrapy = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"urls={site}",
                                     "-s", f"NEWSCRAWLER_OUTPUT={tmp_path}"], cwd=ROOT, capture_output=True,
                                    text=True, timeout=120)
        finally:
            release(holder)
        written_while_locked = list(tmp_path.rglob("*.jsonl"))
        after = run_newscrawler("crawl", site, "--output", str(tmp_path), *FAST)
    assert cli.returncode == 1
    assert cli.stderr.strip().splitlines()[-1].startswith("newscrawler: error: another crawl (pid ")
    assert "Traceback" not in cli.stderr
    assert written_while_locked == []
    assert scrapy.returncode == 1 and "Crawl not started: another crawl" in scrapy.stderr
    assert "Traceback" not in scrapy.stderr
    assert after.returncode == 0, after.stderr[-2000:]  # the lock is gone with its holder


def test_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    path = lock_path(tmp_path / "site")
    first = acquire(path)
    try:
        try:
            acquire(path)
        except ArchiveLocked as exc:
            assert "another crawl (pid" in str(exc) and str(tmp_path / "site") in str(exc)
        else:
            raise AssertionError("the second acquire should fail")
    finally:
        release(first)
    release(acquire(path))  # free again
    assert lock_path(tmp_path, "w1").name == ".lock-w1"


def test_no_remote_console_is_on(tmp_path: Path) -> None:
    """Telnet and remote-control consoles are off: a real crawl's log lists neither extension as enabled."""
    with serve_routes(ROUTES) as site:
        result = run_newscrawler("crawl", site, "--output", str(tmp_path), *FAST)
    enabled = result.stderr[result.stderr.index("Enabled extensions:"):result.stderr.index("Enabled downloader")]
    assert "CoreStats" in enabled
    assert "TelnetConsole" not in enabled and "RemoteControl" not in enabled
    assert "Telnet console listening" not in result.stderr
