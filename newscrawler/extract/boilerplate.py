"""Boilerplate lines (share buttons, comment-form text, "Related Articles" ...), from rules data.

Only whole lines are judged: a real sentence that merely contains such words is never touched,
so the same check is safe in body extraction and in the cleaning pipeline.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from .text import normalize_space

#: No rule but an opening matches a longer line; longer lines skip the other regular expressions.
_MAX_LINE = 250
_MAX_NOTICE = 1000  # characters: no notice that an opening starts is longer
_TRAILER = re.compile(r"\s*(?::|…|\.\.\.)\s*$")


def _key(text: str) -> str:
    """The comparison form of a line (``text``: spaces already collapsed): case-folded, no trailing
    ':' or ellipsis."""
    if text.endswith((":", "…", "...")):
        text = _TRAILER.sub("", text)
    return text.casefold()


@cache
def _rules() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str]]:
    """The exact lines, one pattern for short lines (``patterns``, and ``openings`` with any end) and
    one for the start of long lines (``openings``)."""
    data = json.loads(resources.files(__package__).joinpath("rules/boilerplate.json").read_text("utf-8"))
    exact = frozenset(_key(normalize_space(line)) for lines in data["exact"].values() for line in lines)
    patterns = [p for group in data["patterns"].values() for p in group]
    openings = [p for group in data["openings"].values() for p in group]
    short = "|".join([f"(?:{p})" for p in patterns] + [f"(?:{p}).*" for p in openings])
    return exact, re.compile(short, re.IGNORECASE), re.compile("|".join(f"(?:{p})" for p in openings), re.IGNORECASE)


def is_boilerplate(line: str, normalized: bool = False) -> bool:
    """True when a whole line (paragraph) is a known boilerplate phrase in any language
    (``normalized``: the line is already the output of ``normalize_space``)."""
    text = line if normalized and "&" not in line else normalize_space(line)
    if not text:
        return False
    exact, pattern, openings = _rules()
    if len(text) > _MAX_LINE:
        return len(text) <= _MAX_NOTICE and openings.match(text) is not None
    return _key(text) in exact or pattern.fullmatch(text) is not None


def strip_boilerplate(text: str) -> str:
    """Drop boilerplate lines from a text, keeping its line and paragraph breaks.

    A paragraph break left doubled by a dropped line is collapsed to one blank line.
    """
    kept: list[str] = []
    for line in text.split("\n"):
        if is_boilerplate(line):
            continue
        if not line.strip() and (not kept or not kept[-1].strip()):
            continue  # no leading or doubled blank lines
        kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join(kept)
