"""WARC revisit records: a crawl that fetches a page again and finds its payload unchanged writes a
``revisit`` record of the earlier full capture (WARC 1.1, identical-payload-digest) instead of the
whole response. Real crawls of a loopback site, twice into the same archive folder, with the real
``warcio``, ``newscrawler verify`` and ``newscrawler reextract`` commands."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from archive_site import NewsSite
from conftest import FAST, read_archive, run_newscrawler, serve_routes
from test_reextract import without_fetch_time
from test_warc import record_offsets, record_places, warcio
from warcio.archiveiterator import ArchiveIterator

from newscrawler.archive.verify import verify_archive, warc_pointer_problem
from newscrawler.archive.warc import index_path, write_index
from newscrawler.distributed.server import local_redis_server

PROFILE = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"

#: Every run fetches every archived article again (so unchanged articles are revisits too).
INCREMENTAL = [*FAST, "--warc", "--refresh-after", "0s", "-s", "NEWSCRAWLER_HEALTH_MIN_ARTICLES=0"]


def crawl(base: str, output: Path, *extra: str) -> None:
    """One real crawl of ``base`` into ``output``, with WARC files. (A crawl's files are named by the
    second it starts in: the crawl starts in a second of its own, so that each has its manifest.)"""
    time.sleep(1 - time.time() % 1)
    result = run_newscrawler("crawl", base, "--output", str(output), *INCREMENTAL, *extra)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr


def news_site() -> NewsSite:
    """Three stories; story-2's comments take two pages."""
    site = NewsSite(articles=3)
    site.comments["news/story-2"] += ["A third comment, on page two.", "A fourth one."]
    return site


def change_comments(site: NewsSite) -> None:
    """A new comment under story-1 (its page changes, a second comment page appears) and under story-2
    (only its second comment page changes)."""
    site.comments["news/story-1"].append("A late comment that a refresh picks up.")
    site.comments["news/story-2"].append("A fifth comment, also on page two.")


def crawl_twice(output: Path, *extra: str) -> str:
    """Crawl the site, change the comments of two stories, crawl again; return the site's base URL."""
    site = news_site()
    routes = site.routes()
    with serve_routes(routes) as base:
        crawl(base, output, *extra)
        change_comments(site)
        routes.update(site.routes())
        crawl(base, output, *extra)
    return base


def warc_files(output: Path) -> list[Path]:
    """The WARC files of the site's folder, oldest first."""
    return sorted((output / "127.0.0.1").glob("*.warc.gz"))


def captures(path: Path) -> list[tuple[str, str, Any, Any, bytes]]:
    """(type, target URI, WARC headers, HTTP headers, payload) of every response and revisit record."""
    found = []
    with path.open("rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type in ("response", "revisit"):
                found.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI"), record.rec_headers,
                              record.http_headers, record.content_stream().read()))
    return found


def kinds(path: Path, base: str) -> dict[str, str]:
    """Path (after the base URL) → record type, for the response and revisit records of a WARC file."""
    return {uri.removeprefix(base): kind for kind, uri, _, _, _ in captures(path)}


def comparable(records: list[dict[str, Any]], base: str) -> dict[str, Any]:
    """Records by URL without the fields that depend on the fetch, nor ``warc``, nor the site's port."""
    return json.loads(json.dumps(without_fetch_time([{**r, "warc": None} for r in records])).replace(base, "/"))


def crawl_stats(output: Path) -> list[dict[str, Any]]:
    """The Scrapy stats of each crawl, oldest first (from the manifests)."""
    return [json.loads(m.read_text())["stats"] for m in sorted((output / "127.0.0.1").glob("*.manifest.json"))]


@pytest.fixture(scope="module")
def revisits(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """Two crawls with revisit records (the default): base URL and output folder."""
    output = tmp_path_factory.mktemp("revisits")
    return crawl_twice(output), output


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The same two crawls with NEWSCRAWLER_WARC_REVISITS off."""
    output = tmp_path_factory.mktemp("full")
    return crawl_twice(output, "-s", "NEWSCRAWLER_WARC_REVISITS=False"), output


UNCHANGED = {"robots.txt", "", "sitemap.xml", "news/story-2/", "news/story-3/"}
CHANGED = {"latest/", "news/story-1/", "news/story-1/comment-page-2/", "news/story-2/comment-page-2/"}


def test_second_crawl_writes_revisits_of_unchanged_payloads(revisits: tuple[str, Path]) -> None:
    base, output = revisits
    first, second = warc_files(output)
    assert set(kinds(first, base).values()) == {"response"}
    assert kinds(second, base) == {**{p: "revisit" for p in UNCHANGED}, **{p: "response" for p in CHANGED}}
    # (latest/ is a redirect with an empty body: a revisit of nothing is not worth it)
    originals = {uri: headers for kind, uri, headers, _, _ in captures(first)}
    for kind, uri, headers, http, payload in captures(second):
        if kind != "revisit":
            continue
        original = originals[uri]
        assert headers.get_header("WARC-Profile") == PROFILE
        assert headers.get_header("WARC-Refers-To-Target-URI") == uri
        assert headers.get_header("WARC-Refers-To") == original.get_header("WARC-Record-ID")
        assert headers.get_header("WARC-Refers-To-Date") == original.get_header("WARC-Date")
        assert headers.get_header("WARC-Payload-Digest") == original.get_header("WARC-Payload-Digest")
        assert http.get_statuscode() == "200" and http.get_header("Content-Type")  # status line and headers kept
        assert payload == b""  # ...and no payload
    requests = warcio("index", "-f", "warc-type,warc-target-uri", str(second)).stdout
    assert all(json.dumps({"warc-type": "request", "warc-target-uri": base + p}) in requests
               for p in UNCHANGED | CHANGED)  # every request is still written
    first_stats, second_stats = crawl_stats(output)
    assert "newscrawler/warc_revisits" not in first_stats
    assert second_stats["newscrawler/warc_revisits"] == len(UNCHANGED)
    saved = sum(len(p) for kind, uri, _, _, p in captures(first) if uri.removeprefix(base) in UNCHANGED)
    assert second_stats["newscrawler/warc_revisit_bytes_saved"] == saved


def test_revisits_pass_warcio_cdxj_indexer_and_verify(revisits: tuple[str, Path], tmp_path: Path) -> None:
    _, output = revisits
    check = warcio("check", "-v", *map(str, warc_files(output)))
    assert check.returncode == 0 and "revisit" in check.stdout, check.stdout[-3000:]
    second = warc_files(output)[1]
    index = warcio("index", "-f", "warc-type,http:status", str(second))
    assert index.returncode == 0 and index.stdout.count('"warc-type": "revisit", "http:status": "200"') == len(UNCHANGED)
    ours = index_path(second).read_text()
    again = tmp_path / second.name
    again.write_bytes(second.read_bytes())
    assert ours == write_index(again).read_text()  # the index cdxj-indexer (pywb) makes of the file
    assert ours.count('"mime": "warc/revisit"') == len(UNCHANGED)
    result = run_newscrawler("verify", str(output))
    assert result.returncode == 0 and " sound " in result.stdout, result.stdout[-3000:]


def test_a_record_whose_page_is_a_revisit_points_at_the_full_response(revisits: tuple[str, Path]) -> None:
    base, output = revisits
    first, second = warc_files(output)
    written = {r["url"].removeprefix(base): r["warc"] for r in read_archive(output)[3:]}  # the second crawl's
    assert sorted(written) == ["news/story-1/", "news/story-2/"]  # story-3 is unchanged: not written again
    assert written["news/story-1/"]["file"] == second.name  # its page changed
    assert written["news/story-2/"]["file"] == first.name  # only its comment page changed
    for pointer in written.values():
        assert warc_pointer_problem(output / "127.0.0.1", pointer) is None  # a response record, never a revisit


def test_revisits_make_the_second_crawl_smaller_and_the_setting_turns_them_off(
        revisits: tuple[str, Path], full: tuple[str, Path]) -> None:
    with_revisits, without = warc_files(revisits[1])[1], warc_files(full[1])[1]
    assert sorted(kinds(with_revisits, revisits[0]).values()).count("revisit") == len(UNCHANGED)
    assert set(kinds(without, full[0]).values()) == {"response"}
    assert "newscrawler/warc_revisits" not in crawl_stats(full[1])[1]
    print(f"second crawl's WARC: {with_revisits.stat().st_size} bytes with revisits, "
          f"{without.stat().st_size} without")
    assert with_revisits.stat().st_size < without.stat().st_size
    assert comparable(read_archive(revisits[1]), revisits[0]) == comparable(read_archive(full[1]), full[0])


def test_without_the_crawl_state_no_revisit_crosses_crawls(revisits: tuple[str, Path], tmp_path: Path) -> None:
    assert "revisit" in kinds(warc_files(revisits[1])[1], revisits[0]).values()  # with the state: revisits
    base = crawl_twice(tmp_path, "-s", "NEWSCRAWLER_STATE=False")
    second = warc_files(tmp_path)[1]
    assert set(kinds(second, base).values()) == {"response"}  # the state of the first crawl is gone with it
    assert warcio("check", str(second)).returncode == 0


def test_reextract_resolves_revisits_to_the_original_payload(revisits: tuple[str, Path], full: tuple[str, Path],
                                                             tmp_path: Path) -> None:
    replayed = {}
    for name, (base, output) in (("revisits", revisits), ("full", full)):
        result = run_newscrawler("reextract", *map(str, warc_files(output)), "--output", str(tmp_path / name))
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
        assert "original_not_in_warc" not in result.stdout
        records = read_archive(tmp_path / name)
        for record in records:
            assert warc_pointer_problem(output / "127.0.0.1", record["warc"]) is None  # a response record
        replayed[name] = {r["url"].removeprefix(base): r for r in records}
    assert comparable(list(replayed["revisits"].values()), revisits[0]) == \
        comparable(list(replayed["full"].values()), full[0])
    assert sorted(replayed["revisits"]) == ["news/story-1/", "news/story-2/", "news/story-3/"]
    first = warc_files(revisits[1])[0]
    assert {url for url, r in replayed["revisits"].items() if r["warc"]["file"] == first.name} == \
        {"news/story-2/", "news/story-3/"}  # their last captures are revisits of the first crawl's responses
    assert replayed["revisits"]["news/story-2/"]["commentCount"] == 5  # (its comment page: the second crawl's)


def test_reextract_of_the_last_crawl_alone_finds_the_originals_beside_it(revisits: tuple[str, Path],
                                                                         tmp_path: Path) -> None:
    base, output = revisits
    records = {}
    for name, given in (("last", warc_files(output)[1:]), ("all", warc_files(output))):
        result = run_newscrawler("reextract", *map(str, given), "--output", str(tmp_path / name))
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
        assert "original_not_in_warc" not in result.stdout
        records[name] = read_archive(tmp_path / name)
    # the originals come from the first crawl's file, in the same folder, though it was not given
    first = warc_files(output)[0].name
    assert {r["url"].removeprefix(base) for r in records["last"] if r["warc"]["file"] == first} == \
        {"news/story-2/", "news/story-3/"}
    assert comparable(records["last"], base) == comparable(records["all"], base)
    assert len(records["last"]) == 3


def test_reextract_skips_a_revisit_whose_original_is_nowhere(revisits: tuple[str, Path], tmp_path: Path) -> None:
    alone = tmp_path / "copied" / warc_files(revisits[1])[1].name  # the last crawl's file, without its folder
    alone.parent.mkdir()
    shutil.copy(warc_files(revisits[1])[1], alone)
    result = run_newscrawler("reextract", str(alone), "--output", str(tmp_path / "out"))
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "original_not_in_warc: 1" in result.stdout  # the start page (robots.txt goes to Scrapy's own errback)


def test_a_revisit_never_refers_to_a_record_that_is_gone(tmp_path: Path) -> None:
    """The first crawl was killed: its WARC file lost everything after robots.txt (a torn record, set
    aside when the folder is opened again). The second crawl's revisits refer only to what is left."""
    with serve_routes(news_site().routes()) as base:
        crawl(base, tmp_path)
        first = warc_files(tmp_path)[0]
        assert captures(first)[0][1] == base + "robots.txt"  # fetched first: records 1 and 2, after the warcinfo
        first.write_bytes(first.read_bytes()[:record_offsets(first)[3] + 40])  # killed while writing record 3
        index_path(first).unlink()
        crawl(base, tmp_path)
    second = warc_files(tmp_path)[1]
    assert first.with_name(first.name + ".torn").exists()
    gone = {"", "sitemap.xml", "news/story-1/", "news/story-2/", "news/story-2/comment-page-2/", "news/story-3/"}
    assert kinds(second, base) == {"robots.txt": "revisit", "latest/": "response", **{p: "response" for p in gone}}
    assert crawl_stats(tmp_path)[-1]["newscrawler/warc_revisit_original_missing"] == len(gone)
    assert warcio("check", str(first), str(second)).returncode == 0


def test_verify_checks_each_revisit_against_its_original(revisits: tuple[str, Path], tmp_path: Path) -> None:
    _, output = revisits
    shutil.copytree(output / "127.0.0.1", tmp_path / "127.0.0.1")
    first, second = warc_files(tmp_path)
    # a revisit's HTTP headers changed (its block digest no longer matches), and its original gone
    offset, length = next((o, n) for kind, o, n in record_places(second) if kind == "revisit")
    data = second.read_bytes()
    member = gzip.decompress(data[offset:offset + length]).replace(b" 200 OK\r\n", b" 200 Ok\r\n", 1)
    second.write_bytes(data[:offset] + gzip.compress(member) + data[offset + length:])
    first.unlink()
    problems = verify_archive(tmp_path).problems
    assert f"{second}: offset {offset}: block digest failed" in "\n".join(problems)
    gone = [p for p in problems if "no such response record in the folder's WARC files" in p]
    assert len(gone) == len(UNCHANGED) and all(p.startswith(f"{second}: offset ") for p in gone)


def test_distributed_workers_share_the_folders_captures(tmp_path: Path) -> None:
    """Workers on one machine share the folder's crawl state: whichever worker fetches a page again
    writes a revisit of whichever capture holds its payload (its own, or another worker's); nothing
    crashes and the archive stays sound."""
    with local_redis_server() as redis_url, serve_routes(news_site().routes()) as base:
        for _ in range(2):
            earlier = warc_files(tmp_path)
            time.sleep(1 - time.time() % 1)  # (each crawl in a second of its own: see crawl())
            workers = [subprocess.Popen([sys.executable, "-m", "newscrawler.cli", "crawl", base, "--output", str(tmp_path),
                                         "--redis", redis_url, *INCREMENTAL, "-s", "MAX_IDLE_TIME_BEFORE_CLOSE=2",
                                         "-s", "NEWSCRAWLER_HEALTH_ENABLED=False"],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
            for worker in workers:
                _, err = worker.communicate(timeout=180)
                assert worker.returncode == 0 and "Traceback" not in err, err[-3000:]
    second = [path for path in warc_files(tmp_path) if path not in earlier]
    assert second and len(earlier) >= 1  # (a worker that got no page writes no file)
    unchanged = UNCHANGED | {"news/story-1/", "news/story-2/comment-page-2/"}  # the site did not change
    assert {p: k for path in second for p, k in kinds(path, base).items()} == \
        {"latest/": "response", **{p: "revisit" for p in unchanged}}
    assert warcio("check", *map(str, warc_files(tmp_path))).returncode == 0
    report = verify_archive(tmp_path)
    assert report.sound, report.problems
