"""Page analysis (parse, links, page type, extraction) in a worker process, off the crawl's event loop.

On a machine with a spare core, the crawl's own process then only fetches, schedules and writes,
while a worker process analyses pages: the two run side by side. A worker that crashes (killed,
out of memory, a segfault in a parser) or hangs longer than NEWSCRAWLER_ANALYSIS_TIMEOUT seconds is
replaced; the pages it held are analysed again by the new one, so no record is lost to another
page's crash, and a page whose own analysis crashes twice or hangs fails alone, like a page that
cannot be parsed.

Workers are started by ``forkserver`` (a clean process, never a fork of the crawl with its threads
and open sockets).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from newscrawler.extract import Document, discover_links, extract_article, is_article_page
from newscrawler.extract.links import PageLinks

logger = logging.getLogger(__name__)


class AnalysisFailed(Exception):
    """A page's analysis crashed its worker twice, or took longer than the timeout."""


def analyse_page(body: bytes, url: str, content_type: str) -> tuple[PageLinks, dict[str, Any] | None]:
    """The links of an HTML page, and its record if it is an article page (None otherwise)."""
    doc = Document.parse(body, url, content_type)
    links = discover_links(doc)
    return links, extract_article(doc, url) if is_article_page(doc) else None


def _kill_workers(executor: ProcessPoolExecutor) -> None:
    """Kill the worker processes of ``executor`` at once (a hung worker never returns to be shut down).
    Python 3.14 has ``ProcessPoolExecutor.kill_workers()``; before it, there is no public way, and
    the executor's own process table is the only safe one (the workers are the forkserver's children,
    not ours, so their pids cannot be checked before a kill)."""
    kill_workers = getattr(executor, "kill_workers", None)
    if kill_workers is not None:
        kill_workers()
        return
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        process.kill()


class AnalysisPool:
    """``workers`` processes that run :func:`analyse_page`; replaced when one crashes or hangs."""

    def __init__(self, workers: int, timeout: float) -> None:
        self.workers = max(1, workers)
        self.timeout = timeout
        self.executor: ProcessPoolExecutor | None = None
        self.generation = 0

    def _pool(self) -> ProcessPoolExecutor:
        if self.executor is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["newscrawler.spiders.analysis"])
            self.executor = ProcessPoolExecutor(self.workers, mp_context=context)
            self.generation += 1
        return self.executor

    def _replace(self, generation: int, reason: str) -> None:
        """Stop the workers of pool ``generation`` (if still the current one); the next page starts new ones."""
        if self.executor is None or generation != self.generation:
            return  # already replaced for another page of the same pool
        logger.warning("Page analysis worker %s: starting a new one", reason)
        self._stop(kill=True)

    def _stop(self, kill: bool) -> None:
        executor, self.executor = self.executor, None
        if executor is None:
            return
        if kill:
            _kill_workers(executor)
        executor.shutdown(wait=not kill, cancel_futures=True)

    async def analyse(self, body: bytes, url: str, content_type: str) -> tuple[PageLinks, dict[str, Any] | None]:
        """:func:`analyse_page` in a worker; once more in a new worker if the worker crashed meanwhile
        (on this page or on another one)."""
        try:
            return await self._attempt(body, url, content_type)
        except BrokenProcessPool:
            pass
        try:
            return await self._attempt(body, url, content_type)
        except BrokenProcessPool:
            raise AnalysisFailed(f"the analysis worker crashed twice on {url}") from None

    async def _attempt(self, body: bytes, url: str, content_type: str) -> tuple[PageLinks, dict[str, Any] | None]:
        """One try in the current workers; they are replaced when they crashed or this page hung."""
        pool = self._pool()
        generation = self.generation
        try:
            future: Future[Any] = pool.submit(analyse_page, body, url, content_type)
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)  # type: ignore[no-any-return]
        except BrokenProcessPool:
            self._replace(generation, "stopped")
            raise
        except asyncio.TimeoutError:
            self._replace(generation, f"took longer than {self.timeout:g} s on {url}")
            raise AnalysisFailed(f"analysis took longer than {self.timeout:g} s") from None

    def close(self) -> None:
        """Stop the workers (waiting for the pages they hold)."""
        self._stop(kill=False)
