"""Comment sections → a flat, threaded list of comments. (First cut; to be extended.)"""

from __future__ import annotations

from typing import Any

from .document import Document


def extract_comments(page: "Document | str | bytes", url: str = "") -> list[dict[str, Any]]:
    """Every comment on the page: ``{commentId, parentId, author, datePublished, text}``."""
    Document.of(page, url)
    return []
