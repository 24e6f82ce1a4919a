"""Links the crawl policy needs: outlinks, feeds, comment pages. (First cut; to be extended.)"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from .document import Document


@dataclass
class PageLinks:
    """What a page points to, as absolute URLs without fragments."""

    links: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    comment_pages: list[str] = field(default_factory=list)


def discover_links(page: "Document | str | bytes", url: str = "") -> PageLinks:
    """Outlinks, feed links (``<link rel=alternate>``) and comment-page links of a page."""
    doc = Document.of(page, url)
    found = PageLinks()
    for a in doc.tree.iterfind(".//a[@href]"):
        found.links.append(urljoin(doc.url, a.get("href")).split("#")[0])
    return found
