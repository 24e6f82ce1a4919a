"""Dates: machine values (ISO 8601, epoch, RFC 2822) and human text in many languages → ISO 8601.

Output is an ISO 8601 string: ``2024-05-03T15:47:42+00:00`` when the source gives a time zone,
``2024-05-03T15:47:42`` for a naive local time, ``2024-05-03`` for a bare date. Month names, time-zone
abbreviations and plausibility bounds live in ``rules/dates.json``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from .text import any_of, normalize_space


@dataclass(frozen=True)
class DateRules:
    """The contents of ``rules/dates.json``, prepared for lookups."""

    months: dict[str, int]
    zones: dict[str, str]
    min_year: int
    max_future_days: int
    published_meta: tuple[str, ...]
    modified_meta: tuple[str, ...]
    generic_date_meta: tuple[str, ...]
    hint: re.Pattern[str]
    hint_words: tuple[str, ...]
    label_set: frozenset[str]
    long_labels: tuple[tuple[str, tuple[str, ...]], ...]  # labels of 6+ letters, looked for in running text,
    # grouped by their first four letters: (the group's common beginning, its labels)
    modified_classes: frozenset[str]  # class names of an element holding the last edit's time


@cache
def date_rules() -> DateRules:
    """Load ``rules/dates.json`` once."""
    data = json.loads(resources.files(__package__).joinpath("rules/dates.json").read_text("utf-8"))
    long_labels = _by_beginning([label for label in data["labels"] if len(label) >= 6])
    months: dict[str, int] = {}
    for names in data["months"].values():
        months.update({name.casefold(): number for name, number in names.items()})
    return DateRules(months=months, zones=data["zones"], min_year=data["min_year"],
                     max_future_days=data["max_future_days"],
                     published_meta=tuple(data["published_meta"]), modified_meta=tuple(data["modified_meta"]),
                     generic_date_meta=tuple(data["generic_date_meta"]),
                     hint=any_of(data["date_hints"]), hint_words=tuple(data["date_hints"]),
                     label_set=frozenset(data["labels"]),
                     long_labels=long_labels, modified_classes=frozenset(data["modified_classes"]))


def _by_beginning(labels: list[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``labels`` grouped by their first four letters, each group with the beginning all its labels
    share (``publ``: published, publié, publicado, ...): one search per group finds them all."""
    groups: dict[str, list[str]] = {}
    for label in labels:
        groups.setdefault(label[:4], []).append(label)
    return tuple((os.path.commonprefix(group), tuple(group)) for group in groups.values())


_ISO = re.compile(
    r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:(?:T|\s+|\s*,\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?"
    r"\s*(Z(?![a-z])|[+-]\d{2}(?::?\d{2})?(?!\d)|(?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?", re.IGNORECASE)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z|[+-]\d{2}:?\d{2})?$")
_RFC2822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")
_EPOCH = re.compile(r"^\d{9,10}(?:\.\d+)?$|^\d{12,13}$")
_YEAR = re.compile(r"\d{4}")
_CJK = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?")
_NUMERIC_DMY = re.compile(r"(?<![\d:/-])(?<!\d\.)(\d{1,2})\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{4})(?![\d])")
#: Day.month.two-digit year, German style ("31.10.23"): two digits each, dots only, read as 20xx.
_SHORT_DMY = re.compile(r"(?<![\d:/-])(?<!\d\.)(\d{2})\.(\d{2})\.(\d{2})(?![\d.]\d|\d)")
_NUMERIC_YMD = re.compile(r"(?<![\d.-])(?<!\d:)(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?![\d])")  # (2024-5-14 too)
_WORD = r"([^\W\d_]{3,}(?:\s[^\W\d_]{3,})?)"
_DAY_MONTH_YEAR = re.compile(r"(?<!\d)(\d{1,2})(?:\.|er|º|°)?\s*(?:de\s+)?" + _WORD
                             + r"\.?,?\s*(?:de\s+|del\s+)?(\d{4})(?!\d)")
# Tried only where a word begins: a match inside a word is found from the word's start too (its first
# word is just longer), and trying every letter made this the slowest search over running text.
_MONTH_DAY_YEAR = re.compile(r"(?<![^\W\d_])" + _WORD + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?\.?,?\s+(\d{4})(?!\d)")
# Hungarian and Lithuanian order: "2024. május 3.", "2024 m. gegužės 3 d."
_YEAR_MONTH_DAY = re.compile(r"(?<!\d)(\d{4})\.?\s+(?:m\.\s+)?" + _WORD + r"\s+(\d{1,2})(?!\d)")
_TIME = re.compile(
    r"(?<![\d.:])(\d{1,2})(?:[:時时시]\s?(\d{2})(?::(\d{2}))?[分분]?|[.h](\d{2})(?=\s*(?:uhr|h\b)|\s*$))"
    r"(?!\d)\s*([ap]\.?\s?m\.?(?![a-z]))?"
    r"(?:\s*(?:uhr|h)(?![a-z]))?\s*(\(?(?:(?:UTC|GMT)\s*[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|[A-Z]{2,5})\)?)?",
    re.IGNORECASE)


def parse_date(value: Any, now: datetime | None = None) -> str | None:
    """An ISO 8601 string for a date value or a short text containing a date; None if none is plausible.

    Accepts ISO 8601 (with or without offset), Unix epoch seconds or milliseconds, RFC 2822, and
    human text such as ``3. Mai 2024, 15:47 Uhr``, ``May 3, 2024 3:47 pm EDT`` or ``2024年5月3日``.
    Dates before ``min_year`` or more than ``max_future_days`` after ``now`` are rejected.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(int(value))
    if not isinstance(value, str):
        return None
    text = normalize_space(value)
    if not text or len(text) > 300:
        return None
    for parser in (_parse_machine, _parse_human):
        parsed = parser(text)
        if parsed is not None:
            moment, has_time = parsed
            return _format(moment, has_time) if _plausible(moment, now) else None
    return None


def first_date(values: Iterable[Any], now: datetime | None = None) -> str | None:
    """The first value of ``values`` that :func:`parse_date` accepts. A naive date-time gains the
    offset of a later value that gives the same local time with one (JSON-LD ``10:15`` and
    ``article:published_time`` ``10:15+02:00``)."""
    parsed = (found for found in (parse_date(value, now) for value in values) if found)
    first = next(parsed, None)
    if first is None or len(first) <= 10 or _has_offset(first):
        return first
    for other in parsed:
        if _has_offset(other) and other.startswith(first[:16]):
            return other
    return first


def date_from_url(url: str, now: datetime | None = None) -> str | None:
    """The day a URL's path gives (``/2024/05/03/slug``, ``/news/2024-05/03/``) as ``YYYY-MM-DD``, if
    plausible: the permalink date of blogs and news sites, for pages that show none."""
    match = _URL_DAY.search(urlsplit(url).path)
    if match is None:
        return None
    try:
        moment = datetime(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return _format(moment, False) if _plausible(moment, now) else None


_URL_DAY = re.compile(r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?=[/._-]|$)")


def _has_offset(value: str) -> bool:
    return len(value) > 10 and (value.endswith("Z") or value[-6] in "+-")


def _format(moment: datetime, has_time: bool) -> str:
    if not has_time:
        return moment.date().isoformat()
    return moment.isoformat()


def _plausible(moment: datetime, now: datetime | None) -> bool:
    rules = date_rules()
    if moment.year < rules.min_year:
        return False
    now = now or datetime.now(UTC)
    limit = now + timedelta(days=rules.max_future_days)
    if moment.tzinfo is None:
        return moment <= limit.replace(tzinfo=None)
    return moment <= limit


# --- machine formats -------------------------------------------------------------------------------

def _parse_machine(text: str) -> tuple[datetime, bool] | None:
    if _EPOCH.match(text):
        return _from_epoch(text)
    compact = _COMPACT.match(text)
    if compact:
        return _build(compact.group(1), compact.group(2), compact.group(3), compact.group(4), compact.group(5),
                      compact.group(6), None, compact.group(7))
    iso = _ISO.search(text)
    if iso:
        return _build(*iso.groups())
    if _RFC2822.match(text):
        return _from_rfc2822(text)
    return None


def _from_epoch(text: str) -> tuple[datetime, bool] | None:
    seconds = float(text)
    if len(text.split(".")[0]) >= 12:
        seconds /= 1000
    try:
        return datetime.fromtimestamp(seconds, UTC), True
    except (OverflowError, OSError, ValueError):
        return None


def _from_rfc2822(text: str) -> tuple[datetime, bool] | None:
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    return moment, True


def _build(year: str, month: str, day: str, hour: str | None, minute: str | None, second: str | None,
           fraction: str | None, zone: str | None) -> tuple[datetime, bool] | None:
    """A datetime from regex groups; None if the fields are out of range."""
    try:
        tz = _zone(zone) if hour is not None else None
        micro = int((fraction or "0")[:6].ljust(6, "0"))
        moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0),
                          micro, tzinfo=tz)
    except ValueError:
        return None
    return moment, hour is not None


def _zone(zone: str | None) -> timezone | None:
    """A fixed offset for ``Z``, ``+02:00``, ``+0200``, ``+02``, ``UTC``, ``GMT+2`` or a known abbreviation."""
    if not zone:
        return None
    zone = zone.strip("() ").upper()
    if zone in ("Z", "UTC", "GMT"):
        return UTC
    known = date_rules().zones.get(zone)
    if known:
        zone = known
    zone = re.sub(r"^(?:UTC|GMT)\s*", "", zone)
    match = re.fullmatch(r"([+-])(\d{1,2}):?(\d{2})?", zone)
    if not match:
        return None
    sign = -1 if match.group(1) == "-" else 1
    delta = timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0))
    if delta > timedelta(hours=14):
        raise ValueError("offset out of range")
    return timezone(sign * delta)


# --- human text ------------------------------------------------------------------------------------

def _parse_human(text: str) -> tuple[datetime, bool] | None:
    found = _find_day(text)
    if found is None:
        return None
    day, end = found
    clock = _TIME.search(text, end) or _TIME.search(text[:end])
    if clock is None:
        return datetime(day.year, day.month, day.day), False
    return _with_time(day, clock)


def _find_day(text: str) -> tuple[date, int] | None:
    """The first calendar date written in ``text`` and the index just after it."""
    return _first(_days(text))


def date_start(text: str) -> int | None:
    """Where the first calendar date written in ``text`` begins ("Ann Lee 22 Aug 2023 Reply" → 8), or None:
    its first word that is a number or a month's name (a match may take a word before the month along)."""
    candidates = _days(text)
    if not candidates:
        return None
    start, _, end = min(candidates, key=lambda c: c[0])
    months = date_rules().months
    for word in re.finditer(r"\S+", text[start:end]):
        if any(ch.isdigit() for ch in word.group()) or _month(word.group(), months):
            return start + word.start()
    return start


def _days(text: str) -> list[tuple[int, date, int]]:
    """Every calendar date written in ``text``: (start, day, index just after it)."""
    candidates: list[tuple[int, date, int]] = []
    for match in _SHORT_DMY.finditer(text):
        _add(candidates, match, "20" + match.group(3), match.group(2), match.group(1))
    if not _YEAR.search(text):  # every written date below has a four-digit year
        return candidates
    months = date_rules().months
    for match in _CJK.finditer(text):
        _add(candidates, match, match.group(1), match.group(2), match.group(3))
    for match in _NUMERIC_YMD.finditer(text):
        _add(candidates, match, match.group(1), match.group(3), match.group(4))
    for match in _NUMERIC_DMY.finditer(text):
        first, second = int(match.group(1)), int(match.group(3))
        if first <= 12 < second:  # month first, as in US dates
            first, second = second, first
        _add(candidates, match, match.group(4), str(second), str(first))
    for match in _DAY_MONTH_YEAR.finditer(text):
        month = _month(match.group(2), months)
        if month:
            _add(candidates, match, match.group(3), str(month), match.group(1))
    for match in _MONTH_DAY_YEAR.finditer(text):
        month = _month(match.group(1), months)
        if month:
            _add(candidates, match, match.group(3), str(month), match.group(2))
    for match in _YEAR_MONTH_DAY.finditer(text):
        month = _month(match.group(2), months)
        if month:
            _add(candidates, match, match.group(1), str(month), match.group(3))
    return candidates


def _first(candidates: list[tuple[int, date, int]]) -> tuple[date, int] | None:
    """The day found first in the text, and the index just after it."""
    if not candidates:
        return None
    _, day, end = min(candidates, key=lambda c: c[0])
    return day, end


def _month(word: str, months: dict[str, int]) -> int | None:
    word = word.casefold().rstrip(".")
    return months.get(word) or months.get(word.split()[-1]) or months.get(word.split()[0])


def _add(candidates: list[tuple[int, date, int]], match: re.Match[str], year: str, month: str, day: str) -> None:
    try:
        candidates.append((match.start(), date(int(year), int(month), int(day)), match.end()))
    except ValueError:
        pass


def _with_time(day: date, clock: re.Match[str]) -> tuple[datetime, bool] | None:
    hour = int(clock.group(1))
    minute = int(clock.group(2) or clock.group(4) or 0)
    second = int(clock.group(3) or 0)
    meridiem = (clock.group(5) or "").lower().replace(".", "").replace(" ", "")
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    try:
        tz = _zone(clock.group(6))
        return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz), True
    except ValueError:
        return datetime(day.year, day.month, day.day), False


# --- dates in markup -------------------------------------------------------------------------------

def is_last_edit(time: Any, only: bool = True) -> bool:
    """True for a ``<time>`` that it or its parent classes as the last edit (``modified_classes``: hAtom's
    ``updated``, Joomla's ``<dd class="modified">``). ``only``: and not as the publication too (WordPress prints
    ``<time class="entry-date published updated">`` for a post never edited; old themes mark it ``pubdate``)."""
    words: list[str] = []
    for el in (time, time.getparent()):
        if el is not None:
            words += (el.get("class") or "").lower().split()
    if date_rules().modified_classes.isdisjoint(words):
        return False
    return not only or not (time.get("pubdate") is not None or any("publish" in word for word in words))


def date_from_markup(candidates: Iterable[tuple[str, Any]], now: datetime | None = None) -> str | None:
    """The first date among ``candidates`` (nearest the headline first), pairs of ``("time", <time>)``,
    ``("hint", element classed as a date)``, ``("label", <strong>Datum</strong>)`` (the date is in the
    label's parent), ``("text", element)`` (a date written anywhere in its first 1000 characters; ``("string",
    text)``: the same in a text given as it is) or
    ``("labelled", element)`` (a date right after a label such as "Erschienen am" anywhere in its text)."""
    edits = []  # the last edit's times: the publication date only when the page shows no other
    for kind, element in candidates:
        if kind == "text":
            found = date_in_text(element.text_content()[:2000], now)
        elif kind == "string":
            found = date_in_text(element[:2000], now)
        elif kind == "labelled":
            found = labelled_date_in_text(element.text_content(), now)
        elif kind == "label":
            parent = element.getparent()
            found = _element_date(parent, now) if parent is not None else None
        elif kind == "time" and is_last_edit(element):
            edits.append(element)  # (a theme may print it before the publication's)
            continue
        else:
            found = _element_date(element, now)
        if found:
            return found
    return next(filter(None, (_element_date(time, now) for time in edits)), None)


def is_date_hint(marks: str) -> bool:
    """True if lower-case class and id ``marks`` suggest an element holding a date."""
    return bool(marks) and date_rules().hint.search(marks) is not None


def is_date_label(text: str) -> bool:
    """True if ``text`` is a label such as "Datum:" or "Published"."""
    return text.lower().strip(" :") in date_rules().label_set


_AFTER_LABEL = re.compile(r"\s*[:：]?\s*(\d[^\n]{5,40})")  # (the full-width colon of Chinese and Japanese)


def labelled_date_in_text(text: str, now: datetime | None = None) -> str | None:
    """The first date written right after a label anywhere in ``text`` ("Erschienen am: 01.11.2023")."""
    lowered = text[:200_000].lower()
    ends: list[int] = []
    for beginning, labels in date_rules().long_labels:
        start = lowered.find(beginning)
        while start != -1:
            ends += [start + len(label) for label in labels if lowered.startswith(label, start)]
            start = lowered.find(beginning, start + 1)
    for end in sorted(ends):
        match = _AFTER_LABEL.match(lowered, end)
        found = parse_date(match.group(1), now) if match else None
        if found:
            return found
    return None


def date_in_text(text: str, now: datetime | None = None) -> str | None:
    """The first plausible human-written date (and its time, if given) in a longer text."""
    parsed = _parse_human(normalize_space(text)[:1000])
    if parsed is None or not _plausible(parsed[0], now):
        return None
    return _format(*parsed)


_MACHINE_TITLES = etree.XPath(".//*[starts-with(@title, '1') or starts-with(@title, '2')]")  # (a year first)


def _element_date(element: Any, now: datetime | None) -> str | None:
    for attr in ("datetime", "content", "data-date", "data-timestamp", "title"):
        parsed = parse_date(element.get(attr), now)
        if parsed:
            return parsed
    # a date wrapper: its <time> is more precise than its text (the publication's, when the last edit's is shown too)
    times = element.findall(".//time[@datetime]")
    inner = next((time for time in times if not is_last_edit(time)), times[0] if times else None)
    if inner is not None and (parsed := parse_date(inner.get("datetime"), now)):
        return parsed
    for titled in _MACHINE_TITLES(element):  # a machine date in a tooltip (Hugo's <span title="2024-05-03 09:30:00 +0100">)
        if parsed := parse_date(titled.get("title"), now):
            return parsed
    text = element.text_content()
    return parse_date(text, now) if len(text) < 150 else None
