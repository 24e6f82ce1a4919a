"""Re-extraction: run today's spider, extractor and pipelines over archived WARC files, offline.

The crawl is replayed through the real Scrapy engine: :class:`WarcReplayMiddleware` sits where the
WARC capture sits (next to the downloader) and answers every request from the WARC files instead
of the network, so robots.txt, redirects, decompression, sitemaps, feeds, hub pages and comment
pages all take the live crawl's code path and records come out as a live crawl makes them
(``fetchedAt`` is the replay time; ``warc`` points at the archived response). A request the WARC
files cannot answer is skipped (counted in ``newscrawler/skipped/not_in_warc``).

A revisit record (the crawl found the payload unchanged) answers with its own status line and headers
and the payload of the response record it refers to, and ``warc`` points at that response record. The
original is looked for in the WARC files given, then in the other (indexed) WARC files of their folders,
where the crawl found it; a revisit whose original is in neither is skipped (``skipped/original_not_in_warc``).
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes
from scrapy.settings import Settings
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newscrawler.archive.warc import IDENTICAL_PAYLOAD, index_path, response_record_at, whole_records_end

#: Settings of the live crawl (from warcinfo) that change which records come out; applied on replay.
REPLAYED_SETTINGS = ("NEWSCRAWLER_SINCE", "NEWSCRAWLER_FOLLOW_COMMENT_PAGES", "NEWSCRAWLER_MAX_COMMENT_PAGES",
                     "NEWSCRAWLER_REQUIRED_FIELDS", "ROBOTSTXT_OBEY")


class DamagedWarc(ValueError):
    """A WARC file that cannot be read; the message names the file and the offset."""


#: Where a record is: WARC file, offset, length.
Location = tuple[Path, int, int]


class Archived(NamedTuple):
    """A URL's archived capture: the record that answers with its status line and headers (a response,
    or a revisit), and the response record that holds its payload (None: a revisit whose original is not
    in the WARC files)."""

    record: Location
    payload: Location | None


class ResponseLocations:
    """URL → its last archived capture (response or revisit record), and each record's location and the
    record a revisit refers to, in a temporary SQLite file: memory stays flat however large the archive
    (a dict took about 280 bytes per URL)."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="newscrawler-reextract-")  # removed at exit
        self.path = Path(self._folder.name) / "responses.sqlite"
        self.db = sqlite3.connect(self.path, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=OFF")  # a scratch index: rebuilt from the WARC files every run
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("CREATE TABLE records (id TEXT PRIMARY KEY, path TEXT, offset INTEGER, length INTEGER, "
                        "refers_to TEXT, url TEXT, digest TEXT)")
        self.db.execute("CREATE TABLE last (url TEXT PRIMARY KEY, id TEXT)")

    def add(self, url: str, record_id: str, location: Location, refers_to: str | None = None,
            digest: str | None = None) -> None:
        """Note a response record of ``url`` (or, with ``refers_to``, a revisit record of that original;
        ``digest``: the payload digest): the URL's last capture so far."""
        self.add_original(url, record_id, location, refers_to, digest)
        self.db.execute("INSERT OR REPLACE INTO last VALUES (?, ?)", (url, record_id))

    def add_original(self, url: str, record_id: str, location: Location, refers_to: str | None = None,
                     digest: str | None = None) -> None:
        """Note a record that answers no request itself: the original of a revisit, from another file."""
        path, offset, length = location
        self.db.execute("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (record_id, os.fspath(path), offset, length, refers_to, url, digest))

    def missing_originals(self) -> dict[tuple[str, str], str]:
        """``(URL, payload digest) → record id`` of the originals that revisits refer to and no noted
        record is."""
        rows = self.db.execute("SELECT DISTINCT r.url, r.digest, r.refers_to FROM records r WHERE r.refers_to <> '' "
                               "AND NOT EXISTS (SELECT 1 FROM records o WHERE o.id = r.refers_to)")
        return {(url, digest): refers_to for url, digest, refers_to in rows}

    def get(self, url: str) -> Archived | None:
        """The last capture of ``url``, or None."""
        row = self.db.execute(
            "SELECT r.path, r.offset, r.length, o.path, o.offset, o.length FROM last JOIN records r ON r.id = last.id "
            "LEFT JOIN records o ON o.id = coalesce(r.refers_to, r.id) AND o.refers_to IS NULL WHERE last.url = ?",
            (url,)).fetchone()
        if row is None:
            return None
        return Archived((Path(row[0]), row[1], row[2]), (Path(row[3]), row[4], row[5]) if row[3] else None)

    def __len__(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM last").fetchone()[0])


@dataclass
class WarcIndex:
    """Where each URL's (last) capture is, and what the warcinfo records say."""

    paths: list[str] = field(default_factory=list)
    responses: ResponseLocations = field(default_factory=ResponseLocations)
    start_urls: list[str] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)


def _warcinfo_fields(record: Any) -> dict[str, str]:
    text = record.content_stream().read().decode("utf-8", "replace")
    fields = {}
    for line in text.splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields


def _refers_to(record: Any) -> str | None:
    """The record id of the response record whose payload a record has: None for a response record
    (its own), the WARC-Refers-To of a revisit of an identical payload, "" for another revisit (none)."""
    if record.rec_type == "response":
        return None
    headers = record.rec_headers
    same_payload = (headers.get_header("WARC-Profile") or "").endswith(IDENTICAL_PAYLOAD)
    return headers.get_header("WARC-Refers-To") or "" if same_payload else ""


def index_warcs(paths: list[Path]) -> WarcIndex:
    """Scan WARC files: response and revisit locations by URL (the last capture wins), start URLs, settings."""
    index = WarcIndex(paths=[os.fspath(p) for p in paths])
    for path in paths:
        offset = 0
        try:
            whole = whole_records_end(path)
            if whole != path.stat().st_size:
                raise DamagedWarc(f"{path}: damaged or torn record at offset {whole} (not a whole gzip member)")
            with path.open("rb") as handle:
                records = ArchiveIterator(handle)
                for record in records:
                    if record.rec_type == "warcinfo":
                        _note_warcinfo(index, _warcinfo_fields(record))
                    records.read_to_end(record)
                    offset = records.get_record_offset() + records.get_record_length()
                    if record.rec_type in ("response", "revisit"):
                        headers = record.rec_headers
                        where = (path, records.get_record_offset(), records.get_record_length())
                        index.responses.add(headers.get_header("WARC-Target-URI"), headers.get_header("WARC-Record-ID"),
                                            where, _refers_to(record), headers.get_header("WARC-Payload-Digest"))
        except DamagedWarc:
            raise
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError, TypeError, KeyError, zlib.error) as exc:
            reason = "".join(c if c.isprintable() else "?" for c in str(exc).strip())[:200] or type(exc).__name__
            raise DamagedWarc(f"{path}: cannot read the WARC record at or after offset {offset}: {reason}") from None
    _find_originals(index.responses, paths)
    return index


def _find_originals(responses: ResponseLocations, paths: list[Path]) -> None:
    """Note the originals of revisits that ``paths`` do not hold, from the other WARC files of their
    folders (where the crawl that wrote a revisit found its original), through those files' CDXJ
    indexes: a line of the revisit's URL and payload digest, whose record has the id it refers to."""
    wanted = responses.missing_originals()
    given = {path.resolve() for path in paths}
    for folder in dict.fromkeys(path.resolve().parent for path in paths):
        for warc in sorted(folder.glob("*.warc.gz")):
            if not wanted:
                return
            if warc.resolve() not in given and index_path(warc).is_file():
                _originals_in(warc, wanted, responses)


def _originals_in(warc: Path, wanted: dict[tuple[str, str], str], responses: ResponseLocations) -> None:
    """Note the records of ``wanted`` (see :meth:`ResponseLocations.missing_originals`) that ``warc``
    holds, and take them out of ``wanted``."""
    with index_path(warc).open(encoding="utf-8") as lines:
        for line in lines:
            try:
                fields = json.loads(line.split(" ", 2)[2])
                key = (fields["url"], fields["digest"])
            except (IndexError, ValueError, KeyError, TypeError):
                continue  # not a line of ours: nothing to find there
            if key not in wanted or fields.get("mime") == "warc/revisit":
                continue
            pointer = {"file": warc.name, "offset": fields.get("offset"), "length": fields.get("length"),
                       "recordId": wanted[key]}
            try:
                response_record_at(warc.parent, pointer)
            except LookupError:
                continue  # another capture of the same payload
            responses.add_original(key[0], wanted.pop(key), (warc, int(pointer["offset"]), int(pointer["length"])))


@lru_cache(maxsize=4)
def cached_index(paths: tuple[Path, ...]) -> WarcIndex:
    """:func:`index_warcs`, scanned once per process (the CLI and the middleware share it)."""
    return index_warcs(list(paths))


def _note_warcinfo(index: WarcIndex, fields: dict[str, str]) -> None:
    for url in fields.get("newscrawler-start-urls", "").split():
        if url not in index.start_urls:
            index.start_urls.append(url)
    try:
        recorded = json.loads(fields.get("newscrawler-settings") or "{}")
    except ValueError:
        recorded = {}
    index.settings.update({k: v for k, v in recorded.items() if k in REPLAYED_SETTINGS})


def _read_record(location: Location) -> tuple[Any, bytes]:
    """The record at ``location`` (headers read) and its payload as stored."""
    path, offset, _ = location
    with path.open("rb") as handle:
        handle.seek(offset)
        record = next(iter(ArchiveIterator(handle)))
        return record, record.raw_stream.read()


def read_response(capture: Archived, request: Request) -> Response:
    """The archived response of ``capture`` as a Scrapy response (body as served): status line and
    headers of its record, payload of the response record it holds or refers to, which ``warc`` points at."""
    record, body = _read_record(capture.record)
    original = record
    if capture.payload is not None and capture.payload != capture.record:
        original, body = _read_record(capture.payload)
    http = record.http_headers
    headers = Headers()
    for name, value in http.headers:
        headers.appendlist(name, value)
    url = record.rec_headers.get_header("WARC-Target-URI")
    cls = responsetypes.from_args(headers=headers, url=url, body=body)
    response = cls(url=url, status=int(http.get_statuscode()), headers=headers, body=body, request=request,
                   protocol=http.protocol or None)
    path, offset, length = capture.payload or capture.record
    request.meta["warc"] = {"file": path.name, "offset": offset, "length": length,
                            "recordId": original.rec_headers.get_header("WARC-Record-ID")}
    return response


class WarcReplayMiddleware:
    """Downloader middleware (next to the downloader, e.g. 950): answer each request from the WARC
    files in NEWSCRAWLER_REPLAY_WARCS; never touch the network."""

    def __init__(self, crawler: Crawler, index: WarcIndex) -> None:
        self.crawler = crawler
        self.index = index

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "WarcReplayMiddleware":
        paths = tuple(Path(p) for p in crawler.settings.getlist("NEWSCRAWLER_REPLAY_WARCS"))
        return cls(crawler, cached_index(paths))

    def process_request(self, request: Request, spider: Any = None) -> Response:
        """The archived response to ``request``; IgnoreRequest when it was not archived."""
        found = self.index.responses.get(request.url)
        if found is None or request.method != "GET":
            raise _skipped(f"not in the WARC files: {request.url}", "not_in_warc")
        if found.payload is None:
            raise _skipped(f"a revisit whose original is not in the WARC files: {request.url}", "original_not_in_warc")
        response = read_response(found, request)
        self.crawler.stats.inc_value("newscrawler/replay/served")
        return response


def _skipped(message: str, reason: str) -> IgnoreRequest:
    """An IgnoreRequest that the spider's errback counts as ``skipped/<reason>``."""
    error = IgnoreRequest(message)
    error.reason = reason  # type: ignore[attr-defined]
    return error


def reextract_settings(index: WarcIndex, overrides: dict[str, Any]) -> Settings:
    """Project settings for a replay of ``index``: the live crawl's recorded settings, answers from
    the WARC files, no WARC written, no crawl state (every archived article comes out), no waiting."""
    settings = Settings()
    settings.setmodule("newscrawler.settings", priority="project")
    middlewares = {**settings.getdict("DOWNLOADER_MIDDLEWARES"), f"{__name__}.WarcReplayMiddleware": 950}
    settings.setdict({
        **index.settings,
        "DOWNLOADER_MIDDLEWARES": middlewares,
        "NEWSCRAWLER_REPLAY_WARCS": index.paths,
        "NEWSCRAWLER_WARC": False,
        "NEWSCRAWLER_STATE": False,
        "NEWSCRAWLER_MAX_PAGES": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_DELAY": 0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        "RETRY_ENABLED": False,
        **overrides,
    }, priority="cmdline")
    return settings
