"""URL routing of the demo site: a request path (with query) → a ``Response``. No sockets here."""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from hashlib import sha256
from urllib.parse import parse_qs, urlencode, urlsplit

from . import feeds, theme
from .article import article_page
from .content import Site, load_site

HTML = "text/html; charset=UTF-8"
XML = "application/xml; charset=UTF-8"
ARTICLE = re.compile(r"^(/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/)(?:comment-page-(\d+)/)?$")
ARCHIVE = re.compile(r"^(/(?:(?:category|tag|author)/[a-z0-9-]+/)?)(?:page/(\d+)/)?$")
STYLE = ("body{font:17px/1.6 Georgia,serif;max-width:72rem;margin:auto;padding:0 1rem}"
         ".screen-reader-text{display:none}\n")


@dataclass
class Response:
    status: int
    content_type: str = HTML
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def html(text: str, status: int = 200, **headers: str) -> Response:
    return Response(status, HTML, text.encode("utf-8"), headers)


def redirect(location: str, status: int = 301) -> Response:
    return Response(status, HTML, b"", {"Location": location})


def respond(target: str, base: str, site: Site | None = None) -> Response:
    """The response to a GET of ``target`` (path and query) on the site served at ``base``."""
    site = site or load_site()
    parts = urlsplit(target)
    path, query = parts.path or "/", parse_qs(parts.query)
    fixed = FILES.get(path)
    if fixed:
        content_type, render = fixed
        return Response(200, content_type, render(site, base).encode("utf-8"))
    if path.startswith("/wp-content/"):
        return asset(path)
    if path.startswith("/wp-admin/") or path == "/wp-login.php":
        return html(theme.forbidden_page(site, base), 403)
    if "p" in query and path == "/":
        return shortlink(site, base, query["p"][0])
    found = page_for(site, base, path, query)
    if found is None and not path.endswith("/") and (path + "/" in FILES or page_for(site, base, path + "/", query)):
        return redirect(base + path + "/" + (f"?{parts.query}" if parts.query else ""))
    return found or html(theme.not_found_page(site, base), 404)


def page_for(site: Site, base: str, path: str, query: dict[str, list[str]]) -> Response | None:
    """An HTML page for ``path``, a redirect to its canonical form, or None when there is none."""
    article_match = ARTICLE.match(path)
    if article_match:
        return article_response(site, base, article_match.group(1), article_match.group(2), query)
    archive = ARCHIVE.match(path)
    if archive:
        return archive_response(site, base, archive.group(1), archive.group(2), query)
    slug = path.strip("/")
    if path == f"/{slug}/" and slug in site.pages:
        return html(theme.static_page(site, base, slug))
    return None


def article_response(site: Site, base: str, path: str, page_text: str | None,
                     query: dict[str, list[str]]) -> Response | None:
    """An article page, or one of its comment pages (``comment-page-N/`` or ``?cpage=N``)."""
    article = site.by_path().get(path)
    if article is None:
        return None
    paged = page_text or query.get("cpage", [""])[0]
    if paged == "1":
        return redirect(base + article.path)
    number = int(paged) if paged.isdigit() else 1
    if number > max(1, len(article.comment_pages(site.comments_per_page))):
        return None
    noindex = "replytocom" in query or "share" in query
    text = article_page(site, base, article, number, noindex=noindex)
    return html(text, Link=f'<{base}/?p={article.post_id}>; rel=shortlink')


def archive_response(site: Site, base: str, path: str, page_text: str | None,
                     query: dict[str, list[str]]) -> Response | None:
    """Home, search, category, tag and author archives (page N)."""
    number = int(page_text or 1)
    if page_text == "1":
        return redirect(base + path + (f"?{urlencode(query, doseq=True)}" if query else ""))
    if path == "/":
        if "s" in query:
            text = theme.search_page(site, base, query["s"][0], number)
        else:
            text = theme.home_page(site, base, number)
        return html(text) if text else None
    kind, slug = path.strip("/").split("/")
    if kind == "author":
        author = site.authors.get(slug)
        text = theme.author_page(site, base, author, number) if author else None
    else:
        terms = site.sections if kind == "category" else site.tags
        term = terms.get(slug)
        text = theme.term_page(site, base, term, number) if term else None
    return html(text) if text else None


def shortlink(site: Site, base: str, post_id: str) -> Response:
    """``/?p=123`` → 301 to the article's permalink (WordPress shortlinks)."""
    for article in site.articles:
        if str(article.post_id) == post_id:
            return redirect(base + article.path)
    return html(theme.not_found_page(site, base), 404)


def asset(path: str) -> Response:
    """The theme's stylesheet or an uploaded image (a small generated PNG)."""
    if path.endswith(".css"):
        return Response(200, "text/css; charset=UTF-8", STYLE.encode())
    if path.endswith(".png"):
        return Response(200, "image/png", png_for(path))
    return Response(404, "text/plain; charset=UTF-8", b"Not Found")


@lru_cache(maxsize=256)
def png_for(path: str) -> bytes:
    """A 16x9 single-colour PNG whose colour is derived from ``path`` (deterministic)."""
    red, green, blue = sha256(path.encode()).digest()[:3]
    row = b"\x00" + bytes([red, green, blue]) * 16
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 16, 9, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * 9)) + chunk(b"IEND", b"")


FILES = {
    "/robots.txt": ("text/plain; charset=UTF-8", lambda site, base: feeds.robots_txt(base)),
    "/sitemap_index.xml": (XML, feeds.sitemap_index),
    "/post-sitemap.xml": (XML, feeds.post_sitemap),
    "/page-sitemap.xml": (XML, feeds.page_sitemap),
    "/category-sitemap.xml": (XML, feeds.category_sitemap),
    "/news-sitemap.xml": (XML, feeds.news_sitemap),
    "/feed/": ("application/rss+xml; charset=UTF-8", feeds.rss_feed),
    "/feed/atom/": ("application/atom+xml; charset=UTF-8", feeds.atom_feed),
}
