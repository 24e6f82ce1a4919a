"""Document: the element index every extraction step walks, the depth limit, and text.any_of."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscrawler.extract.document import MAX_DEPTH, Document, decode_html, original_url
from newscrawler.extract.text import any_of

PAGE = """<html><head><title>T</title></head><body class="single">
<div id="main" class="wrap"><h1 class="entry-title">Headline</h1>
<p>Text <a href="/x">link</a></p><!-- a comment --><section class="">empty class</section></div>
</body></html>"""


def test_elements_lists_body_elements_in_page_order_with_tag_class_and_id() -> None:
    doc = Document.parse(PAGE, "https://example.com/a")
    rows = [(tag, cls, ident) for _, tag, cls, ident in doc.elements]
    assert rows == [("body", "single", ""), ("div", "wrap", "main"), ("h1", "entry-title", ""),
                    ("p", "", ""), ("a", "", ""), ("section", "", "")]
    elements = [el for el, *_ in doc.elements]  # a second walk gives the same elements again
    assert elements == list(doc.body.iter()) and elements[2].text == "Headline"


def test_elements_without_a_body_walk_the_whole_page() -> None:
    doc = Document.parse("<p>only a paragraph</p>", "https://example.com/")
    assert [tag for _, tag, _, _ in doc.elements][-1] == "p"


def test_nesting_deeper_than_the_limit_is_unwrapped_and_shallow_pages_are_untouched() -> None:
    deep = "<div>" * (MAX_DEPTH + 20) + "<p>deep text</p>" + "</div>" * (MAX_DEPTH + 20)
    doc = Document.parse(f"<html><body>{deep}<p>after</p></body></html>", "https://example.com/")
    assert "deep text" in doc.body.text_content() and "after" in doc.body.text_content()
    assert max(len(list(el.iterancestors())) for el in doc.body.iter()) < MAX_DEPTH
    shallow = Document.parse("<html><body>" + "<div>" * 50 + "x" + "</div>" * 50 + "</body></html>", "")
    assert len(list(shallow.body.iter("div"))) == 50


def test_any_of_finds_each_word_inside_longer_text() -> None:
    pattern = any_of(["date", "dateline", "datum", "time", "a.b"])
    assert pattern.search("post-dateline x") and pattern.search("xdatumx") and pattern.search("timestamp")
    assert pattern.search("a.b") and not pattern.search("axb")  # words are literal text, not regexes
    assert not pattern.search("dat tim") and not any_of([]).search("anything")


@given(st.lists(st.text("abde-", min_size=1, max_size=4), max_size=6), st.text("abcde-", max_size=20))
def test_any_of_agrees_with_a_plain_alternation(words: list[str], text: str) -> None:
    plain = re.compile("|".join(map(re.escape, words))) if words else re.compile("(?!)")
    assert (any_of(words).search(text) is None) == (plain.search(text) is None)


def test_nul_characters_are_dropped_before_parsing() -> None:
    """libxml2 would stop reading at a NUL: it is removed, whatever the text around it."""
    page = "<html><body><p>Gr\x00\u00fc\u00dfe\x00, W\u00f6rld\x00</p><p>on</p></body></html>"
    doc = Document.parse(page, "https://example.com/")
    assert [p.text for p in doc.body.iter("p")] == ["Gr\u00fc\u00dfe, W\u00f6rld", "on"]


def test_a_utf8_page_labelled_with_a_single_byte_charset_is_read_as_utf8() -> None:
    page = '<html><head><meta charset="iso-8859-1"><title>Tarif für nur 5,99 €</title></head></html>'
    assert "für nur 5,99 €" in decode_html(page.encode("utf-8"))
    assert "für" in decode_html("<p>für</p>".encode("utf-8"), "text/html; charset=windows-1252")


def test_pages_that_are_what_their_label_says_are_read_by_the_label() -> None:
    assert "für nur" in decode_html('<meta charset="iso-8859-1"><p>für nur</p>'.encode("latin-1"))
    assert "Привет" in decode_html('<meta charset="windows-1251"><p>Привет</p>'.encode("cp1251"))
    assert "für" in decode_html('<meta charset="utf-8"><p>für</p>'.encode("latin-1"))  # Latin-1 labelled UTF-8


@pytest.mark.parametrize(("url", "expected"), [
    ("https://web.archive.org/web/20160218174457/http://blog.example/2010/05/post/", "http://blog.example/2010/05/post/"),
    ("https://web.archive.org/web/20110106023242id_/http://clan.example/index.php?site=news",
     "http://clan.example/index.php?site=news"),  # a replay modifier after the timestamp
    ("https://wayback.archive-it.org/1234/20200101000000/https://news.example/a/b", "https://news.example/a/b"),
    ("http://archive.example/web/20200101000000/http:/news.example/a", "http://news.example/a"),  # collapsed '//'
    ("https://news.example/2024/05/03/slug", "https://news.example/2024/05/03/slug"),
    ("https://news.example/a/20240503/https-explained", "https://news.example/a/20240503/https-explained"),
])
def test_original_url_of_a_web_archive_capture(url: str, expected: str) -> None:
    assert original_url(url) == expected
    assert Document.parse("<p>x</p>", url).original_url == expected
