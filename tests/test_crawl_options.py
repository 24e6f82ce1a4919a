"""Crawl options on the real engine against the demo site: --max-pages, --since, start from a feed or
sitemap, and `scrapy crawl news` behaving like `newscrawler crawl`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from conftest import FAST, read_archive, run_newscrawler
from newscrawler.demo.content import demo_articles
from newscrawler.demo.server import serve

REPO = Path(__file__).resolve().parent.parent


def test_max_pages_bounds_the_crawl(tmp_path: Path) -> None:
    with serve() as base:
        result = run_newscrawler("crawl", base, "--output", str(tmp_path), "--max-pages", "40", *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    records = read_archive(tmp_path)
    assert 0 < len(records) < len(demo_articles())
    manifest = json.loads(next(tmp_path.rglob("*.manifest.json")).read_text())
    stats = manifest["stats"]
    html_pages = stats.get("newscrawler/pages/article", 0) + stats.get("newscrawler/pages/other", 0)
    assert html_pages <= 40
    assert manifest["summary"]["skipped"]["max_pages"] > 0


def test_since_skips_older_articles(tmp_path: Path) -> None:
    truth = demo_articles()
    dates = sorted(a["datePublished"][:10] for a in truth)
    since = dates[len(dates) // 2]
    with serve() as base:
        result = run_newscrawler("crawl", base, "--output", str(tmp_path), "--since", since, *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    got = {urlsplit(r["url"]).path for r in read_archive(tmp_path)}
    assert got == {a["path"] for a in truth if a["datePublished"][:10] >= since}
    assert "older_than_since" in result.stdout


def test_start_from_a_feed_marks_records_as_found_in_the_feed(tmp_path: Path) -> None:
    with serve() as base:
        result = run_newscrawler("crawl", f"{base}feed/", "--output", str(tmp_path), "--max-pages", "3",
                                 "-s", "ROBOTSTXT_OBEY=False", *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    records = read_archive(tmp_path)
    assert records and all(r["discoveredVia"] == "feed" for r in records)


def test_scrapy_crawl_news_writes_the_same_archive(tmp_path: Path) -> None:
    with serve() as base:
        result = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"urls={base}", "-a", "max_pages=60",
             "-s", f"NEWSCRAWLER_OUTPUT={tmp_path}", "-s", "AUTOTHROTTLE_START_DELAY=0"],
            cwd=REPO, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    records = read_archive(tmp_path)
    assert 0 < len(records) <= 60
    assert list((tmp_path / "127.0.0.1").glob("*.manifest.json"))
