"""Whole-record extraction on realistic pages: each fixture page has the expected record beside it
(`<name>.html` + `<name>.json`; `_url` is the URL the page was fetched from)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_newscrawler
from newscrawler.extract import extract_article
from newscrawler.pipelines import CleanPipeline

PAGES = Path(__file__).parent / "fixtures" / "pages"
CASES = sorted(p.stem for p in PAGES.glob("*.json"))


@pytest.mark.parametrize("name", CASES)
def test_page_gives_the_expected_record(name: str) -> None:
    expected = json.loads((PAGES / f"{name}.json").read_text("utf-8"))
    url = expected.pop("_url")
    record = CleanPipeline().process_item(extract_article((PAGES / f"{name}.html").read_bytes(), url))
    for field, value in expected.items():
        assert record[field] == value, field


@pytest.mark.parametrize("name", CASES)
def test_extraction_leaves_no_reference_cycles(name: str) -> None:
    """The page's tree is freed as soon as its record is made: no reference cycle keeps it (or any object of
    ours) for the garbage collector, which a crawl runs rarely (see GarbageCollectorTuning). Only our objects
    are looked at: threads that other tests left running may make garbage of their own meanwhile."""
    import gc

    html, url = (PAGES / f"{name}.html").read_bytes(), "https://courier.example/2024/05/03/story/"
    extract_article(html, url)  # rules and memos loaded
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        record = extract_article(html, url)
        gc.collect()
        ours = [type(o).__qualname__ for o in gc.garbage if _made_by_us(o)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert ours == [], "extraction left objects only the garbage collector can free"
    assert record["headline"]


def _made_by_us(obj: object) -> bool:
    """True for lxml's tree objects and for the functions, classes and instances of newscrawler."""
    module = getattr(obj, "__module__", None) or type(obj).__module__ or ""
    return module.startswith(("lxml", "newscrawler"))


def test_extract_command_prints_one_record_per_file(tmp_path: Path) -> None:
    import gzip

    page = PAGES / "wordpress-article.html"
    packed = tmp_path / "page.html.gz"
    packed.write_bytes(gzip.compress(page.read_bytes()))
    result = run_newscrawler("extract", str(page), str(packed), "--url", "https://courier.example/x/")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["headline"] == second["headline"] == "Harbour bridge reopens after two-year refit"
    assert first["url"] == "https://courier.example/x/" and first["commentCount"] == 2


def test_extract_command_reports_unreadable_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(b"not gzip at all")
    result = run_newscrawler("extract", str(broken), str(tmp_path / "missing.html"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 2
