"""Date parsing: machine formats, human text in many languages, plausibility, dates in markup."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newscrawler.extract.dates import (
    date_from_markup,
    date_from_url,
    date_in_text,
    date_start,
    first_date,
    parse_date,
)
from newscrawler.extract.document import Document

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("value, expected", [
    ("2024-05-03T15:47:42+00:00", "2024-05-03T15:47:42+00:00"),
    ("2024-05-03T15:47:42.389Z", "2024-05-03T15:47:42.389000+00:00"),
    ("2024-05-03T15:47:42+0200", "2024-05-03T15:47:42+02:00"),
    ("2024-05-03 15:47", "2024-05-03T15:47:00"),
    ("2024-05-03", "2024-05-03"),
    ("20240503", "2024-05-03"),
    ("1714751262", "2024-05-03T15:47:42+00:00"),
    ("1714751262000", "2024-05-03T15:47:42+00:00"),
    (1714751262, "2024-05-03T15:47:42+00:00"),
    ("Fri, 03 May 2024 15:47:42 +0000", "2024-05-03T15:47:42+00:00"),
    ("Fri, 03 May 2024 15:47:42 GMT", "2024-05-03T15:47:42+00:00"),
])
def test_machine_formats(value: object, expected: str) -> None:
    assert parse_date(value, NOW) == expected


@pytest.mark.parametrize("value, expected", [
    ("3. Mai 2024, 15:47 Uhr", "2024-05-03T15:47:00"),
    ("Stand: 03.05.2024 15.47 Uhr", "2024-05-03T15:47:00"),
    ("May 3, 2024 3:47 pm EDT", "2024-05-03T15:47:00-04:00"),
    ("Updated 3 May 2024 15:47 BST", "2024-05-03T15:47:00+01:00"),
    ("Publié le 3 mai 2024 à 15h47", "2024-05-03T15:47:00"),
    ("3 de mayo de 2024", "2024-05-03"),
    ("3 maggio 2024", "2024-05-03"),
    ("03 Mayıs 2024 16:48", "2024-05-03T16:48:00"),
    ("14 мая 2024, 20:28", "2024-05-14T20:28:00"),
    ("3 maja 2024", "2024-05-03"),
    ("2024年5月3日 15時47分", "2024-05-03T15:47:00"),
    ("2024년 5월 3일", "2024-05-03"),
    ("22/05/2024, 19:25 (GMT+7)", "2024-05-22T19:25:00+07:00"),
    ("05/23/2024 09:12 AM", "2024-05-23T09:12:00"),
    ("Thursday, October 31st, 2019", "2019-10-31"),
    ("٣ مايو ٢٠٢٤", "2024-05-03"),             # Arabic, with Arabic-Indic digits
    ("15 كانون الثاني 2024", "2024-01-15"),    # Levantine month name
    ("3 במאי 2024", "2024-05-03"),
    ("3. maí 2024", "2024-05-03"),
    ("Tarehe 3 Mei 2024", "2024-05-03"),
    ("3 Meyi 2024", "2024-05-03"),
    ("3. juuni 2024", "2024-06-03"),
    ("3 юни 2024", "2024-06-03"),
    ("3. јануар 2024.", "2024-01-03"),
    ("3. februarja 2024", "2024-02-03"),
    ("2024. május 3. 15:47", "2024-05-03T15:47:00"),  # Hungarian: year, month, day
    ("2024 m. gegužės 3 d.", "2024-05-03"),           # Lithuanian
])
def test_human_text(value: str, expected: str) -> None:
    assert parse_date(value, NOW) == expected


@pytest.mark.parametrize("value", ["", "hello", "12", "2024-13-45", "31.02.2024", None, {"a": 1}, True,
                                   "Posted 5 hours ago"])
def test_not_dates(value: object) -> None:
    assert parse_date(value, NOW) is None


def test_far_future_and_ancient_dates_are_rejected() -> None:
    assert parse_date("2024-06-02T10:00:00Z", NOW) == "2024-06-02T10:00:00+00:00"  # within the grace days
    assert parse_date("2024-07-01", NOW) is None
    assert parse_date("1970-01-01T00:00:00Z", NOW) is None


def test_first_date_skips_unusable_values() -> None:
    assert first_date([None, "", "soon", "2024-05-03"], NOW) == "2024-05-03"
    assert first_date([], NOW) is None


def test_date_in_text_finds_the_first_date() -> None:
    text = "Pressemitteilung vom 25. Januar 2022 | Berlin – Die künftige Ministerin besuchte am 27. Januar ..."
    assert date_in_text(text, NOW) == "2022-01-25"


@pytest.mark.parametrize(("text", "expected"), [
    ("Von: Jana Ott | 31.10.23 Sie suchen ein Haus?", "2023-10-31"),  # German two-digit year
    ("am 28.01.22, 14:30 Uhr", "2022-01-28T14:30:00"),
    ("sagt die Branche.29.11.2022 – Mehrfach hatte", "2022-11-29"),  # a dateline glued to the sentence before
    ("Version 1.10.23 behebt Fehler", None),  # one-digit parts: a version number, not a date
    ("Firmware 4.31.10.23", None),
    ("Punkte 3.2.10 und am 31.10.2023", "2023-10-31"),
])
def test_day_month_two_digit_year(text: str, expected: str | None) -> None:
    assert date_in_text(text, NOW) == expected


def test_date_from_markup_reads_time_hint_and_label_candidates() -> None:
    doc = Document.parse("""<html><body>
      <time datetime="not a date">soon</time>
      <span class="post-date" title="2019-10-31T08:12:00+01:00">Thursday</span>
      <p><strong>Datum</strong> 28.01.2022</p></body></html>""", "https://example.org/a")
    time, hinted = doc.body.find(".//time"), doc.body.find(".//span")
    label = doc.body.find(".//strong")
    assert date_from_markup([("time", time), ("hint", hinted)], NOW) == "2019-10-31T08:12:00+01:00"
    assert date_from_markup([("label", label)], NOW) == "2022-01-28"
    assert date_from_markup([("text", doc.body)], NOW) == "2022-01-28"
    assert date_from_markup([], NOW) is None


def test_labelled_date_in_running_text() -> None:
    from newscrawler.extract.dates import labelled_date_in_text

    text = "Letzte Änderung: 31.10.2023 - 14:49:39\nErschienen am: 01.11.2023\nLesungen: 61"
    assert labelled_date_in_text(text, NOW) == "2023-11-01"
    assert labelled_date_in_text("Lesungen: 61", NOW) is None


def test_labelled_date_after_the_longer_of_two_labels_that_begin_alike() -> None:
    from newscrawler.extract.dates import labelled_date_in_text

    # "veröffentlicht" and "veröffentlicht am" are looked for with one search: the date follows the longer one
    assert labelled_date_in_text("Beitrag Veröffentlicht am 3.5.2024 um 10:00", NOW) == "2024-05-03T10:00:00"
    assert labelled_date_in_text("Posted on: 2 May 2024", NOW) == "2024-05-02"


@pytest.mark.parametrize("text, expected", [
    ("Presse · Pressemitteilung vom 20.01.2022 · Drucken", "2022-01-20"),
    ("Bischofswort Nachricht vom 3. Mai 2024", "2024-05-03"),
    ("Kinder und Arbeit. Aktualisiert: 30.12.2016", "2016-12-30"),  # the last edit, when nothing else is shown
    ("Page last updated 2 May 2024", "2024-05-02"),
    ("Communiqué du 3 mai 2024", "2024-05-03"),
])
def test_a_release_or_an_edit_labels_a_date_in_running_text(text: str, expected: str) -> None:
    from newscrawler.extract.dates import labelled_date_in_text

    assert labelled_date_in_text(text, NOW) == expected


def test_a_page_whose_only_date_follows_a_release_label_gets_it() -> None:
    from newscrawler.extract.metadata import extract_metadata

    doc = Document.parse("""<html><head><title>Zusagen</title></head><body><h1>Erste Zusagen</h1>
      <div class="text"><p>Das Bundesinnenministerium hat die Aufnahme von über 80 Menschen zugesagt.</p></div>
      <div style="text-align:left">Pressemitteilung vom 20.01.2022</div></body></html>""", "https://verband.example/ct/6520")
    assert extract_metadata(doc)["datePublished"] == "2022-01-20"


def test_month_day_year_after_other_words() -> None:
    assert date_in_text("Updated March 5, 2020 at 10:00 by staff", NOW) == "2020-03-05T10:00:00"
    assert date_in_text("Informationsveranstaltung am Mai 5, 2020", NOW) == "2020-05-05"
    assert date_in_text("Herausgegebenmärz 5, 2020", NOW) is None  # "märz" inside a longer word: no month


def test_first_date_borrows_the_offset_of_the_same_local_time() -> None:
    assert first_date(["2024-05-03T10:15:00", "2024-05-03T10:15:00+02:00"], NOW) == "2024-05-03T10:15:00+02:00"
    assert first_date(["2024-05-03T10:15:00", "2024-05-03T08:15:00+00:00"], NOW) == "2024-05-03T10:15:00"


@pytest.mark.parametrize("url, expected", [
    ("https://blog.example/2014/05/18/spring-cleaning/", "2014-05-18"),
    ("https://news.example/world/2012-06/04/content_1.htm", "2012-06-04"),
    ("https://news.example/2024/5/3/short-form", "2024-05-03"),
    ("https://web.archive.org/web/20080731095558/http://blog.example/2008/07/29/viral/", "2008-07-29"),
    ("https://blog.example/2010/05/monthly-archive-post/", None),    # a month is no day
    ("https://news.example/2024/13/45/slug", None),                 # no such day
    ("https://news.example/2031/01/02/slug", None),                 # after NOW: implausible
    ("https://news.example/story/20240503", None),                  # digits without separators
    ("https://news.example/story?date=2024/05/03", None),           # the query is not the path
])
def test_date_from_url(url: str, expected: str | None) -> None:
    assert date_from_url(url, NOW) == expected


@pytest.mark.parametrize("text, expected", [
    ("Nyheter · Publicerad 3 maj 2024 kl 15.47 · Uppdaterad", "2024-05-03"),
    ("Julkaistu 3.5.2024 klo 15.47", "2024-05-03T15:47:00"),
    ("Diterbitkan 3 Mei 2024", "2024-05-03"),
    ("Δημοσιεύθηκε: 3 Μαΐου 2024", "2024-05-03"),
])
def test_publication_labels_in_more_languages(text: str, expected: str) -> None:
    from newscrawler.extract.dates import labelled_date_in_text

    assert labelled_date_in_text(text, NOW) == expected


@pytest.mark.parametrize("text, start", [
    ("Gemma Thorne 22 Aug 2023 Reply", 13),
    ("Petra Lindqvist March 14, 2024 at 8:03 pmPermalink", 16),  # not from "Lindqvist", taken along by the match
    ("Julia 14.09.2022 um 21.11", 6),
    ("Ann Lee", None),
])
def test_where_a_written_date_starts(text: str, start: int | None) -> None:
    assert date_start(text) == start


def test_a_date_wrapper_gives_the_machine_date_of_a_tooltip_inside() -> None:
    """Hugo PaperMod's post meta: ``<span title='2024-05-03 09:30:00 +0100 BST'>May 3, 2024</span>``; Blogger's
    classic ``<abbr class="published" title="...">``. The tooltip has the time the text leaves out."""
    doc = Document.parse("""<html><body><h1>Story</h1><div class="post-meta"><span title='2024-05-03 09:30:00 +0100 BST'>
      May 3, 2024</span>&nbsp;·&nbsp;<span title="Reading time">4 min</span></div></body></html>""", "https://x.example/")
    meta = doc.body.find(".//div[@class='post-meta']")
    assert date_from_markup([("hint", meta)], NOW) == "2024-05-03T09:30:00+01:00"


def test_a_year_first_date_with_hyphens_in_running_text() -> None:
    """Chinese CMSs write "时间:2024-05-14 09:30" or "2024-5-14 09:30" in an info line; a season "2023-2024" or a
    longer number is no date."""
    assert date_in_text("时间:2024-05-14 09:30 来源:江城日报", NOW) == "2024-05-14T09:30:00"
    assert date_in_text("发布于 2024-5-14 09:30", NOW) == "2024-05-14T09:30:00"
    assert date_in_text("Season 2023-2024 results", NOW) is None
    assert date_in_text("Ref 12024-05-14", NOW) is None
