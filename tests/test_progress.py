"""Progress: the line's figures, then real crawls — log lines when stderr is a file, a live line
redrawn in place when stderr is a terminal (a pseudo-terminal here)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import time
from pathlib import Path

from conftest import html, run_newscrawler, serve_routes

from newscrawler.progress import format_line, pages_per_minute, take_snapshot

STATS = {"response_received_count": 120, "newscrawler/articles": 80, "newscrawler/comments": 310,
         "newscrawler/errors/http_404": 2, "newscrawler/errors/TimeoutError": 1, "newscrawler/errors/note": "x"}


def test_snapshot_sums_errors_of_every_kind() -> None:
    snap = take_snapshot(STATS, queue=35, when=100.0)
    assert (snap.pages, snap.articles, snap.comments, snap.errors, snap.queue) == (120, 80, 310, 3, 35)


def test_pages_per_minute_between_snapshots() -> None:
    older = take_snapshot({"response_received_count": 20}, None, when=10.0)
    newer = take_snapshot({"response_received_count": 50}, None, when=25.0)
    assert pages_per_minute(older, newer) == 120.0
    assert pages_per_minute(newer, newer) == 0.0


def test_format_line() -> None:
    line = format_line(take_snapshot(STATS, queue=35, when=0.0), 240.4)
    assert line == "pages 120 | articles 80 | comments 310 | errors 3 | 240 pages/min | queue 35"
    assert format_line(take_snapshot({}, queue=None, when=0.0), 0).endswith("0 pages/min | queue ?")


def slow_site() -> dict:
    """A front page and eight articles that each take 0.4 s: one at a time, a crawl of over 3 s."""

    def story(path: str) -> tuple[int, dict[str, str], bytes]:
        time.sleep(0.4)
        name = path.strip("/")
        text = "".join(f"<p>Story {name}, paragraph {i}: the harbour board met again on Tuesday to discuss "
                       f"the ferry timetable and the cost of the new pier.</p>" for i in range(4))
        return html(f'<html lang="en"><head><title>Story {name}</title><meta property="og:type" content="article">'
                    f'</head><body><article><h1>Story {name}</h1>{text}</article></body></html>')

    routes: dict = {"/": html("<html><body>" + "".join(f'<a href="/s{i}/">Story {i}</a>' for i in range(8))
                              + "</body></html>")}
    routes.update({f"/s{i}/": story for i in range(8)})
    return routes


CRAWL = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=1"]


def test_log_lines_when_not_a_terminal(tmp_path: Path) -> None:
    with serve_routes(slow_site()) as base:
        result = run_newscrawler("crawl", base, "--output", str(tmp_path), "-s", "LOGSTATS_INTERVAL=0.5", *CRAWL)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [line for line in result.stderr.splitlines() if "[newscrawler.progress] INFO: Progress: pages" in line]
    assert len(lines) >= 2
    assert "pages/min | queue" in lines[-1]
    assert "\r" not in result.stderr
    assert "Crawl finished: pages " in result.stderr and "| articles 8 | comments 0 | errors 0 |" in result.stderr
    assert "Crawled " not in result.stderr  # Scrapy's own LogStats line is replaced


def test_live_line_on_a_terminal(tmp_path: Path) -> None:
    with serve_routes(slow_site()) as base:
        main, secondary = pty.openpty()
        process = subprocess.Popen([sys.executable, "-m", "newscrawler.cli", "crawl", base, "--output", str(tmp_path),
                                    *CRAWL], stdout=subprocess.DEVNULL, stderr=secondary, stdin=subprocess.DEVNULL)
        os.close(secondary)
        output = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            output += chunk
        os.close(main)
        assert process.wait(timeout=120) == 0
    text = output.decode("utf-8", "replace")
    redraws = [part for part in text.split("\r\x1b[K") if part.startswith("pages ")]
    assert len(redraws) >= 2, text[-2000:]
    assert "pages/min | queue" in redraws[-1]
    assert "Crawl finished: pages" in text
