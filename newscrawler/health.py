"""Health checks after each crawl, in the spirit of Spidermon: minimum articles, maximum error rate,
field coverage and finish reason.

The :class:`HealthChecks` extension counts, for every archived record, which of the watched fields it
has; when the spider closes it evaluates the checks against the ``NEWSCRAWLER_HEALTH_*`` thresholds,
logs one line per check, and stores the report in the stats under ``newscrawler/health`` (the manifest
copies it into its ``health`` section; the exit status of ``newscrawler crawl`` and ``scrapy crawl``
is non-zero when a check failed).

Spidermon itself was not used: it adds ten packages (jsonschema format extras, arrow, slugify...)
and a unittest-based monitor framework for what are four comparisons here.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import BaseSettings

from newscrawler.archive.manifest import crawl_summary

logger = logging.getLogger(__name__)

#: Stats key of the health report (a dict: ``ok`` and ``checks``).
HEALTH_KEY = "newscrawler/health"
COVERAGE_PREFIX = "newscrawler/coverage/"


@dataclass(frozen=True)
class Thresholds:
    """What a healthy crawl looks like (from the NEWSCRAWLER_HEALTH_* settings)."""

    min_articles: int = 1
    max_error_rate: float = 0.5
    min_coverage: tuple[tuple[str, float], ...] = (("articleBody", 0.9), ("datePublished", 0.5), ("authors", 0.2))
    coverage_min_sample: int = 20
    finish_reasons: tuple[str, ...] = ("finished",)

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> "Thresholds":
        """Read the thresholds from Scrapy settings."""
        coverage = settings.getdict("NEWSCRAWLER_HEALTH_MIN_COVERAGE")
        return cls(
            min_articles=settings.getint("NEWSCRAWLER_HEALTH_MIN_ARTICLES"),
            max_error_rate=settings.getfloat("NEWSCRAWLER_HEALTH_MAX_ERROR_RATE"),
            min_coverage=tuple((str(k), float(v)) for k, v in coverage.items()),
            coverage_min_sample=settings.getint("NEWSCRAWLER_HEALTH_COVERAGE_MIN_SAMPLE"),
            finish_reasons=tuple(settings.getlist("NEWSCRAWLER_HEALTH_FINISH_REASONS")),
        )


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: its name, pass/fail/skipped, the measured value and the threshold."""

    name: str
    status: str  # "pass", "fail" or "skipped"
    value: Any
    threshold: Any
    message: str

    @property
    def failed(self) -> bool:
        return self.status == "fail"


def _result(name: str, ok: bool, value: Any, threshold: Any, message: str) -> CheckResult:
    return CheckResult(name, "pass" if ok else "fail", value, threshold, message)


def error_rate(stats: dict[str, Any]) -> float:
    """Failed fetches (HTTP errors and network errors) per attempted page fetch."""
    summary = crawl_summary(stats)
    network_errors = sum(v for k, v in summary["errors"].items() if not k.startswith("http_"))
    attempts = summary["pagesFetched"] + network_errors
    return summary["errorCount"] / attempts if attempts else 0.0


#: Articles an incremental crawl found but did not write again: already archived, unchanged, or
#: archived before under another URL.
KNOWN_ARTICLE_STATS = ("newscrawler/skipped/archived", "newscrawler/dropped/unchanged",
                       "newscrawler/dropped/duplicate_content")


def check_min_articles(stats: dict[str, Any], minimum: int) -> CheckResult:
    """At least ``minimum`` articles were archived, or found already archived (an incremental crawl)."""
    written = stats.get("newscrawler/articles", 0)
    known = sum(stats.get(key, 0) for key in KNOWN_ARTICLE_STATS)
    articles = written + known
    return _result("min_articles", articles >= minimum, articles, minimum,
                   f"{written} articles archived, {known} already in the archive (minimum {minimum})")


def check_error_rate(stats: dict[str, Any], maximum: float) -> CheckResult:
    """At most ``maximum`` of the page fetches failed."""
    rate = round(error_rate(stats), 4)
    return _result("max_error_rate", rate <= maximum, rate, maximum,
                   f"error rate {rate:.1%} (maximum {maximum:.0%})")


def check_coverage(stats: dict[str, Any], field: str, minimum: float, min_sample: int) -> CheckResult:
    """At least ``minimum`` of the articles have ``field``; skipped below ``min_sample`` articles."""
    name = f"coverage_{field}"
    articles = stats.get(f"{COVERAGE_PREFIX}records", 0)
    if articles < max(min_sample, 1):
        return CheckResult(name, "skipped", None, minimum,
                           f"{field} coverage not checked: {articles} articles (fewer than {max(min_sample, 1)})")
    share = round(stats.get(f"{COVERAGE_PREFIX}{field}", 0) / articles, 4)
    return _result(name, share >= minimum, share, minimum, f"{field} in {share:.0%} of articles (minimum {minimum:.0%})")


def check_finish_reason(stats: dict[str, Any], allowed: tuple[str, ...]) -> CheckResult:
    """The crawl ended for one of the ``allowed`` reasons (normally ``finished``)."""
    reason = stats.get("finish_reason")
    return _result("finish_reason", reason in allowed, reason, list(allowed), f"finish reason {reason!r}")


def evaluate(stats: dict[str, Any], thresholds: Thresholds) -> list[CheckResult]:
    """Every check of a finished crawl's stats."""
    results = [check_min_articles(stats, thresholds.min_articles),
               check_error_rate(stats, thresholds.max_error_rate)]
    results += [check_coverage(stats, field, minimum, thresholds.coverage_min_sample)
                for field, minimum in thresholds.min_coverage]
    results.append(check_finish_reason(stats, thresholds.finish_reasons))
    return results


def health_report(results: list[CheckResult]) -> dict[str, Any]:
    """The JSON-ready report: ``ok`` (no check failed), ``failed`` (their names) and every check."""
    failed = [r.name for r in results if r.failed]
    return {"ok": not failed, "failed": failed, "checks": [asdict(r) for r in results]}


def health_ok(stats: dict[str, Any]) -> bool:
    """False when the crawl's health report (if any) has a failed check."""
    report = stats.get(HEALTH_KEY)
    return not isinstance(report, dict) or bool(report.get("ok", True))


def count_coverage(stats: Any, item: Any, fields: list[str]) -> None:
    """Count one archived record, and each of ``fields`` it has (non-empty), in the stats."""
    record = ItemAdapter(item)
    stats.inc_value(f"{COVERAGE_PREFIX}records")
    for field in fields:
        if record.get(field):
            stats.inc_value(f"{COVERAGE_PREFIX}{field}")


class HealthChecks:
    """Extension: count field coverage while crawling, evaluate the checks when the spider closes.

    Settings: NEWSCRAWLER_HEALTH_ENABLED, NEWSCRAWLER_HEALTH_MIN_ARTICLES,
    NEWSCRAWLER_HEALTH_MAX_ERROR_RATE, NEWSCRAWLER_HEALTH_MIN_COVERAGE,
    NEWSCRAWLER_HEALTH_COVERAGE_MIN_SAMPLE, NEWSCRAWLER_HEALTH_FINISH_REASONS.
    """

    def __init__(self, crawler: Crawler, thresholds: Thresholds) -> None:
        self.crawler = crawler
        self.thresholds = thresholds
        self.fields = [field for field, _ in thresholds.min_coverage]

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "HealthChecks":
        if not crawler.settings.getbool("NEWSCRAWLER_HEALTH_ENABLED"):
            raise NotConfigured
        extension = cls(crawler, Thresholds.from_settings(crawler.settings))
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def item_scraped(self, item: Any) -> None:
        count_coverage(self.crawler.stats, item, self.fields)

    def spider_closed(self, reason: str) -> None:
        """Evaluate, store the report in the stats and log one line per check."""
        stats = self.crawler.stats
        if stats.get_value("finish_reason") is None:
            stats.set_value("finish_reason", reason)
        results = evaluate(stats.get_stats(), self.thresholds)
        stats.set_value(HEALTH_KEY, health_report(results))
        for result in results:
            level = logging.ERROR if result.failed else logging.INFO
            logger.log(level, "Health check %s: %s: %s", result.name, result.status.upper(), result.message)
        failed = [r.name for r in results if r.failed]
        if failed:
            logger.error("Health checks failed: %s", ", ".join(failed))
