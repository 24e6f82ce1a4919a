"""Health checks: each check on hand-made stats, then real crawls whose manifest, log and exit
status (``newscrawler crawl`` and ``scrapy crawl``) carry the verdict."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import FAST, html, run_newscrawler, serve_routes

from newscrawler.health import Thresholds, evaluate, health_ok, health_report

ROOT = Path(__file__).resolve().parents[1]


def stats_of(articles: int = 30, dated: int = 30, authored: int = 30, bodies: int = 30, pages: int = 40,
             errors: dict[str, int] | None = None, reason: str = "finished") -> dict:
    stats = {"newscrawler/articles": articles, "newscrawler/coverage/records": articles,
             "newscrawler/coverage/datePublished": dated, "newscrawler/coverage/authors": authored,
             "newscrawler/coverage/articleBody": bodies, "response_received_count": pages, "finish_reason": reason}
    stats.update({f"newscrawler/errors/{k}": v for k, v in (errors or {}).items()})
    return stats


def by_name(stats: dict, thresholds: Thresholds = Thresholds()) -> dict[str, str]:
    return {r.name: r.status for r in evaluate(stats, thresholds)}


def test_a_good_crawl_passes_every_check() -> None:
    results = by_name(stats_of())
    assert results == {"min_articles": "pass", "max_error_rate": "pass", "coverage_articleBody": "pass",
                       "coverage_datePublished": "pass", "coverage_authors": "pass", "finish_reason": "pass"}


def test_too_few_articles_fails() -> None:
    assert by_name(stats_of(articles=0), Thresholds(min_articles=1))["min_articles"] == "fail"
    assert by_name(stats_of(articles=4), Thresholds(min_articles=5))["min_articles"] == "fail"
    assert by_name(stats_of(articles=5), Thresholds(min_articles=5))["min_articles"] == "pass"


def test_an_incremental_crawl_that_finds_nothing_new_is_healthy() -> None:
    stats = stats_of(articles=0) | {"newscrawler/skipped/archived": 30, "newscrawler/dropped/unchanged": 2}
    assert by_name(stats, Thresholds(min_articles=1))["min_articles"] == "pass"


def test_error_rate_counts_http_and_network_errors() -> None:
    # 40 responses (10 of them HTTP errors) + 10 network errors = 50 attempts, 20 failed: 40 %.
    stats = stats_of(errors={"http_404": 6, "http_500": 4, "ConnectionRefusedError": 10})
    result = next(r for r in evaluate(stats, Thresholds(max_error_rate=0.3)) if r.name == "max_error_rate")
    assert result.status == "fail" and result.value == 0.4
    assert by_name(stats, Thresholds(max_error_rate=0.4))["max_error_rate"] == "pass"


def test_coverage_fails_below_its_share_and_is_skipped_on_small_crawls() -> None:
    results = by_name(stats_of(articles=30, dated=10, authored=3))
    assert results["coverage_datePublished"] == "fail"  # 33 % < 50 %
    assert results["coverage_authors"] == "fail"  # 10 % < 20 %
    assert by_name(stats_of(articles=5, dated=0, authored=0, bodies=5))["coverage_datePublished"] == "skipped"


def test_finish_reason_other_than_finished_fails() -> None:
    assert by_name(stats_of(reason="shutdown"))["finish_reason"] == "fail"
    assert by_name(stats_of(reason="closespider_timeout"),
                   Thresholds(finish_reasons=("finished", "closespider_timeout")))["finish_reason"] == "pass"


def test_report_and_health_ok() -> None:
    report = health_report(evaluate(stats_of(articles=0), Thresholds()))
    assert report["ok"] is False and report["failed"] == ["min_articles"]
    assert health_ok({"newscrawler/health": report}) is False
    assert health_ok({}) is True  # health checks turned off: no verdict, no failure


def article(title: str, author: str) -> str:
    paragraphs = "".join(f"<p>{title}, part {i}: the council met on Tuesday and agreed the new budget for "
                         f"the harbour, after a long debate about the ferry timetable.</p>" for i in range(4))
    return (f'<html lang="en"><head><title>{title}</title><meta property="og:type" content="article">'
            f'<meta property="article:published_time" content="2024-05-03T10:00:00+00:00">'
            f'<meta name="author" content="{author}"></head>'
            f'<body><article><h1>{title}</h1>{paragraphs}</article></body></html>')


ROUTES = {
    "/": html('<html><body><h1>News</h1><a href="/harbour/">Harbour</a> <a href="/ferry/">Ferry</a></body></html>'),
    "/harbour/": html(article("Harbour budget agreed", "Ann Lee")),
    "/ferry/": html(article("Ferry timetable changes", "Bo Chen")),
}


def manifest_of(output: Path) -> dict:
    return json.loads(next(output.rglob("*.manifest.json")).read_text("utf-8"))


def test_healthy_crawl_exits_zero_with_health_in_manifest(tmp_path: Path) -> None:
    with serve_routes(ROUTES) as base:
        result = run_newscrawler("crawl", base, "--output", str(tmp_path), *FAST)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Health checks:  ok" in result.stdout
    health = manifest_of(tmp_path)["health"]
    assert health["ok"] is True
    assert {c["name"]: c["status"] for c in health["checks"]}["min_articles"] == "pass"
    assert "Health check min_articles: PASS: 2 articles archived, 0 already in the archive" in result.stderr


def test_failed_check_makes_newscrawler_exit_non_zero(tmp_path: Path) -> None:
    with serve_routes(ROUTES) as base:
        result = run_newscrawler("crawl", base, "--output", str(tmp_path), "-s", "NEWSCRAWLER_HEALTH_MIN_ARTICLES=5",
                                 *FAST)
    assert result.returncode == 1
    assert "Health checks:  FAILED: min_articles" in result.stdout
    assert "Health checks failed: min_articles" in result.stderr
    assert manifest_of(tmp_path)["health"]["failed"] == ["min_articles"]


def test_failed_check_makes_scrapy_crawl_exit_non_zero(tmp_path: Path) -> None:
    def scrapy_crawl(base: str, output: Path, *settings: str) -> subprocess.CompletedProcess[str]:
        args = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"urls={base}",
                "-s", f"NEWSCRAWLER_OUTPUT={output}", "-s", "AUTOTHROTTLE_START_DELAY=0"]
        for setting in settings:
            args += ["-s", setting]
        return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)

    with serve_routes(ROUTES) as base:
        healthy = scrapy_crawl(base, tmp_path / "a")
        unhealthy = scrapy_crawl(base, tmp_path / "b", "NEWSCRAWLER_HEALTH_MIN_ARTICLES=5")
    assert healthy.returncode == 0, healthy.stderr[-2000:]
    assert unhealthy.returncode == 1
    assert "Health checks failed: min_articles" in unhealthy.stderr
