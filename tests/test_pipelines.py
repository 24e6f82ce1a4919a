"""Pipelines: clean, validate, de-duplicate — each on its own, with real records."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
from scrapy.exceptions import DropItem
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from newscrawler.items import article_schema, complete_record
from newscrawler.pipelines import CleanPipeline, DedupePipeline, ValidatePipeline, content_hash

SEED = Path(__file__).parent / "fixtures" / "seed" / "news-page.txt"
SEED_BOILERPLATE = ["Related Articles", "Leave a Reply",
                    "Your email address will not be published. Required fields are marked *",
                    "Back to top button", "%d bloggers like this:"]


def record(**fields: object) -> dict:
    base = {"url": "http://127.0.0.1:8000/2024/05/03/story/", "headline": "A headline",
            "articleBody": "First paragraph.\n\nSecond paragraph.", "fetchedAt": "2024-05-03T10:00:00+00:00",
            "httpStatus": 200, "discoveredVia": "link"}
    base.update(fields)
    return base


def test_clean_strips_the_seed_page_boilerplate() -> None:
    text = SEED.read_text("utf-8")
    cleaned = CleanPipeline().process_item(record(articleBody=text))
    body = cleaned["articleBody"]
    for line in SEED_BOILERPLATE:
        assert line not in body
    assert body.startswith("International News\n\nRussia announces partial withdrawal")
    assert body.endswith("there were mixed signals coming from Russia.")
    assert "\n\n\n" not in body


def test_clean_normalises_unicode_whitespace_and_entities() -> None:
    raw = record(headline="  Caf\u0065\u0301 &amp; co\u200b\n news ",
                 articleBody="One\u00a0 two  three.\n\n\n\nFour&nbsp;five.\u200b",
                 authors=[{"name": " Jane  Doe "}, {"name": "jane doe"}, {"name": ""}],
                 keywords=["Politics", " politics ", "Europe"],
                 comments=[{"commentId": "comment-1", "parentId": None, "author": " Ann ", "datePublished": None,
                            "text": "Nice\n\n\n piece"}])
    cleaned = CleanPipeline().process_item(raw)
    assert cleaned["headline"] == "Caf\u00e9 & co news"
    assert cleaned["articleBody"] == "One two three.\n\nFour five."
    assert cleaned["authors"] == [{"name": "Jane Doe"}]
    assert cleaned["keywords"] == ["Politics", "Europe"]
    assert cleaned["comments"][0]["text"] == "Nice\n\npiece" and cleaned["comments"][0]["author"] == "Ann"
    assert cleaned["commentCount"] == 1
    assert cleaned["contentHash"] == content_hash("Caf\u00e9 & co news", "One two three.\n\nFour five.")


def test_cleaned_record_validates_against_the_published_schema() -> None:
    cleaned = CleanPipeline().process_item(record(datePublished="2024-05-03T10:00:00+02:00",
                                                  relatedLinks=[{"url": "http://127.0.0.1:8000/x/", "title": " X "}]))
    jsonschema.validate(complete_record(cleaned), article_schema())


def _crawler_stats() -> MemoryStatsCollector:
    crawler = get_crawler()
    return crawler.stats  # type: ignore[return-value]


def test_validate_drops_records_without_headline_or_body_and_counts_why() -> None:
    stats = _crawler_stats()
    validate = ValidatePipeline(stats, ["headline", "articleBody"])
    assert validate.process_item(record())["headline"] == "A headline"
    with pytest.raises(DropItem):
        validate.process_item(record(headline=None))
    with pytest.raises(DropItem):
        validate.process_item(record(articleBody=""))
    assert stats.get_value("newscrawler/dropped/missing_headline") == 1
    assert stats.get_value("newscrawler/dropped/missing_articleBody") == 1


def test_dedupe_writes_each_article_once() -> None:
    stats = _crawler_stats()
    dedupe = DedupePipeline(stats)
    clean = CleanPipeline()
    first = clean.process_item(record(canonicalUrl="http://127.0.0.1:8000/story/"))
    dedupe.process_item(first)
    with pytest.raises(DropItem):  # same canonical URL, reached through another URL
        dedupe.process_item(clean.process_item(record(url="http://127.0.0.1:8000/story/?utm=x",
                                                      canonicalUrl="http://127.0.0.1:8000/story/",
                                                      articleBody="Changed.")))
    with pytest.raises(DropItem):  # same text under another URL
        dedupe.process_item(clean.process_item(record(url="http://127.0.0.1:8000/copy/")))
    other = clean.process_item(record(url="http://127.0.0.1:8000/other/", articleBody="Different text."))
    assert dedupe.process_item(other) is other
    assert stats.get_value("newscrawler/dropped/duplicate_url") == 1
    assert stats.get_value("newscrawler/dropped/duplicate_content") == 1
