"""The breadcrumb trail and the section it gives, on the markup of common trails (Bootstrap's ``ol.breadcrumb``,
Yoast SEO's shown trail and its JSON-LD ``BreadcrumbList``), and the declared section's own forms."""

from __future__ import annotations

import json

from newscrawler.extract.breadcrumbs import (
    Crumb,
    declared_trail,
    shown_trail,
    trail_section,
)
from newscrawler.extract.document import Document
from newscrawler.extract.metadata import extract_metadata, page_sources

URL = "https://news.example/politik/inland/2024/05/03/wahlrecht-reform/"
HEADLINE = "Bundestag beschließt die Wahlrechtsreform"


def page(body: str, head: str = "") -> Document:
    return Document.parse(f"<html><head><title>{HEADLINE}</title>{head}</head><body>{body}"
                          f"<article><h1>{HEADLINE}</h1><p>{'Der Bundestag hat abgestimmt. ' * 20}</p></article>"
                          "</body></html>", URL)


def section(doc: Document) -> str | None:
    return extract_metadata(doc).get("articleSection")


BOOTSTRAP = """<nav aria-label="breadcrumb"><ol class="breadcrumb">
  <li class="breadcrumb-item"><a href="/">Startseite</a></li>
  <li class="breadcrumb-item"><a href="/politik/">Politik</a></li>
  <li class="breadcrumb-item"><a href="/politik/inland/">Inland</a></li>
  <li class="breadcrumb-item active" aria-current="page">Bundestag beschließt die Wahlrechtsreform</li>
</ol></nav>"""

YOAST_SHOWN = """<p id="breadcrumbs"><span><span><a href="https://news.example/">Home</a></span> »
  <span><a href="https://news.example/category/politik/">Politik</a></span> »
  <span class="breadcrumb_last" aria-current="page">Bundestag beschließt die Wahlrechtsreform</span></span></p>"""

YOAST_GRAPH = {"@context": "https://schema.org", "@graph": [
    {"@type": "WebPage", "@id": URL, "url": URL, "name": HEADLINE, "breadcrumb": {"@id": URL + "#breadcrumb"}},
    {"@type": "BreadcrumbList", "@id": URL + "#breadcrumb", "itemListElement": [
        {"@type": "ListItem", "position": 3, "name": HEADLINE},
        {"@type": "ListItem", "position": 1, "name": "Startseite", "item": "https://news.example/"},
        {"@type": "ListItem", "position": 2, "name": "Wahlen", "item": "https://news.example/thema/wahlen/"}]}]}


def test_the_shown_trail_gives_the_section_above_the_page() -> None:
    assert shown_trail(page(BOOTSTRAP)) == [Crumb("Startseite", "https://news.example/"),
                                            Crumb("Politik", "https://news.example/politik/"),
                                            Crumb("Inland", "https://news.example/politik/inland/")]
    assert section(page(BOOTSTRAP)) == "Inland"
    assert section(page(YOAST_SHOWN)) == "Politik"


def test_the_declared_trail_is_read_in_position_order_when_none_is_shown() -> None:
    head = f'<script type="application/ld+json">{json.dumps(YOAST_GRAPH)}</script>'
    doc = page("", head)
    assert [crumb.name for crumb in declared_trail(page_sources(doc).jsonld, URL)] == ["Startseite", "Wahlen", HEADLINE]
    assert section(doc) == "Wahlen"


def test_a_declared_section_comes_before_the_trail() -> None:
    head = '<meta property="article:section" content="Hauptstadt">'
    assert section(page(BOOTSTRAP, head)) == "Hauptstadt"


def test_the_home_crumb_and_the_page_itself_are_no_section() -> None:
    rules_home = [Crumb("Home", "https://news.example/index.html"), Crumb(HEADLINE, URL)]
    assert trail_section(rules_home, set(), HEADLINE) is None
    language_root = [Crumb("News Example", "https://news.example/de/"), Crumb("Bericht", URL)]
    assert trail_section(language_root, {URL.rstrip("/")}, None) is None  # the last crumb links to the page
    assert trail_section([Crumb("Accueil", "https://news.example/fr"), Crumb("Monde", "https://news.example/fr/monde")],
                         set(), None) == "Monde"


def test_a_sub_menu_a_print_link_and_separators_are_not_crumbs() -> None:
    trail = """<div id="breadcrumb"><ul>
      <li class="has-sub"><a href="/presse/">Presse</a><ul class="sublevel">
        <li><a href="/presse/downloads/">Downloads</a></li><li><a href="/presse/ausweis/">Presseausweis</a></li></ul></li>
      <li><a href="/presse/mitteilungen/">› Pressemitteilungen</a></li>
      <li><a href="javascript:window.print()">drucken</a></li></ul></div>"""
    assert [crumb.name for crumb in shown_trail(page(trail))] == ["Presse", "Pressemitteilungen"]
    assert section(page(trail)) == "Pressemitteilungen"


def test_a_menu_or_a_page_class_named_breadcrumb_is_no_trail() -> None:
    menu = '<ul class="breadcrumbs">' + "".join(f'<li><a href="/s{i}/">Rubrik {i}</a></li>' for i in range(12)) + "</ul>"
    assert shown_trail(page(menu)) == []
    themed = Document.parse(f'<html><body class="has-breadcrumbs"><a href="/politik/">Politik</a><h1>{HEADLINE}</h1>'
                            "</body></html>", URL)
    assert shown_trail(themed) == []
    assert section(page('<ol class="breadcrumb"><li><a href="/">Startseite</a></li></ol>')) is None


def test_a_declared_list_of_categories_gives_the_first() -> None:
    head = '<meta property="article:section" content="Unfälle (heute, gestern), Verkehr,Bern">'
    assert section(page("", head)) == "Unfälle (heute, gestern)"
    graph = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": HEADLINE,
             "articleSection": "Politik,Wahlen,Bundestag"}
    assert section(page("", f'<script type="application/ld+json">{json.dumps(graph)}</script>')) == "Politik"


def test_a_category_meta_tag_names_the_section() -> None:
    assert section(page("", '<meta name="category" content="\nStars">')) == "Stars"


def test_a_date_archive_or_the_search_is_no_section() -> None:
    trail = [Crumb("Home", "https://blog.example/"), Crumb("Essays", "https://blog.example/essays/"),
             Crumb("2017", "https://blog.example/essays/2017/"), Crumb("January", "https://blog.example/essays/2017/01/")]
    assert trail_section(trail, set(), None) == "Essays"
    forum = [Crumb("Forum", "https://forum.example/index.php"), Crumb("Allgemeines", "https://forum.example/viewforum.php?f=4"),
             Crumb("Suche", "https://forum.example/search.php")]
    assert trail_section(forum, set(), None) == "Allgemeines"


def test_a_columnists_crumb_is_the_column_not_the_section() -> None:
    trail = [Crumb("Startseite", "https://news.example/"), Crumb("Kolumnen", "https://news.example/kolumnen/"),
             Crumb("Kolumne Georg Kasch", "https://news.example/kolumnen-georg-kasch/")]
    assert trail_section(trail, set(), None, ["Georg Kasch"]) == "Kolumnen"
    assert trail_section(trail, set(), None, ["Ana Lima"]) == "Kolumne Georg Kasch"  # someone else's column
    assert trail_section(trail, set(), None, ["Georg"]) == "Kolumne Georg Kasch"  # one word names no one
    shown = """<nav class="breadcrumbs"><a href="/">Home</a> › <a href="/blog/">Blog</a> ›
      <a href="/blog/author/evan-tepest/">Evan Tepest</a></nav>"""
    byline = '<meta name="author" content="Evan Tepest">'
    assert section(page(shown, byline)) == "Blog"
    assert section(page(shown)) == "Evan Tepest"  # (no author known: nothing says it is a person)
