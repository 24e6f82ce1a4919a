"""Text normalisation shared by extraction and the cleaning pipeline."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable

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


def fold_case(text: str) -> str:
    """``text`` case-folded for comparison, with Turkish capital İ folding to a plain i (``casefold``
    gives i and a combining dot: "İlgili" would not match "ilgili")."""
    folded = text.casefold()
    return folded.replace("i\u0307", "i") if "\u0307" in folded else folded


def find_all(text: str, part: str) -> list[int]:
    """Every offset of ``part`` in ``text`` (overlapping ones too)."""
    found, at = [], text.find(part)
    while at >= 0:
        found.append(at)
        at = text.find(part, at + 1)
    return found


def normalize_paragraphs(text: str) -> str:
    """Clean a multi-paragraph text: one space inside lines, one blank line between paragraphs."""
    text = clean_unicode(text).replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = (" ".join(p.split()) for p in _BLANK_LINES.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def any_of(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern whose ``search`` finds any of ``words`` (literal text) inside a string.

    Built as a trie (``dat(?:e(?:line)?|um)``), so each position of the string is tried against one
    branch per letter instead of against every word: several times faster than ``date|dateline|datum``
    for the long word lists of the rules files. Only *whether* (and where) a word occurs is meaningful,
    not which of two overlapping words matched.
    """
    trie: dict[str, dict] = {}
    for word in words:
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return re.compile(_trie_pattern(trie) or "(?!)")


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
