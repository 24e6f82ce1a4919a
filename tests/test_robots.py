"""robots.txt: fetched once per site and crawl, for its rules (Scrapy's RobotsTxtMiddleware) and for its
sitemaps (the spider's parse_robots, through RobotsSitemapsMiddleware); without ROBOTSTXT_OBEY the spider
fetches it itself, for the sitemaps only."""

from __future__ import annotations

from pathlib import Path

import pytest
from archive_site import NewsSite
from conftest import FAST, read_archive, run_newscrawler, serve_routes


@pytest.mark.parametrize("obey", ["True", "False"])
def test_robots_txt_is_fetched_once_and_its_sitemap_followed(tmp_path: Path, obey: str) -> None:
    site = NewsSite(articles=2, old_articles=2)  # the old stories are linked from the sitemap only
    with serve_routes(site.routes()) as base:
        result = run_newscrawler("crawl", base, "--output", str(tmp_path), *FAST, "-s", f"ROBOTSTXT_OBEY={obey}")
    assert result.returncode == 0, result.stderr[-3000:]
    assert site.hits["/robots.txt"] == 1
    assert site.hits["/sitemap.xml"] == 1
    records = {r["url"].removeprefix(base): r["discoveredVia"] for r in read_archive(tmp_path)}
    assert records["archive/old-story-1/"] == "sitemap" and records["archive/old-story-2/"] == "sitemap"
    assert len(records) == 4


def test_robots_txt_rules_are_obeyed_and_its_sitemap_followed_after_a_redirect(tmp_path: Path) -> None:
    """A robots.txt that redirects (to https, to another path) still gives its rules and its sitemaps."""
    site = NewsSite(articles=1, old_articles=1)
    routes = site.routes()
    rules = b"User-agent: *\nDisallow: /news/\nSitemap: /sitemap.xml\n"
    routes["/robots.txt"] = lambda path: (301, {"Location": "/robots-moved.txt", "Content-Type": "text/plain"}, b"")
    routes["/robots-moved.txt"] = lambda path: (200, {"Content-Type": "text/plain"}, rules)
    with serve_routes(routes) as base:
        result = run_newscrawler("crawl", base, "--output", str(tmp_path), *FAST,
                                 "-s", "NEWSCRAWLER_HEALTH_MIN_ARTICLES=0")
    assert result.returncode == 0, result.stderr[-3000:]
    urls = {r["url"].removeprefix(base) for r in read_archive(tmp_path)}
    assert urls == {"archive/old-story-1/"}  # from the sitemap; /news/ is disallowed
    assert site.hits["/news/story-1/"] == 0
