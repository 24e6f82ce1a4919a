"""``newscrawler verify DIR``: a sound archive passes; each kind of damage is reported with its
file and line (JSONL) or offset (WARC), and the exit status says the archive is not sound."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from archive_site import NewsSite
from conftest import FAST, run_newscrawler, serve_routes

from newscrawler.archive.verify import verify_archive


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real archive: a crawl of a local site with WARC files."""
    output = tmp_path_factory.mktemp("archive")
    with serve_routes(NewsSite(articles=3).routes()) as base:
        result = run_newscrawler("crawl", base, "--output", str(output), "--warc", *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    return output


@pytest.fixture
def copy(archive: Path, tmp_path: Path) -> Path:
    """A copy of the archive to damage."""
    return Path(shutil.copytree(archive, tmp_path / "copy"))


def jsonl(folder: Path) -> Path:
    return next(folder.rglob("*.jsonl"))


def test_sound_archive(archive: Path) -> None:
    result = run_newscrawler("verify", str(archive))
    assert result.returncode == 0, result.stdout
    assert "sound" in result.stdout and "NOT" not in result.stdout
    report = verify_archive(archive)
    assert report.sound and report.records == 3 and report.warc_records > 10 and report.files == 3


def test_schema_violation_and_broken_line_are_reported_with_file_and_line(copy: Path) -> None:
    path = jsonl(copy)
    lines = path.read_text().splitlines()
    second = json.loads(lines[1])
    second["headline"] = 42
    lines[1] = json.dumps(second)
    lines[2] = lines[2][:50]
    path.write_text("\n".join(lines) + "\n")
    result = run_newscrawler("verify", str(copy))
    assert result.returncode == 1
    assert f"{path}:2: headline: 42 is not of type 'string'" in result.stdout
    assert f"{path}:3: not JSON" in result.stdout
    assert any(line.startswith(f"{path}: ") and ".manifest.json says" in line  # no longer what the manifest says
               for line in result.stdout.splitlines())
    assert "NOT sound" in result.stdout


def test_damaged_warc_and_wrong_pointer_are_reported(copy: Path) -> None:
    warc = next(copy.rglob("*.warc.gz"))
    with warc.open("ab") as handle:
        handle.write(b"\x1f\x8b\x08\x00torn")
    path = jsonl(copy)
    lines = path.read_text().splitlines()
    first = json.loads(lines[0])
    first["warc"]["offset"] += 1
    lines[0] = json.dumps(first)
    path.write_text("\n".join(lines) + "\n")
    report = verify_archive(copy)
    assert not report.sound
    assert any(p.startswith(f"{warc}: ") and "bytes" in p for p in report.problems)  # size differs from the manifest
    assert any(p.startswith(f"{warc}: offset ") for p in report.problems)
    assert any(p.startswith(f"{path}:1: warc: ") for p in report.problems)


def test_unlisted_and_missing_files_are_reported(copy: Path) -> None:
    folder = jsonl(copy).parent
    shutil.copy(jsonl(copy), folder / "20990101T000000Z.jsonl")
    next(copy.rglob("*.cdxj")).unlink()
    problems = verify_archive(copy).problems
    assert any("20990101T000000Z.jsonl: not listed in any manifest" in p for p in problems)
    assert any(p.endswith(".cdxj: missing (listed in " + next(folder.glob("*.manifest.json")).name + ")")
               for p in problems)


def test_cdxj_lines_pointing_nowhere_are_reported(copy: Path) -> None:
    index = next(copy.rglob("*.cdxj"))
    lines = index.read_text().splitlines()
    key, stamp, fields = lines[0].split(" ", 2)
    lines[0] = f"{key} {stamp} " + json.dumps({**json.loads(fields), "offset": "99999999"})
    index.write_text("\n".join(lines) + "\nnot an index line\n")
    problems = verify_archive(copy).problems
    assert f"{index}:1: points outside {index.name.removesuffix('.cdxj')}" in problems
    assert f"{index}:{len(lines) + 1}: not a CDXJ line" in problems


def test_not_a_folder_is_a_one_line_error(tmp_path: Path) -> None:
    result = run_newscrawler("verify", str(tmp_path / "nowhere"))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


def test_crawls_started_in_the_same_second_keep_their_own_files_and_manifests(tmp_path: Path) -> None:
    """Two crawls of one folder whose start times read the same second: the second writes new names, so the
    first one's records count and manifest stay true, and the folder verifies as sound."""
    from scrapy.utils.test import get_crawler

    from newscrawler.archive.jsonl import JsonlArchivePipeline
    from newscrawler.items import empty_extraction

    class Spider:
        start_urls = ["https://courier.example/"]

    names = []
    for run in range(2):
        crawler = get_crawler(settings_dict={"NEWSCRAWLER_OUTPUT": str(tmp_path)})
        pipeline = JsonlArchivePipeline(crawler)
        pipeline.stamp = "20260101T000000Z"  # both crawls started in this second
        for n in range(run + 1):
            record = {**empty_extraction(), "url": f"https://courier.example/{run}/{n}/", "headline": "A story",
                      "articleBody": "Text."}
            pipeline.process_item(record)
        pipeline.close_spider()
        pipeline.spider_closed(Spider(), "finished")
        names.append([Path(p).name for p in crawler.stats.get_value("newscrawler/archive_files")])
    assert names == [["20260101T000000Z.jsonl"], ["20260101T000000Z_2.jsonl"]]
    folder = tmp_path / "courier.example"
    first = json.loads((folder / "20260101T000000Z.manifest.json").read_text("utf-8"))
    second = json.loads((folder / "20260101T000000Z_2.manifest.json").read_text("utf-8"))
    assert [(f["path"], f["records"]) for f in first["files"]] == [("20260101T000000Z.jsonl", 1)]
    assert [(f["path"], f["records"]) for f in second["files"]] == [("20260101T000000Z_2.jsonl", 2)]
    assert verify_archive(tmp_path).sound
