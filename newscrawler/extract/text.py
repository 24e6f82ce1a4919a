"""Text normalisation shared by extraction and the cleaning pipeline."""

from __future__ import annotations

import html
import re
import unicodedata

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_INLINE_SPACE = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def normalize_space(text: str) -> str:
    """Collapse all whitespace to single spaces and strip; for one-line fields."""
    return " ".join(clean_unicode(text).split())


def clean_unicode(text: str) -> str:
    """NFC-normalise, decode stray HTML entities and drop zero-width characters."""
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        text = _ZERO_WIDTH.sub("", text)
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        text = text.replace("\xa0", " ")
    return text


def normalize_paragraphs(text: str) -> str:
    """Clean a multi-paragraph text: one space inside lines, one blank line between paragraphs."""
    text = clean_unicode(text).replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = (" ".join(p.split()) for p in _BLANK_LINES.split(text))
    return "\n\n".join(p for p in paragraphs if p)
