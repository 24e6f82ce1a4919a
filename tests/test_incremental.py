"""Incremental crawls: the crawl state beside the archive remembers what was archived; the next
crawl of the site reads start pages, sitemaps and feeds again but fetches only new articles (or
those due for a refresh), and writes only what changed."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest
from archive_site import NewsSite
from conftest import FAST, read_archive, run_newscrawler, serve_routes

from newscrawler.archive.state import CrawlState, parse_duration, state_hash

#: An incremental crawl that finds nothing new is a healthy crawl.
QUIET = [*FAST, "-s", "NEWSCRAWLER_HEALTH_MIN_ARTICLES=0"]


def crawl(base: str, output: Path, *extra: str) -> dict[str, object]:
    result = run_newscrawler("crawl", base, "--output", str(output), *QUIET, *extra)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    manifests = sorted((output / "127.0.0.1").glob("*.manifest.json"))
    return json.loads(manifests[-1].read_text())["summary"]


def crawl_new(base: str, output: Path, *extra: str) -> tuple[dict[str, object], list[dict[str, object]]]:
    """Crawl; return its summary and the records it added to the archive (two crawls started in
    the same second share one JSONL file, so look at what was appended)."""
    before = len(read_archive(output))
    summary = crawl(base, output, *extra)
    return summary, read_archive(output)[before:]


def test_next_crawl_reads_hubs_again_but_fetches_no_archived_article(tmp_path: Path) -> None:
    site = NewsSite(articles=3)
    with serve_routes(site.routes()) as base:
        first = crawl(base, tmp_path)
        assert first["articles"] == 3
        assert (tmp_path / "127.0.0.1" / "state.sqlite").exists()

        # Nothing new: start page, robots.txt and sitemap again, no article page, nothing written.
        before = dict(site.hits)
        second, added = crawl_new(base, tmp_path)
        assert second["articles"] == 0 and second["skipped"].get("archived", 0) >= 3
        assert site.hits["/"] == before["/"] + 1 and site.hits["/sitemap.xml"] == before["/sitemap.xml"] + 1
        for slug in site.slugs:
            assert site.hits[f"/{slug}/"] == 1, slug  # also not through the /latest/ redirect
        assert added == []


def test_new_articles_are_fetched_and_refreshed_ones_written_only_when_changed(tmp_path: Path) -> None:
    site = NewsSite(articles=3)
    routes = site.routes()
    with serve_routes(routes) as base:
        assert crawl(base, tmp_path)["articles"] == 3
        new_slug = site.add_article()
        routes.update(site.routes())
        site.comments["news/story-1"].append("A late comment that a refresh picks up.")

        third, added = crawl_new(base, tmp_path)
        assert [r["url"] for r in added] == [f"{base}{new_slug}/"]
        assert third["articles"] == 1
        assert site.hits["/news/story-1/"] == 1 and site.hits[f"/{new_slug}/"] == 1

        # Due for a refresh: every article is fetched again; only the one whose comments changed is written.
        fourth, refreshed = crawl_new(base, tmp_path, "--refresh-after", "0s")
        assert all(site.hits[f"/{slug}/"] >= 2 for slug in site.slugs)
        assert [r["url"] for r in refreshed] == [f"{base}news/story-1/"]
        assert refreshed[0]["commentCount"] == 3
        assert fourth["dropped"].get("unchanged") == 3

    everything = read_archive(tmp_path)
    assert sorted(r["url"] for r in everything).count(f"{base}news/story-1/") == 2  # the first and the changed copy
    with sqlite3.connect(tmp_path / "127.0.0.1" / "state.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM articles WHERE confirmed").fetchone()[0] == 4


def test_since_skips_old_sitemap_entries_before_fetching(tmp_path: Path) -> None:
    site = NewsSite(articles=2, old_articles=2)
    with serve_routes(site.routes()) as base:
        summary = crawl(base, tmp_path, "--since", "2020-01-01")
    assert sorted(r["url"] for r in read_archive(tmp_path)) == [f"{base}{slug}/" for slug in site.slugs]
    assert all(site.hits[f"/{slug}/"] == 0 for slug in site.old_slugs)
    assert summary["skipped"].get("older_than_since") == 2


def test_state_dedupes_across_crawls_by_url_canonical_and_content(tmp_path: Path) -> None:
    record = {"url": "http://127.0.0.1:8000/a/", "canonicalUrl": "http://127.0.0.1:8000/a/",
              "contentHash": "sha256:" + "1" * 64, "comments": [], "fetchedAt": "2024-05-03T10:00:00+00:00"}
    first = CrawlState(tmp_path / "state.sqlite", crawl="one")
    assert first.duplicate(record) is None
    first.remember(record)
    assert first.duplicate({**record, "url": "http://127.0.0.1:8000/a/?utm=x"}) == "duplicate_url"
    first.close()

    second = CrawlState(tmp_path / "state.sqlite", crawl="two")
    assert second.is_fresh(record["url"], None)
    assert not second.is_fresh(record["url"], parse_duration("1h"))  # fetched long ago: due
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    assert second.duplicate({**record, "fetchedAt": now}) == "unchanged"
    assert second.is_fresh(record["url"], parse_duration("1h"))  # the unchanged refresh counts as a fetch
    with_comment = {**record, "comments": [{"commentId": "c1", "text": "New.", "author": None, "parentId": None}]}
    assert state_hash(with_comment) != state_hash(record)
    assert second.duplicate(with_comment) is None
    copy = {**record, "url": "http://127.0.0.1:8000/copy/", "canonicalUrl": None}
    assert second.duplicate(copy) == "duplicate_content"
    assert not second.is_fresh("http://127.0.0.1:8000/other/", None)


def test_unconfirmed_records_are_forgotten_and_the_jsonl_is_the_truth(tmp_path: Path) -> None:
    record = {"url": "http://127.0.0.1:8000/b/", "contentHash": "sha256:" + "2" * 64, "comments": []}
    state = CrawlState(tmp_path / "state.sqlite", crawl="killed")
    state.remember(record, confirmed=False)  # passed dedupe, the crawl died before writing it
    state.remember({**record, "url": "http://127.0.0.1:8000/c/"}, confirmed=False)
    state.close()
    line = json.dumps({**record, "url": "http://127.0.0.1:8000/c/", "fetchedAt": "2024-05-03T10:00:00+00:00"})
    (tmp_path / "20240503T100000Z.jsonl").write_text(line + "\n" + '{"url": "http://127.0.0.1:8000/d/", "hea')
    resumed = CrawlState(tmp_path / "state.sqlite", crawl="resumed")
    assert resumed.catch_up(tmp_path) == 1
    assert not resumed.is_fresh("http://127.0.0.1:8000/b/", None)   # never written: fetch it again
    assert resumed.is_fresh("http://127.0.0.1:8000/c/", None)       # written: no need
    assert (tmp_path / "20240503T100000Z.jsonl").read_text() == line + "\n"  # torn line cut off


@pytest.mark.parametrize("text,hours", [("12h", 12), ("7d", 168), ("2w", 336), ("90m", 1.5)])
def test_durations(text: str, hours: float) -> None:
    assert parse_duration(text).total_seconds() == hours * 3600


def test_bad_duration_is_a_one_line_usage_error() -> None:
    result = run_newscrawler("crawl", "http://127.0.0.1:1/", "--refresh-after", "soon")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "12h" in result.stderr


def test_batched_state_commits_at_close_and_a_killed_crawl_is_caught_up_from_the_jsonl(tmp_path: Path) -> None:
    record = {"url": "http://127.0.0.1:8000/e/", "contentHash": "sha256:" + "3" * 64, "comments": [],
              "fetchedAt": "2024-05-03T10:00:00+00:00"}
    state = CrawlState(tmp_path / "state.sqlite", crawl="one", batched=True)
    state.remember(record, confirmed=False)
    state.confirm(record)  # on its way, then in the archive: one row, confirmed
    with sqlite3.connect(tmp_path / "state.sqlite") as other:  # not committed yet: others don't see it
        assert other.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0
    state.close()
    with sqlite3.connect(tmp_path / "state.sqlite") as other:
        assert other.execute("SELECT url, confirmed FROM articles").fetchall() == [(record["url"], 1)]

    killed = CrawlState(tmp_path / "state.sqlite", crawl="two", batched=True)
    written = {**record, "url": "http://127.0.0.1:8000/f/"}
    killed.remember(written, confirmed=False)
    killed.confirm(written)
    killed.db.close()  # killed before its batch was committed
    (tmp_path / "20240503T110000Z.jsonl").write_text(json.dumps(written) + "\n")
    resumed = CrawlState(tmp_path / "state.sqlite", crawl="three", batched=True)
    assert resumed.catch_up(tmp_path) == 1
    assert resumed.is_fresh(written["url"], None) and resumed.is_fresh(record["url"], None)
    resumed.close()


def _open_state_at(path: str, start: float) -> None:
    import time
    time.sleep(max(0.0, start - time.time()))
    CrawlState(path, "crawl").close()


def test_workers_opening_a_new_state_file_at_once_all_succeed(tmp_path: Path) -> None:
    """Distributed workers sharing a folder create its state file together: SQLite refuses the WAL switch and
    the table creation at once ('database is locked') to all but one; each must wait its turn, not fail."""
    import multiprocessing
    import time
    context = multiprocessing.get_context("spawn")
    for attempt in range(5):
        path = str(tmp_path / f"state-{attempt}.sqlite")
        start = time.time() + 1.5  # after the processes have started
        workers = [context.Process(target=_open_state_at, args=(path, start)) for _ in range(6)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(30)
        assert [worker.exitcode for worker in workers] == [0] * 6
