"""Start-URL checks and site names, shared by the CLI, the spider and the archive writers."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class BadStartUrl(ValueError):
    """A start URL the crawl cannot use; the message is one line for the user."""


def check_start_url(url: str) -> str:
    """Return ``url`` stripped if it is an absolute http(s) URL with a host, else raise BadStartUrl."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError as exc:
        raise BadStartUrl(f"not a valid URL: {url!r} ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok:
        raise BadStartUrl(f"not an http(s) URL with a host: {url!r} (example: https://example.com/news/)")
    if "@" in parts.netloc:
        raise BadStartUrl(f"user names and passwords in start URLs are not supported: {redact_url(url)!r}")
    return url


def split_start_urls(value: str | list[str] | tuple[str, ...]) -> list[str]:
    """Start URLs from a comma/space-separated string or a list, each checked; at least one."""
    items = value.replace(",", " ").split() if isinstance(value, str) else list(value)
    urls = [check_start_url(u) for u in items if u.strip()]
    if not urls:
        raise BadStartUrl("no start URL given (example: -a urls=https://example.com/)")
    return list(dict.fromkeys(urls))


def host_of(url: str) -> str:
    """The lower-case host name of a URL ('' if it has none, or the URL is malformed: bad IPv6 host,
    port out of range — no request can be made for it)."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port out of range
        return (parts.hostname or "").lower()
    except ValueError:
        return ""


def site_name(url: str) -> str:
    """A file-system-safe folder name for the site of ``url``: its host without ``www.``, never a path."""
    host = host_of(url).removeprefix("www.")
    return _UNSAFE.sub("_", host).strip("._")[:100] or "unknown"


def redact_userinfo(userinfo: str) -> str:
    """``user:password`` → ``user:***``; a lone token (``token@``) → ``***``."""
    user, sep, _ = userinfo.partition(":")
    return f"{user}:***" if sep else "***"


def redact_url(url: str) -> str:
    """``url`` with the password of its user info replaced by ``***`` (``redis://u:***@host:6379/0``)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    userinfo, at, hostport = parts.netloc.rpartition("@")
    if not at:
        return url
    return urlunsplit(parts._replace(netloc=f"{redact_userinfo(userinfo)}@{hostport}"))


def robots_sitemaps(robots_txt: bytes, base_url: str) -> list[str]:
    """The ``Sitemap:`` URLs of a robots.txt, absolute; a line that is not text or not a URL is skipped."""
    urls = []
    for line in robots_txt.splitlines():
        name, sep, value = line.partition(b":")
        if not sep or name.strip().lower() != b"sitemap":
            continue
        try:
            urls.append(urljoin(base_url, value.strip().decode("utf-8")))
        except (UnicodeDecodeError, ValueError):
            continue
    return urls
