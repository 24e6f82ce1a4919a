"""Re-extraction: a live crawl of the demo site with --warc, then ``newscrawler reextract`` of its
WARC files (the demo server is gone by then: no network) gives the same records, fetch-time
fields aside."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from archive_site import NewsSite
from conftest import FAST, read_archive, run_newscrawler, serve_routes

#: Fields that depend on when and in which order pages were fetched, not on the pages.
FETCH_TIME_FIELDS = ("fetchedAt", "discoveredVia")


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output folder of a live crawl of the demo site, with WARC files."""
    output = tmp_path_factory.mktemp("live")
    result = run_newscrawler("demo", "--output", str(output), "--warc", *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    return output


def without_fetch_time(records: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    return {str(r["url"]): {k: v for k, v in r.items() if k not in FETCH_TIME_FIELDS} for r in records}


def test_reextract_gives_the_records_of_the_live_crawl(live: Path, tmp_path: Path) -> None:
    warcs = sorted(live.rglob("*.warc.gz"))
    result = run_newscrawler("reextract", *map(str, warcs), "--output", str(tmp_path), "--log-level", "INFO")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    original, replayed = read_archive(live), read_archive(tmp_path)
    assert len(original) >= 20 and any(r["commentCount"] for r in original)
    assert without_fetch_time(replayed) == without_fetch_time(original)
    assert all(r["warc"] and r["warc"]["file"] in {w.name for w in warcs} for r in replayed)
    assert "Pages fetched:" in result.stdout and "Errors:         0" in result.stdout
    assert not list(tmp_path.rglob("*.warc.gz")) and not list(tmp_path.rglob("state.sqlite"))


def test_reextract_of_an_incremental_crawl_gives_only_what_that_crawl_fetched(tmp_path: Path) -> None:
    site = NewsSite(articles=3)
    routes = site.routes()
    with serve_routes(routes) as base:
        for _ in range(2):
            args = ("crawl", base, "--output", str(tmp_path / "live"), "--warc", *FAST,
                    "-s", "NEWSCRAWLER_HEALTH_MIN_ARTICLES=0")
            assert run_newscrawler(*args).returncode == 0
            site.add_article()
            routes.update(site.routes())
    second = sorted((tmp_path / "live").rglob("*.warc.gz"))[-1]
    result = run_newscrawler("reextract", str(second), "--output", str(tmp_path / "again"))
    assert result.returncode == 0, result.stderr[-3000:]
    assert [r["url"] for r in read_archive(tmp_path / "again")] == [f"{base}news/story-4/"]
    assert "not_in_warc: 3" in result.stdout  # the archived stories were not fetched by that crawl


def test_damaged_warc_gets_one_line_with_file_and_offset(live: Path, tmp_path: Path) -> None:
    warc = sorted(live.rglob("*.warc.gz"))[0]
    damaged = tmp_path / "damaged.warc.gz"
    data = warc.read_bytes()
    damaged.write_bytes(data[:4000] + b"this is not gzip at all" * 10 + data[4000:8000])
    result = run_newscrawler("reextract", str(damaged), "--output", str(tmp_path / "out"))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(damaged) in lines[0] and "offset" in lines[0]


def test_missing_or_foreign_warc_is_a_one_line_error(tmp_path: Path) -> None:
    missing = run_newscrawler("reextract", str(tmp_path / "nope.warc.gz"))
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
    foreign = tmp_path / "foreign.warc.gz"
    record = (b"WARC/1.1\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
              b"WARC-Target-URI: http://127.0.0.1:8000/a.txt\r\nWARC-Date: 2024-05-03T10:00:00Z\r\n"
              b"Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n")
    foreign.write_bytes(gzip.compress(record))
    result = run_newscrawler("reextract", str(foreign), "--output", str(tmp_path / "out"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "warcinfo" in result.stderr


def test_reextract_help_lists_the_command() -> None:
    result = run_newscrawler("--help")
    assert "reextract" in result.stdout and "verify" in result.stdout


def test_response_locations_live_on_disk_and_the_last_capture_wins(live: Path) -> None:
    from newscrawler.archive.reextract import Archived, index_warcs

    warcs = sorted(live.glob("*/*.warc.gz"))
    index = index_warcs(warcs)
    locations = index.responses
    assert locations.path.exists() and locations.path.stat().st_size > 0  # an SQLite file, not a dict in memory
    home = next(u for u in index.start_urls)
    found = locations.get(home)
    assert found is not None and found.payload == found.record  # a response record holds its own payload
    path, offset, length = found.record
    assert path in warcs and offset > 0 and length > 0
    assert locations.get(home + "no-such-page/") is None
    count = len(locations)
    locations.add(home, "<urn:uuid:later>", (path, 1, 2))  # a later capture of the same URL replaces the earlier one
    assert locations.get(home) == Archived((path, 1, 2), (path, 1, 2)) and len(locations) == count
    # a revisit answers with its own headers and the payload of the response record it refers to...
    locations.add(home, "<urn:uuid:revisit>", (path, 3, 4), refers_to="<urn:uuid:later>")
    assert locations.get(home) == Archived((path, 3, 4), (path, 1, 2))
    # ...and with none when that record is not in the WARC files
    locations.add(home, "<urn:uuid:orphan>", (path, 5, 6), refers_to="<urn:uuid:not-indexed>")
    assert locations.get(home) == Archived((path, 5, 6), None) and len(locations) == count
