"""SeenLinksMiddleware: a link already requested stops where the spider yields it."""

from __future__ import annotations

import asyncio

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newscrawler.linkfilter import SeenLinksMiddleware

PAGE = HtmlResponse("http://127.0.0.1/", body=b"<html></html>")


def outputs() -> list:
    return [Request("http://127.0.0.1/a/"), Request("http://127.0.0.1/b/"), {"headline": "A record"},
            Request("http://127.0.0.1/a/"), Request("http://127.0.0.1/a/", dont_filter=True),
            Request("http://127.0.0.1/a/", method="POST"), Request("http://127.0.0.1/b/")]


def make() -> tuple[SeenLinksMiddleware, object]:
    crawler = get_crawler(settings_dict={"NEWSCRAWLER_SEEN_LINKS_FILTER": True})
    crawler.stats.open_spider()
    return SeenLinksMiddleware.from_crawler(crawler), crawler.stats


def describe(objects: list) -> list[str]:
    return [f"{o.method} {o.url} {o.dont_filter}" if isinstance(o, Request) else "record" for o in objects]


def test_repeated_links_are_dropped_others_pass() -> None:
    middleware, stats = make()
    kept = describe(list(middleware.process_spider_output(PAGE, outputs())))
    assert kept == ["GET http://127.0.0.1/a/ False", "GET http://127.0.0.1/b/ False", "record",
                    "GET http://127.0.0.1/a/ True", "POST http://127.0.0.1/a/ False"]
    assert stats.get_value("newscrawler/links/seen_before") == 2
    again = describe(list(middleware.process_spider_output(PAGE, [Request("http://127.0.0.1/b/")])))
    assert again == []  # remembered across pages


def test_async_output_is_filtered_the_same_way() -> None:
    middleware, _ = make()

    async def produce():
        for obj in outputs():
            yield obj

    async def collect() -> list:
        return [obj async for obj in middleware.process_spider_output_async(PAGE, produce())]

    assert len(asyncio.run(collect())) == 5


def test_setting_turns_it_off() -> None:
    with pytest.raises(NotConfigured):
        SeenLinksMiddleware.from_crawler(get_crawler(settings_dict={"NEWSCRAWLER_SEEN_LINKS_FILTER": False}))


def test_it_runs_after_the_depth_limit() -> None:
    """Spider output meets middlewares from the highest order down: a link the depth limit drops must
    not be remembered, or the same page found nearer the start page later would be lost."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("newscrawler.settings", priority="project")
    orders = {str(k).rsplit(".", 1)[-1]: v for k, v in settings.getwithbase("SPIDER_MIDDLEWARES").items()}
    assert orders["SeenLinksMiddleware"] < orders["DepthMiddleware"]


def test_memory_is_bounded_and_repeated_links_stay() -> None:
    crawler = get_crawler(settings_dict={"NEWSCRAWLER_SEEN_LINKS_FILTER": True})
    crawler.stats.open_spider()
    middleware = SeenLinksMiddleware(crawler, memory=3)
    nav = Request("http://127.0.0.1/section/")
    for i in range(20):
        assert middleware.is_new(Request(f"http://127.0.0.1/a{i}/"))
        assert middleware.is_new(nav) == (i == 0)  # the link every page repeats is never forgotten
        assert len(middleware.seen) <= 6
    assert middleware.is_new(Request("http://127.0.0.1/a0/"))  # long forgotten: the scheduler's filter decides
