"""Structured metadata: JSON-LD, OpenGraph, meta tags, microdata. (First cut; to be extended.)"""

from __future__ import annotations

from typing import Any

from .document import Document
from .text import normalize_space


def extract_metadata(doc: Document) -> dict[str, Any]:
    """Record fields the page declares in structured data (missing ones are absent)."""
    tree = doc.tree
    out: dict[str, Any] = {}
    og = {m.get("property"): m.get("content") for m in tree.iterfind(".//meta[@property]")}
    title = og.get("og:title") or (tree.findtext(".//title") or "")
    if title.strip():
        out["headline"] = normalize_space(title)
    canonical = tree.find(".//link[@rel='canonical']")
    if canonical is not None and canonical.get("href"):
        out["canonicalUrl"] = canonical.get("href")
    if og.get("article:published_time"):
        out["datePublished"] = og["article:published_time"]
    lang = tree.get("lang")
    if lang:
        out["inLanguage"] = lang
    return out
