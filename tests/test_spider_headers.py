"""The news spider reads a header without a value (Scrapy's ``Headers.get`` gives None) as a missing one."""

from __future__ import annotations

import asyncio
from typing import Any

from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.test import get_crawler

from newscrawler.spiders.news import NewsSpider

PAGE = b"<html><head><title>Nothing here</title></head><body><p>A page.</p></body></html>"


def _spider() -> NewsSpider:
    crawler = get_crawler(NewsSpider)
    crawler.spider = NewsSpider.from_crawler(crawler, urls="http://127.0.0.1:8000/")
    crawler.stats.open_spider()
    return crawler.spider


def _outputs(spider: NewsSpider, response: Response) -> list[Any]:
    async def collect() -> list[Any]:
        return [output async for output in spider.parse(response)]

    return asyncio.run(collect())


def test_a_content_type_without_value_is_read_as_missing() -> None:
    spider = _spider()
    # Headers keep an empty list for a header set to None; Headers.get then gives None, not bytes.
    html = HtmlResponse("http://127.0.0.1:8000/a", body=PAGE, headers={"Content-Type": None}, encoding="utf-8",
                        request=Request("http://127.0.0.1:8000/a"))
    binary = Response("http://127.0.0.1:8000/b", body=b"\x00\x01 not a page", headers={"Content-Type": None},
                      request=Request("http://127.0.0.1:8000/b"))
    assert html.headers.get(b"Content-Type") is None
    assert spider._xml_body(html) is None
    assert _outputs(spider, html) == []  # parsed as HTML (no links, not an article): no error
    assert _outputs(spider, binary) == []
    stats = spider.crawler.stats
    assert stats.get_value("newscrawler/pages/other") == 1
    assert stats.get_value("newscrawler/skipped/not_html") == 1
    assert stats.get_value("newscrawler/errors/extraction_failed") is None


def test_a_comment_page_without_its_request_still_finishes_the_record() -> None:
    spider = _spider()
    record: dict[str, Any] = {"headline": "Ein Titel", "comments": []}
    response = HtmlResponse("http://127.0.0.1:8000/a?cpage=2", body=PAGE, encoding="utf-8")
    assert response.request is None
    outputs = list(spider.parse_comment_page(response, record, pending=[], seen=["http://127.0.0.1:8000/a"]))
    assert outputs == [record] and record["commentCount"] == 0
    with_request = HtmlResponse("http://127.0.0.1:8000/b?cpage=2", body=PAGE, encoding="utf-8",
                                request=Request("http://127.0.0.1:8000/b?cpage=2"))
    assert list(spider.parse_comment_page(with_request, {"comments": []}, pending=[], seen=[])) == \
        [{"comments": [], "commentCount": 0}]
