"""The archive record: field names, defaults and the schema version.

Field names follow schema.org / zyte-common-items ``Article`` where one exists. Every record
written to an archive carries every key below (``None`` or ``[]`` when unknown), so consumers
can rely on a fixed shape. The published JSON Schema lives in ``newscrawler/schema/``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_VERSION = "1.0"

#: Fields produced by ``newscrawler.extract.extract_article`` (pure functions of HTML + URL).
EXTRACTED_FIELDS: dict[str, Any] = {
    "canonicalUrl": None,
    "headline": None,
    "description": None,
    "articleBody": None,
    "authors": [],
    "datePublished": None,
    "dateModified": None,
    "inLanguage": None,
    "keywords": [],
    "articleSection": None,
    "mainImage": None,
    "relatedLinks": [],
    "comments": [],
    "commentCount": 0,
}

#: Fields added by the crawl: where and how the page was fetched.
PROVENANCE_FIELDS: dict[str, Any] = {
    "url": None,
    "fetchedAt": None,
    "httpStatus": None,
    "discoveredVia": None,
    "contentHash": None,
    "warc": None,
}

#: Every key of an archive record, in the order it is written.
RECORD_FIELDS: tuple[str, ...] = ("schemaVersion", "url", *EXTRACTED_FIELDS, *(
    k for k in PROVENANCE_FIELDS if k != "url"))


def empty_extraction() -> dict[str, Any]:
    """A fresh extraction result with every extracted field at its default."""
    return {k: (list(v) if isinstance(v, list) else v) for k, v in EXTRACTED_FIELDS.items()}


def complete_record(record: dict[str, Any]) -> dict[str, Any]:
    """Return ``record`` with every archive key present, in schema order."""
    defaults: dict[str, Any] = {"schemaVersion": SCHEMA_VERSION, **EXTRACTED_FIELDS, **PROVENANCE_FIELDS}
    out: dict[str, Any] = {}
    for key in RECORD_FIELDS:
        value = record.get(key, defaults[key])
        out[key] = list(value) if isinstance(value, list) and value is defaults[key] else value
    return out


@cache
def article_schema() -> dict[str, Any]:
    """The published JSON Schema of an archive record."""
    text = resources.files("newscrawler").joinpath("schema/article.schema.json").read_text("utf-8")
    return json.loads(text)
