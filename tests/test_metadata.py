"""Metadata extraction: fixture pages with the expected fields beside each, plus the helpers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newscrawler.extract.document import Document
from newscrawler.extract.metadata import (
    extract_metadata,
    fix_mojibake,
    heading_text,
    load_json,
    normalize_language,
    page_sources,
    strip_site_name,
    types_of,
)
from newscrawler.items import article_schema

FIXTURES = Path(__file__).parent / "fixtures" / "metadata"
CASES = sorted(p.stem for p in FIXTURES.glob("*.json"))


def load_case(name: str) -> tuple[Document, dict[str, Any]]:
    expected = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
    return Document.parse((FIXTURES / f"{name}.html").read_bytes(), expected["_url"]), expected


def page(html: str, url: str = "https://news.example/2024/05/03/story-about-things/") -> Document:
    return Document.parse(html, url)


def test_there_are_fixtures() -> None:
    assert len(CASES) >= 6


@pytest.mark.parametrize("name", CASES)
def test_fixture_metadata(name: str) -> None:
    doc, expected = load_case(name)
    assert extract_metadata(doc) == expected["metadata"]


@pytest.mark.parametrize("name", CASES)
def test_metadata_fits_the_record_schema(name: str) -> None:
    doc, _ = load_case(name)
    schema = article_schema()
    for key, value in extract_metadata(doc).items():
        jsonschema.validate(value, {"$defs": schema["$defs"], **schema["properties"][key]})


def test_a_blog_post_signed_below_its_text() -> None:
    """Movable Type/Typepad's classic template: the title in <h3 class="entry-header">, the byline and
    date under the text ("Posted by Margaret Hale on October 12, 2008 at 09:14 AM"), no structured data."""
    url = "https://readingroom.typepad.com/blog/2008/10/why-libraries-still-matter.html"
    html = (Path(__file__).parent / "fixtures" / "comments" / "typepad.html").read_bytes()
    assert extract_metadata(Document.parse(html, url)) == {
        "headline": "Why libraries still matter", "authors": [{"name": "Margaret Hale"}],
        "datePublished": "2008-10-12T09:14:00"}


def test_drupals_submitted_by_line() -> None:
    """Drupal 7: "Submitted by <name> on <weekday>, <date> - <time>", in the site's language."""
    url = "https://www.stadtteilzeitung-ost.example/verkehr/neue-radwege-am-kanal"
    html = (Path(__file__).parent / "fixtures" / "comments" / "drupal7.html").read_bytes()
    metadata = extract_metadata(Document.parse(html, url))
    assert metadata["authors"] == [{"name": "Petra Lorenz"}]  # "Eingereicht von Petra Lorenz am Mo., 12.10.2015 - 09:30"
    assert metadata["datePublished"].startswith("2015-10-12T09:30")


def test_an_embedded_social_media_post_is_not_the_byline() -> None:
    post = ('<blockquote class="fb-post"><p>Our statement on rents.</p><p>Posted by <a href="https://fb.example/party">'
            'The Party</a> on Monday, February 7, 2022</p></blockquote>')
    html = f"<html><body><article><h1>Rents must not rise</h1><p>{'Text of the article. ' * 20}</p>{post}</article></body></html>"
    assert "authors" not in extract_metadata(page(html))


def test_tags_from_links_to_tag_pages() -> None:
    """No keywords meta tag and no rel="tag" (Tumblr, Medium, Squarespace): links to the tags' pages, not
    those of the sidebar's tag cloud, and without a list's counts."""
    html = ("<html><body><article><h1>On keeping a commonplace book</h1><p>" + "Notes on notes. " * 30 + "</p>"
            "<footer class='post-tags'><a href='/tagged/commonplace-book'>#commonplace book</a>"
            "<a href='/tagged/notebooks'>#notebooks</a><a href='/search?tag=writing'>writing (12)</a></footer>"
            "</article><aside class='sidebar'><div class='tag-cloud'><a href='/tagged/cats'>cats</a>"
            "<a href='/tagged/tea'>tea</a></div></aside></body></html>")
    assert extract_metadata(page(html))["keywords"] == ["commonplace book", "notebooks", "writing"]


def test_of_two_microdata_headlines_the_one_the_title_gives() -> None:
    """OceanWP marks its page header's "Blog" as itemprop=headline too, before the post's title."""
    html = ("<html><head><title>Wildfire smoke closes three schools – Ridge County Sentinel</title></head><body>"
            "<header class='page-header'><h1 class='page-header-title' itemprop='headline'>Blog</h1></header>"
            "<article><h2 class='single-post-title entry-title' itemprop='headline'>Wildfire smoke closes three schools"
            "</h2><p>" + "Three schools stay closed. " * 20 + "</p></article></body></html>")
    assert extract_metadata(page(html))["headline"] == "Wildfire smoke closes three schools"


def test_joomla_tags_and_category_in_microdata() -> None:
    """Joomla 3 marks an article's tags itemprop=keywords and its category link itemprop=genre; its keywords
    meta tag is the whole site's."""
    html = ("<html><head><meta name='keywords' content='Musikverein, Blasmusik'></head><body><div itemscope "
            "itemtype='https://schema.org/Article'><h2 itemprop='headline'>Frühjahrskonzert begeistert</h2>"
            "<dd class='category-name'>Kategorie: <a href='/index.php/aktuelles' itemprop='genre'>Aktuelles</a></dd>"
            "<div itemprop='articleBody'><p>" + "Das Konzert war ausverkauft. " * 20 + "</p></div><ul class='tags'>"
            "<li itemprop='keywords'><a href='/index.php/component/tags/tag/konzert'>Konzert</a></li>"
            "<li itemprop='keywords'><a href='/index.php/component/tags/tag/jugend'>Jugendkapelle</a></li>"
            "</ul></div></body></html>")
    metadata = extract_metadata(page(html))
    assert metadata["keywords"] == ["Konzert", "Jugendkapelle"]
    assert metadata["articleSection"] == "Aktuelles"


def test_a_page_title_given_as_the_site_name_is_still_the_headline() -> None:
    """Neos' SEO package writes the page's title as og:site_name."""
    html = ("<html><head><title>Sommerkonzert am Seeufer - Blog - Musikschule am See</title>"
            "<meta property='og:title' content='Sommerkonzert am Seeufer'>"
            "<meta property='og:site_name' content='Sommerkonzert am Seeufer'></head><body><main><article>"
            "<h1>Sommerkonzert am Seeufer</h1><p>" + "Die Schule spielte am See. " * 20 + "</p></article></main>"
            "</body></html>")
    assert extract_metadata(page(html))["headline"] == "Sommerkonzert am Seeufer"


def test_jsonld_is_cached_for_other_steps() -> None:
    doc, _ = load_case("news-jsonld-graph")
    extract_metadata(doc)
    types = {name for node in doc.cache["jsonld"] for name in types_of(node)}
    assert {"NewsArticle", "WebPage", "Person", "Organization"} <= types


def test_malformed_jsonld_is_still_read() -> None:
    doc, _ = load_case("spanish-malformed-jsonld")
    assert page_sources(doc).article is not None
    assert page_sources(doc).article["headline"].startswith("La sequía")


def test_load_json_tolerates_common_mistakes() -> None:
    assert load_json('{"a": 1,}') == {"a": 1}
    assert load_json('<!--\n{"a": "line\nbreak"}\n-->') == {"a": "line\nbreak"}
    assert load_json('{"a": 1}\n{"b": 2}') == [{"a": 1}, {"b": 2}]
    assert load_json("not json at all") == []


def test_nested_main_entity_article_is_found() -> None:
    html = """<html><head><script type="application/ld+json">{"@type": "WebPage", "mainEntity":
      {"@type": "ReportageNewsArticle", "headline": "Floods close the coast road",
       "datePublished": "2024-02-01T07:00:00Z",
       "author": {"@type": "Person", "givenName": "Ines", "familyName": "Borg"}}}</script></head><body></body></html>"""
    meta = extract_metadata(page(html))
    assert meta["headline"] == "Floods close the coast road"
    assert meta["datePublished"] == "2024-02-01T07:00:00+00:00"
    assert meta["authors"] == [{"name": "Ines Borg"}]


def test_headline_sources_vote_and_section_suffix_is_dropped() -> None:
    html = """<html><head><title>Storm damages pier - Local | Bay Courier</title>
      <meta property="og:title" content="Storm damages pier - Local">
      <meta property="og:site_name" content="Bay Courier">
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Storm damages pier"}</script>
      </head><body><h1>Storm damages pier</h1></body></html>"""
    assert extract_metadata(page(html))["headline"] == "Storm damages pier"


def test_strip_site_name() -> None:
    sites = ["baycourier", "bay"]
    assert strip_site_name("Storm damages pier | Bay Courier", sites) == "Storm damages pier"
    assert strip_site_name("BAY COURIER – Storm damages pier", sites) == "Storm damages pier"
    assert strip_site_name("Storm damages pier » ☆☆☆", sites) == "Storm damages pier"
    assert strip_site_name("Pier: the long view", sites) == "Pier: the long view"


def test_strip_site_name_cuts_only_the_part_naming_the_site() -> None:
    sites = ["baycourier", "bay"]
    assert strip_site_name("Weather | Storm damages pier - Bay Courier", sites) == "Weather | Storm damages pier"
    assert strip_site_name("Bay Courier - Weather | Storm damages pier", sites) == "Weather | Storm damages pier"
    assert strip_site_name("Storm damages pier | Bay Courier - Local", sites) == "Storm damages pier"


def test_strip_site_name_cuts_a_leading_site_name_before_a_colon_and_generic_title_labels() -> None:
    sites = ["baycourier", "bay"]
    assert strip_site_name("Bay Courier: Storm damages pier", sites) == "Storm damages pier"
    assert strip_site_name("Bay Courier view on the pier: a long wait", sites) == "Bay Courier view on the pier: a long wait"
    assert strip_site_name("Bay Courier » Blog Archive » Storm damages pier", sites) == "Storm damages pier"
    assert strip_site_name("Harbour Notes » Blog Archiv » Sturm am Pier", ["harbournotes"]) == "Sturm am Pier"


def test_the_sites_own_name_is_no_headline() -> None:
    html = """<html><head><title>Printers • Labels • Service | Harbour Print AG</title>
      <meta property="og:site_name" content="Harbour Print AG">
      <script type="application/ld+json">{"@type": "WebPage", "name": "Harbour Print AG"}</script>
      </head><body><h1>Printing solutions from the experts</h1></body></html>"""
    assert extract_metadata(page(html, "https://harbour-print.example/"))["headline"] == (
        "Printing solutions from the experts")


def test_a_headline_that_is_also_the_declared_site_name_is_kept() -> None:
    html = """<html><head><title>Flu shots offered to detainees</title>
      <meta property="og:site_name" content="Flu shots offered to detainees">
      <meta property="og:title" content="Flu shots offered to detainees">
      </head><body><h1>Flu shots offered to detainees</h1></body></html>"""
    assert extract_metadata(page(html, "https://portal.example/news/1"))["headline"] == "Flu shots offered to detainees"


def test_fix_mojibake() -> None:
    assert fix_mojibake("jetzt fÃ¼r nur 5,99 Euro") == "jetzt für nur 5,99 Euro"
    assert fix_mojibake("plain text für alle") == "plain text für alle"


@pytest.mark.parametrize("value, expected", [
    ("de_DE", "de-DE"), ("EN", "en"), ("pt-br", "pt-BR"), ("zh-hant-tw", "zh-Hant-TW"), ("", None), ("und", None),
    ("123", None),
])
def test_normalize_language(value: str, expected: str | None) -> None:
    assert normalize_language(value) == expected


def test_profile_url_authors_are_ignored() -> None:
    html = """<html><head><meta property="article:author" content="https://www.facebook.com/somebody">
      </head><body><h1>Quiet week at the port</h1><p class="byline">By Ana Lima</p></body></html>"""
    assert extract_metadata(page(html))["authors"] == [{"name": "Ana Lima"}]


def test_future_and_ancient_dates_are_rejected() -> None:
    html = """<html><head><meta property="article:published_time" content="2999-01-01T00:00:00Z">
      <meta name="date" content="1970-01-01"></head><body><h1>Tide tables</h1></body></html>"""
    assert "datePublished" not in extract_metadata(page(html, "https://news.example/tide-tables"))


def test_empty_page_gives_no_fields() -> None:
    assert extract_metadata(page("", "https://news.example/")) == {}


def test_the_article_about_this_page_wins_over_related_ones() -> None:
    html = """<html><head><link rel="canonical" href="https://news.example/2024/05/03/main-story/">
      <script type="application/ld+json">[
        {"@type": "NewsArticle", "headline": "A related story", "url": "https://news.example/2024/04/01/related/"},
        {"@type": "Article", "headline": "The main story", "mainEntityOfPage": {"@id": "https://news.example/2024/05/03/main-story/"}},
        {"@type": "WebPage", "name": "The main story - News", "url": "https://news.example/2024/05/03/main-story/"}
      ]</script></head><body></body></html>"""
    doc = page(html, "http://www.news.example/2024/05/03/main-story?utm_source=feed")
    assert page_sources(doc).article["headline"] == "The main story"


def test_site_logo_is_not_the_main_image() -> None:
    html = """<html><head><meta property="og:image" content="/static/img/logo-share.png">
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Quay reopens",
      "image": {"@type": "ImageObject", "url": "https://news.example/media/2024/quay.jpg"}}</script>
      </head><body></body></html>"""
    assert extract_metadata(page(html))["mainImage"] == {"url": "https://news.example/media/2024/quay.jpg"}


def test_visible_heading_keeps_its_typography() -> None:
    html = """<html><head><meta property="og:title" content="Harbour works - what changes for ferries...">
      <meta name="twitter:title" content="Harbour works - what changes for ferries...">
      <script type="application/ld+json">{"@type": "NewsArticle",
        "headline": "Harbour works - what changes for ferries..."}</script></head>
      <body><article><h1>Harbour works – what changes for ferries…</h1><p>Text.</p></article></body></html>"""
    assert extract_metadata(page(html))["headline"] == "Harbour works – what changes for ferries…"


def test_heading_with_other_words_does_not_replace_the_agreed_headline() -> None:
    html = """<html><head><meta property="og:title" content="Harbour works - what changes">
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour works - what changes"}
      </script></head><body><h1>Harbour works – what changes for ferries</h1></body></html>"""
    assert extract_metadata(page(html))["headline"] == "Harbour works - what changes"


def test_body_is_not_walked_when_structured_data_has_author_and_date() -> None:
    html = """<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Quay reopens",
      "datePublished": "2024-05-03T09:30:00+02:00", "author": {"@type": "Person", "name": "Lea Weber"}}</script>
      </head><body><h1>Quay reopens</h1><p class="byline">By Someone Else</p></body></html>"""
    doc = page(html)
    meta = extract_metadata(doc)
    assert meta["authors"] == [{"name": "Lea Weber"}]
    assert meta["datePublished"] == "2024-05-03T09:30:00+02:00"
    assert "marks" not in doc.cache


def test_byline_and_shown_date_are_read_when_structured_data_has_none() -> None:
    html = """<html><head><title>Quay reopens | Bay Courier</title></head><body>
      <header class="site-header"><a href="/author/editors/">Editors</a></header>
      <article><h1>Quay reopens</h1><div class="meta"><span class="byline">Von Lea Weber</span>
      <span>Erschienen am 03.05.2024, 09:30 Uhr</span></div><p>Text of the story.</p></article></body></html>"""
    doc = page(html)
    meta = extract_metadata(doc)
    assert meta["authors"] == [{"name": "Lea Weber"}]
    assert meta["datePublished"] == "2024-05-03T09:30:00"
    assert "marks" not in doc.cache  # found beside the headline: the rest of the page is not walked


def test_byline_far_from_the_headline_is_found_by_walking_the_page() -> None:
    html = """<html><head><title>Quay reopens</title></head><body>
      <div class="wrap"><div class="main"><div class="inner"><h1>Quay reopens</h1><p>Text of the story.</p></div></div>
      <aside><p>Related: <a href="/other">Ferry timetable</a></p></aside></div>
      <footer><p class="byline">By Lea Weber</p></footer></body></html>"""
    doc = page(html)
    assert extract_metadata(doc)["authors"] == [{"name": "Lea Weber"}]
    assert "marks" in doc.cache


def test_date_after_a_label_far_from_the_headline() -> None:
    html = """<html><body><h1>Vereinsfest am See</h1><div><p>Text des Artikels.</p></div>
      <footer><p>Veröffentlicht am: 12.06.2023</p></footer></body></html>"""
    assert extract_metadata(page(html))["datePublished"] == "2023-06-12"


def test_h1_repeating_the_title_suffix_is_the_blog_name() -> None:
    html = """<html><head><title>Rhubarb crumble with oat topping | Grandma's Kitchen Notes</title></head>
      <body><header><h1><a href="/">Grandma's Kitchen Notes</a></h1></header>
      <main><h2>Rhubarb crumble with oat topping</h2><p>Preheat the oven.</p></main></body></html>"""
    doc = page(html, "https://cooking.example/2019/05/rhubarb-crumble/")
    assert extract_metadata(doc)["headline"] == "Rhubarb crumble with oat topping"


def test_h1_after_a_short_section_prefix_stays_the_headline() -> None:
    html = """<html><head><title>Politik | Stadtrat beschließt neuen Haushalt</title></head>
      <body><h1>Stadtrat beschließt neuen Haushalt</h1><p>Der Stadtrat hat am Montag ...</p></body></html>"""
    doc = page(html, "https://zeitung.example/politik/haushalt")
    assert extract_metadata(doc)["headline"] == "Stadtrat beschließt neuen Haushalt"


def test_the_h1_that_the_declared_title_names_wins_over_a_section_label_h1() -> None:
    html = """<html><head><title>News - Lake Institute</title>
      <meta property="og:title" content="The first electron decides"></head>
      <body><div class="nav"><h1>News</h1></div>
      <div class="post"><h1>The first electron decides</h1><p>Researchers found that ...</p></div></body></html>"""
    doc = page(html, "https://lake-institute.example/news/first-electron")
    assert extract_metadata(doc)["headline"] == "The first electron decides"


def test_an_h2_that_the_title_names_wins_over_a_promotion_classed_as_a_title() -> None:
    html = """<html><head><title>Stones laid for the women of the resistance</title></head>
      <body><h1>L-Zine</h1><h2>Stones laid for the women of the resistance</h2><p>On the day of remembrance ...</p>
      <aside><h3 class="box-headline">Support us: subscribe!</h3></aside></body></html>"""
    doc = page(html, "https://l-zine.example/news-1010/stones")
    assert extract_metadata(doc)["headline"] == "Stones laid for the women of the resistance"


def test_with_no_declared_title_the_first_h1_stays_the_headline() -> None:
    html = """<html><head><title>Lake Institute</title></head>
      <body><h1>The first electron decides</h1><h1>Comments</h1></body></html>"""
    doc = page(html, "https://lake-institute.example/news/first-electron")
    assert extract_metadata(doc)["headline"] == "The first electron decides"


def test_a_page_that_shows_no_date_has_its_permalink_date() -> None:
    html = """<html><head><title>Spring cleaning</title></head>
      <body><h1>Spring cleaning</h1><p>We moved the blog to a new server overnight.</p></body></html>"""
    meta = extract_metadata(page(html, "https://blog.example/2014/05/18/spring-cleaning/"))
    assert meta["datePublished"] == "2014-05-18"
    html = html.replace("<h1>", '<p class="date">17. Mai 2014</p><h1>')  # a date shown on the page comes first
    meta = extract_metadata(page(html, "https://blog.example/2014/05/18/spring-cleaning/"))
    assert meta["datePublished"] == "2014-05-17"


def test_a_shown_publication_date_wins_over_a_generic_date_tag() -> None:
    """A bare ``date``/``dc.date`` tag is often the page's last edit: the date shown beside the headline is
    the publication date; when both name the same day, the tag's time (more precise) is kept."""
    html = """<html><head><title>Neue Präsidentin gewählt</title><meta name="date" content="2021-10-15"></head>
      <body><h1>Neue Präsidentin gewählt</h1><p class="meta">Erschienen am: 13.10.2021</p>
      <p>Die Delegiertenversammlung hat am Mittwoch gewählt.</p></body></html>"""
    assert extract_metadata(page(html))["datePublished"] == "2021-10-13"
    same_day = html.replace('content="2021-10-15"', 'content="2021-10-13T14:57:27+02:00"')
    assert extract_metadata(page(same_day))["datePublished"] == "2021-10-13T14:57:27+02:00"
    declared = html.replace('name="date"', 'property="article:published_time"')  # a publication tag is trusted
    assert extract_metadata(page(declared))["datePublished"] == "2021-10-15"


def test_an_archived_capture_is_read_with_its_original_url() -> None:
    """A Wayback Machine capture: the site's name and the permalink's day come from the captured URL."""
    html = """<html><head><title>Spring cleaning – Harbour Notes</title></head>
      <body><p>We moved the blog to a new server overnight.</p></body></html>"""
    url = "https://web.archive.org/web/20160218174457/http://www.harbournotes.example/2014/05/18/spring-cleaning/"
    meta = extract_metadata(page(html, url))
    assert meta["headline"] == "Spring cleaning"
    assert meta["datePublished"] == "2014-05-18"


def test_a_title_the_parser_moved_into_the_body_is_still_the_page_title() -> None:
    """Text before <title> ends the head early (libxml2 then puts the <title> in <body>, as browsers do);
    it is still the page's title. An <svg>'s <title> never is."""
    html = """<html><head><meta charset="utf-8">&nbsp;<title>Ferry strike ends | Bay Courier</title></head>
      <body><svg><title>Menu icon</title></svg><div class="post"><p>The ferry strike ended on Monday.</p></div>
      </body></html>"""
    assert extract_metadata(page(html, "https://baycourier.example/news/ferry"))["headline"] == "Ferry strike ends"
    svg_only = html.replace("&nbsp;<title>Ferry strike ends | Bay Courier</title>", "")
    assert extract_metadata(page(svg_only, "https://baycourier.example/news/ferry")).get("headline") is None


def test_secondary_text_in_a_small_inside_the_h1_is_not_part_of_the_headline() -> None:
    html = """<html><head><title>Einheit der Woche | Lagen-Pyramide mit GA2 - Swim Blog</title></head><body>
      <h1><span itemprop="headline"><small>Einheit der Woche</small><br>Lagen-Pyramide mit GA2</span></h1>
      <p>Zum Aufwärmen 400 Meter locker.</p></body></html>"""
    assert extract_metadata(page(html, "https://swimblog.example/training/ga2"))["headline"] == "Lagen-Pyramide mit GA2"


def test_kicker_inside_the_h1_is_not_part_of_the_headline() -> None:
    html = """<html><head><title>Nachrichten aus der Region</title></head><body><article>
      <h1><span class="article-header__kicker">Warnstreik</span><span class="title">Hafen: Kräne stehen still</span>
      </h1>
      <p class="byline">Von Jana Ott</p><p>Im Hafen ruht seit dem Morgen die Arbeit.</p></article></body></html>"""
    doc = page(html, "https://nachrichten.example/wirtschaft/hafen-streik")
    meta = extract_metadata(doc)
    assert meta["headline"] == "Hafen: Kräne stehen still"
    assert meta["authors"] == [{"name": "Jana Ott"}]


@pytest.mark.parametrize("kicker", ["antetitulo", "article__surtitre", "occhiello", "bovenkop"])
def test_kicker_class_names_in_more_languages(kicker: str) -> None:
    doc = page(f'<html><body><h1><span class="{kicker}">Inondations</span> La route côtière est fermée</h1></body></html>')
    assert heading_text(doc.body.find(".//h1")) == "La route côtière est fermée"


def test_heading_text_keeps_a_heading_without_kicker() -> None:
    doc = page("<html><body><h1>Coast road <em>closed</em> after floods</h1></body></html>")
    assert heading_text(doc.body.find(".//h1")) == "Coast road closed after floods"
    doc = page('<html><body><h1><span class="kicker">Floods</span></h1></body></html>')
    assert heading_text(doc.body.find(".//h1")) == "Floods"
    doc = page("<html><body><h1><span>Week's session</span><br>Pyramid sets with kick</h1></body></html>")
    assert heading_text(doc.body.find(".//h1")) == "Week's session Pyramid sets with kick"  # a <br> is a space


def test_malformed_urls_in_the_page_are_skipped() -> None:
    html = """<html><head><link rel="canonical" href="http://[::1/story">
      <meta property="og:image" content="https://[broken/img.jpg"><meta property="og:url" content="/2024/quay">
      </head><body><h1>Quay reopens</h1></body></html>"""
    meta = extract_metadata(page(html, "https://news.example/2024/quay"))
    assert meta["canonicalUrl"] == "https://news.example/2024/quay"
    assert "mainImage" not in meta


_CANDIDATES_PAGE = """<html><body><article>
<h1>Storm closes coast road</h1>
<p class="meta"><span class="label">Author:</span> Ana Lima</p>
<p><a href="/author/ana-lima/">Ana Lima</a> <a href="/news/">News</a> <a rel="author" href="/x">Ana</a></p>
<span class="fn" rel="author">Ana Lima</span> <span class="fn" rel="nofollow">not her</span>
<p><strong>Datum</strong> 3. Mai 2024 <time>3 May</time> <time class="stamp">3 May</time></p>
<p>By Ana Lima</p><p>Nothing to see here</p>
</article></body></html>"""


def test_byline_and_date_candidates_of_each_kind_in_page_order() -> None:
    from newscrawler.extract.metadata import page_marks

    doc = Document.parse(_CANDIDATES_PAGE, "https://news.example/a")
    marks = page_marks(doc)
    bylines = [(kind, el.tag, el.text_content().strip()) for kind, el in marks.bylines]
    dates = [(kind, el.tag, el.text_content().strip()) for kind, el in marks.dates]
    assert bylines == [("label", "span", "Author:"), ("hint", "a", "Ana Lima"), ("hint", "a", "Ana"),
                       ("hint", "span", "Ana Lima"), ("hint", "p", "By Ana Lima")]
    assert dates == [("hint", "p", "Author: Ana Lima"), ("label", "strong", "Datum"), ("time", "time", "3 May"),
                     ("time", "time", "3 May")]


def test_generic_host_labels_are_not_site_names() -> None:
    from newscrawler.extract.metadata import site_names

    doc = Document.parse("<html><head><title>Storm hits the coast | Commuters stranded</title></head>"
                         "<body><p>Text.</p></body></html>", "https://www.haber.com.tr/storm")
    sites = site_names(doc, page_sources(doc))
    assert "haber" in sites and "com" not in sites and "www" not in sites
    assert extract_metadata(doc)["headline"] == "Storm hits the coast | Commuters stranded"


def test_the_lead_of_a_linked_feeds_title_names_the_site() -> None:
    """WordPress links its feeds as "Site » Feed": with no other source naming the site, that lead is cut
    from the <title>; a feed title without the separator names nothing."""
    head = ('<link rel="alternate" type="application/rss+xml" title="Bücherwurm und mehr &raquo; Feed" href="/feed/">'
            '<link rel="alternate" type="application/rss+xml" title="Bücherwurm und mehr &raquo; Kommentar-Feed"'
            ' href="/comments/feed/">')
    html = (f"<html><head><title>Neues im Mai | Bücherwurm und mehr</title>{head}</head>"
            "<body><p>Text.</p></body></html>")
    assert extract_metadata(page(html, "https://www.bw2.example/2014/05/neues/"))["headline"] == "Neues im Mai"
    plain = ("<html><head><title>Neues im Mai | Lesekreis</title><link rel='alternate' "
             "type='application/rss+xml' title='Lesekreis' href='/feed/'></head><body><p>Text.</p></body></html>")
    assert extract_metadata(page(plain, "https://www.bw2.example/neues/"))["headline"] == "Neues im Mai | Lesekreis"


def test_keywords_leave_out_paths_and_taxonomy_codes() -> None:
    """A path left in JSON-LD keywords ("/article") is no tag; a keywords source of taxonomy codes only
    ("cat_neurology,k1_brain") gives way to the next source."""
    ld = '{"@type": "NewsArticle", "headline": "Storm", "keywords": ["bill clinton", "warner bros.", "\\/article"]}'
    html = f"<html><head><script type='application/ld+json'>{ld}</script></head><body><p>Text.</p></body></html>"
    assert extract_metadata(page(html))["keywords"] == ["bill clinton", "warner bros."]
    codes = ("<html><head><meta name='sailthru.tags' content='cat_neurology,cat_psychology-psychiatry,k1_brain'>"
             "<meta name='keywords' content='neuroscience, memory'></head><body><p>Text.</p></body></html>")
    assert extract_metadata(page(codes))["keywords"] == ["neuroscience", "memory"]


def test_keywords_leave_out_lone_punctuation_id_numbers_and_a_copy_of_the_description() -> None:
    meta = "<meta name='news_keywords' content='water, \", moon, 2019, 100312362, ...'>"
    html = f"<html><head>{meta}</head><body><p>Text.</p></body></html>"
    assert extract_metadata(page(html))["keywords"] == ["water", "moon", "2019"]
    summary = "BANGKOK: Ein Video, in dem behauptet wird, dass ein Bote nach Singapur fliegt, ..."
    copied = (f"<html><head><meta name='keywords' content='{summary}'><meta name='description' content=' {summary}'>"
              "</head><body><p>Text.</p></body></html>")
    assert "keywords" not in extract_metadata(page(copied))
    own = copied.replace(f"content='{summary}'", "content='Singapur, Lieferdienst'", 1)
    assert extract_metadata(page(own))["keywords"] == ["Singapur", "Lieferdienst"]


def test_a_declared_section_that_is_a_sentence_is_no_section() -> None:
    """A CMS that fills JSON-LD articleSection with the article's summary declares no section; the next source
    (here the article:section meta) is read instead."""
    summary = "Der dreimalige Olympiasieger und sein Teamkollege sind positiv auf das Coronavirus getestet worden."
    ld = f'{{"@type": "NewsArticle", "headline": "Zwei Fälle", "articleSection": "{summary}"}}'
    html = (f"<html><head><script type='application/ld+json'>{ld}</script></head>"
            "<body><p>Text.</p></body></html>")
    assert "articleSection" not in extract_metadata(page(html))
    with_meta = html.replace("<head>", "<head><meta property='article:section' content='Olympia'>", 1)
    assert extract_metadata(page(with_meta))["articleSection"] == "Olympia"


def test_an_unfilled_template_or_an_empty_summary_is_no_description() -> None:
    """Craft's SEOmatic may write its template instead of the teaser, in JSON-LD or a meta tag; a
    "summary | site" template with no summary leaves "| Site". The next source is read."""
    ld = '{"@type": "NewsArticle", "description": "{{ seomatic.helper.extractTextFromField(entry.teaser) }}"}'
    html = (f"<html><head><script type='application/ld+json'>{ld}</script><meta property='og:title' content='{{{{ title }}}}'>"
            "<meta name='description' content='Der Zulieferer wächst wieder.'></head><body><h1>Luftfahrt hebt ab</h1>"
            "<p>Text.</p></body></html>")
    meta = extract_metadata(page(html))
    assert (meta["description"], meta["headline"]) == ("Der Zulieferer wächst wieder.", "Luftfahrt hebt ab")
    empty = "<html><head><meta name='description' content=' | Bay News'></head><body><p>Text.</p></body></html>"
    assert "description" not in extract_metadata(page(empty))


def test_a_time_inside_an_element_classed_modified_is_the_last_edit() -> None:
    """Joomla 4/5 print the dates in ``<dd class="published">`` and ``<dd class="modified">``, each holding a
    ``<time datetime>``; without structured data, the second is dateModified (the first is not)."""
    html = """<html><head><title>Starkregen hält Feuerwehr in Atem</title></head><body>
      <h1>Starkregen hält Feuerwehr in Atem</h1><dl class="article-info">
      <dd class="published"><time datetime="2024-06-04T07:30:00+02:00">Veröffentlicht: 04. Juni 2024</time></dd>
      <dd class="modified"><time datetime="2024-06-05T14:02:17+02:00">Zuletzt aktualisiert: 05. Juni 2024</time></dd>
      </dl><p>Der Starkregen am Montagabend hat die Feuerwehr bis in die Morgenstunden beschäftigt.</p></body></html>"""
    meta = extract_metadata(page(html))
    assert (meta["datePublished"], meta.get("dateModified")) == ("2024-06-04T07:30:00+02:00", "2024-06-05T14:02:17+02:00")
    unmodified = html.replace('<dd class="modified">', '<dd class="hits">')
    assert extract_metadata(page(unmodified)).get("dateModified") is None


def test_the_last_edit_printed_first_is_not_the_publication_date() -> None:
    """GeneratePress prints a post edited later as ``<time class="updated">`` before ``<time class="entry-date
    published">`` in its entry meta; the first is dateModified, the second datePublished."""
    html = """<html><head><title>Harbour works start</title></head><body><article><header class="entry-header">
      <h1 class="entry-title">Harbour works start</h1><div class="entry-meta"><span class="posted-on">
      <time class="updated" datetime="2024-06-12T18:44:10+01:00">June 12, 2024</time>
      <time class="entry-date published" datetime="2024-06-11T07:30:00+01:00">June 11, 2024</time></span>
      <span class="byline">by <span class="author vcard"><a class="url fn n" href="/author/ana/">Ana Lima</a></span>
      </span></div></header><div class="entry-content"><p>Work on the harbour wall started on Monday.</p></div>
      </article></body></html>"""
    meta = extract_metadata(page(html))
    assert (meta["datePublished"], meta.get("dateModified")) == ("2024-06-11T07:30:00+01:00", "2024-06-12T18:44:10+01:00")
    alone = html.replace('<time class="entry-date published" datetime="2024-06-11T07:30:00+01:00">June 11, 2024</time>', "")
    assert extract_metadata(page(alone))["datePublished"] == "2024-06-12T18:44:10+01:00"  # the only date shown


def test_without_a_declared_image_the_featured_image_is_the_main_image() -> None:
    """WordPress classes a post's featured image ``wp-post-image``; a site without an SEO plugin declares no image,
    and the thumbnails of other posts (inside links to them) carry the same class."""
    html = """<html><head><title>Winter count</title></head><body><article><h1>Winter count</h1>
      <figure class="wp-block-post-featured-image"><img src="/wp-content/uploads/2025/01/reeds.jpg"
      class="attachment-post-thumbnail size-post-thumbnail wp-post-image" alt=""></figure>
      <p>Volunteers counted three bitterns at the fen.</p></article><aside><a href="/2025/01/09/flood-gates/">
      <img src="/wp-content/uploads/2025/01/gates.jpg" class="wp-post-image" alt=""></a></aside></body></html>"""
    url = "https://fens.example/2025/01/14/winter-count/"
    assert extract_metadata(page(html, url))["mainImage"] == {"url": "https://fens.example/wp-content/uploads/2025/01/reeds.jpg"}
    others_only = html.replace('class="attachment-post-thumbnail size-post-thumbnail wp-post-image"', "")
    assert extract_metadata(page(others_only, url)).get("mainImage") is None
    declared = html.replace("<title>", '<meta property="og:image" content="https://fens.example/og.jpg"><title>')
    assert extract_metadata(page(declared, url))["mainImage"] == {"url": "https://fens.example/og.jpg"}
    lazy = html.replace('src="/wp-content/uploads/2025/01/reeds.jpg"',
                        'src="data:image/svg+xml,%3Csvg%3E%3C/svg%3E" data-src="/wp-content/uploads/2025/01/reeds.jpg"')
    assert extract_metadata(page(lazy, url))["mainImage"] == {"url": "https://fens.example/wp-content/uploads/2025/01/reeds.jpg"}


def test_category_links_marked_as_tags_give_the_section_not_tags() -> None:
    """WordPress' post-terms block writes ``rel="tag"`` on category links too (inside ``taxonomy-category``);
    a theme may link categories so as well (to ``/category/...``): they are the section, not tags."""
    html = """<html><head><title>Winter count</title></head><body><article><h1>Winter count</h1>
      <div class="taxonomy-category wp-block-post-terms"><a href="/category/wildlife/" rel="tag">Wildlife</a></div>
      <p>Volunteers counted three bitterns at the fen.</p>
      <div class="taxonomy-post_tag wp-block-post-terms"><a href="/tag/bitterns/" rel="tag">bitterns</a>
      <a href="/tag/holme-fen/" rel="tag">Holme Fen</a></div>
      <div class="related"><a href="/category/news/" rel="tag">News</a></div></article></body></html>"""
    meta = extract_metadata(page(html, "https://fens.example/2025/01/14/winter-count/"))
    assert (meta["keywords"], meta["articleSection"]) == (["bitterns", "Holme Fen"], "Wildlife")


def test_shown_tag_links_come_before_the_keywords_meta_tag() -> None:
    """The keywords meta tag is often the whole site's (or generated from the text, as DataLife Engine does);
    the tag links the post shows are its own. Without tag links the meta tag still gives the keywords."""
    html = """<html><head><title>Bridge reopens</title><meta name="keywords" content="news, city, bridge, opens, weather">
      </head><body><article><h1>Bridge reopens</h1><p>The bridge carried its first cars in two years.</p>
      <p class="tags"><a href="/tags/bridges/" rel="tag">bridges</a> <a href="/tags/roadworks/" rel="tag">roadworks</a>
      </p></article></body></html>"""
    assert extract_metadata(page(html))["keywords"] == ["bridges", "roadworks"]
    without_links = html.replace(' rel="tag"', "").replace("/tags/", "/t/").replace('class="tags"', 'class="note"')
    assert extract_metadata(page(without_links))["keywords"] == ["news", "city", "bridge", "opens", "weather"]
    declared = html.replace('<meta name="keywords"', '<meta property="article:tag" content="Bridges"><meta name="keywords"')
    assert extract_metadata(page(declared))["keywords"] == ["Bridges"]


def test_a_tag_linked_twice_in_different_case_is_one_tag() -> None:
    html = """<html><head><title>Caught on camera</title></head><body><article><h1>Caught on camera</h1>
      <p>The sheriff's office released the video on Friday.</p><div class="tags">
      <a href="/tag/lewdness/">lewdness</a> <a href="/tag/lewdness-2/">LEWDNESS</a> <a href="/tag/caught/">CAUGHT ON TAPE</a>
      </div></article></body></html>"""
    assert extract_metadata(page(html))["keywords"] == ["lewdness", "CAUGHT ON TAPE"]


def test_a_comment_or_another_storys_date_is_not_the_articles() -> None:
    """Twenty Twenty-Five shows no date for the post itself; its one group holds the post, the comments (with their
    times) and "More posts" (with theirs). The date is then the permalink's, not a comment's or a teaser's."""
    html = """<html><head><title>Winter count</title></head><body><main><div class="wp-block-group">
      <h1 class="wp-block-post-title">Winter count</h1><div class="entry-content"><p>Volunteers counted three bitterns
      at the fen last weekend, the first recorded on the reserve since 2014.</p></div>
      <div class="wp-block-comments" id="comments"><h2>Comments</h2><ol class="wp-block-comment-template">
      <li id="comment-5" class="comment"><div class="wp-block-comment-author-name">Margaret Fyfe</div>
      <div class="wp-block-comment-date"><time datetime="2025-01-14T12:03:44+00:00">January 14, 2025 12:03</time></div>
      <div class="wp-block-comment-content"><p>Wonderful news.</p></div></li></ol></div>
      <h2>More posts</h2><ul class="wp-block-post-template"><li><h3><a href="/2025/01/20/straw-bear/">Straw Bear returns</a>
      </h3><div class="wp-block-post-date"><time datetime="2025-01-20T09:10:00+00:00"><a href="/2025/01/20/straw-bear/">
      January 20, 2025</a></time></div></li><li><h3><a href="/2025/01/09/flood-gates/">New flood gates</a></h3>
      <div class="wp-block-post-date"><time datetime="2025-01-09T07:00:00+00:00"><a href="/2025/01/09/flood-gates/">
      January 9, 2025</a></time></div></li></ul></div></main></body></html>"""
    meta = extract_metadata(page(html, "https://fens.example/2025/01/14/winter-count/"))
    assert meta["datePublished"] == "2025-01-14"
    assert "datePublished" not in extract_metadata(page(html, "https://fens.example/winter-count/"))


def test_the_date_below_an_unclassed_h2_headline_when_the_h1_is_the_sites_logo() -> None:
    """DedeCMS' article template: the site's name in an <h1>, the headline in a plain <h2>, and an info line
    "时间:2024-05-14 09:30" (a date with hyphens, right after a label) below it; a sidebar shows other dates."""
    html = """<html><head><title>江城大桥完成加固_江城新闻网</title></head><body>
      <div class="header"><h1><a href="/">江城新闻网</a></h1></div>
      <div class="sidebar"><ul><li><a href="/a/1.html">旧闻</a> 2023-01-02 08:00</li></ul></div>
      <div class="viewbox"><div class="title"><h2>江城大桥完成加固</h2></div>
      <div class="info"><small>时间:</small>2024-05-14 09:30<small>来源:</small>江城日报</div>
      <div class="content"><p>经过半年施工，江城大桥加固工程于本周完成，明日起恢复通行。</p></div></div></body></html>"""
    meta = extract_metadata(page(html, "https://news.example/a/412.html"))
    assert (meta["headline"], meta["datePublished"]) == ("江城大桥完成加固", "2024-05-14T09:30:00")


def test_an_author_meta_that_credits_the_generating_software_names_no_author() -> None:
    """Discuz! writes ``<meta name="author" content="Discuz! Team and Comsenz UI Team">`` on every page, beside
    ``<meta name="generator" content="Discuz! X3.4">``: the software's credit, not the article's author."""
    html = """<html><head><title>江城大桥完成加固</title><meta name="generator" content="Discuz! X3.4">
      <meta name="author" content="Discuz! Team and Comsenz UI Team"></head><body><h1>江城大桥完成加固</h1>
      <p>经过半年施工，江城大桥加固工程于本周完成。</p></body></html>"""
    assert "authors" not in extract_metadata(page(html))
    other = html.replace('content="Discuz! X3.4"', 'content="WordPress 6.5"').replace(
        "Discuz! Team and Comsenz UI Team", "Ana Lima")
    assert extract_metadata(page(other))["authors"] == [{"name": "Ana Lima"}]


def test_an_author_meta_naming_the_copyright_holder_and_its_address_gives_no_place_names() -> None:
    """``<meta name="author">`` written like the copyright meta ("Verlag GmbH, Nürnberg, Germany") names the site's
    owner: its town and country are no authors. CMS defaults ("Super User", "publisher") name nobody."""
    owner = "Bergverlag GmbH, Nürnberg, Germany"
    html = (f"<html><head><title>Lawinen</title><meta name='author' content='{owner}'>"
            f"<meta name='copyright' content='{owner}'></head><body><h1>Lawinen</h1><p>Text.</p></body></html>")
    assert extract_metadata(page(html))["authors"] == [{"name": "Bergverlag GmbH"}]
    person = html.replace(f"content='{owner}'>", "content='Ana Lima, Max Muster'>", 1)
    assert extract_metadata(page(person))["authors"] == [{"name": "Ana Lima"}, {"name": "Max Muster"}]
    for default in ("Super User", "publisher"):
        assert "authors" not in extract_metadata(page(html.replace(f"content='{owner}'>", f"content='{default}'>", 1)))


def test_a_box_named_as_the_posts_tags_gives_the_tags() -> None:
    """Drupal 7's tag field (``field-name-field-tags``, in an ``<aside>`` inside the ``<article>``) and a theme's
    ``post_tags`` box link their terms without ``rel="tag"`` and to pages that no URL pattern names as tag pages.
    Their own-site links are the tags; a linked label ("Themen:") and share links are not."""
    drupal = """<html><head><title>Stadtrat</title></head><body><div class="content-sidebar-wrap"><article>
      <h1>Stadtrat beschließt Haushalt</h1><p>Der Stadtrat hat am Abend den Haushalt beschlossen.</p>
      <aside class="meta"><div class="field field-name-field-tags field-type-taxonomy-term-reference">
        <p class="field-items tags-items"><a href="/begriffe/haushalt">Haushalt</a>, <a href="/begriffe/stadtrat">Stadtrat</a></p>
      </div></aside></article><aside class="sidebar"><div class="block-tags"><a href="/begriffe/wetter">Wetter</a></div></aside>
      </div></body></html>"""
    assert extract_metadata(page(drupal))["keywords"] == ["Haushalt", "Stadtrat"]
    themed = """<html><head><title>Reise</title></head><body><article><h1>Emden mit dem Rad</h1><p>Eine Tour.</p>
      <div class="post_tags"><a href="https://news.example/entdecken/themen/" class="no-link">Themen:</a>
        <a href="https://news.example/entdecken/fahrradtour">Fahrradtour</a>
        <a href="/entdecken/altstadt">Historischer Stadtkern</a>
        <a href="https://www.facebook.com/sharer/sharer.php?u=https://news.example/">Facebook</a>
        <a href="whatsapp://send?text=Emden">WhatsApp</a></div></article></body></html>"""
    assert extract_metadata(page(themed))["keywords"] == ["Fahrradtour", "Historischer Stadtkern"]


def test_another_sites_tag_page_names_no_tag_of_the_post() -> None:
    """An embedded post's hashtag links to Instagram's or Twitter's tag page; an affiliate link carries ``?tag=``."""
    html = """<html><head><title>Focaccia</title></head><body><article><h1>Olive focaccia</h1><p>Bake it well.</p>
      <p>Tag <a href="https://www.instagram.com/explore/tags/flawlessfooduk">#flawlessfooduk</a> on Instagram,
      or buy the <a href="https://www.amazon.example/dp/B07?tag=news-21">baking tray</a>.</p></article></body></html>"""
    assert extract_metadata(page(html)).get("keywords") in (None, [])
    own = html.replace("https://www.instagram.com/explore/tags/flawlessfooduk", "https://news.example/tag/focaccia")
    assert extract_metadata(page(own))["keywords"] == ["flawlessfooduk"]
