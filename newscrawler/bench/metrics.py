"""Scoring functions of the extraction benchmark: pure, small, and unit-tested.

Body text is scored with the shingle metric of the Zyte (Scrapinghub) article-extraction
benchmark; snippets, headlines, authors and dates with simple normalised comparisons.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

_TOKEN = re.compile(r"\w+")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
SHINGLE_SIZE = 4


# --- body: the shingle metric -------------------------------------------------------------

def tokenize(text: str | None) -> list[str]:
    """Every match of ``\\w+`` (Unicode), in order."""
    return _TOKEN.findall(text or "")


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of runs of ``size`` consecutive tokens (fewer tokens: one shingle of all)."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + size]) for i in range(len(tokens) - size + 1))


@dataclass(frozen=True)
class BodyMatch:
    """One page's shingle counts, each divided by tp+fp+fn, and whether the token lists are equal."""

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float | None:
        """tp/(tp+fp) (so 1 when fp = fn = 0); None when the page has no predicted shingle."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp > 0 else None

    @property
    def recall(self) -> float | None:
        """tp/(tp+fn) (so 1 when fp = fn = 0); None when the truth has no shingle."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn > 0 else None


def body_match(predicted: str | None, truth: str | None) -> BodyMatch:
    """Compare a predicted body with the true one (per-page normalised shingle counts)."""
    pred, true = shingles(predicted), shingles(truth)
    tp: float = sum((pred & true).values())
    fp: float = sum((pred - true).values())
    fn: float = sum((true - pred).values())
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return BodyMatch(tp, fp, fn, tokenize(predicted) == tokenize(truth))


@dataclass(frozen=True)
class BodyScore:
    """Benchmark figures over pages: mean P, mean R, F1 of the means, exact-match accuracy."""

    f1: float
    precision: float
    recall: float
    accuracy: float
    pages: int


def body_score(matches: Iterable[BodyMatch]) -> BodyScore:
    """Aggregate per-page matches the way the Zyte benchmark does."""
    matches = list(matches)
    precisions = [m.precision for m in matches if m.precision is not None]
    recalls = [m.recall for m in matches if m.recall is not None]
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    accuracy = sum(m.exact for m in matches) / len(matches) if matches else 0.0
    return BodyScore(f1=f1, precision=p, recall=r, accuracy=accuracy, pages=len(matches))


# --- snippets --------------------------------------------------------------------------------

def normalize_text(text: str | None) -> str:
    """NFC, zero-width characters dropped, whitespace collapsed to single spaces. Case is kept."""
    text = unicodedata.normalize("NFC", (text or "").translate(_ZERO_WIDTH))
    return " ".join(text.split())


def contains(text: str | None, snippet: str) -> bool:
    """Whether ``snippet`` occurs in ``text`` (both whitespace-normalised; case-sensitive)."""
    needle = normalize_text(snippet)
    return bool(needle) and needle in normalize_text(text)


def count_found(snippets: Iterable[str], text: str | None) -> int:
    """How many of ``snippets`` occur in ``text``."""
    haystack = normalize_text(text)
    return sum(1 for s in snippets if (n := normalize_text(s)) and n in haystack)


# --- metadata ----------------------------------------------------------------------------------

def same_headline(predicted: str | None, truth: str | None) -> bool:
    """Exact match after whitespace normalisation (case-sensitive)."""
    return normalize_text(predicted) == normalize_text(truth)


def _key(value: str) -> str:
    return normalize_text(value).casefold()


def one_of(predicted: str | None, truth: Iterable[str]) -> bool:
    """True when ``predicted`` is one of ``truth`` (a section among the page's categories), compared as in
    :func:`set_match`."""
    return bool(predicted) and _key(predicted or "") in {_key(v) for v in truth}


def set_match(predicted: Iterable[str], truth: Iterable[str]) -> tuple[bool, float | None]:
    """(same set, share of the true values found) of author names or tags, compared whitespace-normalised
    and case-insensitive. The share is None when the truth is empty.
    """
    pred = {_key(v) for v in predicted if _key(v)}
    true = {_key(v) for v in truth if _key(v)}
    recall = len(pred & true) / len(true) if true else None
    return pred == true, recall


def parse_date(value: str | None) -> datetime | None:
    """An ISO 8601 date or date-time (``Z`` allowed), or None when unparseable."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def date_match(predicted: str | None, truth: str | None) -> tuple[bool, bool]:
    """(same instant, same calendar day) of two ISO dates.

    Both aware: compared as instants. Otherwise the naive wall-clock times are compared.
    The calendar day is the date as written (each in its own offset).
    """
    pred, true = parse_date(predicted), parse_date(truth)
    if pred is None or true is None:
        return False, False
    if pred.tzinfo is not None and true.tzinfo is not None:
        same_instant = pred == true
    else:
        same_instant = pred.replace(tzinfo=None) == true.replace(tzinfo=None)
    return same_instant, pred.date() == true.date()
