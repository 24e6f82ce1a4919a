"""Drop links this crawl process already requested, as soon as the spider yields them.

A news page links to hundreds of pages the crawl already knows (navigation, teasers, related
articles). Scrapy's duplicate filter drops those only in the scheduler, after each request went
through every spider middleware and Scrapy made an asyncio task for it; on the bench site that is
forty links yielded for each page fetched. :class:`SeenLinksMiddleware` sits right after the depth
limit (order 890: a link dropped there for its depth may still be followed when found nearer the
start) and drops a request whose exact URL it has passed before, so only new links travel further.

It remembers 64-bit URL hashes in two generations of at most NEWSCRAWLER_SEEN_LINKS_MEMORY each:
when the newer one is full it becomes the older one and the oldest is forgotten; a link seen again
moves to the newer one, so the links every page repeats (navigation) stay. Memory is bounded
however long the crawl; a forgotten URL only means its duplicates reach the scheduler's filter
(Scrapy's, or the shared Redis one), which has the final word anyway. Requests with
``dont_filter`` (comment pages) pass.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response


class RecentSet:
    """A set of hashable keys with bounded memory: two generations of at most ``size`` keys each.

    When the newer generation is full it becomes the older one and the oldest is forgotten; a key
    found in the older generation moves to the newer one, so keys asked for often stay."""

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self.recent: set[Any] = set()
        self.older: set[Any] = set()

    def __contains__(self, key: Any) -> bool:
        if key in self.recent:
            return True
        if key in self.older:
            self.add(key)
            return True
        return False

    def __len__(self) -> int:
        return len(self.recent) + len(self.older)

    def add(self, key: Any) -> None:
        """Put ``key`` in the newer generation; start a new one when it is full."""
        self.recent.add(key)
        if len(self.recent) >= self.size:
            self.older, self.recent = self.recent, set()


class RecentCounter:
    """Counts per key with bounded memory, in two generations like :class:`RecentSet`: a key neither
    counted nor asked for while ``size`` other keys were is forgotten (its count starts again from zero)."""

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self.recent: dict[Any, int] = {}
        self.older: dict[Any, int] = {}

    def __getitem__(self, key: Any) -> int:
        if key in self.recent:
            return self.recent[key]
        if key in self.older:
            count = self.older.pop(key)
            self._put(key, count)
            return count
        return 0

    def __len__(self) -> int:
        return len(self.recent) + len(self.older)

    def increment(self, key: Any) -> int:
        """Add one to ``key``'s count; return the new count."""
        count = self[key] + 1
        self._put(key, count)
        return count

    def _put(self, key: Any, count: int) -> None:
        self.recent[key] = count
        if len(self.recent) >= self.size:
            self.older, self.recent = self.recent, {}


class SeenLinksMiddleware:
    """Spider middleware (setting NEWSCRAWLER_SEEN_LINKS_FILTER): a request for a URL already passed is dropped."""

    def __init__(self, crawler: Crawler, memory: int = 10000) -> None:
        self.stats = crawler.stats
        self.memory = max(1, memory)
        self.seen = RecentSet(self.memory)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "SeenLinksMiddleware":
        if not crawler.settings.getbool("NEWSCRAWLER_SEEN_LINKS_FILTER"):
            raise NotConfigured
        return cls(crawler, crawler.settings.getint("NEWSCRAWLER_SEEN_LINKS_MEMORY", 10000))

    def is_new(self, obj: Any) -> bool:
        """False for a filterable GET request whose URL was passed before (and count it)."""
        if not isinstance(obj, Request) or obj.dont_filter or obj.method != "GET":
            return True
        key = hash(obj.url)
        if key in self.seen:
            self.stats.inc_value("newscrawler/links/seen_before")
            return False
        self.seen.add(key)
        return True

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        return (obj for obj in result if self.is_new(obj))

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for obj in result:
            if self.is_new(obj):
                yield obj
