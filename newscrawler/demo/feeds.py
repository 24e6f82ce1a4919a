"""Machine-readable files of the demo site: robots.txt, Yoast-style sitemaps, RSS 2.0 and Atom feeds."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

from .content import Article, Site, image_path, iso
from .theme import inline

FEED_SIZE = 10  # WordPress' default "Syndication feeds show the most recent 10 items"
NEWS_SITEMAP_SIZE = 12


def robots_txt(base: str) -> str:
    """robots.txt with the admin area disallowed and the sitemaps declared."""
    return (f"User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
            f"Sitemap: {base}/sitemap_index.xml\nSitemap: {base}/news-sitemap.xml\n")


def last_change(article: Article) -> datetime:
    return article.modified or article.published


def sitemap_index(site: Site, base: str) -> str:
    """``/sitemap_index.xml``: posts, pages, categories and the news sitemap."""
    newest = iso(max(last_change(a) for a in site.articles))
    names = ("post-sitemap.xml", "page-sitemap.xml", "category-sitemap.xml", "news-sitemap.xml")
    entries = "".join(f"\n\t<sitemap>\n\t\t<loc>{base}/{name}</loc>\n\t\t<lastmod>{newest}</lastmod>\n\t</sitemap>"
                      for name in names)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}\n</sitemapindex>\n')


def urlset(entries: list[str], extra_ns: str = "") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{extra_ns}>{"".join(entries)}\n</urlset>\n')


def post_sitemap(site: Site, base: str) -> str:
    """Every article with its last modification time and lead image."""
    entries = []
    for article in sorted(site.articles, key=lambda a: a.post_id):
        image = (f"\n\t\t<image:image>\n\t\t\t<image:loc>{base}{image_path(article)}</image:loc>\n\t\t</image:image>"
                 if article.image else "")
        entries.append(f"\n\t<url>\n\t\t<loc>{base}{article.path}</loc>\n\t\t<lastmod>{iso(last_change(article))}</lastmod>"
                       f"{image}\n\t</url>")
    return urlset(entries, ' xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"')


def page_sitemap(site: Site, base: str) -> str:
    """The front page and the static pages."""
    paths = ["/", *(f"/{slug}/" for slug in site.pages)]
    return urlset([f"\n\t<url>\n\t\t<loc>{base}{p}</loc>\n\t</url>" for p in paths])


def category_sitemap(site: Site, base: str) -> str:
    """Every section page."""
    return urlset([f"\n\t<url>\n\t\t<loc>{base}{s.path}</loc>\n\t</url>" for s in site.sections.values()])


def news_sitemap(site: Site, base: str) -> str:
    """Google News sitemap of the most recent articles."""
    entries = []
    for article in site.articles[:NEWS_SITEMAP_SIZE]:
        entries.append(
            f"\n\t<url>\n\t\t<loc>{base}{article.path}</loc>\n\t\t<news:news>\n\t\t\t<news:publication>"
            f"\n\t\t\t\t<news:name>{escape(site.name)}</news:name>\n\t\t\t\t<news:language>{article.language.split('-')[0]}</news:language>"
            f"\n\t\t\t</news:publication>\n\t\t\t<news:publication_date>{iso(article.published)}</news:publication_date>"
            f"\n\t\t\t<news:title>{escape(article.headline)}</news:title>"
            f"\n\t\t\t<news:keywords>{escape(', '.join(t.name for t in article.tags))}</news:keywords>\n\t\t</news:news>\n\t</url>")
    return urlset(entries, ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"')


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def content_html(site: Site, base: str, article: Article) -> str:
    """The article body as the feed's ``content:encoded`` HTML."""
    tags = {"p": "p", "h2": "h2", "quote": "blockquote"}
    return "\n".join(f"<{tags[b.kind]}>{inline(b.text, base, site)}</{tags[b.kind]}>"
                     for b in article.body if b.kind in tags)


def rss_feed(site: Site, base: str) -> str:
    """RSS 2.0 feed of the latest articles, as WordPress writes it."""
    items = []
    for article in site.articles[:FEED_SIZE]:
        categories = "".join(f"\n\t\t<category>{cdata(name)}</category>"
                             for name in [article.section.name, *(t.name for t in article.tags)])
        creators = "".join(f"\n\t\t<dc:creator>{cdata(a.name)}</dc:creator>" for a in article.authors)
        items.append(
            f"\n\t<item>\n\t\t<title>{escape(article.headline)}</title>\n\t\t<link>{base}{article.path}</link>"
            f"\n\t\t<comments>{base}{article.path}#respond</comments>{creators}"
            f"\n\t\t<pubDate>{format_datetime(article.published.astimezone(UTC))}</pubDate>{categories}"
            f'\n\t\t<guid isPermaLink="false">{base}/?p={article.post_id}</guid>'
            f"\n\t\t<description>{cdata(article.description + ' [&#8230;]')}</description>"
            f"\n\t\t<content:encoded>{cdata(content_html(site, base, article))}</content:encoded>"
            f"\n\t\t<slash:comments>{article.comment_count}</slash:comments>\n\t</item>")
    newest = format_datetime(max(last_change(a) for a in site.articles).astimezone(UTC))
    return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
<channel>
	<title>{escape(site.name)}</title>
	<atom:link href="{base}/feed/" rel="self" type="application/rss+xml" />
	<link>{base}/</link>
	<description>{escape(site.tagline)}</description>
	<lastBuildDate>{newest}</lastBuildDate>
	<language>{site.language}</language>
	<sy:updatePeriod>hourly</sy:updatePeriod>
	<sy:updateFrequency>1</sy:updateFrequency>
	<generator>https://wordpress.org/?v=6.4.2</generator>{"".join(items)}
</channel>
</rss>
"""


def atom_feed(site: Site, base: str) -> str:
    """Atom 1.0 feed of the latest articles."""
    entries = []
    for article in site.articles[:FEED_SIZE]:
        authors = "".join(f"\n\t\t<author>\n\t\t\t<name>{escape(a.name)}</name>\n\t\t\t<uri>{base}{a.path}</uri>\n\t\t</author>"
                          for a in article.authors)
        categories = "".join(f'\n\t\t<category scheme="{base}/" term="{escape(name, {chr(34): "&quot;"})}" />'
                             for name in [article.section.name, *(t.name for t in article.tags)])
        entries.append(
            f"\n\t<entry>{authors}\n\t\t<title type=\"html\">{cdata(article.headline)}</title>"
            f'\n\t\t<link rel="alternate" type="text/html" href="{base}{article.path}" />'
            f"\n\t\t<id>{base}/?p={article.post_id}</id>\n\t\t<updated>{iso(last_change(article))}</updated>"
            f"\n\t\t<published>{iso(article.published)}</published>{categories}"
            f'\n\t\t<summary type="html">{cdata(article.description)}</summary>'
            f'\n\t\t<content type="html" xml:base="{base}{article.path}">{cdata(content_html(site, base, article))}</content>'
            f"\n\t</entry>")
    newest = iso(max(last_change(a) for a in site.articles))
    return f"""<?xml version="1.0" encoding="UTF-8"?><feed
	xmlns="http://www.w3.org/2005/Atom"
	xmlns:thr="http://purl.org/syndication/thread/1.0"
	xml:lang="{site.language}">
	<title type="text">{escape(site.name)}</title>
	<subtitle type="text">{escape(site.tagline)}</subtitle>
	<updated>{newest}</updated>
	<link rel="alternate" type="text/html" href="{base}/" />
	<id>{base}/feed/atom/</id>
	<link rel="self" type="application/atom+xml" href="{base}/feed/atom/" />
	<generator uri="https://wordpress.org/" version="6.4.2">WordPress</generator>{"".join(entries)}
</feed>
"""
