"""Decode and parse a page once; every extraction step reads the same tree."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import repeat
from operator import attrgetter
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree
from w3lib.encoding import html_to_unicode

_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, encoding="utf-8",
                               huge_tree=True)
# Every element is a plain HtmlElement, chosen in C: lxml.html's default lookup (special classes for
# form fields, which extraction never uses) is a Python call per element proxy (about 5 % of the run time).
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity))
#: Elements nested deeper than this are unwrapped (their content kept): absurd nesting must not
#: cut the page off (libxml2's own limit drops everything below 256 levels) nor exhaust the stack.
MAX_DEPTH = 100
_PARSER_DEPTH_LIMIT = 2048  # libxml2 (huge_tree) stops reading below this; we unwrap such pages first
_BELOW_MAX_DEPTH = etree.XPath("/*" * (MAX_DEPTH + 1))  # the elements one level deeper than allowed
_WRAPPER_TAGS = re.compile(rb"</?(?:div|span|section|font|b|i|em|strong|center|table|tbody|tr|td)\b[^>]*>",
                           re.IGNORECASE)
_EMPTY = b"<html><head></head><body></body></html>"
_TAG = attrgetter("tag")
_GET = lxml.html.HtmlElement.get  # (element, name, default): mapped over a list, in C


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Decode page bytes as a browser would: BOM, HTTP charset, meta charset, then a guess. Two
    mislabelled kinds are read as what their bytes are: a Latin-1 page labelled UTF-8, and a UTF-8 page
    labelled with a single-byte charset (its "für" would read "fÃ¼r")."""
    encoding, text = html_to_unicode(content_type, data)
    label = encoding.replace("-", "").replace("_", "").lower()
    if label == "utf8" and _latin1_posing_as_utf8(text):
        _, text = html_to_unicode("text/html; charset=cp1252", data)
    elif label.startswith(_SINGLE_BYTE_LABELS) and not data.isascii():
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass  # not UTF-8: the label is right
    return text


#: w3lib's names of the single-byte charsets that UTF-8 pages are mislabelled with (Latin-1 reads as cp1252).
_SINGLE_BYTE_LABELS = ("cp125", "iso8859", "latin", "windows125")


#: Control bytes that never occur in a text page (tab, line breaks, form feed and escape do).
_BINARY_CONTROLS = bytes(byte for byte in range(32) if byte not in b"\t\n\r\f\v\x1b")


def looks_binary(data: bytes) -> bool:
    """True for bytes that are no web page in any encoding (an image or archive served as text/html):
    more than 5 % control bytes in the first 4 KB. UTF-16/32 pages with a BOM are text."""
    head = data[:4096]
    if not head or head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False
    controls = len(head) - len(head.translate(None, _BINARY_CONTROLS))  # counted in C
    return controls > len(head) // 20


def _latin1_posing_as_utf8(text: str) -> bool:
    """True when decoding as UTF-8 failed on every non-ASCII byte (a Latin-1 page labelled UTF-8)."""
    return "\ufffd" in text and all(ch == "\ufffd" for ch in text if ord(ch) > 127)


@dataclass
class Document:
    """A parsed HTML page and its URL. Build it with :meth:`parse`."""

    url: str
    tree: Any  # lxml.html.HtmlElement (the <html> root)
    cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def parse(cls, html: str | bytes, url: str, content_type: str | None = None) -> Document:
        """Parse ``html`` (text, or bytes decoded like a browser would) fetched from ``url``."""
        text = decode_html(html, content_type) if isinstance(html, bytes) else html
        data = text.encode("utf-8", "replace")
        if b"\x00" in data:  # (in the bytes: a search several times faster than in the text)
            data = data.replace(b"\x00", b"")  # only U+0000 encodes to a zero byte
        tree = _parse(data)
        if _too_deep(tree) and _limit_depth(tree) >= _PARSER_DEPTH_LIMIT - 1:
            tree = _parse(_WRAPPER_TAGS.sub(b"", data))  # cut off by the parser: read it without wrappers
            _limit_depth(tree)
        return cls(url=url, tree=tree)

    @classmethod
    def of(cls, page: Document | str | bytes, url: str) -> Document:
        """``page`` itself if already parsed, else :meth:`parse` it."""
        return page if isinstance(page, Document) else cls.parse(page, url)

    @property
    def original_url(self) -> str:
        """The URL the page was captured from when :attr:`url` is a web archive's capture URL, else
        :attr:`url` (see :func:`original_url`)."""
        return original_url(self.url)

    @property
    def base_url(self) -> str:
        """The URL the page's relative links resolve against: its ``<base href>``, else :attr:`url`."""
        base = self.cache.get("base_url")
        if base is None:
            element = self.tree.find(".//base[@href]")
            href = element.get("href").strip() if element is not None else ""
            base = self.cache["base_url"] = resolved_url(self.url, href) or self.url if href else self.url
        return base  # type: ignore[no-any-return]

    @property
    def body(self) -> Any:
        """The <body> element (an empty one if the page has none)."""
        found = self.tree.find("body")
        return found if found is not None else self.tree

    @property
    def columns(self) -> tuple[list[Any], list[str], list[str], list[str]]:
        """Every element of :attr:`body` (itself included) in page order, as four lists: the elements,
        their tags, their class values and their id values (a missing attribute as ``""``). The
        attributes are read once per document, so that each extraction step can walk the page without
        asking lxml for them again."""
        columns = self.cache.get("elements")
        if columns is None:
            elements = list(self.body.iter(etree.Element))
            # map() over the C methods: no Python bytecode per element (twice as fast as comprehensions)
            columns = self.cache["elements"] = (elements, list(map(_TAG, elements)), _attribute(elements, "class"),
                                                _attribute(elements, "id"))
        return columns  # type: ignore[no-any-return]

    @property
    def elements(self) -> Iterator[tuple[Any, str, str, str]]:
        """:attr:`columns` row by row: ``(element, tag, class, id)`` per element, in page order."""
        return zip(*self.columns)


#: A web archive's capture URL, as the Wayback Machine, pywb and OpenWayback write it:
#: ``.../<14-digit timestamp, maybe a modifier such as id_>/<the original URL>``.
_CAPTURE_URL = re.compile(r"^https?://[^/]+(?:/[^/]+)*?/\d{8,14}(?:[a-z]{2}_)?/(https?:/{1,2}[^/].*)$", re.IGNORECASE)
_COLLAPSED_SLASHES = re.compile(r"^(https?:)/(?!/)", re.IGNORECASE)  # 'http:/host': an archive collapsed the '//'


def original_url(url: str) -> str:
    """The URL a web archive's capture URL was captured from
    (``https://web.archive.org/web/20160218174457/http://site.example/2010/05/post/`` →
    ``http://site.example/2010/05/post/``); any other URL as it is."""
    match = _CAPTURE_URL.match(url)
    if match is None:
        return url
    return _COLLAPSED_SLASHES.sub(r"\1//", match.group(1))


def resolved_url(base: str, url: str) -> str | None:
    """``url`` made absolute against ``base``; None for a malformed one (``http://[::1``)."""
    try:
        return urljoin(base, url)
    except ValueError:
        return None


def _attribute(elements: list[Any], name: str) -> list[str]:
    """The value of attribute ``name`` of each of ``elements`` ("" where it is missing)."""
    return list(map(_GET, elements, repeat(name), repeat("")))


def _parse(data: bytes) -> Any:
    """The <html> root of ``data`` (an empty document if lxml cannot make one)."""
    try:
        tree = lxml.html.document_fromstring(data or _EMPTY, parser=_PARSER)
    except (etree.ParserError, ValueError):
        tree = None
    if tree is None or not isinstance(tree.tag, str):
        tree = lxml.html.document_fromstring(_EMPTY, parser=_PARSER)
    return tree


def _too_deep(root: Any) -> bool:
    """True when some element is nested deeper than ``MAX_DEPTH`` (one XPath, no walk in Python)."""
    return bool(_BELOW_MAX_DEPTH(root))


def _limit_depth(root: Any, max_depth: int = MAX_DEPTH) -> int:
    """Unwrap (``drop_tag``) every element nested deeper than ``max_depth``, deepest first; return
    the deepest level seen before."""
    too_deep, depth, deepest = [], 0, 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
        if event == "start" and depth > max_depth and isinstance(element.tag, str):
            too_deep.append(element)
    for element in reversed(too_deep):
        element.drop_tag()
    return deepest
