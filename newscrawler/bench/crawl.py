"""``newscrawler bench crawl``: crawl throughput and memory, the full crawl against a bare Scrapy spider.

One run generates a news site of N pages in memory (hubs with pagination; articles with threaded
comments, related links, dates and authors), serves it pre-rendered from an asyncio HTTP/1.1 server
on 127.0.0.1, checks that the server alone is much faster than any crawl, then measures, each crawl
in its own subprocess:

- ``bare``: a Scrapy spider that only follows links, with the same concurrency;
- ``full``: ``newscrawler crawl`` (extraction, pipelines, JSONL, WARC);
- with Redis (``--redis``, when scrapy-redis and a redis-server are available): one worker, then two
  workers sharing the frontier.

For each: pages, articles archived, seconds, pages/s (Scrapy's ``response_received_count`` over its
``elapsed_time_seconds``), CPU seconds and peak RSS of the crawl processes, and the CPU seconds the
site server (this process) and redis-server used meanwhile: on a small machine they share the cores
with the crawl. A benchmark, not a test: it asserts nothing about timing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from newscrawler.bench.crawl_site import generate_site

# --- The server ----------------------------------------------------------------------------------


def _response(status: str, content_type: str, body: bytes) -> bytes:
    head = (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
            f"Connection: keep-alive\r\n\r\n")
    return head.encode("ascii") + body


class SiteServer:
    """Pre-rendered responses (path → bytes on the wire) served by asyncio with keep-alive, in a thread."""

    def __init__(self, pages: dict[str, tuple[str, bytes]]) -> None:
        self.responses = {path: _response("200 OK", kind, body) for path, (kind, body) in pages.items()}
        self.not_found = _response("404 Not Found", "text/html", b"<html><body>Not found</body></html>")
        self.requests = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1].decode("latin-1")
                self.requests += 1
                writer.write(self.responses.get(path, self.not_found))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, IndexError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    @contextmanager
    def running(self) -> Iterator[str]:
        """Serve on a free 127.0.0.1 port in a background thread; yield the base URL."""
        loop = asyncio.new_event_loop()
        ready = threading.Event()
        holder: dict[str, Any] = {}

        async def start() -> None:
            holder["server"] = await asyncio.start_server(self.handle, "127.0.0.1", 0, backlog=512)
            ready.set()

        thread = threading.Thread(target=lambda: (loop.run_until_complete(start()), loop.run_forever()), daemon=True)
        thread.start()
        ready.wait(10)
        port = holder["server"].sockets[0].getsockname()[1]
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(5)


# --- Measuring one crawl -------------------------------------------------------------------------


@dataclass
class Run:
    """One measured crawl."""

    name: str
    pages: int
    articles: int
    seconds: float
    pages_per_second: float
    cpu_seconds: float
    pages_per_cpu_second: float
    peak_rss_mb: float
    exit_status: int
    server_cpu_seconds: float = 0.0
    redis_cpu_seconds: float | None = None
    helper_cpu_seconds: float = 0.0
    helper_peak_rss_mb: float = 0.0


_STAT = re.compile(r"'(response_received_count|item_scraped_count|elapsed_time_seconds"
                   r"|newscrawler/redis/idle_before_close_seconds)': ([0-9.]+)")


def stats_from_log(log: str) -> dict[str, float]:
    """``response_received_count``, ``item_scraped_count``, ``elapsed_time_seconds`` and a Redis worker's
    idle wait before closing, from the stats dump in one process's ``log``."""
    return {name: float(value) for name, value in _STAT.findall(log)}


def busy_seconds(stats: dict[str, float]) -> float:
    """The crawl's time without the idle wait of a Redis worker before it stops."""
    return stats.get("elapsed_time_seconds", 0.0) - stats.get("newscrawler/redis/idle_before_close_seconds", 0.0)


def peak_rss_kb(pid: int) -> int:
    """The process's peak resident set size so far (Linux VmHWM; else its current RSS via psutil), in KiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    try:
        import psutil

        return int(psutil.Process(pid).memory_info().rss // 1024)
    except Exception:  # noqa: BLE001 - the process is gone
        return 0


def descendants(roots: list[int]) -> list[int]:
    """The running descendants of ``roots`` (children, grandchildren...; Linux /proc, [] elsewhere)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else []:
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], list(roots)
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


class PeakWatcher:
    """Poll the peak RSS of some processes every 0.1 s until they end (a peak of the last 0.1 s may be
    missed), and the CPU seconds and peak RSS of the processes they start (page analysis workers)."""

    def __init__(self, pids: list[int]) -> None:
        self.peaks = {pid: 0 for pid in pids}
        self.helper_cpu: dict[int, float] = {}
        self.helper_peaks: dict[int, int] = {}
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()

    def _poll(self) -> None:
        rounds = 0
        while not self.done.wait(0.1):
            for pid in self.peaks:
                self.peaks[pid] = max(self.peaks[pid], peak_rss_kb(pid))
            rounds += 1
            if rounds % 5 == 1:  # every 0.5 s: walking /proc costs more
                self._poll_helpers()

    def _poll_helpers(self) -> None:
        for pid in descendants(list(self.peaks)):
            self.helper_cpu[pid] = max(self.helper_cpu.get(pid, 0.0), cpu_seconds_of(pid))
            self.helper_peaks[pid] = max(self.helper_peaks.get(pid, 0), peak_rss_kb(pid))

    def stop(self) -> int:
        """Stop polling; the largest peak, KiB."""
        self.done.set()
        self.thread.join()
        return max(self.peaks.values(), default=0)


def cpu_seconds_of(pid: int) -> float:
    """User + system CPU seconds a running process used so far (Linux /proc; 0.0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    """User + system CPU seconds of this process (the site server's thread, mostly)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_measured(name: str, commands: list[list[str]], workdir: Path, redis_pid: int | None = None) -> Run:
    """Run ``commands`` at once (one process each): pages summed, seconds of the longest crawl (without
    a Redis worker's idle wait at the end), CPU seconds summed (user + system: the figure other load on
    the machine disturbs least; with the processes they start, e.g. page analysis workers), peak RSS the
    largest of the processes (their helpers' peaks summed apart); and the CPU seconds of the site
    server (this process) and of redis-server (``redis_pid``) meanwhile."""
    server_cpu, redis_cpu = own_cpu_seconds(), cpu_seconds_of(redis_pid) if redis_pid else 0.0
    processes, logs = [], []
    for index, command in enumerate(commands):
        logs.append((workdir / f"{name}-{index}.log").open("w", encoding="utf-8"))
        processes.append(subprocess.Popen(command, stdout=logs[-1], stderr=subprocess.STDOUT, cwd=workdir))
    watcher = PeakWatcher([p.pid for p in processes])
    status, cpu = 0, 0.0
    for process in processes:
        _, wait_status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(wait_status)
        status = status or process.returncode
        cpu += usage.ru_utime + usage.ru_stime
    peak_kb = watcher.stop()
    helper_cpu = sum(watcher.helper_cpu.values())  # processes the crawls started (not in their wait4 figures)
    server_cpu = own_cpu_seconds() - server_cpu
    redis_cpu = cpu_seconds_of(redis_pid) - redis_cpu if redis_pid else 0.0
    for log in logs:
        log.close()
    stats = [stats_from_log((workdir / f"{name}-{i}.log").read_text("utf-8", "replace")) for i in range(len(commands))]
    pages = int(sum(s.get("response_received_count", 0) for s in stats))
    articles = int(sum(s.get("item_scraped_count", 0) for s in stats))
    seconds = max(busy_seconds(s) for s in stats)  # the processes started together
    cpu += helper_cpu
    return Run(name, pages, articles, round(seconds, 2), round(pages / seconds, 1) if seconds else 0.0, round(cpu, 2),
               round(pages / cpu, 1) if cpu else 0.0, round(peak_kb / 1024, 1), status, round(server_cpu, 2),
               round(redis_cpu, 2) if redis_pid else None, round(helper_cpu, 2),
               round(sum(watcher.helper_peaks.values()) / 1024, 1))


def crawl_settings(concurrency: int) -> list[str]:
    """Settings both crawls share: the same concurrency, no politeness delays (the site is ours)."""
    pairs = {"CONCURRENT_REQUESTS": concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
             "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "LOG_LEVEL": "INFO"}
    return [arg for name, value in pairs.items() for arg in ("-s", f"{name}={value}")]


def bare_command(base: str, concurrency: int) -> list[str]:
    return [sys.executable, "-m", "newscrawler.bench.bare_spider", base, *crawl_settings(concurrency)]


def full_command(base: str, concurrency: int, output: Path, warc: bool, *extra: str) -> list[str]:
    command = [sys.executable, "-m", "newscrawler.cli", "crawl", base, "--output", str(output),
               *crawl_settings(concurrency), "-s", "NEWSCRAWLER_HEALTH_ENABLED=False", "-s", "NEWSCRAWLER_PROGRESS=off"]
    return command + (["--warc"] if warc else []) + list(extra)


def warc_available() -> bool:
    """True when this newscrawler can write WARC files (``newscrawler crawl --warc``)."""
    try:
        import newscrawler.archive.warc  # noqa: F401
    except ImportError:
        return False
    return True


def redis_available() -> bool:
    try:
        import scrapy_redis  # noqa: F401

        from newscrawler.distributed.server import redis_server_binary

        return redis_server_binary().exists()
    except (ImportError, FileNotFoundError):
        return False


def probe_server(base: str, paths: list[str], concurrency: int) -> float:
    """Pages/s the server gives a plain asyncio client (in a separate process) with ``concurrency`` connections."""
    code = ("import sys, json; from newscrawler.bench.crawl import _probe; "
            "print(_probe(sys.argv[1], json.loads(sys.stdin.read()), int(sys.argv[2])))")
    result = subprocess.run([sys.executable, "-c", code, base, str(concurrency)], input=json.dumps(paths),
                            capture_output=True, text=True, timeout=600, check=True)
    return float(result.stdout.strip())


def _probe(base: str, paths: list[str], concurrency: int) -> float:
    host, port = base.split("//")[1].rstrip("/").split(":")

    async def client(share: list[str]) -> None:
        reader, writer = await asyncio.open_connection(host, int(port))
        for path in share:
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(re.search(rb"Content-Length: (\d+)", head).group(1))  # type: ignore[union-attr]
            await reader.readexactly(length)
        writer.close()

    async def main() -> float:
        started = time.monotonic()
        await asyncio.gather(*(client(paths[i::concurrency]) for i in range(concurrency)))
        return len(paths) / (time.monotonic() - started)

    return round(asyncio.run(main()), 1)


# --- The benchmark -------------------------------------------------------------------------------


def run_bench(pages: int, concurrency: int, with_redis: bool, workdir: Path,
              runs_wanted: tuple[str, ...] = ("bare", "full", "redis"), analysis_workers: int = 0,
              repeat: int = 1) -> dict[str, Any]:
    """Generate, serve and crawl the site ``repeat`` times over (the crawls of a round one after the
    other, rounds in a row, so that a passing disturbance weighs on one round); return the figures,
    the ratios being the median of the rounds' (newscrawler's crawls with ``analysis_workers`` page
    analysis processes, NEWSCRAWLER_ANALYSIS_WORKERS)."""
    site = generate_site(pages)
    server = SiteServer(site)
    warc = warc_available()
    runs: list[Run] = []
    rounds: list[dict[str, float]] = []
    with server.running() as base:
        html_paths = [p for p, (kind, _) in site.items() if kind.startswith("text/html")]
        server_rate = probe_server(base, html_paths, concurrency)
        for number in range(1, repeat + 1):
            round_runs = _run_round(base, concurrency, with_redis and "redis" in runs_wanted, warc, workdir,
                                    runs_wanted, analysis_workers, f"-{number}" if repeat > 1 else "")
            runs += round_runs
            rounds.append(_ratios({r.name.rsplit("-", 1)[0] if repeat > 1 else r.name: r for r in round_runs}))
    ratios = {name: round(statistics.median(r[name] for r in rounds), 2) for name in rounds[0]}
    return {"pages": len(html_paths), "concurrency": concurrency, "warc": warc, "cpus": os.cpu_count(),
            "analysis_workers": analysis_workers, "rounds": repeat,
            "server_pages_per_second": server_rate, "runs": [asdict(r) for r in runs], "ratios": ratios,
            "ratio_ranges": {name: [min(r[name] for r in rounds), max(r[name] for r in rounds)] for name in ratios}}


def _run_round(base: str, concurrency: int, with_redis: bool, warc: bool, workdir: Path, runs_wanted: tuple[str, ...],
               analysis_workers: int, suffix: str) -> list[Run]:
    """One crawl of each kind wanted, each into its own fresh folder (names end with ``suffix``)."""
    analysis = ("-s", f"NEWSCRAWLER_ANALYSIS_WORKERS={analysis_workers}")
    runs = []
    if "bare" in runs_wanted:
        runs.append(run_measured(f"bare{suffix}", [bare_command(base, concurrency)], workdir))
    if "full" in runs_wanted:
        runs.append(run_measured(f"full{suffix}", [full_command(base, concurrency, workdir / f"full{suffix}", warc,
                                                                *analysis)], workdir))
    if with_redis:
        from newscrawler.distributed.server import local_redis_process

        for workers in (1, 2):
            name = f"redis-{workers}-worker{'s' if workers > 1 else ''}"
            with local_redis_process() as (redis_url, redis_process):
                commands = [full_command(base, concurrency, workdir / f"redis{workers}{suffix}", warc, "--redis",
                                         redis_url, "-s", "MAX_IDLE_TIME_BEFORE_CLOSE=2", *analysis)
                            for _ in range(workers)]
                runs.append(run_measured(f"{name}{suffix}", commands, workdir, redis_process.pid))
    return runs


def _ratios(by_name: dict[str, Run]) -> dict[str, float]:
    """The ratios of one round's crawls (by their names without the round number)."""
    ratios = {}
    if "full" in by_name and "bare" in by_name:
        ratios["full_vs_bare"] = _ratio(by_name["full"], by_name["bare"])
        ratios["full_vs_bare_per_cpu_second"] = round(by_name["full"].pages_per_cpu_second
                                                      / max(by_name["bare"].pages_per_cpu_second, 1e-9), 2)
    if "redis-2-workers" in by_name:
        ratios["two_workers_vs_one"] = _ratio(by_name["redis-2-workers"], by_name["redis-1-worker"])
    return ratios


def _ratio(a: Run, b: Run) -> float:
    return round(a.pages_per_second / b.pages_per_second, 2) if b.pages_per_second else 0.0


def print_report(report: dict[str, Any], out: Any = sys.stdout) -> None:
    """The figures as a small table."""
    print(f"Site: {report['pages']} HTML pages; concurrency {report['concurrency']}; {report['cpus']} CPUs; "
          f"WARC {'on' if report['warc'] else 'off'}; analysis workers {report.get('analysis_workers', 0)}", file=out)
    print(f"Server alone (asyncio client): {report['server_pages_per_second']:.0f} pages/s", file=out)
    print(f"{'run':<18}{'pages':>8}{'articles':>9}{'seconds':>10}{'pages/s':>10}{'CPU s':>9}{'pages/CPU s':>13}"
          f"{'peak RSS MB':>13}{'exit':>6}{'server CPU s':>14}{'redis CPU s':>13}{'helpers CPU s / MB':>20}", file=out)
    for run in report["runs"]:
        redis_cpu = "" if run.get("redis_cpu_seconds") is None else f"{run['redis_cpu_seconds']:.1f}"
        print(f"{run['name']:<18}{run['pages']:>8}{run['articles']:>9}{run['seconds']:>10.2f}"
              f"{run['pages_per_second']:>10.1f}{run['cpu_seconds']:>9.1f}{run['pages_per_cpu_second']:>13.1f}"
              f"{run['peak_rss_mb']:>13.1f}{run['exit_status']:>6}{run['server_cpu_seconds']:>14.1f}{redis_cpu:>13}"
              f"{run.get('helper_cpu_seconds', 0.0):>12.1f} / {run.get('helper_peak_rss_mb', 0.0):.0f}", file=out)
    rounds = report.get("rounds", 1)
    for name, value in report["ratios"].items():
        low, high = report.get("ratio_ranges", {}).get(name, (value, value))
        spread = f" (median of {rounds} rounds; {low:.2f}-{high:.2f}x)" if rounds > 1 else ""
        print(f"{name}: {value:.2f}x{spread}", file=out)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newscrawler bench crawl", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=5000, help="pages of the generated site (default: 5000)")
    parser.add_argument("--concurrency", type=int, default=16, help="concurrent requests of every crawl (default: 16)")
    parser.add_argument("--redis", choices=["auto", "on", "off"], default="auto",
                        help="also measure one and two scrapy-redis workers (auto: when scrapy-redis and redis-server exist)")
    parser.add_argument("--runs", default="bare,full,redis",
                        help="which crawls to measure, comma-separated (default: bare,full,redis)")
    parser.add_argument("--analysis-workers", type=int, default=0, metavar="N",
                        help="page analysis worker processes of newscrawler's crawls (NEWSCRAWLER_ANALYSIS_WORKERS; "
                             "default: 0, analysis in the crawl's process)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="measure every crawl N times, in N rounds; ratios are the median of the rounds' (default: 1)")
    parser.add_argument("--json", metavar="FILE", type=Path, default=None, help="also write the figures as JSON")
    parser.add_argument("--keep", metavar="DIR", type=Path, default=None, help="keep logs and archives in DIR")
    return parser


def main(argv: list[str]) -> int:
    """``newscrawler bench crawl [--pages N] ...``; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    runs = tuple(name.strip() for name in args.runs.split(",") if name.strip())
    if args.pages < 10 or args.concurrency < 1 or args.analysis_workers < 0 or args.repeat < 1:
        parser.error("--pages must be at least 10, --concurrency and --repeat at least 1, --analysis-workers 0 or more")
    if not runs or set(runs) - {"bare", "full", "redis"}:
        parser.error(f"--runs takes bare, full and/or redis, not {args.runs!r}")
    with_redis = args.redis == "on" or (args.redis == "auto" and redis_available())
    with tempfile.TemporaryDirectory(prefix="newscrawler-bench-") as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        report = run_bench(args.pages, args.concurrency, with_redis, workdir, runs, args.analysis_workers, args.repeat)
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r["exit_status"] == 0 for r in report["runs"]) else 1
