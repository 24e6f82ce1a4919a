"""The demo site's content: ``articles.json`` loaded into small immutable objects, plus ground truth.

The data file holds the site settings, sections, authors, static pages and articles. An article body
is a list of blocks: a plain string is a paragraph, ``"## ..."`` a sub-heading, ``"> ..."`` a
blockquote and ``{"figure": name, "caption": ...}`` an image with a caption. Inside text,
``[words](@slug)`` links to another demo article and ``[words](/path/)`` to a site path.

Everything derived here (post ids, comment ids, comment pages, related articles) is deterministic:
post and comment ids follow publication order, like WordPress' auto-increment ids.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
#: How an article's related block looks, in turn: the theme's cards, Jetpack's list inside the content, YARPP.
RELATED_STYLES = (("cards", "Related Articles"), ("cards", "Related Articles"), ("jetpack", "You may also like"),
                  ("cards", "Related Articles"), ("yarpp", "Related Posts"))


@dataclass(frozen=True)
class Author:
    slug: str
    name: str
    bio: str

    @property
    def path(self) -> str:
        return f"/author/{self.slug}/"


@dataclass(frozen=True)
class Term:
    """A category (section) or a tag."""

    kind: str  # "category" or "tag"
    slug: str
    name: str

    @property
    def path(self) -> str:
        return f"/{self.kind}/{self.slug}/"


@dataclass(frozen=True)
class Block:
    """One block of an article body: ``p``, ``h2``, ``quote`` or ``figure``."""

    kind: str
    text: str = ""
    image: str = ""


@dataclass
class Comment:
    """A comment; ``id`` is WordPress' comment number (the page shows it as ``comment-<id>``)."""

    id: int
    author: str
    date: datetime
    text: str
    parent: Comment | None = None
    replies: list[Comment] = field(default_factory=list)

    @property
    def html_id(self) -> str:
        return f"comment-{self.id}"

    @property
    def depth(self) -> int:
        return 1 if self.parent is None else self.parent.depth + 1


@dataclass
class Article:
    """An article as the site renders it; ``threads`` are its top-level comments, oldest first."""

    post_id: int
    slug: str
    headline: str
    description: str
    section: Term
    tags: tuple[Term, ...]
    authors: tuple[Author, ...]
    published: datetime
    modified: datetime | None
    language: str
    markup: str  # "jsonld", "graph", "meta", "microdata" or "plain"
    theme: str  # "classic" or "block"
    body: tuple[Block, ...]
    image: str | None
    image_caption: str | None
    comment_paging: str  # "path" (comment-page-2/) or "query" (?cpage=2)
    threads: list[Comment] = field(default_factory=list)
    related: list[Article] = field(default_factory=list)
    related_style: str = "cards"  # "cards", "jetpack" or "yarpp"
    related_title: str = "Related Articles"

    @property
    def path(self) -> str:
        return f"/{self.published:%Y/%m/%d}/{self.slug}/"

    @property
    def paragraphs(self) -> list[str]:
        """The body as plain text paragraphs (sub-headings and quotes included, figures not)."""
        return [plain_text(b.text) for b in self.body if b.kind != "figure"]

    @property
    def comments(self) -> list[Comment]:
        """Every comment, thread by thread, each followed by its replies (page order)."""
        return [c for top in self.threads for c in walk(top)]

    @property
    def comment_count(self) -> int:
        return len(self.comments)

    def comment_pages(self, per_page: int) -> list[list[Comment]]:
        """Top-level comment threads split into pages, oldest first (WordPress paging)."""
        return [self.threads[i:i + per_page] for i in range(0, len(self.threads), per_page)]

    def comment_page_path(self, number: int) -> str:
        """Path of comment page ``number`` (1 is the article itself)."""
        if number <= 1:
            return self.path
        if self.comment_paging == "query":
            return f"{self.path}?cpage={number}"
        return f"{self.path}comment-page-{number}/"


@dataclass
class Site:
    name: str
    tagline: str
    language: str
    posts_per_page: int
    comments_per_page: int
    sections: dict[str, Term]
    tags: dict[str, Term]
    authors: dict[str, Author]
    pages: dict[str, dict[str, Any]]
    articles: list[Article]  # newest first

    def by_path(self) -> dict[str, Article]:
        return {a.path: a for a in self.articles}

    def in_term(self, term: Term) -> list[Article]:
        if term.kind == "category":
            return [a for a in self.articles if a.section == term]
        return [a for a in self.articles if term in a.tags]

    def by_author(self, author: Author) -> list[Article]:
        return [a for a in self.articles if author in a.authors]


def walk(comment: Comment) -> list[Comment]:
    """A comment followed by its replies, depth first, replies oldest first."""
    out = [comment]
    for reply in comment.replies:
        out.extend(walk(reply))
    return out


def plain_text(text: str) -> str:
    """Inline link markup replaced by the link words."""
    return LINK.sub(r"\1", text)


def slugify(name: str) -> str:
    """A WordPress-like slug: ASCII, lower case, words joined by hyphens."""
    name = name.replace("ß", "ss").replace("&", " ")
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def parse_block(raw: str | dict[str, str]) -> Block:
    """One body block from its data form."""
    if isinstance(raw, dict):
        return Block("figure", raw["caption"], raw["figure"])
    if raw.startswith("## "):
        return Block("h2", raw[3:])
    if raw.startswith("> "):
        return Block("quote", raw[2:])
    return Block("p", raw)


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph (the fallback description)."""
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


def load_data() -> dict[str, Any]:
    """The raw data file."""
    text = resources.files("newscrawler.demo").joinpath("articles.json").read_text("utf-8")
    return json.loads(text)


@cache
def load_site() -> Site:
    """The whole demo site, built once."""
    data = load_data()
    settings = data["site"]
    sections = {slug: Term("category", slug, name) for slug, name in data["sections"].items()}
    authors = {slug: Author(slug, a["name"], a["bio"]) for slug, a in data["authors"].items()}
    tags: dict[str, Term] = {}
    raw_articles = sorted(data["articles"], key=lambda a: datetime.fromisoformat(a["published"]))
    articles = []
    for rank, raw in enumerate(raw_articles):
        for name in raw["tags"]:
            tags.setdefault(slugify(name), Term("tag", slugify(name), name))
        articles.append(build_article(raw, settings, sections, authors, tags, settings["first_post_id"] + 7 * rank))
    number_comments(articles, raw_articles, settings["first_comment_id"])
    articles.reverse()
    link_related(articles)
    pages = {p["slug"]: p for p in data["pages"]}
    return Site(settings["name"], settings["tagline"], settings["language"], settings["posts_per_page"],
                settings["comments_per_page"], sections, tags, authors, pages, articles)


def build_article(raw: dict[str, Any], settings: dict[str, Any], sections: dict[str, Term],
                  authors: dict[str, Author], tags: dict[str, Term], post_id: int) -> Article:
    """One article from its data (comments are added by ``number_comments``)."""
    body = tuple(parse_block(b) for b in raw["body"])
    image = raw.get("image", raw["slug"])
    return Article(
        post_id=post_id, slug=raw["slug"], headline=raw["headline"],
        description=raw.get("description") or first_sentence(plain_text(body[0].text)),
        section=sections[raw["section"]], tags=tuple(tags[slugify(t)] for t in raw["tags"]),
        authors=tuple(authors[a] for a in raw["authors"]),
        published=datetime.fromisoformat(raw["published"]),
        modified=datetime.fromisoformat(raw["modified"]) if raw.get("modified") else None,
        language=raw.get("language", settings["language"]), markup=raw.get("markup", "jsonld"),
        theme=raw.get("theme", "classic"), body=body, image=image or None,
        image_caption=raw.get("image_caption"), comment_paging=raw.get("comment_paging", "path"))


def number_comments(articles: list[Article], raw_articles: list[dict[str, Any]], first_id: int) -> None:
    """Attach comments to articles, numbering all of the site's comments in date order."""
    pending: list[tuple[datetime, int, dict[str, Any], Article, Comment | None]] = []
    for order, (article, raw) in enumerate(zip(articles, raw_articles)):
        for item in raw.get("comments", []):
            pending.append((datetime.fromisoformat(item["date"]), order, item, article, None))
    next_id = first_id
    while pending:
        pending.sort(key=lambda p: (p[0], p[1]))
        date, order, item, article, parent = pending.pop(0)
        comment = Comment(next_id, item["author"], date, item["text"], parent)
        next_id += 1
        (parent.replies if parent else article.threads).append(comment)
        for reply in item.get("replies", []):
            pending.append((datetime.fromisoformat(reply["date"]), order, reply, article, comment))


def link_related(articles: list[Article]) -> None:
    """Related articles: the nearest in time of the same section, then of any section (3 or 4).

    Articles not in English always get the theme's cards (with a translated title)."""
    for index, article in enumerate(articles):
        others = sorted((a for a in articles if a is not article), key=lambda other: closeness(article, other))
        article.related = others[:3 + article.post_id % 2]
        style, title = RELATED_STYLES[index % len(RELATED_STYLES)]
        if not article.language.startswith("en"):
            style, title = RELATED_STYLES[0]
        article.related_style, article.related_title = style, title


def closeness(article: Article, other: Article) -> tuple[bool, float, int]:
    """Sort key of candidate related articles: same section first, then nearest in time."""
    gap = abs((other.published - article.published).total_seconds())
    return (other.section != article.section, gap, other.post_id)


def iso(value: datetime | None) -> str | None:
    """ISO 8601 with offset, seconds precision."""
    return value.isoformat(timespec="seconds") if value else None


def demo_articles() -> list[dict[str, Any]]:
    """Ground truth: per demo article, the essentials a correct extraction must reproduce.

    Keys: ``path``, ``headline``, ``description``, ``authors`` (names), ``datePublished``,
    ``dateModified``, ``section``, ``tags``, ``language``, ``image`` (path or None), ``paragraphs``
    (body text; sub-headings and quotes are paragraphs, figure captions are not), ``body``
    (paragraphs joined by a blank line), ``related`` (``{path, title}``), ``comments``
    (``{commentId, parentId, author, datePublished, text}`` over all comment pages, page order),
    ``commentPages`` (paths, page 1 first), ``markup`` and ``theme`` (which markup variant the
    page uses). Newest article first.
    """
    site = load_site()
    return [article_truth(a, site.comments_per_page) for a in site.articles]


def article_truth(article: Article, per_page: int) -> dict[str, Any]:
    """The ground-truth record of one article."""
    pages = article.comment_pages(per_page)
    return {
        "path": article.path,
        "headline": article.headline,
        "description": article.description,
        "authors": [a.name for a in article.authors],
        "datePublished": iso(article.published),
        "dateModified": iso(article.modified),
        "section": article.section.name,
        "tags": [t.name for t in article.tags],
        "language": article.language,
        "image": image_path(article) if article.image else None,
        "paragraphs": article.paragraphs,
        "body": "\n\n".join(article.paragraphs),
        "related": [{"path": r.path, "title": r.headline} for r in article.related],
        "comments": [comment_truth(c) for c in article.comments],
        "commentPages": [article.comment_page_path(n) for n in range(1, len(pages) + 1)] or [article.path],
        "markup": article.markup,
        "theme": article.theme,
    }


def comment_truth(comment: Comment) -> dict[str, Any]:
    """The ground-truth record of one comment."""
    return {
        "commentId": comment.html_id,
        "parentId": comment.parent.html_id if comment.parent else None,
        "author": comment.author,
        "datePublished": iso(comment.date),
        "text": comment.text,
    }


def image_path(article: Article, name: str | None = None) -> str:
    """Upload path of an article image (the featured image when ``name`` is None)."""
    return f"/wp-content/uploads/{article.published:%Y/%m}/{name or article.image}.png"
