"""Article pages versus hubs, listings, tag, author and search pages. (First cut.)"""

from __future__ import annotations

from typing import Any

from .document import Document


def is_article_page(doc: Document, record: dict[str, Any] | None = None) -> bool:
    """True when the page is a single article (worth a record), not a hub or listing."""
    return doc.tree.find(".//article") is not None and len(doc.tree.findall(".//article")) == 1
