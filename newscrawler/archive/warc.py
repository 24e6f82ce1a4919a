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
"""

from __future__ import annotations

import fcntl
import heapq
import json
import logging
import os
import re
import tempfile
import zlib
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
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import iso_date_to_timestamp
from warcio.warcwriter import WARCWriter

from newscrawler import __version__
from newscrawler.urls import site_name

logger = logging.getLogger(__name__)

#: Settings written into every warcinfo record (the ones that change what a crawl fetches or keeps).
WARCINFO_SETTINGS = ("USER_AGENT", "ROBOTSTXT_OBEY", "DOWNLOAD_MAXSIZE", "NEWSCRAWLER_MAX_PAGES",
                     "NEWSCRAWLER_SINCE", "NEWSCRAWLER_FOLLOW_COMMENT_PAGES", "NEWSCRAWLER_MAX_COMMENT_PAGES",
                     "NEWSCRAWLER_REQUIRED_FIELDS", "NEWSCRAWLER_REFRESH_AFTER")

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


def cdxj_line(record: Any, offset: int, length: int, filename: str) -> str:
    """The CDXJ line of a response record, as cdxj-indexer writes it (SURT key, 14-digit time, JSON)."""
    import surt

    url = record.rec_headers.get_header("WARC-Target-URI")
    content_type = record.http_headers.get_header("Content-Type")
    fields = {"url": url, "mime": re.split(r"[;\s]", content_type, maxsplit=1)[0].strip() if content_type else None,
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
        warc_headers = {"WARC-IP-Address": str(response.ip_address)} if response.ip_address else {}
        resp = self.writer.create_warc_record(response.url, "response", payload=BytesIO(response.body),
                                              length=len(response.body), warc_headers_dict=warc_headers,
                                              http_headers=http_response_headers(response))
        record_id = resp.rec_headers.get_header("WARC-Record-ID")
        offset, length = self.write(resp)
        self._index.write(cdxj_line(resp, offset, length, self.path.name))
        req = self.writer.create_warc_record(response.url, "request", payload=BytesIO(request.body or b""),
                                             length=len(request.body or b""),
                                             warc_headers_dict={"WARC-Concurrent-To": record_id,
                                                                "WARC-Date": resp.rec_headers.get_header("WARC-Date")},
                                             http_headers=http_request_headers(request))
        self.write(req)
        return {"file": self.path.name, "offset": offset, "length": length, "recordId": record_id}

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
    response to the site's WARC files, and put the response record's location in
    ``request.meta["warc"]`` for the record that the page becomes.

    Enabled by NEWSCRAWLER_WARC; NEWSCRAWLER_WARC_MAX_SIZE and NEWSCRAWLER_WARC_PREFIX shape the files.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.output = Path(settings.get("NEWSCRAWLER_OUTPUT") or "output")
        self.prefix = settings.get("NEWSCRAWLER_WARC_PREFIX") or "newscrawler"
        self.max_size = settings.getint("NEWSCRAWLER_WARC_MAX_SIZE")
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
        location = self.series_for(response.url).file().write_exchange(request, response)
        request.meta["warc"] = location
        self.crawler.stats.inc_value("newscrawler/warc_records", 2)
        return response

    def spider_closed(self, spider: Any) -> None:
        """Close and index every file; list them in the stats (for the manifest)."""
        for series in self.series.values():
            series.close()
        self.crawler.stats.set_value("newscrawler/warc_files",
                                     [str(p) for s in self.series.values() for p in s.paths])
