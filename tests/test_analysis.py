"""Page analysis in worker processes (NEWSCRAWLER_ANALYSIS_WORKERS): the same results as in the crawl's
process; a worker that crashes or hangs is replaced without losing the other pages; a real crawl with a
worker archives the same records as one without."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

from archive_site import NewsSite
from conftest import FAST, read_archive, run_newscrawler, serve_routes

from newscrawler.spiders.analysis import AnalysisFailed, AnalysisPool, analyse_page

PARAGRAPH = "<p>The harbour council met on Tuesday to discuss the ferry timetable and the budget of the market.</p>"
STORY = (b"<html lang='en'><head><title>Ferry timetable</title><meta property='og:type' content='article'>"
         b"<meta name='author' content='Ann Lee'></head><body><article><h1>Ferries every hour from May</h1>"
         + PARAGRAPH.encode() * 4 + b"</article><a href='/news/other/'>Other news</a></body></html>")
URL = "http://127.0.0.1:8000/news/ferry/"


def big_page(paragraphs: int) -> bytes:
    """An article page whose analysis takes a while (about 0.5 s for 8,000 paragraphs)."""
    links = "".join(f"<a href='/x/{i}/'>link {i}</a>" for i in range(paragraphs // 10))
    return (f"<html><head><title>Big</title><meta property='og:type' content='article'></head><body><article>"
            f"<h1>A very long report</h1>{PARAGRAPH * paragraphs}{links}</article></body></html>").encode()


def worker_pids(pool: AnalysisPool) -> list[int]:
    return [p.pid for p in getattr(pool.executor, "_processes", {}).values()]


def test_a_worker_gives_what_the_crawl_process_gives() -> None:
    pool = AnalysisPool(1, timeout=60)
    try:
        links, record = asyncio.run(pool.analyse(STORY, URL, "text/html"))
    finally:
        pool.close()
    expected_links, expected_record = analyse_page(STORY, URL, "text/html")
    assert links == expected_links and "http://127.0.0.1:8000/news/other/" in links.links
    assert record == expected_record and record is not None and record["headline"] == "Ferries every hour from May"


def test_a_crashed_worker_is_replaced_and_its_pages_analysed_again() -> None:
    pool = AnalysisPool(1, timeout=60)

    async def main() -> list[object]:
        await pool.analyse(STORY, URL, "text/html")  # the worker is up
        pending = [asyncio.ensure_future(pool.analyse(big_page(8000), f"{URL}{i}/", "text/html")) for i in range(2)]
        await asyncio.sleep(0.2)
        for pid in worker_pids(pool):
            os.kill(pid, signal.SIGKILL)  # killed mid-page (out of memory, a segfault...)
        return list(await asyncio.gather(*pending))

    try:
        results = asyncio.run(main())
    finally:
        pool.close()
    assert len(results) == 2 and all(record is not None for _, record in results)  # type: ignore[misc]
    assert pool.generation == 2  # one replacement


def test_a_hung_page_fails_alone_and_the_next_page_gets_a_new_worker() -> None:
    pool = AnalysisPool(1, timeout=0.3)

    async def main() -> tuple[BaseException | None, object]:
        await pool.analyse(STORY, URL, "text/html")
        slow = asyncio.ensure_future(pool.analyse(big_page(20000), f"{URL}big/", "text/html"))
        error: BaseException | None = None
        try:
            await slow
        except AnalysisFailed as exc:
            error = exc
        return error, await pool.analyse(STORY, URL, "text/html")

    started = time.monotonic()
    try:
        error, (links, record) = asyncio.run(main())  # type: ignore[misc]
    finally:
        pool.close()
    assert isinstance(error, AnalysisFailed) and "longer than 0.3 s" in str(error)
    assert record is not None and links.links
    assert time.monotonic() - started < 20


def test_a_crawl_with_an_analysis_worker_archives_the_same_records(tmp_path: Path) -> None:
    site = NewsSite(articles=4)
    archives = {}
    with serve_routes(site.routes()) as base:
        for setting in ("0", "1"):
            output = tmp_path / setting
            result = run_newscrawler("crawl", base, "--output", str(output), *FAST,
                                     "-s", f"NEWSCRAWLER_ANALYSIS_WORKERS={setting}")
            assert result.returncode == 0, result.stderr[-3000:]
            assert "Traceback" not in result.stderr
            archives[setting] = {r["url"]: (r["headline"], r["articleBody"], len(r["comments"]))
                                 for r in read_archive(output)}
    assert len(archives["0"]) == 4 and archives["1"] == archives["0"]
