"""Property-based tests: arbitrary and mutated pages never make extraction raise, and every record,
cleaned and given its provenance fields, validates against the published JSON Schema.

Bounded for CI (``max_examples`` ~200 each, no deadline). A longer local run:
``HYPOTHESIS_PROFILE=fuzz pytest tests/test_fuzz.py`` (2 000 examples each).
"""

from __future__ import annotations

import json
import os
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawler.extract import (
    Document,
    discover_links,
    extract_article,
    is_article_page,
)
from newscrawler.extract.dates import parse_date
from newscrawler.extract.feeds import parse_entries, xml_kind
from newscrawler.items import article_schema, complete_record
from newscrawler.pipelines import CleanPipeline

jsonschema = pytest.importorskip("jsonschema")
VALIDATOR = jsonschema.Draft202012Validator(article_schema())

settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

URL = "https://news.example.org/2024/05/03/harbour-reopens/"

ARTICLE = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>Harbour reopens after storm | Example Courier</title>
<link rel="canonical" href="/2024/05/03/harbour-reopens/">
<meta property="og:type" content="article"><meta property="og:title" content="Harbour reopens after storm">
<meta property="og:image" content="/img/harbour.jpg"><meta name="keywords" content="harbour, storm, ,ferries">
<meta property="article:published_time" content="2024-05-03T09:15:00+01:00">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Harbour reopens after storm","author":[{"@type":"Person","name":"Mara Quinn"},"Tom Ash",{"name":7}],
"datePublished":"2024-05-03T09:15:00+01:00","dateModified":"not a date","articleSection":["Local","News"]}</script>
<link rel="alternate" type="application/rss+xml" href="/feed/"></head>
<body><header><nav><a href="/">Home</a> <a href="/local/">Local</a> <a href="/page/2/">Next</a></nav></header>
<main><article><h1>Harbour reopens after storm</h1><p class="byline">By Mara Quinn and Tom Ash</p>
<time datetime="2024-05-03T09:15">3 May 2024</time>
<p>The harbour reopened on Friday morning after three days of closure, the port authority said.</p>
<p>Ferries to the islands resumed at noon, though some sailings were cancelled &amp; delayed.</p>
<h2>Damage to the pier</h2><p>Engineers found cracks in the old pier &mdash; repairs will take weeks.</p>
<figure><img src="/img/pier.jpg"><figcaption>The old pier.</figcaption></figure>
<p>Share this article</p></article>
<aside class="related"><h3>Related articles</h3><ul><li><a href="/2024/05/01/storm-warning/">Storm warning</a></li>
<li><a href="/2024/04/20/ferry-timetable/">New ferry timetable</a></li></ul></aside>
<section id="comments" class="comments"><h3>3 comments</h3><ol class="comment-list">
<li id="comment-11" class="comment"><div class="comment-author">Ann</div><div class="comment-content"><p>Good news!</p></div>
<ol class="children"><li id="comment-12" class="comment"><div class="comment-author">Bob</div>
<div class="comment-content"><p>Finally.</p></div></li></ol></li>
<li id="comment-13" class="comment"><div class="comment-content"><p>What about the pier?</p></div></li></ol>
<a class="comment-navigation" href="/2024/05/03/harbour-reopens/comment-page-2/">Older comments</a></section>
</main><footer>&copy; Example Courier. All rights reserved.</footer></body></html>"""

HUB = """<html><head><title>Local news</title></head><body><h1>Local</h1><ul>
<li><a href="/2024/05/03/harbour-reopens/">Harbour reopens</a></li><li><a href="?page=2">More</a></li>
<li><a href="javascript:void(0)">Menu</a></li><li><a href="mailto:desk@example.org">Mail</a></li></ul></body></html>"""

SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example.org/a/</loc><lastmod>2024-05-03</lastmod></url>
<url><loc>https://news.example.org/b/</loc><news:news><news:publication_date>2024-05-02T10:00:00Z</news:publication_date>
</news:news></url></urlset>"""

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>
<item><title>One</title><link>https://news.example.org/one/</link><pubDate>Fri, 03 May 2024 09:15:00 +0100</pubDate></item>
<item><title>Two</title><guid>https://news.example.org/two/</guid><pubDate>yesterday</pubDate></item></channel></rss>"""

SNIPPETS = ["<p>", "</p>", "<div>", "</div>", "<article>", "</article>", "<script>", "</script>", "<!--", "-->",
            "<![CDATA[", "]]>", "&amp;", "&#0;", "&#x110000;", "&nbsp;", "&bogus;", "\x00", "\ufeff", "\u200b",
            "<br/>", "<h1>", "</h1>", "<li class=\"comment\">", "<a href=\"//\">", "<a href=\"http://[::1\">",
            "<meta charset=\"x-unknown\">", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:x\">",
            "<time datetime=\"9999-99-99\">", "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",",
            "\"author\":null}", "<table><tr><td>", "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
            "<svg><p>", "<math>", "<template>", "\\ud800", "\\udfff\\u0000", "\\\"", "<img src=x onerror=alert(1)>", "<a href=\"data:text/html,x\">"]


@st.composite
def mutated(draw: Any, page: str) -> str:
    """``page`` with a few random edits: cut, duplicate, insert a snippet or random text, truncate."""
    text = page
    for _ in range(draw(st.integers(1, 6))):
        if not text:
            break
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 400)))
        op = draw(st.sampled_from(["cut", "dup", "snippet", "text", "truncate"]))
        if op == "cut":
            text = text[:i] + text[j:]
        elif op == "dup":
            text = text[:j] + text[i:j] * draw(st.integers(1, 3)) + text[j:]
        elif op == "snippet":
            text = text[:i] + draw(st.sampled_from(SNIPPETS)) + text[i:]
        elif op == "text":
            text = text[:i] + draw(st.text(max_size=40)) + text[i:]
        else:
            text = text[:j]
    return text


def record_of(html: str | bytes, url: str = URL) -> dict[str, Any]:
    """Extract, clean and complete a record the way the crawl does."""
    record = extract_article(html, url)
    record.update(url=url, fetchedAt="2024-05-03T10:00:00+00:00", httpStatus=200, discoveredVia="link")
    record = CleanPipeline().process_item(record)
    if not record.get("headline"):
        record["headline"] = "placeholder"   # ValidatePipeline drops such records; the rest must still validate
    if not record.get("articleBody"):
        record["articleBody"] = "placeholder"
    return complete_record(record)


@cache
def _base() -> tuple[tuple[str, Any], ...]:
    return tuple(record_of(ARTICLE).items())


def base_record() -> dict[str, Any]:
    """A valid record to put one value into."""
    return dict(_base())


def assert_valid(record: dict[str, Any]) -> None:
    """The record matches the schema and can be written as one UTF-8 JSON line."""
    errors = [f"{list(e.path)}: {e.message}" for e in VALIDATOR.iter_errors(record)]
    assert not errors, errors
    line = json.dumps(record, ensure_ascii=False).encode("utf-8")
    assert b"\n" not in line


def test_fixture_article_is_extracted() -> None:
    record = record_of(ARTICLE)
    assert record["headline"] == "Harbour reopens after storm"
    assert "Ferries to the islands resumed" in record["articleBody"]
    assert record["datePublished"].startswith("2024-05-03")
    assert_valid(record)


@given(mutated(ARTICLE))
def test_mutated_article_pages(page: str) -> None:
    doc = Document.parse(page, URL)
    is_article_page(doc)
    discover_links(doc)
    assert_valid(record_of(page))


@given(mutated(HUB))
def test_mutated_hub_pages(page: str) -> None:
    links = discover_links(page, "https://news.example.org/local/")
    assert all(u.startswith(("http://", "https://")) for u in links.links)
    assert_valid(record_of(page))


@given(st.binary(max_size=3000))
def test_arbitrary_bytes(data: bytes) -> None:
    assert_valid(record_of(data))


@given(st.text(max_size=3000))
def test_arbitrary_text(text: str) -> None:
    assert_valid(record_of(text))


@given(st.recursive(st.sampled_from(["<p>x</p>", "text", "<br>", "<img src=a>"]),
                    lambda inner: st.builds(lambda tag, kids: f"<{tag}>{''.join(kids)}</{tag}>",
                                            st.sampled_from(["div", "section", "article", "ul", "li", "span", "table"]),
                                            st.lists(inner, max_size=4)), max_leaves=60))
def test_random_trees(body: str) -> None:
    assert_valid(record_of(f"<html><head><title>T</title></head><body>{body}</body></html>"))


@pytest.mark.parametrize("depth", [300, 3000, 20000])
def test_absurd_nesting_keeps_the_text(depth: int) -> None:
    page = "<html><body>" + "<div>" * depth + "<p>Deep paragraph.</p>" + "</div>" * depth + "</body></html>"
    doc = Document.parse(page, URL)
    assert "Deep paragraph." in doc.body.text_content()
    assert_valid(record_of(page))


@given(st.one_of(mutated(SITEMAP.decode()), mutated(RSS.decode())).map(lambda s: s.encode("utf-8", "replace")))
def test_mutated_sitemaps_and_feeds(data: bytes) -> None:
    xml_kind(data)
    for entry in parse_entries(data, "https://news.example.org/sitemap.xml"):
        assert isinstance(entry.url, str)
        assert entry.date is None or VALIDATOR.is_valid({**base_record(), "datePublished": entry.date})


@given(st.text(max_size=60))
def test_dates_are_none_or_iso(value: str) -> None:
    date = parse_date(value)
    assert date is None or VALIDATOR.is_valid({**base_record(), "datePublished": date}), date


def test_malformed_entry_urls_are_skipped_not_fatal() -> None:
    data = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b"<url><loc>http://[::1/bad-ipv6/</loc></url><url><loc>http://127.0.0.1:99999/bad-port/</loc></url>"
            b"<url><loc>https://news.example.org/good/</loc></url></urlset>")
    urls = [e.url for e in parse_entries(data, "https://news.example.org/sitemap.xml")]
    assert "https://news.example.org/good/" in urls and not any("[" in u for u in urls)


@pytest.mark.parametrize("href", ["http://127.0.0.1:99999/x", "http://[::1/x", "http://[zz]/x", "http://a:-1/x"])
def test_malformed_links_are_not_discovered(href: str) -> None:
    links = discover_links(f'<html><body><a href="{href}">bad</a><a href="/ok/">ok</a></body></html>', URL)
    assert links.links == ["https://news.example.org/ok/"]


HREFS = st.one_of(st.text(max_size=40),
                  st.from_regex(r"(https?:)?//[\w.\[\]:%@-]{0,24}(:-?\d{0,7})?(/[\w/?=&%.;-]{0,20})?", fullmatch=True))


@given(HREFS)
def test_every_discovered_link_can_be_requested(href: str) -> None:
    from html import escape

    from scrapy import Request

    for url in discover_links(f'<html><body><a href="{escape(href)}">x</a></body></html>', URL).links:
        Request(url)


@given(HREFS)
def test_every_sitemap_entry_with_a_host_can_be_requested(loc: str) -> None:
    from html import escape

    from scrapy import Request

    from newscrawler.urls import host_of

    data = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{escape(loc)}</loc></url></urlset>'
    for entry in parse_entries(data.encode("utf-8", "replace"), "https://news.example.org/sitemap.xml"):
        if host_of(entry.url):
            Request(entry.url)


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\ud83d", "\\u0000", "\\u2028"])
def test_json_ld_escapes_cannot_break_the_archive(escape: str) -> None:
    page = ARTICLE.replace('"headline":"Harbour reopens after storm"', f'"headline":"Harbour {escape} reopens"') \
        .replace('"name":"Mara Quinn"', f'"name":"Mara {escape} Quinn"') \
        .replace('"articleSection":["Local","News"]', f'"articleSection":["Lo{escape}cal"],"image":"/a{escape}.jpg"')
    assert_valid(record_of(page))


@pytest.mark.parametrize("depth", [990, 5000, 100_000])
def test_absurdly_nested_json_ld_is_ignored(depth: int) -> None:
    arrays = "[" * depth + '{"@type":"NewsArticle","headline":"Deep"}' + "]" * depth
    objects = '{"a":' * depth + "1" + "}" * depth
    scripts = "".join(f'<script type="application/ld+json">{s}</script>' for s in (arrays, objects))
    assert_valid(record_of(ARTICLE.replace("</head>", scripts + "</head>")))
