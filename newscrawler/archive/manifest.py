"""The manifest beside each archive file, and the crawl summary built from Scrapy's stats."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler

from newscrawler import __version__
from newscrawler.items import SCHEMA_VERSION
from newscrawler.security import redact_text

#: Settings recorded in every manifest: the ones that change what a crawl fetches or keeps.
RECORDED_SETTINGS = (
    "USER_AGENT", "ROBOTSTXT_OBEY", "CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "DOWNLOAD_DELAY",
    "AUTOTHROTTLE_ENABLED", "AUTOTHROTTLE_TARGET_CONCURRENCY", "DOWNLOAD_TIMEOUT", "DOWNLOAD_MAXSIZE",
    "RETRY_TIMES", "REDIRECT_MAX_TIMES", "URLLENGTH_LIMIT", "NEWSCRAWLER_MAX_PAGES", "NEWSCRAWLER_SINCE",
    "NEWSCRAWLER_FOLLOW_COMMENT_PAGES", "NEWSCRAWLER_MAX_COMMENT_PAGES", "NEWSCRAWLER_REQUIRED_FIELDS",
)


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes, hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _json_safe(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat(timespec="seconds")
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_json_safe(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _grouped(stats: dict[str, Any], prefix: str) -> dict[str, int]:
    return {k[len(prefix):]: v for k, v in sorted(stats.items()) if k.startswith(prefix) and isinstance(v, int)}


def crawl_summary(stats: dict[str, Any]) -> dict[str, Any]:
    """What a crawl did, from its stats: pages, articles, comments, related links, drops, errors."""
    errors = _grouped(stats, "newscrawler/errors/")
    return {
        "pagesFetched": stats.get("response_received_count", 0),
        "articles": stats.get("newscrawler/articles", 0),
        "comments": stats.get("newscrawler/comments", 0),
        "commentPages": stats.get("newscrawler/comment_pages", 0),
        "relatedLinks": stats.get("newscrawler/related_links", 0),
        "dropped": _grouped(stats, "newscrawler/dropped/"),
        "skipped": _grouped(stats, "newscrawler/skipped/"),
        "errors": errors,
        "errorCount": sum(errors.values()),
        "finishReason": stats.get("finish_reason"),
    }


def manifest_path(archive: Path) -> Path:
    """The manifest file that sits beside an archive file."""
    return archive.with_name(archive.name.split(".")[0] + ".manifest.json")


#: Files of an archive folder that a manifest must list (JSONL, WARC and their CDXJ indexes).
ARCHIVE_PATTERNS = ("*.jsonl", "*.warc.gz", "*.warc.gz.cdxj")


def listed_files(folder: Path) -> set[str]:
    """Names of the files the manifests in ``folder`` list."""
    names: set[str] = set()
    for manifest in folder.glob("*.manifest.json"):
        try:
            names.update(entry["path"] for entry in json.loads(manifest.read_text("utf-8"))["files"])
        except (ValueError, KeyError, TypeError):
            continue
    return names


def unlisted_files(archive: Path) -> list[Path]:
    """Archive files beside ``archive`` that no manifest lists yet: this crawl's WARC files, and the
    files of a crawl that was killed (and resumed by this one). A WARC file still being written
    (no CDXJ index yet) is left for the crawl writing it."""
    listed = listed_files(archive.parent) | {archive.name}
    found = sorted(p for pattern in ARCHIVE_PATTERNS for p in archive.parent.glob(pattern))
    return [p for p in found if p.name not in listed
            and not (p.name.endswith(".warc.gz") and not p.with_name(p.name + ".cdxj").exists())]


def file_entry(path: Path) -> dict[str, Any]:
    """A manifest's entry for one file: name, records (JSONL lines), bytes, sha256."""
    entry: dict[str, Any] = {"path": path.name}
    if path.name.endswith(".jsonl"):
        with path.open("rb") as handle:
            entry["records"] = sum(1 for _ in handle)
    return {**entry, "bytes": path.stat().st_size, "sha256": file_sha256(path)}


def write_manifest(archive: Path, crawler: Crawler, *, started: datetime, records: int) -> Path:
    """Write (atomically) the manifest of one archive file: files, counts, stats, settings."""
    stats = crawler.stats.get_stats()
    manifest = {
        "schemaVersion": SCHEMA_VERSION,
        "software": f"newscrawler {__version__}",
        "startTime": started.isoformat(timespec="seconds"),
        "endTime": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "startUrls": list(getattr(crawler.spider, "start_urls", [])),
        "files": [{"path": archive.name, "records": records, "bytes": archive.stat().st_size,
                   "sha256": file_sha256(archive)}, *map(file_entry, unlisted_files(archive))],
        "summary": crawl_summary(stats),
        "health": _json_safe(stats.get("newscrawler/health")),
        "settings": {name: _json_safe(crawler.settings.get(name)) for name in RECORDED_SETTINGS},
        "stats": _json_safe(stats),
    }
    path = manifest_path(archive)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(redact_text(json.dumps(manifest, ensure_ascii=False, indent=2)) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path
