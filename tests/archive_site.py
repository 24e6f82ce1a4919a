"""A small news site for the archive tests: a home page, a sitemap, articles with comments (some
on a second comment page), a redirect, and a count of every request the server answered."""

from __future__ import annotations

import threading
import time
from collections import Counter
from typing import Callable

Response = tuple[int, dict[str, str], bytes]
HTML = {"Content-Type": "text/html; charset=utf-8"}


def comment_html(number: int, text: str) -> str:
    """One WordPress-style comment."""
    return (f'<li id="comment-{number}" class="comment"><article class="comment-body">'
            f'<footer class="comment-meta"><b class="fn">Reader {number}</b> '
            f'<time datetime="2024-05-0{1 + number % 8}T12:00:00+00:00">May {1 + number % 8}, 2024</time></footer>'
            f'<div class="comment-content"><p>{text}</p></div></article></li>')


def article_html(slug: str, title: str, comments: list[str], next_page: str | None = None, day: int = 3) -> str:
    """An article page with its comments (and a link to the next comment page)."""
    body = "".join(f"<p>{title}, part {i}: the council met on Tuesday evening and agreed, after a long debate "
                   f"about budgets and ferries, to publish the full minutes next week.</p>" for i in range(5))
    items = "".join(comment_html(i + 1, text) for i, text in enumerate(comments))
    more = f'<nav class="comment-navigation"><a href="{next_page}">Older comments</a></nav>' if next_page else ""
    return (f'<html lang="en"><head><title>{title} - The Harbour Herald</title>'
            f'<meta property="og:type" content="article"><link rel="canonical" href="/{slug}/">'
            f'<meta property="article:published_time" content="2024-05-{day:02d}T10:00:00+00:00"></head><body>'
            f'<header><nav><a href="/">Home</a></nav></header><main><article><h1>{title}</h1>'
            f'<p class="byline">By Jane Doe</p>{body}</article>'
            f'<section id="comments" class="comments-area"><h2>Comments</h2><ol class="comment-list">{items}</ol>{more}'
            f'</section></main><footer>Copyright The Harbour Herald</footer></body></html>')


def comment_page_html(slug: str, title: str, first: int, comments: list[str]) -> str:
    """A second comment page of an article."""
    items = "".join(comment_html(first + i, text) for i, text in enumerate(comments))
    return (f'<html lang="en"><head><title>{title} - The Harbour Herald</title></head><body>'
            f'<main><h1>{title}</h1><section id="comments" class="comments-area"><ol class="comment-list">{items}</ol>'
            f'</section></main></body></html>')


class NewsSite:
    """Routes of a news site with ``articles`` stories; ``delay`` slows article pages (seconds);
    ``hits`` counts the requests answered per path."""

    def __init__(self, articles: int = 4, delay: float = 0.0, old_articles: int = 0) -> None:
        self.delay = delay
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.comments: dict[str, list[str]] = {}
        self.slugs = [f"news/story-{i}" for i in range(1, articles + 1)]
        self.old_slugs = [f"archive/old-story-{i}" for i in range(1, old_articles + 1)]
        for slug in self.slugs + self.old_slugs:
            self.comments[slug] = [f"First thoughts on {slug}.", f"A reply about {slug} and the ferries."]

    def add_article(self) -> str:
        """Publish one more story; return its slug."""
        slug = f"news/story-{len(self.slugs) + 1}"
        self.slugs.append(slug)
        self.comments[slug] = [f"First thoughts on {slug}."]
        return slug

    def routes(self) -> dict[str, Callable[[str], Response]]:
        """path → handler, for ``conftest.serve_routes``."""
        routes: dict[str, Callable[[str], Response]] = {
            "/": self._counted(self.home), "/robots.txt": self._counted(self.robots),
            "/sitemap.xml": self._counted(self.sitemap), "/latest/": self._counted(self.redirect)}
        for slug in self.slugs + self.old_slugs:
            routes[f"/{slug}/"] = self._counted(self.article)
            routes[f"/{slug}/comment-page-2/"] = self._counted(self.comment_page)
        return routes

    def _counted(self, handler: Callable[[str], Response]) -> Callable[[str], Response]:
        def serve(path: str) -> Response:
            with self.lock:
                self.hits[path] += 1
            return handler(path)
        return serve

    def home(self, path: str) -> Response:
        links = "".join(f'<li><a href="/{slug}/">Story {slug}</a></li>' for slug in self.slugs)
        page = (f'<html lang="en"><head><title>The Harbour Herald</title></head><body><h1>The Harbour Herald</h1>'
                f'<ul>{links}<li><a href="/latest/">Latest</a></li></ul></body></html>')
        return 200, HTML, page.encode()

    def robots(self, path: str) -> Response:
        return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\nSitemap: /sitemap.xml\n"

    def sitemap(self, path: str) -> Response:
        entries = [(slug, "2024-05-03") for slug in self.slugs] + [(slug, "2019-01-01") for slug in self.old_slugs]
        urls = "".join(f"<url><loc>/{slug}/</loc><lastmod>{day}</lastmod></url>" for slug, day in entries)
        body = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        return 200, {"Content-Type": "application/xml"}, body.encode()

    def redirect(self, path: str) -> Response:
        return 301, {"Location": f"/{self.slugs[0]}/", "Content-Type": "text/html"}, b""

    def article(self, path: str) -> Response:
        if self.delay:
            time.sleep(self.delay)
        slug = path.strip("/")
        comments = self.comments[slug]
        title = "Council " + slug.rsplit("/", 1)[-1].replace("-", " ")
        day = 3 if slug in self.slugs else 1
        if len(comments) > 2:
            page = article_html(slug, title, comments[:2], next_page=f"/{slug}/comment-page-2/", day=day)
        else:
            page = article_html(slug, title, comments, day=day)
        return 200, HTML, page.encode()

    def comment_page(self, path: str) -> Response:
        slug = path.strip("/").removesuffix("/comment-page-2")
        comments = self.comments[slug]
        return 200, HTML, comment_page_html(slug, slug, 3, comments[2:]).encode()
