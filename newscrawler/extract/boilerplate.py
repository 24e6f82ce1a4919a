"""Boilerplate lines (share buttons, comment-form text, "Related Articles" ...), from rules data.

Only whole lines are judged: a real sentence that merely contains such words is never touched,
so the same check is safe in body extraction and in the cleaning pipeline.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources
from re import _constants as _c, _parser  # the standard parser: which characters a rule's match starts with
from typing import Any

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
    exact, alternatives, openings = _rule_data()
    return exact, _alternation(tuple(range(len(alternatives)))), re.compile(
        "|".join(f"(?:{p})" for p in openings), re.IGNORECASE)


@cache
def _rule_data() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """The exact lines (comparison form), the alternatives of the short-line pattern (``patterns``, and
    ``openings`` with any end) and the openings."""
    data = json.loads(resources.files(__package__).joinpath("rules/boilerplate.json").read_text("utf-8"))
    exact = frozenset(_key(normalize_space(line)) for lines in data["exact"].values() for line in lines)
    patterns = [p for group in data["patterns"].values() for p in group]
    openings = tuple(p for group in data["openings"].values() for p in group)
    return exact, tuple([f"(?:{p})" for p in patterns] + [f"(?:{p}).*" for p in openings]), openings


@cache
def _alternation(indexes: tuple[int, ...]) -> re.Pattern[str]:
    """The short-line alternatives at ``indexes``, as one case-insensitive pattern."""
    alternatives = _rule_data()[1]
    return re.compile("|".join(alternatives[i] for i in indexes) or "(?!)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _pattern_for(first: str) -> re.Pattern[str]:
    """The short-line pattern cut down to the alternatives a line starting with ``first`` can match:
    most lines try a few of them instead of every one (the same lines match)."""
    starts = _first_characters()
    return _alternation(tuple(i for i, atoms in enumerate(starts)
                              if atoms is None or any(re.fullmatch(a, first, re.IGNORECASE) for a in atoms)))


@cache
def _first_characters() -> tuple[tuple[str, ...] | None, ...]:
    """For each short-line alternative, patterns of the characters its match can start with (None: any)."""
    return tuple(_first_atoms(list(_parser.parse(p, re.IGNORECASE))) for p in _rule_data()[1])


def _first_atoms(items: list[tuple[Any, Any]]) -> tuple[str, ...] | None:
    """Patterns of one character each, which a match of the parsed pattern ``items`` must start with;
    None when unsure or when it may match the empty string."""
    atoms, nullable = _sequence_start(items)
    return None if atoms is None or nullable else tuple(atoms)


def _sequence_start(items: list[tuple[Any, Any]]) -> tuple[list[str] | None, bool]:
    """The first-character patterns of a sequence, and whether it may match the empty string."""
    atoms: list[str] = []
    for op, av in items:
        if op is _c.AT:  # ^, $, \b: no character
            continue
        found, nullable = _item_start(op, av)
        if found is None:
            return None, False
        atoms += found
        if not nullable:
            return atoms, False
    return atoms, True


def _item_start(op: Any, av: Any) -> tuple[list[str] | None, bool]:
    """The first-character patterns of one parsed item (None: any character), and whether it may be empty."""
    if op is _c.LITERAL:
        return [re.escape(chr(av))], False
    if op is _c.IN:
        charset = _charset(av)
        return (None if charset is None else [charset]), False
    if op is _c.SUBPATTERN and not av[1] and not av[2]:  # a group that sets no flags
        return _sequence_start(list(av[3]))
    if op is _c.BRANCH:
        starts = [_sequence_start(list(branch)) for branch in av[1]]
        if any(found is None for found, _ in starts):
            return None, False
        return [a for found, _ in starts for a in found or ()], any(nullable for _, nullable in starts)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        found, nullable = _sequence_start(list(av[2]))
        return found, nullable or av[0] == 0
    return None, False  # any character, a look-ahead, a back-reference ...


_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
               "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


def _charset(items: list[tuple[Any, Any]]) -> str | None:
    """A parsed character set ``[...]`` written back as a pattern; None when it holds anything else."""
    parts: list[str] = []
    for op, av in items:
        if op is _c.NEGATE:
            parts.insert(0, "^")
        elif op is _c.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is _c.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _c.CATEGORY and str(av) in _CATEGORIES:
            parts.append(_CATEGORIES[str(av)])
        else:
            return None
    return f"[{''.join(parts)}]"


def is_boilerplate(line: str, normalized: bool = False) -> bool:
    """True when a whole line (paragraph) is a known boilerplate phrase in any language
    (``normalized``: the line is already the output of ``normalize_space``)."""
    text = line if normalized and "&" not in line else normalize_space(line)
    if not text:
        return False
    exact, _, openings = _rules()
    if len(text) > _MAX_LINE:
        return len(text) <= _MAX_NOTICE and openings.match(text) is not None
    return _key(text) in exact or _pattern_for(text[0]).fullmatch(text) is not None


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
