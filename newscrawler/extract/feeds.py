"""Sitemaps (index, urlset, Google News) and RSS/Atom feeds → entries to crawl.

Parsed with entity resolution and network access off, so entity bombs and external entities
cannot expand; malformed XML is read as far as it goes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from typing import Literal
from urllib.parse import urljoin

from lxml import etree

from .dates import parse_date

XmlKind = Literal["sitemapindex", "urlset", "rss", "atom", "unknown"]

_ROOTS: dict[str, XmlKind] = {"sitemapindex": "sitemapindex", "urlset": "urlset", "rss": "rss",
                              "RDF": "rss", "feed": "atom"}
_ENTRY_TAGS = {"sitemap", "url", "item", "entry"}
_DATE_TAGS = ("publication_date", "lastmod", "pubDate", "published", "updated", "date", "modified")


@dataclass(frozen=True)
class FeedEntry:
    """One URL listed by a sitemap or feed, with the date it gives (ISO 8601) if any."""

    url: str
    date: str | None = None
    title: str | None = None


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def xml_kind(data: bytes) -> XmlKind:
    """What an XML document is, judged by its root element."""
    try:
        for _, root in etree.iterparse(BytesIO(data[:65536]), events=("start",), resolve_entities=False,
                                       no_network=True, recover=True, huge_tree=False):
            return _ROOTS.get(_local(root.tag), "unknown")
    except etree.LxmlError:
        pass
    return "unknown"


def parse_entries(data: bytes, base_url: str = "") -> Iterator[FeedEntry]:
    """Every entry of a sitemap, sitemap index, RSS or Atom document, in document order."""
    events = etree.iterparse(BytesIO(data), events=("end",), resolve_entities=False, no_network=True,
                             recover=True, huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        for _, elem in events:
            if _local(elem.tag) in _ENTRY_TAGS:
                entry = _entry(elem, base_url)
                elem.clear(keep_tail=False)
                if entry is not None:
                    yield entry
    except etree.LxmlError:
        return


def _entry(elem: etree._Element, base_url: str) -> FeedEntry | None:
    fields: dict[str, str] = {}
    for child in elem.iter():
        name = _local(child.tag)
        if name == "link" and child.get("href") and child.get("rel", "alternate") == "alternate":
            fields.setdefault("link", child.get("href", ""))
        elif child.text and child.text.strip() and name not in fields:
            fields[name] = child.text.strip()
    url = fields.get("loc") or fields.get("link") or (fields.get("guid") if fields.get("guid", "").startswith("http") else None)
    try:
        url = urljoin(base_url, url) if url else None
    except ValueError:  # a malformed host ("http://[::1/"): not an entry anyone can fetch
        return None
    if not url:
        return None
    date = next((d for d in (parse_date(fields[t]) for t in _DATE_TAGS if t in fields) if d), None)
    return FeedEntry(url=url, date=date, title=fields.get("title"))
