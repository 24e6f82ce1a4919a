"""Distributed crawling on scrapy-redis: a real redis-server on 127.0.0.1, two real worker processes
against a local site; together their archives hold every article exactly once, with no deprecation
warnings; seeds pushed while they run are crawled; the last worker out deletes the crawl's keys."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from scrapy.settings import Settings

from conftest import html, serve_routes

from newscrawler.distributed import RedisAddon, check_redis, default_worker_id, redis_keys, seed_url
from newscrawler.distributed.server import local_redis_server

ARTICLES = 40


def story(i: int) -> tuple[int, dict[str, str], bytes]:
    text = "".join(f"<p>Report {i}, paragraph {j}: the harbour board met on Tuesday to discuss the ferry "
                   f"timetable, the cost of the new pier and the plans for the summer market.</p>" for j in range(4))
    links = "".join(f'<a href="/news/{k}/">Report {k}</a> ' for k in ((i * 7 + 1) % ARTICLES, (i * 3 + 2) % ARTICLES))
    return html(f'<html lang="en"><head><title>Report {i}</title><meta property="og:type" content="article">'
                f'<meta property="article:published_time" content="2024-05-{1 + i % 28:02d}T10:00:00+00:00">'
                f'<meta name="author" content="Reporter {i % 5}"></head>'
                f'<body><article><h1>Harbour report number {i}</h1>{text}</article><aside>{links}</aside></body></html>')


def slow(i: int):
    def route(path: str) -> tuple[int, dict[str, str], bytes]:
        time.sleep(0.3)  # 40 pages take one worker longer than an idle engine's 5 s heartbeat: both get work
        return story(i)
    return route


def site() -> dict:
    """A front page linking every report (the shared queue fills at once); the reports link each other.
    /extra/ is linked from nowhere."""
    routes: dict = {"/": html("<html><body><h1>Harbour News</h1>" + "".join(
        f'<a href="/news/{i}/">Report {i}</a> ' for i in range(ARTICLES)) + "</body></html>")}
    routes.update({f"/news/{i}/": slow(i) for i in range(ARTICLES)})
    routes["/extra/"] = story(ARTICLES)
    return routes


def worker(base: str, output: Path, redis_url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-W", "always::DeprecationWarning", "-m", "newscrawler.cli", "crawl", base,
         "--output", str(output), "--redis", redis_url, "-s", "MAX_IDLE_TIME_BEFORE_CLOSE=4",
         "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=2", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2",
         "-s", "NEWSCRAWLER_HEALTH_ENABLED=False"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_workers_archive_every_article_exactly_once(tmp_path: Path) -> None:
    with local_redis_server() as redis_url, serve_routes(site()) as base:
        workers = [worker(base, tmp_path, redis_url) for _ in range(2)]
        time.sleep(1.5)
        server = redis.Redis.from_url(redis_url)
        server.rpush("news:start_urls", f"{base}extra/")  # a seed pushed while the workers run
        outputs = [w.communicate(timeout=180) for w in workers]
        leftover = server.keys("*")
    for process, (out, err) in zip(workers, outputs):
        assert process.returncode == 0, err[-3000:]
        assert "Traceback" not in err
        assert "DeprecationWarning" not in err and "ScrapyDeprecationWarning" not in err, err[-3000:]
    files = sorted(tmp_path.rglob("*.jsonl"))
    assert len(files) == 2 and len({f.name for f in files}) == 2  # one file per worker, worker id in its name
    urls = [json.loads(line)["url"] for f in files for line in f.read_text("utf-8").splitlines()]
    assert len(urls) == len(set(urls)) == ARTICLES + 1
    assert {u.removeprefix(base) for u in urls} == {f"news/{i}/" for i in range(ARTICLES)} | {"extra/"}
    assert all(f.read_text("utf-8").strip() for f in files), "both workers should have archived something"
    assert leftover == []


def test_addon_changes_nothing_without_redis_url() -> None:
    settings = Settings({"ITEM_PIPELINES": {"newscrawler.pipelines.DedupePipeline": 300}})
    RedisAddon().update_settings(settings)
    assert settings.get("SCHEDULER") == "scrapy.core.scheduler.Scheduler"
    assert settings.get("NEWSCRAWLER_WORKER_ID") is None


def test_addon_switches_to_redis_components() -> None:
    settings = Settings()
    settings.setmodule("newscrawler.settings", priority="project")
    settings.set("REDIS_URL", "redis://127.0.0.1:1/0", "cmdline")
    RedisAddon().update_settings(settings)
    assert settings.get("SCHEDULER").endswith("RedisScheduler")
    assert settings.get("DUPEFILTER_CLASS").endswith("RedisDupeFilter")
    assert settings.getbool("SCHEDULER_PERSIST") is True
    assert any("RedisDedupePipeline" in str(k) for k in settings.getdict("ITEM_PIPELINES"))
    assert any("DedupePipeline" == getattr(k, "__name__", str(k).rsplit(".", 1)[-1])
               for k in settings.getdict("ITEM_PIPELINES"))  # the per-process dedupe stays
    assert settings.get("NEWSCRAWLER_WORKER_ID") == default_worker_id()
    assert settings.getbool("NEWSCRAWLER_DISK_QUEUES", False) is False  # no local JOBDIR queues with Redis


def test_worker_id_is_file_name_safe() -> None:
    assert "." not in default_worker_id() and "/" not in default_worker_id()


def test_seed_formats() -> None:
    assert seed_url(b"https://example.com/news/") == "https://example.com/news/"
    assert seed_url('{"url": "https://example.com/a/", "meta": {}}') == "https://example.com/a/"
    assert seed_url(b"not a url") is None and seed_url(b'{"nourl": 1}') is None and seed_url(b"{bad json") is None


def test_keys_follow_scrapy_redis_names() -> None:
    keys = redis_keys(Settings(), "news")
    assert keys["queue"] == "news:requests" and keys["dupefilter"] == "news:dupefilter"
    assert keys["seeds"] == "news:start_urls"


def test_unreachable_redis_is_one_line(tmp_path: Path) -> None:
    assert "cannot reach Redis at redis://u:***@127.0.0.1:1/0" in (check_redis("redis://u:secret@127.0.0.1:1/0") or "")
    result = subprocess.run([sys.executable, "-m", "newscrawler.cli", "crawl", "http://127.0.0.1:1/", "--output",
                             str(tmp_path), "--redis", "redis://127.0.0.1:1/0"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "cannot reach Redis" in result.stderr


@pytest.mark.parametrize("url", ["redis://127.0.0.1:1/0"])
def test_check_redis_never_shows_a_password(url: str) -> None:
    assert "secret" not in (check_redis(url.replace("//", "//user:secret@")) or "")


def test_record_claims_are_atomic_and_drop_url_and_content_duplicates() -> None:
    from scrapy.exceptions import DropItem
    from scrapy.utils.test import get_crawler

    from newscrawler.distributed.components import RedisDedupePipeline

    with local_redis_server() as redis_url:
        crawler = get_crawler(settings_dict={"REDIS_URL": redis_url})
        crawler.stats.open_spider()
        crawler.spider = type("Spider", (), {"name": "news"})()
        first, other_worker = RedisDedupePipeline(crawler), RedisDedupePipeline(crawler)
        for pipeline in (first, other_worker):
            pipeline.open_spider()
        record = {"url": "http://a.example/1", "canonicalUrl": "http://a.example/one", "contentHash": "sha256:1"}
        assert first.process_item(dict(record)) == record
        outcomes = []
        for duplicate in ({**record, "contentHash": "sha256:2"},  # same URL
                          {"url": "http://a.example/2", "canonicalUrl": "http://a.example/one", "contentHash": "x"},
                          {"url": "http://a.example/3", "canonicalUrl": None, "contentHash": "sha256:1"}):  # same text
            try:
                other_worker.process_item(duplicate)
                outcomes.append("kept")
            except DropItem as exc:
                outcomes.append(str(exc).split(" (")[0])
        assert outcomes == ["duplicate URL", "duplicate URL", "duplicate content"]
        assert other_worker.process_item({"url": "http://a.example/4", "contentHash": None})["url"].endswith("/4")
        assert crawler.stats.get_value("newscrawler/dropped/duplicate_url") == 2


def test_idle_worker_polls_soon_and_its_idle_time_restarts_after_work() -> None:
    from types import SimpleNamespace

    from scrapy.exceptions import DontCloseSpider
    from scrapy.utils.test import get_crawler

    from newscrawler.distributed.components import RedisCoordinator

    with local_redis_server() as redis_url:
        crawler = get_crawler(settings_dict={"REDIS_URL": redis_url, "MAX_IDLE_TIME_BEFORE_CLOSE": 0.5})
        coordinator = RedisCoordinator(crawler)
        coordinator.keys = redis_keys(crawler.settings, "news")
        polls: list[int] = []
        coordinator._poll_soon = lambda: polls.append(1)  # type: ignore[method-assign]
        crawler.engine = SimpleNamespace(scheduler=[])  # type: ignore[assignment]
        spider = SimpleNamespace(name="news")

        def idle() -> bool:
            """True if the worker stays (DontCloseSpider)."""
            try:
                coordinator.spider_idle(spider)  # type: ignore[arg-type]
            except DontCloseSpider:
                return True
            return False

        assert idle() and polls == [1]  # empty queue at start: wait, and ask again soon
        time.sleep(0.4)
        crawler.stats.set_value("response_received_count", 10)  # it got work meanwhile
        assert idle() and len(polls) == 2  # idle again: the wait starts over
        time.sleep(0.3)
        assert idle()  # 0.3 s < 0.5 s since it last worked
        time.sleep(0.3)
        assert not idle()
        assert 0.5 <= crawler.stats.get_value("newscrawler/redis/idle_before_close_seconds") < 1.0
