"""Crash-safe crawls, tested for real: a crawl of a local site is killed (SIGKILL) at several
points and started again with the same command until it finishes. In the end every article is in
the archive exactly once, every JSONL line is JSON, every WARC file passes ``warcio check``, no
article page was fetched again once archived, and ``newscrawler verify`` finds the archive sound.
Ctrl-C (SIGINT) stops a crawl gracefully and prints the command that resumes it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from archive_site import NewsSite
from conftest import FAST, read_archive, run_newscrawler, serve_routes

from newscrawler.archive.queues import DiskDupeFilter, remove_stale

ARTICLES = 24


def crawl_command(base: str, output: Path) -> list[str]:
    return [sys.executable, "-m", "newscrawler.cli", "crawl", base, "--output", str(output), "--warc", *FAST,
            "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2", "-s", "NEWSCRAWLER_HEALTH_MIN_ARTICLES=0"]


def complete_lines(output: Path) -> list[bytes]:
    """The complete (newline-terminated) lines of every JSONL file, as a reader sees them now."""
    lines = []
    for path in sorted((output / "127.0.0.1").glob("*.jsonl")):  # (not rglob: .queues/ changes meanwhile)
        data = path.read_bytes()
        lines.extend(data[:data.rfind(b"\n") + 1].splitlines())
    return lines


def archived_urls(output: Path) -> list[str]:
    return [json.loads(line)["url"] for line in complete_lines(output)]


def start_and_stop(command: list[str], output: Path, records: int, stop: signal.Signals,
                   timeout: float = 60) -> tuple[int, str, str]:
    """Start a crawl; send ``stop`` once ``records`` records are in the archive (0: once the
    first WARC file exists); return its exit status, stdout and stderr."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        reached = len(complete_lines(output)) >= records if records else any(output.glob("*/*.warc.gz"))
        if reached:
            process.send_signal(stop)
            break
        time.sleep(0.01)
    stdout, stderr = process.communicate(timeout=timeout)
    return process.returncode, stdout, stderr


def warcio_check(paths: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "warcio.cli", "check", *map(str, paths)],
                          capture_output=True, text=True, timeout=120)


def test_killed_crawl_resumes_without_losing_or_doubling_a_record(tmp_path: Path) -> None:
    site = NewsSite(articles=ARTICLES, delay=0.12)
    for slug in site.slugs[::5]:
        site.comments[slug] += [f"Third comment on {slug}.", "Fourth comment, on page two."]
    article_paths = {f"/{slug}/" for slug in site.slugs}
    with serve_routes(site.routes()) as base:
        command = crawl_command(base, tmp_path)
        archived_before: set[str] = set()
        for kill_at in (0, 3, 9, 16):  # before the first record, then at three points
            hits_before = dict(site.hits)
            status, _, stderr = start_and_stop(command, tmp_path, kill_at, signal.SIGKILL)
            assert status == -signal.SIGKILL, f"the crawl ended before it was killed at {kill_at}: {stderr[-2000:]}"
            refetched = {p for p in article_paths if site.hits[p] > hits_before.get(p, 0)}
            assert not {base + p.lstrip("/") for p in refetched} & archived_before, "an archived article was fetched again"
            archived_before = set(archived_urls(tmp_path))
        hits_before = dict(site.hits)
        final = subprocess.run(command, capture_output=True, text=True, timeout=240)
        assert final.returncode == 0, final.stderr[-3000:]
        refetched = {p for p in article_paths if site.hits[p] > hits_before.get(p, 0)}
        assert not {base + p.lstrip("/") for p in refetched} & archived_before

    urls = archived_urls(tmp_path)
    assert sorted(urls) == sorted(base + p.lstrip("/") for p in article_paths)  # each article exactly once
    for path in tmp_path.rglob("*.jsonl"):
        data = path.read_bytes()
        assert not data or data.endswith(b"\n")
        for line in data.splitlines():
            assert isinstance(json.loads(line), dict)
    records = read_archive(tmp_path)
    with_comment_pages = [r for r in records if r["commentCount"] == 4]
    assert len(with_comment_pages) == len(site.slugs[::5])  # comment pages merged, even across a kill
    warcs = sorted(tmp_path.rglob("*.warc.gz"))
    assert len(warcs) >= 4
    check = warcio_check(warcs)
    assert check.returncode == 0, check.stdout[-2000:]
    assert all(w.with_name(w.name + ".cdxj").exists() for w in warcs)
    verify = run_newscrawler("verify", str(tmp_path))
    assert verify.returncode == 0, verify.stdout[-3000:]
    assert "sound" in verify.stdout
    assert not (tmp_path / ".queues").exists()  # the killed runs' disk queues were cleared, the last run's too


def test_pending_requests_wait_on_disk(tmp_path: Path) -> None:
    with serve_routes(NewsSite(articles=3).routes()) as base:
        result = run_newscrawler("crawl", base, "--output", str(tmp_path), *FAST, "--log-level", "DEBUG")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "'scheduler/enqueued/disk': " in result.stderr and "'scheduler/enqueued/memory'" not in result.stderr
    assert not (tmp_path / ".queues").exists()


def test_stale_queue_folders_of_dead_runs_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f"{dead.stdout.strip()}-20240503T100000000000Z"
    live = tmp_path / f"{os.getpid()}-20240503T100000000000Z"
    for folder in (stale, live):
        (folder / "requests.queue").mkdir(parents=True)
    assert remove_stale(tmp_path) == [stale]
    assert live.exists() and not stale.exists()


def test_ctrl_c_stops_gracefully_and_prints_the_resume_command(tmp_path: Path) -> None:
    site = NewsSite(articles=12, delay=0.15)
    with serve_routes(site.routes()) as base:
        command = [*crawl_command(base, tmp_path), "-s", "CONCURRENT_REQUESTS=2"]  # few requests in flight
        status, stdout, stderr = start_and_stop(command, tmp_path, 2, signal.SIGINT)
        assert status not in (0, -signal.SIGINT)  # stopped by itself, not finished, not killed
        assert "Finish reason:  shutdown" in stdout
        assert "To resume, run the same command again: newscrawler crawl " + base in stderr
        assert "Traceback" not in stderr
        interrupted = archived_urls(tmp_path)
        assert 2 <= len(interrupted) < 12
        again = subprocess.run(command, capture_output=True, text=True, timeout=240)
        assert again.returncode == 0, again.stderr[-3000:]
    assert sorted(archived_urls(tmp_path)) == sorted(f"{base}{slug}/" for slug in site.slugs)
    assert run_newscrawler("verify", str(tmp_path)).returncode == 0


def test_seen_requests_are_kept_on_disk(tmp_path: Path) -> None:
    from scrapy import Request

    seen = DiskDupeFilter(str(tmp_path))
    assert not seen.request_seen(Request("http://127.0.0.1:8000/a/"))
    assert seen.request_seen(Request("http://127.0.0.1:8000/a/"))
    assert not seen.request_seen(Request("http://127.0.0.1:8000/b/"))
    seen.close("finished")
    assert (tmp_path / "seen.sqlite").stat().st_size > 0
    import sqlite3

    with sqlite3.connect(tmp_path / "seen.sqlite") as db:  # the batch was committed at close
        assert db.execute("SELECT COUNT(*) FROM seen").fetchone()[0] == 2
