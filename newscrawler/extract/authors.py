"""Author names from JSON-LD, microdata, meta tags and bylines ("By X and Y", "Von X", "Par X", ...).

Byline prefixes, joiners, job titles and the class names that mark a byline live in
``rules/bylines.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Iterable

from .text import normalize_space

MAX_AUTHORS = 12


@dataclass(frozen=True)
class BylineRules:
    """The contents of ``rules/bylines.json``, compiled."""

    prefix: re.Pattern[str]  # every byline prefix (for bylines in the page)
    long_prefix: re.Pattern[str]  # prefixes of 3+ letters and "by" (safe on structured values: not "Di Maio")
    separator: re.Pattern[str]
    roles: frozenset[str]
    not_names: frozenset[str]
    hint_xpath: str
    label_xpath: str
    stop: re.Pattern[str]
    skip_hints: tuple[str, ...]


@cache
def byline_rules() -> BylineRules:
    """Load and compile ``rules/bylines.json`` once."""
    data = json.loads(resources.files(__package__).joinpath("rules/bylines.json").read_text("utf-8"))
    prefixes = sorted({p for group in data["prefixes"].values() for p in group}, key=len, reverse=True)
    joiners = sorted(data["joiners"], key=len, reverse=True)
    words = "|".join(re.escape(j) for j in joiners if j.replace(" ", "").isalpha())
    symbols = "".join(re.escape(j) for j in joiners if not j.replace(" ", "").isalpha())
    separator = rf"\s+(?:{words})\s+|\s*[,;|/•·{symbols}]\s*|\s+[-–—]\s+"
    tests = " or ".join(f"contains(@class, '{h}') or contains(@id, '{h}')" for h in data["hints"])
    tests += "".join(f" or (self::a and contains(@href, '{h}'))" for h in data["link_hints"])
    safe = [p for p in prefixes if len(p) > 2 or p == "by"]
    return BylineRules(
        prefix=_prefix_pattern(prefixes),
        long_prefix=_prefix_pattern(safe),
        separator=re.compile(separator, re.IGNORECASE),
        roles=frozenset(r.casefold() for r in data["roles"]),
        not_names=frozenset(n.casefold() for n in data["not_names"]),
        hint_xpath=f".//*[@rel='author' or {tests}]",
        label_xpath=_label_xpath(data["labels"]),
        stop=re.compile(rf"(?:^|\s)(?:{'|'.join(re.escape(w) for w in data['stop_words'])})(?=\W|$).*", re.IGNORECASE),
        skip_hints=tuple(data["skip_hints"]),
    )


def _label_xpath(labels: list[str]) -> str:
    upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜÉ"
    text = f"translate(normalize-space(translate(., ':', ' ')), '{upper}', '{upper.lower()}')"
    tests = " or ".join(f"{text}='{label}'" for label in labels)
    return f".//*[self::strong or self::b or self::span or self::dt or self::th or self::em or self::label][{tests}]"


def _prefix_pattern(prefixes: list[str]) -> re.Pattern[str]:
    return re.compile(rf"^(?:{'|'.join(re.escape(p) for p in prefixes)})(?:\s*:\s*|\s+)", re.IGNORECASE)


_NOISE = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|\([^)]*\)|\[[^\]]*\]|\d{1,2}[./:]\d{1,2}\S*|\d{4}")
_NAME_CHARS = re.compile(r"^[^\W\d_][\w'’.\- ]*$")


def clean_names(text: str | None, byline: bool = False) -> list[str]:
    """Names in an author value: prefix removed, split on joiners, job titles and junk dropped.

    ``byline=True`` for text shown in the page, where short prefixes ("Di", "Av") are stripped too.
    """
    if not text:
        return []
    rules = byline_rules()
    text = normalize_space(text)
    if len(text) > 300 or text.lower().startswith(("http", "www.")):
        return []
    prefix = rules.prefix if byline else rules.long_prefix
    text = rules.stop.sub("", prefix.sub("", text, count=1))
    names = [clean_name(part, prefix) for part in rules.separator.split(_NOISE.sub(" ", text))]
    return unique(name for name in names if name)


def clean_name(text: str, prefix: re.Pattern[str] | None = None) -> str | None:
    """One author name, or None when ``text`` is a role, an address, a date or other junk."""
    rules = byline_rules()
    text = (prefix or rules.long_prefix).sub("", normalize_space(text).strip(" .,:;|-–—*\"'“”„«»"), count=1).strip(" .,:;|")
    if not text or text.casefold() in rules.roles or text.casefold() in rules.not_names:
        return None
    if len(text) > 60 or len(text.split()) > 6 or not _NAME_CHARS.match(text):
        return None
    return text


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


def authors_from_microdata(elements: list[Any]) -> list[str]:
    """Names from ``itemprop="author"`` elements (their ``itemprop="name"`` if nested), outside comments."""
    names: list[str] = []
    for element in elements:
        if _in_skipped_context(element):
            continue
        inner = element.find(".//*[@itemprop='name']")
        source = inner if inner is not None else element
        names += clean_names(source.get("content") or source.text_content())
    return unique(names)


def authors_from_markup(scopes: list[Any]) -> list[str]:
    """Names from the page's byline: the first ``rel=author`` link, author-profile link or element
    classed as a byline, looking in each of ``scopes`` in turn (nearest the headline first)."""
    seen: set[Any] = set()
    for scope in scopes:
        names = _byline_in(scope, seen)
        if names:
            return names
    return []


def _byline_in(scope: Any, seen: set[Any]) -> list[str]:
    rules = byline_rules()
    for label in scope.xpath(rules.label_xpath):
        parent = label.getparent()
        if parent is not None and not _in_skipped_context(parent):
            names = clean_names(parent.text_content().replace(label.text_content(), " ", 1), byline=True)
            if names:
                return names
    for element in scope.xpath(rules.hint_xpath):
        if element in seen:
            continue
        seen.add(element)
        if _in_skipped_context(element):
            continue
        text = element.text_content()
        if len(text) > 200:
            continue
        names = clean_names(text, byline=True)
        if names:
            return names
    return []


def _in_skipped_context(element: Any, depth: int = 8) -> bool:
    """True inside a comment, author-bio box, share widget or teaser (by class/id/itemtype)."""
    skip = byline_rules().skip_hints
    node = element
    for _ in range(depth):
        if node is None:
            return False
        marks = f"{node.get('class') or ''} {node.get('id') or ''} {node.get('itemtype') or ''}".lower()
        if any(hint in marks for hint in skip):
            return True
        node = node.getparent()
    return False
