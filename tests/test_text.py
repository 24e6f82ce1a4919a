"""Text normalisation shared by extraction and the cleaning pipeline."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newscrawler.extract.text import (
    clean_unicode,
    normalize_paragraphs,
    normalize_space,
)


def test_normalize_space_collapses_whitespace_and_strips() -> None:
    assert normalize_space("  Breaking\n\tnews \u00a0 today  ") == "Breaking news today"


def test_clean_unicode_drops_zero_width_and_soft_hyphens_and_decodes_entities() -> None:
    assert clean_unicode("Zu\u00adsam\u200bmen&amp;arbeit") == "Zusammen&arbeit"
    assert clean_unicode("caf\u0065\u0301") == "caf\u00e9"  # NFC
    assert clean_unicode("plain ascii & stays") == "plain ascii & stays"
    assert clean_unicode("non\u00a0breaking") == "non breaking"


def test_normalize_paragraphs_keeps_one_blank_line_between_paragraphs() -> None:
    text = "First  line\r\nstill first.\r\n\r\n\r\n  Second\u200b paragraph. \n \n\nThird"
    assert normalize_paragraphs(text) == "First line still first.\n\nSecond paragraph.\n\nThird"


@given(st.text())
def test_normalize_space_is_idempotent_and_single_line(text: str) -> None:
    once = normalize_space(text)
    assert normalize_space(once) == once
    assert "\n" not in once and "  " not in once


@given(st.text())
def test_normalize_paragraphs_is_idempotent(text: str) -> None:
    once = normalize_paragraphs(text)
    assert normalize_paragraphs(once) == once
    assert "\n\n\n" not in once
