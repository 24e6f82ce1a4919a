"""The crawl's garbage-collector tuning: thresholds while the crawl runs, put back after; bad values refused."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from scrapy import Spider, signals
from scrapy.utils.test import get_crawler

from conftest import FAST, read_archive, run_newscrawler
from newscrawler.demo.content import demo_articles
from newscrawler.demo.server import serve
from newscrawler.extensions import GarbageCollectorTuning, gc_thresholds


def test_thresholds_hold_while_the_spider_is_open_and_are_put_back() -> None:
    crawler = get_crawler(Spider, settings_dict={"NEWSCRAWLER_GC_THRESHOLDS": [12345, 20, 30]})
    crawler.stats.open_spider()
    extension = GarbageCollectorTuning.from_crawler(crawler)
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    crawler.signals.send_catch_log(signals.spider_opened, spider=None)
    try:
        assert gc.get_threshold() == (12345, 20, 30)
        assert gc.get_freeze_count() > frozen  # what lived before the crawl is left out of its collections
        gc.collect(0)
    finally:
        crawler.signals.send_catch_log(signals.spider_closed, spider=None, reason="finished")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen
    assert crawler.stats.get_value("newscrawler/gc_collections") >= 1
    assert extension.previous is None


def test_an_empty_setting_leaves_the_collector_alone() -> None:
    from scrapy.exceptions import NotConfigured
    crawler = get_crawler(Spider, settings_dict={"NEWSCRAWLER_GC_THRESHOLDS": []})
    with pytest.raises(NotConfigured):
        GarbageCollectorTuning.from_crawler(crawler)


@pytest.mark.parametrize("value, expected", [("20000,50,100", (20000, 50, 100)), ([700], (700,)), ("", ()),
                                             (" 1000 , 5 ", (1000, 5))])
def test_setting_values(value: object, expected: tuple[int, ...]) -> None:
    assert gc_thresholds(value) == expected


@pytest.mark.parametrize("value", ["abc", "0", "-5", "1,2,3,4"])
def test_bad_setting_is_one_clear_line(value: str, tmp_path: Path) -> None:
    result = run_newscrawler("crawl", "http://127.0.0.1:9/", "--output", str(tmp_path),
                             "-s", f"NEWSCRAWLER_GC_THRESHOLDS={value}")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"newscrawler: error: bad setting NEWSCRAWLER_GC_THRESHOLDS={value!r}: "
        "expected up to three whole numbers, 1 or more, e.g. 20000,50,100"]


def test_a_real_crawl_runs_with_few_collections_and_loses_nothing(tmp_path: Path) -> None:
    with serve() as base:
        result = run_newscrawler("crawl", base, "--output", str(tmp_path), *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(read_archive(tmp_path)) == len(demo_articles())
    stats = json.loads(next(tmp_path.rglob("*.manifest.json")).read_text())["stats"]
    # ~150 pages: the default thresholds (700) collect dozens of times, ours a handful at most
    assert 0 <= stats["newscrawler/gc_collections"] < 20
