"""End to end: serve the demo site on 127.0.0.1, run the real crawl (`newscrawler demo`), and check the
archive against the demo site's ground truth: every article exactly once, every comment of every comment
page with its author and parent, the related links, and no boilerplate."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest

from conftest import read_archive, run_newscrawler
from newscrawler.demo.content import demo_articles
from newscrawler.extract.boilerplate import is_boilerplate
from newscrawler.items import RECORD_FIELDS, article_schema

BOILERPLATE = ["Related Articles", "Leave a Reply", "Your email address will not be published",
               "Back to top button", "bloggers like this", "Share this:", "Like this:", "Loading...",
               "(Opens in new window)", "Post navigation", "Cancel reply", "Save my name, email, and website",
               "Subscribe to our newsletter", "Advertisement"]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    output = tmp_path_factory.mktemp("demo")
    result = run_newscrawler("demo", "--output", str(output), "--log-level", "DEBUG")
    assert result.returncode == 0, result.stderr[-4000:]
    records = read_archive(output)
    return {"result": result, "output": output, "records": records,
            "by_path": {urlsplit(r["url"]).path: r for r in records}}


@pytest.fixture(scope="module")
def truth() -> dict[str, dict[str, Any]]:
    return {a["path"]: a for a in demo_articles()}


def test_every_article_exactly_once(crawl: dict[str, Any], truth: dict[str, dict[str, Any]]) -> None:
    paths = [urlsplit(r["url"]).path for r in crawl["records"]]
    assert len(paths) == len(set(paths)), "an article was written twice"
    assert sorted(paths) == sorted(truth), "hub pages were archived or articles missed"
    assert len(truth) >= 30


def test_records_follow_the_schema(crawl: dict[str, Any]) -> None:
    schema = article_schema()
    for record in crawl["records"]:
        assert tuple(record) == RECORD_FIELDS
        jsonschema.validate(record, schema)
        assert record["httpStatus"] == 200 and record["discoveredVia"] in {"start", "link", "sitemap", "feed"}


def test_headlines_dates_authors_and_language(crawl: dict[str, Any], truth: dict[str, dict[str, Any]]) -> None:
    for path, expected in truth.items():
        record = crawl["by_path"][path]
        assert record["headline"] == expected["headline"], path
        assert [a["name"] for a in record["authors"]] == expected["authors"], path
        assert record["datePublished"] == expected["datePublished"], path
        assert (record["inLanguage"] or "").split("-")[0] == expected["language"].split("-")[0], path


def test_bodies_keep_paragraphs_and_drop_boilerplate(crawl: dict[str, Any], truth: dict[str, dict[str, Any]]) -> None:
    for path, expected in truth.items():
        body = crawl["by_path"][path]["articleBody"]
        paragraphs = body.split("\n\n")
        assert paragraphs == expected["paragraphs"], path
        for phrase in BOILERPLATE:
            assert phrase not in body, (path, phrase)
        assert not any(is_boilerplate(p) for p in paragraphs), path


def test_every_comment_of_every_comment_page(crawl: dict[str, Any], truth: dict[str, dict[str, Any]]) -> None:
    multi_page = [a for a in truth.values() if len(a["commentPages"]) > 1]
    assert len(multi_page) >= 6
    for path, expected in truth.items():
        record = crawl["by_path"][path]
        got = [(c["commentId"], c["parentId"], c["author"], c["text"]) for c in record["comments"]]
        want = [(c["commentId"], c["parentId"], c["author"], c["text"]) for c in expected["comments"]]
        assert sorted(got) == sorted(want), path
        assert record["commentCount"] == len(expected["comments"])
        for comment, wanted in zip(sorted(record["comments"], key=lambda c: c["commentId"]),
                                   sorted(expected["comments"], key=lambda c: c["commentId"])):
            assert comment["datePublished"] == wanted["datePublished"], (path, comment["commentId"])


def test_related_links(crawl: dict[str, Any], truth: dict[str, dict[str, Any]]) -> None:
    for path, expected in truth.items():
        record = crawl["by_path"][path]
        got = [(urlsplit(link["url"]).path, link["title"]) for link in record["relatedLinks"]]
        assert got == [(r["path"], r["title"]) for r in expected["related"]], path


def test_no_trap_followed_and_no_page_fetched_twice(crawl: dict[str, Any]) -> None:
    fetched = re.findall(r"Crawled \(\d+\) <GET (\S+)>", crawl["result"].stderr)
    assert fetched, "debug log lists no fetched page"
    assert not [u for u in fetched if "replytocom" in u or "/wp-admin/" in u]
    pages = [u for u in fetched if not u.endswith("/robots.txt")]
    assert len(pages) == len(set(pages)), sorted(u for u in pages if pages.count(u) > 1)


def test_summary_and_manifest(crawl: dict[str, Any]) -> None:
    stdout = crawl["result"].stdout
    assert re.search(r"Articles:\s+\d+", stdout) and "Archive:" in stdout
    manifest_path = next(crawl["output"].rglob("*.manifest.json"))
    manifest = json.loads(manifest_path.read_text())
    assert manifest["summary"]["articles"] == len(crawl["records"])
    assert manifest["files"][0]["records"] == len(crawl["records"])
    assert manifest["summary"]["errorCount"] == 0, manifest["summary"]["errors"]
