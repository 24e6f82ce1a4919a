"""Crash-safe JSONL archive files, and the pipeline that writes records into them."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler

from newscrawler.archive.manifest import manifest_path, write_manifest
from newscrawler.items import complete_record
from newscrawler.urls import site_name


def as_record(item: Any) -> dict[str, Any]:
    """The record an item holds, as a dict: a dict item itself (no copy), any other item type converted."""
    return item if isinstance(item, dict) else ItemAdapter(item).asdict()


def repair_jsonl(path: Path) -> int:
    """Cut a torn last line (no final newline) off a JSONL file; return the bytes removed."""
    if not path.exists() or path.stat().st_size == 0:
        return 0
    with path.open("rb+") as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(0, size - 1))
        if handle.read(1) == b"\n":
            return 0
        handle.seek(0)
        data = handle.read()
        keep = data.rfind(b"\n") + 1
        handle.truncate(keep)
        return size - keep


class JsonlWriter:
    """Append records to a JSONL file, one whole line per write, flushed at once.

    A crash can at worst leave a torn last line, which :func:`repair_jsonl` removes when the file
    is opened again, so every line of the file is always one complete JSON object.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        repair_jsonl(path)
        self._file: IO[bytes] = path.open("ab")
        self.records = 0

    def write(self, record: dict[str, Any]) -> None:
        """Write one record as one line."""
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        self._file.write(line.encode("utf-8"))
        self._file.flush()
        self.records += 1

    def close(self) -> None:
        """Flush to disk and close."""
        if not self._file.closed:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()


def unused_archive_path(folder: Path, stamp: str) -> Path:
    """``<folder>/<stamp>.jsonl``, or ``<stamp>_2.jsonl``, ``<stamp>_3.jsonl``... when a crawl that started
    in the same second already wrote that name: its file and its manifest stay as they are (the names
    still sort in the order the crawls ran)."""
    path, serial = folder / f"{stamp}.jsonl", 1
    while path.exists() or manifest_path(path).exists():
        serial += 1
        path = folder / f"{stamp}_{serial}.jsonl"
    return path


class JsonlArchivePipeline:
    """Write every record, with every schema key, to ``<NEWSCRAWLER_OUTPUT>/<site>/<start>.jsonl`` (see
    :func:`unused_archive_path`), and a manifest beside each file when the crawl ends."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.output = Path(crawler.settings.get("NEWSCRAWLER_OUTPUT") or "output")
        self.started = datetime.now(timezone.utc)
        self.stamp = self.started.strftime("%Y%m%dT%H%M%SZ")
        if crawler.settings.get("NEWSCRAWLER_WORKER_ID"):  # distributed crawls: one file per worker
            self.stamp += f"-{crawler.settings.get('NEWSCRAWLER_WORKER_ID')}"
        self.writers: dict[str, JsonlWriter] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "JsonlArchivePipeline":
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def writer_for(self, url: str) -> JsonlWriter:
        """The open archive file of ``url``'s site."""
        site = site_name(url)
        if site not in self.writers:
            self.writers[site] = JsonlWriter(unused_archive_path(self.output / site, self.stamp))
        return self.writers[site]

    def process_item(self, item: Any) -> Any:
        record = complete_record(as_record(item))
        self.writer_for(record["url"]).write(record)
        stats = self.crawler.stats
        stats.inc_value("newscrawler/articles")
        stats.inc_value("newscrawler/comments", len(record["comments"]))
        stats.inc_value("newscrawler/related_links", len(record["relatedLinks"]))
        return item

    def close_spider(self) -> None:
        for writer in self.writers.values():
            writer.close()

    def spider_closed(self, spider: Any, reason: str) -> None:
        """Write a manifest beside each archive file (after the stats are final); a start site
        that gave no record still gets an (empty) archive and a manifest saying why."""
        for url in getattr(spider, "start_urls", []):
            self.writer_for(url).close()
        for writer in self.writers.values():
            write_manifest(writer.path, self.crawler, started=self.started, records=writer.records)
        self.crawler.stats.set_value("newscrawler/archive_files", [str(w.path) for w in self.writers.values()])
