"""scrapy-redis components adapted to Scrapy 2.19 (see ``newscrawler.distributed``)."""

from __future__ import annotations

import logging
import time
from functools import cached_property
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, DropItem
from scrapy.spiders import Spider
from scrapy.utils.misc import load_object
from scrapy_redis import connection
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from newscrawler.distributed import redis_keys, seed_url
from newscrawler.urls import host_of, redact_url

if TYPE_CHECKING:
    from newscrawler.spiders.news import NewsSpider

logger = logging.getLogger(__name__)

#: KEYS: fingerprints set, queue; ARGV: fingerprint, score, encoded request. 1 if queued, 0 if seen before.
_ENQUEUE_IF_NEW = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""

#: KEYS: URLs set, content hashes set; ARGV: content hash ('' if none), URLs...
#: 0 if the record is new, 1 if one of its URLs was claimed before, 2 if its content hash was.
_CLAIM_RECORD = """
local new = 0
for i = 2, #ARGV do new = new + redis.call('SADD', KEYS[1], ARGV[i]) end
if new < #ARGV - 1 then return 1 end
if ARGV[1] ~= '' and redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 2 end
return 0
"""


class RedisDupeFilter(RFPDupeFilter):
    """scrapy-redis's request filter with Scrapy's request fingerprinter (the one ``REQUEST_FINGERPRINTER_CLASS``
    names), so a request has the same fingerprint with or without Redis."""

    def __init__(self, server: Any, key: str, debug: bool = False, fingerprinter: Any = None) -> None:
        super().__init__(server, key, debug)
        self.fingerprinter = fingerprinter

    @classmethod
    def for_crawler(cls, crawler: Crawler, spider: Spider) -> "RedisDupeFilter":
        """The filter of ``spider``'s crawl."""
        settings = crawler.settings
        key = redis_keys(settings, spider.name)["dupefilter"]
        return cls(connection.get_redis_from_settings(settings), key, settings.getbool("DUPEFILTER_DEBUG"),
                   crawler.request_fingerprinter)

    def request_fingerprint(self, request: Request) -> str:
        if self.fingerprinter is None:
            return super().request_fingerprint(request)
        return self.fingerprinter.fingerprint(request).hex()


class RedisScheduler(Scheduler):
    """scrapy-redis's scheduler without the calls Scrapy 2.16+ deprecated; counts filtered duplicates."""

    crawler: Crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RedisScheduler":
        settings = crawler.settings
        server = connection.get_redis_from_settings(settings)
        server.ping()
        queue_key = settings.get("SCHEDULER_QUEUE_KEY") or "%(spider)s:requests"
        queue_cls = settings.get("SCHEDULER_QUEUE_CLASS") or "scrapy_redis.queue.PriorityQueue"
        serializer = settings.get("SCHEDULER_SERIALIZER")
        scheduler = cls(server=server, persist=settings.getbool("SCHEDULER_PERSIST"),
                        flush_on_start=settings.getbool("SCHEDULER_FLUSH_ON_START"), queue_key=queue_key,
                        queue_cls=queue_cls, idle_before_close=settings.getint("SCHEDULER_IDLE_BEFORE_CLOSE"),
                        serializer=load_object(serializer) if isinstance(serializer, str) else serializer)
        scheduler.crawler = crawler
        scheduler.stats = crawler.stats
        return scheduler

    def open(self, spider: Spider) -> None:
        """Connect the shared queue and request filter (scrapy-redis's open() logs through Spider.log())."""
        self.spider = spider
        self.queue = load_object(self.queue_cls)(server=self.server, spider=spider,
                                                 key=self.queue_key % {"spider": spider.name}, serializer=self.serializer)
        self.df = RedisDupeFilter.for_crawler(self.crawler, spider)
        if self.flush_on_start:
            self.flush()
        if len(self.queue):
            logger.info("Joining a crawl in progress: %d requests in the shared queue", len(self.queue))

    def enqueue_request(self, request: Request) -> bool:
        """Filter and push in one round trip to Redis (a Lua script) with the default priority queue;
        scrapy-redis's two (SADD, then ZADD) with other queue classes."""
        if request.dont_filter:
            self.queue.push(request)
        elif isinstance(self.queue, PriorityQueue):
            added = self._enqueue(keys=[self.df.key, self.queue.key],
                                  args=[self.df.request_fingerprint(request), -request.priority,
                                        self.queue._encode_request(request)])
            if not added:
                return self._filtered(request)
        elif self.df.request_seen(request):
            return self._filtered(request)
        else:
            self.queue.push(request)
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def _filtered(self, request: Request) -> bool:
        self.df.log(request, self.spider)
        self.stats.inc_value("dupefilter/filtered")
        return False

    @cached_property
    def _enqueue(self) -> Any:
        return self.server.register_script(_ENQUEUE_IF_NEW)

    def next_request(self) -> Request | None:
        request = self.queue.pop(self.idle_before_close)
        if request is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request


class RedisDedupePipeline:
    """Drop a record another worker (or this one) archived already: its URL, canonical URL or content
    hash is in the crawl's Redis sets. SADD is atomic, so two workers never both keep one article."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.server = connection.get_redis_from_settings(crawler.settings)
        self.keys: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RedisDedupePipeline":
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        assert spider is not None, "Scrapy opens the item pipelines after the spider"
        self.keys = redis_keys(self.crawler.settings, spider.name)

    @cached_property
    def _claim(self) -> Any:
        return self.server.register_script(_CLAIM_RECORD)

    def process_item(self, item: Any) -> Any:
        """Claim the record's URLs and content hash in one atomic round trip; drop it if one was taken."""
        record = ItemAdapter(item)
        urls = list(dict.fromkeys(u for u in (record.get("url"), record.get("canonicalUrl")) if u))
        verdict = self._claim(keys=[self.keys["urls"], self.keys["hashes"]],
                              args=[record.get("contentHash") or "", *urls])
        if verdict == 1:
            self.crawler.stats.inc_value("newscrawler/dropped/duplicate_url")
            raise DropItem(f"duplicate URL (archived by a worker): {record.get('url')}")
        if verdict == 2:
            self.crawler.stats.inc_value("newscrawler/dropped/duplicate_content")
            raise DropItem(f"duplicate content (archived by a worker): {record.get('url')}")
        return item


#: How often (seconds) a worker with nothing to do asks the shared queue for work again. Scrapy's
#: engine asks only every 5 s when nothing is in flight: a worker that found the queue empty at start
#: (another worker took the seeds) stayed out of the crawl for 5 s.
IDLE_POLL_INTERVAL = 0.2


class RedisCoordinator:
    """Extension (on with REDIS_URL): seeds from Redis, stop after the shared queue stayed empty
    MAX_IDLE_TIME_BEFORE_CLOSE seconds, the last worker out deletes the crawl's keys. An idle worker
    asks the shared queue for work every IDLE_POLL_INTERVAL seconds."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.server = connection.get_redis_from_settings(crawler.settings)
        self.max_idle = crawler.settings.getfloat("MAX_IDLE_TIME_BEFORE_CLOSE")
        self.batch = crawler.settings.getint("CONCURRENT_REQUESTS") or 16
        self.keep = crawler.settings.getbool("NEWSCRAWLER_REDIS_KEEP")
        self.keys: dict[str, str] = {}
        self.idle_since: float | None = None
        self.responses_when_idle = -1

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RedisCoordinator":
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Spider) -> None:
        self.keys = redis_keys(self.crawler.settings, spider.name)
        workers = self.server.incr(self.keys["workers"])
        logger.info("Redis worker %s joined %s (%d running); seeds: push URLs to the list %r",
                    self.crawler.settings.get("NEWSCRAWLER_WORKER_ID"),
                    redact_url(self.crawler.settings.get("REDIS_URL")), workers, self.keys["seeds"])

    def pop_seeds(self) -> list[str]:
        """Take up to one batch of seeds off the start-URLs list."""
        with self.server.pipeline() as pipe:
            pipe.lrange(self.keys["seeds"], 0, self.batch - 1)
            pipe.ltrim(self.keys["seeds"], self.batch, -1)
            data, _ = pipe.execute()
        return [url for url in map(seed_url, data) if url]

    def schedule_seeds(self, spider: NewsSpider) -> int:
        """Schedule the seeds waiting in Redis as start pages; return how many."""
        count = 0
        for url in self.pop_seeds():
            spider.start_urls = [*getattr(spider, "start_urls", []), url]
            spider.allowed_domains = sorted({*getattr(spider, "allowed_domains", []), host_of(url)})
            request = spider._page_request(url, via="start", priority=1)
            if request is not None:
                self.crawler.engine.crawl(request)
                count += 1
        if count:
            logger.info("Scheduled %d seed URLs from Redis", count)
        return count

    def spider_idle(self, spider: NewsSpider) -> None:
        """Keep the worker alive while there are seeds or queued requests, or until the idle time ran out."""
        if self.schedule_seeds(spider) or len(self.crawler.engine.scheduler) > 0:  # type: ignore[arg-type]
            self.idle_since = None
            raise DontCloseSpider
        now = time.monotonic()
        responses = self.crawler.stats.get_value("response_received_count", 0)
        if self.idle_since is None or responses != self.responses_when_idle:  # it worked since it was last idle
            self.idle_since, self.responses_when_idle = now, responses
        if self.max_idle <= 0 or now - self.idle_since < self.max_idle:
            self._poll_soon()
            raise DontCloseSpider
        self.crawler.stats.set_value("newscrawler/redis/idle_before_close_seconds", round(now - self.idle_since, 3))
        logger.info("Shared queue empty for %.0f s: this worker stops", now - self.idle_since)

    def _poll_soon(self) -> None:
        """Have the engine ask the scheduler (the shared queue) for requests again in IDLE_POLL_INTERVAL s."""
        slot = getattr(self.crawler.engine, "_slot", None)  # Scrapy's engine loop; without it, its 5 s heartbeat
        if slot is not None:
            from twisted.internet import reactor

            # Twisted declares IReactorTime.callLater without self (a zope interface): without the mypy-zope
            # plugin mypy takes IDLE_POLL_INTERVAL for the callable.
            reactor.callLater(IDLE_POLL_INTERVAL, slot.nextcall.schedule)  # type: ignore[arg-type]

    def spider_closed(self, spider: Spider) -> None:
        """Leave the crawl; the last worker deletes its keys (queue, filters, records) unless told to keep them."""
        left = self.server.decr(self.keys["workers"])
        if left <= 0 and not self.keep:
            self.server.delete(*self.keys.values())
            logger.info("Last Redis worker out: deleted the crawl's keys")
