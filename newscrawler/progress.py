"""Crawl progress: a live one-line display on a terminal, plain periodic log lines otherwise.

The :class:`Progress` extension replaces Scrapy's ``LogStats`` (disabled in settings) with our
figures: pages fetched, articles, comments, errors, pages per minute and the scheduler's queue size.

- On a terminal (stderr is a TTY) the line is redrawn in place about once a second; a log record
  clears it first, so log lines and the progress line never mix.
- Otherwise one log line every ``LOGSTATS_INTERVAL`` seconds (60 by default).
- When the spider closes, one summary line is logged in both cases.

Setting ``NEWSCRAWLER_PROGRESS``: ``auto`` (default: live on a terminal, log lines otherwise),
``live``, ``log`` or ``off``.
"""

from __future__ import annotations

import logging
import sys
import time
from collections import deque
from dataclasses import dataclass
from typing import IO, Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call

logger = logging.getLogger(__name__)

MODES = ("auto", "live", "log", "off")
LIVE_INTERVAL = 1.0
#: Seconds of history behind the live pages/min figure.
LIVE_RATE_WINDOW = 10.0


@dataclass(frozen=True)
class Snapshot:
    """The crawl's figures at one moment."""

    when: float
    pages: int
    articles: int
    comments: int
    errors: int
    queue: int | None


def take_snapshot(stats: dict[str, Any], queue: int | None, when: float | None = None) -> Snapshot:
    """Read the figures from Scrapy's stats (and the scheduler's queue size, if known)."""
    errors = sum(v for k, v in stats.items() if k.startswith("newscrawler/errors/") and isinstance(v, int))
    return Snapshot(when=time.monotonic() if when is None else when,
                    pages=stats.get("response_received_count", 0), articles=stats.get("newscrawler/articles", 0),
                    comments=stats.get("newscrawler/comments", 0), errors=errors, queue=queue)


def pages_per_minute(older: Snapshot, newer: Snapshot) -> float:
    """Pages fetched per minute between two snapshots (0 when no time passed)."""
    seconds = newer.when - older.when
    return (newer.pages - older.pages) * 60.0 / seconds if seconds > 0 else 0.0


def format_line(now: Snapshot, rate: float) -> str:
    """``pages 120 | articles 80 | comments 310 | errors 2 | 240 pages/min | queue 35``"""
    queue = "?" if now.queue is None else str(now.queue)
    return (f"pages {now.pages} | articles {now.articles} | comments {now.comments} | errors {now.errors} | "
            f"{rate:.0f} pages/min | queue {queue}")


def queue_size(crawler: Crawler) -> int | None:
    """Requests waiting in the scheduler (None when the scheduler cannot tell)."""
    engine = getattr(crawler, "engine", None)
    scheduler = getattr(engine, "scheduler", None) if engine is not None else None
    try:
        return len(scheduler) if scheduler is not None else None  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - a scheduler without __len__, or an unreachable Redis
        return None


class _ClearLiveLine(logging.Filter):
    """Before a log record is written, erase the live progress line (it is redrawn on the next tick)."""

    def __init__(self, stream: IO[str]) -> None:
        super().__init__()
        self.stream = stream

    def filter(self, record: logging.LogRecord) -> bool:
        self.stream.write("\r\x1b[K")
        return True


class Progress:
    """Extension: live progress line on a terminal, periodic log lines otherwise, a summary line at the end."""

    def __init__(self, crawler: Crawler, live: bool, interval: float, stream: IO[str]) -> None:
        self.crawler = crawler
        self.live = live
        self.interval = LIVE_INTERVAL if live else interval
        self.stream = stream
        self.history: deque[Snapshot] = deque(maxlen=max(2, int(LIVE_RATE_WINDOW / LIVE_INTERVAL) + 1) if live else 2)
        self.started: Snapshot | None = None
        self.task: Any = None
        self.clear_filter = _ClearLiveLine(stream)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "Progress":
        mode = (crawler.settings.get("NEWSCRAWLER_PROGRESS") or "auto").lower()
        if mode not in MODES:
            raise ValueError(f"NEWSCRAWLER_PROGRESS must be one of {', '.join(MODES)}, not {mode!r}")
        if mode == "off":
            raise NotConfigured
        stream = sys.stderr
        live = mode == "live" or (mode == "auto" and stream.isatty())
        interval = crawler.settings.getfloat("LOGSTATS_INTERVAL") or 60.0
        extension = cls(crawler, live, interval, stream)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def snapshot(self) -> Snapshot:
        return take_snapshot(self.crawler.stats.get_stats(), queue_size(self.crawler))

    def spider_opened(self) -> None:
        self.started = self.snapshot()
        self.history.append(self.started)
        if self.live:
            for handler in logging.getLogger().handlers:
                handler.addFilter(self.clear_filter)
        self.task = create_looping_call(self.tick)
        self.task.start(self.interval, now=False)

    def tick(self) -> None:
        """Take a snapshot and show it (redraw the line, or log it)."""
        now = self.snapshot()
        line = format_line(now, pages_per_minute(self.history[0], now))
        self.history.append(now)
        if self.live:
            self.stream.write(f"\r\x1b[K{line}")
            self.stream.flush()
        else:
            logger.info("Progress: %s", line)

    def spider_closed(self, reason: str) -> None:
        """Stop the display and log the summary line."""
        if self.task is not None and self.task.running:
            self.task.stop()
        if self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            for handler in logging.getLogger().handlers:
                handler.removeFilter(self.clear_filter)
        now = self.snapshot()
        rate = pages_per_minute(self.started, now) if self.started else 0.0
        self.crawler.stats.set_value("newscrawler/pages_per_minute", round(rate, 1))
        logger.info("Crawl %s: %s (%.0f s)", reason, format_line(now, rate),
                    now.when - (self.started.when if self.started else now.when))
