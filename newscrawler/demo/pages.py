"""HTML pages of the demo site, rendered like a WordPress news theme (with Jetpack and Yoast).

Every function takes the ``base`` URL being served (``http://host:port``, no trailing slash) so
that links, canonicals and structured data carry the real address. Pages are plain f-strings.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from .content import LINK, Article, Author, Comment, Site, Term, image_path, iso

SHARE_NETWORKS = (("twitter", "Twitter"), ("facebook", "Facebook"), ("linkedin", "LinkedIn"), ("whatsapp", "WhatsApp"))


@cache
def all_labels() -> dict[str, dict[str, Any]]:
    """Theme strings per language (``labels.json``)."""
    text = resources.files("newscrawler.demo").joinpath("labels.json").read_text("utf-8")
    return json.loads(text)


def labels(language: str) -> dict[str, Any]:
    """Theme strings for a language tag such as ``de-DE`` (English when unknown)."""
    return all_labels().get(language.split("-")[0], all_labels()["en"])


def nice_date(value: datetime, language: str = "en") -> str:
    """A date as a theme shows it, e.g. ``February 15, 2022`` or ``15. Februar 2022``."""
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
        out.append(escape(text[last:match.start()]) + f'<a href="{escape(href)}">{escape(match.group(1))}</a>')
        last = match.end()
    return "".join(out) + escape(text[last:])


def json_ld(data: dict[str, Any]) -> str:
    """A JSON-LD script element."""
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json" class="yoast-schema-graph">{text}</script>'


def img(base: str, path: str, alt: str, width: int, height: int, css: str = "") -> str:
    """An image element with WordPress' usual attributes."""
    return (f'<img width="{width}" height="{height}" src="{base}{path}" class="{css}" alt="{escape(alt)}" '
            f'decoding="async" loading="lazy">')


# --------------------------------------------------------------------------------------------- layout

def layout(site: Site, base: str, *, title: str, main: str, lang: str | None = None, head: str = "",
           body_class: str = "", canonical: str | None = None, robots: str = "index, follow",
           after: str = "") -> str:
    """The page shell: head with feeds, header with menu, main column, sidebar, footer."""
    canonical_link = f'<link rel="canonical" href="{escape(canonical)}">\n' if canonical else ""
    return f"""<!DOCTYPE html>
<html lang="{lang or site.language}">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<meta name="robots" content="{robots}, max-image-preview:large">
{canonical_link}{head}
<link rel="alternate" type="application/rss+xml" title="{escape(site.name)} &raquo; Feed" href="{base}/feed/">
<link rel="alternate" type="application/atom+xml" title="{escape(site.name)} &raquo; Atom Feed" href="{base}/feed/atom/">
<link rel="stylesheet" id="ledger-style-css" href="{base}/wp-content/themes/ledger/style.css?ver=6.4.2" media="all">
<script>var ledgerVars = {{"ajaxurl": "{base}/wp-admin/admin-ajax.php", "is_singular": "{'1' if 'single' in body_class else ''}"}};</script>
</head>
<body class="{body_class} wp-theme-ledger">
<div id="tie-container" class="site tie-container">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
{header(site, base)}
<div class="stream-item stream-item-top-wrapper"><div class="stream-item-top">
<span class="stream-title">{labels(site.language)['advertisement']}</span>
<a href="{base}/advertise/" rel="nofollow">{img(base, "/wp-content/uploads/ads/banner-728x90.png", "", 728, 90)}</a>
</div></div>
<div id="content" class="site-content container">
<main id="main" class="site-main main-content">
{main}
</main>
{sidebar(site, base)}
</div>
{footer(site, base)}
</div>
<a id="go-to-top" class="go-to-top-button" href="#go-to-tie-body"><span class="tie-icon-angle-up"></span><span class="screen-reader-text">Back to top button</span></a>
{after}
</body>
</html>
"""


def header(site: Site, base: str) -> str:
    """Breaking-news ticker, logo, primary menu and search form."""
    ticker = "".join(f'<li><a href="{base}{a.path}">{escape(a.headline)}</a></li>' for a in site.articles[:4])
    menu = "".join(f'<li class="menu-item menu-item-type-taxonomy menu-item-object-category">'
                   f'<a href="{base}{s.path}">{escape(s.name)}</a></li>' for s in site.sections.values())
    return f"""<header id="theme-header" class="site-header header-layout-3">
<div id="top-nav" class="top-nav"><div class="breaking"><span class="breaking-title">Breaking News</span>
<ul id="breaking-news-in-header" class="breaking-news">{ticker}</ul></div>
<ul class="components"><li class="social-icons-item"><a class="social-link rss-social-icon" rel="external noopener nofollow" href="{base}/feed/"><span class="screen-reader-text">RSS</span></a></li></ul></div>
<div class="container header-container"><div class="logo-row"><div id="logo" class="image-logo">
<a title="{escape(site.name)}" href="{base}/"><img src="{base}/wp-content/uploads/logo.png" alt="{escape(site.name)}" width="300" height="49">
<h1 class="h1-off">{escape(site.name)}</h1></a></div>
<p class="site-description">{escape(site.tagline)}</p></div></div>
<nav id="main-nav" class="main-nav" aria-label="Primary Navigation"><div class="main-menu"><ul id="menu-main-menu" class="menu">
<li class="menu-item menu-item-home"><a href="{base}/">Home</a></li>{menu}</ul></div>
<form role="search" method="get" class="search-form" action="{base}/"><label><span class="screen-reader-text">Search for:</span>
<input type="search" class="search-field" placeholder="Search &hellip;" value="" name="s"></label>
<input type="submit" class="search-submit" value="Search"></form></nav>
</header>"""


def sidebar(site: Site, base: str) -> str:
    """Recent posts, most commented, newsletter and tag cloud widgets."""
    recent = "".join(f'<li><a href="{base}{a.path}">{escape(a.headline)}</a><span class="post-date">'
                     f'{nice_date(a.published)}</span></li>' for a in site.articles[:5])
    busiest = sorted(site.articles, key=lambda a: (-a.comment_count, -a.post_id))[:4]
    popular = "".join(f'<li><a href="{base}{a.path}">{escape(a.headline)}</a> <span class="count">'
                      f'({a.comment_count})</span></li>' for a in busiest)
    cloud = " ".join(f'<a href="{base}{t.path}" class="tag-cloud-link">{escape(t.name)}</a>'
                     for t in sorted(site.tags.values(), key=lambda t: t.slug)[:20])
    return f"""<aside id="sidebar" class="sidebar widget-area" aria-label="Primary Sidebar">
<div id="recent-posts-2" class="widget widget_recent_entries"><h4 class="widget-title">Recent Posts</h4><ul>{recent}</ul></div>
<div id="posts-list-3" class="widget posts-list"><h4 class="widget-title">Most Commented</h4><ul>{popular}</ul></div>
{newsletter_box(site.language, base)}
<div id="tag_cloud-2" class="widget widget_tag_cloud"><h4 class="widget-title">Tags</h4><div class="tagcloud">{cloud}</div></div>
</aside>"""


def newsletter_box(language: str, base: str) -> str:
    """The "Subscribe to our newsletter" box."""
    words = labels(language)
    return f"""<div class="widget newsletter-widget"><div class="newsletter-box"><h4 class="newsletter-title">{words['newsletter']}</h4>
<p>{words['newsletter_text']}</p><form action="{base}/newsletter/" method="post"><input type="email" name="EMAIL" placeholder="you@example.com">
<button type="submit">{words['subscribe']}</button></form></div></div>"""


def footer(site: Site, base: str) -> str:
    """Footer widgets, footer menu and copyright line."""
    sections = "".join(f'<li class="cat-item"><a href="{base}{s.path}">{escape(s.name)}</a></li>'
                       for s in site.sections.values())
    pages = "".join(f'<li class="menu-item"><a href="{base}/{slug}/">{escape(p["title"])}</a></li>'
                    for slug, p in site.pages.items())
    return f"""<footer id="footer" class="site-footer dark-skin">
<div class="footer-widget-area"><div class="widget widget_text"><h4 class="widget-title">About us</h4>
<div class="textwidget"><p>{escape(site.name)} is an independent newsroom covering politics, business, science and culture.</p></div></div>
<div class="widget widget_categories"><h4 class="widget-title">Sections</h4><ul>{sections}</ul></div>
<div class="widget widget_meta"><h4 class="widget-title">Meta</h4><ul><li><a href="{base}/wp-admin/">Log in</a></li>
<li><a href="{base}/feed/">Entries feed</a></li></ul></div></div>
<div id="site-info" class="site-info"><div class="copyright-text">&copy; Copyright 2022, All Rights Reserved &nbsp;|&nbsp; {escape(site.name)}</div>
<ul id="menu-footer" class="footer-menu">{pages}</ul></div>
</footer>"""


# ----------------------------------------------------------------------------------------- articles

def article_page(site: Site, base: str, article: Article, comment_page: int = 1, noindex: bool = False) -> str:
    """A single article (comment page ``comment_page`` of it) with all the usual boilerplate around it."""
    url = base + article.path
    main = f"""{breadcrumbs(base, article)}
{article_element(site, base, article)}
{newsletter_box(article.language, base)}
{post_navigation(site, base, article)}
{related_block(base, article) if article.related_title != "You may also like" or article.language != site.language else ""}
{comments_section(site, base, article, comment_page)}"""
    head = article_head(site, base, article) + f'\n<link rel="shortlink" href="{base}/?p={article.post_id}">'
    likes = (f'<div id="likes-other-gravatars" role="dialog" aria-hidden="true" tabindex="-1"><div class="likes-text">'
             f'<span>%d</span> bloggers like this:</div><ul class="wpl-avatars sd-like-gravatars"></ul></div>')
    classes = f"post-template-default single single-post postid-{article.post_id} single-format-standard"
    return layout(site, base, title=f"{article.headline} - {site.name}", main=main, lang=article.language,
                  head=head, body_class=classes, canonical=url, after=likes,
                  robots="noindex, follow" if noindex else "index, follow")


def breadcrumbs(base: str, article: Article) -> str:
    """Home / Section / Headline."""
    return (f'<nav id="breadcrumb" aria-label="Breadcrumbs"><a href="{base}/"><span class="tie-icon-home"></span>Home</a>'
            f'<em class="delimiter">/</em><a href="{base}{article.section.path}">{escape(article.section.name)}</a>'
            f'<em class="delimiter">/</em><span class="current">{escape(article.headline)}</span></nav>')


def article_element(site: Site, base: str, article: Article) -> str:
    """The ``<article>`` element: header (section, headline, byline, dates), image, content, tags."""
    micro = article.markup == "microdata"
    scope = ' itemscope itemtype="https://schema.org/NewsArticle"' if micro else ""
    title_class = "wp-block-post-title" if article.theme == "block" else "post-title entry-title"
    terms = " ".join(f"tag-{t.slug}" for t in article.tags)
    return f"""<article id="post-{article.post_id}" class="post-{article.post_id} post type-post status-publish format-standard has-post-thumbnail category-{article.section.slug} {terms} container-wrapper post-content"{scope}>
<header class="entry-header-outer"><div class="entry-header">
<span class="post-cat-wrap"><a class="post-cat tie-cat-{article.section.slug}" href="{base}{article.section.path}" rel="category tag">{escape(article.section.name)}</a></span>
<h1 class="{title_class}"{' itemprop="headline"' if micro else ''}>{escape(article.headline)}</h1>
{entry_meta(base, article)}
</div></header>
{featured_image(base, article)}
<div class="entry-content entry clearfix{' wp-block-post-content' if article.theme == 'block' else ''}"{' itemprop="articleBody"' if micro else ''}>
{body_html(site, base, article)}
{share_buttons(base, article)}
{jetpack_related(base, article) if article.related_title == "You may also like" and article.language == site.language else ""}
</div>
{microdata_extras(base, article) if micro else ""}
<footer class="entry-footer"><div class="post-bottom-meta post-bottom-tags"><span class="tagcloud">
<span class="post-bottom-meta-title">{labels(article.language)['tags']}</span> {' '.join(f'<a href="{base}{t.path}" rel="tag">{escape(t.name)}</a>' for t in article.tags)}
</span></div></footer>
</article>"""


def entry_meta(base: str, article: Article) -> str:
    """Byline, dates, comment count and reading time under the headline."""
    words = labels(article.language)
    micro = article.markup == "microdata"
    prop = ' itemprop="datePublished"' if micro else ""
    published = (f'<time class="entry-date published" datetime="{iso(article.published)}"{prop}>'
                 f'{nice_date(article.published, article.language)}</time>')
    updated = ""
    if article.modified:
        updated = (f' <span class="updated-on">{words["updated"]} <time class="updated" datetime="{iso(article.modified)}">'
                   f'{nice_date(article.modified, article.language)}</time></span>')
    count = article.comment_count
    count_text = words["comments"].format(n=count) if count > 1 else words["one_comment" if count else "no_comments"]
    minutes = max(1, len(" ".join(article.paragraphs).split()) // 200)
    css = "wp-block-post-author-name" if article.theme == "block" else "meta-author"
    return f"""<div class="post-meta single-post-meta">
<span class="{css} byline">{byline(base, article)}</span>
<span class="date meta-item posted-on">{published}{updated}</span>
<span class="meta-comment meta-item"><a href="{base}{article.path}#comments">{count_text}</a></span>
<span class="meta-reading-time meta-item">{words['reading_time'].format(n=minutes)}</span>
</div>"""


def byline(base: str, article: Article) -> str:
    """"By Jane Doe and John Roe": author links, plain names on "plain" pages, microdata on microdata pages."""
    words = labels(article.language)
    names = [author_name(base, a, article.markup) for a in article.authors]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {words['and']} {names[-1]}"
    return f"{words['by']} {joined}"


def author_name(base: str, author: Author, markup: str) -> str:
    """One author's name in the byline."""
    if markup == "plain":
        return escape(author.name)
    if markup == "microdata":
        return (f'<span itemprop="author" itemscope itemtype="https://schema.org/Person"><a itemprop="url" '
                f'href="{base}{author.path}"><span itemprop="name">{escape(author.name)}</span></a></span>')
    return f'<span class="author vcard"><a class="url fn n" href="{base}{author.path}">{escape(author.name)}</a></span>'


def featured_image(base: str, article: Article) -> str:
    """The lead image with its caption, if the article has one."""
    if not article.image:
        return ""
    caption = (f'<figcaption class="single-caption-text"><span class="tie-icon-camera"></span> {escape(article.image_caption)}</figcaption>'
               if article.image_caption else "")
    return (f'<div class="featured-area"><figure class="single-featured-image">'
            f'{img(base, image_path(article), article.headline, 1200, 675, "attachment-full size-full wp-post-image")}'
            f'{caption}</figure></div>')


def body_html(site: Site, base: str, article: Article) -> str:
    """The article's blocks, with an advertisement slot after the second paragraph of long articles."""
    out = []
    for number, block in enumerate(article.body, 1):
        out.append(block_html(site, base, article, block))
        if number == 2 and len(article.body) >= 5:
            out.append(f'<div class="stream-item stream-item-in-post stream-item-inline-post aligncenter">'
                       f'<span class="stream-title">{labels(article.language)["advertisement"]}</span>'
                       f'<a href="{base}/advertise/" rel="nofollow">{img(base, "/wp-content/uploads/ads/mpu-300x250.png", "", 300, 250)}</a></div>')
    return "\n".join(out)


def block_html(site: Site, base: str, article: Article, block: Any) -> str:
    """One body block as Gutenberg markup."""
    if block.kind == "h2":
        return f'<h2 class="wp-block-heading">{inline(block.text, base, site)}</h2>'
    if block.kind == "quote":
        return f'<blockquote class="wp-block-quote"><p>{inline(block.text, base, site)}</p></blockquote>'
    if block.kind == "figure":
        return (f'<figure class="wp-block-image size-large">{img(base, image_path(article, block.image), block.text, 800, 450)}'
                f'<figcaption class="wp-element-caption">{escape(block.text)}</figcaption></figure>')
    return f"<p>{inline(block.text, base, site)}</p>"


def share_buttons(base: str, article: Article) -> str:
    """Jetpack's sharing and likes blocks (appended inside the content, as Jetpack does)."""
    words = labels(article.language)
    url = base + article.path
    items = "".join(
        f'<li class="share-{key}"><a rel="nofollow noopener noreferrer" data-shared="sharing-{key}-{article.post_id}" '
        f'class="share-{key} sd-button share-icon" href="{url}?share={key}&amp;nb=1" target="_blank" '
        f'title="{words["share_on"].format(network=name)}"><span>{name}</span><span class="sharing-screen-reader-text">'
        f'{words["share_on"].format(network=name)} {words["new_window"]}</span></a></li>'
        for key, name in SHARE_NETWORKS)
    return f"""<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing">
<h3 class="sd-title">{words['share']}</h3><div class="sd-content"><ul>{items}<li class="share-end"></li></ul></div></div></div>
<div class="sharedaddy sd-block sd-like jetpack-likes-widget-wrapper jetpack-likes-widget-unloaded" id="like-post-wrapper-{article.post_id}">
<h3 class="sd-title">{words['like']}</h3><div class="likes-widget-placeholder post-likes-widget-placeholder" style="height: 55px;">
<span class="button"><span>{words['like_button']}</span></span> <span class="loading">{words['loading']}</span></div>
<span class="sd-text-color"></span><a class="sd-link-color"></a></div>"""


def jetpack_related(base: str, article: Article) -> str:
    """Jetpack's "You may also like" related posts (inside the content area)."""
    posts = "".join(
        f'<div class="jp-relatedposts-post jp-relatedposts-post{n}" data-post-id="{r.post_id}" data-post-format="false">'
        f'<h4 class="jp-relatedposts-post-title"><a class="jp-relatedposts-post-a" href="{base}{r.path}" '
        f'title="{escape(r.headline)}" rel="nofollow" data-origin="{article.post_id}" data-position="{n}">{escape(r.headline)}</a></h4>'
        f'<p class="jp-relatedposts-post-date">{nice_date(r.published)}</p>'
        f'<p class="jp-relatedposts-post-context">In &quot;{escape(r.section.name)}&quot;</p></div>'
        for n, r in enumerate(article.related))
    return (f'<div id="jp-relatedposts" class="jp-relatedposts" style="display: block;">'
            f'<h3 class="jp-relatedposts-headline"><em>You may also like</em></h3>'
            f'<div class="jp-relatedposts-items jp-relatedposts-items-minimal">{posts}</div></div>')


def related_block(base: str, article: Article) -> str:
    """The theme's related block: "Related Articles" cards or a YARPP "Related Posts" list."""
    if article.related_title == "Related Posts":
        items = "".join(f'<li><a href="{base}{r.path}" rel="bookmark" title="{escape(r.headline)}">{escape(r.headline)}</a></li>'
                        for r in article.related)
        return f"<div class='yarpp yarpp-related yarpp-template-list'><h3>Related Posts:</h3><ol>{items}</ol></div>"
    title = labels(article.language)["related"] if article.language.split("-")[0] != "en" else article.related_title
    cards = "".join(
        f'<div class="related-item"><a aria-label="{escape(r.headline)}" href="{base}{r.path}" class="post-thumb">'
        f'{img(base, image_path(r), "", 390, 220) if r.image else ""}</a>'
        f'<h3 class="post-title"><a href="{base}{r.path}">{escape(r.headline)}</a></h3>'
        f'<div class="post-meta"><span class="date meta-item"><span class="tie-icon-fa-clock-o"></span> '
        f'<span>{nice_date(r.published)}</span></span></div></div>'
        for r in article.related)
    return (f'<div id="related-posts" class="container-wrapper has-extra-post"><div class="mag-box-title the-global-title">'
            f'<h3>{title}</h3></div><div class="related-posts-list">{cards}</div></div>')


def post_navigation(site: Site, base: str, article: Article) -> str:
    """Previous / next article links."""
    words = labels(article.language)
    index = site.articles.index(article)
    older = site.articles[index + 1] if index + 1 < len(site.articles) else None
    newer = site.articles[index - 1] if index > 0 else None
    prev_link = (f'<div class="nav-previous"><a href="{base}{older.path}" rel="prev"><span class="meta-nav">{words["previous"]}</span> '
                 f'<span class="post-title">{escape(older.headline)}</span></a></div>') if older else ""
    next_link = (f'<div class="nav-next"><a href="{base}{newer.path}" rel="next"><span class="meta-nav">{words["next"]}</span> '
                 f'<span class="post-title">{escape(newer.headline)}</span></a></div>') if newer else ""
    return (f'<nav class="navigation post-navigation" aria-label="Posts"><h2 class="screen-reader-text">{words["post_nav"]}</h2>'
            f'<div class="nav-links">{prev_link}{next_link}</div></nav>')


def microdata_extras(base: str, article: Article) -> str:
    """Microdata properties that have no visible element."""
    extra = [f'<meta itemprop="articleSection" content="{escape(article.section.name)}">',
             f'<meta itemprop="keywords" content="{escape(",".join(t.name for t in article.tags))}">',
             f'<meta itemprop="inLanguage" content="{article.language}">',
             f'<link itemprop="mainEntityOfPage" href="{base}{article.path}">']
    if article.modified:
        extra.append(f'<meta itemprop="dateModified" content="{iso(article.modified)}">')
    if article.image:
        extra.append(f'<link itemprop="image" href="{base}{image_path(article)}">')
    return "\n".join(extra)


# -------------------------------------------------------------------------------------------- <head>

def article_head(site: Site, base: str, article: Article) -> str:
    """Metadata of an article page; how much depends on the article's markup variant."""
    if article.markup == "plain":
        return ""
    description = f'<meta name="description" content="{escape(article.description)}">'
    if article.markup == "microdata":
        return description
    head = [description, opengraph(site, base, article)]
    if article.markup == "jsonld":
        head.append(json_ld(news_article(site, base, article)))
    elif article.markup == "graph":
        head.append(json_ld(yoast_graph(site, base, article)))
    return "\n".join(head)


def opengraph(site: Site, base: str, article: Article) -> str:
    """OpenGraph, ``article:*`` and Twitter card meta tags (as Yoast writes them)."""
    tags = [("og:locale", article.language.replace("-", "_")), ("og:type", "article"),
            ("og:title", f"{article.headline} - {site.name}"), ("og:description", article.description),
            ("og:url", base + article.path), ("og:site_name", site.name),
            ("article:section", article.section.name), ("article:published_time", iso(article.published))]
    tags += [("article:tag", t.name) for t in article.tags]
    if article.modified:
        tags.append(("article:modified_time", iso(article.modified)))
    if article.image:
        tags += [("og:image", base + image_path(article)), ("og:image:width", "1200"), ("og:image:height", "675")]
    out = [f'<meta property="{k}" content="{escape(str(v))}">' for k, v in tags]
    out.append(f'<meta name="author" content="{escape(", ".join(a.name for a in article.authors))}">')
    out.append('<meta name="twitter:card" content="summary_large_image">')
    out.append('<meta name="twitter:label1" content="Written by">')
    out.append(f'<meta name="twitter:data1" content="{escape(", ".join(a.name for a in article.authors))}">')
    return "\n".join(out)


def person(base: str, author: Author) -> dict[str, Any]:
    return {"@type": "Person", "name": author.name, "url": base + author.path}


def news_article(site: Site, base: str, article: Article) -> dict[str, Any]:
    """A standalone schema.org ``NewsArticle`` object."""
    authors = [person(base, a) for a in article.authors]
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": base + article.path},
        "headline": article.headline, "description": article.description,
        "datePublished": iso(article.published), "dateModified": iso(article.modified or article.published),
        "author": authors[0] if len(authors) == 1 else authors,
        "publisher": {"@type": "Organization", "name": site.name,
                      "logo": {"@type": "ImageObject", "url": f"{base}/wp-content/uploads/logo.png"}},
        "keywords": ", ".join(t.name for t in article.tags), "articleSection": article.section.name,
        "inLanguage": article.language,
    }
    if article.image:
        data["image"] = {"@type": "ImageObject", "url": base + image_path(article), "width": 1200, "height": 675}
    return data


def yoast_graph(site: Site, base: str, article: Article) -> dict[str, Any]:
    """A Yoast-style ``@graph``: the article refers to its authors and image by ``@id``."""
    url = base + article.path
    people = [{**person(base, a), "@id": f"{base}/#/schema/person/{a.slug}"} for a in article.authors]
    node: dict[str, Any] = {
        "@type": "NewsArticle", "@id": f"{url}#article", "isPartOf": {"@id": url},
        "author": [{"@id": p["@id"]} for p in people], "headline": article.headline,
        "datePublished": iso(article.published), "dateModified": iso(article.modified or article.published),
        "mainEntityOfPage": {"@id": url}, "wordCount": len(" ".join(article.paragraphs).split()),
        "commentCount": article.comment_count, "publisher": {"@id": f"{base}/#organization"},
        "keywords": [t.name for t in article.tags], "articleSection": [article.section.name],
        "inLanguage": article.language,
    }
    graph: list[dict[str, Any]] = [node, {
        "@type": "WebPage", "@id": url, "url": url, "name": f"{article.headline} - {site.name}",
        "isPartOf": {"@id": f"{base}/#website"}, "datePublished": iso(article.published),
        "breadcrumb": {"@id": f"{url}#breadcrumb"}, "inLanguage": article.language}]
    if article.image:
        node["image"] = {"@id": f"{url}#primaryimage"}
        graph.append({"@type": "ImageObject", "@id": f"{url}#primaryimage", "url": base + image_path(article),
                      "contentUrl": base + image_path(article), "width": 1200, "height": 675,
                      "caption": article.image_caption or article.headline})
    graph.append({"@type": "BreadcrumbList", "@id": f"{url}#breadcrumb", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "Home", "item": f"{base}/"},
        {"@type": "ListItem", "position": 2, "name": article.section.name, "item": base + article.section.path},
        {"@type": "ListItem", "position": 3, "name": article.headline}]})
    graph.append({"@type": "WebSite", "@id": f"{base}/#website", "url": f"{base}/", "name": site.name,
                  "publisher": {"@id": f"{base}/#organization"}})
    graph.append({"@type": "Organization", "@id": f"{base}/#organization", "name": site.name, "url": f"{base}/"})
    return {"@context": "https://schema.org", "@graph": graph + people}


# ------------------------------------------------------------------------------------------ comments

def comments_section(site: Site, base: str, article: Article, page: int) -> str:
    """The comment list of one comment page, its pagination and the reply form."""
    words = labels(article.language)
    pages = article.comment_pages(site.comments_per_page)
    threads = pages[page - 1] if pages else []
    form = comment_form(base, article)
    if article.theme == "block":
        items = "".join(block_comment(base, article, c, i) for i, c in enumerate(threads))
        listing = f'<ol class="wp-block-comment-template">{items}</ol>' if items else ""
        return (f'<div class="wp-block-comments" id="comments"><h2 class="wp-block-comments-title">'
                f'{comments_title(article)}</h2>{listing}{block_pagination(base, article, page, len(pages))}{form}</div>')
    items = "".join(classic_comment(base, article, c, i) for i, c in enumerate(threads))
    listing = (f'<h2 class="comments-title">{comments_title(article)}</h2>'
               f'<ol class="comment-list">{items}</ol>{classic_pagination(base, article, page, len(pages), words)}'
               if items else "")
    return f'<div id="comments" class="comments-area">{listing}{form}</div>'


def comments_title(article: Article) -> str:
    words = labels(article.language)
    count, title = article.comment_count, escape(article.headline)
    if count == 0:
        return words["no_comments"]
    key = "one_comment_title" if count == 1 else "comments_title"
    return words[key].format(n=count, title=title)


def reply_link(base: str, article: Article, comment: Comment) -> str:
    words = labels(article.language)
    return (f"<a rel='nofollow' class='comment-reply-link' href='{base}{article.path}?replytocom={comment.id}#respond' "
            f"data-commentid=\"{comment.id}\" data-postid=\"{article.post_id}\" data-belowelement=\"div-comment-{comment.id}\" "
            f"data-respondelement=\"respond\" data-replyto=\"{escape(words['reply_to'].format(name=comment.author))}\" "
            f"aria-label='{escape(words['reply_to'].format(name=comment.author))}'>{words['reply']}</a>")


def comment_classes(comment: Comment, index: int) -> str:
    parity = "even" if index % 2 == 0 else "odd"
    parent = " parent" if comment.replies else ""
    return f"comment {parity} thread-{parity} depth-{comment.depth}{parent}"


def classic_comment(base: str, article: Article, comment: Comment, index: int = 0) -> str:
    """One comment with its replies, as ``wp_list_comments`` (HTML5) prints it."""
    words = labels(article.language)
    children = "".join(classic_comment(base, article, r, i) for i, r in enumerate(comment.replies))
    nested = f'<ol class="children">{children}</ol>' if children else ""
    return f"""<li id="comment-{comment.id}" class="{comment_classes(comment, index)}">
<article id="div-comment-{comment.id}" class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard">{img(base, "/wp-content/uploads/avatar.png", "", 60, 60, "avatar avatar-60 photo")}
<b class="fn">{escape(comment.author)}</b> <span class="says">{words['says']}</span></div>
<div class="comment-metadata"><a href="{base}{article.path}#comment-{comment.id}"><time datetime="{iso(comment.date)}">{nice_time(comment.date, article.language)}</time></a></div>
</footer>
<div class="comment-content"><p>{escape(comment.text)}</p></div>
<div class="reply">{reply_link(base, article, comment)}</div>
</article>{nested}
</li>"""


def block_comment(base: str, article: Article, comment: Comment, index: int = 0) -> str:
    """One comment with its replies, as the ``core/comment-template`` block prints it."""
    children = "".join(block_comment(base, article, r, i) for i, r in enumerate(comment.replies))
    nested = f'<ol class="children">{children}</ol>' if children else ""
    return f"""<li id="comment-{comment.id}" class="{comment_classes(comment, index)}">
<div class="wp-block-columns"><div class="wp-block-column" style="flex-basis:40px">
<div class="wp-block-avatar">{img(base, "/wp-content/uploads/avatar.png", escape(comment.author) + " Avatar", 40, 40, "avatar avatar-40 photo wp-block-avatar__image")}</div></div>
<div class="wp-block-column"><div class="wp-block-comment-author-name">{escape(comment.author)}</div>
<div class="wp-block-comment-date"><time datetime="{iso(comment.date)}"><a href="{base}{article.path}#comment-{comment.id}">{nice_time(comment.date, article.language)}</a></time></div>
<div class="wp-block-comment-content"><p>{escape(comment.text)}</p></div>
<div class="wp-block-comment-reply-link">{reply_link(base, article, comment)}</div></div></div>{nested}
</li>"""


def page_numbers(base: str, article: Article, page: int, count: int) -> str:
    return "".join(
        f'<span aria-current="page" class="page-numbers current">{n}</span>' if n == page else
        f'<a class="page-numbers" href="{base}{article.comment_page_path(n)}#comments">{n}</a>'
        for n in range(1, count + 1))


def classic_pagination(base: str, article: Article, page: int, count: int, words: dict[str, Any]) -> str:
    """``paginate_comments_links()`` inside a comment-navigation ``<nav>``."""
    if count < 2:
        return ""
    prev = (f'<a class="prev page-numbers" href="{base}{article.comment_page_path(page - 1)}#comments">&laquo; {words["older"]}</a>'
            if page > 1 else "")
    nxt = (f'<a class="next page-numbers" href="{base}{article.comment_page_path(page + 1)}#comments">{words["newer"]} &raquo;</a>'
           if page < count else "")
    return (f'<nav class="navigation comment-navigation" aria-label="Comments"><h2 class="screen-reader-text">'
            f'{words["comments_nav"]}</h2><div class="nav-links">{prev}{page_numbers(base, article, page, count)}{nxt}</div></nav>')


def block_pagination(base: str, article: Article, page: int, count: int) -> str:
    """The ``core/comments-pagination`` block."""
    if count < 2:
        return ""
    words = labels(article.language)
    prev = (f'<a href="{base}{article.comment_page_path(page - 1)}#comments" class="wp-block-comments-pagination-previous">'
            f'{words["older"]}</a>' if page > 1 else "")
    nxt = (f'<a href="{base}{article.comment_page_path(page + 1)}#comments" class="wp-block-comments-pagination-next">'
           f'{words["newer"]}</a>' if page < count else "")
    return (f'<nav class="wp-block-comments-pagination" aria-label="Comments pagination">{prev}'
            f'<div class="wp-block-comments-pagination-numbers">{page_numbers(base, article, page, count)}</div>{nxt}</nav>')


def comment_form(base: str, article: Article) -> str:
    """The "Leave a Reply" form."""
    words = labels(article.language)
    return f"""<div id="respond" class="comment-respond">
<h3 id="reply-title" class="comment-reply-title">{words['leave_reply']} <small><a rel="nofollow" id="cancel-comment-reply-link" href="{base}{article.path}#respond" style="display:none;">{words['cancel_reply']}</a></small></h3>
<form action="{base}/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate>
<p class="comment-notes"><span id="email-notes">{words['email_notes']}</span> <span class="required-field-message">{words['required']} <span class="required">*</span></span></p>
<p class="comment-form-comment"><label for="comment">{words['comment']} <span class="required">*</span></label> <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required></textarea></p>
<p class="comment-form-author"><label for="author">{words['name']} <span class="required">*</span></label> <input id="author" name="author" type="text" value="" size="30" maxlength="245" autocomplete="name" required></p>
<p class="comment-form-email"><label for="email">{words['email_field']} <span class="required">*</span></label> <input id="email" name="email" type="email" value="" size="30" maxlength="100" aria-describedby="email-notes" autocomplete="email" required></p>
<p class="comment-form-url"><label for="url">{words['website']}</label> <input id="url" name="url" type="url" value="" size="30" maxlength="200" autocomplete="url"></p>
<p class="comment-form-cookies-consent"><input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" type="checkbox" value="yes"> <label for="wp-comment-cookies-consent">{words['cookies']}</label></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="{words['post_comment']}"> <input type="hidden" name="comment_post_ID" value="{article.post_id}" id="comment_post_ID"> <input type="hidden" name="comment_parent" id="comment_parent" value="0"></p>
</form>
</div>"""


# ------------------------------------------------------------------------------------------ listings

def listing_page(site: Site, base: str, *, title: str, heading: str, intro: str, articles: list[Article],
                 page: int, path: str, query: str = "", robots: str = "index, follow") -> str | None:
    """An archive page (home, category, tag, author, search): page ``page`` of ``articles``; None when out of range."""
    per_page = site.posts_per_page
    count = max(1, -(-len(articles) // per_page))
    if page > count:
        return None
    shown = articles[(page - 1) * per_page:page * per_page]
    items = "".join(listing_item(base, a) for a in shown) or '<p class="no-results">Nothing Found. Sorry, but nothing matched your search terms.</p>'
    heading_html = f'<header class="page-header"><h1 class="page-title">{heading}</h1>{intro}</header>' if heading else ""
    head = "".join(
        f'<link rel="{rel}" href="{base}{page_path(path, n)}{query}">'
        for rel, n in (("prev", page - 1), ("next", page + 1)) if 1 <= n <= count)
    main = f'{heading_html}<div id="posts-container" class="posts-items">{items}</div>{pagination(base, path, page, count, query)}'
    canonical = base + page_path(path, page) + query if not query else None
    return layout(site, base, title=title, main=main, head=head, body_class="archive blog", canonical=canonical,
                  robots=robots)


def page_path(path: str, page: int) -> str:
    """``/category/x/`` → ``/category/x/page/2/``."""
    return path if page == 1 else f"{path}page/{page}/"


def listing_item(base: str, article: Article) -> str:
    """One teaser on an archive page."""
    authors = ", ".join(f'<a href="{base}{a.path}">{escape(a.name)}</a>' for a in article.authors)
    thumb = (f'<a aria-label="{escape(article.headline)}" href="{base}{article.path}" class="post-thumb">'
             f'{img(base, image_path(article), "", 390, 220, "attachment-jannah-image-large")}</a>' if article.image else "")
    excerpt = " ".join(" ".join(article.paragraphs).split()[:40])
    return f"""<article class="post-item post-{article.post_id} post type-post status-publish category-{article.section.slug}">
{thumb}<div class="post-details"><a class="post-cat" href="{base}{article.section.path}">{escape(article.section.name)}</a>
<h2 class="post-title entry-title"><a href="{base}{article.path}" rel="bookmark">{escape(article.headline)}</a></h2>
<div class="post-meta"><span class="author-meta">By {authors}</span> <span class="date meta-item">{nice_date(article.published)}</span>
<span class="meta-comment"><a href="{base}{article.path}#comments">{article.comment_count}</a></span></div>
<p class="post-excerpt">{escape(excerpt)} &hellip;</p><a class="more-link button" href="{base}{article.path}">Read More &raquo;</a></div>
</article>"""


def pagination(base: str, path: str, page: int, count: int, query: str = "") -> str:
    """``the_posts_pagination()``: previous, numbers, next."""
    if count < 2:
        return ""
    parts = []
    if page > 1:
        parts.append(f'<a class="prev page-numbers" href="{base}{page_path(path, page - 1)}{query}">&laquo; Previous</a>')
    for n in range(1, count + 1):
        parts.append(f'<span aria-current="page" class="page-numbers current">{n}</span>' if n == page else
                     f'<a class="page-numbers" href="{base}{page_path(path, n)}{query}">{n}</a>')
    if page < count:
        parts.append(f'<a class="next page-numbers" href="{base}{page_path(path, page + 1)}{query}">Next &raquo;</a>')
    return (f'<nav class="navigation pagination" aria-label="Posts"><h2 class="screen-reader-text">Posts navigation</h2>'
            f'<div class="nav-links">{"".join(parts)}</div></nav>')


def term_page(site: Site, base: str, term: Term, page: int) -> str | None:
    """A category or tag archive."""
    label = "Category" if term.kind == "category" else "Tag"
    return listing_page(site, base, title=f"{term.name} Archives - {site.name}", heading=f"{label}: {escape(term.name)}",
                        intro="", articles=site.in_term(term), page=page, path=term.path)


def author_page(site: Site, base: str, author: Author, page: int) -> str | None:
    """An author archive with the author's bio."""
    intro = f'<div class="author-bio"><p>{escape(author.bio)}</p></div>'
    return listing_page(site, base, title=f"{author.name}, Author at {site.name}", heading=f"Author: {escape(author.name)}",
                        intro=intro, articles=site.by_author(author), page=page, path=author.path)


def home_page(site: Site, base: str, page: int) -> str | None:
    """The front page: latest articles."""
    title = f"{site.name} - {site.tagline}" if page == 1 else f"{site.name} - Page {page}"
    return listing_page(site, base, title=title, heading="", intro="", articles=site.articles, page=page, path="/")


def search_page(site: Site, base: str, term: str, page: int = 1) -> str | None:
    """Search results for ``term`` (headline and body, case-insensitive)."""
    needle = term.casefold().strip()
    found = [a for a in site.articles
             if needle and needle in (a.headline + " " + " ".join(a.paragraphs)).casefold()]
    query = "?s=" + escape(term.replace(" ", "+"), quote=True)
    return listing_page(site, base, title=f"You searched for {term} - {site.name}",
                        heading=f"Search Results for: <span>{escape(term)}</span>", intro="", articles=found,
                        page=page, path="/", query=query, robots="noindex, follow")


def static_page(site: Site, base: str, slug: str) -> str:
    """A WordPress page (About, Contact, ...): no dates, no author."""
    page = site.pages[slug]
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in page["paragraphs"])
    main = (f'<article id="post-{page["id"]}" class="post-{page["id"]} page type-page status-publish">'
            f'<header class="entry-header"><h1 class="entry-title">{escape(page["title"])}</h1></header>'
            f'<div class="entry-content">{paragraphs}</div></article>')
    return layout(site, base, title=f"{page['title']} - {site.name}", main=main, body_class="page-template-default page",
                  canonical=f"{base}/{slug}/", head='<meta property="og:type" content="website">')


def not_found_page(site: Site, base: str) -> str:
    """The theme's 404 page."""
    main = ('<section class="error-404 not-found"><header class="page-header"><h1 class="page-title">'
            'Oops! That page can&rsquo;t be found.</h1></header><div class="page-content"><p>It looks like nothing was '
            'found at this location. Maybe try one of the links below or a search?</p></div></section>')
    return layout(site, base, title=f"Page not found - {site.name}", main=main, body_class="error404",
                  robots="noindex, follow")
