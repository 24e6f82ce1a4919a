"""Boilerplate lines (share buttons, comment-form text, "Related Articles" ...), from rules data."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from .text import normalize_space


@cache
def _rules() -> tuple[frozenset[str], re.Pattern[str]]:
    data = json.loads(resources.files(__package__).joinpath("rules/boilerplate.json").read_text("utf-8"))
    exact = frozenset(normalize_space(line).casefold() for lines in data["exact"].values() for line in lines)
    patterns = [p for group in data["patterns"].values() for p in group]
    return exact, re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def is_boilerplate(line: str) -> bool:
    """True when a whole line (paragraph) is a known boilerplate phrase in any language."""
    text = normalize_space(line)
    if not text:
        return False
    exact, pattern = _rules()
    return text.casefold() in exact or pattern.fullmatch(text) is not None


def strip_boilerplate(text: str) -> str:
    """Drop boilerplate lines from a text, keeping its line and paragraph breaks."""
    return "\n".join(line for line in text.split("\n") if not is_boilerplate(line))
