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


class SeenLinksMiddleware:
    """Spider middleware (setting NEWSCRAWLER_SEEN_LINKS_FILTER): a request for a URL already passed is dropped."""

    def __init__(self, crawler: Crawler, memory: int = 10000) -> None:
        self.stats = crawler.stats
        self.memory = max(1, memory)
        self.recent: set[int] = set()
        self.older: set[int] = set()

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
        seen = key in self.recent or key in self.older
        self.remember(key)
        if seen:
            self.stats.inc_value("newscrawler/links/seen_before")
        return not seen

    def remember(self, key: int) -> None:
        """Put ``key`` in the newer generation; start a new one when it is full."""
        self.recent.add(key)
        if len(self.recent) >= self.memory:
            self.older, self.recent = self.recent, set()

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        return (obj for obj in result if self.is_new(obj))

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for obj in result:
            if self.is_new(obj):
                yield obj
