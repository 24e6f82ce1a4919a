"""``bench crawl`` cannot rot: the generated site, the log parsing, and one tiny real run (no timing
assertions: it is a benchmark, not a timed test)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import run_newscrawler

from newscrawler.bench.crawl import busy_seconds, stats_from_log
from newscrawler.bench.crawl_site import article_path, generate_site, letters
from newscrawler.extract import extract_article


def reachable(site: dict[str, tuple[str, bytes]]) -> set[str]:
    """Paths reachable from the home page by following href links."""
    seen, todo = {"/"}, ["/"]
    while todo:
        body = site[todo.pop()][1].decode("utf-8")
        for href in re.findall(r'href="([^"]+)"', body):
            if href in site and href not in seen:
                seen.add(href)
                todo.append(href)
    return seen


def test_site_has_n_pages_all_reachable() -> None:
    for pages in (10, 137, 2000):
        site = generate_site(pages)
        html_pages = {p for p, (kind, _) in site.items() if kind.startswith("text/html")}
        assert len(html_pages) == pages
        assert reachable(site) == html_pages


def test_article_urls_have_no_numbered_ids_and_pages_are_articles() -> None:
    assert letters(0) == "a" and letters(25) == "z" and letters(26) == "ba"
    assert not re.search(r"\d", article_path(1234).split("/", 5)[-1])  # slug without digits
    site = generate_site(200)
    path = article_path(13)
    record = extract_article(site[path][1], "http://127.0.0.1:8000" + path)
    assert record["headline"] and record["datePublished"].startswith("2024-")
    assert record["authors"] and len(record["comments"]) == 13 % 8 and len(record["relatedLinks"]) == 3


def test_stats_from_log_and_busy_time() -> None:
    log = ("2026-01-01 [scrapy.statscollectors] INFO: Dumping Scrapy stats:\n{'elapsed_time_seconds': 12.5,\n"
           " 'item_scraped_count': 280,\n 'newscrawler/redis/idle_before_close_seconds': 2.5,\n"
           " 'response_received_count': 301,\n}")
    stats = stats_from_log(log)
    assert stats["response_received_count"] == 301 and stats["item_scraped_count"] == 280
    assert busy_seconds(stats) == 10.0
    assert busy_seconds({"elapsed_time_seconds": 4.0}) == 4.0


def test_tiny_bench_runs_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = run_newscrawler("bench", "crawl", "--pages", "30", "--concurrency", "4", "--redis", "on",
                             "--json", str(out), timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    report = json.loads(out.read_text("utf-8"))
    runs = {r["name"]: r for r in report["runs"]}
    assert set(runs) == {"bare", "full", "redis-1-worker", "redis-2-workers"}
    assert runs["bare"]["pages"] == 31  # 30 pages and robots.txt
    assert all(r["pages"] >= 31 and r["peak_rss_mb"] > 0 for r in runs.values())
    assert "full_vs_bare" in report["ratios"] and "two_workers_vs_one" in report["ratios"]
    assert all(r["cpu_seconds"] > 0 and r["pages_per_cpu_second"] > 0 for r in runs.values())
    assert runs["bare"]["articles"] == 0 and runs["full"]["articles"] == 30 - 1 - 1  # home and one hub page
    assert runs["redis-2-workers"]["articles"] == runs["full"]["articles"]  # each article once, all workers together
    assert runs["full"]["redis_cpu_seconds"] is None and runs["redis-1-worker"]["redis_cpu_seconds"] >= 0
    assert all(r["server_cpu_seconds"] >= 0 for r in runs.values())
    assert "pages/s" in result.stdout  # the table was printed


def test_repeated_rounds_crawl_afresh_and_give_median_ratios(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = run_newscrawler("bench", "crawl", "--pages", "20", "--concurrency", "4", "--runs", "bare,full",
                             "--repeat", "3", "--json", str(out), timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    report = json.loads(out.read_text("utf-8"))
    runs = [r["name"] for r in report["runs"]]
    assert runs == ["bare-1", "full-1", "bare-2", "full-2", "bare-3", "full-3"]  # rounds one after the other
    articles = {r["articles"] for r in report["runs"] if r["name"].startswith("full")}
    assert articles == {20 - 1 - 1}  # every round archives every article: no round is an incremental re-crawl
    by_name = {r["name"]: r for r in report["runs"]}
    per_round = sorted(round(by_name[f"full-{i}"]["pages_per_second"] / by_name[f"bare-{i}"]["pages_per_second"], 2)
                       for i in (1, 2, 3))
    assert report["ratios"]["full_vs_bare"] == per_round[1]  # the median round
    assert report["ratio_ranges"]["full_vs_bare"] == [per_round[0], per_round[2]]
    assert "median of 3 rounds" in result.stdout


def test_bad_arguments_exit_2() -> None:
    result = run_newscrawler("bench", "crawl", "--pages", "3")
    assert result.returncode == 2 and "--pages must be at least 10" in result.stderr
    result = run_newscrawler("bench", "crawl", "--repeat", "0")
    assert result.returncode == 2 and "--repeat at least 1" in result.stderr
    result = run_newscrawler("bench", "crawl", "--runs", "bare,fast")
    assert result.returncode == 2 and "--runs takes bare, full and/or redis" in result.stderr
