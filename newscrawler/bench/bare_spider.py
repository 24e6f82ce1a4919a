"""The baseline of ``bench crawl``: a bare Scrapy spider that only follows links (Scrapy's default
settings plus the ``-s`` ones given).

    python -m newscrawler.bench.bare_spider http://127.0.0.1:PORT/ -s CONCURRENT_REQUESTS=16 ...
"""

from __future__ import annotations

import sys
from typing import Any, Iterator
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response


class BareSpider(scrapy.Spider):
    """Follow every link on the start URL's host; keep nothing."""

    name = "bare"

    def __init__(self, base: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.start_urls = [base]
        self.allowed_domains = [urlsplit(base).hostname or ""]

    def parse(self, response: Response, **kwargs: Any) -> Iterator[scrapy.Request]:
        for href in response.css("a::attr(href)").getall():
            yield response.follow(href, callback=self.parse)


def main(argv: list[str]) -> int:
    """Crawl ``argv[0]`` with the ``-s NAME=VALUE`` settings that follow."""
    base, rest = argv[0], argv[1:]
    settings = {"TELNETCONSOLE_ENABLED": False, "LOG_LEVEL": "INFO"}
    for flag, pair in zip(rest[::2], rest[1::2]):
        if flag == "-s":
            name, _, value = pair.partition("=")
            settings[name] = value
    process = CrawlerProcess(settings)
    process.crawl(BareSpider, base=base)
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
