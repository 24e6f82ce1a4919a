"""WARC capture: records as served, digests, rollover, CDXJ indexes, torn-record repair, and a real
crawl whose every request and response lands in WARC files that ``warcio check`` accepts."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from archive_site import NewsSite
from conftest import FAST, read_archive, run_newscrawler, serve_routes
from scrapy import Request
from scrapy.http import Response
from warcio.archiveiterator import ArchiveIterator

from newscrawler.archive.warc import WarcFile, WarcSeries, index_path, repair_warc, whole_records_end, write_index

PAGE = b"<html><body><h1>Ferry timetable</h1><p>Boats leave every hour.</p></body></html>"


def warcio(*args: str) -> subprocess.CompletedProcess[str]:
    """The real ``warcio`` command."""
    return subprocess.run([sys.executable, "-m", "warcio.cli", *args], capture_output=True, text=True, timeout=60)


def exchange(url: str = "http://127.0.0.1:8000/ferry/") -> tuple[Request, Response]:
    request = Request(url, headers={"Accept-Encoding": "gzip, deflate", "User-Agent": "newscrawler-test"})
    response = Response(url, status=200, body=gzip.compress(PAGE, mtime=0), request=request,
                        headers={"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip",
                                 "Transfer-Encoding": "chunked"})
    return request, response


def records(path: Path) -> list[tuple[str, str | None, bytes]]:
    """(type, target URI, raw payload) of every record of a WARC file."""
    out = []
    with path.open("rb") as handle:
        for record in ArchiveIterator(handle):
            out.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI"), record.raw_stream.read()))
    return out


def record_places(path: Path) -> list[tuple[str, int, int]]:
    """Type, offset and length of every record of a WARC file."""
    places = []
    with path.open("rb") as handle:
        iterator = ArchiveIterator(handle)
        for record in iterator:
            iterator.read_to_end(record)
            places.append((record.rec_type, iterator.get_record_offset(), iterator.get_record_length()))
    return places


def record_offsets(path: Path) -> list[int]:
    """Offset of every record of a WARC file."""
    return [offset for _, offset, _ in record_places(path)]


def test_exchange_is_stored_as_served(tmp_path: Path) -> None:
    warc = WarcFile(tmp_path / "t-00000.warc.gz", {"software": "newscrawler test"})
    location = warc.write_exchange(*exchange())
    warc.close()
    kinds = [(kind, uri) for kind, uri, _ in records(warc.path)]
    assert kinds == [("warcinfo", None), ("response", "http://127.0.0.1:8000/ferry/"),
                     ("request", "http://127.0.0.1:8000/ferry/")]
    with warc.path.open("rb") as handle:
        handle.seek(location["offset"])
        record = next(iter(ArchiveIterator(handle)))
        assert record.rec_headers.get_header("WARC-Record-ID") == location["recordId"]
        assert record.rec_headers.get_header("WARC-Payload-Digest").startswith("sha1:")
        assert record.rec_headers.get_header("WARC-Block-Digest").startswith("sha1:")
        assert record.http_headers.get_header("Content-Encoding") == "gzip"      # the body as served...
        assert record.http_headers.get_header("Transfer-Encoding") is None       # ...but stored de-chunked
        assert record.http_headers.get_statuscode() == "200"
        assert gzip.decompress(record.raw_stream.read()) == PAGE
    assert location["offset"] + location["length"] == record_offsets(warc.path)[2]  # the request record follows
    assert warcio("check", str(warc.path)).returncode == 0
    index = index_path(warc.path).read_text().splitlines()
    assert len(index) == 1 and index[0].startswith("1,0,0,127:8000)/ferry ")
    assert json.loads(index[0].split(" ", 2)[2])["offset"] == str(location["offset"])


def test_series_rolls_over_with_a_warcinfo_in_each_file(tmp_path: Path) -> None:
    series = WarcSeries(tmp_path, "herald", "20240503T100000Z", max_size=1, info={"software": "test"})
    for n in range(3):
        series.file().write_exchange(*exchange(f"http://127.0.0.1:8000/ferry/{n}/"))
    series.close()
    assert [p.name for p in series.paths] == [f"herald-20240503T100000Z-{n:05d}.warc.gz" for n in range(3)]
    for path in series.paths:
        assert [kind for kind, _, _ in records(path)] == ["warcinfo", "response", "request"]
        assert index_path(path).exists()
    assert warcio("check", *map(str, series.paths)).returncode == 0


def test_a_run_started_in_the_same_second_takes_the_next_serial(tmp_path: Path) -> None:
    first = WarcSeries(tmp_path, "herald", "20240503T100000Z", max_size=1 << 20, info={})
    first.file().write_exchange(*exchange())
    first.close()
    second = WarcSeries(tmp_path, "herald", "20240503T100000Z", max_size=1 << 20, info={})
    second.file().write_exchange(*exchange())
    second.close()
    assert [p.name for p in first.paths + second.paths] == ["herald-20240503T100000Z-00000.warc.gz",
                                                            "herald-20240503T100000Z-00001.warc.gz"]
    assert all(len(index_path(p).read_text().splitlines()) == 1 for p in first.paths + second.paths)


def test_a_file_another_worker_is_writing_is_not_taken_for_a_killed_crawls(tmp_path: Path) -> None:
    writing = WarcSeries(tmp_path, "herald", "20240503T100000Z-worker1", max_size=1 << 20, info={})
    writing.file().write_exchange(*exchange())
    size = writing.current.size if writing.current else 0
    WarcSeries(tmp_path, "herald", "20240503T100000Z-worker2", max_size=1 << 20, info={})  # opens the shared folder
    assert not index_path(writing.paths[0]).exists() and writing.paths[0].stat().st_size == size  # left alone
    writing.file().write_exchange(*exchange("http://127.0.0.1:8000/second/"))
    writing.close()
    assert [p.name for p in writing.paths] == ["herald-20240503T100000Z-worker1-00000.warc.gz"]
    assert len(index_path(writing.paths[0]).read_text().splitlines()) == 2
    assert warcio("check", str(writing.paths[0])).returncode == 0


def test_torn_last_record_is_set_aside(tmp_path: Path) -> None:
    warc = WarcFile(tmp_path / "t-00000.warc.gz", {"software": "test"})
    warc.write_exchange(*exchange())
    good_size = warc.size
    warc.write_exchange(*exchange("http://127.0.0.1:8000/second/"))
    warc._file.close()  # killed: no index written
    whole = warc.path.read_bytes()
    warc.path.write_bytes(whole[:good_size + (len(whole) - good_size) // 3])  # cut inside the next record
    assert warcio("check", str(warc.path)).returncode != 0 or whole_records_end(warc.path) != warc.path.stat().st_size
    assert repair_warc(warc.path) > 0
    assert warc.path.stat().st_size == good_size
    assert warc.path.with_name(warc.path.name + ".torn").exists()
    assert warcio("check", str(warc.path)).returncode == 0
    assert repair_warc(warc.path) == 0


def test_a_killed_crawls_warc_is_repaired_and_indexed_when_the_folder_is_opened_again(tmp_path: Path) -> None:
    warc = WarcFile(tmp_path / "newscrawler-20240503T100000Z-00000.warc.gz", {"software": "test"})
    warc.write_exchange(*exchange())
    warc._file.write(gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n")[:20])  # a torn record
    warc._file.close()
    series = WarcSeries(tmp_path, "newscrawler", "20240504T100000Z", max_size=1 << 20, info={})
    assert index_path(warc.path).exists()
    assert warcio("check", str(warc.path)).returncode == 0
    assert series.paths == []  # nothing written yet: no empty file


def test_a_killed_crawls_warc_is_repaired_by_the_next_crawl_even_without_warc(tmp_path: Path) -> None:
    folder = tmp_path / "127.0.0.1"
    warc = WarcFile(folder / "newscrawler-20240503T100000Z-00000.warc.gz", {"software": "test"})
    warc.write_exchange(*exchange())
    warc._file.write(b"\x1f\x8b\x08\x00torn")
    warc._file.close()
    with serve_routes(NewsSite(articles=2).routes()) as base:
        result = run_newscrawler("crawl", base, "--output", str(tmp_path), *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    assert index_path(warc.path).exists() and warcio("check", str(warc.path)).returncode == 0
    manifest = json.loads(next(folder.glob("*.manifest.json")).read_text())
    assert warc.path.name in {f["path"] for f in manifest["files"]}  # adopted by the crawl that repaired it


def test_crawl_writes_every_request_and_response(tmp_path: Path) -> None:
    site = NewsSite(articles=3)
    site.comments["news/story-2"] += ["A third comment, on page two.", "A fourth one."]
    with serve_routes(site.routes()) as base:
        result = run_newscrawler("crawl", base, "--output", str(tmp_path), "--warc", *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    folder = tmp_path / "127.0.0.1"
    warcs = sorted(folder.glob("newscrawler-*-00000.warc.gz"))
    assert len(warcs) == 1
    check = warcio("check", "-v", str(warcs[0]))
    assert check.returncode == 0 and "digest pass" in check.stdout
    index = warcio("index", "-f", "warc-type,warc-target-uri,http:status", str(warcs[0]))
    assert index.returncode == 0
    entries = [json.loads(line) for line in index.stdout.splitlines()]
    responses = {e["warc-target-uri"]: e.get("http:status") for e in entries if e["warc-type"] == "response"}
    requests = {e["warc-target-uri"] for e in entries if e["warc-type"] == "request"}
    assert entries[0]["warc-type"] == "warcinfo"
    for path in ("robots.txt", "sitemap.xml", "", "latest/", "news/story-1/", "news/story-2/comment-page-2/"):
        assert base + path in responses and base + path in requests, path
    assert responses[base + "latest/"] == "301"
    # the index written while crawling is the one cdxj-indexer makes from the closed file
    again = tmp_path / "again" / warcs[0].name
    again.parent.mkdir()
    again.write_bytes(warcs[0].read_bytes())
    assert index_path(warcs[0]).read_text() == write_index(again).read_text()
    assert len(index_path(warcs[0]).read_text().splitlines()) == sum(e["warc-type"] == "response" for e in entries)
    assert not list(folder.glob("*.partial"))
    # every record points at its article's response record (comment pages: the first page)
    articles = read_archive(tmp_path)
    assert len(articles) == 3
    for article in articles:
        pointer = article["warc"]
        assert pointer["file"] == warcs[0].name
        with warcs[0].open("rb") as handle:
            handle.seek(pointer["offset"])
            record = next(iter(ArchiveIterator(handle)))
            assert record.rec_headers.get_header("WARC-Record-ID") == pointer["recordId"]
            assert record.rec_headers.get_header("WARC-Target-URI") == article["url"]
    manifest = json.loads(next(folder.glob("*.manifest.json")).read_text())
    listed = {f["path"] for f in manifest["files"]}
    assert warcs[0].name in listed and index_path(warcs[0]).name in listed
    info = warcio("extract", str(warcs[0]), "0").stdout
    assert "newscrawler-start-urls: " + base in info and "software: newscrawler/" in info


def test_index_is_sorted_in_bounded_runs_like_cdxj_indexer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newscrawler.archive import warc as warc_module

    monkeypatch.setattr(warc_module, "SORT_CHUNK_BYTES", 200)  # many runs of two or three lines
    series = WarcSeries(tmp_path, "herald", "20240503T100000Z", max_size=1 << 20, info={})
    for n in (5, 3, 9, 1, 7, 3, 2, 8, 0, 6, 4):
        series.file().write_exchange(*exchange(f"http://127.0.0.1:8000/ferry/{n}/"))
    path = series.paths[0]
    partial = warc_module.partial_index_path(path)
    series.close()
    ours = index_path(path).read_text()
    assert not partial.exists() and not list(tmp_path.glob(".cdxj-run-*"))
    reference = write_index(path).read_text()  # cdxj-indexer's own index of the same file
    assert ours.splitlines() == sorted(ours.splitlines()) and len(ours.splitlines()) == 11
    assert [line.split(" ", 2)[:2] for line in ours.splitlines()] == \
        [line.split(" ", 2)[:2] for line in reference.splitlines()]
