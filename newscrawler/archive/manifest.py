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
                   "sha256": file_sha256(archive)}],
        "summary": crawl_summary(stats),
        "health": _json_safe(stats.get("newscrawler/health")),
        "settings": {name: _json_safe(crawler.settings.get(name)) for name in RECORDED_SETTINGS},
        "stats": _json_safe(stats),
    }
    path = manifest_path(archive)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path
