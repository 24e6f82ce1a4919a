"""WARC capture: every request and response of a crawl as WARC/1.1 records, written with warcio.

Files are ``<prefix>-<UTC timestamp>-<serial>.warc.gz`` in the site's archive folder (with a worker id,
``<prefix>-<UTC timestamp>-<worker>-<serial>.warc.gz``; gzip per
record, one ``warcinfo`` record first, block and payload digests on every record), rolled over at
NEWSCRAWLER_WARC_MAX_SIZE. When a file is closed, a sorted CDXJ index is written beside it
(``<name>.cdxj``, in the format of cdxj-indexer, the indexer pywb uses: lines are written as records
are, ``<name>.cdxj.partial``, and sorted at close); a file without its index was not closed
(the crawl was killed) and is repaired before the next crawl writes to that folder: a torn last
record is cut off and set aside in ``<name>.torn``, then the index is written.

Responses are stored as served: raw status line and headers, the body before decompression
(``Content-Encoding`` kept), only ``Transfer-Encoding`` dropped because the body is stored
de-chunked. That is what ``warcio check`` verifies digests against and what replay tools (pywb)
expect from a capture.

A response whose payload is the same as that of an earlier full capture of the same URL in the same
archive folder (same WARC-Payload-Digest; remembered in the crawl state, ``state.sqlite``) is written
as a ``revisit`` record (WARC 1.1 profile identical-payload-digest: status line and headers, no
payload, WARC-Refers-To of the original), as Heritrix and wget do; NEWSCRAWLER_WARC_REVISITS turns
that off. A revisit only ever refers to a full response record that is in the folder's WARC files
(it is read back first): when in doubt the response is written in full.
"""

from __future__ import annotations

import fcntl
import heapq
import json
import logging
import os
import re
import sqlite3
import tempfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import iso_date_to_timestamp
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from newscrawler import __version__
from newscrawler.urls import site_name

logger = logging.getLogger(__name__)

#: Settings written into every warcinfo record (the ones that change what a crawl fetches or keeps).
WARCINFO_SETTINGS = ("USER_AGENT", "ROBOTSTXT_OBEY", "DOWNLOAD_MAXSIZE", "NEWSCRAWLER_MAX_PAGES",
                     "NEWSCRAWLER_SINCE", "NEWSCRAWLER_FOLLOW_COMMENT_PAGES", "NEWSCRAWLER_MAX_COMMENT_PAGES",
                     "NEWSCRAWLER_REQUIRED_FIELDS", "NEWSCRAWLER_REFRESH_AFTER")

#: How the WARC-Profile of a revisit record of an identical payload ends (WARC 1.0 and 1.1).
IDENTICAL_PAYLOAD = "/revisit/identical-payload-digest"

#: Hop-by-hop framing that no longer describes the stored (de-chunked) body.
_DROPPED_HEADERS = {b"transfer-encoding"}


def index_path(warc: Path) -> Path:
    """The CDXJ index beside a WARC file."""
    return warc.with_name(warc.name + ".cdxj")


def partial_index_path(warc: Path) -> Path:
    """The unsorted index lines of a WARC file being written."""
    return warc.with_name(warc.name + ".cdxj.partial")


def write_index(warc: Path) -> Path:
    """Index a (closed) WARC file from scratch (cdxj-indexer), sorted, beside it, atomically."""
    from cdxj_indexer.main import write_cdx_index

    target = index_path(warc)
    tmp = target.with_name(target.name + ".tmp")
    write_cdx_index(str(tmp), [str(warc)], {"sort": True})
    os.replace(tmp, target)
    partial_index_path(warc).unlink(missing_ok=True)
    return target


def _cdxj_mime(record: Any) -> str | None:
    """The ``mime`` of a CDXJ line: ``warc/revisit`` for a revisit record, as cdxj-indexer writes it."""
    if record.rec_type == "revisit":
        return "warc/revisit"
    content_type = record.http_headers.get_header("Content-Type")
    return re.split(r"[;\s]", content_type, maxsplit=1)[0].strip() if content_type else None


def cdxj_line(record: Any, offset: int, length: int, filename: str) -> str:
    """The CDXJ line of a response or revisit record, as cdxj-indexer writes it (SURT key, 14-digit time, JSON)."""
    import surt

    url = record.rec_headers.get_header("WARC-Target-URI")
    fields = {"url": url, "mime": _cdxj_mime(record),
              "status": record.http_headers.get_statuscode(),
              "digest": record.rec_headers.get_header("WARC-Payload-Digest"),
              "length": str(length), "offset": str(offset), "filename": filename}
    try:
        key = surt.surt(url)
    except Exception:  # noqa: BLE001 - as cdxj-indexer: an URL surt cannot read is its own key
        key = url
    stamp = iso_date_to_timestamp(record.rec_headers.get_header("WARC-Date"))
    return f"{key} {stamp} {json.dumps({k: v for k, v in fields.items() if v is not None})}\n"


#: Index lines sorted in memory at a time when an index is sorted (more are merged from sorted runs on disk).
SORT_CHUNK_BYTES = 1024 * 1024


def _sorted_runs(lines: IO[str], folder: Path) -> list[Path]:
    """Split ``lines`` into sorted runs of at most SORT_CHUNK_BYTES, each in a temporary file in ``folder``."""
    runs: list[Path] = []
    while True:
        chunk = lines.readlines(SORT_CHUNK_BYTES)
        if not chunk:
            return runs
        chunk.sort()
        handle, name = tempfile.mkstemp(prefix=".cdxj-run-", dir=folder)
        with os.fdopen(handle, "wt", encoding="utf-8") as out:
            out.writelines(chunk)
        runs.append(Path(name))


def sort_index(warc: Path) -> Path:
    """Sort the index lines written while ``warc`` grew into its CDXJ index, as cdxj-indexer's
    SortingWriter does (plain line order, repeated lines once), with bounded memory: sorted runs of
    SORT_CHUNK_BYTES merged (a 50,000-page crawl's index is 17 MB; sorted whole it was the crawl's
    peak memory)."""
    target = index_path(warc)
    tmp = target.with_name(target.name + ".tmp")
    partial = partial_index_path(warc)
    with partial.open("rt", encoding="utf-8") as lines:
        runs = _sorted_runs(lines, warc.parent)
    handles = [run.open("rt", encoding="utf-8") for run in runs]
    try:
        with tmp.open("wt", encoding="utf-8") as out:
            last = None
            for line in heapq.merge(*handles):
                if line != last:
                    out.write(line)
                last = line
    finally:
        for handle, run in zip(handles, runs):
            handle.close()
            run.unlink()
    os.replace(tmp, target)
    partial.unlink()
    return target


def whole_records_end(path: Path) -> int:
    """Bytes at the start of ``path`` that are whole gzip members (each member is one record)."""
    end = pos = 0
    inflater = zlib.decompressobj(31)
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            data = chunk
            while data:
                try:
                    inflater.decompress(data)
                except zlib.error:
                    return end
                if not inflater.eof:
                    pos += len(data)
                    break
                used = len(data) - len(inflater.unused_data)
                pos += used
                end = pos
                data = inflater.unused_data
                inflater = zlib.decompressobj(31)
    return end


def repair_warc(path: Path) -> int:
    """Cut a torn last record off a WARC file (kept in ``<name>.torn``); return the bytes removed."""
    size = path.stat().st_size
    end = whole_records_end(path)
    if end == size:
        return 0
    with path.open("rb+") as handle:
        handle.seek(end)
        path.with_name(path.name + ".torn").write_bytes(handle.read())
        handle.truncate(end)
    logger.warning("Repaired %s: set aside a torn last record (%d bytes) in %s.torn", path, size - end, path.name)
    return size - end


def in_use(path: Path) -> bool:
    """True while a running crawl writes ``path`` (it holds a lock on the file; the operating system
    drops the lock when that process ends, however it ends)."""
    try:
        with path.open("rb") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    return False


def finish_unclosed(folder: Path) -> list[Path]:
    """Repair and index every WARC file in ``folder`` that has no index (its crawl was killed); a file
    another worker is still writing (distributed workers on one machine share the folder) is left alone."""
    done = []
    for warc in sorted(folder.glob("*.warc.gz")):
        if not index_path(warc).exists() and not in_use(warc):
            repair_warc(warc)
            write_index(warc)
            done.append(warc)
    return done


@dataclass(frozen=True)
class Capture:
    """A full response record in an archive folder's WARC files: where it is, and what a revisit of it names."""

    file: str
    offset: int
    length: int
    record_id: str
    date: str

    def location(self) -> dict[str, Any]:
        """The record's ``warc`` pointer, ``{file, offset, length, recordId}``."""
        return {"file": self.file, "offset": self.offset, "length": self.length, "recordId": self.record_id}


def payload_digest(body: bytes) -> str:
    """The WARC-Payload-Digest of a body, as warcio writes it (``sha1:`` and base32)."""
    digester = Digester("sha1")
    digester.update(body)
    return str(digester)


def response_record_at(folder: Path, pointer: Mapping[str, Any]) -> Any:
    """The response record that a ``warc`` pointer ``{file, offset, length, recordId}`` leads to in
    ``folder``, its headers read; LookupError saying why when there is no such whole record."""
    warc = folder / str(pointer.get("file"))
    if not warc.is_file():
        raise LookupError(f"{warc.name} is missing")
    try:
        with warc.open("rb") as handle:
            handle.seek(int(pointer["offset"]))
            record = next(iter(ArchiveIterator(handle)))
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        whole = int(pointer["offset"]) + int(pointer["length"]) <= warc.stat().st_size
    except (ArchiveLoadFailed, StopIteration, OSError, EOFError, ValueError, KeyError, TypeError, zlib.error) as exc:
        where = f"offset {pointer.get('offset')} of {warc.name}"
        raise LookupError(f"no record at {where} ({type(exc).__name__})") from None
    if record_id != pointer.get("recordId") or record.rec_type != "response":
        raise LookupError(f"offset {pointer.get('offset')} of {warc.name} holds {record_id} ({record.rec_type}), "
                          f"not {pointer.get('recordId')}")
    if not whole:
        raise LookupError(f"the record at offset {pointer.get('offset')} of {warc.name} is cut short")
    return record


def original_problem(folder: Path, capture: Capture, url: str, digest: str) -> str | None:
    """Why ``capture`` cannot be the original of a revisit of ``url`` with payload ``digest`` (it is not
    a whole response record of that URL, date and payload digest in ``folder``), or None."""
    try:
        headers = response_record_at(folder, capture.location()).rec_headers
    except LookupError as exc:
        return str(exc)
    found = [headers.get_header(name) for name in ("WARC-Target-URI", "WARC-Payload-Digest", "WARC-Date")]
    return None if found == [url, digest, capture.date] else f"{capture.record_id} is another capture"


def request_uri(url: str) -> str:
    """Path and query of ``url`` as sent on the request line."""
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _header_list(headers: Any, skip: set[bytes] = _DROPPED_HEADERS) -> list[tuple[str, str]]:
    return [(name.decode("latin-1"), value.decode("latin-1"))
            for name, values in headers.items() if name.lower() not in skip for value in values]


def http_request_headers(request: Request) -> StatusAndHeaders:
    """The request line and headers of ``request`` as sent (Host added, as the HTTP client does)."""
    headers = _header_list(request.headers)
    if not any(name.lower() == "host" for name, _ in headers):
        headers.insert(0, ("Host", urlsplit(request.url).netloc))
    return StatusAndHeaders(f"{request.method} {request_uri(request.url)} HTTP/1.1", headers, is_http_request=True)


def http_response_headers(response: Response) -> StatusAndHeaders:
    """The status line and headers of ``response``; Content-Length matches the stored body."""
    headers = [(n, v) for n, v in _header_list(response.headers) if n.lower() != "content-length"]
    headers.append(("Content-Length", str(len(response.body))))
    try:
        reason = HTTPStatus(response.status).phrase
    except ValueError:
        reason = "Unknown"
    return StatusAndHeaders(f"{response.status} {reason}", headers, protocol=response.protocol or "HTTP/1.1")


GZIP_LEVEL = 6  # zlib's default: on real news pages (100 KB-1 MB) 30 % faster than warcio's 9, files 0.6 % larger


class _GzipMember:
    """Writes one WARC record as one gzip member, like warcio's GzippingWrapper but at GZIP_LEVEL."""

    def __init__(self, out: IO[bytes]) -> None:
        self.compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        self.out = out

    def write(self, data: bytes) -> None:
        self.out.write(self.compressor.compress(data))

    def flush(self) -> None:
        self.out.write(self.compressor.flush())
        self.out.flush()


class _Writer(WARCWriter):  # type: ignore[misc]
    """warcio's WARCWriter, each record gzipped on its own at GZIP_LEVEL."""

    def write_record(self, record: Any, params: Any = None) -> None:
        self._write_warc_record(_GzipMember(self.out), record)


def _ip_address(response: Response) -> dict[str, str]:
    """The WARC-IP-Address header of ``response``'s record, if its address is known."""
    return {"WARC-IP-Address": str(response.ip_address)} if response.ip_address else {}


class WarcFile:
    """One open WARC file: append records, know where each one is."""

    def __init__(self, path: Path, info: dict[str, str]) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file: IO[bytes] = path.open("ab")
        fcntl.flock(self._file.fileno(), fcntl.LOCK_EX)  # in use: not a killed crawl's file (see in_use)
        self._index: IO[str] = partial_index_path(path).open("at", encoding="utf-8")
        self.writer = _Writer(self._file, gzip=False, warc_version="1.1")  # (gzipped by _Writer)
        self.write(self.writer.create_warcinfo_record(path.name, info))

    @property
    def size(self) -> int:
        """Bytes written so far."""
        return self._file.tell()

    def write(self, record: Any) -> tuple[int, int]:
        """Append one record (one gzip member), flushed; return its (offset, length)."""
        offset = self._file.tell()
        self.writer.write_record(record)
        self._file.flush()
        return offset, self._file.tell() - offset

    def write_exchange(self, request: Request, response: Response) -> dict[str, Any]:
        """Write ``response`` and the ``request`` that got it; return where the response record is."""
        return self.write_response(request, response).location()

    def write_response(self, request: Request, response: Response, digest: str | None = None) -> Capture:
        """Write ``response`` in full (``digest``: its payload digest, if known) and the ``request`` that
        got it; return the response record."""
        warc_headers = _ip_address(response)
        if digest:
            warc_headers["WARC-Payload-Digest"] = digest  # (not computed twice)
        record = self.writer.create_warc_record(response.url, "response", payload=BytesIO(response.body),
                                                length=len(response.body), warc_headers_dict=warc_headers,
                                                http_headers=http_response_headers(response))
        offset, length = self._write_exchange(record, self._request_record(request, record))
        headers = record.rec_headers
        return Capture(self.path.name, offset, length, headers.get_header("WARC-Record-ID"),
                       headers.get_header("WARC-Date"))

    def write_revisit(self, request: Request, response: Response, digest: str, original: Capture) -> bool:
        """Write ``response``, whose payload (``digest``) is that of ``original``, an earlier capture of the
        same URL, as a revisit of it (profile identical-payload-digest: status line and headers, no
        payload), and the ``request``. Both records are made before either is written: False, and
        nothing written, if they cannot be made."""
        try:
            record = self.writer.create_revisit_record(response.url, digest, response.url, original.date,
                                                       http_headers=http_response_headers(response),
                                                       warc_headers_dict=_ip_address(response))
            record.rec_headers.add_header("WARC-Refers-To", original.record_id)
            request_record = self._request_record(request, record)
        except (ValueError, TypeError, AssertionError) as exc:
            logger.warning("No revisit record for %s (%s: %s)", response.url, type(exc).__name__, exc)
            return False
        self._write_exchange(record, request_record)
        return True

    def _request_record(self, request: Request, concurrent: Any) -> Any:
        """The record of ``request``, dated and linked (WARC-Concurrent-To) as the record of its response."""
        body = request.body or b""
        headers = concurrent.rec_headers
        linked = {"WARC-Concurrent-To": headers.get_header("WARC-Record-ID"),
                  "WARC-Date": headers.get_header("WARC-Date")}
        return self.writer.create_warc_record(headers.get_header("WARC-Target-URI"), "request", payload=BytesIO(body),
                                              length=len(body), warc_headers_dict=linked,
                                              http_headers=http_request_headers(request))

    def _write_exchange(self, record: Any, request_record: Any) -> tuple[int, int]:
        """Write a response or revisit record (indexed) and its request record; return the first's (offset, length)."""
        offset, length = self.write(record)
        self._index.write(cdxj_line(record, offset, length, self.path.name))
        self.write(request_record)
        return offset, length

    def close(self) -> None:
        """Flush to disk, close, and write the sorted CDXJ index beside the file."""
        if self._file.closed:
            return
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        self._index.close()
        sort_index(self.path)


class WarcSeries:
    """The WARC files of one crawl in one archive folder: rolled over at ``max_size`` bytes."""

    def __init__(self, folder: Path, prefix: str, stamp: str, max_size: int, info: dict[str, str]) -> None:
        self.folder = folder
        self.prefix = prefix
        self.stamp = stamp
        self.max_size = max_size
        self.info = info
        self.serial = 0
        self.paths: list[Path] = []
        self.current: WarcFile | None = None
        folder.mkdir(parents=True, exist_ok=True)
        finish_unclosed(folder)

    def file(self) -> WarcFile:
        """The file to write to now (a new one once the current one is full)."""
        if self.current is not None and self.current.size >= self.max_size:
            self.current.close()
            self.current = None
        if self.current is None:
            path = self._next_path()
            self.current = WarcFile(path, self.info)
            self.paths.append(path)
        return self.current

    def _next_path(self) -> Path:
        """The next free file name (a crawl resumed within the same second finds its names taken)."""
        while True:
            path = self.folder / f"{self.prefix}-{self.stamp}-{self.serial:05d}.warc.gz"
            self.serial += 1
            if not path.exists():
                return path

    def close(self) -> None:
        """Close (and index) the current file."""
        if self.current is not None:
            self.current.close()
            self.current = None


def warcinfo(crawler: Crawler, start_urls: list[str]) -> dict[str, str]:
    """The warcinfo fields: software, format, the start URLs and the settings that matter."""
    settings = crawler.settings
    recorded = {name: settings.get(name) for name in WARCINFO_SETTINGS}
    return {
        "software": f"newscrawler/{__version__} (Scrapy, warcio)",
        "format": "WARC File Format 1.1",
        "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
        "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
        "http-header-user-agent": str(settings.get("USER_AGENT") or ""),
        "newscrawler-start-urls": " ".join(start_urls),
        "newscrawler-settings": json.dumps(recorded, default=str, separators=(",", ":")),
    }


class WarcCaptureMiddleware:
    """Downloader middleware (place it next to the downloader, e.g. 950): write every request and
    response to the site's WARC files, and put the location of the response record that holds the
    page's payload in ``request.meta["warc"]`` for the record that the page becomes.

    A response whose payload an earlier full capture of the same URL in the folder already holds is
    written as a revisit record of it (NEWSCRAWLER_WARC_REVISITS); the location is then the earlier
    capture's. Full captures are remembered in the folder's crawl state (``newscrawler.archive.state``;
    with NEWSCRAWLER_STATE off, for this crawl only).

    Enabled by NEWSCRAWLER_WARC; NEWSCRAWLER_WARC_MAX_SIZE and NEWSCRAWLER_WARC_PREFIX shape the files.
    """

    def __init__(self, crawler: Crawler) -> None:
        # (imported here: state.py imports this module)
        from newscrawler.archive.state import crawl_states

        settings = crawler.settings
        self.crawler = crawler
        self.output = Path(settings.get("NEWSCRAWLER_OUTPUT") or "output")
        self.prefix = settings.get("NEWSCRAWLER_WARC_PREFIX") or "newscrawler"
        self.max_size = settings.getint("NEWSCRAWLER_WARC_MAX_SIZE")
        self.revisits = settings.getbool("NEWSCRAWLER_WARC_REVISITS", True)
        self.states = crawl_states(crawler)
        self.stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        if settings.get("NEWSCRAWLER_WORKER_ID"):  # distributed crawls: each worker its own files, as for JSONL
            self.stamp += f"-{settings.get('NEWSCRAWLER_WORKER_ID')}"
        self.series: dict[str, WarcSeries] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "WarcCaptureMiddleware":
        if not crawler.settings.getbool("NEWSCRAWLER_WARC"):
            raise NotConfigured
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def series_for(self, url: str) -> WarcSeries:
        """The WARC series of ``url``'s site (opened, and its folder repaired, on first use)."""
        site = site_name(url)
        if site not in self.series:
            start_urls = [u for u in getattr(self.crawler.spider, "start_urls", []) if site_name(u) == site]
            self.series[site] = WarcSeries(self.output / site, self.prefix, self.stamp, self.max_size,
                                           warcinfo(self.crawler, start_urls))
        return self.series[site]

    def spider_opened(self, spider: Any) -> None:
        """Repair what a killed crawl left in the start sites' folders before anything is fetched."""
        for url in getattr(spider, "start_urls", []):
            self.series_for(url)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        """Write the exchange; the response goes on unchanged. (A response from Scrapy's HTTP
        cache was not fetched now: it is not captured.)"""
        if "cached" in response.flags:
            return response
        request.meta["warc"] = self.capture(request, response).location()
        self.crawler.stats.inc_value("newscrawler/warc_records", 2)
        return response

    def capture(self, request: Request, response: Response) -> Capture:
        """Write ``response`` and its ``request``: as a revisit of the earlier full capture that holds the
        same payload, else in full (remembered for the revisits of later crawls). Return the full
        response record that holds the payload."""
        series = self.series_for(response.url)
        digest = payload_digest(response.body)
        original = self.original(series.folder, response, digest)
        if original is not None and series.file().write_revisit(request, response, digest, original):
            self.crawler.stats.inc_value("newscrawler/warc_revisits")
            self.crawler.stats.inc_value("newscrawler/warc_revisit_bytes_saved", len(response.body))
            return original
        capture = series.file().write_response(request, response, digest)
        self.remember(response.url, digest, capture)
        return capture

    def original(self, folder: Path, response: Response, digest: str) -> Capture | None:
        """The remembered full capture of ``response``'s URL with the same payload, if revisits are on,
        the payload is not empty, and the record is whole in ``folder``'s WARC files (it is read back)."""
        if not self.revisits or not response.body:
            return None
        try:
            capture = self.states.for_url(response.url).capture(response.url, digest)
            problem = None if capture is None else original_problem(folder, capture, response.url, digest)
        except Exception as exc:  # noqa: BLE001 - in doubt, the response is written in full
            capture, problem = None, f"{type(exc).__name__}: {exc}"
        if problem is not None:
            self.crawler.stats.inc_value("newscrawler/warc_revisit_original_missing")
            logger.info("Writing %s in full, not as a revisit: %s", response.url, problem)
            return None
        return capture

    def remember(self, url: str, digest: str, capture: Capture) -> None:
        """Remember a full capture in its folder's crawl state (a state that cannot take it only costs
        revisits: the crawl goes on)."""
        try:
            self.states.for_url(url).remember_capture(url, digest, capture)
        except (sqlite3.Error, OSError) as exc:
            logger.warning("Could not remember the capture of %s for revisits: %s", url, exc)

    def spider_closed(self, spider: Any) -> None:
        """Close and index every file; list them in the stats (for the manifest)."""
        for series in self.series.values():
            series.close()
        self.crawler.stats.set_value("newscrawler/warc_files",
                                     [str(p) for s in self.series.values() for p in s.paths])
