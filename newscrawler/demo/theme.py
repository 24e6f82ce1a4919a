"""The demo site's theme: page shell (head, header, sidebar, footer), archives, static pages and 404.

Rendered like a WordPress news theme with Yoast and Jetpack. Every function takes the ``base``
URL being served (``http://host:port``, no trailing slash), so links, canonicals and structured
data carry the real address. Pages are plain f-strings; the article page is in ``article``.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from .content import LINK, Article, Author, Site, Term, image_path


@cache
def all_labels() -> dict[str, dict[str, Any]]:
    """Theme strings per language (``labels.json``)."""
    text = resources.files("newscrawler.demo").joinpath("labels.json").read_text("utf-8")
    return json.loads(text)


def labels(language: str) -> dict[str, Any]:
    """Theme strings for a language tag such as ``de-DE`` (English when unknown)."""
    return all_labels().get(language.split("-")[0], all_labels()["en"])


def nice_date(value: datetime, language: str = "en") -> str:
    """A date as the theme shows it, e.g. ``February 15, 2022`` or ``15. Februar 2022``."""
    words = labels(language)
    return words["date"].format(month=words["months"][value.month - 1], day=value.day, year=value.year)


def nice_time(value: datetime, language: str = "en") -> str:
    """A comment time as WordPress shows it, e.g. ``February 15, 2022 at 9:14 am``."""
    words = labels(language)
    if words is all_labels()["en"]:
        clock = f"{value.hour % 12 or 12}:{value:%M} {'am' if value.hour < 12 else 'pm'}"
    else:
        clock = f"{value:%H:%M}"
    return f"{nice_date(value, language)} {words['at']} {clock}"


def inline(text: str, base: str, site: Site) -> str:
    """Escape body text and turn its ``[words](@slug)`` / ``[words](/path/)`` markup into links."""
    by_slug = {a.slug: a for a in site.articles}
    out, last = [], 0
    for match in LINK.finditer(text):
        target = match.group(2)
        href = base + (by_slug[target[1:]].path if target.startswith("@") else target)
        out.append(escape(text[last:match.start()]))
        out.append(f'<a href="{escape(href)}">{escape(match.group(1))}</a>')
        last = match.end()
    return "".join(out) + escape(text[last:])


def img(base: str, path: str, alt: str, width: int, height: int, css: str = "") -> str:
    """An image element with WordPress' usual attributes."""
    return (f'<img width="{width}" height="{height}" src="{base}{path}" class="{css}" alt="{escape(alt)}" '
            f'decoding="async" loading="lazy">')


def ad_slot(base: str, language: str, size: str, css: str) -> str:
    """An "Advertisement" slot."""
    width, height = size.split("x")
    image = img(base, f"/wp-content/uploads/ads/banner-{size}.png", "", int(width), int(height))
    return (f'<div class="stream-item {css}"><span class="stream-title">{labels(language)["advertisement"]}</span>'
            f'<a href="{base}/advertise/" rel="nofollow">{image}</a></div>')


# ------------------------------------------------------------------------------------------- page shell

def layout(site: Site, base: str, *, title: str, main: str, lang: str | None = None, head: str = "",
           body_class: str = "", canonical: str | None = None, robots: str = "index, follow",
           after: str = "") -> str:
    """The page shell: head with feeds, header with menu, main column, sidebar, footer."""
    canonical_link = f'<link rel="canonical" href="{escape(canonical)}">\n' if canonical else ""
    singular = "1" if "single" in body_class else ""
    return f"""<!DOCTYPE html>
<html lang="{lang or site.language}">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<meta name="robots" content="{robots}, max-image-preview:large">
{canonical_link}{head}
<link rel="alternate" type="application/rss+xml" title="{escape(site.name)} &raquo; Feed" href="{base}/feed/">
<link rel="alternate" type="application/atom+xml" title="{escape(site.name)} &raquo; Atom Feed"
 href="{base}/feed/atom/">
<link rel="stylesheet" id="ledger-style-css" href="{base}/wp-content/themes/ledger/style.css?ver=6.4.2" media="all">
<script>var ledgerVars = {{"ajaxurl": "{base}/wp-admin/admin-ajax.php", "is_singular": "{singular}"}};</script>
</head>
<body class="{body_class} wp-theme-ledger">
<div id="tie-container" class="site tie-container">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
{header(site, base)}
<div class="stream-item-top-wrapper">{ad_slot(base, site.language, "728x90", "stream-item-top")}</div>
<div id="content" class="site-content container">
<main id="main" class="site-main main-content">
{main}
</main>
{sidebar(site, base)}
</div>
{footer(site, base)}
</div>
<a id="go-to-top" class="go-to-top-button" href="#go-to-tie-body"><span class="tie-icon-angle-up"></span>
<span class="screen-reader-text">Back to top button</span></a>
{after}
</body>
</html>
"""


def header(site: Site, base: str) -> str:
    """Breaking-news ticker, logo, primary menu and search form."""
    ticker = "".join(f'<li><a href="{base}{a.path}">{escape(a.headline)}</a></li>' for a in site.articles[:4])
    menu = "".join(f'<li class="menu-item menu-item-type-taxonomy menu-item-object-category">'
                   f'<a href="{base}{s.path}">{escape(s.name)}</a></li>' for s in site.sections.values())
    name = escape(site.name)
    return f"""<header id="theme-header" class="site-header header-layout-3">
<div id="top-nav" class="top-nav"><div class="breaking"><span class="breaking-title">Breaking News</span>
<ul id="breaking-news-in-header" class="breaking-news">{ticker}</ul></div>
<ul class="components"><li class="social-icons-item"><a class="social-link rss-social-icon"
 rel="external noopener nofollow" href="{base}/feed/"><span class="screen-reader-text">RSS</span></a></li></ul></div>
<div class="container header-container"><div class="logo-row"><div id="logo" class="image-logo">
<a title="{name}" href="{base}/"><img src="{base}/wp-content/uploads/logo.png" alt="{name}" width="300" height="49">
<h1 class="h1-off">{name}</h1></a></div>
<p class="site-description">{escape(site.tagline)}</p></div></div>
<nav id="main-nav" class="main-nav" aria-label="Primary Navigation"><div class="main-menu">
<ul id="menu-main-menu" class="menu"><li class="menu-item menu-item-home"><a href="{base}/">Home</a></li>{menu}</ul>
</div>
<form role="search" method="get" class="search-form" action="{base}/"><label>
<span class="screen-reader-text">Search for:</span>
<input type="search" class="search-field" placeholder="Search &hellip;" value="" name="s"></label>
<input type="submit" class="search-submit" value="Search"></form></nav>
</header>"""


def sidebar(site: Site, base: str) -> str:
    """Recent posts, most commented, newsletter and tag cloud widgets."""
    recent = "".join(f'<li><a href="{base}{a.path}">{escape(a.headline)}</a>'
                     f'<span class="post-date">{nice_date(a.published)}</span></li>' for a in site.articles[:5])
    busiest = sorted(site.articles, key=lambda a: (-a.comment_count, -a.post_id))[:4]
    popular = "".join(f'<li><a href="{base}{a.path}">{escape(a.headline)}</a> '
                      f'<span class="count">({a.comment_count})</span></li>' for a in busiest)
    cloud = " ".join(f'<a href="{base}{t.path}" class="tag-cloud-link">{escape(t.name)}</a>'
                     for t in sorted(site.tags.values(), key=lambda t: t.slug)[:20])
    return f"""<aside id="sidebar" class="sidebar widget-area" aria-label="Primary Sidebar">
<div id="recent-posts-2" class="widget widget_recent_entries"><h4 class="widget-title">Recent Posts</h4>
<ul>{recent}</ul></div>
<div id="posts-list-3" class="widget posts-list"><h4 class="widget-title">Most Commented</h4><ul>{popular}</ul></div>
{newsletter_box(site.language, base)}
<div id="tag_cloud-2" class="widget widget_tag_cloud"><h4 class="widget-title">Tags</h4>
<div class="tagcloud">{cloud}</div></div>
</aside>"""


def newsletter_box(language: str, base: str) -> str:
    """The "Subscribe to our newsletter" box."""
    words = labels(language)
    return f"""<div class="widget newsletter-widget"><div class="newsletter-box">
<h4 class="newsletter-title">{words['newsletter']}</h4>
<p>{words['newsletter_text']}</p><form action="{base}/newsletter/" method="post">
<input type="email" name="EMAIL" placeholder="you@example.com"><button type="submit">{words['subscribe']}</button>
</form></div></div>"""


def footer(site: Site, base: str) -> str:
    """Footer widgets, footer menu and copyright line."""
    sections = "".join(f'<li class="cat-item"><a href="{base}{s.path}">{escape(s.name)}</a></li>'
                       for s in site.sections.values())
    pages = "".join(f'<li class="menu-item"><a href="{base}/{slug}/">{escape(p["title"])}</a></li>'
                    for slug, p in site.pages.items())
    name = escape(site.name)
    return f"""<footer id="footer" class="site-footer dark-skin">
<div class="footer-widget-area"><div class="widget widget_text"><h4 class="widget-title">About us</h4>
<div class="textwidget"><p>{name} is an independent newsroom covering politics, business, science and culture.</p>
</div></div>
<div class="widget widget_categories"><h4 class="widget-title">Sections</h4><ul>{sections}</ul></div>
<div class="widget widget_meta"><h4 class="widget-title">Meta</h4><ul><li><a href="{base}/wp-admin/">Log in</a></li>
<li><a href="{base}/feed/">Entries feed</a></li></ul></div></div>
<div id="site-info" class="site-info">
<div class="copyright-text">&copy; Copyright 2022, All Rights Reserved &nbsp;|&nbsp; {name}</div>
<ul id="menu-footer" class="footer-menu">{pages}</ul></div>
</footer>"""


# ------------------------------------------------------------------------------------------------ archives

def listing_page(site: Site, base: str, *, title: str, heading: str, articles: list[Article], page: int,
                 path: str, intro: str = "", query: str = "", robots: str = "index, follow") -> str | None:
    """An archive page (home, category, tag, author, search): page ``page`` of ``articles``; None when out of range."""
    count = max(1, -(-len(articles) // site.posts_per_page))
    if page > count:
        return None
    shown = articles[(page - 1) * site.posts_per_page:page * site.posts_per_page]
    items = "".join(listing_item(base, a) for a in shown) or (
        '<p class="no-results">Nothing Found. Sorry, but nothing matched your search terms.</p>')
    header_html = (f'<header class="page-header"><h1 class="page-title">{heading}</h1>{intro}</header>'
                   if heading else "")
    head = "".join(f'<link rel="{rel}" href="{base}{page_path(path, n)}{query}">'
                   for rel, n in (("prev", page - 1), ("next", page + 1)) if 1 <= n <= count)
    main = (f'{header_html}<div id="posts-container" class="posts-items">{items}</div>'
            f'{pagination(base, path, page, count, query)}')
    canonical = None if query else base + page_path(path, page)
    return layout(site, base, title=title, main=main, head=head, body_class="archive blog", canonical=canonical,
                  robots=robots)


def page_path(path: str, page: int) -> str:
    """``/category/x/`` → ``/category/x/page/2/``."""
    return path if page == 1 else f"{path}page/{page}/"


def listing_item(base: str, article: Article) -> str:
    """One teaser on an archive page."""
    url = base + article.path
    authors = ", ".join(f'<a href="{base}{a.path}">{escape(a.name)}</a>' for a in article.authors)
    thumb = (f'<a aria-label="{escape(article.headline)}" href="{url}" class="post-thumb">'
             f'{img(base, image_path(article), "", 390, 220, "attachment-jannah-image-large")}</a>'
             if article.image else "")
    excerpt = escape(" ".join(" ".join(article.paragraphs).split()[:40]))
    return f"""<article class="post-item post-{article.post_id} post type-post category-{article.section.slug}">
{thumb}<div class="post-details">
<a class="post-cat" href="{base}{article.section.path}">{escape(article.section.name)}</a>
<h2 class="post-title entry-title"><a href="{url}" rel="bookmark">{escape(article.headline)}</a></h2>
<div class="post-meta"><span class="author-meta">By {authors}</span>
<span class="date meta-item">{nice_date(article.published)}</span>
<span class="meta-comment"><a href="{url}#comments">{article.comment_count}</a></span></div>
<p class="post-excerpt">{excerpt} &hellip;</p><a class="more-link button" href="{url}">Read More &raquo;</a></div>
</article>"""


def pagination(base: str, path: str, page: int, count: int, query: str = "") -> str:
    """``the_posts_pagination()``: previous, numbers, next."""
    if count < 2:
        return ""
    def link(n: int) -> str:
        return f"{base}{page_path(path, n)}{query}"
    parts = [f'<a class="prev page-numbers" href="{link(page - 1)}">&laquo; Previous</a>'] if page > 1 else []
    parts += [f'<span aria-current="page" class="page-numbers current">{n}</span>' if n == page else
              f'<a class="page-numbers" href="{link(n)}">{n}</a>' for n in range(1, count + 1)]
    if page < count:
        parts.append(f'<a class="next page-numbers" href="{link(page + 1)}">Next &raquo;</a>')
    return (f'<nav class="navigation pagination" aria-label="Posts">'
            f'<h2 class="screen-reader-text">Posts navigation</h2><div class="nav-links">{"".join(parts)}</div></nav>')


def home_page(site: Site, base: str, page: int) -> str | None:
    """The front page: latest articles."""
    title = f"{site.name} - {site.tagline}" if page == 1 else f"{site.name} - Page {page}"
    return listing_page(site, base, title=title, heading="", articles=site.articles, page=page, path="/")


def term_page(site: Site, base: str, term: Term, page: int) -> str | None:
    """A category or tag archive."""
    label = "Category" if term.kind == "category" else "Tag"
    return listing_page(site, base, title=f"{term.name} Archives - {site.name}",
                        heading=f"{label}: {escape(term.name)}", articles=site.in_term(term), page=page, path=term.path)


def author_page(site: Site, base: str, author: Author, page: int) -> str | None:
    """An author archive with the author's bio."""
    return listing_page(site, base, title=f"{author.name}, Author at {site.name}",
                        heading=f"Author: {escape(author.name)}", articles=site.by_author(author), page=page,
                        path=author.path, intro=f'<div class="author-bio"><p>{escape(author.bio)}</p></div>')


def search_page(site: Site, base: str, term: str, page: int = 1) -> str | None:
    """Search results for ``term`` (headline and body, case-insensitive)."""
    needle = term.casefold().strip()
    found = [a for a in site.articles if needle and needle in (a.headline + " " + " ".join(a.paragraphs)).casefold()]
    return listing_page(site, base, title=f"You searched for {term} - {site.name}",
                        heading=f"Search Results for: <span>{escape(term)}</span>", articles=found, page=page,
                        path="/", query="?s=" + escape(term.replace(" ", "+")), robots="noindex, follow")


# ------------------------------------------------------------------------------------------- other pages

def static_page(site: Site, base: str, slug: str) -> str:
    """A WordPress page (About, Contact, ...): no dates, no author."""
    page = site.pages[slug]
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in page["paragraphs"])
    main = (f'<article id="post-{page["id"]}" class="post-{page["id"]} page type-page status-publish">'
            f'<header class="entry-header"><h1 class="entry-title">{escape(page["title"])}</h1></header>'
            f'<div class="entry-content">{paragraphs}</div></article>')
    return layout(site, base, title=f"{page['title']} - {site.name}", main=main,
                  body_class="page-template-default page", canonical=f"{base}/{slug}/",
                  head='<meta property="og:type" content="website">')


def not_found_page(site: Site, base: str) -> str:
    """The theme's 404 page."""
    main = ('<section class="error-404 not-found"><header class="page-header"><h1 class="page-title">'
            'Oops! That page can&rsquo;t be found.</h1></header><div class="page-content"><p>It looks like nothing was '
            'found at this location. Maybe try one of the links below or a search?</p></div></section>')
    return layout(site, base, title=f"Page not found - {site.name}", main=main, body_class="error404",
                  robots="noindex, follow")


def forbidden_page(site: Site, base: str) -> str:
    """What ``/wp-admin/`` answers to a visitor who is not logged in."""
    main = '<section class="error-403"><h1 class="page-title">Forbidden</h1><p>Please log in.</p></section>'
    return layout(site, base, title=f"Forbidden - {site.name}", main=main, robots="noindex, nofollow")
