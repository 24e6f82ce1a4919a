"""Main-content extraction on small hand-written pages (tests/fixtures/body/<name>.html + .txt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newscrawler.extract.body import _is_byline, _rules, extract_body
from newscrawler.extract.document import Document

FIXTURES = Path(__file__).parent / "fixtures" / "body"

#: fixture name → the headline the metadata step would pass in
CASES = {
    "wordpress_post": "Harbour ferry returns after winter refit",
    "news_chunks": "City council approves new cycle lanes",
    "table_layout_br": "Mill fire damages historic granary",
    "form_wrapper_de": "Neues Hallenbad öffnet im Herbst",
}


def body_of(html: str | bytes, headline: str | None = None, url: str = "https://news.example/a/1") -> str:
    return extract_body(Document.parse(html, url), headline)


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_body_matches_expected_text(name: str) -> None:
    html = (FIXTURES / f"{name}.html").read_bytes()
    expected = (FIXTURES / f"{name}.txt").read_text("utf-8").strip()
    assert body_of(html, CASES[name]) == expected


@pytest.mark.parametrize("name", sorted(CASES))
def test_paragraphs_are_separated_by_exactly_one_blank_line(name: str) -> None:
    body = body_of((FIXTURES / f"{name}.html").read_bytes(), CASES[name])
    assert "\n\n\n" not in body
    assert all(p == p.strip() and p for p in body.split("\n\n"))


def test_every_fixture_has_expected_text() -> None:
    assert {p.stem for p in FIXTURES.glob("*.html")} == set(CASES)
    assert {p.stem for p in FIXTURES.glob("*.txt")} == set(CASES)


def test_wordpress_leaves_out_share_bar_related_comments_and_form() -> None:
    body = body_of((FIXTURES / "wordpress_post.html").read_bytes(), CASES["wordpress_post"])
    for text in ("Share this", "Like this", "Loading", "Related", "Engineers begin", "Great news",
                 "Leave a Reply", "Your email address", "Save my name", "Recent Posts", "Posted in",
                 "Post navigation", "independent newspaper", "Back to top", "Mara Hale"):
        assert text not in body


def test_article_split_by_an_ad_slot_is_kept_whole_with_its_standfirst() -> None:
    body = body_of((FIXTURES / "news_chunks.html").read_bytes(), CASES["news_chunks"])
    paragraphs = body.split("\n\n")
    assert paragraphs[0].startswith("Eleven kilometres of protected lanes")  # the dek inside the article
    assert "Work to start in spring" in paragraphs
    assert paragraphs[-1].endswith("said the council leader, Priya Shah.")
    for text in ("Advertisement", "Read more", "Bus fares", "Sign up", "morning briefing", "Photo: Ana Ruiz",
                 "Cyclists on Mill Road", "Related stories", "Most read", "By Jo Brand", "Topics"):
        assert text not in body


def test_subheadings_and_list_items_are_their_own_paragraphs() -> None:
    html = """<html><body><article>
      <p>The first paragraph of a story that is long enough to count as real article text, with commas.</p>
      <h2>What happens next</h2>
      <p>The second paragraph of a story that is long enough to count as real article text, with commas.</p>
      <ol><li>First step</li><li>Second step</li></ol>
      <p>The third paragraph of a story that is long enough to count as real article text, with commas.</p>
    </article></body></html>"""
    paragraphs = body_of(html).split("\n\n")
    assert paragraphs[1] == "What happens next"
    assert paragraphs[3:5] == ["First step", "Second step"]
    assert len(paragraphs) == 6


def test_inline_markup_does_not_split_a_paragraph() -> None:
    html = """<html><body><div class="article-body">
      <p>Prices <b>rose</b> by <a href="/x">3.2 per cent</a> in <em>March</em>, the statistics office said on Friday.</p>
      <p>Economists had expected a smaller rise, after two months in which energy prices fell sharply.</p>
    </div></body></html>"""
    assert body_of(html).split("\n\n")[0] == (
        "Prices rose by 3.2 per cent in March, the statistics office said on Friday.")


def test_comment_section_never_wins_even_when_longer_than_the_article() -> None:
    comment = ("<li class='comment'><div class='comment-content'><p>I completely disagree with this, and I think "
               "the council has made a mistake, as anyone who lives here can tell you.</p></div></li>")
    html = f"""<html><body><main><article><div class="entry-content">
      <p>The council has approved the plan, after a long debate, by a clear majority of its members.</p>
      <p>Work will begin in the spring, and the first phase should be finished by the end of the year.</p>
      </div></article>
      <section id="comments" class="comments-area"><ol class="comment-list">{comment * 12}</ol></section>
    </main></body></html>"""
    body = body_of(html)
    assert body.startswith("The council has approved the plan")
    assert "disagree" not in body


def test_headline_repeated_at_the_top_is_dropped() -> None:
    html = """<html><body><article><h1>Storm closes the coast road</h1>
      <p>The coast road was closed on Sunday after waves threw rocks and sand across both lanes, police said.</p>
    </article></body></html>"""
    assert body_of(html, "Storm closes the coast road").startswith("The coast road was closed")


@pytest.mark.parametrize("html", ["", "<html></html>", "<html><body><nav><a href='/'>Home</a></nav></body></html>",
                                  b"\xff\xfe\x00\x00garbage", "<p>Too short.</p>"])
def test_pages_without_an_article_give_an_empty_body(html: str | bytes) -> None:
    assert body_of(html) == ""


def test_extraction_does_not_modify_the_tree() -> None:
    doc = Document.parse((FIXTURES / "wordpress_post.html").read_bytes(), "https://courier.example/p/4121")
    before = len(list(doc.tree.iter()))
    extract_body(doc, None)
    assert len(list(doc.tree.iter())) == before
    assert doc.tree.find(".//div[@id='comments']") is not None


def test_bylines_and_datelines_are_dropped_but_times_in_text_are_kept() -> None:
    paragraph = "<p>The harbour board met on Monday evening, and agreed to extend the opening hours of the pier.</p>"
    html = f"""<html><body><div class="article-body">
      <p>By Sam Okafor</p><p>11:21 pm CST, Tuesday, November 19, 2019</p><p>23.10.2018</p>
      {paragraph}<p>4:14 p.m.</p>{paragraph}<h2>2019</h2>{paragraph}
    </div></body></html>"""
    assert body_of(html).split("\n\n")[:2] == [
        "The harbour board met on Monday evening, and agreed to extend the opening hours of the pier.", "4:14 p.m."]
    assert "\n\n2019\n\n" in body_of(html)


def test_standfirst_repeating_the_meta_description_opens_the_body() -> None:
    text = "<p>The regional rail link will open two years late and cost a third more than planned, the operator said.</p>"
    html = f"""<html><head><meta name="description" content="Delays and rising costs for the regional rail link,
      which now opens in 2027."></head><body><main><header><h1>Rail link delayed</h1></header>
      <div class="body-top"><div><strong>Delays and rising costs for the regional rail link, which now opens in 2027.
      </strong></div></div><div class="content">{text * 3}</div></main></body></html>"""
    paragraphs = body_of(html, "Rail link delayed").split("\n\n")
    assert paragraphs[0] == "Delays and rising costs for the regional rail link, which now opens in 2027."
    assert len(paragraphs) == 4


def test_a_standfirst_repeating_the_og_description_opens_the_body_beside_a_site_wide_description() -> None:
    text = "<p>The regional rail link will open two years late and cost a third more than planned, the operator said.</p>"
    html = f"""<html><head><meta name="description" content="Regional news, sport and weather from the valley, every day.">
      <meta property="og:description" content="Delays and rising costs for the regional rail link, which now opens in 2027.">
      </head><body><main><header><h1>Rail link delayed</h1></header>
      <div class="body-top"><div><strong>Delays and rising costs for the regional rail link, which now opens in 2027.
      </strong></div></div><div class="content">{text * 3}</div></main></body></html>"""
    paragraphs = body_of(html, "Rail link delayed").split("\n\n")
    assert paragraphs[0] == "Delays and rising costs for the regional rail link, which now opens in 2027."
    assert len(paragraphs) == 4


def test_a_subtitle_heading_beside_the_headline_is_not_body() -> None:
    text = "<p>The regional rail link will open two years late and cost a third more than planned, the operator said.</p>"
    html = f"""<html><head><meta name="description" content="Delays and rising costs for the regional rail link,
      which now opens in 2027."></head><body><main><header><h1>Rail link delayed</h1>
      <h2 class="subtitle">Delays and rising costs for the regional rail link, which now opens in 2027.</h2></header>
      <div class="content">{text * 3}</div></main></body></html>"""
    assert body_of(html, "Rail link delayed").split("\n\n") == [
        "The regional rail link will open two years late and cost a third more than planned, the operator said."] * 3


def test_a_standfirst_paragraph_beside_the_headline_opens_the_body() -> None:
    text = "<p>The regional rail link will open two years late and cost a third more than planned, the operator said.</p>"
    html = f"""<html><body><main><header><h1>Rail link delayed</h1>
      <p class="standfirst">Delays and rising costs for the regional rail link, which now opens in 2027.</p></header>
      <div class="content">{text * 3}</div></main></body></html>"""
    paragraphs = body_of(html, "Rail link delayed").split("\n\n")
    assert paragraphs[0] == "Delays and rising costs for the regional rail link, which now opens in 2027."
    assert len(paragraphs) == 4


def test_a_long_sentence_heading_before_the_article_text_opens_the_body() -> None:
    text = "<p>The regional rail link will open two years late and cost a third more than planned, the operator said.</p>"
    lead = ("The operator of the regional rail link has told the council that the line will open two years late, "
            "in 2027, and that it will cost a third more than planned.")
    html = f"""<html><body><main><header><h1>Rail link delayed</h1></header>
      <div class="row"><div class="column"><h2>{lead}</h2></div></div>
      <div class="row"><div class="column">{text * 3}</div></div></main></body></html>"""
    paragraphs = body_of(html, "Rail link delayed").split("\n\n")
    assert paragraphs[0] == lead
    assert len(paragraphs) == 4
    short = html.replace(lead, "Rail link: what the delay means for commuters.")  # a title, not a standfirst
    assert body_of(short, "Rail link delayed").split("\n\n") == paragraphs[1:]


def test_a_paragraph_inside_a_named_anchor_is_text_not_a_link() -> None:
    paragraph = "<p>The museum reopens on Friday after a two-year renovation, with three new galleries and a cafe.</p>"
    anchored = '<p><a name="tickets">Many readers asked the same question: how much will a ticket cost?</a></p>'
    html = f"""<html><body><div class="article-body">{paragraph * 2}{anchored}{paragraph}</div></body></html>"""
    assert "how much will a ticket cost?" in body_of(html)


def test_a_heading_whose_section_was_left_out_is_dropped() -> None:
    paragraph = "<p>The museum reopens on Friday after a two-year renovation, with three new galleries and a cafe.</p>"
    html = f"""<html><body><div class="article-body">{paragraph * 3}
      <h3>Mehr zum Thema</h3><ul><li><a href="/a">Museum sucht neue Leitung</a></li><li><a href="/b">Galerie schließt</a></li></ul>
      <p>Kontakt:</p><div class="share-links"><a href="/mail">E-Mail</a></div>
    </div></body></html>"""
    body = body_of(html)
    assert body.endswith("a cafe.")
    assert "Mehr zum Thema" not in body and "Kontakt" not in body


def test_a_sentence_ending_in_a_colon_before_an_embed_is_kept() -> None:
    paragraph = "<p>The museum reopens on Friday after a two-year renovation, with three new galleries and a cafe.</p>"
    html = f"""<html><body><div class="article-body">{paragraph * 3}
      <p>Visitors on social media seemed delighted by the news of the reopening:</p>
      <figure class="embed"><img src="/img/queue.jpg" alt="A queue outside the museum"></figure>
    </div></body></html>"""
    assert body_of(html).endswith("delighted by the news of the reopening:")


def test_json_ld_article_body_is_the_fallback_when_the_markup_has_no_text() -> None:
    html = """<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "WebPage", "name": "Tide tables"},
      {"@type": "NewsArticle", "headline": "Spring tides expected",
       "articleBody": "Unusually high spring tides are expected along the coast this weekend.\\n\\nThe coastguard advised walkers to check the tide tables before setting out &amp; to stay off the causeway."}]}
    </script><script type="application/ld+json">{not json</script></head>
    <body><div id="app"><p>Loading the page, please wait.</p></div></body></html>"""
    assert body_of(html) == ("Unusually high spring tides are expected along the coast this weekend.\n\n"
                             "The coastguard advised walkers to check the tide tables before setting out & to stay off "
                             "the causeway.")


def test_json_ld_article_body_does_not_replace_a_real_body() -> None:
    paragraph = "<p>The museum reopens on Friday after a two-year renovation, with three new galleries and a cafe.</p>"
    html = f"""<html><head><script type="application/ld+json">{{"@type": "NewsArticle",
      "articleBody": "The museum reopens on Friday."}}</script></head>
      <body><article>{paragraph * 4}</article></body></html>"""
    assert body_of(html).count("The museum reopens") == 4


def test_a_list_of_stories_after_the_article_is_dropped() -> None:
    paragraph = "<p>The museum reopens on Friday after a two-year renovation, with three new galleries and a cafe.</p>"
    stories = "".join(f'<li>Why the old {w} <a href="/s/{w}">was closed for two whole years</a></li>'
                      for w in ("gallery", "library", "theatre", "station"))
    html = f"""<html><body><div class="article-body">{paragraph * 3}
      <div class="heading">More great stories</div><ul>{stories}</ul>
      <p>Opening hours and prices are listed below:</p><ul><li>Monday to Friday, 10am to 6pm</li>
      <li>Saturdays, 10am to 8pm</li><li>Tickets cost £8, or £5 for students</li></ul>
    </div></body></html>"""
    body = body_of(html)
    assert "was closed" not in body
    assert body.endswith("Tickets cost £8, or £5 for students")


def _grid_page(note: str = "") -> str:
    """An article cut by ad rows into grid rows of one kind (``row text-row`` > ``col-8`` > paragraphs)."""
    def row(*paragraphs: str) -> str:
        return '<div class="row text-row"><div class="col-8">' + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div></div>"
    ad = '<div class="row ad-row"><div class="col-12"><script>showAd()</script></div></div>'
    sentence = "The council voted on Tuesday to close the old ferry pier, which has stood since 1904, for repairs"
    main = [f"{sentence}, said the harbour master, adding that work starts in May ({n})." for n in range(12)]
    return f"""<html><body><div class="page"><h1>Ferry pier to close for repairs</h1>
      {row("Ferry passengers will board at a temporary pontoon from next month, the harbour board said.",
           "The crossing timetable stays the same, although the walk to the pontoon takes five minutes longer.")}
      {ad}{row(*main)}{ad}
      {row("Engineers found rusted beams under the pier deck last winter, and the repairs will take a year.",
           "A public meeting about the temporary pontoon is planned for the town hall on the first of March.")}
      {note}</div></body></html>"""


def test_an_article_cut_into_grid_rows_by_ad_slots_is_kept_whole() -> None:
    body = body_of(_grid_page())
    paragraphs = body.split("\n\n")
    assert paragraphs[0].startswith("Ferry passengers will board")
    assert paragraphs[-1].startswith("A public meeting about the temporary pontoon")
    assert "showAd" not in body and len(paragraphs) == 16


def test_a_single_note_in_a_row_like_the_article_is_not_a_chunk_of_it() -> None:
    note = ('<div class="row text-row"><div class="col-8"><p>This article is part of our series on coastal towns, '
            'supported by a grant from the regional tourism fund.</p></div></div>')
    assert "tourism fund" not in body_of(_grid_page(note))


def test_grid_cells_of_layout_classes_only_are_not_chunks_of_the_article() -> None:
    html = _grid_page().replace("row text-row", "row")
    assert not body_of(html).startswith("Ferry passengers will board")


def test_a_paragraph_of_blank_line_separated_paragraphs_outweighs_a_site_blurb() -> None:
    # the story is typed into one <p> with blank lines (<br><br>) between its paragraphs, beside a list of
    # links; a blurb about the newspaper in a "site-content" box must not win over it
    lines = ["The new ferry terminal opened on Monday after three years of building work, and the first boats left on time",
             "Passengers praised the bright waiting hall and the covered walkway to the pier, although the car park is closed",
             "The harbour board expects two million passengers a year, twice as many as the old terminal handled before",
             "Local shops near the quay hope for more customers, and the bus company will add a line from the station"]
    text = "<br>\n<br>\n".join(f"{line}. {line.replace('The ', 'This year the ')}." for line in lines)
    links = "".join(f'<a href="/news/{i}">Another story about the town council and its plans number {i}</a>'
                    for i in range(8))
    html = f"""<html><body><div class="page"><div class="news-text"><h1>New ferry terminal opens</h1>
      <div class="row"><p>{text}</p></div><div class="more-links"><h2>Read also</h2>{links}</div></div></div>
      <div class="bottom"><div class="site-content"><div class="about">The Harbour Gazette is the weekly newspaper of
      the coast, with news, sport and the tides. Reporters who live here write it for readers who live here since
      1921. Subscribe for the print edition or read it online every Thursday morning.</div></div></div></body></html>"""
    body = body_of(html, "New ferry terminal opens")
    assert body.startswith("The new ferry terminal opened") and len(body.split("\n\n")) == 4
    assert "Harbour Gazette" not in body


def _page_with_links_section(after: str) -> str:
    paragraph = "<p>The museum reopens on Friday after a two-year renovation, with three new galleries and a cafe.</p>"
    links = "".join(f'<li><a href="/news/{n}">The museum story number {n} of our archive</a></li>' for n in range(4))
    return f"""<html><body><article class="post">{paragraph * 3}<h3>More on this topic</h3><ul>{links}</ul>
      {after}</article></body></html>"""


def test_a_heading_of_left_out_links_before_the_next_heading_is_dropped() -> None:
    body = body_of(_page_with_links_section(
        "<h3>Background</h3><p>The building first opened in 1889, and it was last renovated seventy years ago.</p>"))
    assert "More on this topic" not in body and "museum story" not in body
    assert "Background\n\nThe building first opened" in body


def test_a_heading_of_left_out_links_followed_by_text_is_kept() -> None:
    body = body_of(_page_with_links_section(
        "<p>The building first opened in 1889, and it was last renovated seventy years ago.</p>"))
    assert "More on this topic\n\nThe building first opened" in body


_TAGS = ["div", "p", "span", "a", "ul", "li", "section", "article", "nav", "aside", "h2", "br", "table", "td", "form"]
_CLASSES = ["", "content", "article-body", "comments", "share", "related", "hidden", "row", "col-md-8", "lead"]


@st.composite
def _pages(draw: st.DrawFn) -> str:
    """Random tag soup: nested blocks with classes, text with commas, links and stray markup."""
    parts = ["<html><head><title>T</title></head><body>"]
    for _ in range(draw(st.integers(0, 40))):
        tag = draw(st.sampled_from(_TAGS))
        cls = draw(st.sampled_from(_CLASSES))
        text = draw(st.text(alphabet="abc ,.&<>é\u00ad\n", max_size=120))
        closing = draw(st.booleans())
        parts.append(f'<{tag} class="{cls}">{text}' + (f"</{tag}>" if closing else ""))
    parts.append("</body></html>")
    return "".join(parts)


@settings(max_examples=150, deadline=None)
@given(_pages())
def test_any_page_gives_clean_paragraphs(html: str) -> None:
    body = body_of(html)
    assert "\n\n\n" not in body
    assert body == body.strip()
    assert all(p.strip() == p and p for p in body.split("\n\n")) or body == ""


def test_byline_rules_need_a_name_not_a_sentence() -> None:
    rules = _rules()
    for line in ("By Sam Okafor", "Von Élodie Martin", "Foto: dpa", "Bildrechte: MDR/Ana Ruiz",
                 "Veröffentlicht am 16.08.2019", "Updated on 3 May 2021", "Titelbild: Ana Ruiz/picture-alliance",
                 "Image illustrative : Lego figures by Ana Ruiz, CC BY 2.0",
                 "Veröffentlichung: 2. Februar 2022", "aja/PAP", "dpa/AFP/mb", "Stand: 22.04.2024, 06:00 Uhr",
                 "Stand: 25.01.2022", "Zuletzt aktualisiert: 12.03.2024, 10:15 Uhr", "Publié le 3 mai 2021 à 14h05",
                 "Last modified: 2021-05-03", "Gepubliceerd op 03-05-2021 om 14:05", "-Aktualisiert am 28.01.2020-15:49",
                 # a dateline, then a byline (Contao's info line; a theme's meta line)
                 "12.03.2024 19:45 von Sabine Mustermann", "March 3, 2024 | By John Smith",
                 "1.12.2022 | Quelle: Shanghai Electric"):
        assert _is_byline(line, rules), line
    for line in ("By setting this to Default", "Von ihren 32 Jahren im MDR", "Updated figures show a rise",
                 "Input/output errors were logged on the server", "24/7",
                 "2019", "4:14 p.m.", "Stand der Dinge: 2024", "Stand 3 von 12", "Il 2021 è stato aggiornato",
                 "Last modified 3 times", "12.03.2024 Ruby Smith", "Die Stadt von Berlin", "2024 by Anna Smith"):
        assert not _is_byline(line, rules), line


def test_page_builder_boxes_with_one_paragraph_each_are_one_article() -> None:
    texts = [f"Paragraph {n} of the long read, in which the reporter follows the river from its source to the sea."
             for n in range(1, 7)]
    boxes = "".join(f'<div class="builder-text"><div class="inner"><p>{t}</p></div></div>'
                    f'<div class="builder-spacer"></div>' for t in texts)
    html = f"""<html><body><div class="page"><div class="builder-section">{boxes}</div>
      <div class="builder-section"><div class="newsletter-box"><p>Sign up to the newsletter, it is free and
      arrives every Friday morning with the best of the week.</p></div></div></div></body></html>"""
    assert body_of(html).split("\n\n") == texts


def test_paragraphs_hidden_by_css_classes_are_left_out() -> None:
    paragraph = "<p>The museum reopens on Friday after a two-year renovation, with three new galleries and a cafe.</p>"
    html = f"""<html><body><div class="article-body">{paragraph * 3}
      <div class="article-block sign-in-prompt hidden"><p>Create an account or sign in to continue with your
      reading, it takes less than a minute and it is free.</p></div>
      <p class="paywall">Paragraphs marked for subscribers are still part of the article text, of course.</p>
    </div></body></html>"""
    body = body_of(html)
    assert "Create an account" not in body
    assert body.endswith("still part of the article text, of course.")


def test_headline_is_dropped_even_with_other_dashes_and_quotes() -> None:
    html = """<html><body><article><h1>Storm closes the "coast road" - again</h1>
      <p>The coast road was closed on Sunday after waves threw rocks and sand across both lanes, police said.</p>
    </article></body></html>"""
    assert body_of(html, "Storm closes the “coast road” – again").startswith("The coast road was closed")


def test_source_line_breaks_do_not_split_a_paragraph_but_br_and_pre_lines_do() -> None:
    html = """<html><body><div class="article-body">
      <p>
        This article was originally published on
        <a href="https://news.example/x">the Courier</a>
        and is republished here with permission, as part of our partnership.
      </p>
      <p>First line of the address, with a comma<br>Second line of the address, with a comma</p>
      <pre>for line in lines:
    print(line)</pre>
    </div></body></html>"""
    assert body_of(html).split("\n\n") == [
        ("This article was originally published on the Courier and is republished here with permission, as part "
         "of our partnership."),
        "First line of the address, with a comma", "Second line of the address, with a comma",
        "for line in lines:", "print(line)"]


def test_a_short_box_with_a_content_class_does_not_beat_the_article_text() -> None:
    paragraphs = [f"Paragraph {n}: the parties on the ballot differ from state to state, and some of them stand "
                  f"only where they could collect enough signatures in time." for n in range(1, 6)]
    text = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = f"""<html><body><main id="main"><article><div class="pt-xl"><section>{text}</section></div>
      <div class="grid"><div class="content"><p>Support our newsroom with a monthly gift, it keeps us independent.</p>
      </div></div></article></main></body></html>"""
    assert body_of(html).split("\n\n")[:5] == paragraphs


def test_when_the_best_box_writes_nothing_the_runner_up_is_the_body() -> None:
    teasers = "".join(f'<div class="card-teaser"><h3><a href="/p/{n}">Project {n}</a></h3><p>How households, '
                      f'towns and firms can share the costs of the energy transition fairly, and who decides, in '
                      f'study number {n}.</p></div>' for n in range(12))
    intro = ("The decarbonisation of the energy supply is one of the great tasks of our time, and it changes how "
             "we live, work and travel.")
    html = f"""<html><body><div class="column"><h3>Vision</h3><p>{intro}</p>
      <h3>Mission</h3><p>We study, with partners from politics and society, which paths are fair and workable.</p>
      </div><div class="attachment"><h2>Dossiers</h2><div class="list">{teasers}</div></div></body></html>"""
    body = body_of(html)
    assert intro in body
    assert "Vision" in body and "Project 3" not in body and "study number" not in body


def test_comments_found_by_the_comments_module_are_left_out() -> None:
    paragraph = "<p>The council has approved the plan, after a long debate, by a clear majority of its members.</p>"
    reply = ('<div class="note" itemprop="comment" itemscope itemtype="https://schema.org/Comment">'
             '<span itemprop="author">Ann</span><p itemprop="text">I completely disagree with this, and I think the '
             'council has made a mistake, as anyone who lives here can tell you.</p></div>')
    html = f"""<html><body><div class="story"><div class="post">{paragraph * 2}
      <div class="notes">{reply * 3}</div></div></div></body></html>"""
    text = "The council has approved the plan, after a long debate, by a clear majority of its members."
    assert body_of(html).split("\n\n") == [text, text]


def test_related_stories_with_long_excerpts_inside_the_article_are_left_out() -> None:
    paragraphs = [f"Paragraph {n} of the column, in which the author explains, at some length and with examples, "
                  f"why the linter rules of the project were changed." for n in range(1, 4)]
    teasers = "".join(f'<li><a href="/posts/{n}">Older post {n}</a><p>In this older post, the author looks back at '
                      f'the first years of maintaining the service, and at what went wrong, part {n}.</p></li>'
                      for n in range(1, 5))
    html = f"""<html><body><div class="entry">{"".join(f"<p>{p}</p>" for p in paragraphs)}
      <div class="related"><h3>Related posts</h3><ul class="related-posts">{teasers}</ul></div>
    </div></body></html>"""
    assert body_of(html).split("\n\n") == paragraphs


@pytest.mark.parametrize("prefix", ["Dowiedz się więcej:", "Le puede interesar:", "Zum Weiterlesen:",
                                    # the in-text pointer phrases of the related-links rules count too
                                    "İlgili Haber:", "AYRICA OKUYUN:", "関連記事：", "Διαβάστε επίσης:"])
def test_see_also_lines_in_more_languages_are_left_out(prefix: str) -> None:
    paragraph = "<p>The museum reopens on Friday after a two-year renovation, with three new galleries and a cafe.</p>"
    html = f"""<html><body><div class="article-body">{paragraph * 2}
      <p><strong>{prefix}</strong> <a href="/other">Another story about a museum somewhere else</a></p>{paragraph}
    </div></body></html>"""
    assert body_of(html).split("\n\n") == [
        "The museum reopens on Friday after a two-year renovation, with three new galleries and a cafe."] * 3


def test_chunks_of_an_article_in_layout_grid_boxes_are_merged() -> None:
    def block(first: int, count: int) -> str:
        paragraphs = "".join(f"<p>Paragraph {n} of the magazine story, about why people are kinder than we think, "
                             f"and what the research says about it.</p>" for n in range(first, first + count))
        return f'<section class="textblock container"><div class="row"><div class="col-sm-10">{paragraphs}</div></div></section>'
    quote = '<section class="quote container"><div class="row"><div class="col-sm-10"><blockquote>Short quote.</blockquote></div></div></section>'
    html = f"""<html><body><main>{block(1, 10)}{quote}{block(11, 3)}{block(14, 3)}</main>
      <div class="small-12 large-4 columns"><p>About us: the association has campaigned for equal rights since 1990,
      with members all over the country.</p><p>Press contact: call the press office on weekdays between nine and five.</p>
      </div></body></html>"""
    body = body_of(html)
    assert body.startswith("Paragraph 1 of") and "Paragraph 16 of" in body
    assert "About us" not in body and "Press contact" not in body


def test_story_cards_and_image_legends_inside_the_article_are_left_out() -> None:
    paragraph = "<p>The museum reopens on Friday after a two-year renovation, with three new galleries and a cafe.</p>"
    cards = "".join(f'<a href="/s/{n}"><h2>Another museum story, number {n}, with a long headline</h2></a>'
                    for n in range(2))
    html = f"""<html><body><div class="article-body">{paragraph * 2}
      <div class="image"><img src="/a.jpg"><div class="legend">The new gallery on the first floor, photographed on
      the day before the reopening, with its restored ceiling.</div></div>
      {cards}{paragraph}</div></body></html>"""
    assert body_of(html).split("\n\n") == [
        "The museum reopens on Friday after a two-year renovation, with three new galleries and a cafe."] * 3


def test_a_leader_box_further_up_the_page_opens_the_body_with_its_subheading() -> None:
    paragraph = "<p>The museum reopens on Friday after a two-year renovation, with three new galleries and a cafe.</p>"
    html = f"""<html><body><div class="page"><header><div class="leader"><span>REOPENING</span>
      <h2>The city's museum is ready again, two years later and a little over budget.</h2></div></header>
      <div class="wrap"><div class="inner"><div class="main"><div class="col"><div class="box"><div class="text">
      {paragraph * 3}</div></div></div></div></div></div></div></body></html>"""
    paragraphs = body_of(html).split("\n\n")
    assert paragraphs[:2] == ["REOPENING", "The city's museum is ready again, two years later and a little over budget."]
    assert len(paragraphs) == 5


def test_slides_that_together_are_the_text_are_kept() -> None:
    slides = [f"Slide {n}: the new phone is smaller than most, and its camera, battery and price are compared here "
              f"with the models that came before it." for n in range(1, 6)]
    boxes = "".join(f'<section class="gallery-slide"><h2>Part {n}</h2><p>{text}</p></section>'
                    for n, text in enumerate(slides, 1))
    html = f"""<html><body><main class="page"><div class="intro"><p>Our verdict, slide by slide.</p></div>
      <div class="slideshow-package">{boxes}</div><div class="credit"><p>Agencies</p></div></main></body></html>"""
    body = body_of(html)
    assert all(text in body for text in slides)


def test_the_same_placeholder_box_repeated_is_not_text() -> None:
    paragraph = "<p>The museum reopens on Friday after a two-year renovation, with three new galleries and a cafe.</p>"
    placeholder = ('<div class="social-placeholder"><p>Your privacy settings prevent this external content, a chart '
                   'or a video, from loading here.</p></div>')
    html = f"""<html><body><div class="article-body">{paragraph}{placeholder}{paragraph}{placeholder}{paragraph}
      {placeholder}</div></body></html>"""
    assert "privacy settings" not in body_of(html)


def test_a_closing_contact_block_is_left_out() -> None:
    paragraph = "<p>The institute and its partners simulated the whole planet at a resolution of one kilometre, a first.</p>"
    html = f"""<html><body><div class="news-text">{paragraph * 3}
      <p><strong>Weitere Informationen:</strong></p><p><strong>Kontakt:</strong></p>
      <p>Dr. Ana Ruiz</p><p>Press office, Example Institute</p><p>E-Mail: press@institute.example</p>
    </div></body></html>"""
    assert body_of(html).split("\n\n") == [
        "The institute and its partners simulated the whole planet at a resolution of one kilometre, a first."] * 3


def test_a_contact_label_before_more_text_is_kept() -> None:
    paragraph = "<p>The institute and its partners simulated the whole planet at a resolution of one kilometre, a first.</p>"
    html = f"""<html><body><div class="news-text">{paragraph * 2}<p>Contact:</p>
      <p>The first contact between the two teams came in 2019, when both were working on the same model of clouds.</p>
    </div></body></html>"""
    assert "Contact:" in body_of(html)


def test_class_hints_are_read_name_by_name_whatever_their_case() -> None:
    paragraph = "The harbour ferry carried its first passengers of the season on Monday morning, crew said."
    html = f"""<html><body>
      <div class="Layout Main-Col"><div class="ARTICLE-BODY js-Story">
        <p>{paragraph}</p><p>{paragraph} Again.</p><p>{paragraph} Once more.</p>
        <div class="Social-SHARE tools"><p>Share this article with your friends and family today, please.</p></div>
      </div></div>
      <div class="Sidebar"><p>Most read stories of the week appear here for everyone to see and click.</p></div>
    </body></html>"""
    body = body_of(html)
    assert body.startswith(paragraph)
    assert "Share this article" not in body  # a negative hint in capitals still drops the share box
    assert "Most read" not in body


def test_a_hint_name_counts_only_at_its_name_boundaries() -> None:
    from newscrawler.extract.body import _hint_of

    rules = _rules()
    assert _hint_of("main-nav", rules).negative  # 'nav' after '-'
    assert not _hint_of("canvas navy", rules).negative  # 'nav' inside other words
    assert _hint_of("story-body tags", rules).weight == 10.0  # strong positive (35) and negative (-25)
    assert _hint_of("COMMENT-list", rules).unlikely


_MUSEUM = "The museum reopens on Friday after a two-year renovation, with three new galleries and a cafe."


def test_date_and_meta_boxes_inside_the_article_are_left_out() -> None:
    html = f"""<html><body><div class="article-body"><div id="meta">Friday | 14 June 2019 | 15:49 BY Ann Lee
      IN Culture | 0 COMMENTS</div><h1><span class="post-date">27.01.2022</span>Museum reopens</h1>
      <p>{_MUSEUM}</p><p>{_MUSEUM}</p><p>{_MUSEUM}</p></div></body></html>"""
    assert body_of(html, "Museum reopens").split("\n\n") == [_MUSEUM] * 3


def test_a_recipe_meta_line_is_kept() -> None:
    html = f"""<html><body><div class="article-body"><p>{_MUSEUM}</p><p>{_MUSEUM}</p>
      <small class="recipe-meta"><span>Baking time about 1 hour 20 minutes</span></small><p>{_MUSEUM}</p>
      </div></body></html>"""
    assert "Baking time about 1 hour 20 minutes" in body_of(html)


def test_the_next_story_below_the_article_is_left_out() -> None:
    html = f"""<html><body><div id="container"><div class="post"><p>{_MUSEUM}</p><p>{_MUSEUM}</p></div>
      <div id="next-post-thumbnails"><div class="nextstory"><h2><a href="/next">A choir sings with two rock
      stars</a></h2><p>The good folks of the choir are still doing their thing, and now with two famous guests on
      stage, who played along on a festival night.</p></div></div></div></body></html>"""
    assert body_of(html).split("\n\n") == [_MUSEUM] * 2


def test_a_custom_element_named_as_a_teaser_is_left_out() -> None:
    html = f"""<html><body><article class="container"><div class="body-text"><p>{_MUSEUM}</p><p>{_MUSEUM}</p>
      <pp-inline-teaser><div><p class="text">Read the answers to your questions about the museum and its new
      opening hours, in our FAQ.</p></div></pp-inline-teaser>{f"<p>{_MUSEUM}</p>" * 3}</div></article></body></html>"""
    assert body_of(html).split("\n\n") == [_MUSEUM] * 5


def test_an_address_block_is_left_out() -> None:
    html = f"""<html><body><div class="entry"><p>{_MUSEUM}</p><p>{_MUSEUM}</p>
      <address>museum.html - Created 03-10-2004 2:20pm - Last Modified: 03-10-2004 2:20pm</address>
      </div></body></html>"""
    assert body_of(html).split("\n\n") == [_MUSEUM] * 2


def test_image_boxes_factboxes_and_callouts_inside_the_article_are_left_out() -> None:
    html = f"""<html><body><div class="article-body"><p>{_MUSEUM}</p>
      <div class="visual inline"><img src="/a.jpg"><div class="description">Enlarge The new gallery on the first
      floor, with its restored ceiling.</div></div><p>{_MUSEUM}</p>
      <div class="header-image"><img src="/b.jpg"><p>The old entrance hall of the museum, seen from the street.</p></div>
      <div class="mol-factbox"><p>Museums in numbers: the city has eleven of them, and four reopened this year.</p></div>
      <div class="callout"><div role="heading">Keep reading</div><p>More stories about museums and galleries.</p></div>
      <p>{_MUSEUM}</p></div></body></html>"""
    assert body_of(html).split("\n\n") == [_MUSEUM] * 3


def test_a_contact_heading_without_a_colon_starts_the_closing_contact_block() -> None:
    html = f"""<html><body><div class="news-text">{f"<p>{_MUSEUM}</p>" * 3}
      <p class="flap">Kontakt</p><p>Ann Lee | Example Museum | Communications</p><p>tel +49 611 0000 000</p>
      </div></body></html>"""
    assert body_of(html).split("\n\n") == [_MUSEUM] * 3


def test_a_longer_photo_credit_is_left_out() -> None:
    credit = "Image illustrative : Lots of Lego Minifigures by Ninja Brick, en licence Creative Commons by"
    html = f"""<html><body><div class="entry">{f"<p>{_MUSEUM}</p>" * 2}<p>{credit}</p></div></body></html>"""
    assert body_of(html).split("\n\n") == [_MUSEUM] * 2


def test_the_next_story_of_a_scrolling_page_is_no_chunk_of_the_article() -> None:
    def story(n: int, count: int) -> str:
        text = "".join(f"<p>Story {n}, paragraph {i}: the council met again on Tuesday and argued, for hours, "
                       f"about the budget of the new library.</p>" for i in range(count))
        return f'<article class="story"><h1>Story {n}</h1>{text}</article>'
    html = f"""<html><body><section class="column"><div class="scroll">{story(0, 3)}</div>
      <div class="scroll">{story(1, 4)}</div></section></body></html>"""
    body = body_of(html)
    assert "Story 1, paragraph 0" in body and "Story 0, paragraph 0" not in body


def test_hint_names_classify_like_the_regular_expressions_of_the_rules() -> None:
    import json
    import re
    from importlib import resources

    from newscrawler.extract.body import _LEAD, _NEGATIVE, _POSITIVE, _STRONG, _UNLIKELY

    data = json.loads(resources.files("newscrawler.extract").joinpath("rules/content.json").read_text("utf-8"))
    kinds = ((_UNLIKELY, "unlikely"), (_NEGATIVE, "negative"), (_POSITIVE, "positive"), (_STRONG, "strong_positive"),
             (_LEAD, "lead"))
    patterns = [(bit, re.compile("|".join(f"(?:{p.lower()})" for p in data[kind]))) for bit, kind in kinds]
    names = ["main-nav", "navy", "canvas", "nav", "post-tags", "tag", "hashtags", "ad", "ads-box", "head", "print-me",
             "blueprint", "meta", "meta-info", "metadata", "post-meta", "lead", "leader", "leaders", "mislead",
             "intro-text", "introduction", "x_intro", "date\n", "date\n\n", "update", "post-date", "richtext",
             "rich-text", "article-body", "articlebody", "next-post", "previous-story", "prevarticle",
             "comment-list", "respond", "replies-x", "td-post-content", "entry-content", "visual", "visually-hidden",
             "image", "imageholder", "legend", "pager", "dek", "deck", "teaser-text", "sidebar", ""]
    rules = _rules()
    for name in names:
        expected = sum(bit for bit, pattern in patterns if pattern.search(name))
        assert rules.hints.bits(name) == expected, name


_TEXT_PIECES = st.lists(st.sampled_from(
    ["word", " ", "  ", "\n", "\t", "\xa0", "\u2003", "&amp;", "&amp", "&#233;", "&nbsp;", "\u200b", "e\u0301",
     "\u0301", "\u00ad", "Ä", ",", "\x00", "&", "#", ";"]), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT_PIECES)
def test_a_written_line_is_cleaned_as_a_whole_like_line_by_line(text: str) -> None:
    """The writer cleans a flushed line (entities, zero-width characters, NFC) once, then splits it at the
    line breaks (\\x00): the same lines as cleaning each line on its own."""
    from newscrawler.extract.body import _BREAK, _Writer
    from newscrawler.extract.text import normalize_space

    writer = _Writer.__new__(_Writer)
    writer.paragraphs, writer._line = [], [text]
    writer._flush()
    expected = [line for line in (normalize_space(part) for part in text.split(_BREAK)) if line]
    assert writer.paragraphs == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "bc,", " ", "   ", "\n\t", "\xa0", " " * 40]), max_size=400).map("".join),
       st.sampled_from([25, 80, 300]))
@example("abcdefghij klmnopqrst u" + " " * 100 + "tail words", 25)  # a start just short of 25, then more text
def test_collapsed_length_is_exact_below_what_is_needed(text: str, needed: int) -> None:
    """A paragraph's collapsed length may be read from its start once that reaches ``needed``: below it,
    it is exact, and it is never more than the whole length."""
    from newscrawler.extract.body import _collapsed_length

    whole = len(" ".join(text.split()))
    found = _collapsed_length(text, needed)
    assert found <= whole
    assert found == whole or found >= needed
    assert _collapsed_length(text) == whole


def test_a_numbered_figure_caption_in_the_text_is_dropped() -> None:
    paragraph = ("<p>Eine Schwachschicht entsteht, wenn sich die Schneedecke bei klarem Himmel stark abkühlt, "
                 "und sie bleibt oft wochenlang erhalten.</p>")
    html = f"""<html><body><div class="article-content">{paragraph}
      <p><img src="/schicht.jpg" alt=""><br><em>Abbildung 4: Eine typische Schwachschicht. Die Körner sind
      deutlich größer als in den Schichten darüber.</em></p>{paragraph}
      <p>Abbildung 4 zeigt, dass die Schicht tiefer liegt als erwartet, und das hat Folgen für die Tour.</p>
      </div></body></html>"""
    paragraphs = body_of(html, "Schwachschichten erkennen").split("\n\n")
    assert not any(p.startswith("Abbildung 4:") for p in paragraphs)
    assert len(paragraphs) == 3
    assert paragraphs[2].startswith("Abbildung 4 zeigt")


def test_a_breadcrumb_paragraph_beside_the_article_does_not_join_it() -> None:
    paragraph = ("<p>The state conference on digital schools met in Potsdam on Saturday, with more than two hundred "
                 "teachers, parents and pupils taking part.</p>")
    html = f"""<html><body><div id="content">
      <p class="breadcrumb-navigation">You are here: <a href="/">Home</a> &gt; <a href="/states">From the states</a>
      &gt; Annual conference of the working group on digital education in Brandenburg</p>
      <div class="entry-content">{paragraph * 3}</div>
      <p>Text that continues after the article box is joined to it, as this closing paragraph shows.</p>
      </div></body></html>"""
    body = body_of(html, "Conference on digital schools")
    assert "You are here" not in body
    assert body.endswith("as this closing paragraph shows.")
    assert body.count("state conference") == 3


def test_an_article_intro_box_before_the_text_opens_the_body() -> None:
    paragraph = ("<p>Crude oil formed from plankton that sank to the sea floor and was buried under layers of mud, "
                 "heat and pressure.</p>")
    html = f"""<html><body><div class="module">
      <div class="ce_articleIntro"><h1>How does crude oil form?</h1>
      <p>Oil takes millions of years to form, and we burn it in a few decades.</p></div>
      <div class="ce_text">{paragraph * 3}</div></div></body></html>"""
    paragraphs = body_of(html, "How does crude oil form?").split("\n\n")
    assert paragraphs[0] == "Oil takes millions of years to form, and we burn it in a few decades."
    assert len(paragraphs) == 4


def test_the_box_marked_as_the_text_is_taken_when_the_best_box_sits_inside_it() -> None:
    own = ("<p>Our village festival, which started in 1990, drew a record crowd this year, with music, food "
           "and a parade on Sunday.</p>")
    quoted = ("<p>The report, published by the county in May, found that small festivals bring visitors, "
              "jobs, income and pride to rural areas, and that they need little public money.</p>")
    html = f"""<html><body><div class="post"><h2>Festival report</h2>
      <div class="entry-content">{own * 6}<div><div>{quoted * 20}</div></div>{own * 4}</div>
      </div><div class="sidebar"><p>About this blog: notes from a small village, written since 2009.</p></div>
      </body></html>"""
    paragraphs = body_of(html, "Festival report").split("\n\n")
    assert len(paragraphs) == 30
    assert paragraphs[0].startswith("Our village festival") and paragraphs[-1].startswith("Our village festival")


def test_a_second_text_chunk_with_one_paragraph_joins_the_article() -> None:
    first = ("<p>Heat pump sales rose by a third last year, despite shortages of parts, the industry "
             "association said on Tuesday in Berlin.</p>")
    second = ("<p>Despite the supply problems, manufacturers expect sales to grow again this year, as more "
              "households replace their old gas boilers.</p>")
    html = f"""<html><body><div class="content">
      <section class="ce ce-text"><div class="ce-main"><div class="rte">{first * 4}</div></div></section>
      <section class="ce ce-text"><div class="ce-main"><div class="rte"><h2>Outlook</h2>{second}</div></div></section>
      </div><div class="more"><section class="teaser"><h3><a href="/x">Gas prices fall again</a></h3>
      <p>Wholesale gas prices fell for the third month in a row, traders in Leipzig said on Monday.</p></section>
      </div></body></html>"""
    paragraphs = body_of(html, "Heat pump sales rise").split("\n\n")
    assert paragraphs[-2:] == ["Outlook", second[3:-4]]
    assert len(paragraphs) == 6


def test_a_post_that_is_a_list_of_links_keeps_its_links() -> None:
    items = "".join(
        f'<li><p class="link"><a href="https://example.org/{n}">{title}</a></p><p class="description">via {site}</p></li>'
        for n, (title, site) in enumerate([
            ("Press subsidies: study doubts the benefit of state support", "netzpolitik.org"),
            ("Why local newspapers are closing faster than ever before", "t3n News"),
            ("A new model for funding independent regional journalism", "Medienwoche"),
            ("Readers pay for news when they trust the people who write it", "Der Standard")]))
    html = f"""<html><body><main><article><h1>Links of the week</h1>
      <div class="entry-content"><p>My reading list for this week:</p><ul class="linkroll">{items}</ul></div>
      </article></main><aside><ul><li><a href="/a">Archive</a></li><li><a href="/b">About</a></li></ul></aside>
      </body></html>"""
    body = body_of(html, "Links of the week")
    assert "Press subsidies: study doubts the benefit of state support" in body
    assert "via t3n News" in body
    assert "Archive" not in body


def test_a_link_list_beside_a_real_text_is_still_left_out() -> None:
    paragraph = ("<p>The ferry between the two islands will run every hour again from Monday, after a winter "
                 "refit that took longer than planned.</p>")
    links = "".join(f'<li><a href="/story/{n}">Another story about ferries, number {n}</a></li>' for n in range(6))
    html = f"""<html><body><div class="entry-content">{paragraph}<ul>{links}</ul></div></body></html>"""
    assert body_of(html, "Ferry returns") == paragraph[3:-4]


@pytest.mark.parametrize("label", ["Ansprechpartner Presse bei Example Wind SE", "Pressekontakt bei der Stadtwerke AG",
                                   "Kontakt für die Medien", "Media contacts at Example Wind"])
def test_a_closing_press_contact_block_with_a_longer_label_is_left_out(label: str) -> None:
    paragraph = "<p>The company installed 120 wind turbines in the first quarter, more than in the whole of last year.</p>"
    html = f"""<html><body><div class="news-text">{paragraph * 3}
      <p>{label}</p><p>Felix Example</p><p>E-Mail: press@wind.example</p><p>Telefon: +49 40 0000 1141</p>
    </div></body></html>"""
    assert body_of(html).split("\n\n") == [
        "The company installed 120 wind turbines in the first quarter, more than in the whole of last year."] * 3


def test_a_standfirst_hinted_as_teaser_text_inside_the_article_is_kept() -> None:
    paragraph = ("<p>The minister met conservation groups on Monday to discuss the new rules for wind farms "
                 "near protected forests.</p>")
    html = f"""<html><body><main><div class="article"><div class="container">
      <div class="teaser-text"><p>Conservationists welcome the talks but want firm limits on clearing.</p></div>
      {paragraph * 6}
      <div class="teaser related-story"><div class="teaser-text"><p>Last year the state cleared more forest for
      roads than in the ten years before, figures from the ministry show.</p></div></div>
      </div></div></main></body></html>"""
    paragraphs = body_of(html, "Minister meets conservationists").split("\n\n")
    assert paragraphs[0] == "Conservationists welcome the talks but want firm limits on clearing."
    assert len(paragraphs) == 7


def test_a_lead_word_after_the_text_does_not_keep_a_negative_box() -> None:
    """A "lead" class word keeps a box with a negative hint only before the article text (a standfirst classed
    ``teaser-text``); Wagtail's ``blog__tag-introduction`` ("Find more blog posts with similar tags") after the
    text is the tag list's label."""
    html = """<html><body><article><h1>Pool reopens</h1>
      <div class="block-paragraph_block"><p>Millbrook Leisure Centre's swimming pool will reopen on Monday 20 May, four
      months after water coming through the roof forced the council to drain it in January.</p>
      <p>Contractors have replaced about a third of the roof panels above the main pool and repaired the gutters.</p></div>
      <div class="block-heading_block"><h2>Swimming lessons</h2></div>
      <div class="block-paragraph_block"><p>Lessons for the two hundred or so children on the pool's books will restart
      the same week, and missed sessions are added to the summer term.</p></div>
      <div class="block-paragraph_block"><p>The repairs cost £240,000, most of which will be recovered from the council's
      insurers. The rest of the roof is due to be replaced in 2026.</p></div>
      <p class="blog__tag-introduction">Find more blog posts with similar tags</p>
      <div class="blog-tags"><a href="/blog/tags/pools/">Pools</a></div></article></body></html>"""
    body = body_of(html, "Pool reopens")
    assert body.startswith("Millbrook Leisure Centre") and "similar tags" not in body
    lead = html.replace('<div class="block-paragraph_block">',
                        '<p class="teaser-text">The pool closed in January after the roof leaked during storms.</p>'
                        '<div class="block-paragraph_block">')
    assert body_of(lead, "Pool reopens").startswith("The pool closed in January")
