"""The demo site's article page: metadata in <head>, the article itself and the boilerplate around it.

How much metadata a page carries depends on the article's ``markup`` variant (see ``content``):
a standalone JSON-LD ``NewsArticle``, a Yoast ``@graph``, OpenGraph only, microdata, or nothing
but the visible byline and ``<time>``.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from .comments import comments_section
from .content import Article, Author, Block, Site, image_path, iso
from .theme import ad_slot, img, inline, labels, layout, newsletter_box, nice_date

SHARE_NETWORKS = (("twitter", "Twitter"), ("facebook", "Facebook"), ("linkedin", "LinkedIn"), ("whatsapp", "WhatsApp"))
LIKES = ('<div id="likes-other-gravatars" role="dialog" aria-hidden="true" tabindex="-1"><div class="likes-text">'
         '<span>%d</span> bloggers like this:</div><ul class="wpl-avatars sd-like-gravatars"></ul></div>')


def article_page(site: Site, base: str, article: Article, comment_page: int = 1, noindex: bool = False) -> str:
    """An article (its comment page ``comment_page``) with all the usual boilerplate around it."""
    main = "\n".join([
        breadcrumbs(base, article),
        article_element(site, base, article),
        newsletter_box(article.language, base),
        post_navigation(site, base, article),
        "" if article.related_style == "jetpack" else related_block(base, article),
        comments_section(site, base, article, comment_page),
    ])
    head = article_head(site, base, article) + f'\n<link rel="shortlink" href="{base}/?p={article.post_id}">'
    classes = f"post-template-default single single-post postid-{article.post_id} single-format-standard"
    return layout(site, base, title=f"{article.headline} - {site.name}", main=main, lang=article.language,
                  head=head, body_class=classes, canonical=base + article.path, after=LIKES,
                  robots="noindex, follow" if noindex else "index, follow")


def breadcrumbs(base: str, article: Article) -> str:
    """Home / Section / Headline."""
    return (f'<nav id="breadcrumb" aria-label="Breadcrumbs"><a href="{base}/"><span class="tie-icon-home"></span>'
            f'Home</a><em class="delimiter">/</em><a href="{base}{article.section.path}">'
            f'{escape(article.section.name)}</a><em class="delimiter">/</em>'
            f'<span class="current">{escape(article.headline)}</span></nav>')


def article_element(site: Site, base: str, article: Article) -> str:
    """The ``<article>`` element: header (section, headline, byline, dates), image, content, tags."""
    micro = article.markup == "microdata"
    section = article.section
    classes = " ".join([f"post-{article.post_id} post type-post status-publish format-standard has-post-thumbnail",
                        f"category-{section.slug}", *(f"tag-{t.slug}" for t in article.tags),
                        "container-wrapper post-content"])
    scope = ' itemscope itemtype="https://schema.org/NewsArticle"' if micro else ""
    title_class = "wp-block-post-title" if article.theme == "block" else "post-title entry-title"
    content_class = "entry-content entry clearfix" + (" wp-block-post-content" if article.theme == "block" else "")
    tag_links = " ".join(f'<a href="{base}{t.path}" rel="tag">{escape(t.name)}</a>' for t in article.tags)
    return f"""<article id="post-{article.post_id}" class="{classes}"{scope}>
<header class="entry-header-outer"><div class="entry-header">
<span class="post-cat-wrap"><a class="post-cat tie-cat-{section.slug}" href="{base}{section.path}"
 rel="category tag">{escape(section.name)}</a></span>
<h1 class="{title_class}"{' itemprop="headline"' if micro else ''}>{escape(article.headline)}</h1>
{entry_meta(base, article)}
</div></header>
{featured_image(base, article)}
<div class="{content_class}"{' itemprop="articleBody"' if micro else ''}>
{body_html(site, base, article)}
{share_buttons(base, article)}
{jetpack_related(base, article) if article.related_style == "jetpack" else ""}
</div>
{microdata_extras(base, article) if micro else ""}
<footer class="entry-footer"><div class="post-bottom-meta post-bottom-tags"><span class="tagcloud">
<span class="post-bottom-meta-title">{labels(article.language)['tags']}</span> {tag_links}
</span></div></footer>
</article>"""


def entry_meta(base: str, article: Article) -> str:
    """Byline, dates, comment count and reading time under the headline."""
    words, language = labels(article.language), article.language
    prop = ' itemprop="datePublished"' if article.markup == "microdata" else ""
    published = (f'<time class="entry-date published" datetime="{iso(article.published)}"{prop}>'
                 f'{nice_date(article.published, language)}</time>')
    updated = (f' <span class="updated-on">{words["updated"]} <time class="updated" datetime="{iso(article.modified)}">'
               f'{nice_date(article.modified, language)}</time></span>') if article.modified else ""
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
    """"By Jane Doe and John Roe", in the article's language."""
    words = labels(article.language)
    names = [author_name(base, a, article.markup) for a in article.authors]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {words['and']} {names[-1]}"
    return f"{words['by']} {joined}"


def author_name(base: str, author: Author, markup: str) -> str:
    """One author in the byline: a plain name, a microdata ``Person`` or a link to the author page."""
    if markup == "plain":
        return escape(author.name)
    if markup == "microdata":
        return (f'<span itemprop="author" itemscope itemtype="https://schema.org/Person"><a itemprop="url" '
                f'href="{base}{author.path}"><span itemprop="name">{escape(author.name)}</span></a></span>')
    return (f'<span class="author vcard"><a class="url fn n" href="{base}{author.path}">'
            f'{escape(author.name)}</a></span>')


def featured_image(base: str, article: Article) -> str:
    """The lead image with its caption, if the article has one."""
    if not article.image:
        return ""
    image = img(base, image_path(article), article.headline, 1200, 675, "attachment-full size-full wp-post-image")
    caption = (f'<figcaption class="single-caption-text"><span class="tie-icon-camera"></span> '
               f'{escape(article.image_caption)}</figcaption>') if article.image_caption else ""
    return f'<div class="featured-area"><figure class="single-featured-image">{image}{caption}</figure></div>'


def body_html(site: Site, base: str, article: Article) -> str:
    """The article's blocks, with an advertisement slot after the second block of long articles."""
    out = []
    for number, block in enumerate(article.body, 1):
        out.append(block_html(site, base, article, block))
        if number == 2 and len(article.body) >= 5:
            out.append(ad_slot(base, article.language, "300x250",
                               "stream-item-in-post stream-item-inline-post aligncenter"))
    return "\n".join(out)


def block_html(site: Site, base: str, article: Article, block: Block) -> str:
    """One body block as Gutenberg markup."""
    if block.kind == "h2":
        return f'<h2 class="wp-block-heading">{inline(block.text, base, site)}</h2>'
    if block.kind == "quote":
        return f'<blockquote class="wp-block-quote"><p>{inline(block.text, base, site)}</p></blockquote>'
    if block.kind == "figure":
        image = img(base, image_path(article, block.image), block.text, 800, 450)
        return (f'<figure class="wp-block-image size-large">{image}'
                f'<figcaption class="wp-element-caption">{escape(block.text)}</figcaption></figure>')
    return f"<p>{inline(block.text, base, site)}</p>"


def share_buttons(base: str, article: Article) -> str:
    """Jetpack's sharing and likes blocks (appended inside the content, as Jetpack does)."""
    words = labels(article.language)
    url = base + article.path
    items = []
    for key, name in SHARE_NETWORKS:
        title = words["share_on"].format(network=name)
        items.append(
            f'<li class="share-{key}"><a rel="nofollow noopener noreferrer"'
            f' data-shared="sharing-{key}-{article.post_id}" class="share-{key} sd-button share-icon"'
            f' href="{url}?share={key}&amp;nb=1" target="_blank"'
            f' title="{title}"><span>{name}</span>'
            f'<span class="sharing-screen-reader-text">{title} {words["new_window"]}</span></a></li>')
    return f"""<div class="sharedaddy sd-sharing-enabled">
<div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing">
<h3 class="sd-title">{words['share']}</h3><div class="sd-content"><ul>{"".join(items)}<li class="share-end"></li></ul>
</div></div></div>
<div class="sharedaddy sd-block sd-like jetpack-likes-widget-wrapper jetpack-likes-widget-unloaded"
 id="like-post-wrapper-{article.post_id}"><h3 class="sd-title">{words['like']}</h3>
<div class="likes-widget-placeholder post-likes-widget-placeholder" style="height: 55px;">
<span class="button"><span>{words['like_button']}</span></span> <span class="loading">{words['loading']}</span></div>
<span class="sd-text-color"></span><a class="sd-link-color"></a></div>"""


def jetpack_related(base: str, article: Article) -> str:
    """Jetpack's related posts, inside the content area."""
    posts = "".join(
        f'<div class="jp-relatedposts-post jp-relatedposts-post{n}" data-post-id="{r.post_id}"'
        f' data-post-format="false">'
        f'<h4 class="jp-relatedposts-post-title"><a class="jp-relatedposts-post-a" href="{base}{r.path}"'
        f' title="{escape(r.headline)}" rel="nofollow" data-origin="{article.post_id}" data-position="{n}">'
        f'{escape(r.headline)}</a></h4><p class="jp-relatedposts-post-date">{nice_date(r.published)}</p>'
        f'<p class="jp-relatedposts-post-context">In &quot;{escape(r.section.name)}&quot;</p></div>'
        for n, r in enumerate(article.related))
    return (f'<div id="jp-relatedposts" class="jp-relatedposts" style="display: block;">'
            f'<h3 class="jp-relatedposts-headline"><em>{article.related_title}</em></h3>'
            f'<div class="jp-relatedposts-items jp-relatedposts-items-minimal">{posts}</div></div>')


def related_block(base: str, article: Article) -> str:
    """The theme's related block: "Related Articles" cards, or a YARPP "Related Posts" list."""
    if article.related_style == "yarpp":
        items = "".join(f'<li><a href="{base}{r.path}" rel="bookmark" title="{escape(r.headline)}">'
                        f'{escape(r.headline)}</a></li>' for r in article.related)
        return (f"<div class='yarpp yarpp-related yarpp-template-list'><h3>{article.related_title}:</h3>"
                f"<ol>{items}</ol></div>")
    cards = "".join(
        f'<div class="related-item"><a aria-label="{escape(r.headline)}" href="{base}{r.path}" class="post-thumb">'
        f'{img(base, image_path(r), "", 390, 220) if r.image else ""}</a>'
        f'<h3 class="post-title"><a href="{base}{r.path}">{escape(r.headline)}</a></h3>'
        f'<div class="post-meta"><span class="date meta-item"><span class="tie-icon-fa-clock-o"></span> '
        f'<span>{nice_date(r.published)}</span></span></div></div>'
        for r in article.related)
    title = article.related_title if article.language.startswith("en") else labels(article.language)["related"]
    return (f'<div id="related-posts" class="container-wrapper has-extra-post"><div class="mag-box-title '
            f'the-global-title"><h3>{title}</h3></div><div class="related-posts-list">{cards}</div></div>')


def post_navigation(site: Site, base: str, article: Article) -> str:
    """Previous / next article links."""
    words = labels(article.language)
    index = site.articles.index(article)
    older = site.articles[index + 1] if index + 1 < len(site.articles) else None
    newer = site.articles[index - 1] if index > 0 else None
    links = [f'<div class="nav-{css}"><a href="{base}{other.path}" rel="{rel}"><span class="meta-nav">{words[label]}'
             f'</span> <span class="post-title">{escape(other.headline)}</span></a></div>'
             for css, rel, label, other in (("previous", "prev", "previous", older), ("next", "next", "next", newer))
             if other]
    return (f'<nav class="navigation post-navigation" aria-label="Posts"><h2 class="screen-reader-text">'
            f'{words["post_nav"]}</h2><div class="nav-links">{"".join(links)}</div></nav>')


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


# ------------------------------------------------------------------------------------------------- <head>

def article_head(site: Site, base: str, article: Article) -> str:
    """Metadata of an article page; how much depends on the article's markup variant."""
    if article.markup == "plain":
        return ""
    head = [f'<meta name="description" content="{escape(article.description)}">']
    if article.markup != "microdata":
        head.append(opengraph(site, base, article))
    if article.markup == "jsonld":
        head.append(json_ld(news_article(site, base, article)))
    elif article.markup == "graph":
        head.append(json_ld(yoast_graph(site, base, article)))
    return "\n".join(head)


def json_ld(data: dict[str, Any]) -> str:
    """A JSON-LD script element."""
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/ld+json" class="yoast-schema-graph">{text}</script>'


def opengraph(site: Site, base: str, article: Article) -> str:
    """OpenGraph, ``article:*`` and Twitter card meta tags (as Yoast writes them)."""
    names = ", ".join(a.name for a in article.authors)
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
    out += [f'<meta name="author" content="{escape(names)}">',
            '<meta name="twitter:card" content="summary_large_image">',
            '<meta name="twitter:label1" content="Written by">',
            f'<meta name="twitter:data1" content="{escape(names)}">']
    return "\n".join(out)


def person(base: str, author: Author) -> dict[str, Any]:
    """A schema.org ``Person``."""
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
    """A Yoast-style ``@graph``: the article refers to its authors, image and publisher by ``@id``."""
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
