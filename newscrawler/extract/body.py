"""Main-content detection: the article's text with paragraphs kept. (First cut; to be extended.)"""

from __future__ import annotations

from .document import Document
from .text import normalize_space


def extract_body(doc: Document, headline: str | None = None) -> str:
    """The article body as plain text, paragraphs separated by one blank line."""
    paragraphs = [normalize_space(p.text_content()) for p in doc.body.iter("p")]
    return "\n\n".join(p for p in paragraphs if p)
