"""Article pages versus hubs: home, section, tag, author, search and other listing pages.

Each signal (structured data, og:type, URL shape, <article> count, text length, link density) adds
its weight from ``rules/pagetype.json`` to a score; the page is an article when the score is above
the threshold. :func:`page_signals` shows which signals fired, for debugging and tests.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from .document import Document
from .metadata import page_sources, types_of


@cache
def pagetype_rules() -> dict[str, Any]:
    """Load ``rules/pagetype.json`` once, with its URL patterns compiled."""
    data = json.loads(resources.files(__package__).joinpath("rules/pagetype.json").read_text("utf-8"))
    data["hub_url"] = re.compile("|".join(data["hub_url_patterns"]), re.IGNORECASE)
    data["article_url"] = re.compile("|".join(data["article_url_patterns"]), re.IGNORECASE)
    return data


def is_article_page(doc: Document, record: dict[str, Any] | None = None) -> bool:
    """True when the page is a single article (worth a record), not a hub or listing.

    ``record`` (an extraction result), when given, lends its ``articleBody`` and ``datePublished``.
    """
    rules = pagetype_rules()
    score = sum(rules["weights"][name] for name in page_signals(doc, record))
    return score > rules["threshold"]


def page_signals(doc: Document, record: dict[str, Any] | None = None) -> list[str]:
    """Names of the signals (keys of ``weights`` in the rules) that this page shows."""
    rules = pagetype_rules()
    signals = _structured_signals(doc, record) + _url_signals(doc.original_url)
    signals += _layout_signals(doc, record)
    return [name for name in signals if name in rules["weights"]]


def _structured_signals(doc: Document, record: dict[str, Any] | None) -> list[str]:
    rules = pagetype_rules()
    src = page_sources(doc)
    article_types = set(rules["article_types"])
    articles = [node for node in src.jsonld if article_types & set(types_of(node))]
    signals: list[str] = []
    if len(articles) >= rules["many_articles"]:
        signals.append("jsonld_many_articles")
    elif articles:
        signals.append("jsonld_article")
    elif any(set(rules["listing_types"]) & set(types_of(node)) for node in src.jsonld):
        signals.append("jsonld_listing")
    og_type = (src.first_meta(["og:type"]) or "").strip().lower()
    if og_type == "article":
        signals.append("og_article")
    elif og_type == "website":
        signals.append("og_website")
    published = (record or {}).get("datePublished") or src.first_meta(["article:published_time", "datepublished"])
    if published or (src.article and src.article.get("datePublished") and articles):
        signals.append("published_time")
    return signals


def _url_signals(url: str) -> list[str]:
    rules = pagetype_rules()
    parts = urlsplit(url)
    path = parts.path or "/"
    target = path + (f"?{parts.query}" if parts.query else "")
    if path.strip("/") in ("", "index.html", "index.php", "home") and not parts.query:
        return ["front_page_url"]
    if rules["article_url"].search(path):
        return ["article_url"]
    if rules["hub_url"].search(target):
        return ["hub_url"]
    return []


def _layout_signals(doc: Document, record: dict[str, Any] | None) -> list[str]:
    rules = pagetype_rules()
    signals: list[str] = []
    articles = list(doc.body.iter("article"))
    long_ones = [a for a in articles if len(a.text_content()) >= rules["long_article_chars"]]
    if len(long_ones) == 1:
        signals.append("one_article_element")
    elif len(articles) >= rules["many_articles"] and len(long_ones) != 1:
        signals.append("many_article_elements")
    body = (record or {}).get("articleBody")
    length = len(body) if body else _paragraph_chars(doc)
    if length >= rules["long_text_chars"]:
        signals.append("long_text")
    elif length < rules["short_text_chars"]:
        signals.append("short_text")
    if _link_ratio(doc) > rules["link_heavy_ratio"]:
        signals.append("link_heavy")
    return signals


def _paragraph_chars(doc: Document, minimum: int = 80) -> int:
    """Characters in the page's longer <p> paragraphs that are not mostly a link."""
    total = 0
    for paragraph in doc.body.iter("p"):
        text = paragraph.text_content().strip()
        if len(text) >= minimum:
            linked = sum(len(a.text_content()) for a in paragraph.iter("a"))
            if linked < len(text) / 2:
                total += len(text)
    return total


def _link_ratio(doc: Document) -> float:
    """Share of the body's visible text that sits inside links."""
    text = sum(len(t.strip()) for t in doc.body.itertext(with_tail=True) if t.strip())
    if not text:
        return 1.0
    linked = sum(len(t.strip()) for a in doc.body.iter("a") for t in a.itertext() if t.strip())
    return linked / text
