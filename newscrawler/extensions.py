"""Crawl-wide extensions (enabled in settings.EXTENSIONS)."""

from __future__ import annotations

import gc
import logging
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from twisted.internet.error import ConnectError, DNSLookupError, TimeoutError as TwistedTimeoutError
from twisted.web._newclient import ResponseFailed

_NETWORK_ERRORS: tuple[type[BaseException], ...] = (ConnectError, DNSLookupError, TwistedTimeoutError,
                                                      ResponseFailed, IgnoreRequest, TimeoutError, ConnectionError)


def _is_network_error(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, _NETWORK_ERRORS) or type(exc).__module__ == "scrapy.exceptions" and "Download" in type(exc).__name__:
            return True
        exc = exc.__cause__ or exc.__context__
    return False


class _DropNetworkTracebacks(logging.Filter):
    """Keep the one-line message of a network failure, drop its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and _is_network_error(record.exc_info[1]):
            record.exc_info = None
            record.exc_text = None
        return True


class QuietNetworkErrors:
    """A failed fetch is a fact about the web, not a bug: log it in one line, without a traceback.

    Scrapy's robots.txt middleware, scraper and engine log such failures with a traceback; this
    filter on their loggers keeps the message and drops the traceback. Setting:
    NEWSCRAWLER_NETWORK_TRACEBACKS = True turns it off.
    """

    LOGGERS = ("scrapy.downloadermiddlewares.robotstxt", "scrapy.downloadermiddlewares.retry",
               "scrapy.core.scraper", "scrapy.core.engine", "scrapy.core.downloader")

    def __init__(self) -> None:
        self.filter = _DropNetworkTracebacks()
        for name in self.LOGGERS:
            logging.getLogger(name).addFilter(self.filter)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "QuietNetworkErrors":
        if crawler.settings.getbool("NEWSCRAWLER_NETWORK_TRACEBACKS"):
            raise NotConfigured
        return cls()


def gc_thresholds(value: Any) -> tuple[int, ...]:
    """``NEWSCRAWLER_GC_THRESHOLDS`` as 1 to 3 positive whole numbers (``"20000,50,100"`` or a list);
    empty for ``[]`` or ``""``. ValueError for anything else."""
    items = value.split(",") if isinstance(value, str) else list(value or [])
    problem = ValueError("expected up to three whole numbers, 1 or more, e.g. 20000,50,100")
    try:
        numbers = tuple(int(str(item).strip()) for item in items if str(item).strip())
    except ValueError:
        raise problem from None
    if len(numbers) > 3 or any(number < 1 for number in numbers):
        raise problem
    return numbers


class GarbageCollectorTuning:
    """Fewer cyclic garbage collections during the crawl (CPython's defaults suit small scripts).

    A crawl allocates many short-lived objects per page; with the default first-generation threshold
    (700) CPython ran about 750 collections in a 2,000-page crawl, 5-6 % of its CPU time. While the
    crawl runs, objects alive at its start are frozen out of the collector's walks (``gc.freeze``) and the
    thresholds are ``NEWSCRAWLER_GC_THRESHOLDS``; both are put back when the crawl closes. Reference
    counting still frees everything without cycles at once, so memory stays flat. An empty list leaves
    the collector alone.
    """

    def __init__(self, thresholds: tuple[int, ...], stats: Any = None) -> None:
        self.thresholds = thresholds
        self.stats = stats
        self.previous: tuple[int, ...] | None = None
        self.collections_before = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "GarbageCollectorTuning":
        thresholds = gc_thresholds(crawler.settings.get("NEWSCRAWLER_GC_THRESHOLDS"))
        if not thresholds:
            raise NotConfigured
        extension = cls(thresholds, crawler.stats)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self) -> None:
        self.previous = gc.get_threshold()
        self.collections_before = _collections()
        gc.freeze()
        gc.set_threshold(*self.thresholds)

    def spider_closed(self) -> None:
        if self.previous is None:
            return
        gc.set_threshold(*self.previous)
        gc.unfreeze()
        self.previous = None
        if self.stats is not None:
            self.stats.set_value("newscrawler/gc_collections", _collections() - self.collections_before)


def _collections() -> int:
    """Garbage collections run so far in this process, all generations."""
    return sum(generation["collections"] for generation in gc.get_stats())
