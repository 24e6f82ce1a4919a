"""Structured metadata: JSON-LD, OpenGraph, meta tags, Dublin Core, microdata, then markup.

:func:`page_sources` reads the page's structured data in one pass and caches it on the document
(``doc.cache["jsonld"]`` holds every JSON-LD node, flattened from arrays and ``@graph``; other steps
may reuse it). :func:`extract_metadata` turns it into record fields. Meta keys, article types and
title separators live in ``rules/metadata.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any
from urllib.parse import SplitResult, urlsplit

from lxml import etree

from newscrawler.urls import host_of

from .authors import (
    authors_from_jsonld,
    authors_from_markup,
    authors_from_meta,
    authors_from_microdata,
    authors_from_tags,
    byline_rules,
    is_author_href,
    is_byline_label,
    is_byline_name,
    starts_like_byline,
)
from .breadcrumbs import breadcrumb_section
from .dates import (
    date_from_markup,
    date_from_url,
    date_rules,
    first_date,
    is_date_hint,
    is_last_edit,
)
from .document import Document, resolved_url
from .images import is_design_file, links_elsewhere, picture_source
from .namesearch import named_elements, search_parts, tag_indexes
from .text import any_of, find_all, normalize_space


@cache
def metadata_rules() -> dict[str, Any]:
    """Load ``rules/metadata.json`` once."""
    return json.loads(resources.files(__package__).joinpath("rules/metadata.json").read_text("utf-8"))


@dataclass
class Sources:
    """Everything the page declares about itself, gathered in one walk of the tree."""

    meta: dict[str, list[str]] = field(default_factory=dict)  # lower-case name/property/itemprop → contents
    links: dict[str, str] = field(default_factory=dict)  # lower-case rel → first href
    jsonld: list[dict[str, Any]] = field(default_factory=list)  # every JSON-LD node with an @type
    jsonld_values: list[Any] = field(default_factory=list)  # each JSON-LD script's value as parsed, page order
    ids: dict[str, dict[str, Any]] = field(default_factory=dict)  # JSON-LD @id → node
    article: dict[str, Any] | None = None  # the JSON-LD node describing this article
    microdata: dict[str, list[Any]] = field(default_factory=dict)  # itemprop → elements (not <meta>)
    title: str = ""
    lang: str = ""
    headings: list[Any] = field(default_factory=list)  # every <h1>-<h3>, for page_headings
    alternate_titles: list[str] = field(default_factory=list)  # titles of <link rel="alternate"> (the feeds')

    def first_meta(self, keys: list[str] | tuple[str, ...]) -> str | None:
        """The first non-empty content of the first key present, in ``keys`` order."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value.strip():
                    return value
        return None

    def article_value(self, key: str) -> Any:
        """``key`` of the JSON-LD article node (None without one)."""
        return self.article.get(key) if self.article else None


@dataclass
class Marks:
    """Body elements that may hold the headline, the byline or the date, in page order; one walk."""

    h1s: list[Any] = field(default_factory=list)
    headings: list[Any] = field(default_factory=list)  # h1-h3 classed as a title (entry-title, ...)
    bylines: list[tuple[str, Any]] = field(default_factory=list)  # ("hint" | "label", element)
    dates: list[tuple[str, Any]] = field(default_factory=list)  # ("time" | "hint" | "label", element)


_LABEL_TAGS = frozenset(("strong", "b", "span", "dt", "th", "td", "em", "i", "small", "label", "p", "div",
                         "h4", "h5", "h6", "li"))


def extract_metadata(doc: Document) -> dict[str, Any]:
    """Record fields the page declares (missing ones are absent): headline, authors, dates, language, ...

    The page's structured data is read first; the body is searched for a byline or a shown date only
    when the structured data gives none (most news pages declare both)."""
    src = page_sources(doc)
    title = headline(doc, src, page_headings(doc))
    modified = date_modified(doc, src)
    near = _NearHeadline(doc, title)
    names = authors(doc, src, near.bylines)
    out: dict[str, Any] = {
        "canonicalUrl": canonical_url(doc, src),
        "headline": title,
        "description": description(src),
        "authors": [{"name": name} for name in names],
        "datePublished": date_published(src, near.dates) or date_from_url(doc.original_url) or modified,
        "dateModified": modified,
        "inLanguage": language(src),
        "keywords": keywords(doc, src),
        "articleSection": section(doc, src, title, names),
        "mainImage": main_image(doc, src),
    }
    return {key: value for key, value in out.items() if value not in (None, "", [])}


class _NearHeadline:
    """Byline and date candidates of the body, nearest the headline first (the first of the
    headline's containers that holds them, then page order). The body is walked only when one of
    them is asked for, and the headline's two nearest containers first: the whole page only when
    no candidate in them gives a byline or a date."""

    def __init__(self, doc: Document, title: str | None) -> None:
        self.doc, self.title = doc, title
        self._scopes: list[Any] | None = None
        self._near: Marks | None = None
        self._span: tuple[int, int] | None = None  # the near candidates' rows of Document.columns

    def scopes(self) -> list[Any]:
        """The headline's containers, nearest first, then <body> (see :func:`headline_scopes`)."""
        if self._scopes is None:
            self._scopes = headline_scopes(page_headings(self.doc), self.title, self.doc.body,
                                           headings=page_sources(self.doc).headings)
        return self._scopes

    def near(self) -> tuple[int, Marks]:
        """(k, the candidates inside the headline's k-th container): every candidate whose rank is
        below k, and only those."""
        scopes = self.scopes()
        k = min(2, len(scopes) - 1)
        if self._near is None:
            self._span = _span_below(self.doc, scopes[k - 1]) if k else None
            if self._span is not None:
                self._near = _marks_of(_rows(self.doc, *self._span))
            else:
                self._near = _marks_of(_rows_below(scopes[k - 1])) if k else Marks()
        return k, self._near

    def page(self) -> Marks:
        """:func:`page_marks`; the rows of the near candidates are not walked again."""
        _, near = self.near()
        return page_marks(self.doc, (*self._span, near) if self._span is not None else None)

    def bylines(self) -> Iterator[tuple[str, Any]]:
        """Byline candidates, nearest the headline first."""
        k, near = self.near()
        rank = {scope: i for i, scope in enumerate(self.scopes())}
        yield from (candidate for _, candidate in _ranked(near.bylines, rank))
        farther = _ranked(self.page().bylines, rank)
        yield from (candidate for distance, candidate in farther if distance >= k)

    def dates(self) -> Iterator[tuple[str, Any]]:
        """Date candidates nearest the headline first (:meth:`_all_dates`), none inside a comment section or a
        related-articles block: a comment's or another story's date is not the article's (a block theme's one
        group holds the post, its comments and its "More posts")."""
        # (imported here: both modules import this one)
        from .comments import comment_section_nodes
        from .related import related_parts

        others = frozenset([*comment_section_nodes(self.doc), *related_parts(self.doc)])
        for kind, element in self._all_dates():
            if not others or kind == "labelled":
                yield kind, element
            elif kind == "text":  # a container's text: up to the first comment section or related block in it
                yield ("string", _text_before(element, others)) if _holds_any(element, others) else (kind, element)
            elif not any(node in others for node in (element, *element.iterancestors())):
                yield kind, element

    def _all_dates(self) -> Iterator[tuple[str, Any]]:
        """Date candidates nearest the headline first, the whole text of the headline's two nearest
        containers after the marked elements inside them; then a date after a label anywhere."""
        k, near = self.near()
        scopes = self.scopes()
        rank = {scope: i for i, scope in enumerate(scopes)}
        texts = [((i, 1), ("text", scope)) for i, scope in enumerate(scopes[:2]) if scope.tag != "body"]
        keyed = [((distance, 0), candidate) for distance, candidate in _ranked(near.dates, rank)]
        yield from (candidate for _, candidate in sorted(keyed + [t for t in texts if t[0][0] < k], key=_first))
        keyed = [((distance, 0), candidate) for distance, candidate in _ranked(self.page().dates, rank)
                 if distance >= k]
        yield from (candidate for _, candidate in sorted(keyed + [t for t in texts if t[0][0] >= k], key=_first))
        yield "labelled", self.doc.body


def _holds_any(element: Any, others: frozenset[Any]) -> bool:
    """True when one of ``others`` lies inside ``element``."""
    return any(node in others for node in element.iterdescendants())


def _text_before(element: Any, stops: frozenset[Any], limit: int = 2000) -> str:
    """The text of ``element`` in page order up to the first of ``stops`` inside it (about ``limit`` characters)."""
    parts: list[str] = []
    _gather_text(element, stops, parts, limit)
    return "".join(parts)


def _gather_text(node: Any, stops: frozenset[Any], parts: list[str], budget: int) -> int:
    """Append the text of ``node``'s subtree to ``parts``; return the characters still wanted, below 0 once a
    stop or the limit is reached."""
    parts.append(node.text or "")
    budget -= len(parts[-1])
    for child in node:
        if budget < 0 or child in stops:
            return -1
        if isinstance(child.tag, str):
            budget = _gather_text(child, stops, parts, budget)
            if budget < 0:
                return -1
        parts.append(child.tail or "")
        budget -= len(parts[-1])
    return budget


def _span_below(doc: Document, scope: Any) -> tuple[int, int] | None:
    """``(start, end)``: the rows of :attr:`Document.columns` of the elements inside ``scope`` (they
    follow it in page order); None when ``scope`` is not inside <body>."""
    try:
        start = doc.columns[0].index(scope) + 1  # a search in C, by identity
    except ValueError:
        return None
    return start, start + int(_COUNT_BELOW(scope))


_COUNT_BELOW = etree.XPath("count(descendant::*)")  # an element's descendants, as in Document.columns


def _rows(doc: Document, start: int = 0, end: int | None = None) -> Iterator[tuple[Any, str, str, str]]:
    """``(element, tag, class, id)`` of the elements ``start:end`` of :attr:`Document.columns`."""
    return zip(*(column[start:end] for column in doc.columns))


def _rows_below(root: Any) -> Iterator[tuple[Any, str, str, str]]:
    """``(element, tag, class, id)`` of every element inside ``root``, in page order."""
    for element in root.iterdescendants(etree.Element):
        yield element, element.tag, element.get("class") or "", element.get("id") or ""


def _first(pair: tuple[Any, Any]) -> Any:
    return pair[0]


def _ranked(candidates: list[tuple[str, Any]], rank: dict[Any, int]) -> list[tuple[int, tuple[str, Any]]]:
    """(distance, candidate) pairs, nearest first (see :func:`closest_first`)."""
    return sorted(((_distance(candidate[1], rank), candidate) for candidate in candidates), key=_first)


# --- gathering -------------------------------------------------------------------------------------

def page_sources(doc: Document) -> Sources:
    """The page's meta tags, links, JSON-LD and microdata (cached on ``doc.cache["sources"]``)."""
    if "sources" in doc.cache:
        return doc.cache["sources"]
    src = Sources(lang=doc.tree.get("lang") or doc.tree.get("xml:lang") or "")
    for element in doc.tree.iter("meta", "link", "script", "title", "h1", "h2", "h3"):
        _collect(element, src)
    for itemprop in _ITEMPROP(doc.tree):
        element = itemprop.getparent()
        if element.tag not in ("meta", "link"):
            src.microdata.setdefault(itemprop.strip().lower(), []).append(element)
    src.ids = {node["@id"]: node for node in src.jsonld if isinstance(node.get("@id"), str)}
    src.article = _article_node(src.jsonld, doc.url, [doc.url, src.links.get("canonical"), src.first_meta(["og:url"])])
    doc.cache["jsonld"] = src.jsonld
    doc.cache["sources"] = src
    return src


_ITEMPROP = etree.XPath("//@itemprop")  # attribute values (faster than the elements), with getparent()


def page_headings(doc: Document) -> Marks:
    """The body's <h1>s and the <h1>-<h3>s classed as a title, in page order (cached); byline and
    date candidates are left to :func:`page_marks`."""
    if "headings" in doc.cache:
        return doc.cache["headings"]
    marks = Marks()
    for element in page_sources(doc).headings:
        names = f"{element.get('class') or ''} {element.get('id') or ''}".strip().lower()
        heading_hint, site_hint = _heading_hints(names) if names else (False, False)
        if element.tag == "h1" and not site_hint:
            marks.h1s.append(element)
        if heading_hint:
            marks.headings.append(element)
    doc.cache["headings"] = marks
    return marks


def page_marks(doc: Document, known: tuple[int, int, Marks] | None = None) -> Marks:
    """Headings, byline and date candidates of the body, in page order (cached on ``doc.cache``).
    ``known``: ``(start, end, marks)``, the candidates of rows ``start:end`` of :attr:`Document.columns`,
    found already: only the rows around them are walked."""
    if "marks" in doc.cache:
        return doc.cache["marks"]
    if known is None:
        marks = _marks_of(doc.elements)
    else:
        start, end, inside = known
        before, after = _marks_of(_rows(doc, 0, start)), _marks_of(_rows(doc, end))
        marks = Marks(dates=before.dates + inside.dates + after.dates,
                      bylines=before.bylines + inside.bylines + after.bylines)
    headings = page_headings(doc)
    marks.h1s, marks.headings = headings.h1s, headings.headings
    doc.cache["marks"] = marks
    return marks


def _marks_of(rows: Iterable[tuple[Any, str, str, str]]) -> Marks:
    """Byline and date candidates among ``rows`` of ``(element, tag, class, id)`` in page order."""
    marks = Marks()
    dates, bylines = marks.dates, marks.bylines
    author_href = byline_rules().link_hint.search
    for element, tag, cls, ident in rows:
        if cls or ident:
            date_hint, byline_hint = _name_hints(cls, ident)
            if tag == "time" or date_hint:
                dates.append(("time" if tag == "time" else "hint", element))
            if byline_hint or ((tag == "a" or element.get("rel")) and _author_link(element, tag)):
                bylines.append(("hint", element))
        elif tag == "a":
            rel, href = element.get("rel"), element.get("href")  # as _author_link, inline (many links)
            if (rel and "author" in rel.lower().split()) or (href and author_href(href)):
                bylines.append(("hint", element))
        elif tag == "time":
            dates.append(("time", element))
        if tag in _LABEL_TAGS:
            text = element.text
            if text and len(text) <= 120 and not text.isspace():  # longer: running text, no label
                _mark_text(element, text, marks)
    return marks


def _author_link(element: Any, tag: str) -> bool:
    """True for a ``rel="author"`` element (a link, or one with a class or id) or a link to an
    author's profile page."""
    rel = element.get("rel")
    if rel and "author" in rel.lower().split():
        return True
    return tag == "a" and is_author_href(element.get("href"))


@lru_cache(maxsize=8192)
def _heading_hints(names: str) -> tuple[bool, bool]:
    """Whether lower-case class and id ``names`` mark a headline, the site's own heading."""
    return (_class_pattern("headline_classes").search(names) is not None,
            _class_pattern("site_heading_classes").search(names) is not None)


_NO_HINTS = (False, False)


@lru_cache(maxsize=8192)
def _name_hints(cls: str, ident: str) -> tuple[bool, bool]:
    """Whether an element's class and id mark a date, a byline."""
    names = f"{cls} {ident}".lower()
    if not _class_pattern("any").search(names):
        return _NO_HINTS
    return is_date_hint(names), is_byline_name(names)


@cache
def _class_pattern(key: str) -> re.Pattern[str]:
    """Any of the class-name fragments listed under ``key`` in ``rules/metadata.json``; ``"any"``:
    any date or byline fragment (one quick test before the two)."""
    if key == "any":
        return any_of([*date_rules().hint_words, *byline_rules().hint_words])
    return any_of(metadata_rules()[key])


def _mark_text(element: Any, text: str, marks: Marks) -> None:
    """Byline/date labels ("Author:", "Datum") and short texts that open like a byline ("By ...")."""
    if len(text) < 40 and len(element) == 0:
        kind = _label_kinds().get(text.strip().lower().strip(" :|"))
        if kind is not None:
            (marks.bylines if kind == "byline" else marks.dates).append(("label", element))
            return
    if starts_like_byline(text) and len(normalize_space(element.text_content())) <= 120:
        marks.bylines.append(("hint", element))


@cache
def _label_kinds() -> dict[str, str]:
    """Lower-case labels → ``"byline"`` ("author", see :func:`is_byline_label`) or ``"date"``
    ("datum", see :func:`is_date_label`); a label of both kinds is a byline label."""
    kinds = dict.fromkeys(date_rules().label_set, "date")
    kinds.update(dict.fromkeys(byline_rules().labels, "byline"))
    return kinds


def closest_first(candidates: list[tuple[str, Any]], scopes: list[Any]) -> list[tuple[str, Any]]:
    """``candidates`` ordered by the first of ``scopes`` that contains them (page order otherwise)."""
    rank = {scope: i for i, scope in enumerate(scopes)}
    return [candidate for _, candidate in _ranked(candidates, rank)]


def _distance(element: Any, rank: dict[Any, int]) -> int:
    for ancestor in element.iterancestors():
        if ancestor in rank:
            return rank[ancestor]
    return len(rank)


_META_KEYS = frozenset(("property", "name", "itemprop", "http-equiv"))


# A template the CMS left unfilled ("{{ seomatic.helper.extractTextFromField(entry.teaser) }}", "{% title %}", "${title}")
_UNRENDERED = re.compile(r"\{\{.*\}\}|\{%.*%\}|\$\{\w[\w.]*\}", re.DOTALL)


def _collect(element: Any, src: Sources) -> None:
    tag = element.tag
    if tag == "meta":
        content = element.get("content")
        if content is not None and not ("{" in content and _UNRENDERED.search(content)):
            for name, key in element.items():
                if name in _META_KEYS and key:
                    src.meta.setdefault(key.strip().lower(), []).append(content)
    elif tag == "script":
        if "ld+json" in (element.get("type") or "").lower() and element.text:
            value = load_json(element.text)
            src.jsonld_values.append(value)
            src.jsonld.extend(_nodes(value))
    elif tag == "link":
        _collect_link(element, src)
    elif tag == "title":
        if not src.title and _is_page_title(element):
            src.title = element.text_content()
    else:
        src.headings.append(element)


def _collect_link(element: Any, src: Sources) -> None:
    rel, href = (element.get("rel") or "").lower(), element.get("href") or element.get("content")
    if href and rel:
        for word in rel.split():
            src.links.setdefault(word, href)
        if "alternate" in rel and element.get("title"):
            src.alternate_titles.append(element.get("title"))
    itemprop = element.get("itemprop")
    if itemprop and href:
        src.meta.setdefault(itemprop.strip().lower(), []).append(href)


def _is_page_title(element: Any) -> bool:
    """True for the page's <title>: in <head>, or right in <body> where the parser puts it when text or a
    stray tag closes the head early (an <svg>'s <title> or one inside the page's content is not it)."""
    parent = element.getparent()
    return parent is not None and parent.tag in ("head", "body")


_WRAPPERS = re.compile(r"^\s*(?:<!--|/\*\s*<!\[CDATA\[\s*\*/|<!\[CDATA\[)|(?:-->|/\*\s*\]\]>\s*\*/|\]\]>)\s*$")


def load_json(text: str) -> Any:
    """Parse a JSON-LD script, tolerating comments, CDATA, raw control characters and trailing commas."""
    text = text.strip()
    if text[:1] in "</" or text[-1:] in ">/":  # <!-- ... -->, <![CDATA[ ... ]]>, /* ... */
        text = _WRAPPERS.sub("", text).strip()
    for attempt in (text, re.sub(r",\s*([}\]])", r"\1", text)):
        try:
            return json.loads(attempt, strict=False)
        except (ValueError, RecursionError):  # RecursionError: absurdly nested arrays/objects
            pass
    return _decode_many(text)


def _decode_many(text: str) -> list[Any]:
    """Several JSON values written one after another (a common publishing mistake)."""
    decoder, values, index = json.JSONDecoder(strict=False), [], 0
    while index < len(text):
        while index < len(text) and text[index] in " \t\r\n;,":
            index += 1
        try:
            value, index = decoder.raw_decode(text, index)
        except (ValueError, RecursionError):
            break
        values.append(value)
    return values


def _nodes(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every dict with an ``@type`` inside a JSON-LD value: arrays and ``@graph`` flattened, nested kept."""
    if depth > 6:
        return
    if isinstance(value, list):
        for item in value:
            yield from _nodes(item, depth)
    elif isinstance(value, dict):
        if "@type" in value:
            yield value
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemReviewed"):
            if isinstance(value.get(key), (list, dict)):
                yield from _nodes(value[key], depth + 1)


def types_of(node: dict[str, Any]) -> list[str]:
    """A JSON-LD node's ``@type`` as a list of bare names (``schema:NewsArticle`` → ``NewsArticle``)."""
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return [v.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if isinstance(v, str)]


def _article_node(nodes: list[dict[str, Any]], base: str, page_urls: list[str | None]) -> dict[str, Any] | None:
    """The JSON-LD node that describes the article: a real article type before page-like types
    (WebPage, VideoObject, ...), then one about this page (one of ``page_urls``, relative to
    ``base``), then the type's rank."""
    ranks, real = _type_ranks()
    urls: set[str] | None = None  # the page's URLs as compared, once a node needs them
    best: tuple[int, int, int, int] | None = None
    chosen = None
    for order, node in enumerate(nodes):
        rank = min((ranks[t] for t in types_of(node) if t in ranks), default=None)
        if rank is None:
            continue
        if urls is None:
            urls = {_url_key(_joined(base, u)) for u in page_urls if u}
        key = (rank >= real, _url_key(_node_url(node) or "") not in urls, rank, order)
        if best is None or key < best:
            best, chosen = key, node
    return chosen


@cache
def _type_ranks() -> tuple[dict[str, int], int]:
    """Rank of each JSON-LD type that may describe the article (article types first), and how many
    of them are article types."""
    rules = metadata_rules()
    ranks = {name: i for i, name in enumerate(rules["article_types"] + rules["page_types"])}
    return ranks, len(rules["article_types"])


def _joined(base: str, url: str) -> str:
    """``url`` made absolute against ``base`` (an absolute web address as it is: urljoin is slow)."""
    return url if url.startswith(("http://", "https://")) else (resolved_url(base, url) or "")


def _split(url: str) -> SplitResult:
    """``urlsplit(url)``; an empty result for a malformed URL (an unclosed IPv6 bracket)."""
    try:
        return urlsplit(url)
    except ValueError:
        return _NO_URL


_NO_URL = urlsplit("")


def _url_key(url: str) -> str:
    """A URL without scheme, query, fragment and trailing slash, for loose comparison."""
    parts = _split(url.strip())
    return f"{(parts.hostname or '').removeprefix('www.')}{parts.path.rstrip('/')}"


def _node_url(node: dict[str, Any]) -> str | None:
    for key in ("url", "mainEntityOfPage", "@id"):
        value = node.get(key)
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, str):
            return value
    return None


def text_of(value: Any) -> str | None:
    """A one-line string from a JSON-LD value (string, number, list of strings or {"name"/"@value"}); None for
    a template the CMS left unfilled."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = normalize_space(re.sub(r"<[^>]+>", " ", value) if "<" in value else value)
    return None if not text or ("{" in text and _UNRENDERED.search(text)) else text


def microdata_text(src: Sources, prop: str) -> str | None:
    """Text (or content/datetime attribute) of the first element with ``itemprop=prop``."""
    return next(iter(microdata_texts(src, prop)), None)


def microdata_texts(src: Sources, prop: str, shown: bool = False) -> list[str]:
    """Texts (or content/datetime attributes) of the elements with ``itemprop=prop``, page order; ``shown``:
    the text a link shows, not its address (a category or tag marked on its link)."""
    values = (element.get("content") or element.get("datetime") or element.get("src")
              or (None if shown else element.get("href")) or normalize_space(element.text_content())
              for element in src.microdata.get(prop, ()))
    return [value for value in values if value]


# --- fields ----------------------------------------------------------------------------------------

def canonical_url(doc: Document, src: Sources) -> str | None:
    """The declared canonical URL, absolute (a relative one against the page's ``<base href>``): link
    rel=canonical, og:url, then the JSON-LD url."""
    candidates = [src.links.get("canonical"), src.first_meta(["og:url"]), _node_url(src.article or {})]
    for value in candidates:
        if value and value.strip():
            absolute = resolved_url(doc.base_url, value.strip())
            if absolute and absolute.startswith(("http://", "https://")):
                return absolute
    return None


def headline(doc: Document, src: Sources, marks: Marks) -> str | None:
    """The headline most of the page's sources agree on (JSON-LD, og:title, <h1>, twitter:title,
    microdata, <title>), site names removed; ties go to the earlier source in that list. When the
    winner differs from the page's visible heading only in typography (quote marks, dashes, ellipsis),
    the heading's typeset text is kept: meta tags often write plain ASCII for it. An <h1> that only
    repeats the part of the <title> after the headline ("Headline | Blog Name") is the site's name."""
    sites = site_names(doc, src)
    raw = [text_of(src.article_value("headline")) or text_of(src.article_value("name")),
           src.first_meta(["og:title"]), None, src.first_meta(["twitter:title"]),
           _microdata_headline(src, sites), src.first_meta(metadata_rules()["headline_meta"]), src.title]
    titles = _clean_titles(raw, sites)
    raw[2] = heading = _page_heading(marks, src.headings, sites, [_key(titles[value]) for value in raw if value])
    if heading and _names_the_site(heading, src.title, [value for value in raw[:2] + raw[3:6] if value], sites):
        sites, heading, raw[2] = [*sites, _key(heading)], None, None
        titles = _clean_titles(raw, sites)
    elif heading:
        titles.update(_clean_titles([heading], sites))
    named = {value for value in raw if value and _key(value) in sites}  # the site's own name is no headline
    if named and any(value and value not in named for value in raw):
        raw = [None if value in named else value for value in raw]
    if raw[0]:  # one vote per kind of source: the <title> only stands in for missing JSON-LD
        raw[-1] = None
    candidates = [titles[value] for value in raw if value and len(titles[value]) > 1]
    if not candidates:
        return None
    separators = metadata_rules()["title_separators"]
    keys = [_key(c) for c in candidates]
    votes = [sum(keys[j] == keys[i] or _supports(other, c, separators) for j, other in enumerate(candidates))
             for i, c in enumerate(candidates)]
    best = candidates[max(range(len(candidates)), key=lambda i: (votes[i], -i))]
    return heading if heading and _plain_typography(heading) == _plain_typography(best) else best


def _microdata_headline(src: Sources, sites: list[str]) -> str | None:
    """The microdata headline; when several elements claim it (a theme that marks its page header's "Blog"
    as one too), the first that the <title> reads the same as, else the first."""
    values = microdata_texts(src, "headline")
    if len(set(values)) > 1 and src.title:
        title, separators = normalize_space(src.title), metadata_rules()["title_separators"]
        key = _key(strip_site_name(title, sites))
        return next((value for value in values
                     if _key(value) == key or _supports(title, normalize_space(value), separators)), values[0])
    return values[0] if values else None


def _clean_titles(values: list[str | None], sites: list[str]) -> dict[str, str]:
    """Each title value → it with spaces normalised, mojibake fixed and site names cut (each distinct
    value once: the sources often repeat one title)."""
    return {value: strip_site_name(fix_mojibake(normalize_space(value)), sites)
            for value in dict.fromkeys(values) if value}


def _names_the_site(heading: str, title: str, others: list[str], sites: list[str]) -> bool:
    """True if ``heading`` is the trailing part of the <title> after a longer leading part
    ("Was ist virales Marketing? | DimidoBlog" and <h1>DimidoBlog</h1>), and no other source says it."""
    key, title = _key(heading), normalize_space(title or "")
    for separator in metadata_rules()["title_separators"]:
        lead, found, trail = title.rpartition(separator)
        if found and _key(trail) == key and len(lead.strip()) > len(heading):
            return not any(_key(strip_site_name(normalize_space(other), sites)) == key for other in others)
    return False


@cache
def _typography() -> dict[int, str]:
    return str.maketrans(metadata_rules()["typographic_equivalents"])


def _plain_typography(text: str) -> str:
    """``text`` with typeset quotes, dashes, ellipsis and narrow spaces written plainly, spaces collapsed."""
    return " ".join(text.translate(_typography()).split())


def _supports(value: str, candidate: str, separators: list[str]) -> bool:
    """True if ``value`` is ``candidate`` plus a separated suffix/prefix such as a section name
    (``Headline | Sport``)."""
    if len(value) <= len(candidate) or not (value.startswith(candidate) or value.endswith(candidate)):
        return False
    return any(value.startswith(candidate + sep) or value.endswith(sep + candidate) for sep in separators)


# A UTF-8 lead byte read as Latin-1/cp1252 (Ã, Â, ...) followed by a continuation byte read the same way.
_MOJIBAKE = re.compile("[ÃÂÅÆÐÑ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                       "\u2013-\u203a\u20ac\u2122]")


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 text that was decoded as Latin-1/Windows-1252 (``fÃ¼r`` → ``für``)."""
    if not _MOJIBAKE.search(text):
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return text


def _page_heading(marks: Marks, headings: list[Any], sites: list[str], declared: list[str]) -> str | None:
    """The page's own headline: the <h1>, else the <h2>/<h3> of ``headings`` (all of them, in page order)
    that a declared title reads the same as (``declared``: their comparison keys, most trusted first;
    pages whose first <h1> is a menu, section or blog label); else an <h1> classed as a title, the
    first <h1> that is not the site's name, else an <h2>/<h3> classed as a title (blog themes)."""
    if marks.h1s and declared:  # the common case, answered without reading every heading
        first = heading_text(marks.h1s[0])
        if len(first) > 3 and _key(first) == declared[0]:
            return first
    h1s = [h for h in marks.headings if h.tag == "h1"]
    others = [h for h in marks.headings if h.tag != "h1"]
    return (_declared_text(marks.h1s, declared) or _declared_text([h for h in headings if h.tag != "h1"], declared)
            or _first_text(h1s) or _first_text(marks.h1s, sites) or _first_text(others))


def _declared_text(elements: list[Any], declared: list[str]) -> str | None:
    """Text of the element that reads as the first of the ``declared`` keys that one of them reads as."""
    texts = {_key(text): text for text in map(heading_text, reversed(elements)) if len(text) > 3}
    return next((texts[key] for key in declared if key in texts), None)


def _first_text(elements: list[Any], sites: list[str] | None = None) -> str | None:
    """Text of the first element with some, skipping the site's name (blog logos in an <h1>)."""
    for element in elements:
        text = heading_text(element)
        if len(text) > 3 and not (sites and _is_site(text, sites)):
            return text
    return None


def heading_text(element: Any) -> str:
    """A heading's text without its kicker: the topline some sites set inside the <h1> above the
    headline proper (``<h1><span class="kicker">Floods</span> Coast road closed</h1>``), or its
    secondary text in a ``<small>`` (``<h1><small>Floods</small><br>Coast road closed</h1>``)."""
    if len(element) == 0:
        return normalize_space(element.text or "")
    whole = text = normalize_space("".join(part if isinstance(part, str) else " " for part in _TEXT_AND_BREAKS(element)))
    kickers = [child for child in element.iterdescendants(etree.Element) if _is_kicker(child)]
    if not kickers:
        return text
    for kicker in kickers:
        text = text.replace(normalize_space(kicker.text_content()), " ", 1) if kicker.text_content() else text
    rest = normalize_space(text).strip(" :|-–—")
    return rest if len(rest) > 3 else whole


_TEXT_AND_BREAKS = etree.XPath(".//text() | .//br", smart_strings=False)  # a <br> reads as a space


def _is_kicker(element: Any) -> bool:
    """A kicker by its class/id, or a <small>: a heading's secondary text (a topline or a subtitle)."""
    if element.tag == "small":
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}".strip().lower()
    return bool(names) and _class_pattern("kicker_classes").search(names) is not None


def site_names(doc: Document, src: Sources) -> list[str]:
    """Names the site calls itself (og:site_name, publisher, the lead of its feeds' titles, host name) as
    comparison keys (cached)."""
    if "site_names" in doc.cache:
        return doc.cache["site_names"]
    names = [src.first_meta([key]) for key in metadata_rules()["site_name_meta"]]
    publisher = src.article_value("publisher")
    names.append(text_of(publisher))
    for node in src.jsonld:
        if any(t in ("WebSite", "Organization", "NewsMediaOrganization") for t in types_of(node)):
            names.append(text_of(node.get("name")))
    for title in src.alternate_titles:  # WordPress' feeds: "Site » Feed", "Site » Comments Feed"
        lead, found, _ = title.partition(metadata_rules()["feed_title_separator"])
        names.append(lead if found else None)
    host = _split(doc.original_url).hostname or ""  # an archived page's own site, not the archive's
    generic = metadata_rules()["generic_host_labels"]
    labels = [label for label in host.split(".") if label not in generic]
    names.append("".join(labels))
    names.extend(labels[:-1])
    keys = [_key(name) for name in names if name]
    own_title = _own_title_keys(src)
    doc.cache["site_names"] = [key for key in dict.fromkeys(keys) if len(key) >= 2 and key not in own_title]
    return doc.cache["site_names"]


def _own_title_keys(src: Sources) -> set[str]:
    """Comparison keys of the page's own title where its <h1>, og:title (or the JSON-LD headline) and the start
    of its <title> all read so: no site's name, even when given as one (Neos' SEO package writes the page's
    title as og:site_name)."""
    declared = {_key(value) for value in (src.first_meta(["og:title"]), text_of(src.article_value("headline")))
                if value}
    h1s = {_key(heading_text(h1)) for h1 in src.headings if h1.tag == "h1"}
    title = _key(src.title or "")
    return {key for key in declared & h1s if title.startswith(key)}


_NOT_ALNUM = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    """``text`` for loose comparison: case-folded letters and digits only."""
    return _NOT_ALNUM.sub("", text.casefold())


def strip_site_name(title: str, sites: list[str]) -> str:
    """``title`` without a leading or trailing site-name part (``Headline | Site``, ``Site - Headline``)."""
    for _ in range(3):
        stripped = _strip_once(title, sites)
        if stripped == title:
            break
        title = stripped
    return title


def _strip_once(title: str, sites: list[str]) -> str:
    """``title`` less a trailing part that names the site (or is a generic label such as "Blog Archive"),
    else less such a leading one. The shortest such part is cut: "Kicker | Headline - Site" loses "Site",
    not "Headline - Site"."""
    rules = metadata_rules()

    def cut(part: str) -> bool:
        return _is_site(part, sites) or _key(part) in _generic_title_keys()

    cuts = sorted((at, len(sep)) for sep in rules["title_separators"] if sep in title for at in find_all(title, sep))
    for at, width in reversed(cuts):
        head, tail = title[:at], title[at + width:]
        if head.strip() and cut(tail):
            return head.strip()
    for sep in rules["site_prefix_separators"]:  # "Site: Headline", the site's name exactly
        lead, _, rest = title.partition(sep)
        if rest.strip() and _key(lead) in sites:
            return rest.strip()
    for at, width in cuts:
        lead, rest = title[:at], title[at + width:]
        if rest.strip() and cut(lead):
            return rest.strip()
    return title


@cache
def _generic_title_keys() -> frozenset[str]:
    """``generic_title_parts`` of the rules as comparison keys."""
    return frozenset(map(_key, metadata_rules()["generic_title_parts"]))


def _is_site(part: str, sites: list[str]) -> bool:
    key = _key(part)
    if not key:
        return bool(part.strip())  # decoration such as "☆☆☆"
    if len(part.split()) > 6:
        return False
    return any(key == site or (len(site) >= 3 and (site in key or key in site)) or _abbreviates(key, site)
               for site in sites)


def _abbreviates(key: str, site: str) -> bool:
    """True if ``key`` is most of ``site`` with letters left out ("saltsawdust" in "saltandsawdust")."""
    if len(key) < 6 or len(key) < 0.7 * len(site) or len(key) > len(site):
        return False
    letters = iter(site)
    return all(ch in letters for ch in key)


def description(src: Sources) -> str | None:
    """The declared summary: JSON-LD description, og/meta description. A value that opens with a separator
    ("| Lebanon News": a "summary | site" template whose summary was empty) is none."""
    value = text_of(src.article_value("description")) or src.first_meta(metadata_rules()["description_meta"])
    value = normalize_space(value) if value else None
    return None if not value or value.startswith("|") else value


def headline_scopes(marks: Marks, title: str | None, body: Any, levels: int = 5,
                    headings: Iterable[Any] = ()) -> list[Any]:
    """Where to look for the byline and date: the headline's ancestors, nearest first, then <body>. The
    headline is the title-classed heading or <h1> that reads as ``title``, else any of ``headings`` (every
    <h1>-<h3>) that does (DedeCMS' unclassed <h2>, below the site's logo in an <h1>), else the first <h1>."""
    wanted = _key(title or "")
    candidates = [*marks.headings, *marks.h1s, *headings] if wanted else []
    heading = next((h for h in candidates if _key(heading_text(h)) == wanted), marks.h1s[0] if marks.h1s else None)
    scopes: list[Any] = []
    node = heading.getparent() if heading is not None else None
    while node is not None and len(scopes) < levels and node.tag not in ("body", "html"):
        scopes.append(node)
        node = node.getparent()
    return scopes + [body]


def authors(doc: Document, src: Sources, bylines: Callable[[], Iterable[tuple[str, Any]]]) -> list[str]:
    """Author names: JSON-LD, microdata, then the byline near the headline (``bylines()``: candidates,
    nearest first); author meta tags last when they only name the site itself
    (``<meta name=author content="Example News">``). The site's own name beside a person's
    ("Ana Lima, Bay Courier") is the publisher's credit, not a second author: it is left out."""
    sites = site_names(doc, src)
    return _without_site([*_authors(src, sites, bylines)], sites)


def _authors(src: Sources, sites: list[str], bylines: Callable[[], Iterable[tuple[str, Any]]]) -> list[str]:
    found = authors_from_jsonld(src.article_value("author"), src.ids)
    found = found or authors_from_microdata(src.microdata.get("author", []))
    if found:
        return _displayed_names(found, src)
    declared = _declared_authors(src, sites) or _labelled_authors(src)
    if declared and not all(_is_site(name, sites) for name in declared):
        return declared
    return authors_from_markup(bylines()) or declared


def _displayed_names(names: list[str], src: Sources) -> list[str]:
    """``names``, or the author meta tag's name when ``names`` is one user login ("ana.lima",
    "ana-lima") that it spells: the full name the site displays for that account ("Ana Lima")."""
    if len(names) != 1 or not _LOGIN.match(names[0]):
        return names
    declared = _declared_authors(src)
    shown = declared[0] if len(declared) == 1 else ""
    return declared if " " in shown and _key(shown) == _key(names[0]) else names


_LOGIN = re.compile(r"^[a-z0-9]+(?:[._-][a-z0-9]+)+$")  # lower case, words joined by '.', '_' or '-'


def _declared_authors(src: Sources, sites: list[str] | None = None) -> list[str]:
    """Names from the first author meta key that gives some; a key repeated in several tags names
    one author per tag, and a catalogue key's lone "Family, Given" is one name ("Brazil, Rachel"). A value
    that reads as a whole like one of ``sites`` (the copyright holder and its address, "Verlag GmbH, Nürnberg,
    Germany") gives its first part only: the rest is no author."""
    catalogue = metadata_rules()["family_name_first_meta"]
    for key in metadata_rules()["author_meta"]:
        values = [value.partition(",")[0] if sites and _key(value) in sites else value
                  for value in src.meta.get(key, ()) if value.strip() and not _credits_software(value, src)]
        one_name = len(values) == 1 and key in catalogue and _FAMILY_GIVEN.match(values[0]) is not None
        names = authors_from_tags(values) if len(values) > 1 or one_name else authors_from_meta(values[:1])
        if names:
            return names
    return []


def _credits_software(value: str, src: Sources) -> bool:
    """True for an author meta value that credits the software the generator meta names: Discuz! writes
    ``<meta name="author" content="Discuz! Team and Comsenz UI Team">`` beside ``generator`` "Discuz! X3.4"."""
    generator = (src.first_meta(["generator"]) or "").split()
    product = _key(generator[0]) if generator else ""
    return len(product) >= 3 and product in _key(value)


def _labelled_authors(src: Sources) -> list[str]:
    """Names from a labelled meta pair that says who wrote the page: ``twitter:label1`` "Written by"
    (or "Verfasst von", ...) and ``twitter:data1`` "Ana Lima", as SEO plugins write them."""
    for number in range(1, 5):
        label = src.first_meta([f"twitter:label{number}"])
        if label and is_byline_label(label):
            return authors_from_meta([src.first_meta([f"twitter:data{number}"])])
    return []


_FAMILY_GIVEN = re.compile(r"^\s*[^\s,]+,\s*[^\s,]+\s*$")  # one word, a comma, one word


def _without_site(names: list[str], sites: list[str]) -> list[str]:
    """``names`` without the site's own name, unless nobody else is named."""
    people = [name for name in names if not _names_site(name, sites)]
    return people or names


def names_no_person(doc: Document, names: Iterable[str]) -> bool:
    """True when ``names`` (a record's authors) name nobody but the site itself ("STERN.de", "VnExpress"), or
    nobody at all: a name the page shows elsewhere may then do better."""
    sites = site_names(doc, page_sources(doc))
    return all(_names_site(name, sites) for name in names)


def _names_site(name: str, sites: list[str]) -> bool:
    """True if author ``name`` is the site itself: its name ("STERN.de"), a name opening with it as a
    word ("MDR THÜRINGEN" on mdr.de) or with it whole if long enough ("Bay Courier Online")."""
    key, first = _key(name), _key(name.split()[0]) if name.split() else ""
    return any(key == site or (len(site) >= 3 and first == site) or (len(site) >= 5 and key.startswith(site))
               for site in sites)


def date_published(src: Sources, shown: Callable[[], Iterable[tuple[str, Any]]]) -> str | None:
    """datePublished: JSON-LD, meta tags, microdata, then dates shown near the headline (``shown()``:
    candidates for :func:`date_from_markup`, nearest first)."""
    rules = date_rules()
    candidates: list[Any] = [src.article_value("datePublished"), src.article_value("dateCreated")]
    candidates += [src.first_meta([key]) for key in rules.published_meta]
    candidates.append(microdata_text(src, "datepublished"))
    found = first_date(candidates)
    if found:
        return found
    # a generic date tag (``date``, ``dc.date``) is often the last edit: the date shown near the headline
    # wins, and only lends its day to the tag's more precise time
    on_page = date_from_markup(shown())
    generic = first_date([src.first_meta([key]) for key in rules.generic_date_meta])
    if on_page and generic and generic[:10] != on_page[:10]:
        return on_page
    return generic or on_page


def date_modified(doc: Document, src: Sources) -> str | None:
    """dateModified: JSON-LD, then meta tags and microdata, then the first ``<time>`` that it or its parent
    classes as the last edit (hAtom's ``<time class="updated">``, which WordPress themes print beside the
    publication date; Joomla's ``<dd class="modified"><time>``)."""
    candidates: list[Any] = [src.article_value("dateModified")]
    candidates += [src.first_meta([key]) for key in date_rules().modified_meta]
    candidates.append(microdata_text(src, "datemodified"))
    updated = (time.get("datetime") for time in _links_and_times(doc)[1] if is_last_edit(time, only=False))
    return first_date(candidates) or first_date([next(updated, None)])


def _links_and_times(doc: Document) -> tuple[list[Any], list[Any]]:
    """The body's links and ``<time>`` elements, page order (cached): the fallbacks of tags, section and
    dateModified read them, found in one pass over the element tags already listed (no tree walk)."""
    found = doc.cache.get("links_and_times")
    if found is None:
        elements, tags = doc.columns[0], doc.columns[1]
        indexes = tag_indexes(doc, ("a", "time"))
        found = doc.cache["links_and_times"] = ([elements[i] for i in indexes if tags[i] == "a"],
                                                  [elements[i] for i in indexes if tags[i] == "time"])
    return found  # type: ignore[no-any-return]


def language(src: Sources) -> str | None:
    """BCP 47 tag: JSON-LD inLanguage, <html lang>, then content-language / og:locale meta."""
    candidates = [text_of(src.article_value("inLanguage")), src.lang,
                  src.first_meta(metadata_rules()["language_meta"])]
    for value in candidates:
        tag = normalize_language(value or "")
        if tag:
            return tag
    return None


def normalize_language(value: str) -> str | None:
    """``de_DE`` → ``de-DE``, ``EN`` → ``en``, ``zh-hant-tw`` → ``zh-Hant-TW``; junk → None."""
    match = re.match(r"^\s*([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?\b", value)
    if not match:
        return None
    lang = match.group(1).lower()
    if lang in ("und", "xx", "mul"):
        return None
    script, region = match.group(2), match.group(3)
    parts = [lang] + ([script.title()] if script else []) + ([region.upper()] if region else [])
    return "-".join(parts)


def keywords(doc: Document, src: Sources) -> list[str]:
    """Tags and keywords, from the first source that gives any: article:tag (the post's tags), JSON-LD keywords
    (at times an SEO plugin's focus keyword), microdata keywords, news_keywords, the page's tag links
    (:func:`tag_links`), then the keywords meta tag (often the whole site's, or generated from the text)."""
    rules = metadata_rules()
    sources: list[Any] = [src.meta.get(key) for key in rules["tag_meta"]]
    sources += [src.article_value("keywords"), microdata_texts(src, "keywords", shown=True)]  # (Joomla's tags)
    sources += [src.meta.get(key) for key in rules["keywords_meta"]]
    for value in sources:
        words = _split_keywords(value)
        if words and not all(map(_IDENTIFIER.fullmatch, words)):  # "cat_neurology,k1_brain": a feed's codes
            return words
    return tag_links(doc) or _site_keywords(src)


def _site_keywords(src: Sources) -> list[str]:
    """The words of the first keywords meta tag that gives some, unless it repeats the page's description (a CMS
    that fills one from the other: a sentence cut at its commas is no list of keywords)."""
    summary = _key(description(src) or "")
    for key in metadata_rules()["site_keywords_meta"]:
        values = src.meta.get(key) or []
        words = _split_keywords(values)
        if words and not (summary and _key(" ".join(values)) == summary):
            return words
    return []


_MAX_TAG_LINKS = 30  # more: a tag cloud, not one post's tags
_COUNT = re.compile(r"\s*\(\d+(?: \w+)?\)$")  # "Joe Biden (233)", "2020 Election (611 posts)": a list's count


def tag_links(doc: Document) -> list[str]:
    """The page's tags from its links, in page order: links marked as tags (``rel="tag"``; not a category link,
    see :func:`_is_category_link`), else links to a tag's page (``tag_url_patterns`` of
    ``rules/metadata.json``) outside tag clouds, sidebars and menus; [] for a tag cloud."""
    links = _links_and_times(doc)[0]
    names = [link.text_content() for link in links
             if "tag" in (link.get("rel") or "").lower().split() and not _is_category_link(link)]
    if not names:
        hrefs = [link.get("href") or "" for link in links]
        tag_url = _tag_url().search
        if tag_url("\n".join(hrefs)):  # one search first: most pages link no tag page
            names = [link.text_content() for link, href in zip(links, hrefs)
                     if tag_url(href) and _on_site(doc, href) and not _in_tag_box(link)]
    if not names:
        names = [link.text_content() for link in _tag_list_links(doc) if _on_site(doc, link.get("href"))]
        names = [name for name in names if not name.strip().endswith(":")]  # a label ("Themen:") linked too
    names = [_COUNT.sub("", normalize_space(name)).lstrip("#") for name in names]
    spellings: dict[str, str] = {}  # (one tag written twice in different case: its first spelling)
    for name in names:
        if name and len(name) < 100:
            spellings.setdefault(name.casefold(), name)
    return list(spellings.values()) if len(spellings) <= _MAX_TAG_LINKS else []


@cache
def _tag_url() -> re.Pattern[str]:
    return re.compile("|".join(metadata_rules()["tag_url_patterns"]), re.IGNORECASE | re.MULTILINE)  # ($: a line's end)


def _in_tag_box(link: Any) -> bool:
    """True for a link in a box of other tags than the page's: a tag cloud, a sidebar, a menu (by class or id,
    ``tag_list_exclude_words``), a <nav> or an <aside>. Not a footer: an article's own footer lists its tags.
    Only the boxes inside the link's <article> count, if it has one: an <aside> there is the post's own (Drupal's
    tag field), and a theme's wrapper around the post and its sidebar ("content-sidebar-wrap") holds no tag box."""
    words = metadata_rules()["tag_list_exclude_words"]
    in_article = next(link.iterancestors("article"), None) is not None
    for node in link.iterancestors():
        if node.tag in ("body", "html", "article"):  # (the page's classes describe the page; see above)
            return False
        names = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if node.tag == "nav" or (node.tag == "aside" and not in_article) or any(word in names for word in words):
            return True
    return False


def _tag_list_links(doc: Document) -> list[Any]:
    """The links of the first box whose class or id names it a list of tags (``tag_list_words``: ``post_tags``,
    ``field-name-field-tags``) and that is no tag cloud, sidebar or menu (:func:`_in_tag_box`); [] without one."""
    for element in named_elements(doc, *_tag_list_words()):
        if element.tag in ("body", "html"):  # (their classes describe the page)
            continue
        links = [link for link in element.iter("a") if link.get("href")]
        if links and not _in_tag_box(links[0]):  # (the box is one of the link's ancestors)
            return links
    return []


def _on_site(doc: Document, href: str) -> bool:
    """True for a link to a page of the page's own site (a host that is the page's, less "www.", or one of its
    subdomains): a link to another site's tag page (Instagram's /explore/tags/...) names no tag of this post."""
    href = href.strip()
    target = href if href.startswith(("http://", "https://")) else resolved_url(doc.base_url, href)
    if not target or not target.startswith(("http://", "https://")):
        return False
    host, own = _site_of(target), _site_of(doc.url)
    return host == own or host.endswith("." + own) or own.endswith("." + host)


@lru_cache(maxsize=1024)
def _site_of(url: str) -> str:
    """The host of ``url``, lower case, less a leading "www."."""
    return host_of(url).removeprefix("www.")


@cache
def _tag_list_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """``tag_list_words``, and the pieces to search the page's class and id values for (:func:`search_parts`)."""
    words = metadata_rules()["tag_list_words"]
    return frozenset(words), search_parts(words)


def _split_keywords(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    words: list[str] = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        if isinstance(item, str):
            words += [normalize_space(w) for w in re.split(r"[,;]", item)]
    return list(dict.fromkeys(filter(_is_keyword, words)))


def _is_keyword(word: str) -> bool:
    """False for what a keywords list holds besides keywords: nothing, a sentence, a path or address, lone
    punctuation ('"', '...'), an id number ('100312362'; a year or '360' is kept)."""
    return (0 < len(word) < 100 and not word.startswith(_NOT_A_WORD) and _WORD_CHARACTER.search(word) is not None
            and not (word.isdigit() and len(word) > 4))


_IDENTIFIER = re.compile(r"[a-z0-9]+(?:_[a-z0-9-]+)+")  # a taxonomy code, not a tag a reader sees
_NOT_A_WORD = ("/", "http://", "https://")  # a path or an address left in a keywords list
_WORD_CHARACTER = re.compile(r"[^\W_]")  # a letter or a digit, in any script


_MAX_SECTION = 60  # characters: a longer declared "section" is a sentence that a theme or CMS marked up wrongly


_LIST_COMMA = re.compile(r",(?![^()]*\))")  # a comma between list items, not one inside parentheses


def section(doc: Document, src: Sources, title: str | None = None, authors: Iterable[str] = ()) -> str | None:
    """articleSection: JSON-LD, article:section and similar meta, microdata (articleSection, or genre as Joomla
    marks its category); else the page's first category link (:func:`_is_category_link`); else the section its
    breadcrumb trail puts it in (:func:`breadcrumb_section`; a columnist's crumb, naming one of ``authors``, is
    the column, not the section). Of a declared list ("News, Politics", as SEO plugins join a post's categories)
    the first, the primary category."""
    value = next(filter(None, map(_primary_section, _declared_sections(src))), None)
    if not value:
        # (not by its URL alone: menus link every category of the site so)
        value = next((link.text_content() for link in _links_and_times(doc)[0]
                      if link.get("rel") and _is_category_link(link, by_url=False)), None)  # (most links: no rel)
    if not value or not value.strip():
        value = breadcrumb_section(doc, src.jsonld, [src.links.get("canonical"), src.first_meta(["og:url"])], title,
                                   authors)
    return normalize_space(value) or None if value else None


def _declared_sections(src: Sources) -> Iterator[str | None]:
    """The sections the page declares, most trusted first (read lazily: most pages stop at the first)."""
    yield text_of(src.article_value("articleSection"))
    yield src.first_meta(metadata_rules()["section_meta"])
    yield from microdata_texts(src, "articlesection", shown=True)
    yield from microdata_texts(src, "genre", shown=True)


def _primary_section(value: str | None) -> str | None:
    """The first of a declared list of sections; None for a text too long to name one (a CMS that fills
    articleSection with the article's summary)."""
    first = next((part for part in _LIST_COMMA.split(value) if part.strip()), "") if value else ""
    return first if first and len(first.strip()) <= _MAX_SECTION else None


def _is_category_link(link: Any, by_url: bool = True) -> bool:
    """True for a link to one of the post's categories: ``rel="category tag"`` (WordPress' classic themes), or a
    ``rel="tag"`` link inside a category list (``category_classes``: the block themes' ``taxonomy-category``),
    marked as the articleSection or (``by_url``) to a category page (``category_url_patterns``)."""
    rel = (link.get("rel") or "").lower().split()
    if "category" in rel:
        return True
    if "tag" not in rel:
        return False
    if (link.get("itemprop") or "").lower() in ("articlesection", "genre") \
            or (by_url and _category_url().search(link.get("href") or "")):
        return True
    parent = link.getparent()
    return parent is not None and not _category_classes().isdisjoint((parent.get("class") or "").lower().split())


@cache
def _category_url() -> re.Pattern[str]:
    return re.compile("|".join(metadata_rules()["category_url_patterns"]), re.IGNORECASE)


@cache
def _category_classes() -> frozenset[str]:
    return frozenset(metadata_rules()["category_classes"])


def main_image(doc: Document, src: Sources) -> dict[str, str] | None:
    """The lead image, absolute: og:image, JSON-LD image, twitter:image, link rel=image_src; the
    site's logo or a default share picture (``.../logo.png``, ``default-og.jpg``), and a file of the site's
    design (its theme's folder, an icon: :func:`~newscrawler.extract.images.is_design_file`) are skipped."""
    candidates = [src.first_meta(["og:image", "og:image:url", "og:image:secure_url"]),
                  _image_url(src.article_value("image")), src.first_meta(metadata_rules()["image_meta"]),
                  src.links.get("image_src"), microdata_text(src, "image")]
    skip = metadata_rules()["image_skip_words"]
    if not any(candidates):
        candidates.append(_featured_image(doc))
    for value in candidates:
        if value and value.strip() and not value.strip().startswith("data:"):
            absolute = resolved_url(doc.base_url, value.strip()) or ""
            name = _split(absolute).path.rsplit("/", 1)[-1].lower()
            if absolute.startswith(("http://", "https://")) and not any(word in name for word in skip) \
                    and not is_design_file(absolute):
                return {"url": absolute}
    return None


def _featured_image(doc: Document) -> str | None:
    """The address (:func:`~newscrawler.extract.images.picture_source`: a lazy-loading attribute before ``src``)
    of the first image classed as the post's featured image (``featured_image_classes``: WordPress'
    ``wp-post-image``) that is not inside a link to another page (the thumbnails of related posts carry the same
    class)."""
    for img in _featured_image_xpath()(doc.body):
        if not links_elsewhere(img, doc.base_url, doc.url):
            return picture_source(img) or None
    return None


@cache
def _featured_image_xpath() -> etree.XPath:
    classes = " or ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"
                          for name in metadata_rules()["featured_image_classes"])
    return etree.XPath(f".//img[{classes}]")


def _image_url(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl") or value.get("@id")
    return value if isinstance(value, str) else None
