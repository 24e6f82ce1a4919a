"""Distributed crawling on scrapy-redis: any number of workers share one frontier in Redis.

Setting ``REDIS_URL`` (``newscrawler crawl --redis URL``, or ``scrapy crawl news -s REDIS_URL=...``)
turns on :class:`RedisAddon` (a Scrapy add-on, listed in ``ADDONS``), which switches the crawl to:

- ``components.RedisScheduler`` / ``components.RedisDupeFilter`` — scrapy-redis 0.9.1's scheduler
  and request filter, adapted to Scrapy 2.19 (no deprecated calls: no ``Spider.log()``, stats without
  ``spider=``; Scrapy's request fingerprinter), filter-and-push in one round trip (a Lua script),
  the queue kept until the last worker leaves (``SCHEDULER_PERSIST``);
- ``components.RedisDedupePipeline`` — the record de-duplication shared by every worker (Redis sets
  of URLs and content hashes, claimed atomically), after the per-process ``DedupePipeline``;
- ``components.RedisCoordinator`` — seeds pushed to the ``<spider>:start_urls`` list while workers run are
  crawled; a worker stops once the shared queue has stayed empty for MAX_IDLE_TIME_BEFORE_CLOSE
  seconds; the last worker to stop deletes the crawl's keys (unless NEWSCRAWLER_REDIS_KEEP);
- a worker id (NEWSCRAWLER_WORKER_ID, default ``<host>-<pid>``) in the archive file names, so the
  workers' files never collide.

Keys (scrapy-redis's names): ``<spider>:requests`` (queue), ``<spider>:dupefilter`` (request
fingerprints), ``<spider>:start_urls`` (seeds), ``<spider>:records:urls`` / ``:records:hashes``
(archived records), ``<spider>:workers`` (running workers). Use one Redis database per crawl.
"""

from __future__ import annotations

import json
import logging
import os
import re
import socket

from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings

from newscrawler.urls import BadStartUrl, check_start_url, redact_url

logger = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def default_worker_id() -> str:
    """``<host>-<pid>``, safe in a file name (no dots)."""
    return _UNSAFE.sub("_", f"{socket.gethostname().split('.')[0]}-{os.getpid()}").strip("_")


def redis_keys(settings: BaseSettings, spider_name: str) -> dict[str, str]:
    """The Redis keys of one crawl."""
    base = {"spider": spider_name, "name": spider_name}
    return {
        "queue": settings.get("SCHEDULER_QUEUE_KEY", "%(spider)s:requests") % base,
        "dupefilter": settings.get("SCHEDULER_DUPEFILTER_KEY", "%(spider)s:dupefilter") % base,
        "seeds": settings.get("REDIS_START_URLS_KEY", "%(name)s:start_urls") % base,
        "urls": f"{spider_name}:records:urls",
        "hashes": f"{spider_name}:records:hashes",
        "workers": f"{spider_name}:workers",
    }


def check_redis(url: str) -> str | None:
    """None if Redis answers at ``url``, else a one-line reason (with the password hidden)."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5).ping()
    except Exception as exc:  # noqa: BLE001 - any failure is one line for the user
        return f"cannot reach Redis at {redact_url(url)}: {type(exc).__name__}: {exc}"
    return None


class RedisAddon:
    """Scrapy add-on: when REDIS_URL is set, switch scheduler, request filter, record dedupe and archive
    names to their shared (Redis) versions. Without REDIS_URL it changes nothing."""

    def update_settings(self, settings: BaseSettings) -> None:
        if not settings.get("REDIS_URL"):
            return
        try:
            from newscrawler.distributed.components import RedisCoordinator, RedisDedupePipeline
        except ImportError as exc:
            raise RuntimeError(f"REDIS_URL is set but {exc.name} is not installed: "
                               "pip install 'newscrawler[redis]'") from None
        _force(settings, "SCHEDULER", "newscrawler.distributed.components.RedisScheduler")
        _force(settings, "DUPEFILTER_CLASS", "newscrawler.distributed.components.RedisDupeFilter")
        _force(settings, "SCHEDULER_PERSIST", True)  # one worker closing must not empty the shared queue
        _force(settings, "SCHEDULER_IDLE_BEFORE_CLOSE", 0)  # never block the event loop on an empty queue
        _force(settings, "NEWSCRAWLER_DISK_QUEUES", False)  # the queue is in Redis, not in a local JOBDIR
        settings.set_in_component_priority_dict("ITEM_PIPELINES", RedisDedupePipeline, 310)
        settings.set_in_component_priority_dict("EXTENSIONS", RedisCoordinator, 520)
        if not settings.get("NEWSCRAWLER_WORKER_ID"):
            _force(settings, "NEWSCRAWLER_WORKER_ID", default_worker_id())


def _force(settings: BaseSettings, name: str, value: object) -> None:
    """Set ``name`` even over the project's value (add-on priority is below the project's)."""
    settings.set(name, value, max(settings.getpriority(name) or 0, SETTINGS_PRIORITIES["addon"]))


def seed_url(data: bytes | str) -> str | None:
    """The URL of one seed from the start-URLs list: a plain URL or JSON ``{"url": ...}``; None if unusable."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    text = text.strip()
    if text.startswith("{"):
        try:
            text = str(json.loads(text).get("url") or "")
        except (ValueError, AttributeError):
            return None
    try:
        return check_start_url(text)
    except BadStartUrl:
        return None


