"""The ``news`` spider: where to go on a news site, and when a page becomes a record.

Start pages, sitemaps (found through robots.txt) and RSS/Atom feeds (found through
``<link rel="alternate">``) feed the frontier; every HTML page is handed to
``newscrawler.extract``; article pages become records, their comment pages are fetched one
after another and merged into the same record before it is yielded.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any, AsyncIterator, Iterator
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from newscrawler.extract import Document, PageLinks, discover_links, extract_comments
from newscrawler.extract.comments import is_comment_page_url
from newscrawler.extract.document import looks_binary
from newscrawler.extract.feeds import parse_entries, xml_kind
from newscrawler.checks import settings_error
from newscrawler.middlewares import classify_failure, robots_txt_shared
from newscrawler.spiders.analysis import AnalysisPool, analyse_page
from newscrawler.urls import BadStartUrl, host_of, robots_sitemaps, split_start_urls

logger = logging.getLogger(__name__)

_XML_TYPES = (b"xml", b"rss", b"atom")


def utc_now() -> str:
    """The current UTC time, ISO 8601 with seconds."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class NewsSpider(scrapy.Spider):
    """Crawl news sites from start URLs (home/section pages, sitemaps or feeds) into article records.

    Arguments (``-a NAME=VALUE``): ``urls`` (comma-separated, required), ``max_pages``, ``since``
    (YYYY-MM-DD); they override the NEWSCRAWLER_MAX_PAGES and NEWSCRAWLER_SINCE settings.
    """

    name = "news"
    # Set by from_crawler (from the -a arguments or the settings).
    max_pages: int
    since: str | None
    follow_comment_pages: bool
    max_comment_pages: int

    def __init__(self, urls: str | list[str] = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.argument_error: str | None = None
        try:
            self.start_urls = split_start_urls(urls)
        except BadStartUrl as exc:
            self.start_urls, self.argument_error = [], str(exc)
        self.allowed_domains = sorted({host_of(u) for u in self.start_urls})
        self.pages_budgeted: set[str] = set()
        self.analysis: AnalysisPool | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> "NewsSpider":
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        problem = settings_error(settings)
        if problem:  # one line ("Crawl not started: ..."), before a bad value breaks something mid-crawl
            raise ValueError(problem)
        spider.max_pages = int(kwargs.get("max_pages") or settings.getint("NEWSCRAWLER_MAX_PAGES"))
        since = kwargs.get("since") or settings.get("NEWSCRAWLER_SINCE")
        spider.since = datetime.strptime(since, "%Y-%m-%d").date().isoformat() if since else None
        spider.follow_comment_pages = settings.getbool("NEWSCRAWLER_FOLLOW_COMMENT_PAGES")
        spider.max_comment_pages = settings.getint("NEWSCRAWLER_MAX_COMMENT_PAGES")
        workers = settings.getint("NEWSCRAWLER_ANALYSIS_WORKERS")
        spider.analysis = AnalysisPool(workers, settings.getfloat("NEWSCRAWLER_ANALYSIS_TIMEOUT")) if workers else None
        if spider.analysis is not None:
            crawler.signals.connect(spider.analysis.close, signal=signals.engine_stopped)
        return spider

    # --- Start ---------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        """Each start URL, and each site's robots.txt (for its sitemaps)."""
        if self.argument_error:
            logger.error("Bad spider argument: %s", self.argument_error)
            raise CloseSpider("bad_arguments")
        for url in self.start_urls:
            request = self._page_request(url, via="start", priority=1)
            if request is not None:  # more start URLs than --max-pages
                yield request
        if robots_txt_shared(self.crawler.settings):
            return  # Scrapy fetches each site's robots.txt for its rules; parse_robots gets it from there
        for site in dict.fromkeys(f"{p.scheme}://{p.netloc}" for p in map(urlsplit, self.start_urls)):
            yield scrapy.Request(f"{site}/robots.txt", callback=self.parse_robots, errback=self.on_error,
                                 meta={"via": "start", "handle_httpstatus_list": [404, 410]}, priority=2)

    # --- Requests ------------------------------------------------------------------------------

    def _page_request(self, url: str, via: str, priority: int = 0) -> scrapy.Request | None:
        """A request for a page, or None when the page budget (--max-pages) is spent.

        The budget counts distinct URLs, so a link seen on many pages uses it once; the set holds at
        most ``max_pages`` URLs and exists only when a budget is set."""
        if self.max_pages:
            key = canonicalize_url(url)
            if key not in self.pages_budgeted:
                if len(self.pages_budgeted) >= self.max_pages:
                    self.crawler.stats.inc_value("newscrawler/skipped/max_pages")
                    return None
                self.pages_budgeted.add(key)
        return scrapy.Request(url, callback=self.parse, errback=self.on_error, meta={"via": via},
                              priority=priority)

    def _follow(self, urls: Iterator[str] | list[str], via: str) -> Iterator[scrapy.Request]:
        for url in urls:
            if host_of(url) in self.allowed_domains and not is_comment_page_url(url):
                request = self._page_request(url, via)
                if request is not None:
                    yield request

    def _too_old(self, date: str | None) -> bool:
        return bool(self.since and date and date[:10] < self.since)

    # --- Callbacks -----------------------------------------------------------------------------

    async def parse(self, response: Response, **kwargs: Any) -> AsyncIterator[Any]:
        """Any page: a sitemap or feed (by its XML root), an HTML page, or something we skip."""
        body = self._xml_body(response)
        if body is not None:
            for output in self.parse_xml(response, body):
                yield output
        elif not response.body.strip():
            self.crawler.stats.inc_value("newscrawler/skipped/empty_page")
            logger.info("Skipped %s: empty page (HTTP %s)", response.url, response.status)
        elif isinstance(response, TextResponse) and b"html" in header(response, b"Content-Type", b"text/html").lower() \
                and not looks_binary(response.body):
            async for output in self.parse_html(response):
                yield output
        elif not response.meta.get("bad_gzip"):  # a broken .gz is counted once, as errors/bad_gzip
            self.crawler.stats.inc_value("newscrawler/skipped/not_html")
            logger.info("Skipped %s: not HTML (%s)", response.url,
                        header(response, b"Content-Type", b"no content type").decode("latin-1"))

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """Sitemaps listed in robots.txt (a site without one answers 404: nothing to do). Called for the
        robots.txt of every site the crawl fetches from (RobotsSitemapsMiddleware); only the start
        sites' sitemaps are followed."""
        if response.status != 200:
            return
        for url in robots_sitemaps(response.body, response.url):
            if host_of(url) in self.allowed_domains:
                yield scrapy.Request(url, callback=self.parse, errback=self.on_error, meta={"via": "sitemap"})

    def parse_xml(self, response: Response, body: bytes) -> Iterator[scrapy.Request]:
        """Sitemap index → sitemaps; urlset, RSS, Atom → pages (skipping those older than --since)."""
        kind = xml_kind(body)
        via = "feed" if kind in ("rss", "atom") else "sitemap"
        self.crawler.stats.inc_value(f"newscrawler/{via}s_parsed")
        for entry in parse_entries(body, response.url):
            if host_of(entry.url) not in self.allowed_domains:
                continue
            if kind == "sitemapindex":
                yield scrapy.Request(entry.url, callback=self.parse, errback=self.on_error, meta={"via": via})
            elif self._too_old(entry.date):
                self.crawler.stats.inc_value("newscrawler/skipped/older_than_since")
            else:
                yield from self._follow([entry.url], via)

    async def parse_html(self, response: TextResponse) -> AsyncIterator[Any]:
        """An HTML page: follow its links and feeds; an article page becomes a record."""
        content_type = header(response, b"Content-Type").decode("latin-1")
        try:
            if self.analysis is not None:  # in a worker process (NEWSCRAWLER_ANALYSIS_WORKERS)
                links, record = await self.analysis.analyse(response.body, response.url, content_type)
            else:
                links, record = analyse_page(response.body, response.url, content_type)
        except Exception as exc:  # noqa: BLE001 - one bad page must not stop the crawl
            self.crawler.stats.inc_value("newscrawler/errors/extraction_failed")
            logger.warning("Could not parse %s: %s: %s", response.url, type(exc).__name__, exc)
            logger.debug("Parse failure on %s", response.url, exc_info=True)
            return
        for output in self._page_outputs(response, links, record):
            yield output

    def _page_outputs(self, response: TextResponse, links: PageLinks, record: dict[str, Any] | None) -> Iterator[Any]:
        """The requests an analysed page leads to, and its record (or its first comment page's request)."""
        yield from self._follow(links.feeds, "link")
        yield from self._follow(links.links, "link")
        if record is None:
            self.crawler.stats.inc_value("newscrawler/pages/other")
            return
        self.crawler.stats.inc_value("newscrawler/pages/article")
        if self._too_old(record["datePublished"]):
            self.crawler.stats.inc_value("newscrawler/skipped/older_than_since")
            return
        record.update(url=response.url, fetchedAt=utc_now(), httpStatus=response.status,
                      discoveredVia=response.meta.get("via", "link"), warc=response.meta.get("warc"))
        pending = [u for u in links.comment_pages if u != response.url] if self.follow_comment_pages else []
        yield from self._next_comment_page(record, pending, seen=[response.url])

    def _next_comment_page(self, record: dict[str, Any], pending: list[str], seen: list[str]) -> Iterator[Any]:
        """Request the next unseen comment page of ``record``, or yield the finished record."""
        pending = [u for u in dict.fromkeys(pending) if u not in seen]
        if pending and len(seen) < self.max_comment_pages:
            yield scrapy.Request(pending[0], callback=self.parse_comment_page, errback=self.on_comment_page_error,
                                 cb_kwargs={"record": record, "pending": pending[1:], "seen": seen},
                                 dont_filter=True, priority=10)
        else:
            record["commentCount"] = len(record["comments"])
            yield record

    def parse_comment_page(self, response: Response, record: dict[str, Any], pending: list[str],
                           seen: list[str]) -> Iterator[Any]:
        """Another comment page of an article: merge its comments, then go on."""
        seen = [*seen, response.url, *([response.request.url] if response.request is not None else [])]
        if isinstance(response, TextResponse):
            try:
                doc = Document.parse(response.body, response.url)
                known = {c["commentId"] for c in record["comments"]}
                new = [c for c in extract_comments(doc) if c["commentId"] not in known]
                pending = [*pending, *discover_links(doc).comment_pages]
            except Exception as exc:  # noqa: BLE001 - a bad comment page must not lose the article
                self.crawler.stats.inc_value("newscrawler/errors/extraction_failed")
                logger.warning("Could not parse comment page %s: %s: %s", response.url, type(exc).__name__, exc)
                new = []
            record["comments"].extend(new)
            self.crawler.stats.inc_value("newscrawler/comment_pages")
        yield from self._next_comment_page(record, pending, seen)

    # --- Errors --------------------------------------------------------------------------------

    def on_error(self, failure: Failure) -> None:
        """Log a failed request in one line and count it by kind; the crawl goes on."""
        request = failure.request  # type: ignore[attr-defined]
        refused = classify_failure(failure.value)
        if refused is not None and refused[0] == "skipped":
            self.crawler.stats.inc_value(f"newscrawler/skipped/{refused[1]}")
            logger.info("Skipped %s: %s", request.url, refused[2])
            return
        kind, reason = refused[1:] if refused else describe_failure(failure)
        self.crawler.stats.inc_value(f"newscrawler/errors/{kind}")
        level = logging.INFO if request.url.endswith("/robots.txt") else logging.WARNING
        logger.log(level, "Failed %s: %s", request.url, reason)

    def on_comment_page_error(self, failure: Failure) -> Iterator[Any]:
        """A comment page failed: keep the comments already merged and finish the record."""
        self.on_error(failure)
        kwargs = failure.request.cb_kwargs  # type: ignore[attr-defined]
        yield from self._next_comment_page(kwargs["record"], kwargs["pending"],
                                           [*kwargs["seen"], failure.request.url])  # type: ignore[attr-defined]

    # --- Helpers -------------------------------------------------------------------------------

    def _xml_body(self, response: Response) -> bytes | None:
        """The (gunzipped) body if the response is a sitemap or feed, else None."""
        body = response.body
        if body[:2] == b"\x1f\x8b":
            try:
                body = gunzip(body, max_size=self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
            except Exception as exc:  # noqa: BLE001 - a broken archive is one more bad page
                self.crawler.stats.inc_value("newscrawler/errors/bad_gzip")
                response.meta["bad_gzip"] = True
                logger.warning("Skipped %s: cannot gunzip (%s)", response.url, exc)
                return None
        content_type = header(response, b"Content-Type").lower()
        head = body[:512].lstrip().lower()
        looks_xml = head.startswith(b"<?xml") or any(t in content_type for t in _XML_TYPES)
        if looks_xml and b"html" not in content_type and xml_kind(body) != "unknown":
            return body
        return None


def header(response: Response, name: bytes, default: bytes = b"") -> bytes:
    """The last value of a response header; ``default`` when the header is missing or has no value
    (``Headers.get`` gives None for a header set to None or to an empty list)."""
    value = response.headers.get(name)
    return default if value is None else value


def describe_failure(failure: Failure) -> tuple[str, str]:
    """A stats key and a one-line reason for a failed request."""
    exc = failure.value
    if isinstance(exc, HttpError):
        status = exc.response.status
        return f"http_{status}", f"HTTP {status}"
    name = type(exc).__name__
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else name
    return name, f"{name}: {message}"[:300]
