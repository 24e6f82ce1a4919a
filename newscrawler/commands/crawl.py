"""``scrapy crawl``, with an exit status that tells cron and scrapyd whether the crawl was healthy.

Scrapy's own command exits 1 only when the crawl could not start. This one also exits 1 when the
crawl did not finish normally or a health check (``newscrawler.health``) failed.
"""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import Crawler

from newscrawler.health import health_ok


class Command(ScrapyCrawlCommand):
    """Scrapy's ``crawl`` command; exit status 1 when the finished crawl is not healthy."""

    crawler: Crawler | None = None

    def _create_crawler(self, spname: str) -> Crawler:  # type: ignore[override]
        self.crawler = super()._create_crawler(spname)  # type: ignore[misc]
        return self.crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        super().run(args, opts)
        stats = getattr(self.crawler, "stats", None)
        if self.exitcode == 0 and stats is not None and not crawl_healthy(stats.get_stats()):
            self.exitcode = 1


def crawl_healthy(stats: dict) -> bool:
    """The crawl ended with reason ``finished`` and no health check failed."""
    return stats.get("finish_reason") == "finished" and health_ok(stats)
