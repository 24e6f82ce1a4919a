"""Crawl throughput and flat memory: the shortcuts keep Scrapy's behaviour, the per-URL memory is bounded."""

from __future__ import annotations

import pickle
from pathlib import Path

import scrapy
from scrapy.utils.request import request_from_dict
from scrapy.utils.test import get_crawler

from newscrawler.archive.jsonl import as_record
from newscrawler.archive.queues import LifoDiskQueue, request_dict
from newscrawler.extract.links import absolute_url
from newscrawler.linkfilter import RecentCounter, RecentSet
from newscrawler.middlewares import TrapFilterMiddleware
from newscrawler.spiders.news import NewsSpider


def _spider() -> NewsSpider:
    crawler = get_crawler(NewsSpider, settings_dict={"NEWSCRAWLER_MAX_PAGES_PER_PATTERN": 3})
    crawler.spider = NewsSpider.from_crawler(crawler, urls="http://127.0.0.1:8000/")
    return crawler.spider


def test_request_dict_is_what_scrapy_stores() -> None:
    spider = _spider()
    record = {"headline": "Ein Titel", "comments": [{"commentId": "c1", "text": "Gut."}]}
    requests = [
        scrapy.Request("http://127.0.0.1:8000/a/1", callback=spider.parse, errback=spider.on_error,
                       meta={"via": "link"}, priority=3),
        scrapy.Request("http://127.0.0.1:8000/a/1?cpage=2", callback=spider.parse_comment_page,
                       errback=spider.on_comment_page_error, dont_filter=True, priority=10,
                       cb_kwargs={"record": record, "pending": [], "seen": ["http://127.0.0.1:8000/a/1"]}),
        scrapy.Request("http://127.0.0.1:8000/robots.txt"),
        scrapy.FormRequest("http://127.0.0.1:8000/form", formdata={"q": "x"}, callback=spider.parse),
    ]
    for request in requests:
        assert request_dict(request, spider) == request.to_dict(spider=spider)
        back = request_from_dict(request_dict(request, spider), spider=spider)
        assert (back.url, back.callback, back.errback, back.cb_kwargs) == \
            (request.url, request.callback, request.errback, request.cb_kwargs)


def test_request_dict_refuses_a_foreign_callback() -> None:
    spider = _spider()
    request = scrapy.Request("http://127.0.0.1:8000/", callback=lambda response: None)
    try:
        request_dict(request, spider)
    except ValueError as exc:
        assert "not an instance method" in str(exc)
    else:
        raise AssertionError("a callback the spider does not have cannot be stored")


def test_disk_queue_round_trip(tmp_path: Path) -> None:
    spider = _spider()
    crawler = spider.crawler
    queue = LifoDiskQueue.from_crawler(crawler, str(tmp_path / "q"))
    for i in range(3):
        queue.push(scrapy.Request(f"http://127.0.0.1:8000/a/{i}", callback=spider.parse, meta={"via": "link"}))
    popped = [queue.pop() for _ in range(3)]
    queue.close()
    assert [r.url for r in popped] == [f"http://127.0.0.1:8000/a/{i}" for i in (2, 1, 0)]  # last in, first out
    assert all(r.callback == spider.parse and r.meta["via"] == "link" for r in popped)


def test_as_record_takes_dicts_as_they_are() -> None:
    record = {"url": "http://127.0.0.1/a", "comments": [{"commentId": "1"}]}
    assert as_record(record) is record  # no deep copy per pipeline stage
    assert as_record(scrapy.Item()) == {}
    assert pickle.loads(pickle.dumps(as_record(record))) == record


def test_recent_set_is_bounded_and_keeps_what_is_asked_for() -> None:
    seen = RecentSet(100)
    seen.add("nav")
    for i in range(10_000):
        seen.add(i)
        assert "nav" in seen  # asked for on every page: never forgotten
        assert len(seen) <= 200
    assert 0 not in seen and 9_999 in seen


def test_recent_counter_is_bounded() -> None:
    counts = RecentCounter(50)
    for i in range(5_000):
        counts.increment(i)
        assert counts.increment("busy") == i + 1
        assert len(counts) <= 100
    assert counts[0] == 0 and counts[4_999] == 1 and counts["busy"] == 5_000


def _word(number: int) -> str:
    """A slug of letters (digit runs are one pattern): 0 → 'a', 27 → 'bb'."""
    word = ""
    while True:
        number, rest = divmod(number, 26)
        word += "abcdefghijklmnopqrstuvwxyz"[rest]
        if not number:
            return word


def test_trap_filter_memory_stays_bounded_on_a_long_crawl() -> None:
    crawler = get_crawler(settings_dict={"NEWSCRAWLER_MAX_PAGES_PER_PATTERN": 3})
    crawler.stats.open_spider()
    traps = TrapFilterMiddleware(crawler)
    traps.passed, traps.patterns = RecentSet(500), RecentCounter(500)
    urls = [f"http://127.0.0.1/{slug}-story/{i}" for i in range(5_000) for slug in ("news", _word(i))]
    kept = [r.url for r in traps.process_spider_output(None, [scrapy.Request(u) for u in urls])]
    assert len(traps.passed) <= 1_000 and len(traps.patterns) <= 1_000
    assert [u for u in kept if "/news-" in u] == [f"http://127.0.0.1/news-story/{i}" for i in range(3)]
    assert len([u for u in kept if "/news-" not in u]) == 5_000  # one page per pattern (an article slug): all followed
    assert crawler.stats.get_value("newscrawler/skipped/trap_pattern") == 4_997


def test_trap_filter_checks_a_link_seen_before_only_for_depth() -> None:
    crawler = get_crawler(settings_dict={"DEPTH_LIMIT": 2})
    crawler.stats.open_spider()
    traps = TrapFilterMiddleware(crawler)
    link = scrapy.Request("http://127.0.0.1/a/1")
    assert traps.filter_request(link, depth=1) is link
    assert traps.filter_request(link, depth=2) is link
    assert traps.filter_request(link, depth=3) is None  # too deep, although let through before
    with_session = traps.filter_request(scrapy.Request("http://127.0.0.1/a/1?sid=abc123"), depth=1)
    assert with_session is not None and with_session.url == "http://127.0.0.1/a/1"


def test_absolute_url_cached_results_stay_per_url() -> None:
    assert absolute_url("http://127.0.0.1/a/", "b#x") == "http://127.0.0.1/a/b"
    assert absolute_url("http://127.0.0.1/c/", "b#x") == "http://127.0.0.1/c/b"
    assert absolute_url("http://127.0.0.1/a/", "http://127.0.0.1:99999/") is None
    assert absolute_url("http://127.0.0.1/a/", "mailto:x@127.0.0.1") is None
    assert absolute_url("http://127.0.0.1/a/", "/ü ber") == "http://127.0.0.1/%C3%BC%20ber"


def test_warc_records_are_separate_gzip_members(tmp_path: Path) -> None:
    import gzip

    from scrapy.http import HtmlResponse
    from warcio.archiveiterator import ArchiveIterator

    from newscrawler.archive.warc import WarcFile

    path = tmp_path / "crawl.warc.gz"
    warc = WarcFile(path, {"software": "newscrawler test"})
    body = "<html><body><h1>Überschrift</h1>" + "<p>Ein Absatz über die Stadt.</p>" * 200 + "</body></html>"
    where = []
    for i in range(3):
        request = scrapy.Request(f"http://127.0.0.1/a/{i}")
        response = HtmlResponse(request.url, body=body.encode("utf-8"), headers={"Content-Type": "text/html"},
                                request=request)
        where.append(warc.write_exchange(request, response))
    warc.close()
    data = path.read_bytes()
    for place in where:  # each response is one gzip member on its own, as CDXJ readers expect
        member = gzip.decompress(data[place["offset"]:place["offset"] + place["length"]])
        assert member.startswith(b"WARC/1.1\r\n") and body.encode("utf-8") in member
    with path.open("rb") as handle:
        kinds = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(handle)]
    assert kinds == [("warcinfo", None)] + [(kind, f"http://127.0.0.1/a/{i}") for i in range(3)
                                             for kind in ("response", "request")]


def test_no_callback_is_a_generator_returning_a_value() -> None:
    """What Scrapy's WARN_ON_GENERATOR_RETURN_VALUE would check on every request (we turn it off for speed)."""
    from scrapy.utils.misc import is_generator_with_return_value

    from newscrawler import settings

    assert settings.WARN_ON_GENERATOR_RETURN_VALUE is False
    callbacks = [getattr(NewsSpider, name) for name in dir(NewsSpider)
                 if name.startswith(("parse", "on_", "_next_comment_page")) and callable(getattr(NewsSpider, name))]
    assert len(callbacks) >= 6
    assert not [c.__name__ for c in callbacks if is_generator_with_return_value(c)]
