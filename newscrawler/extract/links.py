"""Links the crawl policy needs: outlinks, feeds, comment pages and listing pagination.

Which links are traps (reply forms, logins, share buttons) and what marks a comment page is data
in ``rules/links.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from w3lib.url import safe_url_string

from .comments import article_url_of, comment_section_nodes, is_comment_page_url
from .document import Document
from .namesearch import name_words, named_elements, search_parts
from .text import normalize_space

#: An href that names its host (a scheme as urlsplit reads one, then //host)
_NAMES_HOST = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?//[^/?#]")
_COMMENT_WORDS = frozenset({"comment", "comments", "kommentar", "kommentare", "commentaire", "commentaires",
                            "comentario", "comentarios", "commenti", "discussion"})


@dataclass
class PageLinks:
    """What a page points to, as absolute http(s) URLs without fragments, deduplicated, page order."""

    links: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    comment_pages: list[str] = field(default_factory=list)
    next_pages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Rules:
    skip_schemes: frozenset[str]
    skip_url: re.Pattern[str]
    feed_types: frozenset[str]
    comment_nav_words: frozenset[str]
    older_comments_texts: frozenset[str]
    pagination_words: frozenset[str]
    post_navigation_words: frozenset[str]
    next_texts: frozenset[str]


@cache
def _rules() -> _Rules:
    data = json.loads(resources.files(__package__).joinpath("rules/links.json").read_text("utf-8"))

    def any_of(patterns: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    return _Rules(
        skip_schemes=frozenset(data["skip_schemes"]), skip_url=any_of(data["skip_url_patterns"]),
        feed_types=frozenset(data["feed_types"]),
        comment_nav_words=frozenset(data["comment_nav_words"]),
        older_comments_texts=frozenset(t.casefold() for t in data["older_comments_texts"]),
        pagination_words=frozenset(data["pagination_words"]),
        post_navigation_words=frozenset(data["post_navigation_words"]),
        next_texts=frozenset(t.casefold() for t in data["next_texts"]),
    )


def absolute_url(base: str, href: str | None) -> str | None:
    """``href`` resolved against ``base``, without fragment; None unless it is a crawlable http(s) URL."""
    href = (href or "").strip()
    if not href or href.startswith("#"):
        return None
    scheme = href.split(":", 1)[0].lower() if ":" in href.split("/", 1)[0] else ""
    if scheme in _rules().skip_schemes:
        return None
    return _resolved(_base_part(base, href), href)


def _base_part(base: str, href: str) -> str:
    """The part of ``base`` that resolving ``href`` depends on, as a URL: only its scheme when
    ``href`` names its host (``https://host/``, ``//host/``), its scheme and host for a root-relative
    ``href`` (``/path``), else all of it. Pages then share resolutions (a site repeats its links)."""
    if "\t" in href or "\n" in href or "\r" in href:
        return base  # urlsplit drops them: the href may read otherwise
    if _NAMES_HOST.match(href):
        return base.split(":", 1)[0] + "://"
    if href.startswith("/") and not href.startswith("//"):
        at = base.find("/", base.find("//") + 2) if "//" in base else -1
        return base if at < 0 else base[:at + 1]
    return base


@lru_cache(maxsize=2048)  # a site repeats its links on every page (navigation, teasers); small: flat memory
def _resolved(base: str, href: str) -> str | None:
    try:
        return _crawlable(urljoin(base, href))
    except ValueError:  # a malformed host
        return None


def _crawlable(url: str) -> str | None:
    """``url`` (absolute) without fragment, made safe; None unless it is a crawlable http(s) URL."""
    try:
        url = urldefrag(url if url.isascii() and " " not in url else safe_url_string(url))[0]
        parts = urlsplit(url)
        _ = parts.port  # a port out of range raises too
    except ValueError:  # a malformed host or port
        return None
    if parts.scheme not in ("http", "https") or _rules().skip_url.search(url):
        return None
    return url


def _words_of(el: Any) -> tuple[str, ...]:
    """The class/id words of ``el``, lower case (``commentNav`` → comment, nav)."""
    return name_words(f"{el.get('class') or ''} {el.get('id') or ''}")


def _rels(el: Any) -> frozenset[str]:
    return frozenset((el.get("rel") or "").lower().split())


class _LinkAreas:
    """The links of one page that sit inside blocks of some kind (each kind found once, when asked)."""

    def __init__(self, doc: Document, comment_nodes: list[Any], rules: _Rules) -> None:
        self.doc, self.comment_nodes, self.rules = doc, comment_nodes, rules

    def _named(self, words: frozenset[str]) -> list[Any]:
        """The elements (``<html>`` too) with one of ``words`` among their class/id words."""
        found = named_elements(self.doc, words, _search_parts(words))
        elements = self.doc.columns[0]
        if (not elements or elements[0] is not self.doc.tree) and not words.isdisjoint(_words_of(self.doc.tree)):
            found.append(self.doc.tree)  # the <html> element holds the body: not among its elements
        return found

    @cached_property
    def in_comments(self) -> set[Any]:
        """Links inside the comments area or a block named like ``comment-navigation``."""
        nav = [el for el in self._named(_COMMENT_WORDS) if not self.rules.comment_nav_words.isdisjoint(_words_of(el))]
        return _links_under([*self.comment_nodes, *nav])

    @cached_property
    def in_pagination(self) -> set[Any]:
        """Links inside listing pagination (``.pagination``, ``.page-numbers``)."""
        return _links_under(self._named(self.rules.pagination_words))

    @cached_property
    def in_post_navigation(self) -> set[Any]:
        """Links inside blocks of previous/next-article links (and inside the article, ``.post``)."""
        return _links_under(self._named(self.rules.post_navigation_words))

    def is_pagination(self, a: Any) -> bool:
        """True for a link of listing pagination, not a previous/next-article link."""
        if a in self.in_post_navigation:
            return False
        return a in self.in_pagination or not self.rules.pagination_words.isdisjoint(_words_of(a))


_search_parts = cache(search_parts)  # for each kind's words, once


def _links_under(blocks: list[Any]) -> set[Any]:
    return {a for block in blocks for a in block.iterdescendants("a", "area")}


@lru_cache(maxsize=1024)  # a site repeats its links on every page
def _article_key(url: str) -> tuple[str, str, str]:
    """Scheme, host and path of the article ``url`` is (a comment page of)."""
    return urlsplit(article_url_of(url))[:3]


def _is_comment_page(a: Any, url: str, page: tuple[str, tuple[str, str, str]], in_comments: bool,
                     rules: _Rules) -> bool:
    """True for a link to another comment page of this page's article; ``page`` is
    ``(article URL, _article_key)`` of the page."""
    if url == page[0] or _article_key(url) != page[1]:
        return False
    if is_comment_page_url(url):
        return True
    text = normalize_space(a.text_content()).casefold()
    return text in rules.older_comments_texts or in_comments and bool(_rels(a) & {"next", "prev"})


def _is_next_page(a: Any, areas: _LinkAreas, rules: _Rules) -> bool:
    if not ("next" in _rels(a) or "next" in _words_of(a)
            or normalize_space(a.text_content()).casefold() in rules.next_texts):
        return False
    return areas.is_pagination(a)


_PAGE_SUFFIX = re.compile(r"(?:\.[a-z]{2,5})?$")
_PAGE_NUMBER = re.compile(r"[/_-]?(?:page|seite|p)?[/_=-]?\d+/?$", re.IGNORECASE)


def _continues(url: str, page_url: str) -> bool:
    """True when ``url`` looks like a following page of ``page_url`` (same path stem, e.g. ``/page/2/``)."""
    mine, other = urlsplit(page_url), urlsplit(url)
    if mine.netloc != other.netloc:
        return False
    stem = _PAGE_NUMBER.sub("", _PAGE_SUFFIX.sub("", mine.path, count=1)).rstrip("/")
    return other.path.startswith(stem) and (other.path != mine.path or other.query != mine.query)


def _add(target: list[str], url: str) -> None:
    target.append(url)  # duplicates are dropped once, at the end (a list lookup per link is quadratic)


def discover_links(page: Document | str | bytes, url: str = "") -> PageLinks:
    """Outlinks, feed links (``<link rel=alternate>``), comment-page and next-page links of a page."""
    doc = Document.of(page, url)
    rules = _rules()
    base, here = doc.base_url, urldefrag(doc.url)[0]
    article = (article_url_of(here), _article_key(here))
    found, areas = PageLinks(), _LinkAreas(doc, comment_section_nodes(doc), rules)
    for a in doc.body.iter("a", "area"):
        target = absolute_url(base, a.get("href"))
        if target is None or target == here:
            continue
        _add(found.links, target)
        in_comments = a in areas.in_comments
        if _is_comment_page(a, target, article, in_comments, rules):
            _add(found.comment_pages, target)
        elif not in_comments and _is_next_page(a, areas, rules) and _continues(target, here):
            _add(found.next_pages, target)
    for link in doc.tree.iter("link"):
        rels, target = _rels(link), absolute_url(base, link.get("href"))
        if target is None or target == here:
            continue
        if "alternate" in rels and (link.get("type") or "").lower().strip() in rules.feed_types:
            _add(found.feeds, target)
        elif "next" in rels and _continues(target, here):
            _add(found.next_pages, target)
    return PageLinks(*(list(dict.fromkeys(urls)) for urls in
                       (found.links, found.feeds, found.comment_pages, found.next_pages)))
