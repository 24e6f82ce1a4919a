"""Article extraction: pure functions of (HTML, URL) → record fields.

Nothing here knows about Scrapy, files or the network, so the same code serves a live
response, a WARC record and a test fixture. The steps, each in its own module:

    document    decode + parse once
    metadata    JSON-LD, OpenGraph, meta tags, microdata → headline, authors, dates, ...
    breadcrumbs the breadcrumb trail → the section, when none is declared
    body        main-content detection → articleBody (paragraphs kept, boilerplate removed)
    images      the text's first picture → mainImage, when the page declares none
    language    the body text's language, when none is declared or the text is clearly in another
    comments    comment sections → comments (threaded)
    related     "Related articles" blocks → relatedLinks
    links       outlinks, feeds, comment-page links (for the spider's crawl policy)
    pagetype    article or not (hub, listing, tag, author, search page)
"""

from __future__ import annotations

from typing import Any

from newscrawler.items import empty_extraction

from .authors import signature_names
from .body import read_body
from .comments import extract_comments
from .document import Document, decode_html
from .images import lead_picture
from .language import article_language
from .links import PageLinks, discover_links
from .metadata import extract_metadata, names_no_person
from .pagetype import is_article_page
from .related import extract_related_links

__all__ = [
    "Document",
    "PageLinks",
    "decode_html",
    "discover_links",
    "extract_article",
    "extract_comments",
    "is_article_page",
]


def extract_article(html: Document | str | bytes, url: str) -> dict[str, Any]:
    """Extract one article record (the fields of ``EXTRACTED_FIELDS``) from a page."""
    doc = Document.of(html, url)
    record = empty_extraction()
    record.update({k: v for k, v in extract_metadata(doc).items() if k in record and v not in (None, [], "")})
    body = read_body(doc, record["headline"])
    record["articleBody"] = body.text or None
    record["mainImage"] = record["mainImage"] or lead_picture(body.pictures, doc.base_url, doc.url)
    if body.text and names_no_person(doc, [author["name"] for author in record["authors"]]):
        signed = signature_names(body.last_block, body.text.rsplit("\n\n", 1)[-1])
        record["authors"] = [{"name": name} for name in signed] or record["authors"]
    record["comments"] = extract_comments(doc)
    record["commentCount"] = len(record["comments"])
    record["relatedLinks"] = extract_related_links(doc)
    record["inLanguage"] = article_language(record["inLanguage"], record["articleBody"])
    return record
