"""Link discovery: outlinks without traps, feeds, comment pages and listing pagination."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from urllib.parse import urljoin

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawler.extract.comments import article_url_of, is_comment_page_url
from newscrawler.extract.links import PageLinks, _crawlable, absolute_url, discover_links

FIXTURES = Path(__file__).parent / "fixtures" / "links"
CASES = sorted(p.stem for p in FIXTURES.glob("*.json"))


@pytest.mark.parametrize("name", CASES)
def test_links_match_expected_json(name: str) -> None:
    expected = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
    found = discover_links((FIXTURES / f"{name}.html").read_bytes(), expected["url"])
    assert dataclasses.asdict(found) == {k: expected[k] for k in ("links", "feeds", "comment_pages", "next_pages")}


def test_comment_page_fixture_skips_traps() -> None:
    expected = json.loads((FIXTURES / "comment_page_2.json").read_text("utf-8"))
    found = discover_links((FIXTURES / "comment_page_2.html").read_bytes(), expected["url"])
    joined = " ".join(found.links)
    for trap in ("replytocom", "wp-login.php", "/wp-admin/", "share=", "facebook.com/sharer", "mailto:", "tel:",
                 "javascript:", "ftp:", "#"):
        assert trap not in joined
    assert expected["url"] not in found.links  # the page itself (and its #respond links)
    assert "https://allotment-diaries.example/2024/03/spring-border/" not in found.comment_pages


def test_cpage_comment_pages_and_older_comments_text() -> None:
    html = """<html><body><article><h1>Post</h1><p>Text</p></article>
      <div class="comments"><div class="comment" id="comment-1"><p>Hi</p></div>
        <a href="/news/story-12?cpage=2#comments">Older comments</a></div>
      <a href="/news/other-story?cpage=2">Another article's comments</a>
      <a href="/news/story-12?page=3">Ältere Kommentare</a></body></html>"""
    found = discover_links(html, "https://paper.example/news/story-12")
    assert found.comment_pages == ["https://paper.example/news/story-12?cpage=2",
                                   "https://paper.example/news/story-12?page=3"]


def test_rel_next_inside_comments_is_a_comment_page() -> None:
    html = """<html><body><section id="comments"><article class="comment" id="comment-9"><p>Yes.</p></article>
      <ul class="pager"><li><a rel="next" href="/node/77?page=1">next ›</a></li></ul></section></body></html>"""
    found = discover_links(html, "https://forum.example/node/77")
    assert found.comment_pages == ["https://forum.example/node/77?page=1"]
    assert found.next_pages == []


def test_listing_pagination_is_next_pages_but_next_article_is_not() -> None:
    html = """<html><head><link rel="next" href="https://blog.example/category/garden/page/2/"></head><body>
      <main><article><h2><a href="/2024/05/beans/">Beans</a></h2></article></main>
      <nav class="navigation pagination"><div class="nav-links">
        <span class="page-numbers current">1</span><a class="page-numbers" href="/category/garden/page/2/">2</a>
        <a class="next page-numbers" href="/category/garden/page/2/">Next</a></div></nav>
      <nav class="post-navigation"><a rel="next" href="/2024/05/peas/">Peas</a></nav></body></html>"""
    found = discover_links(html, "https://blog.example/category/garden/")
    assert found.next_pages == ["https://blog.example/category/garden/page/2/"]
    assert "https://blog.example/2024/05/peas/" in found.links


def test_base_href_and_dedupe_in_page_order() -> None:
    html = """<html><head><base href="https://cdn.example/site/"></head><body>
      <a href="a.html">A</a><a href="b.html#top">B</a><a href="a.html#x">A again</a>
      <a href=" https://other.example/path with space ">C</a></body></html>"""
    found = discover_links(html, "https://site.example/index.html")
    assert found.links == ["https://cdn.example/site/a.html", "https://cdn.example/site/b.html",
                           "https://other.example/path%20with%20space"]


def test_feeds_only_from_alternate_feed_types() -> None:
    html = """<html><head>
      <link rel="alternate" type="application/rss+xml" href="/rss.xml">
      <link rel="alternate" type="application/atom+xml" href="/atom.xml">
      <link rel="alternate" hreflang="fr" href="/fr/">
      <link rel="alternate" type="application/json+oembed" href="/oembed?url=x"></head><body></body></html>"""
    found = discover_links(html, "https://site.example/post")
    assert found.feeds == ["https://site.example/rss.xml", "https://site.example/atom.xml"]


@pytest.mark.parametrize("href", ["mailto:a@b.example", "javascript:void(0)", "#respond", "", "tel:123",
                                  "/wp-login.php?action=register", "/wp-admin/post.php", "?replytocom=4",
                                  "https://twitter.com/intent/tweet?url=x", "http://[bad"])
def test_absolute_url_rejects_traps(href: str) -> None:
    assert absolute_url("https://site.example/post/", href) is None


def test_comment_page_helpers() -> None:
    assert is_comment_page_url("https://s.example/p/comment-page-3/#comments")
    assert is_comment_page_url("https://s.example/?p=5&cpage=2")
    assert not is_comment_page_url("https://s.example/page/2/")
    assert article_url_of("https://s.example/2024/01/post/comment-page-3/") == "https://s.example/2024/01/post"
    assert article_url_of("https://s.example/post?cpage=2") == "https://s.example/post"


def test_empty_page() -> None:
    assert discover_links(b"", "https://site.example/") == PageLinks()


_BASES = st.sampled_from(["http://site.example/a/b?q=1#f", "https://site.example:8080/x/", "http://u:p@site.example",
                          "https://site.example", "HTTP://Site.example/A/b.html", "http://[::1]:80/p/q",
                          "http://site.example/a;p?q", "https://site.example//twice/"])
_HREFS = st.one_of(
    st.text(alphabet="/.?#:;ax\t\n+-1\\é %", max_size=12),
    st.builds(str.__add__, st.sampled_from(["http:", "https:", "//", "/", "ftp:", "a+b:", "HTTPS://", "1a:"]),
              st.text(alphabet="/.?#:;ax\t\n+-1\\é %", max_size=10)))


@settings(max_examples=800, deadline=None)
@given(_BASES, _HREFS, _BASES, _HREFS)
def test_absolute_url_resolves_like_urljoin_whatever_was_resolved_before(base: str, href: str, base2: str,
                                                                          href2: str) -> None:
    """Resolutions are shared between pages (a root-relative href needs only the base's host): each
    answer is still the one resolving against the whole base gives."""
    for b, h in ((base2, href2), (base, href), (base2, href), (base, href2)):
        try:
            expected = _crawlable(urljoin(b, h.strip()))
        except ValueError:
            expected = None
        if not h.strip() or h.strip().startswith("#") or ":" in h.strip().split("/", 1)[0] and \
                h.strip().split(":", 1)[0].lower() in ("mailto", "javascript", "tel", "data", "ftp", "file"):
            continue  # refused before resolving (test_absolute_url_rejects_traps)
        assert absolute_url(b, h) == expected, (b, h)
