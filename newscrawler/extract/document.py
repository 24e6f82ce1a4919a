"""Decode and parse a page once; every extraction step reads the same tree."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import lxml.html
from lxml import etree
from w3lib.encoding import html_to_unicode

_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, encoding="utf-8")
_EMPTY = b"<html><head></head><body></body></html>"


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Decode page bytes as a browser would: BOM, HTTP charset, meta charset, then a guess."""
    _, text = html_to_unicode(content_type, data)
    return text


@dataclass
class Document:
    """A parsed HTML page and its URL. Build it with :meth:`parse`."""

    url: str
    tree: Any  # lxml.html.HtmlElement (the <html> root)
    cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def parse(cls, html: str | bytes, url: str, content_type: str | None = None) -> "Document":
        """Parse ``html`` (text, or bytes decoded like a browser would) fetched from ``url``."""
        text = decode_html(html, content_type) if isinstance(html, bytes) else html
        data = text.replace("\x00", "").encode("utf-8", "surrogatepass" if False else "replace")
        try:
            tree = lxml.html.document_fromstring(data or _EMPTY, parser=_PARSER)
        except (etree.ParserError, ValueError):
            tree = lxml.html.document_fromstring(_EMPTY, parser=_PARSER)
        if tree is None or not isinstance(tree.tag, str):
            tree = lxml.html.document_fromstring(_EMPTY, parser=_PARSER)
        return cls(url=url, tree=tree)

    @classmethod
    def of(cls, page: "Document | str | bytes", url: str) -> "Document":
        """``page`` itself if already parsed, else :meth:`parse` it."""
        return page if isinstance(page, Document) else cls.parse(page, url)

    @property
    def body(self) -> Any:
        """The <body> element (an empty one if the page has none)."""
        found = self.tree.find("body")
        return found if found is not None else self.tree
