"""Author names from JSON-LD, microdata, meta tags and bylines ("By X and Y", "Von X", "Par X", ...).

Byline prefixes, joiners, job titles and the class names that mark a byline live in
``rules/bylines.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from lxml import etree

from .dates import date_rules
from .text import any_of, normalize_space

MAX_AUTHORS = 12


@dataclass(frozen=True)
class BylineRules:
    """The contents of ``rules/bylines.json``, compiled."""

    prefix: re.Pattern[str]  # every byline prefix (for bylines in the page)
    prefix_words: frozenset[str]  # the first word of every prefix: a quick test before ``prefix``
    lead_ins: frozenset[str]  # every prefix and label, whole: never a name on its own ("Interview", "Text")
    long_prefix: re.Pattern[str]  # prefixes of 3+ letters and "by" (safe on structured values: not "Di Maio")
    separator: re.Pattern[str]
    roles: frozenset[str]
    title_words: frozenset[str]  # one-word roles, their plurals...: a job title's last words ("Sports Editor")
    clock_words: frozenset[str]  # "AM", "Uhr", time zones: a part made only of them is a time's leftover
    not_names: frozenset[str]
    particles: frozenset[str]
    calendar_words: frozenset[str]  # weekdays and month names of 5+ letters, trimmed from a name's end
    calendar_names: frozenset[str]  # every weekday and month name: never a name on its own
    hint: re.Pattern[str]  # searched in an element's lower-case "class id"
    hint_words: tuple[str, ...]  # what ``hint`` looks for
    link_hint: re.Pattern[str]  # searched in a link's href (author profile pages)
    labels: frozenset[str]
    stop: re.Pattern[str]
    dated: re.Pattern[str]  # a date and time after a name ("on October 12, 2008 at 9:14"), with its lead-in
    affiliation: re.Pattern[str]  # " for Example News" after a name: who the author writes for
    section: re.Pattern[str]  # " in " after the names of a byline: where the post is filed follows (lower case)
    skip_hints: tuple[str, ...]
    author_box_hints: tuple[str, ...]  # the skip hints that mark an author box
    image_hints: frozenset[str]  # the skip hints that mark a picture's box: they skip only a box without text
    taxonomy_prefixes: tuple[str, ...]  # class names that name the post's tags/categories ("tag-social")


@cache
def byline_rules() -> BylineRules:
    """Load and compile ``rules/bylines.json`` once."""
    data = json.loads(resources.files(__package__).joinpath("rules/bylines.json").read_text("utf-8"))
    prefixes = sorted({p for group in data["prefixes"].values() for p in group}, key=len, reverse=True)
    joiners = sorted(data["joiners"], key=len, reverse=True)
    words = "|".join(re.escape(j) for j in joiners if j.replace(" ", "").isalpha())
    symbols = "".join(re.escape(j) for j in joiners if not j.replace(" ", "").isalpha())
    separator = rf"\s+(?:{words})\s+|\s*[,;|/•·{symbols}]\s*|\s+[-–—]\s+"
    safe = [p for p in prefixes if len(p) > 2 or p == "by"]
    return BylineRules(
        prefix=_prefix_pattern(prefixes),
        prefix_words=frozenset(p.split()[0].casefold() for p in prefixes),
        lead_ins=frozenset(p.casefold() for p in [*prefixes, *data["labels"]]),
        long_prefix=_prefix_pattern(safe),
        separator=re.compile(separator, re.IGNORECASE),
        roles=frozenset(r.casefold() for r in data["roles"]),
        title_words=frozenset(r.casefold() for r in [*data["roles"], *data["title_words"]] if " " not in r),
        clock_words=frozenset(w.casefold() for w in [*data["clock_words"], *date_rules().zones]),
        not_names=frozenset(n.casefold() for n in data["not_names"]),
        particles=frozenset(data["particles"]),
        calendar_words=frozenset(data["weekdays"]) | frozenset(m for m in date_rules().months if len(m) >= 5),
        calendar_names=frozenset(data["weekdays"]) | frozenset(date_rules().months),
        hint=any_of(data["hints"]), hint_words=tuple(data["hints"]),
        link_hint=any_of(data["link_hints"]),
        labels=frozenset(data["labels"]),
        affiliation=re.compile(rf"\s+(?:{'|'.join(re.escape(w) for w in data['affiliations'])})\s+.*", re.IGNORECASE),
        section=re.compile(rf"\s+(?:{'|'.join(re.escape(w) for w in data['section_words'])})(?:\s|$)"),
        stop=re.compile(rf"(?:^|\s)(?:{'|'.join(re.escape(w) for w in data['stop_words'])})(?=\W|$).*", re.IGNORECASE),
        dated=_dated_pattern(sorted(date_rules().months, key=len, reverse=True), data["weekdays"]),
        skip_hints=tuple(data["skip_hints"]),
        author_box_hints=tuple(data["author_box_hints"]),
        image_hints=frozenset(data["image_hints"]),
        taxonomy_prefixes=tuple(data["taxonomy_class_prefixes"]),
    )


def _dated_pattern(months: list[str], weekdays: list[str]) -> re.Pattern[str]:
    """Words with digits (a date, a time), maybe after a month name ("October 12, 2008") and a lead-in
    ("on", "am", "le") with a weekday (its name, or a short form: "am Mo., 12.10.2015", "on Mon, 10/12"):
    what follows a name in a byline, never part of it."""
    month = "|".join(re.escape(m) for m in months)
    weekday = "|".join(re.escape(w) for w in weekdays)
    return re.compile(rf"(?:\b(?:am|um|on|at|le|à|el|il|den|vom|du|del|op|ngày)\s+"
                      rf"(?:(?:{weekday})\b,?\s+|[^\W\d_]{{2,3}}\.?,?\s+)?)?(?:\b(?:{month})\b\.?\s+)?"
                      r"(?:\S*\d\S*\s*)+", re.IGNORECASE)


def _prefix_pattern(prefixes: list[str]) -> re.Pattern[str]:
    return re.compile(rf"^(?:{'|'.join(re.escape(p) for p in prefixes)})(?:\s*[:：]\s*|\s+)", re.IGNORECASE)


_NOISE = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|\([^)]*\)|\[[^\]]*\]")
# A date or time and the little word before it ("am 21. April 2020", "on 3 May"): cut out as a separator.
_ADDRESS = re.compile(r"[\w-]+(?:\.[\w-]+)+/")  # a web address without its scheme ("facebook.com/page")
_NAME_CHARS = re.compile(r"^[^\W\d_][\w'’.\- ]*$")


def clean_names(text: str | None, byline: bool = False) -> list[str]:
    """Names in an author value: prefix removed, split on joiners, job titles and junk dropped.

    ``byline=True`` for text shown in the page, where short prefixes ("Di", "Av") are stripped too.
    """
    if not text:
        return []
    rules = byline_rules()
    text = normalize_space(text)
    if len(text) > 300 or text.lower().startswith(("http", "www.")) or _ADDRESS.match(text):
        return []
    prefix = rules.prefix if byline else rules.long_prefix
    text = rules.stop.sub("", prefix.sub("", text, count=1))
    if byline:  # "Ana Lima in Local News": the section the post is filed in follows the names
        text = rules.section.split(text, maxsplit=1)[0]
    parts = rules.separator.split(rules.dated.sub(" | ", _NOISE.sub(" ", text)))
    names = [name for name in (clean_name(part, prefix) for part in parts) if name]
    shown = byline and not (len(names) == 1 and len(text.split()) == 1)  # a lone word may be a user name
    if shown:
        names = [name for name in names if _capitalised(name)]
    names = _without_titles(names)
    return unique(_without_places(names) if shown else names)


def _without_titles(names: list[str]) -> list[str]:
    """Names with a trailing job title cut off ("Enkosi Selane Journalist" → "Enkosi Selane"); a part
    that ends in a title beside other names is the title itself ("Jon King, News Reporter"), dropped.
    Alone, a part that is one word and a title ("HNN Staff") is kept whole: it names a team."""
    cut = [_cut_title(name) for name in names]
    if not any(had_title for _, had_title in cut):
        return names
    if any(not had_title for _, had_title in cut):
        return [name for name, had_title in cut if not had_title]
    return [short if len(short.split()) >= 2 else name for name, (short, _) in zip(names, cut)]


def _cut_title(name: str) -> tuple[str, bool]:
    """(``name`` without trailing job-title words, whether it had any)."""
    titles = byline_rules().title_words
    words = name.split()
    count = len(words)
    while len(words) > 1 and words[-1].casefold().strip(".,") in titles:
        words.pop()
    return " ".join(words), len(words) < count


def _without_places(names: list[str]) -> list[str]:
    """Byline names without a dateline: one word right after a full name ("Ines Zöttl, Washington")
    is the place the author writes from. Names in scripts written without spaces are left alone."""
    return [name for i, name in enumerate(names)
            if i == 0 or " " in name or " " not in names[i - 1]]


def _capitalised(name: str) -> bool:
    """False for running text ("an welchen orten", "posted"): a name's words start upper case,
    except particles such as "von" or "de". Scripts without case always pass."""
    particles = byline_rules().particles
    return not any(w[0].islower() and w not in particles for w in name.split())


def clean_name(text: str, prefix: re.Pattern[str] | None = None) -> str | None:
    """One author name, or None when ``text`` is a role, an address, a date or other junk."""
    rules = byline_rules()
    text = (prefix or rules.long_prefix).sub("", normalize_space(text).strip(" ,:;|-–—*\"'“”„«»"), count=1)
    text = _trim_calendar_words(rules.affiliation.sub("", text).strip(" ,:;|"), rules.calendar_words)
    folded = text.casefold()
    if not text or folded in rules.roles or folded in rules.not_names or folded.rstrip(".") in rules.calendar_names:
        return None
    if _date_left_over(folded.split(), rules):
        return None
    if folded in rules.lead_ins:
        return None
    if all(word.strip(".") in rules.clock_words or word in rules.clock_words for word in folded.split()):
        return None
    if len(text) > 60 or len(text.split()) > 6 or not _NAME_CHARS.match(text):
        return None
    return text


def _date_left_over(words: list[str], rules: BylineRules) -> bool:
    """True for the words of a date without its numbers ("de mayo de"): month or day names and the
    particles between them. Names such as "Jan Ott" (both also month abbreviations) have no particle."""
    particles = [word for word in words if word in rules.particles]
    return bool(particles) and all(word in rules.particles or word.rstrip(".") in rules.calendar_names
                                   for word in words)


def _trim_calendar_words(text: str, calendar_words: frozenset[str]) -> str:
    """Drop trailing weekday/month words, numbers and dots, keeping the dot of a final initial ("Jr.", "C.")."""
    words = text.split()
    while len(words) > 1 and (words[-1].lower().strip(".,") in calendar_words or words[-1].strip(".,").isdigit()):
        words.pop()
    text = " ".join(words)
    last = text.rsplit(" ", 1)[-1]
    keep_dot = len(words) > 1 and last.endswith(".") and len(last.rstrip(".")) <= 2 and last[0].isupper()
    return text if keep_dot else text.rstrip(". ")


def unique(names: Iterable[str]) -> list[str]:
    """Names without case-insensitive repeats, in order, at most ``MAX_AUTHORS``."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.casefold(), name)
    return list(seen.values())[:MAX_AUTHORS]


def authors_from_jsonld(value: Any, ids: dict[str, dict[str, Any]], people_only: bool = False) -> list[str]:
    """Names from a JSON-LD ``author``: a string, a Person/Organization, an ``@id`` reference or a list.

    ``people_only`` leaves out authors typed as an organisation.
    """
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict) and "name" not in item and isinstance(item.get("@id"), str):
            item = ids.get(item["@id"], item)
        if people_only and isinstance(item, dict) and _is_organisation(item):
            continue
        names += clean_names(_person_name(item))
    return unique(names)


def _is_organisation(item: dict[str, Any]) -> bool:
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and "organization" in k.lower() for k in kinds)


def _person_name(item: Any) -> str | None:
    if isinstance(item, str):
        return item
    if not isinstance(item, dict):
        return None
    name = item.get("name")
    if isinstance(name, list):
        name = name[0] if name else None
    if isinstance(name, dict):
        name = name.get("@value")
    if not name and (item.get("givenName") or item.get("familyName")):
        name = f"{item.get('givenName') or ''} {item.get('familyName') or ''}"
    return name if isinstance(name, str) else None


def authors_from_meta(values: Iterable[str | None]) -> list[str]:
    """Names from the first author meta tag that holds names (profile URLs are skipped)."""
    for value in values:
        names = clean_names(value)
        if names:
            return names
    return []


def authors_from_tags(values: Iterable[str]) -> list[str]:
    """Names from repeated author meta tags, one author per tag; "Family, Given" (the Dublin Core
    and citation convention) is read as "Given Family"."""
    names: list[str] = []
    for value in values:
        family, comma, given = value.partition(",")
        whole = f"{given.strip()} {family.strip()}" if comma and "," not in given and given.strip() else value
        names += clean_names(whole)
    return unique(names)


def authors_from_microdata(elements: list[Any]) -> list[str]:
    """Names from ``itemprop="author"`` elements (their ``itemprop="name"`` if nested), outside comments
    and figures. Only the first one's byline counts (the elements within its grandparent): the others
    are the authors of teasers and related articles further down the page."""
    elements = [element for element in elements if not _in_skipped_context(element)]
    byline = _ancestor(elements[0], 2) if elements else None
    names: list[str] = []
    for element in elements:
        if byline is not None and not _is_within(element, byline):
            continue
        inner = element.find(".//*[@itemprop='name']")
        source = inner if inner is not None else element
        names += clean_names(source.get("content") or source.text_content())
    return unique(names)


def _ancestor(element: Any, levels: int) -> Any:
    """``element``'s ancestor ``levels`` up (or the highest there is)."""
    for _ in range(levels):
        parent = element.getparent()
        if parent is None:
            break
        element = parent
    return element


def _is_within(element: Any, ancestor: Any) -> bool:
    """True if ``element`` is ``ancestor`` or inside it."""
    return any(node is ancestor for node in element.iterancestors()) or element is ancestor


def authors_from_markup(candidates: Iterable[tuple[str, Any]]) -> list[str]:
    """Names from the first byline among ``candidates`` (nearest the headline first): pairs of
    ``("label", <strong>Author</strong>)`` (the byline is the label's parent) or ``("hint", element)``
    (an element classed as a byline, a ``rel=author`` or author-profile link)."""
    boxed: list[Any] = []  # hinted elements in an author box
    for kind, element in candidates:
        if kind == "label":
            element, label = element.getparent(), element.text_content()
        else:
            label = ""
        if element is None:
            continue
        hint = _skip_hint(element)
        if hint is not None:
            if hint in byline_rules().author_box_hints and kind == "hint":
                boxed.append(element)
            continue
        if len(element.text_content()) > 200:  # read first: shown_text is slower
            continue
        text = shown_text(element)
        names = clean_names(_after(text, label) if label else text, byline=True)
        if names:
            return _whole_byline(element, names) or unique(names + _sibling_names(element, text, names))
        names = _listed_names(element)
        if names:
            return names
    return _author_box_name(boxed)


def _author_box_name(elements: list[Any]) -> list[str]:
    """The full name that is the whole text of the first of ``elements`` (inside author boxes) that
    holds one: when the page shows no byline, the box about its author at the foot of the article."""
    for element in elements:
        if len(element.text_content()) > 80 or _in_other_box(element):
            continue
        text = shown_text(element)
        names = clean_names(text, byline=True)
        if _bare_name(text, names) and " " in names[0]:
            return names
    return []


def _after(text: str, label: str) -> str:
    """The part of a byline ``text`` that follows its ``label`` ("Lifestyle | By Ana Lima" → " Ana Lima")."""
    return text.partition(label)[2] if label in text else text


def _listed_names(element: Any) -> list[str]:
    """Names of a byline element that lists its authors in elements of their own, side by side with
    only spaces between them ("<span>Ana Lima</span> <span>Jan Ott</span>"), which read as one text:
    the full names that make up the whole text of the first element inside that holds one and of
    its siblings with the same tag."""
    for inner in element.iterdescendants(etree.Element):
        text = inner.text_content()
        names = clean_names(text, byline=True) if len(inner) == 0 and len(text) <= 80 else []
        if _bare_name(text, names) and " " in names[0]:
            found = _sibling_names(inner, text, names, any_class=True)
            return unique(names + found) if found else []
    return []


def _whole_byline(link: Any, names: list[str]) -> list[str]:
    """The names of the byline an author link stands in, when its parent reads as one and names
    the link's author too ("Von <a>Ana Lima</a>, <a>Jan Ott</a> und Eva Berg"); else []."""
    parent = link.getparent()
    if link.tag != "a" or parent is None:
        return []
    if len(parent.text_content()) > 200:
        return []
    text = shown_text(parent)
    if not starts_like_byline(normalize_space(text)):
        return []
    found = clean_names(text, byline=True)
    return found if set(names) <= set(found) else []


def _bare_name(text: str, names: list[str]) -> bool:
    """True if ``text`` is one name and no other word (no prefix, label or title; a separator or a
    footnote number may follow: "Ana Lima<sup>1</sup>, ")."""
    return len(names) == 1 and _LETTER.search(normalize_space(text).replace(names[0], "", 1)) is None


_LETTER = re.compile(r"[^\W\d_]")


def _sibling_names(element: Any, text: str, names: list[str], any_class: bool = False) -> list[str]:
    """When ``element`` holds one name and nothing else (its ``text`` gave ``names``), the full names
    (two words or more) that make up the whole text of the elements beside it of its tag and first
    class: a byline that lists each author in an element of its own (``<li class="author">``, one
    link per author). Elements without a class are menus as often as bylines: not read, unless
    ``any_class`` (the elements are inside a byline already)."""
    parent = element.getparent()
    kind = (element.get("class") or "").split()[:1]
    if parent is None or not (kind or any_class) or not _bare_name(text, names):
        return []
    found: list[str] = []
    for sibling in parent.iterchildren(element.tag):
        if sibling is not element and (sibling.get("class") or "").split()[:1] == kind:
            text = shown_text(sibling) if len(sibling.text_content()) <= 200 else ""
            names = clean_names(text, byline=True)
            found += names if _bare_name(text, names) and " " in names[0] else []
    return found


def signature_names(block: Any, last_paragraph: str) -> list[str]:
    """The author an article's closing signature names: its last paragraph (``last_paragraph``, written from
    the element ``block``) is one name and nothing else, set apart as a signature is (in bold or italics
    alone, right-aligned, or after a dash: ``<p><em>IN-Redaktion</em></p>``, "– David Dunkley"). A one-word
    name counts only when compound (an editorial desk's "IN-Redaktion"): a lone word in bold ends many
    texts as a heading. [] for any other last paragraph."""
    if block is None or block.tag not in ("p", "div") or len(last_paragraph) > 60:
        return []
    text = normalize_space(shown_text(block))
    if text != last_paragraph or not (text[:1] in _DASHES or _set_apart(block)):
        return []
    text = text.lstrip("".join(_DASHES) + " ")
    names = clean_names(text, byline=True)
    return names if _bare_name(text, names) and (" " in names[0] or "-" in names[0]) else []


def _set_apart(block: Any) -> bool:
    """True when ``block`` is right-aligned or holds nothing but one bold or italic element."""
    style = (block.get("style") or "").replace(" ", "").lower()
    if "text-align:right" in style or (block.get("align") or "").lower() == "right":
        return True
    return (len(block) == 1 and block[0].tag in ("strong", "b", "em", "i") and not (block.text or "").strip()
            and not (block[0].tail or "").strip())


def shown_text(element: Any) -> str:
    """``element``'s text as it reads on screen: texts in separate boxes of the layout (block elements
    such as <div>, <p>, <li>, <br>; or elements whose texts meet with no space between them) are never
    one name, so a separator is put between them when the second opens a word in upper case or a
    number ("<a>Jen Mills</a><span>Published Jul 17</span>", "<span>By Ana Lima</span> <span>The Bay
    Courier</span>"). Scripts without case read as one text, as before."""
    pieces: list[str | None] = []
    _text_pieces(element, pieces)
    text, boundary = "", False
    for piece in pieces:
        if piece is None:
            boundary = True
            continue
        start = piece.lstrip()
        if not start:
            text += piece
            continue
        opens = start[0].isupper() or start[0].isdigit()
        glued = bool(text) and text[-1].isalnum() and piece[0] == start[0]
        if opens and text.strip() and (boundary or glued):
            text += " | "
        text, boundary = text + piece, False
    return text


def _text_pieces(node: Any, pieces: list[str | None]) -> None:
    """The texts under ``node`` in page order, with None where a block element starts or ends."""
    block = node.tag in _BLOCK_TAGS
    if block:
        pieces.append(None)
    if node.text and isinstance(node.tag, str):
        pieces.append(node.text)
    for child in node:
        _text_pieces(child, pieces)
        if child.tail:
            pieces.append(child.tail)
    if block:
        pieces.append(None)


_BLOCK_TAGS = frozenset(("div", "p", "li", "ul", "ol", "dl", "dt", "dd", "br", "h1", "h2", "h3", "h4", "h5",
                         "h6", "section", "header", "footer", "address", "figure", "figcaption", "table", "tr",
                         "td", "th", "article", "aside", "nav", "blockquote", "hr"))


def is_byline_hint(element: Any, marks: str) -> bool:
    """True if ``element`` (with lower-case class and id ``marks``) may be a byline."""
    if marks and is_byline_name(marks):
        return True
    if "author" in (element.get("rel") or "").lower().split():
        return True
    return element.tag == "a" and bool(byline_rules().link_hint.search(element.get("href") or ""))


@lru_cache(maxsize=8192)
def is_byline_name(marks: str) -> bool:
    """True if lower-case class and id ``marks`` suggest a byline."""
    return byline_rules().hint.search(marks) is not None


def is_author_href(href: str | None) -> bool:
    """True if ``href`` points to an author's profile page (``/author/jane-doe``)."""
    return bool(href and byline_rules().link_hint.search(href))


def author_links(root: Any) -> list[Any]:
    """The links under ``root`` whose href points to an author's page (what :func:`is_byline_hint`
    says of each ``<a>``, for a whole page at once)."""
    hint = byline_rules().link_hint
    return [a for a in root.iter("a") if hint.search(a.get("href") or "")]


def starts_like_byline(text: str) -> bool:
    """True if ``text`` opens with a byline prefix ("By ", "Von ", "Par "), or with a date in digits and
    then one, or with a date, a dash and what reads as a name ("11.12.2019 - Ana Lima"), and is short
    enough."""
    if len(text) > 120 or not text.strip():
        return False
    rules = byline_rules()
    text = text.lstrip()
    if text[0].isdigit():  # a date first: "06.11.2023 13:30 von Ana Lima"
        date = _LEADING_DATE.match(text)
        text = text[date.end():] if date else text
        if not text:
            return False
        if date and date.group().rstrip()[-1:] in _DASHES and _reads_as_name(text):
            return True
    first = _LABEL_END.split(text, 1)[0].casefold()
    return first in rules.prefix_words and rules.prefix.match(text) is not None


_LABEL_END = re.compile(r"\s|:|：")  # where a text's first word ends
_DASHES = ("-", "–", "—")
# A date in digits and its time, with a separator after them, at the start of a text ("06.11.2023 13:30 | ").
_LEADING_DATE = re.compile(r"(?:\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\.?(?:,?\s*\d{1,2}[:.]\d{2}(?:\s*(?:uhr|h)\b)?)?"
                           r"\s*[|·•,–—-]?\s*)?", re.IGNORECASE)


def _reads_as_name(text: str) -> bool:
    """True for two to four capitalised words without digits and nothing else ("Ana Lima", "Jan-Erik Dam")."""
    words = text.split()
    return 2 <= len(words) <= 4 and len(text) <= 60 and all(
        word[0].isupper() and not any(char.isdigit() for char in word) for word in words)


def is_byline_label(text: str) -> bool:
    """True if ``text`` is a label such as "Author:" or "Autorin/Autor"."""
    return text.lower().strip(" :") in byline_rules().labels


def _in_other_box(element: Any) -> bool:
    """True if an ancestor of ``element`` is a comment, teaser, menu, ... (a skip hint other than an
    author box's): an author box there is a commenter's or another story's."""
    rules = byline_rules()
    for node in element.iterancestors():
        marks = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if any(hint in marks for hint in rules.skip_hints if hint not in rules.author_box_hints):
            return True
    return False


def _in_skipped_context(element: Any, depth: int = 8) -> bool:
    """True inside a comment, author-bio box, share widget, teaser or menu (see :func:`_skip_hint`)."""
    return _skip_hint(element, depth) is not None


def _skip_hint(element: Any, depth: int = 8) -> str | None:
    """Why ``element`` is no byline: the skip hint of the comment, author-bio box, share widget, teaser
    or menu it is in (by class/id/itemtype), or the tag of a figure (a photo credit), a <nav> or a
    <blockquote> (a quotation, or an embedded social-media post signed "Posted by ... on ..."); None
    if none. A hinted box by the page's <h1> (see :func:`_by_headline`) is the article's own header
    (``teaser-small__metadata`` around the headline and byline), not another story's teaser."""
    rules = byline_rules()
    node = element
    for _ in range(depth):
        if node is None:
            return None
        if node.tag in ("figure", "figcaption", "nav", "blockquote"):  # a photo credit; a menu; a quotation
            return str(node.tag)
        words = f"{node.get('class') or ''} {node.get('id') or ''} {node.get('itemtype') or ''}".lower().split()
        marks = " ".join(w for w in words if not w.startswith(rules.taxonomy_prefixes))
        hints = [hint for hint in rules.skip_hints if hint in marks
                 and not (hint in rules.image_hints and node.text_content().strip())]  # (a picture's box only)
        if hints:  # a comment's or teaser's hint before an author box's ("comment-author-info")
            return None if _by_headline(node) else min(hints, key=lambda hint: hint in rules.author_box_hints)
        node = node.getparent()
    return None


def _by_headline(box: Any) -> bool:
    """True if ``box`` is part of the article's own header: it holds the page's <h1>, comes right after
    it without a heading of its own ("<h1>…</h1><div class=teaser-small__metadata>Von Ana Lima</div>")
    or lies in the short <header> that holds it (longer, it is a site header left open around the
    whole page)."""
    if box.find(".//h1") is not None:
        return True
    before = next(box.itersiblings(etree.Element, preceding=True), None)
    if before is not None and (before.tag == "h1" or before.find(".//h1") is not None):
        return next(box.iter(_HEADINGS), None) is None  # with a heading of its own, the first teaser of a list
    header = next(box.iterancestors("header"), None)
    return (header is not None and header.find(".//h1") is not None
            and len(header.text_content()) <= _HEADER_CHARS)


_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_HEADER_CHARS = 1000  # an article's header: headline, kicker, byline, date, a short lead
