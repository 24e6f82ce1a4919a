"""``scrapy crawl``, with an exit status that tells cron and scrapyd whether the crawl was healthy.

Scrapy's own command exits 1 only when the crawl could not start. This one also exits 1 when the
crawl did not finish normally or a health check (``newscrawler.health``) failed, and says in one
log line (no traceback) why a crawl could not start (e.g. another run holds the archive lock).
"""

from __future__ import annotations

import argparse
import logging
from typing import Any

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from newscrawler.health import health_ok

logger = logging.getLogger(__name__)


class Command(ScrapyCrawlCommand):
    """Scrapy's ``crawl`` command; exit status 1 when the crawl did not start or is not healthy."""

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one spider name, e.g. 'scrapy crawl news -a urls=https://example.com/'")
        assert self.crawler_process
        crawler = self._create_crawler(args[0])
        failures: list[BaseException] = []
        on_failure(self.crawler_process.crawl(crawler, **opts.spargs), failures.append)
        self.crawler_process.start()
        if failures:
            logger.error("Crawl not started: %s", failures[0])
            self.exitcode = 1
        elif self.crawler_process.bootstrap_failed or not crawl_healthy(crawler.stats.get_stats()):
            self.exitcode = 1


def crawl_healthy(stats: dict[str, Any]) -> bool:
    """The crawl ended with reason ``finished`` and no health check failed."""
    return stats.get("finish_reason") == "finished" and health_ok(stats)


def on_failure(running: Any, callback: Any) -> None:
    """Call ``callback(exception)`` if a crawl (a Twisted Deferred or an asyncio Task) fails; the failure
    counts as handled (no traceback in the log)."""
    if hasattr(running, "addErrback"):
        running.addErrback(lambda failure: callback(failure.value))
    else:
        running.add_done_callback(lambda task: None if task.cancelled() or task.exception() is None
                                  else callback(task.exception()))
