"""Related-article links: blocks by class, by heading (several languages) and inline pointers."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from newscrawler.extract import namesearch
from newscrawler.extract.document import Document
from newscrawler.extract.metadata import extract_metadata
from newscrawler.extract.related import extract_related_links, is_related_heading

FIXTURES = Path(__file__).parent / "fixtures" / "related"
CASES = sorted(p.stem for p in FIXTURES.glob("*.json"))


def related(html: str, url: str = "https://news.example/a/story") -> list[dict[str, str | None]]:
    return extract_related_links(Document.parse(html, url))


@pytest.mark.parametrize("name", CASES)
def test_related_links_match_expected_json(name: str) -> None:
    expected = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
    # ("page": a page kept in another fixture folder, which serves the tests of both)
    doc = Document.parse((FIXTURES / expected.get("page", f"{name}.html")).read_bytes(), expected["url"])
    assert extract_related_links(doc) == expected["relatedLinks"]


def test_fixture_leaves_out_menus_tags_comments_body_links_and_other_blocks() -> None:
    expected = json.loads((FIXTURES / "article_with_related.json").read_text("utf-8"))
    doc = Document.parse((FIXTURES / "article_with_related.html").read_bytes(), expected["url"])
    urls = " ".join(link["url"] for link in extract_related_links(doc))
    for left_out in ("/sport/", "/thema/", "verkehrsverbund", "jens-blog", "/impressum", "derby-4412", "neue-buslinie"):
        assert left_out not in urls


def test_page_classes_on_body_hide_no_block_and_teasers_keep_their_titles() -> None:
    """<body class="... has-breadcrumbs has-sidebar"> describes the page (WordPress' body_class): no region.
    A teaser's comment count ("8") is no title, and a month's archive is no article."""
    html = """<html><body class="single has-breadcrumbs has-sidebar"><article><h1>The story</h1>
      <p>The council met on Monday and agreed on the budget for the coming year.</p></article>
      <section id="related-posts"><h3>You Might Also Like</h3>
        <article class="related-post"><a href="/a/ferry"><img src="f.jpg" alt=""></a>
          <h3><a href="/a/ferry">Ferry timetable changes in May</a></h3><a href="/a/ferry#respond">8</a></article>
        <article class="related-post"><a href="/a/bridge">Bridge repairs start</a>
          <a href="/2022/12/">13. Dezember 2022</a></article>
      </section></body></html>"""
    assert related(html) == [{"url": "https://news.example/a/ferry", "title": "Ferry timetable changes in May"},
                             {"url": "https://news.example/a/bridge", "title": "Bridge repairs start"}]


@pytest.mark.parametrize("heading", [
    "Related Articles", "Related posts:", "You may also like", "More from Science", "Mehr zum Thema",
    "Lesen Sie auch", "Das könnte Sie auch interessieren", "À lire aussi", "Te puede interesar",
    "Leggi anche", "Artículos relacionados", "Lees ook", "  READ MORE  ", "İlgili Haberler", "İLGİLİ HABERLER",
    "Похожие новости", "Läs också", "Čtěte také", "Baca juga", "Tin liên quan", "اقرأ أيضاً", "関連記事", "相关新闻",
    "Διαβάστε επίσης", "More posts", "Más entradas", "Plus d’articles", "Meer berichten", "Fler inlägg"])
def test_related_headings_in_several_languages(heading: str) -> None:
    assert is_related_heading(heading)


@pytest.mark.parametrize("pointer", ["Baca juga", "Читайте также", "Lue myös", "Διαβάστε επίσης", "اقرأ أيضا",
                                     "İlgili Haber", "İLGİLİ HABERLER", "Ayrıca okuyun", "関連記事", "相关阅读", "관련기사"])
def test_in_text_pointers_in_more_languages(pointer: str) -> None:
    html = f"""<html><body><article><h1>The story</h1><p>The council met on Monday and agreed on the budget.</p>
      <p>{pointer}: <a href="/a/earlier">The budget in detail</a></p></article></body></html>"""
    assert related(html) == [{"url": "https://news.example/a/earlier", "title": "The budget in detail"}]


@pytest.mark.parametrize("heading", ["Comments", "Share this article", "Newsletter", "The budget in numbers",
                                     "Moreover, the council agreed"])
def test_other_headings_are_not_related(heading: str) -> None:
    assert not is_related_heading(heading)


def test_yarpp_block_with_heading_and_dedupe() -> None:
    html = """<html><body><article><p>Text with <a href="/a/inline">an inline link</a>.</p></article>
      <div class="yarpp yarpp-related yarpp-template-list"><h3>Related posts:</h3><ol>
        <li><a href="/a/one" rel="bookmark" title="First related">First related</a></li>
        <li><a href="/a/two" rel="bookmark">Second related</a></li>
        <li><a href="/a/one">First related again</a></li></ol></div></body></html>"""
    assert related(html) == [
        {"url": "https://news.example/a/one", "title": "First related"},
        {"url": "https://news.example/a/two", "title": "Second related"}]


def test_home_pages_pages_about_the_site_and_campaign_parameters_are_left_out() -> None:
    """A related block may end in links to a home page (the site's or a partner's), to "About us" or
    "Contact"; none is an article. Campaign parameters (utm_*) are left out of the URLs, so the page itself,
    linked with them, is known."""
    html = """<html><body><article><p>Text.</p></article>
      <div class="related-posts"><h3>Related</h3><ul>
        <li><a href="/a/one?utm_source=site&utm_medium=related">First related</a></li>
        <li><a href="/a/story?utm_source=site">This page</a></li>
        <li><a href="/a/three?id=7&utm_campaign=handpick">Third related</a></li>
        <li><a href="https://partner.example/">Partner site</a></li>
        <li><a href="/about-us/">About us</a></li><li><a href="/kontakt">Kontakt</a></li>
        <li><a href="/?p=36843">Solar firm boosts uptake</a></li></ul></div></body></html>"""
    assert related(html) == [
        {"url": "https://news.example/a/one", "title": "First related"},
        {"url": "https://news.example/a/three?id=7", "title": "Third related"},
        {"url": "https://news.example/?p=36843", "title": "Solar firm boosts uptake"}]


def test_a_teasers_heading_link_gives_its_title_not_its_pictures_label() -> None:
    """The picture's link comes first and reads "mit Audio" or a photo credit; the teaser's headline is the
    link in its heading."""
    html = """<html><body><article><p>Text.</p></article><div class="related-articles"><h3>Mehr zum Thema</h3>
      <div class="teaser"><a href="/a/bank"><img src="/bank.jpg" alt=""><span class="av">mit Audio</span></a>
        <h4><span class="dachzeile">Wettbewerb</span> <a href="/a/bank">32 Meter: Die längste Bank</a></h4>
        <p><a href="/a/bank">Zwei Jahre stand die Bank im Eichsfeld. Nun hat Schmalkalden den Titel zurück.</a></p></div>
      <div class="teaser"><a href="/a/foerster"><figure><img src="/f.jpg"><figcaption>© Polizei</figcaption>
        </figure></a><h4><a href="/a/foerster">Förster angegriffen</a></h4></div></div></body></html>"""
    assert related(html) == [
        {"url": "https://news.example/a/bank", "title": "32 Meter: Die längste Bank"},
        {"url": "https://news.example/a/foerster", "title": "Förster angegriffen"}]


def test_a_link_wrapping_a_teaser_takes_its_longest_heading_not_the_section_label() -> None:
    html = """<html><body><article><p>Text.</p></article><div class="recommended-articles">
      <h3>Das könnte Sie auch interessieren</h3><div class="col"><a href="/a/geiseln" class="article-cat-politik">
        <img src="/g.jpg"><h2 class="article__category">Politik</h2>
        <h3 class="article__title">Hamas lässt österreichische Geiseln frei</h3></a></div>
      <div class="col"><a href="/a/sport"><h2>Sport</h2><h3>Formel 1 sperrt Fan lebenslänglich</h3></a></div>
      </div></body></html>"""
    assert [link["title"] for link in related(html)] == [
        "Hamas lässt österreichische Geiseln frei", "Formel 1 sperrt Fan lebenslänglich"]


def test_a_blocks_own_read_more_link_and_legal_pages_are_no_related_articles() -> None:
    html = """<html><body><article><p>Text.</p></article><div class="related-content"><h3>Related</h3><ul>
      <li><a href="/a/boeing">Boeing clinches second Dreamliner order</a></li>
      <li><a href="/a/airbus">Airbus wins increased order</a></li></ul>
      <a href="/dubai-airshow/" title="Read More">Read More</a>
      <p><a href="/privacy-policy/">Privacy policy</a> <a href="/terms/">Terms</a></p></div></body></html>"""
    assert [link["title"] for link in related(html)] == [
        "Boeing clinches second Dreamliner order", "Airbus wins increased order"]


def test_crp_block_image_links_take_the_teaser_title() -> None:
    html = """<html><body><div class="crp_related"><h3>You may also like</h3><ul>
      <li><a href="/a/x" class="crp_link"><figure><img src="/x.jpg" alt=""></figure>
        <span class="crp_title">Story X</span></a></li>
      <li><a href="/a/y" class="crp_link"><img src="/y.jpg" alt="Story Y photo"></a></li>
      </ul></div></body></html>"""
    assert related(html) == [
        {"url": "https://news.example/a/x", "title": "Story X"},
        {"url": "https://news.example/a/y", "title": "Story Y photo"}]


def test_read_more_link_text_is_replaced_by_the_teaser_heading() -> None:
    html = """<html><body><section class="related-articles"><div class="card"><h3>Storm closes the ferry</h3>
      <p>Teaser text.</p><a href="/a/storm">Read more</a></div>
      <div class="card"><h3>Harbour reopens</h3><p>Teaser.</p><a href="/a/harbour">Read more</a></div>
      </section></body></html>"""
    assert related(html) == [
        {"url": "https://news.example/a/storm", "title": "Storm closes the ferry"},
        {"url": "https://news.example/a/harbour", "title": "Harbour reopens"}]


def test_heading_block_stops_at_the_next_heading() -> None:
    html = """<html><body><aside class="sidebar"><h2>À lire aussi</h2>
      <ul><li><a href="/a/un">Premier article</a></li></ul>
      <h2>Les plus lus</h2><ul><li><a href="/a/deux">Article populaire</a></li></ul></aside></body></html>"""
    assert related(html) == [{"url": "https://news.example/a/un", "title": "Premier article"}]


def test_navigation_menus_are_not_related() -> None:
    html = """<html><body><nav class="menu"><h3>Related</h3><ul><li><a href="/world/">World</a></li></ul></nav>
      <div class="main-menu"><div class="related-posts"><a href="/a/menu">Menu teaser</a></div></div>
      </body></html>"""
    assert related(html) == []


def test_plain_in_body_links_are_not_related() -> None:
    html = """<html><body><article><p>The mayor <a href="/a/mayor">said on Monday</a> that more was needed.</p>
      <p>Read more: <a href="/a/budget">The budget in detail</a></p></article></body></html>"""
    assert related(html) == [{"url": "https://news.example/a/budget", "title": "The budget in detail"}]


def test_page_without_related_blocks() -> None:
    assert related("<html><body><p>Only text.</p></body></html>") == []


@pytest.mark.parametrize("pointer", [
    "<p>Read more: <a href='/a/p'>Pointed story</a></p>",
    "<p>LESEN SIE AUCH: <a href='/a/p'>Pointed story</a></p>",
    "<p>Lesen\n   Sie&nbsp;auch : <a href='/a/p'>Pointed story</a></p>",
    "<p><strong>À lire aussi</strong>: <a href='/a/p'>Pointed story</a></p>",
    "<div><span></span><em><b>Leggi anche</b></em>：<a href='/a/p'>Pointed story</a></div>",
    "<li><img src='/i.png'>Lees ook: <a href='/a/p'>Pointed story</a></li>",
    "<p><a href='/a/p'>Read also: Pointed story</a></p>"])
def test_in_text_pointers_however_written(pointer: str) -> None:
    html = f"<html><body><article><p>Some text with a <a href='/a/other'>link</a>.</p>{pointer}</article></body></html>"
    assert [link["url"] for link in related(html)] == ["https://news.example/a/p"]


def test_pointer_search_finds_every_phrase_of_the_rules() -> None:
    """The backwards pointer search (a trie of the phrases) finds each phrase in any case, also one
    that ends another ("Lea:" and "Lea más:", "Zum Thema:" and "Mehr zum Thema:"), and no phrase
    without its colon."""
    from newscrawler.extract.related import _rules

    ascii_colon, wide_colon = _rules().pointer_hints
    phrases = json.loads(resources.files("newscrawler.extract").joinpath("rules/related.json")
                         .read_text("utf-8"))["inline_prefixes"]
    for phrase in phrases:
        for written in (phrase, phrase.upper(), phrase.title()):
            assert ascii_colon.search(f"Text. {written} : link".encode()[::-1]), written
            assert ascii_colon.search(f"Text. {written}: link".encode()[::-1]), written
            assert ascii_colon.search(f"Text. {written}\xa0: link".encode()[::-1]), written
            assert wide_colon.search(f"Text. {written}：link".encode()[::-1]), written
            assert not ascii_colon.search(f"Text. {written} link".encode()[::-1]), written
    assert not ascii_colon.search(b"Time: 10:30, votes: 3"[::-1])


@pytest.mark.parametrize("text", [
    "<p>We read more: <a href='/a/p'>books</a></p>",  # the phrase does not start the paragraph
    "<p>Read more about it in <a href='/a/p'>the report</a></p>",  # no colon
    "<div><p>Read also:</p><p><a href='/a/p'>A paragraph of its own</a></p></div>"])  # a div of paragraphs
def test_no_pointer(text: str) -> None:
    assert related(f"<html><body><article>{text}</article></body></html>") == []


def test_related_blocks_named_in_any_case() -> None:
    html = """<html><body><div id="RELATED-POSTS"><a href="/a/upper">Upper case id</a></div>
      <aside class="postRelatedArticles"><a href="/a/camel">Camel case class</a></aside></body></html>"""
    assert [link["url"] for link in related(html)] == [
        "https://news.example/a/upper", "https://news.example/a/camel"]


def test_name_and_tag_search_find_elements_in_page_order() -> None:
    doc = Document.parse("""<html><body><div class="Related-Box"><h2>A</h2><p id="x-RELATED">t</p></div>
      <h3 class="unrelated">B</h3><section class="other"></section></body></html>""", "https://news.example/")
    _, tags, _, _ = doc.columns
    assert [tags[i] for i in namesearch.named_indexes(doc, namesearch.search_parts(["related"]))] == ["div", "p", "h3"]
    assert [tags[i] for i in namesearch.tag_indexes(doc, ("h2", "h3", "p"))] == ["h2", "p", "h3"]
    assert namesearch.tag_indexes(doc, ("h1",)) == []
    assert namesearch.search_parts(["comment", "commentlist", "Kommentar"]) == ("comment", "kommentar")


def test_recent_posts_widget_inside_a_related_named_region_is_not_related() -> None:
    """A sidebar named 'related' (Movable Type's aside.widgets.related) holds a 'Recent entries' widget,
    the page itself among its items: a list of the latest posts, not related articles."""
    html = """<html><body><article><h1>The story</h1><p>The council met on Monday.</p></article>
      <div class="related-posts"><h3>Related posts</h3><ul>
        <li><a href="/a/budget">The budget in detail</a></li></ul>
        <div class="widget widget_recent_entries"><h3>Recent Posts</h3><ul>
          <li><a href="/a/newest">Newest post</a></li><li><a href="/a/story">The story</a></li></ul></div>
      </div></body></html>"""
    assert related(html) == [{"url": "https://news.example/a/budget", "title": "The budget in detail"}]


def test_relative_links_resolve_against_the_base_href() -> None:
    """TYPO3 and government CMSs (Government Site Builder) write ``<base href="https://site/">`` and links relative
    to it: against the page's own URL they would name pages that do not exist (``/news/news/8954-...``)."""
    html = """<html><head><base href="https://news.example/"><title>Story</title>
      <link rel="canonical" href="news/8950-story"></head><body><article><h1>Story</h1>
      <p>The body of the story, long enough to be the article and nothing else on this page.</p></article>
      <div class="related-articles"><h3>Related articles</h3><ul>
        <li><a href="news/8954-branch-meeting">Branch meeting: the preparations begin</a></li>
        <li><a href="/news/8960-trade-fair">Trade fair opens its gates on Monday</a></li></ul></div></body></html>"""
    doc = Document.parse(html, "https://news.example/news/8950-story")
    assert [link["url"] for link in extract_related_links(doc)] == [
        "https://news.example/news/8954-branch-meeting", "https://news.example/news/8960-trade-fair"]
    assert extract_metadata(doc)["canonicalUrl"] == "https://news.example/news/8950-story"
