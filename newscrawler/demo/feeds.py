"""Machine-readable files of the demo site: robots.txt, Yoast-style sitemaps, RSS 2.0 and Atom feeds."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

from .content import Article, Site, image_path, iso
from .theme import inline

FEED_SIZE = 10  # WordPress' default "Syndication feeds show the most recent 10 items"
NEWS_SITEMAP_SIZE = 12  # a news sitemap lists recent articles only; the post sitemap lists them all
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def robots_txt(base: str) -> str:
    """robots.txt with the admin area disallowed and the sitemaps declared."""
    return (f"User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
            f"Sitemap: {base}/sitemap_index.xml\nSitemap: {base}/news-sitemap.xml\n")


def last_change(article: Article) -> datetime:
    return article.modified or article.published


def newest_change(site: Site) -> datetime:
    return max(last_change(a) for a in site.articles)


# ------------------------------------------------------------------------------------------------ sitemaps

def sitemap_index(site: Site, base: str) -> str:
    """``/sitemap_index.xml``: posts, pages, categories and the news sitemap."""
    names = ("post-sitemap.xml", "page-sitemap.xml", "category-sitemap.xml", "news-sitemap.xml")
    entries = "".join(f"""
  <sitemap>
    <loc>{base}/{name}</loc>
    <lastmod>{iso(newest_change(site))}</lastmod>
  </sitemap>""" for name in names)
    return (f'{XML_DECLARATION}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f'{entries}\n</sitemapindex>\n')


def urlset(entries: list[str], extra_ns: str = "") -> str:
    """A sitemap ``<urlset>`` around ready-made ``<url>`` entries."""
    return (f'{XML_DECLARATION}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{extra_ns}>'
            f'{"".join(entries)}\n</urlset>\n')


def url_entry(loc: str, inner: str = "") -> str:
    return f"\n  <url>\n    <loc>{escape(loc)}</loc>{inner}\n  </url>"


def post_sitemap(site: Site, base: str) -> str:
    """Every article with its last modification time and lead image."""
    entries = []
    for article in sorted(site.articles, key=lambda a: a.post_id):
        inner = f"\n    <lastmod>{iso(last_change(article))}</lastmod>"
        if article.image:
            inner += f"\n    <image:image><image:loc>{base}{image_path(article)}</image:loc></image:image>"
        entries.append(url_entry(base + article.path, inner))
    return urlset(entries, ' xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"')


def page_sitemap(site: Site, base: str) -> str:
    """The front page and the static pages."""
    return urlset([url_entry(f"{base}/")] + [url_entry(f"{base}/{slug}/") for slug in site.pages])


def category_sitemap(site: Site, base: str) -> str:
    """Every section page."""
    return urlset([url_entry(base + s.path) for s in site.sections.values()])


def news_sitemap(site: Site, base: str) -> str:
    """Google News sitemap of the most recent articles."""
    entries = []
    for article in site.articles[:NEWS_SITEMAP_SIZE]:
        keywords = ", ".join(t.name for t in article.tags)
        entries.append(url_entry(base + article.path, f"""
    <news:news>
      <news:publication>
        <news:name>{escape(site.name)}</news:name>
        <news:language>{article.language.split('-')[0]}</news:language>
      </news:publication>
      <news:publication_date>{iso(article.published)}</news:publication_date>
      <news:title>{escape(article.headline)}</news:title>
      <news:keywords>{escape(keywords)}</news:keywords>
    </news:news>"""))
    return urlset(entries, ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"')


# --------------------------------------------------------------------------------------------------- feeds

def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def content_html(site: Site, base: str, article: Article) -> str:
    """The article body as the feeds' HTML content."""
    tags = {"p": "p", "h2": "h2", "quote": "blockquote"}
    return "\n".join(f"<{tags[b.kind]}>{inline(b.text, base, site)}</{tags[b.kind]}>"
                     for b in article.body if b.kind in tags)


def term_names(article: Article) -> list[str]:
    return [article.section.name, *(t.name for t in article.tags)]


def rss_item(site: Site, base: str, article: Article) -> str:
    """One ``<item>`` of the RSS feed, as WordPress writes it."""
    creators = "".join(f"\n    <dc:creator>{cdata(a.name)}</dc:creator>" for a in article.authors)
    categories = "".join(f"\n    <category>{cdata(name)}</category>" for name in term_names(article))
    published = format_datetime(article.published.astimezone(UTC))
    return f"""
  <item>
    <title>{escape(article.headline)}</title>
    <link>{base}{article.path}</link>
    <comments>{base}{article.path}#respond</comments>{creators}
    <pubDate>{published}</pubDate>{categories}
    <guid isPermaLink="false">{base}/?p={article.post_id}</guid>
    <description>{cdata(article.description + " [&#8230;]")}</description>
    <content:encoded>{cdata(content_html(site, base, article))}</content:encoded>
    <slash:comments>{article.comment_count}</slash:comments>
  </item>"""


def rss_feed(site: Site, base: str) -> str:
    """RSS 2.0 feed of the latest articles."""
    items = "".join(rss_item(site, base, a) for a in site.articles[:FEED_SIZE])
    return f"""{XML_DECLARATION}<rss version="2.0"
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
  <lastBuildDate>{format_datetime(newest_change(site).astimezone(UTC))}</lastBuildDate>
  <language>{site.language}</language>
  <sy:updatePeriod>hourly</sy:updatePeriod>
  <sy:updateFrequency>1</sy:updateFrequency>
  <generator>https://wordpress.org/?v=6.4.2</generator>{items}
</channel>
</rss>
"""


def atom_entry(site: Site, base: str, article: Article) -> str:
    """One ``<entry>`` of the Atom feed."""
    url = base + article.path
    authors = "".join(f"\n    <author><name>{escape(a.name)}</name><uri>{base}{a.path}</uri></author>"
                      for a in article.authors)
    categories = "".join(f'\n    <category scheme="{base}/" term={quoteattr(name)} />' for name in term_names(article))
    return f"""
  <entry>{authors}
    <title type="html">{cdata(article.headline)}</title>
    <link rel="alternate" type="text/html" href="{url}" />
    <id>{base}/?p={article.post_id}</id>
    <updated>{iso(last_change(article))}</updated>
    <published>{iso(article.published)}</published>{categories}
    <summary type="html">{cdata(article.description)}</summary>
    <content type="html" xml:base="{url}">{cdata(content_html(site, base, article))}</content>
  </entry>"""


def atom_feed(site: Site, base: str) -> str:
    """Atom 1.0 feed of the latest articles."""
    entries = "".join(atom_entry(site, base, a) for a in site.articles[:FEED_SIZE])
    return f"""{XML_DECLARATION}<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{site.language}">
  <title type="text">{escape(site.name)}</title>
  <subtitle type="text">{escape(site.tagline)}</subtitle>
  <updated>{iso(newest_change(site))}</updated>
  <link rel="alternate" type="text/html" href="{base}/" />
  <id>{base}/feed/atom/</id>
  <link rel="self" type="application/atom+xml" href="{base}/feed/atom/" />
  <generator uri="https://wordpress.org/" version="6.4.2">WordPress</generator>{entries}
</feed>
"""
