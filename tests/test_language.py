"""The text's language: guessed when the page declares none, and preferred when the page declares another."""

from __future__ import annotations

import socket

import pytest

from newscrawler.extract import extract_article, language
from newscrawler.extract.language import article_language, text_language

GERMAN = ("Der Gemeinderat hat am Dienstagabend beschlossen, die Sanierung des Hallenbads auf das kommende Jahr zu "
          "verschieben. Die Kosten seien zuletzt deutlich gestiegen, sagte der Bürgermeister, und man wolle erst die "
          "Zuschüsse des Landes abwarten, bevor die Arbeiten ausgeschrieben würden.")
FRENCH = ("Le conseil municipal a décidé mardi soir de reporter à l'année prochaine la rénovation de la piscine. "
          "Les coûts ont nettement augmenté ces derniers mois, a expliqué le maire, qui préfère attendre les aides "
          "de la région avant de lancer les travaux.")
DANISH = ("Byrådet besluttede tirsdag aften at udskyde renoveringen af svømmehallen til næste år. Udgifterne er steget "
          "markant, sagde borgmesteren, og man vil vente på tilskuddet fra regionen, før arbejdet sendes i udbud.")


def test_the_text_language_is_read_from_the_start_of_the_text() -> None:
    found = text_language(GERMAN)
    assert found is not None and found[0] == "de" and found[1] > 0.9
    assert text_language("Kurz.", min_chars=100) is None


def test_a_page_that_declares_nothing_gets_its_text_language() -> None:
    assert article_language(None, FRENCH) == "fr"
    assert article_language(None, "Bonjour.") is None  # too short to tell
    assert article_language(None, None) is None


def test_a_declared_language_stays_unless_the_text_is_clearly_in_another() -> None:
    assert article_language("en-US", GERMAN) == "de"  # a theme's default over German text
    assert article_language("de-AT", GERMAN) == "de-AT"  # the same language: the declared tag, region kept
    assert article_language("fr", "Le maire a parlé.") == "fr"  # too short to overrule the page
    assert article_language("nb", DANISH) == "nb"  # Norwegian and Danish: the model confuses them


def test_the_record_gets_the_text_language() -> None:
    html = (f'<html lang="en-US"><head><title>Hallenbad</title></head><body><article><h1>Hallenbad</h1>'
            f"<p>{GERMAN}</p><p>{GERMAN}</p></article></body></html>")
    assert extract_article(html, "https://news.example/hallenbad")["inLanguage"] == "de"


def test_the_bundled_model_is_used_and_nothing_is_downloaded(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("language detection opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    language._detector.cache_clear()
    try:
        assert article_language(None, GERMAN) == "de"
    finally:
        language._detector.cache_clear()
