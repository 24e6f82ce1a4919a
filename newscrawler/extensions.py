"""Crawl-wide extensions (enabled in settings.EXTENSIONS)."""

from __future__ import annotations

import logging

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
