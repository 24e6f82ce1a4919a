"""The crawl meets a misbehaving web (tests/faultserver.py): every fault is survived, counted with a
reason and summarised; every good page, including those behind faults that recover, is archived.

Most faults share one crawl (module fixture), so the suite pays for the timeouts once.
"""

from __future__ import annotations

import gzip
import json
import random
import resource
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
from conftest import read_archive, run_newscrawler
from faultserver import (
    FaultServer,
    gzip_bomb,
    hang,
    never_ends,
    page,
    raw,
    redirect,
    reset,
    sequence,
    serve_faults,
    short_body,
    slow,
    stream,
    trickle,
)

TIMEOUT = 2
MAXSIZE = 3_000_000
CRAWL_ARGS = ["-s", f"DOWNLOAD_TIMEOUT={TIMEOUT}", "-s", "RETRY_TIMES=2", "-s", f"DOWNLOAD_MAXSIZE={MAXSIZE}",
              "-s", "DOWNLOAD_WARNSIZE=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
              "-s", "NEWSCRAWLER_MAX_PAGINATION=5", "-s", "NEWSCRAWLER_RETRY_AFTER_MAX=1.5", "-s", "DEPTH_LIMIT=25", "-s", "NEWSCRAWLER_MIN_YEAR=2020", "-s", "REDIRECT_MAX_TIMES=5",
              "-s", "NEWSCRAWLER_HEALTH_ENABLED=False", "-s", "NEWSCRAWLER_PROGRESS=off", "--log-level", "INFO"]

SENTENCE = "a reasonably long sentence about the news of the day, with enough words to count as article text"


def article(title: str, paragraphs: int = 5, charset: str = "utf-8", extra: str = "", lang: str = "en") -> str:
    """A small but unmistakable news article page."""
    body = "".join(f"<p>{title} - paragraph {i}: {SENTENCE}.</p>" for i in range(paragraphs))
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="{charset}"><title>{title}</title>'
            f'<meta property="og:type" content="article"><meta property="og:title" content="{title}">'
            f'<meta property="article:published_time" content="2024-05-03T10:00:00+00:00"></head>'
            f'<body><nav><a href="/">Home</a></nav><article><h1>{title}</h1>'
            f'<p class="byline">By Ada Reporter</p>{body}{extra}</article></body></html>')


def listing(links: list[str], title: str = "Section") -> str:
    items = "".join(f'<li><a href="{u}">Link {i}</a></li>' for i, u in enumerate(links))
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1><ul>{items}</ul></body></html>"


def billion_laughs() -> bytes:
    lines = ['<?xml version="1.0"?>', '<!DOCTYPE urlset [', '<!ENTITY lol "lol">']
    lines += [f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10)]
    lines += [']>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
              '<url><loc>/from-bomb/&lol9;</loc></url></urlset>']
    return "\n".join(lines).encode()


def sitemap(urls: list[str]) -> str:
    entries = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'


def sitemap_index(urls: list[str]) -> str:
    entries = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls)
    return f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'


def huge_sitemap(base: str, entries: int) -> bytes:
    """A gzipped sitemap with ``entries`` URLs on a host the crawl does not know, then one of ours."""
    urls = [f"http://127.0.0.9/elsewhere/{i}/" for i in range(entries)] + [f"{base}from-huge-sitemap/"]
    return gzip.compress(sitemap(urls).encode(), mtime=0)


def feed(base: str) -> str:
    items = [("from-feed-bad-date", "Mon, 99 Foo 2024 25:61:00 +0000"), ("from-feed-no-date", ""),
             ("from-feed-odd-date", "2024-13-45T99:00:00Z"), ("from-feed-far-date", "Fri, 01 Jan 99999 00:00:00 GMT")]
    entries = "".join(f"<item><title>{p}</title><link>{base}{p}/</link><pubDate>{d}</pubDate></item>" for p, d in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>{entries}</channel></rss>'


def calendar(year: int) -> str:
    return listing([f"/archive/{year - 1}/01/", f"/archive/{year + 1}/01/", "/events/calendar?month=5&year=2024"],
                   f"Archive {year}")


def session_page(path: str) -> str:
    sid = random.getrandbits(64)
    return listing([f"/session/?sid={sid}", f"/session/story;jsessionid={sid}", f"/session/story?PHPSESSID={sid}&x=1"])


def pagination(path: str) -> str:
    number = int(path.split("page=")[1]) if "page=" in path else 1
    return listing([f"/list?page={number + 1}"], f"List page {number}")


NESTED = ("<html><body>" + "<div>" * 5000 + "<p>Deep</p>" + "</div>" * 5000 +
          article("Deeply nested page").split("<body>")[1])

GOOD = {  # path → headline of a page that must be archived
    "good/": "A good article", "slow/": "A slow article", "rate-limited/": "A rate-limited article",
    "flaky/": "A flaky article", "rate-limited-long/": "A patient article", "after-hops/": "An article after redirects", "from-sitemap/": "From the sitemap",
    "from-broken-sitemap/": "From the broken sitemap", "from-huge-sitemap/": "From the huge sitemap",
    "from-feed-bad-date/": "Feed article one", "from-feed-no-date/": "Feed article two",
    "from-feed-odd-date/": "Feed article three", "from-feed-far-date/": "Feed article four",
    "bom/": "BOM article", "nested/": "Deeply nested page",
}


def main_routes(server: FaultServer) -> dict[str, Any]:
    base = server.base
    pages = {f"/{p}": page(article(t)) for p, t in GOOD.items()}
    fault_links = ["/good/", "/slow/", "/timeout/", "/never-ends/", "/reset/", "/short/", "/rate-limited/",
                   "/flaky/", "/down/", "/loop-a/", "/chain/1", "/hop/1", "/bomb/", "/huge/", "/huge-declared/",
                   "/cp1251/", "/sjis/", "/latin1/", "/bom/", "/binary/", "/empty/", "/no-article/", "/nested/",
                   "/private/", "/archive/2024/01/", "/session/", "/list?page=1", "/to-elsewhere/",
                   "/to-file/", "/meta-to-file/", "file:///etc/passwd", "/rate-limited-long/", "/trickle/",
                   "/not-http/", "/huge-header/", "/weird-status/", "/long/" + "x" * 3000,
                   "http://127.0.0.1:99999/bad-port/", "http://[::1/bad-ipv6/", "http://127.0.0.1:0/zero-port/"]
    rss = '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
    home = listing(fault_links, "Front page").replace("<head>", f"<head>{rss}")
    russian = article("Новости дня", charset="windows-1251", lang="ru").encode("cp1251")
    japanese = article("今日のニュース", charset="Shift_JIS", lang="ja").encode("shift_jis")
    french = article("Café crème à la française", charset="utf-8", lang="fr").encode("latin-1")
    return {
        **pages,
        "/": page(home),
        "/robots.txt": page(f"User-agent: *\nDisallow: /private/\nSitemap: {base}sitemap.xml\n", content_type="text/plain"),
        "/sitemap.xml": page('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                             + "".join(f"<sitemap><loc>{base}{s}</loc></sitemap>" for s in
                                       ("sitemap-good.xml", "sitemap-broken.xml", "sitemap-bomb.xml",
                                        "sitemap-huge.xml.gz", "sitemap-garbage.xml", "sitemap-chain/1.xml"))
                             + "</sitemapindex>", content_type="application/xml"),
        "/sitemap-good.xml": page(sitemap([f"{base}from-sitemap/", "http://127.0.0.1:99999/bad-port/",
                                           "http://[::1/bad-ipv6/", "http://127.0.0.1:0/zero-port/"]),
                                  content_type="application/xml"),
        "/sitemap-broken.xml": page(sitemap([f"{base}from-broken-sitemap/", f"{base}x/"])[:-40],
                                    content_type="application/xml"),
        "/sitemap-bomb.xml": page(billion_laughs(), content_type="application/xml"),
        "/sitemap-huge.xml.gz": page(huge_sitemap(base, 40_000), content_type="application/x-gzip"),
        "/sitemap-garbage.xml": page(b"\x1f\x8b\x08\x00garbage", content_type="application/x-gzip"),
        "/feed.xml": page(feed(base), content_type="application/rss+xml"),
        **{f"/sitemap-chain/{i}.xml": page(sitemap_index([f"{base}sitemap-chain/{i + 1}.xml"]),
                                           content_type="application/xml") for i in range(1, 60)},
        "/slow/": slow(0.8, page(article(GOOD["slow/"]))),
        "/timeout/": hang(),
        "/never-ends/": never_ends(),
        "/reset/": reset(),
        "/short/": short_body(article("A short article")),
        "/rate-limited/": sequence(page("Too many requests", 429, headers={"Retry-After": "1"}),
                                   page(article(GOOD["rate-limited/"]))),
        "/rate-limited-long/": sequence(page("Come back in an hour", 429, headers={"Retry-After": "3600"}),
                                        page(article(GOOD["rate-limited-long/"]))),
        "/trickle/": trickle(0.2),
        "/not-http/": raw(b"SSH-2.0-OpenSSH_9.6\r\nProtocol mismatch.\r\n"),
        "/huge-header/": page(article("Huge header"), headers={"X-Filler": "x" * 300_000}),
        "/weird-status/": raw(b"HTTP/1.1 999 Whatever\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi"),
        "/flaky/": sequence(page("busy", 503), page("busy", 503), page(article(GOOD["flaky/"]))),
        "/down/": page("down", 503),
        "/loop-a/": redirect("/loop-b/"), "/loop-b/": redirect("/loop-a/"),
        **{f"/chain/{i}": redirect(f"/chain/{i + 1}") for i in range(1, 30)},
        "/hop/1": redirect("/hop/2", 301), "/hop/2": redirect("/hop/3", 307), "/hop/3": redirect("/after-hops/"),
        "/bomb/": gzip_bomb(50_000_000),
        "/huge/": stream(6_000_000),
        "/huge-declared/": _declared_huge(),
        "/cp1251/": page(russian, content_type="text/html; charset=windows-1251"),
        "/sjis/": page(japanese, content_type="text/html"),
        "/latin1/": page(french, content_type="text/html; charset=utf-8"),
        "/bom/": page(b"\xef\xbb\xbf" + article(GOOD["bom/"]).encode(), content_type="text/html; charset=iso-8859-1"),
        "/binary/": page(random.Random(7).randbytes(20_000), content_type="text/html"),
        "/empty/": page(b""),
        "/no-article/": page(listing(["/good/"], "Just links")),
        "/nested/": page(NESTED),
        "/private/": page(article("Disallowed article")),
        **{f"/archive/{y}/01/": page(calendar(y)) for y in range(2015, 2035)},
        "/session/": lambda conn, path: page(session_page(path))(conn, path),
        "/session/story": page(article("Session story")),
        "/list": lambda conn, path: page(pagination(path))(conn, path),
        "/to-elsewhere/": redirect("http://127.0.0.2:9/elsewhere/"),
        "/to-file/": redirect("file:///etc/passwd"),
        "/meta-to-file/": page('<html><head><meta http-equiv="refresh" content="0; url=file:///etc/hostname">'
                               '</head><body>Moved</body></html>'),
    }


def _declared_huge() -> Any:
    async def handler(conn: Any, path: str) -> None:
        await conn.send(200, {"Content-Type": "text/html"}, b"<html><body>", content_length=500_000_000)
    return handler


def robots_routes(robots: Any, title: str) -> dict[str, Any]:
    return {"/": page(listing(["/story/"], title)), "/robots.txt": robots, "/story/": page(article(title))}


@pytest.fixture(scope="module")
def fault_crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One crawl over the main fault site and two sites whose robots.txt fail (500, timeout)."""
    output = tmp_path_factory.mktemp("faults")
    with serve_faults({}) as main, serve_faults(robots_routes(page("oops", 500), "Robots error story")) as broken, \
            serve_faults(robots_routes(hang(), "Robots timeout story")) as stuck, serve_faults({}, "127.0.0.2") as other:
        main.routes.update(main_routes(main))
        main.routes["/to-elsewhere/"] = redirect(f"{other.base}elsewhere/")
        result = run_newscrawler("crawl", main.base, broken.base, stuck.base, "--output", str(output), *CRAWL_ARGS,
                                 timeout=180)
        manifests = [json.loads(p.read_text()) for p in output.rglob("*.manifest.json")]
        yield {"result": result, "records": read_archive(output), "manifest": manifests[0] if manifests else {},
               "main": main, "other": other, "output": output,
               "maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def test_crawl_finishes_without_traceback(fault_crawl: dict[str, Any]) -> None:
    result = fault_crawl["result"]
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert "Finish reason:  finished" in result.stdout


def test_every_good_page_is_archived(fault_crawl: dict[str, Any]) -> None:
    headlines = {r["headline"] for r in fault_crawl["records"]}
    expected = set(GOOD.values()) | {"Robots error story", "Robots timeout story", "Session story"}
    assert expected <= headlines, expected - headlines
    assert "Disallowed article" not in headlines
    assert all(r["url"].startswith("http://127.0.0.1:") for r in fault_crawl["records"])


def test_charsets_are_decoded(fault_crawl: dict[str, Any]) -> None:
    headlines = {r["headline"] for r in fault_crawl["records"]}
    assert "Новости дня" in headlines
    assert "今日のニュース" in headlines
    french = [h for h in headlines if h.startswith("Caf")]
    assert french == ["Café crème à la française"], french
    assert not any("\ufffd" in h or "ï»¿" in h for h in headlines)


def test_faults_are_counted_with_a_reason(fault_crawl: dict[str, Any]) -> None:
    summary = fault_crawl["manifest"]["summary"]
    errors, skipped = summary["errors"], summary["skipped"]
    assert errors.get("http_503") == 1                       # /down/ after its retries
    assert errors.get("DownloadTimeoutError", 0) >= 3        # /timeout/, /never-ends/, /trickle/
    assert errors.get("redirect_limit") == 1                 # /chain/
    assert errors.get("too_large", 0) >= 3                   # /bomb/, /huge/, /huge-declared/
    assert errors.get("bad_gzip") == 1                       # /sitemap-garbage.xml
    assert errors.get("http_302") == 1                       # /to-file/: a redirect to file: is not followed
    assert errors.get("http_999") == 1                       # /weird-status/
    network = sum(v for k, v in errors.items() if k not in ("http_503", "DownloadTimeoutError", "redirect_limit",
                                                             "too_large", "bad_gzip", "http_302", "http_500",
                                                             "http_999"))
    assert network >= 4, errors                              # /reset/, /short/, /not-http/, /huge-header/
    assert skipped.get("robots_txt") == 1                    # /private/
    assert skipped.get("redirect_to_seen_page") == 1         # /loop-a/ → /loop-b/ → /loop-a/
    assert skipped.get("offsite_redirect") == 1              # /to-elsewhere/ → 127.0.0.2
    assert skipped.get("trap_calendar", 0) >= 2              # /archive/2019/, /archive/2028/, /events/calendar
    assert skipped.get("trap_pagination") == 1               # /list?page=6
    assert skipped.get("trap_depth") == 1                    # /sitemap-chain/25.xml, 26 links from the start
    assert skipped.get("trap_long_url") == 1                 # /long/xxx... (URLLENGTH_LIMIT)
    assert skipped.get("not_html") == 1                      # /binary/ (random bytes as text/html)
    assert skipped.get("empty_page") == 1                    # /empty/
    stats = fault_crawl["manifest"]["stats"]
    assert stats.get("newscrawler/retry_after/waits") == 2
    assert stats.get("newscrawler/traps/session_ids_removed", 0) >= 3


def test_summary_says_what_happened(fault_crawl: dict[str, Any]) -> None:
    out = fault_crawl["result"].stdout
    for word in ("http_503", "DownloadTimeoutError", "too_large", "redirect_limit", "robots_txt", "trap_pagination",
                 "trap_calendar", "offsite_redirect"):
        assert word in out, word


def test_retry_after_is_honoured(fault_crawl: dict[str, Any]) -> None:
    hits = fault_crawl["main"].hits("/rate-limited/")
    assert len(hits) == 2
    assert hits[1] - hits[0] >= 0.95


def test_retry_after_is_capped(fault_crawl: dict[str, Any]) -> None:
    hits = fault_crawl["main"].hits("/rate-limited-long/")   # asked for an hour, NEWSCRAWLER_RETRY_AFTER_MAX=1.5
    assert len(hits) == 2
    assert 1.4 <= hits[1] - hits[0] < 10


def test_recovering_5xx_burst_is_retried(fault_crawl: dict[str, Any]) -> None:
    assert len(fault_crawl["main"].hits("/flaky/")) == 3
    assert len(fault_crawl["main"].hits("/down/")) == 3      # RETRY_TIMES=2: three tries, then counted


def test_traps_stay_bounded(fault_crawl: dict[str, Any]) -> None:
    paths = fault_crawl["main"].paths()
    assert not any("sid=" in p or "jsessionid" in p.lower() or "phpsessid" in p.lower() for p in paths), paths
    assert sorted(p for p in paths if p.startswith("/list")) == [f"/list?page={i}" for i in range(1, 6)]
    years = sorted(int(p.split("/")[2]) for p in paths if p.startswith("/archive/"))
    assert years == list(range(2020, 2028))
    assert not any(p.startswith("/events/") for p in paths)
    assert len(fault_crawl["main"].hits("/chain/6")) == 1 and not fault_crawl["main"].hits("/chain/8")
    chain = sorted(int(p.split("/")[2].split(".")[0]) for p in paths if p.startswith("/sitemap-chain/"))
    assert chain == list(range(1, 25))                       # an endless sitemap index stops at DEPTH_LIMIT


def test_nothing_reaches_other_addresses(fault_crawl: dict[str, Any]) -> None:
    assert fault_crawl["other"].paths() == []


def test_memory_stays_bounded(fault_crawl: dict[str, Any]) -> None:
    # 50 MB gzip bomb, 6 MB stream, 40 000-entry sitemap, 5 000-deep nesting: the crawl stays small.
    assert fault_crawl["maxrss_mb"] < 600, fault_crawl["maxrss_mb"]


def test_records_validate(fault_crawl: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from newscrawler.items import article_schema

    validator = jsonschema.Draft202012Validator(article_schema())
    for record in fault_crawl["records"]:
        errors = [e.message for e in validator.iter_errors(record)]
        assert not errors, (record["url"], errors)


def test_robots_txt_that_disallows_everything(tmp_path: Path) -> None:
    routes = {"/": page(listing(["/story/"])), "/story/": page(article("Never fetched")),
              "/robots.txt": page("User-agent: *\nDisallow: /\n", content_type="text/plain")}
    with serve_faults(routes) as server:
        result = run_newscrawler("crawl", server.base, "--output", str(tmp_path), *CRAWL_ARGS)
    assert "Traceback" not in result.stderr
    assert server.paths() == ["/robots.txt"]
    assert "robots_txt" in result.stdout and "Articles:       0" in result.stdout


# --- The pieces, without a crawl ---------------------------------------------------------------------

def test_retry_after_values() -> None:
    from datetime import datetime

    from newscrawler.middlewares import retry_after_seconds

    now = datetime(2024, 5, 3, 10, 0, 0, tzinfo=UTC)
    assert retry_after_seconds(b"120") == 120.0
    assert retry_after_seconds("Fri, 03 May 2024 10:00:30 GMT", now=now) == 30.0
    assert retry_after_seconds("Fri, 03 May 2024 09:00:00 GMT", now=now) == 0.0
    assert retry_after_seconds(b"soon") is None and retry_after_seconds(None) is None
    assert retry_after_seconds(b"-5") is None


@pytest.mark.parametrize("url,expected", [
    ("https://n.test/a?sid=123&page=2", "https://n.test/a?page=2"),
    ("https://n.test/a;jsessionid=ABC?x=1", "https://n.test/a?x=1"),
    ("https://n.test/a?PHPSESSID=9", "https://n.test/a"),
    ("https://n.test/a?side=1", "https://n.test/a?side=1"),
    ("https://n.test/2024/05/story/", "https://n.test/2024/05/story/"),
])
def test_session_ids_are_removed(url: str, expected: str) -> None:
    from newscrawler.middlewares import strip_session_ids

    assert strip_session_ids(url) == expected


def test_trap_shapes() -> None:
    from newscrawler.middlewares import is_calendar_url, page_number, url_pattern

    assert page_number("https://n.test/news?page=7") == 7 and page_number("https://n.test/news/page/12/") == 12
    assert page_number("https://n.test/2024/05/03/story/") is None
    assert is_calendar_url("https://n.test/events/calendar?month=5&year=2024", 1990, 2027)
    assert is_calendar_url("https://n.test/archive/1850/01/", 1990, 2027)
    assert is_calendar_url("https://n.test/archive/2150/01/", 1990, 2027)
    assert not is_calendar_url("https://n.test/2024/05/03/harbour-reopens/", 1990, 2027)
    assert url_pattern("https://n.test/a/123?b=1&a=2") == url_pattern("https://n.test/a/456?a=9&b=8")
    assert url_pattern("https://n.test/a/123") != url_pattern("https://n.test/b/123")


def test_trap_filter_caps_pages_per_pattern() -> None:
    from types import SimpleNamespace

    from scrapy import Request
    from scrapy.settings import Settings
    from scrapy.statscollectors import MemoryStatsCollector

    from newscrawler.middlewares import TrapFilterMiddleware

    settings = Settings()
    settings.setmodule("newscrawler.settings")
    settings.set("NEWSCRAWLER_MAX_PAGES_PER_PATTERN", 3)
    crawler = SimpleNamespace(settings=settings, stats=MemoryStatsCollector(SimpleNamespace(settings=settings)))
    traps = TrapFilterMiddleware(crawler)  # type: ignore[arg-type]
    out = list(traps.process_spider_output(None, [Request(f"https://n.test/item/{i}") for i in (0, 1, 0, 2, 3, 4, 1)]
                                           + [Request("https://n.test/other/"), {"an": "item"}]))
    assert [getattr(o, "url", o) for o in out] == [f"https://n.test/item/{i}" for i in (0, 1, 0, 2, 1)] + [
        "https://n.test/other/", {"an": "item"}]
    assert crawler.stats.get_value("newscrawler/skipped/trap_pattern") == 2


def test_failures_get_a_reason() -> None:
    from scrapy.exceptions import IgnoreRequest

    from newscrawler.middlewares import classify_failure
    from newscrawler.security import RefusedRequest

    assert classify_failure(IgnoreRequest("Forbidden by robots.txt"))[:2] == ("skipped", "robots_txt")
    assert classify_failure(IgnoreRequest("max redirections reached"))[:2] == ("errors", "redirect_limit")
    assert classify_failure(RefusedRequest("private_address", "x"))[:2] == ("skipped", "private_address")
    assert classify_failure(ValueError("boom")) is None


@pytest.mark.parametrize("data", [b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort",
                                  b"WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 3\r\n\r\nab",
                                  b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage", b"not a warc at all"])
def test_damaged_warc_for_reextract_is_one_line(tmp_path: Path, data: bytes) -> None:
    warc = tmp_path / "damaged.warc"
    warc.write_bytes(data)
    result = run_newscrawler("reextract", str(warc), "--output", str(tmp_path / "out"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "damaged.warc" in lines[0], result.stderr


def test_gzip_bomb_given_to_extract_stops_at_the_size_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<p>" + b"\0" * 40_000_000, compresslevel=1, mtime=0))
    result = run_newscrawler("extract", str(bomb))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"newscrawler: error: cannot read {bomb}") and "exceeded" in result.stderr


def test_output_piped_into_a_reader_that_stops_early(tmp_path: Path) -> None:
    import subprocess
    import sys

    files = []
    for i in range(40):
        files.append(tmp_path / f"page{i}.html")
        files[-1].write_text(article(f"Story {i}", paragraphs=30))
    process = subprocess.Popen([sys.executable, "-m", "newscrawler.cli", "extract", *map(str, files)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(100).startswith(b'{"schemaVersion"')
    process.stdout.close()                                   # like `| head -c 100`
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr


def test_robots_txt_with_malformed_sitemap_lines(tmp_path: Path) -> None:
    with serve_faults({}) as server:
        server.routes.update({
            "/": page(listing(["/story/"])), "/story/": page(article("A story")),
            "/robots.txt": page(b"User-agent: *\nSitemap: http://[::1/x.xml\nSitemap: \xff\xfe\nSitemap: /good.xml\n",
                                content_type="text/plain"),
            "/good.xml": page(sitemap([f"{server.base}from-sitemap/"]), content_type="application/xml"),
            "/from-sitemap/": page(article("From the sitemap")),
        })
        result = run_newscrawler("crawl", server.base, "--output", str(tmp_path), *CRAWL_ARGS)
    assert "Traceback" not in result.stderr
    assert {r["headline"] for r in read_archive(tmp_path)} == {"A story", "From the sitemap"}


def test_robots_sitemaps() -> None:
    from newscrawler.urls import robots_sitemaps

    robots = b"User-agent: *\nSITEMAP: /a.xml\nsitemap:http://[::1/\nSitemap: \xff\nDisallow: /x\nSitemap: https://o.test/b.xml"
    assert robots_sitemaps(robots, "https://n.test/robots.txt") == ["https://n.test/a.xml", "https://o.test/b.xml"]


def test_a_page_with_fifty_thousand_links_is_read_in_linear_time() -> None:
    import time

    from newscrawler.extract import Document, discover_links, extract_article, is_article_page

    page = "<html><body>" + "".join(f'<a href="/a/{i}/">Story {i}</a> ' for i in range(50_000)) + "</body></html>"
    started = time.monotonic()
    doc = Document.parse(page, "http://127.0.0.1/hub/")
    links = discover_links(doc)
    is_article_page(doc)
    extract_article(doc, "http://127.0.0.1/hub/")
    assert len(links.links) == 50_000
    assert time.monotonic() - started < 20  # was 45 s with a list lookup per link; about 3 s now
