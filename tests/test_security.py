"""Security: where the crawl may go, what it writes down, what it never does.

Only loopback addresses carry traffic here. Private ranges such as 10/8 are tested as pure
classification (nothing is sent); in crawls, 127.0.0.2 stands in for "a private address".
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import read_archive, run_newscrawler
from faultserver import page, redirect, serve_faults
from hypothesis import given, settings
from hypothesis import strategies as st
from scrapy import Request
from scrapy.resolver import CachingThreadedResolver, dnscache
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.httpobj import urlparse_cached
from test_faults import CRAWL_ARGS, article, listing
from twisted.internet.error import DNSLookupError

from newscrawler.checks import settings_error
from newscrawler.security import (
    AddressGuardMiddleware,
    RefusedRequest,
    _RedactFilter,
    install_redaction,
    is_private_address,
    parse_networks,
    pins_addresses,
    redact_text,
    refused_address,
    resolve,
)
from newscrawler.urls import redact_url, site_name

PACKAGE = Path(__file__).resolve().parents[1] / "newscrawler"


# --- Address classification (pure: nothing is sent) ---------------------------------------------

@pytest.mark.parametrize("address", ["10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254", "192.168.1.1",
                                     "127.0.0.1", "127.0.0.2", "169.254.169.254", "0.0.0.0", "100.64.0.1",
                                     "::1", "fc00::1", "fd12:3456::1", "fe80::1", "::ffff:10.0.0.1",
                                     "::ffff:127.0.0.1", "224.0.0.1"])
def test_private_addresses(address: str) -> None:
    assert is_private_address(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "172.32.0.1", "172.15.255.255", "192.169.0.1", "1.1.1.1",
                                     "2001:4860:4860::8888", "11.0.0.1"])
def test_public_addresses(address: str) -> None:
    assert not is_private_address(address)


def test_numeric_host_spellings_resolve_to_what_they_mean() -> None:
    # Decimal and short forms of 127.0.0.1 are parsed locally by getaddrinfo (no DNS query).
    assert resolve("2130706433") == [ipaddress.ip_address("127.0.0.1")]
    assert resolve("127.1") == [ipaddress.ip_address("127.0.0.1")]
    assert resolve("[::1]") == [ipaddress.ip_address("::1")]


def test_allowed_networks() -> None:
    allowed = parse_networks(["10.1.0.0/16", "fd00::/8"])
    assert refused_address([ipaddress.ip_address("10.1.2.3")], allowed) is None
    assert refused_address([ipaddress.ip_address("10.2.0.1")], allowed) == ipaddress.ip_address("10.2.0.1")
    assert refused_address([ipaddress.ip_address("8.8.8.8"), ipaddress.ip_address("192.168.0.1")], allowed) \
        == ipaddress.ip_address("192.168.0.1")
    with pytest.raises(ValueError, match="not an IP network"):
        parse_networks(["intranet"])


# --- The guard, with a stand-in resolver (a name that resolves to a private address) ------------

def _guard(resolver: dict[str, str], allowed: list[str] | None = None, pin: bool = False) -> AddressGuardMiddleware:
    spider = SimpleNamespace(start_urls=["http://news.test/"], allowed_domains=["news.test"])
    crawler = SimpleNamespace(spider=spider, stats=MemoryStatsCollector(SimpleNamespace(settings=Settings())))
    guard = AddressGuardMiddleware(crawler, parse_networks(allowed or []),  # type: ignore[arg-type]
                                   resolver=lambda host: [ipaddress.ip_address(resolver[host])], pin=pin)
    guard.addresses = {h: [ipaddress.ip_address(a)] for h, a in resolver.items()}  # no thread pool needed
    return guard


def _check(guard: AddressGuardMiddleware, url: str) -> str | None:
    try:
        asyncio.run(guard.process_request(Request(url)))
    except RefusedRequest as exc:
        return exc.reason
    return None


def test_guard_refuses_a_site_host_that_resolves_to_a_private_address() -> None:
    guard = _guard({"news.test": "10.0.0.1", "intranet.news.test": "10.0.0.5", "cdn.news.test": "93.184.216.34",
                    "elsewhere.test": "93.184.216.35"})
    assert _check(guard, "http://news.test/world/") is None             # the start host: always allowed
    assert _check(guard, "http://intranet.news.test/admin") == "private_address"
    assert _check(guard, "http://cdn.news.test/story/") is None
    assert _check(guard, "http://elsewhere.test/") == "offsite"          # resolvable, public, but not our site


def test_guard_refuses_other_schemes() -> None:
    guard = _guard({"news.test": "93.184.216.34"})
    assert _check(guard, "file:///etc/passwd") == "scheme"
    assert _check(guard, "data:text/html,<p>x</p>") == "scheme"
    assert _check(guard, "ftp://news.test/x") == "scheme"


def test_guard_allows_networks_from_the_setting() -> None:
    guard = _guard({"news.test": "93.184.216.34", "intranet.news.test": "10.0.0.5"}, allowed=["10.0.0.0/24"])
    assert _check(guard, "http://intranet.news.test/admin") is None


def test_guard_refuses_literal_private_addresses() -> None:
    guard = _guard({"news.test": "93.184.216.34", "169.254.169.254": "169.254.169.254", "10.0.0.1": "10.0.0.1"})
    assert _check(guard, "http://169.254.169.254/latest/meta-data/") == "private_address"
    assert _check(guard, "http://10.0.0.1/") == "private_address"


# --- The connection uses the address the guard checked (DNS rebinding) ----------------------------

@pytest.fixture
def scrapy_dns_cache() -> Any:
    """Scrapy's process-wide DNS cache, as it was before the test."""
    saved, limit = dict(dnscache), dnscache.limit
    yield dnscache
    dnscache.clear()
    dnscache.update(saved)
    dnscache.limit = limit


def test_the_connection_uses_the_address_the_guard_checked(scrapy_dns_cache: Any) -> None:
    guard = _guard({"news.test": "93.184.216.34", "cdn.news.test": "93.184.216.34"}, pin=True)
    assert _check(guard, "http://CDN.News.test/story/") is None
    # Scrapy's default resolver, asked for the host of the request's URL (lower case) as the download handler
    # asks it. It has no reactor: a second lookup (whose answer could now be a private address) would raise.
    resolver = CachingThreadedResolver(None, cache_size=10_000, timeout=1)  # type: ignore[arg-type]
    answers: list[str] = []
    resolver.getHostByName(urlparse_cached(Request("http://CDN.News.test/story/")).hostname).addCallback(answers.append)
    assert answers == ["93.184.216.34"]


def test_a_refused_host_is_not_pinned(scrapy_dns_cache: Any) -> None:
    guard = _guard({"news.test": "93.184.216.34", "intranet.news.test": "10.0.0.5"}, pin=True)
    assert _check(guard, "http://intranet.news.test/admin") == "private_address"
    assert "intranet.news.test" not in scrapy_dns_cache


def test_a_host_without_an_ipv4_address_fails_as_a_dns_error_when_pinning(scrapy_dns_cache: Any) -> None:
    # Scrapy's default resolver connects over IPv4 only: resolving the name again for an IPv4 address
    # would use an answer nobody checked.
    guard = _guard({"news.test": "93.184.216.34", "v6.news.test": "2606:2800:220:1:248:1893:25c8:1946"}, pin=True)
    with pytest.raises(DNSLookupError, match="no IPv4 address"):
        asyncio.run(guard.process_request(Request("http://v6.news.test/")))
    assert "v6.news.test" not in scrapy_dns_cache


def test_pinning_needs_scrapys_caching_resolver() -> None:
    assert pins_addresses(Settings())  # Scrapy's defaults
    assert not pins_addresses(Settings({"DNSCACHE_ENABLED": False}))
    assert not pins_addresses(Settings({"TWISTED_DNS_RESOLVER": "scrapy.resolver.CachingHostnameResolver"}))


# --- In a real crawl: only loopback, 127.0.0.2 plays the private address -------------------------

def test_redirects_and_comment_pages_never_leave_the_site(tmp_path: Path) -> None:
    with serve_faults({}, host="127.0.0.2") as other, serve_faults({}) as site:
        other.routes.update({"/": page(article("Other site")), "/secret/": page(article("Secret page"))})
        comment_link = f'<a href="{other.base}secret/?cpage=2" class="comment-navigation">Older comments</a>'
        site.routes.update({
            "/": page(listing(["/story/", "/moved/", "/moved-home/"])),
            "/story/": page(article("Story with comments", extra=f'<div id="comments">{comment_link}</div>')),
            "/moved/": redirect(f"{other.base}secret/"),
            "/moved-home/": redirect(f"{site.base}story/"),
        })
        result = run_newscrawler("crawl", site.base, "--output", str(tmp_path), *CRAWL_ARGS)
    assert result.returncode == 0, result.stderr[-2000:]
    assert other.paths() == []
    assert "Traceback" not in result.stderr
    assert {r["headline"] for r in read_archive(tmp_path)} == {"Story with comments"}
    summary = json.loads(next(tmp_path.rglob("*.manifest.json")).read_text())["summary"]
    assert summary["skipped"].get("offsite_redirect") == 1


def test_links_to_other_loopback_addresses_are_not_followed(tmp_path: Path) -> None:
    with serve_faults({}, host="127.0.0.2") as other, serve_faults({}) as site:
        other.routes.update({"/": page(article("Other site"))})
        site.routes.update({"/": page(listing(["/story/", other.base, f"http://localhost:{site.port}/"]))})
        site.routes["/story/"] = page(article("Our story"))
        result = run_newscrawler("crawl", site.base, "--output", str(tmp_path), *CRAWL_ARGS)
    assert result.returncode == 0, result.stderr[-2000:]
    assert other.paths() == []
    assert not any(p for p in site.paths() if p not in ("/", "/story/", "/robots.txt"))
    assert {r["headline"] for r in read_archive(tmp_path)} == {"Our story"}


def test_robots_txt_redirect_off_the_site_is_not_followed(tmp_path: Path) -> None:
    with serve_faults({}, host="127.0.0.2") as other, serve_faults({}) as site:
        other.routes.update({"/robots.txt": page("User-agent: *\nDisallow: /\n", content_type="text/plain")})
        site.routes.update({"/": page(listing(["/story/"])), "/story/": page(article("Our story")),
                            "/robots.txt": redirect(f"{other.base}robots.txt")})
        result = run_newscrawler("crawl", site.base, "--output", str(tmp_path), *CRAWL_ARGS)
    assert other.paths() == []
    assert "Traceback" not in result.stderr
    assert {r["headline"] for r in read_archive(tmp_path)} == {"Our story"}


# --- File names from hostile hosts ----------------------------------------------------------------

@pytest.mark.parametrize("url", ["http://../", "http://%2e%2e/x", "http://a/../../etc/passwd", "http://./",
                                 "http://..%2f..%2fetc/", "http://[::1]:8080/", "http://xn--80ak6aa92e.com/",
                                 "http://" + "a" * 300 + ".com/", "http://nul/", "http://con:80/",
                                 "http://exa mple.com/", "http://\u202e.com/", "http://.../", "http:///path"])
def test_site_names_stay_inside_the_output_folder(url: str, tmp_path: Path) -> None:
    name = site_name(url)
    assert re.fullmatch(r"[A-Za-z0-9._-]{1,100}", name), name
    assert name not in (".", "..") and "/" not in name and "\\" not in name
    assert (tmp_path / name).resolve().parent == tmp_path.resolve()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_host_gives_a_safe_site_name(host: str) -> None:
    name = site_name(f"http://{host}/")
    assert re.fullmatch(r"[A-Za-z0-9._-]{1,100}", name) and name not in (".", "..")


# --- Credentials ------------------------------------------------------------------------------------

def test_redact_url() -> None:
    assert redact_url("redis://:s3cret@127.0.0.1:6379/0") == "redis://:***@127.0.0.1:6379/0"
    assert redact_url("redis://user:s3cret@host/1") == "redis://user:***@host/1"
    assert redact_url("https://token@host/") == "https://***@host/"
    assert redact_url("http://example.com/a?b=c") == "http://example.com/a?b=c"
    assert redact_url("not a url") == "not a url"


def test_redact_text_keeps_json_valid() -> None:
    text = json.dumps({"REDIS_URL": "redis://u:pw1@h:1/0", "SCRAPYD_PASSWORD": "pw2", "API_TOKEN": "pw3",
                       "authors": ["x"], "AUTHOR": "keep"})
    redacted = redact_text(text)
    assert "pw1" not in redacted and "pw2" not in redacted and "pw3" not in redacted
    data = json.loads(redacted)
    assert data["REDIS_URL"] == "redis://u:***@h:1/0" and data["AUTHOR"] == "keep"


def test_log_records_are_redacted() -> None:
    record = logging.LogRecord("scrapy.crawler", logging.INFO, __file__, 1, "Overridden settings:\n%(settings)s",
                               ({"settings": "{'REDIS_URL': 'redis://:hunter2@127.0.0.1:1/0'}"},), None)
    _RedactFilter().filter(record)
    assert "hunter2" not in record.getMessage() and "redis://:***@127.0.0.1:1/0" in record.getMessage()


class _Formatted:
    """A log argument that counts how often it is turned into text."""

    def __init__(self, text: str) -> None:
        self.text, self.formatted = text, 0

    def __str__(self) -> str:
        self.formatted += 1
        return self.text


def test_records_no_handler_writes_are_not_formatted() -> None:
    install_redaction()
    logger = logging.getLogger("newscrawler.test.redaction")
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    handler = logging.StreamHandler(stream=open("/dev/null", "w"))  # noqa: SIM115 - closed below
    handler.setLevel(logging.INFO)
    logger.addHandler(handler)
    try:
        quiet, loud = _Formatted("redis://:hunter5@127.0.0.1:1/0"), _Formatted("redis://:hunter6@127.0.0.1:1/0")
        logger.debug("Scraped %s", quiet)  # below the handler's level: never written, so never formatted
        logger.info("Connected to %s", loud)
        assert quiet.formatted == 0 and loud.formatted >= 1
        debug = logger.makeRecord(logger.name, logging.DEBUG, __file__, 1, "to %s", (loud,), None)
        handler.setLevel(logging.DEBUG)
        written = logger.makeRecord(logger.name, logging.DEBUG, __file__, 1, "to %s", (loud,), None)
        assert "hunter6" in debug.getMessage() and "hunter6" not in written.getMessage()
    finally:
        logger.removeHandler(handler)
        handler.stream.close()
        logger.propagate = True
        logger.setLevel(logging.NOTSET)


def test_credentials_never_reach_log_or_manifest(tmp_path: Path) -> None:
    routes = {"/": page(listing(["/story/"])), "/story/": page(article("A story"))}
    with serve_faults(routes) as site:
        result = run_newscrawler("crawl", site.base, "--output", str(tmp_path), *CRAWL_ARGS, "--log-level", "DEBUG",
                                 "-s", "SCRAPYD_PASSWORD=hunter2", "-s", "HTTPPROXY_AUTH_ENCODING=utf-8",
                                 "-s", "SOME_SERVICE_URL=redis://admin:hunter3@127.0.0.1:1/0")
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = next(tmp_path.rglob("*.manifest.json")).read_text()
    for secret in ("hunter2", "hunter3"):
        assert secret not in result.stderr and secret not in result.stdout and secret not in manifest


def test_start_url_with_credentials_is_refused_without_echoing_them() -> None:
    result = run_newscrawler("crawl", "http://editor:hunter4@127.0.0.1:1/")
    assert result.returncode == 2
    assert "hunter4" not in result.stderr and "editor:***@127.0.0.1" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# --- Nothing from a page is executed ------------------------------------------------------------------

def test_no_code_execution_primitives_in_the_package() -> None:
    forbidden = re.compile(r"\b(eval|exec|compile)\(|pickle\.loads?|marshal\.loads?|yaml\.load\(|shell=True|os\.system"
                           r"|__import__\(|importlib\.import_module\(")
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if forbidden.search(line) and "re.compile(" not in line:
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert not offenders, offenders


# --- Settings and command-line errors: one line, non-zero exit -----------------------------------------

def _settings(**overrides: Any) -> Settings:
    settings = Settings()
    settings.setmodule("newscrawler.settings", priority="project")
    settings.setdict(overrides, priority="cmdline")
    return settings


@pytest.mark.parametrize("name,value,message", [
    ("NEWSCRAWLER_MAX_PAGES", "many", "expected a whole number"),
    ("NEWSCRAWLER_MAX_PAGES", "-1", "0 or more"),
    ("NEWSCRAWLER_SINCE", "yesterday", "YYYY-MM-DD"),
    ("NEWSCRAWLER_FOLLOW_COMMENT_PAGES", "perhaps", "True or False"),
    ("NEWSCRAWLER_ALLOWED_NETWORKS", "office-lan", "not an IP network"),
    ("NEWSCRAWLER_REQUIRED_FIELDS", "headline,bodytext", "not a record field"),
    ("NEWSCRAWLER_RETRY_AFTER_MAX", "forever", "expected a number"),
    ("NEWSCRAWLER_MAX_PAGE", "5", "did you mean NEWSCRAWLER_MAX_PAGES"),
    ("DOWNLOAD_TIMEOUT", "soon", "expected a number"),
    ("RETRY_TIMES", "2.5", "expected a whole number"),
    ("LOG_LEVEL", "debug", "expected one of DEBUG"),
    ("NEWSCRAWLER_OUTPUT", "/dev/null/archive", "/dev/null is not a folder"),
])
def test_bad_settings_are_named(name: str, value: str, message: str) -> None:
    problem = settings_error(_settings(**{name: value}))
    assert problem is not None and name in problem and message in problem


def test_good_settings_pass() -> None:
    assert settings_error(_settings()) is None
    assert settings_error(_settings(DOWNLOAD_TIMEOUT="2.5", NEWSCRAWLER_SINCE="2024-01-31",
                                    NEWSCRAWLER_ALLOWED_NETWORKS="10.0.0.0/8,fd00::/8", RETRY_PRIORITY_ADJUST="-1",
                                    NEWSCRAWLER_FOLLOW_COMMENT_PAGES="false")) is None
    # Scrapy's on/off switches are ints (TELNETCONSOLE_ENABLED = 1) but take True/False on the command line.
    assert settings_error(_settings(TELNETCONSOLE_ENABLED="False", COOKIES_ENABLED="True")) is None
    assert settings_error(_settings(TELNETCONSOLE_ENABLED="maybe")) is not None


@pytest.mark.parametrize("setting", ["NEWSCRAWLER_MAX_PAGES=many", "NEWSCRAWLER_MAXPAGES=3", "DOWNLOAD_TIMEOUT=soon",
                                     "NEWSCRAWLER_ALLOWED_NETWORKS=lan", "NEWSCRAWLER_SINCE=2024-02-30"])
def test_bad_setting_on_the_command_line_is_one_line(setting: str) -> None:
    result = run_newscrawler("crawl", "http://127.0.0.1:1/", "-s", setting)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newscrawler: error:") and setting.split("=")[0] in lines[0]


def test_bad_setting_for_scrapy_crawl_is_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "news", "-a", "urls=http://127.0.0.1:1/",
                             "-s", "NEWSCRAWLER_MAX_PAGES=lots"], capture_output=True, text=True, timeout=120,
                            cwd=PACKAGE.parent, check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "NEWSCRAWLER_MAX_PAGES='lots': expected a whole number" in result.stderr
