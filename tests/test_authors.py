"""Author names: byline cleaning, JSON-LD shapes, microdata and bylines in the page."""

from __future__ import annotations

import pytest

from newscrawler.extract.authors import (
    authors_from_jsonld,
    authors_from_markup,
    authors_from_meta,
    authors_from_microdata,
    clean_names,
)
from newscrawler.extract.document import Document


@pytest.mark.parametrize("text, expected", [
    ("By Jane Marlow and Tom Reyes", ["Jane Marlow", "Tom Reyes"]),
    ("Von Anna Schmidt und Jonas Weber", ["Anna Schmidt", "Jonas Weber"]),
    ("Par Marie Dupont et Luc Bernard", ["Marie Dupont", "Luc Bernard"]),
    ("Por Lucía Fernández | Agencia EFE", ["Lucía Fernández", "Agencia EFE"]),
    ("Di Marco Rossi", ["Marco Rossi"]),
    ("Av Karin Berg", ["Karin Berg"]),
    ("By Sam Okafor, Senior Correspondent", ["Sam Okafor"]),
    ("Jane Marlow, Tom Reyes & Lena Fischer", ["Jane Marlow", "Tom Reyes", "Lena Fischer"]),
    ("von David Straub Stand: 28. April 2023, 05:00 Uhr", ["David Straub"]),
    ("David Mouriquand Publié le 06/01/2026", ["David Mouriquand"]),
    ("Jemima Kelly (dpa)", ["Jemima Kelly"]),
    ("Dr. Max Kolter", ["Dr. Max Kolter"]),
    ("ORF.at", ["ORF.at"]),
    ("港 太郎", ["港 太郎"]),
    ("Андрей Колесников", ["Андрей Колесников"]),
    ("https://www.facebook.com/somebody", []),
    ("news@example.org", []),
    ("admin", []),
    ("Staff Writer", []),
    ("", []),
    (None, []),
])
def test_clean_names(text: str | None, expected: list[str]) -> None:
    assert clean_names(text, byline=True) == expected


def test_short_prefixes_are_kept_on_structured_values() -> None:
    assert clean_names("Di Maio Luigi") == ["Di Maio Luigi"]
    assert clean_names("Di Maio Luigi", byline=True) == ["Maio Luigi"]


def test_repeated_names_are_dropped() -> None:
    assert clean_names("Jane Marlow and JANE MARLOW") == ["Jane Marlow"]


def test_jsonld_authors_in_every_shape() -> None:
    ids = {"#p1": {"@type": "Person", "@id": "#p1", "name": "Jane Marlow"}}
    value = [{"@id": "#p1"}, "Tom Reyes", {"@type": "Person", "name": ["Lena Fischer"]},
             {"@type": "Organization", "name": "Harbour News Agency"}, {"@type": "Person", "url": "https://x.example/a"}]
    assert authors_from_jsonld(value, ids) == ["Jane Marlow", "Tom Reyes", "Lena Fischer", "Harbour News Agency"]
    assert authors_from_jsonld(value, ids, people_only=True) == ["Jane Marlow", "Tom Reyes", "Lena Fischer"]
    assert authors_from_jsonld(None, {}) == []


def test_meta_authors_skip_profile_links() -> None:
    assert authors_from_meta(["https://facebook.com/x", None, "Ana Lima"]) == ["Ana Lima"]


def test_microdata_authors_ignore_comment_authors() -> None:
    doc = Document.parse("""<html><body>
      <div itemprop="author" itemscope><span itemprop="name">Marie Dupont</span>, envoyée spéciale</div>
      <div class="comment"><span itemprop="author">Jean-Luc</span></div></body></html>""", "https://x.example/")
    elements = doc.body.xpath(".//*[@itemprop='author']")
    assert authors_from_microdata(elements) == ["Marie Dupont"]


def test_markup_bylines_from_labels_and_hints() -> None:
    doc = Document.parse("""<html><body>
      <div class="author-bio"><a rel="author" href="/author/x/">Bio Person</a></div>
      <ul><li><strong>Autorin/Autor</strong> Roman Goncharenko</li></ul>
      <p class="byline">By Sam Okafor</p></body></html>""", "https://x.example/")
    bio = doc.body.find(".//a")
    label = doc.body.find(".//strong")
    byline = doc.body.find(".//p")
    assert authors_from_markup([("hint", bio), ("label", label), ("hint", byline)]) == ["Roman Goncharenko"]
    assert authors_from_markup([("hint", bio), ("hint", byline)]) == ["Sam Okafor"]
    assert authors_from_markup([]) == []


@pytest.mark.parametrize("text, expected", [
    ("Emily Burack 8 January 2024", ["Emily Burack"]),
    ("Perry Bacon Jr.", ["Perry Bacon Jr."]),
    ("Juan Carlos Muñoz C.", ["Juan Carlos Muñoz C."]),
    ("Eingestellt von Der Michel", ["Der Michel"]),
    ("an welchen Orten Menschen waren", []),
    ("Maria Mai", ["Maria Mai"]),
])
def test_byline_edges(text: str, expected: list[str]) -> None:
    assert clean_names(text, byline=True) == expected


def test_taxonomy_classes_do_not_hide_the_byline() -> None:
    doc = Document.parse("""<html><body><article class="post type-post tag-social-media category-share-prices">
      <h1>Markets</h1><span class="byline">By <a rel="author nofollow" href="/writers/x">Ada Lovell</a></span>
      </article></body></html>""", "https://x.example/")
    link = doc.body.find(".//a")
    assert authors_from_markup([("hint", link)]) == ["Ada Lovell"]


@pytest.mark.parametrize("text, expected", [
    ("VON MORITZ GATHMANN am 21. April 2020", ["MORITZ GATHMANN"]),
    ("Posted by Margaret Hale on October 12, 2008 at 09:14 AM", ["Margaret Hale"]),  # month name before the day
    ("Posted by: Tom Baker | October 12, 2008 at 11:02 AM", ["Tom Baker"]),
    ("By June Ellis", ["June Ellis"]),  # a month's name with no date after it is a name
    ("Written by Rachael Link, MS, RD", ["Rachael Link"]),  # credentials after the name
    ("Submitted by Jane Roe on Mon, 10/12/2015 - 09:30", ["Jane Roe"]),  # a short weekday after the lead-in
    ("Eingereicht von Petra Lorenz am Mo., 12.10.2015 - 09:30", ["Petra Lorenz"]),
    ("11.12.2019 - Amelie Loevenich", ["Amelie Loevenich"]),
    ("Interview: Julia Lauter", ["Julia Lauter"]),
    ("Publiziert am 13. Januar 2014", []),
    ("uriebe", ["uriebe"]),  # a lone user name
    ("Posted on Juni 3, 2019 by tobi", []),  # lower-case words inside running text are not names
    # the section the post is filed in, after the names (WordPress themes: "By X in Category")
    ("By Ana Lima in Local News", ["Ana Lima"]),
    ("By Ana Lima and Tom Hardy in Politics", ["Ana Lima", "Tom Hardy"]),
    ("Written by | Elena Varga in | Wildlife", ["Elena Varga"]),  # (block theme: each part its own element)
    ("Par Marie Dupont dans Société", ["Marie Dupont"]),
    ("Von Max Muster im Lokalteil", ["Max Muster"]),
    ("By Lee In Ho", ["Lee In Ho"]),  # a capital 'In' is part of a name
])
def test_bylines_with_dates_and_user_names(text: str, expected: list[str]) -> None:
    assert clean_names(text, byline=True) == expected


def test_plain_paragraph_byline_near_the_headline() -> None:
    from newscrawler.extract.metadata import extract_metadata

    doc = Document.parse("""<html><body><div><h1>Grenzen setzen lernen</h1><p><i>von Daniela Obers</i></p>
      <p>Von Montag an gilt die neue Regel für alle Mitarbeitenden im Haus.</p></div></body></html>""",
                         "https://x.example/magazin/grenzen-setzen-lernen")
    assert extract_metadata(doc)["authors"] == [{"name": "Daniela Obers"}]


def test_site_credit_beside_a_person_is_not_an_author() -> None:
    from newscrawler.extract.metadata import extract_metadata

    doc = Document.parse("""<html><head><meta property="og:site_name" content="Bay Courier">
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Pier reopens",
      "author": [{"@type": "Person", "name": "Ana Lima"}, {"@type": "Person", "name": "Bay Courier Online"}]}
      </script></head><body><h1>Pier reopens</h1></body></html>""", "https://www.baycourier.example/pier")
    assert extract_metadata(doc)["authors"] == [{"name": "Ana Lima"}]


def test_the_site_alone_stays_the_author() -> None:
    from newscrawler.extract.metadata import extract_metadata

    doc = Document.parse("""<html><head><meta property="og:site_name" content="Bay Courier">
      <meta name="author" content="Bay Courier"></head><body><h1>Pier reopens</h1><p>Text.</p></body></html>""",
                         "https://www.baycourier.example/pier")
    assert extract_metadata(doc)["authors"] == [{"name": "Bay Courier"}]


def test_byline_in_a_list_item_with_indented_markup() -> None:
    from newscrawler.extract.metadata import extract_metadata

    tabs = "\t" * 30  # the item's raw text is over 120 characters, its words far fewer
    doc = Document.parse(f"""<html><body><article><h1>Faktencheck: Das Foto ist alt</h1>
      <ul class="information"><li class="information-item">3 Minuten Lesezeit</li>
      <li class="information-item">Von:{tabs}<span class="person-link"><a href="/eva-berg">Eva BERG</a>,{tabs}</span>
      {tabs}<span class="person-link"><a href="/jan-ott">Jan OTT</a></span>{tabs}</li></ul>
      <p>Ein Bild geht um.</p></article></body></html>""", "https://check.example/foto-alt")
    assert extract_metadata(doc)["authors"] == [{"name": "Eva BERG"}, {"name": "Jan OTT"}]


@pytest.mark.parametrize("text, expected", [
    ("Penulis: Budi Santoso", ["Budi Santoso"]),
    ("Szerző: Kovács Anna", ["Kovács Anna"]),
    ("Kirjoittaja Matti Virtanen", ["Matti Virtanen"]),
    ("Autorius Jonas Jonaitis", ["Jonas Jonaitis"]),
    ("Tác giả: Nguyễn Văn An", ["Nguyễn Văn An"]),
    ("Höfundur: Jón Jónsson", ["Jón Jónsson"]),
    ("بقلم أحمد خالد", ["أحمد خالد"]),
    ("מאת דנה כהן", ["דנה כהן"]),
    ("Oleh Kovalenko", ["Oleh Kovalenko"]),  # a first name, not Indonesian "oleh" (by)
])
def test_byline_prefixes_of_more_languages(text: str, expected: list[str]) -> None:
    assert clean_names(text, byline=True) == expected


@pytest.mark.parametrize("text, expected", [
    ("Enkosi Maru Journalist", ["Enkosi Maru"]),  # a job title after the name
    ("By Tom Reyes, News Reporter", ["Tom Reyes"]),  # a title beside a name is no second author
    ("Von Lena Fischer und Jonas Weber, Korrespondenten", ["Lena Fischer", "Jonas Weber"]),
    ("Harbour Times Staff Writers", ["Harbour Times"]),  # only a title's owner: kept without the title
    ("Harbour Staff", ["Harbour Staff"]),  # one word and a title, alone: a team's credit, kept whole
    ("Harbour Times Editorial Team", ["Harbour Times"]),
    ("Ana Lima 9:40 PM HST", ["Ana Lima"]),
    ("Von Thilo / 6. November 2023 / Keine Kommentare", ["Thilo"]),  # a comment count
    ("Von Ines Roth, Washington", ["Ines Roth"]),  # a dateline after the name
    ("Par Marie Dupont et Luc Bernard, Bruxelles", ["Marie Dupont", "Luc Bernard"]),
    ("Por Lucía Fernández | Agencia EFE", ["Lucía Fernández", "Agencia EFE"]),  # two words: no place
    ("山田花子, 田中太郎", ["山田花子", "田中太郎"]),  # scripts without spaces: no dateline rule
    ("von Laura Engel 28.04.2023, 19:09 3 Min.", ["Laura Engel"]),  # reading time
    ("Ana Lima · Bay Courier · Posted: Aug 08, 2024 4:00 AM EDT", ["Ana Lima", "Bay Courier"]),
    ("By Sam Okafor Follow", ["Sam Okafor"]),
])
def test_bylines_with_titles_places_and_times(text: str, expected: list[str]) -> None:
    assert clean_names(text, byline=True) == expected


@pytest.mark.parametrize("html, expected", [
    # elements laid out as separate boxes, their texts meeting with no space between them
    (('<div class="byline"><span class="author"><a href="/author/jen-hale/">Jen Hale</a></span>'
      '<span class="date"><strong>Published</strong> Jul 17, 2024, 11:21am</span></div>'), ["Jen Hale"]),
    (('<div class="byline"><div><a href="/people/ray-moss">Ray Moss</a></div><div class="author-info">'
      '<span class="author-title">Assistant Sports Editor</span><span class="social"><a href="#">Follow</a>'
      '</span></div><time>June 26, 2023 8 AM PT</time></div>'), ["Ray Moss"]),
    (('<div class="author"><span>By </span><a rel="author" href="/authors/maya-gold/">Maya Gold</a><span> and '
      '</span><a rel="author" href="/authors/tony-deut/">Tony Deut</a><time>March 7, 2024</time></div>'),
     ["Maya Gold", "Tony Deut"]),
    (('<div class="byline"><a rel="author" href="/staff/ryan-dee/">Ryan Dee</a>'
      '<a rel="author" href="/staff/ryan-dee/">Ryan Dee</a>April 28 2023</div>'), ["Ryan Dee"]),
    ('<div class="author"><a href="/team/ap">By Associated Press</a><time>12:20pm Jan 7, 2024</time></div>',
     ["Associated Press"]),
    ('<p class="byline">Von <b>Anna Mar</b>tel</p>', ["Anna Martel"]),  # inside a word: no break
    ('<div class="author"><div class="name">Jane Doe</div>\n<div class="role">Senior Reporter</div></div>',
     ["Jane Doe"]),  # block elements are separate boxes, even with space between them
    ('<div class="author">Jane Doe<br>Staff Writer</div>', ["Jane Doe"]),
    ('<div class="author"><span>By Ana Lima</span> <span>Posted May 24, 2026 10:05 am</span></div>',
     ["Ana Lima"]),
    ('<div class="author"><div>田中</div><div>太郎</div></div>', ["田中太郎"]),  # no case: read as before
])
def test_byline_elements_are_read_as_laid_out(html: str, expected: list[str]) -> None:
    doc = Document.parse(f"<html><body>{html}</body></html>", "https://x.example/")
    byline = doc.body[0]
    assert authors_from_markup([("hint", byline)]) == expected


def test_author_link_reads_the_whole_byline_around_it() -> None:
    doc = Document.parse("""<html><body><address>Von <a rel="author" href="/autoren/ana-lima/">Ana Lima</a>,
      <a rel="author" href="/autoren/jan-ott/">Jan Ott</a>, <span>Eva Berg</span> und <span>Max Kern</span>
      </address><div class="post-info">Posted by <a rel="author" href="/author/don/">Don Tally</a> on
      <abbr>Thursday, October 31st, 2019</abbr></div></body></html>""", "https://x.example/")
    first, _, third = doc.body.iter("a")
    assert authors_from_markup([("hint", first)]) == ["Ana Lima", "Jan Ott", "Eva Berg", "Max Kern"]
    assert authors_from_markup([("hint", third)]) == ["Don Tally"]  # the parent's text names nobody


def test_authors_listed_one_element_each() -> None:
    doc = Document.parse("""<html><body><ul class="authors">
      <li class="author-item"><a href="#a1">Xia Yu</a><sup>1</sup>, </li>
      <li class="author-item author-item--more"><a href="#a2">Mara Lenz</a>, </li>
      <li class="author-item"><a href="#a3">Jeff Toll</a></li><li class="author-more">…</li></ul>
      <ul class="meta"><li class="info">Von: Ana Lima</li><li class="info">Übersetzung: Jan Ott</li></ul>
      </body></html>""", "https://x.example/")
    item = doc.body.find(".//li")
    assert authors_from_markup([("hint", item)]) == ["Xia Yu", "Mara Lenz", "Jeff Toll"]
    info = doc.body.find(".//ul[@class='meta']/li")
    assert authors_from_markup([("hint", info)]) == ["Ana Lima"]  # not a bare name: siblings not read


@pytest.mark.parametrize("text, expected", [
    ("By Dolores Chang For Example.com", ["Dolores Chang"]),
    ("Par Luc Bernard pour Le Quotidien", ["Luc Bernard"]),
    ("By Ana Lima for Bay Courier and Tom Reyes for Harbour Times", ["Ana Lima", "Tom Reyes"]),
])
def test_who_the_author_writes_for_is_cut(text: str, expected: list[str]) -> None:
    assert clean_names(text, byline=True) == expected


def test_repeated_author_tags_name_one_author_each() -> None:
    from newscrawler.extract.authors import authors_from_tags
    from newscrawler.extract.metadata import extract_metadata

    assert authors_from_tags(["You, Xia", "Lenz, Mara", "Jeff Toll"]) == ["Xia You", "Mara Lenz", "Jeff Toll"]
    doc = Document.parse("""<html><head><meta name="dc.creator" content="Brazil, Rachel">
      <meta name="dc.creator" content="Okafor, Sam"></head><body><h1>Ice cores</h1></body></html>""",
                         "https://x.example/ice")
    assert extract_metadata(doc)["authors"] == [{"name": "Rachel Brazil"}, {"name": "Sam Okafor"}]


@pytest.mark.parametrize("menu", ['<nav class="site-nav">{}</nav>', '<div class="dropdown-menu">{}</div>',
                                  '<div id="main-navigation">{}</div>'])
def test_profile_links_in_a_menu_are_no_byline(menu: str) -> None:
    from newscrawler.extract.metadata import extract_metadata

    links = '<ul><li><a href="/journalisten/termine"><span>Termine</span></a></li></ul>'
    doc = Document.parse(f"""<html><body><header>{menu.format(links)}</header>
      <h1>Wind farm opens off the coast</h1><p>The operator said on Monday that the farm ...</p></body></html>""",
                         "https://press.example/energie/wind-farm-opens")
    assert "authors" not in extract_metadata(doc)


@pytest.mark.parametrize("label", ["Verfasst von", "Written by", "Escrito por"])
def test_labelled_twitter_meta_pair_names_the_author(label: str) -> None:
    from newscrawler.extract.metadata import extract_metadata

    doc = Document.parse(f"""<html><head><meta name="twitter:label1" content="Est. reading time">
      <meta name="twitter:data1" content="4 minutes"><meta name="twitter:label2" content="{label}">
      <meta name="twitter:data2" content="Karin Holm"></head>
      <body><h1>Lost, but still here</h1><p>Some weeks feel longer than others ...</p></body></html>""",
                         "https://blog.example/thoughts/lost-but-still-here/")
    assert extract_metadata(doc)["authors"] == [{"name": "Karin Holm"}]


def test_a_teaser_classed_header_holding_the_h1_keeps_its_byline() -> None:
    from newscrawler.extract.metadata import extract_metadata

    doc = Document.parse("""<html><body><div class="article-teaser header">
      <h1>Riding lessons: sit the trot</h1><p class="author">Von Petra Sladek</p></div>
      <p>Whether the trot bounces you out of the saddle depends on ...</p>
      <div class="teaser"><h2><a href="/other">Another story</a></h2><p class="author">Von Jan Brunner</p></div>
      </body></html>""", "https://riding.example/ausbildung/sit-the-trot")
    assert extract_metadata(doc)["authors"] == [{"name": "Petra Sladek"}]


def test_a_teaser_classed_box_right_after_the_h1_keeps_its_byline() -> None:
    from newscrawler.extract.metadata import extract_metadata

    doc = Document.parse("""<html><body><div class="col"><div class="row">Artikel teilen</div>
      <h1>Pflege: Wer hilft, wenn die Kinder weit weg wohnen?</h1>
      <div class="teaser-small__metadata"><p class="byline__author">VON MARTA HOLZ am 3. Mai 2021</p></div>
      <p class="lead">Viele Eltern leben allein. Ein Besuch bei ...</p></div>
      <div class="teaser-small"><h2><a href="/other">Noch ein Text</a></h2>
      <div class="teaser-small__metadata"><p class="byline__author">VON JAN BRUNNER</p></div></div>
      </body></html>""", "https://magazin.example/pflege")
    assert extract_metadata(doc)["authors"] == [{"name": "MARTA HOLZ"}]
    # on a listing, the first teaser after the page's title has a heading of its own: another story's
    doc = Document.parse("""<html><body><h1 class="page-title">Tag: Pflege</h1>
      <article class="post teaser"><h2><a href="/pflege-1">Wer hilft?</a></h2><p class="byline">Von Jan Brunner</p>
      </article><article class="post teaser"><h2><a href="/pflege-2">Was kostet es?</a></h2>
      <p class="byline">Von Eva Berg</p></article></body></html>""", "https://magazin.example/tag/pflege/")
    assert "authors" not in extract_metadata(doc)


def test_an_author_info_box_in_the_article_header_is_its_byline() -> None:
    from newscrawler.extract.metadata import extract_metadata

    page = """<html><body><header class="article-head"><h1>What a wedding taught me about teams</h1>
      <div class="author-info"><a href="/in/ana">Ana Lima</a> <a class="follow">Follow</a>
      <p>Coach for new ways of working</p></div></header>
      <article><p>Last weekend I was at a wedding in the country ...</p></article>
      <footer><div class="author-info"><a href="/in/jan">Jan Ott</a></div></footer></body></html>"""
    doc = Document.parse(page, "https://network.example/pulse/wedding-teams")
    assert extract_metadata(doc)["authors"] == [{"name": "Ana Lima"}]
    # a site header left open around the whole page is no article header: its comment form is not read
    long_text = "<p>" + "The story goes on. " * 80 + "</p>"
    doc = Document.parse(f"""<html><body><header class="site-header"><div class="main"><h1>Alfa Romeo turns 110</h1>
      {long_text}<div class="comment-respond"><p class="comment-form-author">Name*</p></div></div>
      </body></html>""", "https://cars.example/?p=1")
    assert "authors" not in extract_metadata(doc)


def test_unclassed_list_items_are_a_menu_as_often_as_a_byline() -> None:
    doc = Document.parse("""<html><body><ul class="nav"><li id="journalists"><a href="/press">Press</a></li>
      <li><a href="/contact">Contact</a></li><li><a href="/help">Help Desk</a></li></ul></body></html>""",
                         "https://x.example/")
    item = doc.body.find(".//li")
    assert authors_from_markup([("hint", item)]) == ["Press"]


def test_microdata_authors_of_the_byline_only() -> None:
    doc = Document.parse("""<html><body><article><header><div class="byline">
      <p itemprop="author" itemscope>Von <span itemprop="name">Lena Berg</span></p>
      <p itemprop="author" itemscope>und <span itemprop="name">Jonas Roth</span></p></div></header>
      <figure><img src="a.jpg"><figcaption itemprop="author">Foto: Max Bild</figcaption></figure>
      <p>Der Text.</p></article>
      <aside><div class="card"><h3>Mehr</h3><p itemprop="author" itemscope>Von <span itemprop="name">Eva Teaser</span>
      </p></div></aside></body></html>""", "https://x.example/")
    elements = doc.body.xpath(".//*[@itemprop='author']")
    assert authors_from_microdata(elements) == ["Lena Berg", "Jonas Roth"]
    assert authors_from_microdata(elements[2:]) == ["Eva Teaser"]  # the figure's credit is never one


def test_byline_listing_names_in_inline_elements() -> None:
    doc = Document.parse("""<html><body><div class="article-byline"><div class="origins">
      <span class="simple">Birgit Lang</span>  <span class="simple">Anna Maria Fink</span>
      <span class="simple">Jan Michael Kern</span></div></div>
      <div class="author"><span>Von</span> <span>Heute</span> <span>am</span> <span>Morgen</span> <span>im</span>
      <span>Garten</span> <span>der</span> <span>Stadt</span></div></body></html>""", "https://x.example/")
    byline, other = doc.body[0], doc.body[1]
    assert authors_from_markup([("hint", byline)]) == ["Birgit Lang", "Anna Maria Fink", "Jan Michael Kern"]
    assert authors_from_markup([("hint", other)]) == []  # one-word texts: no full names


def test_a_lone_catalogue_author_is_family_name_first() -> None:
    from newscrawler.extract.metadata import extract_metadata

    doc = Document.parse("""<html><head><meta name="dc.creator" content="Brazil, Rachel"></head>
      <body><h1>Ice cores</h1></body></html>""", "https://x.example/ice")
    assert extract_metadata(doc)["authors"] == [{"name": "Rachel Brazil"}]
    doc = Document.parse("""<html><head><meta name="author" content="Ana Lima, Jan Ott"></head>
      <body><h1>Ice cores</h1></body></html>""", "https://x.example/ice")
    assert extract_metadata(doc)["authors"] == [{"name": "Ana Lima"}, {"name": "Jan Ott"}]  # two people


@pytest.mark.parametrize("text", ["Interview", "Text", "Texte", "Autorin", "Di", "Recherche"])
def test_a_byline_prefix_or_label_alone_is_no_name(text: str) -> None:
    assert clean_names(text, byline=True) == []
    assert clean_names(text) == []


def test_a_label_between_line_breaks_is_still_a_label() -> None:
    from newscrawler.extract.metadata import extract_metadata

    doc = Document.parse("""<html><body><h1>A conversation with a painter</h1>
      <div class="credits"><div class="credits-credit">
        <div class="credits-credit-label">
                Interview
        </div>
        <div class="credits-credit-text">
                MARA QUIST
        </div></div>
      <div class="credits-credit"><div class="credits-credit-label">Photos</div>
        <div class="credits-credit-text">LEO BRANDT</div></div></div>
      <p>She paints at night, she says, because ...</p></body></html>""", "https://mag.example/story/painter")
    assert extract_metadata(doc)["authors"] == [{"name": "MARA QUIST"}]


def test_the_byline_is_read_after_its_label() -> None:
    from newscrawler.extract.metadata import extract_metadata

    doc = Document.parse("""<html><body><h1>A stranger stopped on the bridge</h1>
      <div class="article_meta_info"><span class="trending">wow!</span>
        <span class="screen-reader-text">| By </span><span>Nora Kell</span> |
        <time class="entry-date">April 13, 2020</time></div>
      <p>It was raining when the car stopped ...</p></body></html>""", "https://stories.example/view/bridge")
    assert extract_metadata(doc)["authors"] == [{"name": "Nora Kell"}]


@pytest.mark.parametrize("text, expected", [
    ("Copyright Example Verlag GmbH & Co. KG, all rights reserved", []),
    ("© 2021 Ana Lima", []),
    ("Von Ana Lima | Foto: © Jan Ott", ["Ana Lima"]),
    ("anónimo", []),
    ("Anonyme", []),
    ("3 de Mayo de 2022", []),
    ("May de la Cruz", ["May de la Cruz"]),
    ("Jan Ott, Mai Berg", ["Jan Ott", "Mai Berg"]),
])
def test_copyright_notices_addresses_and_dates_are_no_names(text: str, expected: list[str]) -> None:
    assert clean_names(text, byline=True) == expected


def test_a_web_address_without_its_scheme_is_no_name() -> None:
    assert authors_from_meta(["facebook.com/baycourier"]) == []
    assert authors_from_meta(["Ana Lima / Jan Ott"]) == ["Ana Lima", "Jan Ott"]


def test_a_user_login_in_structured_data_gives_way_to_the_displayed_name() -> None:
    from newscrawler.extract.metadata import extract_metadata

    def page(login: str, meta: str) -> Document:
        return Document.parse(f"""<html><head><meta name="author" content="{meta}">
          <script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Derby ends level",
          "author": {{"@type": "Person", "name": "{login}"}}}}</script></head>
          <body><h1>Derby ends level</h1></body></html>""", "https://sport.example/derby")

    assert extract_metadata(page("ana.de.souza", "Ana de Souza"))["authors"] == [{"name": "Ana de Souza"}]
    assert extract_metadata(page("jan-ott", "Jan Ott"))["authors"] == [{"name": "Jan Ott"}]
    assert extract_metadata(page("jan-ott", "Eva Berg"))["authors"] == [{"name": "jan-ott"}]  # another person
    assert extract_metadata(page("sport.example", "SPORT.example"))["authors"] == [{"name": "sport.example"}]


@pytest.mark.parametrize("text, expected", [
    ("06.11.2023 13:30 von Olga Brandt", True),
    ("12/03/2020 | By Ana Lima", True),
    ("2023-01-02, 18.30 Uhr – Par Luc Morel", True),
    ("20 von 30 Teilnehmern", False),  # a count, not a date
    ("06.11.2023", False),
    ("11.12.2019 - Amelie Loevenich", True),  # a date, a dash and a name: the byline of a blog's header
    ("2019-12-11 – Anna Berg-Li", True),
    ("05.02.2020 - Neue Saison beginnt", False),  # a title in a list of news: not every word is capitalised
    ("05.02.2020 Amelie Loevenich", False),  # no dash: a date beside some text
])
def test_a_byline_may_open_with_its_date(text: str, expected: bool) -> None:
    from newscrawler.extract.authors import starts_like_byline

    assert starts_like_byline(text) is expected


def test_a_byline_after_the_date_in_a_heading_is_read() -> None:
    from newscrawler.extract.metadata import extract_metadata

    doc = Document.parse("""<html><body><h1>Trennung nach zehn Jahren</h1>
      <h2>Stars (1 / 1) <span style="font-size:12px">06.11.2023 13:30 von Olga Brandt</span></h2>
      <p>Die beiden gehen getrennte Wege ...</p></body></html>""", "https://stars.example/contents/1-trennung")
    assert extract_metadata(doc)["authors"] == [{"name": "Olga Brandt"}]


def test_a_date_dash_name_line_under_the_headline_is_the_byline() -> None:
    from newscrawler.extract.metadata import extract_metadata

    doc = Document.parse("""<html><body><div class="row"><div class="col-md-5">
      <h1>Variablen und ihr Zuhause</h1><p class="text-muted">11.12.2019 - Amelie Loevenich</p></div></div>
      <p>Eine Variable ist wie eine Kiste, in die man etwas hineinlegt ...</p>
      <ul class="news"><li>05.02.2020 - Neue Kurse im Frühjahr</li></ul></body></html>""",
                         "https://kids.example/blog/191211_variables/")
    assert extract_metadata(doc)["authors"] == [{"name": "Amelie Loevenich"}]


@pytest.mark.parametrize("text, expected", [
    ("作者：张伟", ["张伟"]),
    ("责任编辑： 焦明", ["焦明"]),
    ("記者：王小明", ["王小明"]),
    ("筆者：山田太郎", ["山田太郎"]),
])
def test_chinese_and_japanese_bylines_with_a_full_width_colon(text: str, expected: list[str]) -> None:
    from newscrawler.extract.authors import starts_like_byline

    assert starts_like_byline(text)
    assert clean_names(text, byline=True) == expected


def test_an_author_box_names_the_author_when_the_page_shows_no_byline() -> None:
    from newscrawler.extract.metadata import extract_metadata

    box = """<div class="author-box"><img src="/ana.jpg" alt=""><h4><a href="/author/ana-lima/">Ana Lima</a></h4>
      <p>Ana writes about company cars, leasing and the small print of both. Before that she ...</p>
      <a href="/author/ana-lima/">Alle Beiträge von Ana Lima</a></div>"""
    page = """<html><body><h1>Leasing or buying a company car?</h1><p>Which one pays off depends ...</p>
      {byline}<p>In the end ...</p>{box}
      <div class="comment-list"><div class="author-info"><a href="/author/jan-ott/">Jan Ott</a></div>
      <p>Great post!</p></div></body></html>"""
    doc = Document.parse(page.format(byline="", box=box), "https://cars.example/leasing")
    assert extract_metadata(doc)["authors"] == [{"name": "Ana Lima"}]
    doc = Document.parse(page.format(byline='<p class="byline">By Eva Berg</p>', box=box), "https://cars.example/l")
    assert extract_metadata(doc)["authors"] == [{"name": "Eva Berg"}]  # the byline shown comes first
    doc = Document.parse(page.format(byline="", box=""), "https://cars.example/leasing")
    assert "authors" not in extract_metadata(doc)  # a commenter's box is not the author's


@pytest.mark.parametrize("text", ["Alle Beiträge von Ana Lima", "View all posts by Ana Lima", "More by Ana Lima",
                                  "Mehr von Ana Lima"])
def test_author_archive_links_name_the_author(text: str) -> None:
    assert clean_names(text, byline=True) == ["Ana Lima"]


def test_a_name_beside_its_picture_in_an_avatars_box_is_the_byline() -> None:
    """Wagtail's bakerydemo lists each author as ``div.blog__author`` (picture and name) inside ``div.blog__avatars``:
    an "avatar" hint skips only a box that holds a picture and no text."""
    html = """<html><body><h1>Pool reopens after roof repairs</h1><div class="blog__meta"><div class="blog__avatars">
      <div class="blog__author"><img alt="" class="blog__avatar" src="/media/ruth.jpg"> Ruth Keane</div></div></div>
      <p>Millbrook Leisure Centre's swimming pool will reopen on Monday.</p>
      <div class="comment-avatar"><img alt="" src="/a.png"></div></body></html>"""
    doc = Document.parse(html, "https://x.example/blog/pool/")
    author = doc.body.find(".//div[@class='blog__author']")
    assert authors_from_markup([("hint", author)]) == ["Ruth Keane"]
    picture = doc.body.find(".//div[@class='comment-avatar']")
    assert authors_from_markup([("hint", picture)]) == []


SIGNED = ("<html><head><title>Brücke bleibt</title></head><body><article><h1>Die Brücke bleibt stehen</h1>"
          "<p>Die alte Brücke über den Fluss wird nicht abgerissen, sondern bis zum Herbst saniert, hat der "
          "Gemeinderat am Dienstag beschlossen. Die Kosten liegen bei rund 1,2 Millionen Euro.</p>"
          "<p>Anwohner hatten mehr als 800 Unterschriften für den Erhalt gesammelt und die Sitzung zahlreich "
          "besucht; sie begrüßten die Entscheidung mit Applaus.</p>{signature}</article></body></html>")


@pytest.mark.parametrize("signature, expected", [
    ("<p><em>IN-Redaktion</em></p>", ["IN-Redaktion"]),  # an editorial desk, in italics
    ("<p style='text-align: right;'><strong>Lê Phương</strong></p>", ["Lê Phương"]),
    ("<p class='clearfix'><strong>Marina Mucha</strong></p>", ["Marina Mucha"]),
    ("<p>– David Dunkley</p>", ["David Dunkley"]),  # after a dash
    ("<p>Marina Mucha</p>", []),  # not set apart: it may be the last words of the text
    ("<p><strong>Quellen</strong></p>", []),  # one plain word in bold: a heading more often than a name
    ("<p><strong>Mehr Infos beim Bauamt</strong></p>", []),  # not a name
])
def test_a_closing_signature_names_the_author_when_nothing_else_does(signature: str, expected: list[str]) -> None:
    from newscrawler.extract import extract_article

    record = extract_article(SIGNED.format(signature=signature), "https://lokal.example/2024/05/bruecke/")
    assert [author["name"] for author in record["authors"]] == expected


def test_a_declared_author_comes_before_the_signature() -> None:
    from newscrawler.extract import extract_article

    html = SIGNED.format(signature="<p><em>IN-Redaktion</em></p>").replace(
        "</title>", "</title><meta name='author' content='Jana Roth'>")
    assert extract_article(html, "https://lokal.example/2024/05/bruecke/")["authors"] == [{"name": "Jana Roth"}]


def test_a_signature_comes_before_the_site_named_as_author() -> None:
    from newscrawler.extract import extract_article

    head = ("<meta property='og:site_name' content='Lokalblatt'><script type='application/ld+json'>"
            '{"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Lokalblatt"}}</script>')
    html = SIGNED.format(signature="<p style='text-align:right'><strong>Lê Phương</strong></p>").replace(
        "</title>", "</title>" + head)
    assert extract_article(html, "https://lokalblatt.example/2024/05/bruecke/")["authors"] == [{"name": "Lê Phương"}]
    unsigned = SIGNED.format(signature="").replace("</title>", "</title>" + head)
    assert extract_article(unsigned, "https://lokalblatt.example/2024/05/bruecke/")["authors"] == [
        {"name": "Lokalblatt"}]  # nobody else named: the site's credit stays
