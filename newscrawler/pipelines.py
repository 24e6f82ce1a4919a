"""Item pipelines: clean → validate → de-duplicate. Small classes, one job each.

The archive writer (``newscrawler.archive.jsonl.JsonlArchivePipeline``) runs last.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from newscrawler.archive.jsonl import as_record
from newscrawler.archive.state import CrawlStates, crawl_states
from newscrawler.extract.boilerplate import strip_boilerplate
from newscrawler.extract.text import normalize_paragraphs, normalize_space

_ONE_LINE_FIELDS = ("headline", "description", "articleSection", "inLanguage", "canonicalUrl")


def content_hash(headline: str | None, body: str | None) -> str:
    """``sha256:<hex>`` of the cleaned headline and body: the same text gives the same hash."""
    digest = hashlib.sha256(f"{headline or ''}\n\n{body or ''}".encode("utf-8")).hexdigest()
    return f"sha256:{digest}"


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(value: Any) -> Any:
    """``value`` (str, or lists/dicts of them) without lone UTF-16 surrogates, which no UTF-8 file
    can hold (a page's JSON-LD can smuggle them in as ``\\ud800`` escapes)."""
    if isinstance(value, str):
        return _SURROGATE.sub("", value) if _SURROGATE.search(value) else value
    if isinstance(value, list):
        return [without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {k: without_surrogates(v) for k, v in value.items()}
    return value


def _unique(values: list[Any], key: Any) -> list[Any]:
    seen: set[Any] = set()
    out = []
    for value in values:
        k = key(value)
        if k not in seen:
            seen.add(k)
            out.append(value)
    return out


class CleanPipeline:
    """Normalise text (NFC, entities, zero-width characters, whitespace), strip boilerplate lines,
    drop empty and repeated list entries, and set ``contentHash``."""

    def process_item(self, item: Any) -> Any:
        record = ItemAdapter(item)
        for name in list(record.keys()):
            record[name] = without_surrogates(record[name])
        for name in _ONE_LINE_FIELDS:
            if isinstance(record.get(name), str):
                record[name] = normalize_space(record[name]) or None
        if isinstance(record.get("articleBody"), str):
            record["articleBody"] = normalize_paragraphs(strip_boilerplate(record["articleBody"])) or None
        record["authors"] = _unique([{"name": normalize_space(a["name"])} for a in record.get("authors") or []
                                     if normalize_space(a.get("name") or "")], key=lambda a: a["name"].casefold())
        record["keywords"] = _unique([normalize_space(k) for k in record.get("keywords") or [] if normalize_space(k)],
                                     key=str.casefold)
        record["relatedLinks"] = _unique([{"url": link["url"], "title": normalize_space(link.get("title") or "") or None}
                                          for link in record.get("relatedLinks") or []], key=lambda link: link["url"])
        comments = []
        for comment in record.get("comments") or []:
            comment = dict(comment)
            comment["text"] = normalize_paragraphs(comment.get("text") or "")
            if comment.get("author"):
                comment["author"] = normalize_space(comment["author"]) or None
            comments.append(comment)
        record["comments"] = _unique(comments, key=lambda c: c["commentId"])
        record["commentCount"] = len(record["comments"])
        record["contentHash"] = content_hash(record.get("headline"), record.get("articleBody"))
        return item


class ValidatePipeline:
    """Drop records that lack a required field (NEWSCRAWLER_REQUIRED_FIELDS), counting each reason."""

    def __init__(self, stats: StatsCollector, required: list[str]) -> None:
        self.stats = stats
        self.required = required

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ValidatePipeline":
        return cls(crawler.stats, crawler.settings.getlist("NEWSCRAWLER_REQUIRED_FIELDS"))

    def process_item(self, item: Any) -> Any:
        record = ItemAdapter(item)
        for name in self.required:
            if not record.get(name):
                self.stats.inc_value(f"newscrawler/dropped/missing_{name}")
                raise DropItem(f"missing {name}: {record.get('url')}")
        return item


class DedupePipeline:
    """Write each article once: drop a record whose canonical URL, URL or content hash was archived
    in this crawl, or in an earlier one and has not changed (the crawl state, newscrawler.archive.state)."""

    def __init__(self, stats: StatsCollector, states: CrawlStates | None = None) -> None:
        self.stats = stats
        self.states = states or CrawlStates.in_memory()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "DedupePipeline":
        return cls(crawler.stats, crawl_states(crawler))

    def process_item(self, item: Any) -> Any:
        record = as_record(item)
        state = self.states.for_url(record["url"])
        reason = state.duplicate(record)
        if reason:
            self.stats.inc_value(f"newscrawler/dropped/{reason}")
            raise DropItem(f"{reason.replace('_', ' ')}: {record.get('url')}",
                           log_level="INFO" if reason == "unchanged" else None)  # a refresh found nothing new
        state.remember(record, confirmed=False)
        return item
