"""Comment extraction on hand-written fixture pages, each with the expected JSON beside it (a JSON's "page" names
a page kept in another fixture folder, so that one page serves the tests of both)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newscrawler.extract.comments import comment_section_nodes, extract_comments
from newscrawler.extract.document import Document
from newscrawler.items import article_schema

FIXTURES = Path(__file__).parent / "fixtures" / "comments"
CASES = sorted(p.stem for p in FIXTURES.glob("*.json"))


def load(name: str) -> tuple[Document, dict[str, Any]]:
    expected = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
    return Document.parse((FIXTURES / expected.get("page", f"{name}.html")).read_bytes(), expected["url"]), expected


def describe(el: Any) -> str:
    """``div#comments`` when the element has an id, else ``div.first-class``."""
    if el.get("id"):
        return f"{el.tag}#{el.get('id')}"
    return f"{el.tag}.{(el.get('class') or '').split()[0]}"


def test_fixtures_are_present() -> None:
    assert {"wordpress_classic", "block_theme", "microdata", "jsonld", "drupal", "text_parts", "comment_title",
            "microdata_only"} <= set(CASES)


@pytest.mark.parametrize("name", CASES)
def test_comments_match_expected_json(name: str) -> None:
    doc, expected = load(name)
    assert extract_comments(doc) == expected["comments"]


@pytest.mark.parametrize("name", CASES)
def test_comment_sections_are_the_comment_containers(name: str) -> None:
    doc, expected = load(name)
    assert [describe(el) for el in comment_section_nodes(doc)] == expected["sections"]


@pytest.mark.parametrize("name", CASES)
def test_comments_fit_the_published_schema(name: str) -> None:
    doc, _ = load(name)
    item_schema = {"$defs": article_schema()["$defs"], **article_schema()["properties"]["comments"]}
    jsonschema.validate(extract_comments(doc), item_schema)


@pytest.mark.parametrize("name", CASES)
def test_every_parent_is_an_earlier_comment(name: str) -> None:
    doc, _ = load(name)
    seen: set[str] = set()
    for comment in extract_comments(doc):
        assert comment["parentId"] is None or comment["parentId"] in seen
        seen.add(comment["commentId"])


def test_sections_leave_the_article_text_outside() -> None:
    doc, _ = load("wordpress_classic")
    sections = " ".join(el.text_content() for el in comment_section_nodes(doc))
    assert "reading room on Mill Street" not in sections
    assert "Finally! I work until eight" in sections
    assert "Leave a Reply" in sections  # the comment form goes with the comments


def test_text_drops_reply_links_says_and_moderation_notes() -> None:
    doc, _ = load("wordpress_classic")
    texts = " ".join(c["text"] for c in extract_comments(doc))
    for noise in ("Reply", "says:", "awaiting moderation", "March 5, 2024"):
        assert noise not in texts


@pytest.mark.parametrize("marker", ["said...", "hat gesagt…", "sagte...", "a écrit :", "dijo:", "schreef:"])
def test_a_what_they_said_marker_is_no_part_of_the_name(marker: str) -> None:
    """Blogger's classic template writes "<name> said..." in the commenter's language."""
    html = ("<html><body><article><p>" + "Text. " * 40 + "</p></article><div id='comments'><dl id='comments-block'>"
            f"<dt class='comment-author' id='c1'><a href='/profile/1'>Ruth Kempf</a> {marker}</dt>"
            "<dd class='comment-body'><p>Eine schöne Suppe, danke für das Rezept!</p></dd>"
            f"<dt class='comment-author' id='c2'>Helga {marker}</dt>"
            "<dd class='comment-body'><p>Gerne, Ruth.</p></dd></dl></div></body></html>")
    assert [c["author"] for c in extract_comments(html)] == ["Ruth Kempf", "Helga"]


def test_accepts_text_and_bytes() -> None:
    html = (FIXTURES / "block_theme.html").read_text("utf-8")
    assert extract_comments(html) == extract_comments(html.encode("utf-8"))
    assert len(extract_comments(html)) == 2


def test_div_comment_ids_map_to_comment_ids() -> None:
    html = """<html><body><div id="comments"><ol class="commentlist">
      <li class="comment"><div id="div-comment-5" class="comment-body">
        <div class="comment-author vcard"><cite class="fn">Ann</cite> <span class="says">says:</span></div>
        <p>Nice walk.</p></div></li></ol></div></body></html>"""
    assert extract_comments(html) == [
        {"commentId": "comment-5", "parentId": None, "author": "Ann", "datePublished": None, "text": "Nice walk."}]


@pytest.mark.parametrize("says", ["disse:", "dedi ki:", "пишет:", "skriver:", "napsal:", "sanoo:", "berkata:"])
def test_author_without_says_in_more_languages(says: str) -> None:
    html = f"""<html><body><div id="comments"><ol class="commentlist">
      <li class="comment"><div id="div-comment-7" class="comment-body">
        <div class="comment-author vcard"><b class="fn">Ana Costa {says}</b></div>
        <p>Obrigada pelo texto.</p></div></li></ol></div></body></html>"""
    assert extract_comments(html)[0]["author"] == "Ana Costa"


def test_a_said_marker_before_the_date_is_no_part_of_the_name() -> None:
    """WordPress.com's classic themes write "<name> said, on August 3, 2019 at 3:12 pm" in the author line."""
    html = """<html><body><div id="comments"><ol class="commentlist">
      <li id="comment-1361" class="comment"><div id="div-comment-1361"><div class="comment_author vcard">
        <strong class="fn"><a href="https://ruth.example/" class="url">ruthk</a></strong> said, on August 3, 2019
        at <a href="#comment-1361">3:12 pm</a></div>
        <p>Vielen Dank für alle die guten Beiträge zu diesem Thema.</p></div></li></ol></div></body></html>"""
    comment = extract_comments(html)[0]
    assert (comment["author"], comment["datePublished"]) == ("ruthk", "2019-08-03T15:12:00")


LATEST_COMMENTS = """<div class="module comments"><h3>Neueste Kommentare</h3><ul class="jcomments-latest">
  <li><div class="comment"><span class="article">Stadtrat tagt</span>
    <a class="title" href="/meldungen/stadtrat-tagt#comment-105431">Endlich</a></div></li>
  <li><div class="comment"><span class="article">Offener Brief</span>
    <a class="title" href="/meldungen/offener-brief#comment-105430">Warum nicht?</a></div></li></ul></div>"""


def test_a_latest_comments_box_linking_to_other_pages_comments_gives_no_comments() -> None:
    """Joomla's JComments module lists the newest comments of the whole site, each a link to a comment on its
    article: none is a comment of this page. This page's own comments, linked by their Drupal-style permalinks
    (``/comment/7#comment-7``) or by an anchor on this page, stay."""
    article = "<html><body><article><h1>Kolumne</h1><p>" + "Text. " * 40 + "</p></article>"
    url = "https://theater.example/kolumnen/queer-royal"
    assert extract_comments(article + LATEST_COMMENTS + "</body></html>", url) == []
    own = """<section id="comments"><article class="comment" id="comment-7"><footer><span class="username">Ruth
      </span> <a href="/comment/7#comment-7">Permalink</a></footer><div class="content"><p>Sehr gut.</p></div>
      </article><article class="comment" id="comment-8"><footer><span class="username">Bo</span>
      <a href="/kolumnen/queer-royal/#comment-8"><time datetime="2024-05-03T10:00">3. Mai</time></a></footer><div class="content"><p>Danke.</p></div></article>
      </section>"""
    found = extract_comments(article + own + LATEST_COMMENTS + "</body></html>", url)
    assert [c["text"] for c in found] == ["Sehr gut.", "Danke."]


def test_an_avatar_classed_as_the_author_is_named_by_the_link_beside_it() -> None:
    """The part classed as the author holds only the commenter's picture, linked to the profile; the name is
    the text of the other link to that profile, and is not repeated as the text's first line."""
    html = """<html><body><div id="comments"><div id="kommentar_2770530" class="comment-item">
      <div class="comment-avatar comment-author"><a href="/user/profil/07879/anaya60.html">
        <img src="/avatar/07879.jpg" alt="Profilbild von anaya60"></a></div>
      <div class="body"><strong><a href="/user/profil/07879/anaya60.html">anaya60</a></strong>
        <p>Habe ihn heute erstmals gemacht, war super lecker.</p></div></div>
      <div id="kommentar_2769942" class="comment-item">
      <div class="comment-avatar comment-author"><a href="/user/profil/1a2b/hasenohr81.html">
        <img src="/avatar/1a2b.jpg" alt=""></a></div>
      <div class="body"><strong><a href="/user/profil/1a2b/hasenohr81.html">Hasenohr81</a></strong>
        <p>Tipp: den Pudding vorher abkühlen lassen.</p></div></div></div></body></html>"""
    assert [(c["author"], c["text"]) for c in extract_comments(html)] == [
        ("anaya60", "Habe ihn heute erstmals gemacht, war super lecker."),
        ("Hasenohr81", "Tipp: den Pudding vorher abkühlen lassen.")]


def test_the_name_in_a_heading_of_a_footer_above_the_text_is_the_author() -> None:
    """Drupal themes put a comment's <footer> (who wrote it, and when) above its text: "Ann Lee | Di, 21. April
    2020 - 16:40" in an <h6>."""
    html = """<html><body><div id="comments" class="comments"><article id="comment-214106" class="js-comment comment">
      <footer><h6>Heidemarie Heim | Di, 21. April 2020 - 16:40</h6></footer>
      <div class="field--name-comment-body"><p>Vielen Dank für diese Einblicke!</p></div></article>
      <article id="comment-214111" class="js-comment comment"><footer><h6>Horst Kessler | Di, 21. April 2020 - 17:07</h6>
      </footer><div class="field--name-comment-body"><p>Ein wichtiger Artikel.</p></div></article></div></body></html>"""
    assert [(c["author"], c["text"]) for c in extract_comments(html)] == [
        ("Heidemarie Heim", "Vielen Dank für diese Einblicke!"), ("Horst Kessler", "Ein wichtiger Artikel.")]


def test_comment_without_id_gets_a_stable_hash_id() -> None:
    html = """<html><body><div class="comments"><div class="comment"><span class="author">Bo</span>
      <div class="comment-content"><p>First!</p></div></div>
      <div class="comment"><span class="author">Cy</span><div class="comment-content"><p>Second.</p></div></div>
      </div></body></html>"""
    first, second = extract_comments(html), extract_comments(html)
    assert first == second
    assert [c["text"] for c in first] == ["First!", "Second."]
    assert first[0]["commentId"] != first[1]["commentId"]
    assert first[0]["commentId"].startswith("comment-h")


def test_blogger_threads() -> None:
    html = """<html><body><div class="comments" id="comments"><div class="comments-content">
      <div class="comment-thread toplevel-thread"><ol id="top-ra">
        <li class="comment" id="c1111111111"><div class="comment-block">
          <div class="comment-header"><cite class="user"><a href="/profile/1">Mara</a></cite>
            <span class="datetime secondary-text">
              <a rel="nofollow" href="?showComment=1#c1111111111">8. Mai 2021 um 10:15</a></span></div>
          <p class="comment-content">Schöne Fotos!</p>
          <span class="comment-actions secondary-text"><a class="comment-reply" target="_self">Antworten</a></span>
        </div>
        <div class="comment-replies"><div id="c1111111111-rt" class="comment-thread inline-thread"><ol>
          <li class="comment" id="c2222222222"><div class="comment-block">
            <div class="comment-header"><cite class="user">Autorin</cite></div>
            <p class="comment-content">Danke dir!</p></div></li>
        </ol></div></div></li>
      </ol></div></div></div></body></html>"""
    assert extract_comments(html) == [
        {"commentId": "c1111111111", "parentId": None, "author": "Mara", "datePublished": "2021-05-08T10:15:00",
         "text": "Schöne Fotos!"},
        {"commentId": "c2222222222", "parentId": "c1111111111", "author": "Autorin", "datePublished": None,
         "text": "Danke dir!"},
    ]


def test_comment_buttons_and_counters_are_not_comments() -> None:
    html = """<html><body><article><h1>Title</h1><p>Body text of the article.</p>
      <div class="share-bar"><a class="comment" href="#respond">Comment</a></div>
      <div class="comment-count">12 comments</div>
      <div class="comment pull-right">Kommentar</div></article></body></html>"""
    assert extract_comments(html) == []


def test_article_classes_naming_comments_are_not_comments() -> None:
    html = """<html><body><div id="post-9" class="post type-post category-kommentar tag-comments">
      <h1>Kommentar: Warum wir mehr Busse brauchen</h1><p>Ein Meinungsbeitrag.</p></div></body></html>"""
    assert extract_comments(html) == []
    assert comment_section_nodes(Document.parse(html, "https://example.org/")) == []


def test_page_without_comments() -> None:
    assert extract_comments("<html><body><p>Just an article.</p></body></html>") == []
    assert extract_comments(b"") == []


def test_teasers_of_opinion_articles_are_not_comments() -> None:
    html = """<html><body><ul class="teasers">
      <li class="teaser comment"><time datetime="2024-01-02">2 Jan</time>
        <h3><a href="/opinion/one">Comment: Why the tram matters</a></h3><div class="author-name">A. Writer</div></li>
      <li class="teaser comment"><time datetime="2024-01-03">3 Jan</time>
        <h3><a href="/opinion/two">Comment: Parking is not a right</a></h3><div class="author-name">B. Writer</div></li>
      </ul><div class="modal-content comment">Your comment could not be saved.</div></body></html>"""
    assert extract_comments(html) == []


def test_author_line_with_a_date_keeps_the_name() -> None:
    html = """<html><body><div id="comments"><ol class="comment-list"><li id="comment-3" class="comment">
      <div class="comment-author">Jamie Cassidy on November 15, 2018 at 10:12 am</div>
      <div class="comment-content"><p>Great list.</p></div></li></ol></div></body></html>"""
    [comment] = extract_comments(html)
    assert comment["author"] == "Jamie Cassidy"
    assert comment["datePublished"] == "2018-11-15T10:12:00"


def test_a_first_line_that_is_only_a_date_becomes_the_date() -> None:
    html = """<html><body><div id="comments"><ol class="commentlist">
      <li id="comment-4"><span class="author">Ute</span><br> März 7, 2018 <p>Sieht lecker aus.</p></li>
      <li id="comment-5"><p>Am 3. Mai 2020 war ich dort.</p><p>Schön war es.</p></li></ol></div></body></html>"""
    first, second = extract_comments(html)
    assert (first["author"], first["datePublished"], first["text"]) == ("Ute", "2018-03-07", "Sieht lecker aus.")
    assert second["text"] == "Am 3. Mai 2020 war ich dort.\n\nSchön war es."


def test_old_schema_org_user_comments() -> None:
    html = """<html><body><div itemscope itemtype="http://schema.org/UserComments" id="comment-77">
      <span itemprop="creator">Al</span><meta itemprop="commentTime" content="2012-05-01">
      <p itemprop="commentText">Old style.</p></div></body></html>"""
    assert extract_comments(html) == [
        {"commentId": "comment-77", "parentId": None, "author": "Al", "datePublished": "2012-05-01", "text": "Old style."}]


def test_comments_known_by_their_text_part_only() -> None:
    doc, _ = load("text_parts")
    texts = " ".join(c["text"] for c in extract_comments(doc))
    assert "Multiplex" in texts and "seit Jahren" in texts
    for not_a_comment in ("nicht gespeichert", "erneut an", "Teilen", "Sperrholz"):  # modals, share link, article
        assert not_a_comment not in texts
    sections = " ".join(el.text_content() for el in comment_section_nodes(doc))
    assert "Sperrholz" not in sections


def test_a_text_part_needs_a_repeated_box() -> None:
    one = """<html><body><div class="box"><div class="inner"><div class="wrap">
      <p class="commentText">Lonely text without any comment box.</p></div></div></div></body></html>"""
    assert extract_comments(one) == []
    popup = """<html><body><div class="c-popup"><div class="item"><a class="share-commentaire-popup__content">A</a></div>
      <div class="item"><a class="share-commentaire-popup__content">B</a></div></div>
      <div class="gallery__item"><div class="gallery__item__comment-text">Photo caption one</div></div>
      <div class="gallery__item"><div class="gallery__item__comment-text">Photo caption two</div></div></body></html>"""
    assert extract_comments(popup) == []


def test_comment_headline_goes_before_the_text() -> None:
    doc, _ = load("comment_title")
    first, second = extract_comments(doc)
    assert first["text"].startswith("Großer Schritt? Eher ein kleiner.\n\nSchön, dass")
    assert first["author"] == "Stadtkind"  # "benutzer" names the author part
    assert second["text"] == "Meine Kinder sind begeistert."


def test_headings_that_are_author_or_date_are_no_comment_headline() -> None:
    html = """<html><body><div id="comments"><ol class="comment-list">
      <li id="comment-8" class="comment"><h4 class="comment-author">Lena</h4><h5>12. März 2024</h5>
        <div class="comment-content"><p>Sehr hilfreich.</p></div></li>
      <li id="comment-9" class="comment"><h4 class="comment-author">Tom</h4>
        <div class="comment-content"><p>Danke.</p></div></li></ol></div></body></html>"""
    assert [(c["author"], c["text"]) for c in extract_comments(html)] == [("Lena", "Sehr hilfreich."), ("Tom", "Danke.")]


def test_microdata_comments_without_comment_class_names() -> None:
    doc, expected = load("microdata_only")
    comments = extract_comments(doc)
    assert [c["author"] for c in comments] == ["R. Alvarez", "K. Brandt"]
    assert comments == expected["comments"]


def test_vote_and_level_lines_are_not_comment_text() -> None:
    html = """<html><body><div class="comments"><div class="comment"><p>level 1</p>
      <p>39 points · 6 years ago</p><p>I tend toward option three.</p></div>
      <div class="comment"><p>level 2</p><p>1 point · 6 years ago · edited</p><p>Same here.</p></div></div></body></html>"""
    assert [c["text"] for c in extract_comments(html)] == ["I tend toward option three.", "Same here."]


def test_class_names_are_found_whatever_their_case() -> None:
    html = """<html><body><div id="COMMENTS"><div class="UserComment"><span class="author">Ida</span>
      <div class="CommentText">Upper and camel case.</div></div>
      <div class="UserComment"><span class="author">Jo</span><div class="CommentText">Still found.</div></div>
      </div></body></html>"""
    assert [c["text"] for c in extract_comments(html)] == ["Upper and camel case.", "Still found."]


def test_json_ld_comments_are_read_as_leniently_as_the_metadata() -> None:
    """The JSON-LD parsed by the metadata step (trailing commas and HTML comment wrappers tolerated)."""
    page = """<html><head><script type="application/ld+json"><!--
    {"@type": "NewsArticle", "headline": "Harbour reopens",
     "comment": [{"@type": "Comment", "@id": "#c1", "text": "Good news at last.",
                  "author": {"name": "Ana"}, "datePublished": "2024-05-03T10:00:00Z",},]}
    --></script></head><body><p>The harbour reopened.</p></body></html>"""
    assert extract_comments(page, "https://example.org/a") == [
        {"commentId": "c1", "parentId": None, "author": "Ana", "datePublished": "2024-05-03T10:00:00+00:00",
         "text": "Good news at last."}]


def test_a_comment_dated_by_a_microformat_abbr_title_gets_that_time() -> None:
    """SPIP's forum prints ``<abbr class="dtreviewed" title="2024-05-14T07:52:11Z">14 mai, 09:52</abbr>``: the title
    is the exact time, with its zone."""
    html = """<html><body><article><h1>Gratuité des bus</h1><p>Le conseil a voté la gratuité des bus le week-end.</p>
      </article><div class="comments"><ul class="comments-items"><li class="comment-item comment-fil odd first">
      <div class="comment hreview"><a href="#comment1841" name="comment1841" id="comment1841"></a>
      <p class="comment-meta"><a rel="self bookmark" href="#forum1841" class="permalink"><span class="permalink">1.</span>
      <small><abbr class="dtreviewed" title="2024-05-14T07:52:11Z">14 mai, 09:52</abbr><span class="sep">, </span>par
      <span class="">Marc Delorme</span></small></a></p>
      <div class=" comment-content description"><p>Enfin ! Il n’y a qu’un bus toutes les deux heures le samedi.</p></div>
      </div></li></ul></div></body></html>"""
    comments = extract_comments(html)
    assert [c["datePublished"] for c in comments] == ["2024-05-14T07:52:11+00:00"]


def test_movable_type_rainier_author_heading_and_reply_link() -> None:
    """Rainier's comment_detail.mtml: ``<header><h3>author</h3>`` (no author class) and, for a reply,
    "<span class="vcard author">Ann</span> replied to <a href="...#comment-45">Bob</a>" in that heading:
    the author line, not a headline; its link to an earlier comment is the parent."""
    doc, _ = load("movabletype_rainier")
    assert [(c["author"], c["parentId"]) for c in extract_comments(doc)] == [
        ("佐藤 健", None), ("高橋 美咲", "comment-45"), ("海辺の住人", None)]


def test_a_heading_in_a_comment_head_is_the_author_only_when_it_is_a_short_name() -> None:
    html = """<html><body><div id="comments"><div class="comments-content">
      <article id="comment-1" class="comment"><header><h3>Ann Lee</h3><time datetime="2024-05-14">May 14</time>
        </header><div class="comment-content"><p>First.</p></div></article>
      <article id="comment-2" class="comment"><header><h3>This is simply wrong, and everyone knows it.</h3></header>
        <div class="comment-content"><p>Second.</p></div></article>
      <article id="comment-3" class="comment"><header><span class="author">Bo</span><h3>Good point</h3></header>
        <div class="comment-content"><p>Third.</p></div></article></div></div></body></html>"""
    assert [(c["author"], c["text"]) for c in extract_comments(html)] == [
        ("Ann Lee", "First."), (None, "This is simply wrong, and everyone knows it.\n\nSecond."),
        ("Bo", "Good point\n\nThird.")]


def test_a_link_in_a_comment_head_to_an_earlier_comment_is_its_parent() -> None:
    """Drupal's "In reply to <a href="/comment/7#comment-7">" in a comment's footer, in a flat list; a link
    in the text to another comment, or a permalink to the comment itself, names no parent."""
    html = """<html><body><div id="comments">
      <article id="comment-7" class="comment"><footer class="comment__meta"><span class="author">Ann</span>
        <a href="/comment/7#comment-7" class="permalink">Permalink</a></footer>
        <div class="comment__content"><p>First.</p></div></article>
      <article id="comment-8" class="comment"><footer class="comment__meta"><span class="author">Bo</span>
        <p class="visually-hidden">In reply to <a href="/comment/7#comment-7">Ann</a></p></footer>
        <div class="comment__content"><p>Second.</p></div></article>
      <article id="comment-9" class="comment"><footer class="comment__meta"><span class="author">Cy</span></footer>
        <div class="comment__content"><p>As <a href="#comment-7">Ann said</a>, yes.</p></div></article>
      </div></body></html>"""
    assert [(c["commentId"], c["parentId"]) for c in extract_comments(html)] == [
        ("comment-7", None), ("comment-8", "comment-7"), ("comment-9", None)]


def test_spip_forum_author_after_the_date() -> None:
    """squelettes-dist's inclure/forum.html: "<abbr class="dtreviewed" title=...>14 mai, 09:52</abbr>, par
    <span>Marc Delorme</span>" (the shown date has no year)."""
    doc, _ = load("spip")
    assert [c["author"] for c in extract_comments(doc)] == ["Marc Delorme", "Sophie Ribault", "Jean-Paul Fabre"]


@pytest.mark.parametrize("line", ["14.05.2024, 09:52, par Marc Delorme", "May 14, 2024 at 9:52 am by Marc Delorme",
                                  "14. Mai 2024 | von Marc Delorme"])
def test_a_date_then_a_byline_gives_the_name_after_the_prefix(line: str) -> None:
    signed = f"""<html><body><div class="comments"><div class="comment" id="comment-1">
      <div class="comment-content"><p>Enfin !</p></div><p class="comment-meta">{line}</p></div></div></body></html>"""
    part = f"""<html><body><div class="comments"><div class="comment" id="comment-1">
      <span class="comment-author">{line}</span><div class="comment-content"><p>Enfin !</p></div></div></div></body></html>"""
    assert [c["author"] for c in extract_comments(signed) + extract_comments(part)] == ["Marc Delorme"] * 2


def test_discuz_comment_ids_with_a_suffix_are_comment_ids() -> None:
    """Discuz!'s portal comments: ``<dl id="comment_501_li">`` (template/default/portal/comment_li.htm)."""
    html = """<html><body><p>The article.</p><div id="comment"><div id="comment_ul">
      <dl id="comment_501_li" class="ptm pbm bbda cl"><dt class="mbm"><a href="home.php?mod=space&amp;uid=3" class="xi2">
      阿明</a> <span class="xg1 xw0">2024-5-14 10:02</span></dt><dd>修得真快，点赞！</dd></dl>
      <dl id="comment_502_li" class="ptm pbm bbda cl"><dt class="mbm">游客 <span class="xg1 xw0">2024-5-14 11:20</span></dt>
      <dd>终于不用绕路了。</dd></dl></div></div></body></html>"""
    assert [c["commentId"] for c in extract_comments(html)] == ["comment-501", "comment-502"]


def test_a_flat_list_is_threaded_by_each_comments_depth_mark() -> None:
    """A board that prints its comments in one flat list marks a reply by its left margin (Gnuboard's
    ``margin-left:50px`` per level) or a class (Rhymix' ``indent1``, in the fixture): a reply answers the
    nearest earlier comment of a lower depth."""
    items = [("c-1", 0, "Ana", "First."), ("c-2", 50, "Ben", "A reply to Ana."), ("c-3", 100, "Cai", "A reply to Ben."),
             ("c-4", 50, "Dee", "Another reply to Ana."), ("c-5", 0, "Eve", "A new thread.")]
    rows = "".join(f'<li class="comment" id="{cid}" style="margin-left:{margin}px"><div class="comment-author">{who}</div>'
                   f'<div class="comment-content"><p>{text}</p></div></li>' for cid, margin, who, text in items)
    html = f"""<html><body><article><h1>Story</h1><p>Text.</p></article>
      <section id="comments"><ol class="comment-list">{rows}</ol></section></body></html>"""
    comments = extract_comments(Document.parse(html, "https://news.example/story"))
    assert [(c["commentId"], c["parentId"]) for c in comments] == [
        ("c-1", None), ("c-2", "c-1"), ("c-3", "c-2"), ("c-4", "c-1"), ("c-5", None)]
    unmarked = html.replace("margin-left", "color")
    assert [c["parentId"] for c in extract_comments(Document.parse(unmarked, "https://news.example/story"))] == [None] * 5
