"""Middlewares for a hostile web: honour Retry-After, stay out of crawler traps, name every refusal.

* :class:`RetryAfterMiddleware` — Scrapy's retry middleware, but a 429/503 answer with a
  ``Retry-After`` header is retried only after that wait (capped by NEWSCRAWLER_RETRY_AFTER_MAX).
* :class:`TrapFilterMiddleware` — a spider middleware on discovered links: session ids are removed
  from URLs; calendar pages, pagination past NEWSCRAWLER_MAX_PAGINATION and URL patterns seen more
  than NEWSCRAWLER_MAX_PAGES_PER_PATTERN times are not followed. The patterns are data
  (``extract/rules/traps.json``).
* :func:`classify_failure` — a stats key and a one-line reason for requests Scrapy refused or gave up.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.http.request import NO_CALLBACK
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

from newscrawler.linkfilter import RecentCounter, RecentSet

logger = logging.getLogger(__name__)


# --- Retry-After ---------------------------------------------------------------------------------

def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date); None if unusable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Retry like Scrapy does, but wait what a 429/503 ``Retry-After`` asks (at most NEWSCRAWLER_RETRY_AFTER_MAX s)."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.max_wait = settings.getfloat("NEWSCRAWLER_RETRY_AFTER_MAX")

    # Scrapy awaits a coroutine process_response (2.13+); RetryMiddleware's is typed as the plain method
    async def process_response(  # type: ignore[override]
            self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        """The retry request (after the wait the server asked for), or the response."""
        retry = super().process_response(request, response)
        wait = retry_after_seconds(response.headers.get(b"Retry-After")) if response.status in (429, 503) else None
        if isinstance(retry, Request) and wait:
            wait = min(wait, self.max_wait)
            self.crawler.stats.inc_value("newscrawler/retry_after/waits")
            self.crawler.stats.inc_value("newscrawler/retry_after/seconds", round(wait))
            logger.info("%s answered %s: retrying in %.1f s (Retry-After)", request.url, response.status, wait)
            # The reactor Scrapy installed; importing it at module level would install the default one.
            from twisted.internet import reactor

            await maybe_deferred_to_future(deferLater(reactor, wait, lambda: None))
        return retry


# --- robots.txt -------------------------------------------------------------------------------

ROBOTS_SITEMAPS_MIDDLEWARE = "newscrawler.middlewares.RobotsSitemapsMiddleware"


class RobotsSitemapsMiddleware:
    """Downloader middleware: give each robots.txt that Scrapy's RobotsTxtMiddleware fetches (for its
    rules) to the spider's ``parse_robots`` (for its sitemaps), so that a site's robots.txt is fetched
    once per crawl. On only with ROBOTSTXT_OBEY; without it the spider fetches robots.txt itself
    (see :func:`robots_txt_shared`)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RobotsSitemapsMiddleware":
        if not robots_txt_shared(crawler.settings):
            raise NotConfigured
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        asked = (request.meta.get("redirect_urls") or [request.url])[0]
        if request.callback is NO_CALLBACK and request.meta.get("dont_obey_robotstxt") \
                and urlsplit(asked).path == "/robots.txt":  # RobotsTxtMiddleware's own request
            parse = getattr(self.crawler.spider, "parse_robots", None)
            for found in parse(response) if parse is not None else ():
                found.meta.setdefault("depth", 1)  # one link from robots.txt, as DepthMiddleware counts a yielded one
                self.crawler.engine.crawl(found)
        return response


def robots_txt_shared(settings: BaseSettings) -> bool:
    """True when the spider reads robots.txt through :class:`RobotsSitemapsMiddleware` (Scrapy's
    RobotsTxtMiddleware fetches it), False when it must fetch robots.txt itself."""
    enabled = settings.getwithbase("DOWNLOADER_MIDDLEWARES")
    return settings.getbool("ROBOTSTXT_OBEY") and all(enabled.get(name) is not None for name in (
        "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware", ROBOTS_SITEMAPS_MIDDLEWARE))


# --- Traps ---------------------------------------------------------------------------------------

@cache
def trap_rules() -> dict[str, Any]:
    """The trap patterns of ``extract/rules/traps.json``, compiled, loaded once."""
    text = resources.files("newscrawler.extract").joinpath("rules/traps.json").read_text("utf-8")
    data = json.loads(text)
    flags = re.IGNORECASE
    return {
        "session_params": {p.lower() for p in data["session_params"]},
        "session_path": re.compile(rf";(?:{'|'.join(map(re.escape, data['session_path_params']))})=[^/?#;]*", flags),
        "calendar": [re.compile(p, flags) for p in data["calendar_patterns"]],
        "date_path": re.compile(data["date_path_pattern"]),
        "pagination": [re.compile(p, flags) for p in data["pagination_patterns"]],
    }


def strip_session_ids(url: str) -> str:
    """``url`` without session-id query and path parameters (``?sid=…``, ``;jsessionid=…``)."""
    rules = trap_rules()
    parts = urlsplit(url)
    path = rules["session_path"].sub("", parts.path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in rules["session_params"]]
    if path == parts.path and len(query) == len(parse_qsl(parts.query, keep_blank_values=True)):
        return url
    return urlunsplit(parts._replace(path=path, query=urlencode(query)))


def page_number(url: str) -> int | None:
    """The page number of a listing-pagination URL (``?page=7``, ``/page/7/``), or None."""
    for pattern in trap_rules()["pagination"]:
        found = pattern.search(url)
        if found:
            return int(found.group(1)[:9])
    return None


def is_calendar_url(url: str, min_year: int, max_year: int) -> bool:
    """True for a calendar page, or a dated path (``/1850/01/``) outside ``min_year``..``max_year``."""
    rules = trap_rules()
    if any(p.search(url) for p in rules["calendar"]):
        return True
    path = urlsplit(url).path
    return any(not min_year <= int(year) <= max_year for year in rules["date_path"].findall(path))


def url_pattern(url: str) -> str:
    """The shape of a URL: host, path with digit runs as ``0``, sorted query names (values dropped)."""
    parts = urlsplit(url)
    names = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return f"{parts.hostname}{re.sub(r'[0-9]+', '0', parts.path)}?{'&'.join(names)}"


class TrapFilterMiddleware:
    """Keep discovered links out of crawler traps (see the module docstring); each refusal is counted
    under ``newscrawler/skipped/trap_<kind>`` and logged once per kind and site.

    Memory is bounded however long the crawl: the URLs already let through (checked again only for
    depth) and the per-pattern counts live in two generations of at most ``memory`` entries each
    (``newscrawler.linkfilter.RecentSet``); a pattern not met while ``memory`` others were starts
    counting again."""

    memory = 10000  # per generation: ~1.5 MB at most for both structures (20,000 grew a 50,000-page crawl by 3 MB more)

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.stats = crawler.stats
        self.max_pagination = settings.getint("NEWSCRAWLER_MAX_PAGINATION")
        self.max_per_pattern = settings.getint("NEWSCRAWLER_MAX_PAGES_PER_PATTERN")
        self.min_year = settings.getint("NEWSCRAWLER_MIN_YEAR")
        self.max_depth = settings.getint("DEPTH_LIMIT")
        self.max_url_length = settings.getint("URLLENGTH_LIMIT")
        self.max_year = datetime.now(UTC).year + 1
        self.patterns = RecentCounter(self.memory)  # hash of a URL pattern -> distinct URLs followed
        self.passed = RecentSet(self.memory)  # hashes of URLs let through (as found and as followed)
        self.logged: set[tuple[str, str]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TrapFilterMiddleware:
        return cls(crawler)

    def trap_kind(self, url: str) -> str | None:
        """Why ``url`` is a trap (``calendar``, ``pagination``, ``pattern``), or None to follow it."""
        if is_calendar_url(url, self.min_year, self.max_year):
            return "calendar"
        number = page_number(url)
        if self.max_pagination and number is not None and number > self.max_pagination:
            return "pagination"
        if not self.max_per_pattern or hash(url) in self.passed:
            return None
        pattern = hash(url_pattern(url))
        if self.patterns[pattern] >= self.max_per_pattern:
            return "pattern"
        self.patterns.increment(pattern)  # each distinct URL counts once, however many pages link to it
        return None

    def filter_request(self, request: Request, depth: int = 1) -> Request | None:
        """The request to send (session ids removed), or None when it leads into a trap, is ``depth``
        links away from a start URL, more than DEPTH_LIMIT, or longer than URLLENGTH_LIMIT (Scrapy
        drops those two silently)."""
        if request.dont_filter:
            return request
        found = hash(request.url)
        if found in self.passed and not (self.max_depth and depth > self.max_depth):
            return request  # let through before, unchanged by the session-id check: same verdict
        url = strip_session_ids(request.url)
        if url != request.url:
            self.stats.inc_value("newscrawler/traps/session_ids_removed")
            request = request.replace(url=url)
        if self.max_depth and depth > self.max_depth:
            kind: str | None = "depth"
        elif self.max_url_length and len(request.url) > self.max_url_length:
            kind = "long_url"
        else:
            kind = self.trap_kind(request.url)
        if kind is None:
            self.passed.add(hash(request.url))  # (the URL after the session-id check)
            return request
        self.stats.inc_value(f"newscrawler/skipped/trap_{kind}")
        site = urlsplit(request.url).netloc
        if (kind, site) not in self.logged:
            self.logged.add((kind, site))
            logger.info("Not following %s: looks like a %s trap (further ones on %s are counted, not logged)",
                        request.url, kind, site)
        return None

    def _filter(self, item: Any, depth: int) -> Any:
        return self.filter_request(item, depth) if isinstance(item, Request) else item

    def process_spider_output(self, response: Response, result: Iterable[Any], spider: Any = None) -> Iterator[Any]:
        """Discovered requests, filtered; items pass unchanged."""
        depth = _depth_of(response) + 1
        for item in result:
            kept = self._filter(item, depth)
            if kept is not None:
                yield kept

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any],
                                          spider: Any = None) -> AsyncIterator[Any]:
        """The same, for asynchronous callbacks."""
        depth = _depth_of(response) + 1
        async for item in result:
            kept = self._filter(item, depth)
            if kept is not None:
                yield kept


def _depth_of(response: Response | None) -> int:
    """How many links away from a start URL ``response`` is (Scrapy's DepthMiddleware meta)."""
    try:
        return int(response.meta.get("depth", 0)) if response is not None else 0
    except AttributeError:  # a response without a request
        return 0


# --- Failures ------------------------------------------------------------------------------------

_IGNORED = (
    ("Forbidden by robots.txt", "skipped", "robots_txt", "disallowed by robots.txt"),
    ("max redirections", "errors", "redirect_limit", "too many redirects (REDIRECT_MAX_TIMES)"),
    ("DOWNLOAD_MAXSIZE", "errors", "too_large", "larger than DOWNLOAD_MAXSIZE once decompressed"),
    ("offsite", "skipped", "offsite", "not one of the crawl's sites"),
)


def classify_failure(exc: BaseException) -> tuple[str, str, str] | None:
    """``(group, key, reason)`` for a request refused by a middleware or cut off for size, else None.

    ``group`` is ``skipped`` (the crawl chose not to fetch) or ``errors`` (the site misbehaved).
    """
    if isinstance(exc, HttpError):
        return None
    reason = getattr(exc, "reason", None)
    if isinstance(exc, IgnoreRequest) and isinstance(reason, str):
        return "skipped", reason, str(exc)
    message = str(exc)
    if isinstance(exc, IgnoreRequest):
        for needle, group, key, text in _IGNORED:
            if needle in message:
                return group, key, text
        return "skipped", "ignored", message.splitlines()[0][:200] if message else "ignored"
    if "download max size" in message.lower() or type(exc).__name__ == "DownloadCancelledError":
        return "errors", "too_large", "larger than DOWNLOAD_MAXSIZE"
    inner = _WRAPPED_FAILURE.findall(message)
    if inner:  # Twisted's "[<twisted.python.failure.Failure a.b.ConnectionLost: text>]" → "ConnectionLost: text"
        name, text = inner[0]
        return "errors", type(exc).__name__, f"{name.rpartition('.')[2]}: {text.strip()}"[:300]
    return None


_WRAPPED_FAILURE = re.compile(r"Failure ([\w.]+): ([^>]*)>")
