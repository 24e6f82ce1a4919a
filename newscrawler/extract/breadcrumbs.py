"""The page's breadcrumb trail (Home › News › This article) and the section it puts the article in.

A trail is read from the element the page shows it in (a class or id word such as ``breadcrumb``,
``crumbs`` or the French ``ariane``), else from a JSON-LD ``BreadcrumbList``. The section is the
trail's last crumb above the page: the site's home and the page itself are left out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urldefrag, urlsplit

from .document import Document, resolved_url
from .namesearch import named_elements, search_parts
from .text import normalize_space


@dataclass(frozen=True)
class Crumb:
    """One step of a trail: its text and the absolute URL it links to ("" for none)."""

    name: str
    url: str


@dataclass(frozen=True)
class _Rules:
    words: frozenset[str]
    parts: tuple[str, ...]
    home_names: frozenset[str]
    home_path: re.Pattern[str]
    skip_path: re.Pattern[str]
    max_crumbs: int
    max_name: int


@cache
def _rules() -> _Rules:
    data = json.loads(resources.files(__package__).joinpath("rules/breadcrumbs.json").read_text("utf-8"))
    return _Rules(words=frozenset(data["class_words"]), parts=search_parts(data["class_words"]),
                  home_names=frozenset(name.casefold() for name in data["home_names"]),
                  home_path=re.compile(data["home_path"], re.IGNORECASE),
                  skip_path=re.compile(data["skip_path"], re.IGNORECASE),
                  max_crumbs=data["max_crumbs"], max_name=data["max_name"])


def breadcrumb_section(doc: Document, jsonld: list[dict[str, Any]], page_urls: Iterable[str | None],
                       headline: str | None, authors: Iterable[str] = ()) -> str | None:
    """The section the page's breadcrumb trail puts it in (see :func:`trail_section`): the trail the
    page shows first, then its JSON-LD ``BreadcrumbList``. ``page_urls``: the page's declared URLs (its
    canonical URL, og:url), which a trail's last crumb may link to, as it may to the page's address."""
    own = {_comparable(resolved) for url in page_urls if url and (resolved := resolved_url(doc.url, url.strip()))}
    own.add(_comparable(doc.url))
    for trail in (shown_trail(doc), declared_trail(jsonld, doc.url)):
        section = trail_section(trail, own, headline, authors)
        if section:
            return section
    return None


def trail_section(trail: list[Crumb], page_urls: set[str], headline: str | None,
                  authors: Iterable[str] = ()) -> str | None:
    """The name of the last crumb of ``trail`` that is neither the site's home (a leading crumb that links to
    the site's root or reads as a home word: ``home_names``) nor the page itself (a link to one of
    ``page_urls``, the headline's text, or a last crumb that links nowhere), nor an archive by date or the
    site's search (``skip_path``), nor a columnist's column (it names one of the article's ``authors`` by a
    full name: "Kolumnen Georg Kasch" above a column of Georg Kasch's lies in a section of its own)."""
    rules = _rules()
    title = normalize_space(headline or "").casefold()
    people = [name.casefold() for name in map(normalize_space, authors) if " " in name]
    crumbs = list(trail)
    if crumbs and not crumbs[-1].url:
        crumbs.pop()  # the page itself, shown unlinked
    while crumbs and _is_home(crumbs[0], rules):
        del crumbs[0]
    for crumb in reversed(crumbs):
        name = crumb.name.casefold()
        if name != title and _comparable(crumb.url) not in page_urls and len(crumb.name) <= rules.max_name \
                and not rules.skip_path.search(urlsplit(crumb.url).path) and not any(p in name for p in people):
            return crumb.name
    return None


def shown_trail(doc: Document) -> list[Crumb]:
    """The links of the first element the page names as a breadcrumb trail that reads as one: at most
    ``max_crumbs`` links, those of a sub-menu (a list inside one of its items) left out."""
    rules = _rules()
    for element in named_elements(doc, rules.words, rules.parts):
        if element.tag in ("body", "html"):  # (their classes describe the page)
            continue
        links = [link for link in element.iter("a") if link.get("href") and not _in_submenu(link, element)]
        if 0 < len(links) <= rules.max_crumbs:
            crumbs = [Crumb(_name(link.text_content()), resolved_url(doc.base_url, link.get("href").strip()) or "")
                      for link in links]
            return [crumb for crumb in crumbs if crumb.name and crumb.url.startswith(("http://", "https://"))]
    return []


def declared_trail(jsonld: list[dict[str, Any]], base: str) -> list[Crumb]:
    """The items of the page's first JSON-LD ``BreadcrumbList`` (its own node, or a WebPage's ``breadcrumb``),
    in ``position`` order."""
    for node in jsonld:
        trail = node if _is_breadcrumb_list(node) else node.get("breadcrumb")
        if isinstance(trail, dict) and _is_breadcrumb_list(trail):
            items = [item for item in _as_list(trail.get("itemListElement")) if isinstance(item, dict)]
            items.sort(key=_position)
            return [crumb for crumb in (_crumb(item, base) for item in items) if crumb.name]
    return []


def _is_breadcrumb_list(node: dict[str, Any]) -> bool:
    types = node.get("@type")
    return any(isinstance(t, str) and t.endswith("BreadcrumbList") for t in _as_list(types))


def _crumb(item: dict[str, Any], base: str) -> Crumb:
    """A ListItem as a crumb: its ``name`` (or its ``item``'s), and its ``item`` URL (or ``@id``)."""
    target = item.get("item")
    name = item.get("name")
    url = target
    if isinstance(target, dict):
        name = name or target.get("name")
        url = target.get("@id") or target.get("url")
    return Crumb(_name(name) if isinstance(name, str) else "",
                 (resolved_url(base, url.strip()) or "") if isinstance(url, str) else "")


def _name(text: str) -> str:
    """A crumb's text without the separators and brackets a trail may print around it ("› News", "[News]")."""
    return normalize_space(text).strip(_SEPARATORS)


_SEPARATORS = " >›»<‹«/\\|·•:–—-[]"


def _position(item: dict[str, Any]) -> float:
    try:
        return float(item.get("position"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float("inf")


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _in_submenu(link: Any, trail: Any) -> bool:
    """True for a link inside a list nested in the trail's own list (a drop-down of sibling sections)."""
    lists = 1 if trail.tag in ("ul", "ol") else 0
    for ancestor in link.iterancestors():
        if ancestor is trail:
            break
        if ancestor.tag in ("ul", "ol"):
            lists += 1
    return lists > 1


def _is_home(crumb: Crumb, rules: _Rules) -> bool:
    """True for a crumb naming the site's home, or linking to the site's root (``/``, ``/index.html``,
    ``/home/``, a language's root ``/de/``)."""
    if crumb.name.casefold() in rules.home_names:
        return True
    parts = urlsplit(crumb.url)
    return bool(crumb.url) and not parts.query and bool(rules.home_path.fullmatch(parts.path or "/"))


def _comparable(url: str) -> str:
    """``url`` without fragment and trailing slash, for comparing a crumb's link with the page's address."""
    return urldefrag(url)[0].rstrip("/")
