"""Article pages versus hubs: fixture pages, URL shapes and the record's body length."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawler.extract.document import Document
from newscrawler.extract.pagetype import is_article_page, page_signals

FIXTURES = Path(__file__).parent / "fixtures" / "metadata"
CASES = sorted(p.stem for p in FIXTURES.glob("*.json"))


@pytest.mark.parametrize("name", CASES)
def test_fixture_page_type(name: str) -> None:
    expected = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
    doc = Document.parse((FIXTURES / f"{name}.html").read_bytes(), expected["_url"])
    assert is_article_page(doc) is expected["isArticle"]


def test_fixtures_cover_both_kinds() -> None:
    kinds = {json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))["isArticle"] for name in CASES}
    assert kinds == {True, False}


TEASERS = "".join(f'<article><h2><a href="/2024/05/0{i}/story-{i}/">Story {i}</a></h2><p>Short teaser.</p></article>'
                  for i in range(1, 7))
PARAGRAPHS = "".join(f"<p>{'The council met on Friday and approved the new harbour plan after a long debate. ' * 3}</p>"
                     for _ in range(6))


@pytest.mark.parametrize("url", [
    "https://news.example/",
    "https://news.example/tag/ferries/",
    "https://news.example/category/politics/",
    "https://news.example/author/jane-marlow/",
    "https://news.example/page/3/",
    "https://news.example/?s=ferry",
    "https://news.example/search?q=ferry",
])
def test_hub_urls_with_teasers_are_not_articles(url: str) -> None:
    doc = Document.parse(f"<html><body><h1>Latest</h1>{TEASERS}</body></html>", url)
    assert not is_article_page(doc)


@pytest.mark.parametrize("url", [
    "https://haber.example/etiket/feribot/", "https://noticias.example/etiquetas/ferry/",
    "https://uutiset.example/kategoria/politiikka/", "https://notizie.example/argomenti/traghetti/",
    "https://nyheter.example/arkiv/2024/", "https://zpravy.example/rubrika/domaci/",
])
def test_hub_urls_in_more_languages(url: str) -> None:
    doc = Document.parse(f"<html><body><h1>Latest</h1>{TEASERS}</body></html>", url)
    assert "hub_url" in page_signals(doc)


def test_plain_article_without_structured_data() -> None:
    doc = Document.parse(f"<html><body><h1>Harbour plan approved</h1>{PARAGRAPHS}</body></html>",
                         "https://news.example/local/harbour-plan-approved-after-long-debate-88231.html")
    assert page_signals(doc) == ["article_url", "long_text"]
    assert is_article_page(doc)


def test_record_body_length_counts() -> None:
    html = '<html><head><meta property="og:type" content="website"></head><body><h1>Harbour</h1></body></html>'
    doc = Document.parse(html, "https://news.example/harbour")
    assert not is_article_page(doc, {"articleBody": "Too short."})
    assert is_article_page(doc, {"articleBody": "A long paragraph of text. " * 80, "datePublished": "2024-05-03"})


def test_structured_article_on_a_hub_looking_url_still_counts() -> None:
    html = f"""<html><head><meta property="og:type" content="article">
      <script type="application/ld+json">
      {{"@type": "NewsArticle", "headline": "Ferries", "datePublished": "2024-05-03"}}</script>
      </head><body><article><h1>Ferries</h1>{PARAGRAPHS}</article></body></html>"""
    assert is_article_page(Document.parse(html, "https://news.example/topics/ferries"))
