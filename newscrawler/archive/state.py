"""Crawl state: what each archive folder already holds, in SQLite (``<output>/<site>/state.sqlite``).

The state remembers every archived article (URL, canonical URL, content hash, a hash of content
and comments, when it was fetched, which crawl wrote it), and the last full WARC capture of each
URL and payload digest (for revisit records, ``newscrawler.archive.warc``). It is what makes crawls
incremental and crash-safe:

- :class:`SkipArchivedMiddleware` drops requests for archived articles before they are scheduled,
  unless the article was fetched longer ago than NEWSCRAWLER_REFRESH_AFTER;
- ``DedupePipeline`` (``newscrawler.pipelines``) asks :meth:`CrawlState.duplicate` whether a record
  was archived already (in this crawl, or unchanged in an earlier one);
- :class:`RememberArchivedPipeline` (after the JSONL writer) remembers each written record.

The JSONL files are the truth; the state is rebuilt from them where it may lag: when a folder is
opened, a killed crawl's WARC files are repaired and indexed, torn JSONL lines are cut off, and the
records of JSONL files that changed since the state last saw them (a killed crawl) are remembered. With NEWSCRAWLER_STATE off the same state lives in
memory for one crawl only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, AsyncIterator, Iterable, Iterator

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

from newscrawler.archive.jsonl import as_record, repair_jsonl
from newscrawler.archive.sqlite import BatchedWrites, retry_while_locked
from newscrawler.archive.warc import Capture, finish_unclosed
from newscrawler.urls import site_name

logger = logging.getLogger(__name__)

STATE_FILE = "state.sqlite"

#: A crawl that is the folder's only writer commits its state changes at most this often (seconds):
#: one transaction per change cost 0.15 ms; a killed crawl loses nothing, since the state is caught
#: up from the JSONL files, which are the truth.
COMMIT_INTERVAL = 1.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    url TEXT PRIMARY KEY,
    canonical TEXT,
    content_hash TEXT,
    state_hash TEXT,
    fetched_at TEXT,
    crawl TEXT,
    confirmed INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS articles_canonical ON articles (canonical);
CREATE INDEX IF NOT EXISTS articles_content ON articles (content_hash);
CREATE TABLE IF NOT EXISTS jsonl_files (name TEXT PRIMARY KEY, size INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS captures (
    uri TEXT NOT NULL,
    digest TEXT NOT NULL,
    file TEXT NOT NULL,
    offset INTEGER NOT NULL,
    length INTEGER NOT NULL,
    record_id TEXT NOT NULL,
    date TEXT NOT NULL,
    PRIMARY KEY (uri, digest)
) WITHOUT ROWID;
"""

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_duration(text: str) -> timedelta:
    """``30m``, ``12h``, ``7d``, ``2w`` → a timedelta; ValueError for anything else."""
    match = _DURATION.match(text or "")
    if not match:
        raise ValueError(f"not a duration like 12h or 7d: {text!r}")
    return timedelta(**{_UNITS[match.group(2)]: float(match.group(1))})


def state_hash(record: dict[str, Any]) -> str:
    """sha256 of what a refresh may change: the content hash and the comments."""
    comments = [[c.get("commentId"), c.get("parentId"), c.get("author"), c.get("text")]
                for c in record.get("comments") or []]
    payload = json.dumps([record.get("contentHash"), comments], ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _parse_time(value: str | None) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value or "")
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


class CrawlState:
    """The archived articles of one archive folder (``path`` of a SQLite file, or ``:memory:``).

    With ``batched`` (the crawl is the folder's only writer) changes are committed every
    COMMIT_INTERVAL seconds and at :meth:`close`, not one by one (distributed workers on one machine
    share the file: they commit each change, so none holds the write lock for long)."""

    def __init__(self, path: Path | str, crawl: str, batched: bool = False) -> None:
        self.path = path
        self.crawl = crawl
        self.batched = batched
        self.db = sqlite3.connect(str(path), isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.writes = BatchedWrites(self.db, COMMIT_INTERVAL)
        retry_while_locked(self._set_up)

    def _set_up(self) -> None:
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA cache_size=-1024")  # 1 MiB: lookups are by URL, spread over the file anyway
        self.db.executescript(_SCHEMA)

    def _write(self, sql: str, params: Iterable[Any]) -> sqlite3.Cursor:
        """Run one change: in the open batch (committed when COMMIT_INTERVAL has passed), or on its own."""
        return self.writes.execute(sql, params) if self.batched else self.db.execute(sql, tuple(params))

    def commit(self) -> None:
        """Commit the open batch of changes, if any."""
        self.writes.commit()

    def find(self, urls: Iterable[str | None]) -> sqlite3.Row | None:
        """The archived article known under any of ``urls`` (as its URL or its canonical URL)."""
        keys = [u for u in dict.fromkeys(urls) if u]
        if not keys:
            return None
        marks = ",".join("?" * len(keys))
        return self.db.execute(f"SELECT * FROM articles WHERE url IN ({marks}) OR canonical IN ({marks}) LIMIT 1",
                               [*keys, *keys]).fetchone()

    def is_fresh(self, url: str, max_age: timedelta | None) -> bool:
        """Whether ``url`` is an article archived by an earlier crawl and fetched less than ``max_age``
        ago (None: ever). Only the URL an article was fetched from counts: a canonical URL may name a
        hub page. (Within one crawl, Scrapy's duplicate filter already fetches each URL once.)"""
        row = self.db.execute("SELECT fetched_at FROM articles WHERE url = ? AND confirmed AND crawl != ?",
                              (url, self.crawl)).fetchone()
        if row is None:
            return False
        fetched = _parse_time(row["fetched_at"])
        return max_age is None or fetched is None or _now() - fetched < max_age

    def duplicate(self, record: dict[str, Any]) -> str | None:
        """Why ``record`` must not be written again (``duplicate_url``, ``unchanged``,
        ``duplicate_content``), or None when it is new or changed since it was archived."""
        urls = [record.get("canonicalUrl"), record.get("url")]
        row = self.find(urls)
        if row is not None:
            if row["crawl"] == self.crawl:
                return "duplicate_url"
            if row["state_hash"] == state_hash(record):
                self._write("UPDATE articles SET fetched_at = ? WHERE url = ?",
                            (record.get("fetchedAt") or _now().isoformat(timespec="seconds"), row["url"]))
                return "unchanged"
            return None
        same = self.db.execute("SELECT 1 FROM articles WHERE content_hash = ? LIMIT 1",
                               (record.get("contentHash"),)).fetchone()
        return "duplicate_content" if same and record.get("contentHash") else None

    def remember(self, record: dict[str, Any], crawl: str | None = None, confirmed: bool = True) -> None:
        """Remember a record (replacing what was known of its URL): ``confirmed`` once it is in the
        archive, unconfirmed while it is on its way there (forgotten if the crawl dies first)."""
        self._write("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (record["url"], record.get("canonicalUrl"), record.get("contentHash"), state_hash(record),
                     record.get("fetchedAt"), crawl or self.crawl, int(confirmed)))

    def confirm(self, record: dict[str, Any]) -> None:
        """Mark ``record`` as in the archive: one UPDATE when this crawl remembered it on its way there
        (unconfirmed), else :meth:`remember` it."""
        cursor = self._write("UPDATE articles SET confirmed = 1 WHERE url = ? AND crawl = ? AND NOT confirmed",
                             (record["url"], self.crawl))
        if cursor.rowcount != 1:
            self.remember(record)

    def capture(self, uri: str, digest: str) -> Capture | None:
        """The last full WARC capture of ``uri`` with payload ``digest`` remembered in this folder, if any."""
        row = self.db.execute("SELECT file, offset, length, record_id, date FROM captures WHERE uri = ? AND digest = ?",
                              (uri, digest)).fetchone()
        return Capture(*row) if row else None

    def remember_capture(self, uri: str, digest: str, capture: Capture) -> None:
        """Remember a full WARC capture of ``uri`` with payload ``digest`` (replacing an earlier one)."""
        self._write("INSERT OR REPLACE INTO captures VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (uri, digest, capture.file, capture.offset, capture.length, capture.record_id, capture.date))

    def catch_up(self, folder: Path) -> int:
        """Cut torn lines off the folder's JSONL files and remember the records of every file that
        changed since the state last saw it; return how many records were read."""
        count = 0
        self.commit()
        self.db.execute("DELETE FROM articles WHERE NOT confirmed")
        for path in sorted(folder.glob("*.jsonl")):
            repair_jsonl(path)
            known = self.db.execute("SELECT size FROM jsonl_files WHERE name = ?", (path.name,)).fetchone()
            size = path.stat().st_size
            if known and known[0] == size:
                continue
            start = known[0] if known and known[0] < size else 0
            count += self._read_records(path, start)
        self.mark_seen(folder)
        return count

    def _read_records(self, path: Path, start: int) -> int:
        count = 0
        with path.open("rb") as handle:
            handle.seek(start)
            self.writes.begin()  # all of the file's records in one transaction
            for line in handle:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if isinstance(record, dict) and record.get("url"):
                    self.remember(record, crawl=f"file:{path.name}")
                    count += 1
            self.commit()
        return count

    def mark_seen(self, folder: Path) -> None:
        """Note the current size of every JSONL file of ``folder`` (all their records are known)."""
        for path in folder.glob("*.jsonl"):
            self.db.execute("INSERT OR REPLACE INTO jsonl_files VALUES (?, ?)", (path.name, path.stat().st_size))

    def close(self) -> None:
        """Commit and close the database."""
        self.commit()
        self.db.close()


class CrawlStates:
    """The crawl states of one crawl, one per archive folder, opened (and caught up) on first use."""

    def __init__(self, output: Path, persistent: bool, refresh_after: timedelta | None, batched: bool = False) -> None:
        self.output = output
        self.persistent = persistent
        self.batched = batched
        self.refresh_after = refresh_after
        self.crawl = _now().isoformat(timespec="microseconds")
        self.states: dict[str, CrawlState] = {}

    @classmethod
    def in_memory(cls) -> "CrawlStates":
        """States that live in memory for one crawl (no folder is read or written)."""
        return cls(Path("."), persistent=False, refresh_after=None)

    def for_url(self, url: str) -> CrawlState:
        """The state of ``url``'s archive folder."""
        site = site_name(url)
        if site not in self.states:
            self.states[site] = self._open(self.output / site)
        return self.states[site]

    def _open(self, folder: Path) -> CrawlState:
        if not self.persistent:
            return CrawlState(":memory:", self.crawl)
        folder.mkdir(parents=True, exist_ok=True)
        finish_unclosed(folder)  # a killed crawl's WARC files, even when this crawl writes none
        state = CrawlState(folder / STATE_FILE, self.crawl, batched=self.batched)
        read = state.catch_up(folder)
        if read:
            logger.info("Crawl state of %s caught up with %d archived records", folder, read)
        return state

    def close(self) -> None:
        """Note the final JSONL sizes and close every state."""
        for site, state in self.states.items():
            if self.persistent:
                state.mark_seen(self.output / site)
            state.close()  # (commits the open batch, sizes included)


def crawl_states(crawler: Crawler) -> CrawlStates:
    """The crawl states of ``crawler`` (one object shared by the middleware and the pipelines)."""
    states = getattr(crawler, "_newscrawler_states", None)
    if states is None:
        settings = crawler.settings
        refresh = settings.get("NEWSCRAWLER_REFRESH_AFTER")
        states = CrawlStates(Path(settings.get("NEWSCRAWLER_OUTPUT") or "output"),
                             persistent=settings.getbool("NEWSCRAWLER_STATE"),
                             refresh_after=parse_duration(refresh) if refresh else None,
                             batched=not settings.get("REDIS_URL") and settings.getbool("NEWSCRAWLER_LOCK"))
        crawler._newscrawler_states = states  # type: ignore[attr-defined]
        crawler.signals.connect(states.close, signal=signals.engine_stopped)
    return states


class SkipArchivedMiddleware:
    """Spider middleware: drop requests for articles already archived (and not due for a refresh)
    before they are scheduled. Comment pages (``dont_filter``) always go through."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.states = crawl_states(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "SkipArchivedMiddleware":
        return cls(crawler)

    def _keep(self, obj: Any) -> bool:
        if not isinstance(obj, Request) or obj.dont_filter:
            return True
        if self.states.for_url(obj.url).is_fresh(obj.url, self.states.refresh_after):
            self.crawler.stats.inc_value("newscrawler/skipped/archived")
            return False
        return True

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for obj in start:
            if self._keep(obj):
                yield obj

    def process_spider_output(self, response: Any, result: Iterable[Any]) -> Iterator[Any]:
        for obj in result:
            if self._keep(obj):
                yield obj

    async def process_spider_output_async(self, response: Any, result: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for obj in result:
            if self._keep(obj):
                yield obj


class SkipArchivedRedirects:
    """Downloader middleware: a redirect is not followed to an article already archived (and not
    due for a refresh). The IgnoreRequest carries ``reason = "archived"``: the spider's errback counts
    it as ``skipped/archived``, like the requests the spider middleware drops."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.states = crawl_states(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "SkipArchivedRedirects":
        return cls(crawler)

    def process_request(self, request: Request, spider: Any = None) -> None:
        if request.meta.get("redirect_urls") and not request.dont_filter and \
                self.states.for_url(request.url).is_fresh(request.url, self.states.refresh_after):
            error = IgnoreRequest(f"already archived: {request.url}")
            error.reason = "archived"  # type: ignore[attr-defined]
            raise error


class RememberArchivedPipeline:
    """After the JSONL writer: remember each written record in its folder's crawl state."""

    def __init__(self, crawler: Crawler) -> None:
        self.states = crawl_states(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RememberArchivedPipeline":
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        record = as_record(item)
        self.states.for_url(record["url"]).confirm(record)
        return item
