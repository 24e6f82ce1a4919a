"""Comment sections → a flat, threaded list of comments.

One string search over all class and id values of the page (:mod:`.namesearch`) and the page's
microdata find comment *items* (an element that is one comment: ``li#comment-42``, ``.comment``,
``itemprop=comment itemtype=.../Comment``, ...; or the repeated box around a ``p.commentText``),
merges the wrappers of one comment into one item (``li#comment-42 > article#div-comment-42``), and
threads items by nesting (``ol.children``), by a reply container right after a comment (Drupal's
``div.indented``) or by a link in a comment's head to an earlier one (Movable Type's "Ann replied to
<a href="#comment-45">Bob</a>"). Class names and words are data in ``rules/comments.json``. Pages without comment
markup fall back to JSON-LD ``Comment`` objects. Typed comments (microdata ``Comment``, RDFa
``typeof``) are found by a comment class/id or, for microdata, by their ``itemprop``; a typed
element with neither is not looked for (no walk of every element).

:func:`comment_section_nodes` gives the containers of the comments and the comment form, so that
the body extraction can leave them out.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urldefrag, urlsplit

from .authors import byline_rules, starts_like_byline
from .dates import date_start, parse_date
from .document import Document, original_url, resolved_url
from .metadata import page_sources
from .namesearch import name_words, named_indexes, search_parts
from .text import any_of, normalize_paragraphs, normalize_space

_BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "tr", "section", "article", "header", "footer", "aside", "figure", "figcaption", "address", "hr"})
_NO_ITEM_TAGS = frozenset({
    "html", "head", "body", "p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "span", "form", "input", "textarea",
    "button", "label", "script", "style", "time", "img", "b", "i", "em", "strong"})
_CACHE_KEY = "comments.analysis"
_ITEM_CLIMB = 4  # levels up from a comment's text part to look for its (repeated) comment box (Bitrix: a table)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SOURCE_SPACE = re.compile(r"[ \t\r\n]+")
_LD_NESTING_KEYS = ("comment", "comments", "@graph", "mainEntity", "hasPart", "itemListElement", "item")


@dataclass(frozen=True)
class _Rules:
    comment_words: frozenset[str]
    section_words: frozenset[str]
    container_words: frozenset[str]
    not_item_words: frozenset[str]
    not_section_words: frozenset[str]
    item_id: re.Pattern[str]
    id_rewrites: tuple[tuple[re.Pattern[str], str], ...]
    thread_words: frozenset[str]
    content_words: frozenset[str]
    body_words: frozenset[str]
    author_words: tuple[str, ...]
    date_words: frozenset[str]
    skip_words: frozenset[str]
    skip_tags: frozenset[str]
    form_ids: frozenset[str]
    form_words: frozenset[str]
    ignore_prefixes: tuple[str, ...]
    veto_words: frozenset[str]
    comment_hint: re.Pattern[str]  # any comment word inside a lower-case class or id: a quick first test
    section_hint: re.Pattern[str]  # the same for section and comment words
    author_date_separators: tuple[str, ...]
    parent_attributes: tuple[str, ...]  # attributes of a comment that hold the element id of the one it replies to
    depth_class: re.Pattern[str]  # a class name that gives a comment's depth ('indent1')
    depth_style: re.Pattern[str]  # an inline style that gives it ('margin-left:50px')
    author_attributes: tuple[str, ...]  # attributes of a comment that hold its author's name (Bitrix: bx-author-name)
    page: re.Pattern[str]  # the part of a URL that makes it one of an article's comment pages
    max_link_share: float
    noise: re.Pattern[str]
    author_suffix: re.Pattern[str]
    name_parts: tuple[str, ...]  # pieces of the class names and ids of comments, sections and forms


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@cache
def _rules() -> _Rules:
    data = json.loads(resources.files(__package__).joinpath("rules/comments.json").read_text("utf-8"))
    words = {k: frozenset(v) for k, v in data.items() if isinstance(v, list) and k.endswith("_words")}
    noise = [p for group in data["noise"].values() for p in group]
    return _Rules(
        comment_words=words["comment_words"], section_words=words["section_words"],
        container_words=words["container_words"], not_item_words=words["not_item_words"],
        not_section_words=words["not_section_words"],
        item_id=re.compile(_alternation(data["item_id_patterns"]), re.IGNORECASE),
        id_rewrites=tuple((re.compile(p, re.IGNORECASE), r) for p, r in data["id_rewrites"]),
        thread_words=words["thread_words"], content_words=words["content_words"],
        body_words=words["body_words"], author_words=tuple(data["author_words"]),
        date_words=words["date_words"], skip_words=words["skip_words"],
        skip_tags=frozenset(data["skip_tags"]), form_ids=frozenset(data["form_ids"]),
        form_words=words["form_words"], ignore_prefixes=tuple(data["ignore_class_prefixes"]),
        veto_words=words["veto_words"], comment_hint=any_of(words["comment_words"]),
        section_hint=any_of(words["section_words"] | words["comment_words"]),
        max_link_share=float(data["max_link_share"]),
        author_date_separators=tuple(data["author_date_separators"]),
        parent_attributes=tuple(data["parent_attributes"]),
        depth_class=re.compile(data["depth_class"], re.IGNORECASE),
        depth_style=re.compile(data["depth_style"], re.IGNORECASE),
        author_attributes=tuple(data["author_attributes"]),
        page=re.compile(_alternation(data["page_patterns"]), re.IGNORECASE),
        noise=re.compile(_alternation(noise), re.IGNORECASE),
        author_suffix=re.compile(r"\s*(?:" + _alternation(data["author_suffixes"]) + r")(?:\.\.\.|…)?\s*$",
                                 re.IGNORECASE),
        name_parts=search_parts(words["comment_words"] | words["section_words"] | frozenset(data["form_ids"])),
    )


# ---------------------------------------------------------------- class-name words

def _tokens(el: Any) -> tuple[str, ...]:
    """The class names of ``el`` that describe the element (not the article's taxonomy)."""
    return _class_tokens(el.get("class") or "")


@lru_cache(maxsize=8192)
def _class_tokens(classes: str) -> tuple[str, ...]:
    ignored = _rules().ignore_prefixes
    return tuple(t for t in classes.split() if not t.lower().startswith(ignored))


def _class_words(el: Any) -> tuple[str, ...]:
    """Every word of every class of ``el``."""
    return _words_of_classes(el.get("class") or "")


@lru_cache(maxsize=8192)
def _words_of_classes(classes: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(word for token in _class_tokens(classes) for word in name_words(token)))


def _item_evidence(el: Any, rules: _Rules) -> str | None:
    """``"strong"`` for an element that is one comment by itemtype or id, ``"class"`` by class name."""
    if el.tag in _NO_ITEM_TAGS:
        return None
    return _evidence_of(el.get("class") or "", el.get("id") or "", _type_of(el))


@lru_cache(maxsize=8192)
def _evidence_of(classes: str, ident: str, kind: str) -> str | None:
    """:func:`_item_evidence` from the class and id attributes and the itemtype (or typeof)."""
    rules = _rules()
    if _is_comment_type_name(kind) or rules.item_id.fullmatch(ident):
        return "strong"
    if not rules.comment_hint.search(classes.lower()) or not rules.veto_words.isdisjoint(_words_of_classes(classes)):
        return None
    for token in _class_tokens(classes):
        words = name_words(token)
        if not rules.comment_words.isdisjoint(words) and (rules.not_item_words | rules.container_words).isdisjoint(words):
            return "class"
    return None


def _is_item(el: Any, rules: _Rules) -> bool:
    """True when ``el`` looks like one comment (by itemtype, id or class)."""
    return _item_evidence(el, rules) is not None


def _is_section(el: Any, rules: _Rules) -> bool:
    """True when a class or the id of ``el`` names a comment section (``#comments``, ``.comment-list``)."""
    return el.tag not in _NO_ITEM_TAGS and _is_section_name(el.get("class") or "", el.get("id") or "")


@lru_cache(maxsize=8192)
def _is_section_name(classes: str, ident: str) -> bool:
    rules = _rules()
    if not rules.section_hint.search(f"{classes} {ident}".lower()):
        return False
    for token in (*_class_tokens(classes), ident):
        words = name_words(token)
        named = not rules.section_words.isdisjoint(words) or (not rules.comment_words.isdisjoint(words)
                                                              and not rules.container_words.isdisjoint(words))
        if named and rules.not_section_words.isdisjoint(words):
            return True
    return False


def _is_form(el: Any, rules: _Rules) -> bool:
    """True for the comment form (``#respond``, ``form#commentform``, ``.comment-respond``)."""
    return _is_form_name(el.get("class") or "", el.get("id") or "")


@lru_cache(maxsize=8192)
def _is_form_name(classes: str, ident: str) -> bool:
    """True for the comment form's class or id; not for a comment section whose class also says where its
    form goes (Astra's ``comments-area comment-form-position-below``)."""
    rules = _rules()
    if ident.lower() in rules.form_ids:
        return True
    if rules.comment_hint.search(classes.lower()) is None or _is_section_name(classes, ident):
        return False
    return any(not rules.comment_words.isdisjoint(name_words(t)) and not rules.form_words.isdisjoint(name_words(t))
               for t in _class_tokens(classes))


def _is_thread(el: Any, rules: _Rules) -> bool:
    """True for a container of replies: a list, ``.children``, ``.replies``, ``.indented``."""
    return el.tag in ("ul", "ol", "dl") or not rules.thread_words.isdisjoint(_class_words(el))


# ---------------------------------------------------------------- finding and merging items

def _hits(doc: Document, rules: _Rules) -> list[Any]:
    """The elements that may be a comment, a comment section or the comment form, page order: those
    whose class or id holds a comment word, and microdata typed ``Comment``. A superset, sorted out by
    the exact tests."""
    elements = doc.columns[0]
    found = [elements[i] for i in named_indexes(doc, rules.name_parts)]
    typed = _typed_items(doc).difference(found)
    if not typed:
        return found
    wanted = typed.union(found)
    return [el for el in elements if el in wanted]


def _typed_items(doc: Document) -> set[Any]:
    """Microdata items typed ``Comment`` that carry an ``itemprop`` (``itemprop="comment"``), from the
    page's microdata gathered once by the metadata step."""
    microdata = page_sources(doc).microdata
    return {el for found in microdata.values() for el in found if el.get("itemtype") and _typed_comment(el)}


_NOTHING: frozenset[Any] = frozenset()



@dataclass
class _Analysis:
    """The comment structure of one page, computed once per Document."""

    roots: list[Any] = field(default_factory=list)  # one element per comment, page order
    aliases: dict[Any, list[Any]] = field(default_factory=dict)  # root → inner elements of the same comment
    parent: dict[Any, Any] = field(default_factory=dict)  # root → parent root (or None)
    sections: list[Any] = field(default_factory=list)


def _inside_form(el: Any, rules: _Rules) -> bool:
    """True inside the comment form: one named so, or a ``<form>`` with a text box (a form around the list
    without one is a moderation form, as DataLife Engine puts around its comments)."""
    return any((a.tag == "form" and next(a.iter("textarea"), None) is not None) or _is_form(a, rules)
               for a in el.iterancestors())


def _candidates(hits: list[Any], rules: _Rules) -> list[Any]:
    """Elements that are one comment each; one named by class only must sit in a comment section,
    hold comment parts (author, date, text) or come with siblings of the same class."""
    evidence = {}
    for el in hits:
        if el.tag not in _NO_ITEM_TAGS:
            found = _evidence_of(el.get("class") or "", el.get("id") or "", _type_of(el))
            if found and not _inside_form(el, rules):
                evidence[el] = found
    signature = {el: _signature(el, rules) for el in evidence}
    repeats: dict[tuple[str, frozenset[str]], int] = {}
    for kind in signature.values():
        repeats[kind] = repeats.get(kind, 0) + 1
    counted: dict[Any, tuple[int, int]] = {}  # word counts, shared by nested comments
    return [el for el, found in evidence.items() if found == "strong" or (
        (repeats[signature[el]] > 1 or any(_is_section(a, rules) for a in el.iterancestors())
         or _has_parts(el, rules)) and not _mostly_links(el, rules, counted))]


def _without_other_pages_comments(doc: Document, cands: list[Any]) -> list[Any]:
    """``cands`` less the teasers of a "latest comments" box: items that link to a comment (``#comment-…``) on
    another page, when the items link to comments on two pages or more (a box listing one other page's
    comments is not told from this page's own under another address, such as its AMP version)."""
    src = page_sources(doc)
    own = {_page_path(url) for url in (doc.url, src.links.get("canonical"), src.first_meta(["og:url"])) if url}
    elsewhere = {el: path for el in cands if (path := _commented_page(el, doc.base_url)) and path not in own}
    if len(set(elsewhere.values())) < 2:
        return cands
    return [el for el in cands if el not in elsewhere]


def _commented_page(el: Any, base: str) -> str | None:
    """The page (as :func:`_page_path`) of the first comment that a link in ``el`` points at, if any."""
    for link in el.iter("a"):
        address, _, fragment = (link.get("href") or "").partition("#")
        if address and "comment" in fragment.lower():
            number = _DIGITS.search(fragment)
            if number and number.group() in address:  # the comment's own page (Drupal's /comment/42#comment-42)
                return None
            absolute = resolved_url(base, address.strip())
            return _page_path(absolute) if absolute else None
    return None


_DIGITS = re.compile(r"\d+")


def _page_path(url: str) -> str:
    """The path of the article ``url`` shows (a web archive's capture URL read as the URL captured; a comment
    page as its article, :func:`article_url_of`), its trailing slash left out."""
    try:
        return urlsplit(article_url_of(original_url(url.strip()))).path.rstrip("/")
    except ValueError:
        return url


def article_url_of(url: str) -> str:
    """The article a comment page belongs to: ``/post/comment-page-2/`` → ``/post``; ``?cpage=2`` dropped."""
    stripped = _rules().page.sub("", urldefrag(url)[0])
    return stripped.replace("/?", "?").rstrip("?&/")


def is_comment_page_url(url: str) -> bool:
    """True for a WordPress-style comment page (``/comment-page-N/``, ``?cpage=N``)."""
    return _rules().page.search(url) is not None


def _is_text_part(el: Any, rules: _Rules) -> bool:
    """True for the text of one comment named by class: ``p.commentText``, ``div.comment-content``."""
    return _text_part_name(el.get("class") or "")


@lru_cache(maxsize=8192)
def _text_part_name(classes: str) -> bool:
    """A class made of nothing but a comment word and a text word (``commentText``, ``comment-body``)."""
    rules = _rules()
    if not rules.veto_words.isdisjoint(_words_of_classes(classes)):
        return False
    text_words = rules.content_words | rules.body_words
    for token in _class_tokens(classes):
        words = name_words(token)
        if (not rules.comment_words.isdisjoint(words) and not text_words.isdisjoint(words)
                and (rules.comment_words | text_words).issuperset(words)):
            return True
    return False


def _items_of_texts(hits: list[Any], cands: set[Any], rules: _Rules) -> list[Any]:
    """Comments known only by their text part (``p.commentText`` in an unnamed or section-named box):
    for each such part outside every comment found, the nearest element up from it (at most
    ``_ITEM_CLIMB`` levels) that repeats among its siblings (same tag and class), one text part each."""
    parts = [el for el in hits if el.tag not in ("html", "body", "a") and _is_text_part(el, rules)]
    parts = [el for el in parts if _nearest(el, cands) is None]
    items = [_repeated_box(part) for part in parts]
    counts: dict[Any, int] = {}
    for item in items:
        if item is not None:
            counts[item] = counts.get(item, 0) + 1
    return [item for item in dict.fromkeys(items) if item is not None and counts[item] == 1]


def _repeated_box(el: Any) -> Any:
    """``el`` or its nearest ancestor (``_ITEM_CLIMB`` levels at most) that has a sibling of the same
    tag and class attribute; None if there is none."""
    for box in (el, *el.iterancestors()):
        if box.tag in ("body", "html", "main", "article") or _depth_between(box, el) > _ITEM_CLIMB:
            return None
        parent = box.getparent()
        first = (box.get("class") or "").split()[:1]
        if parent is not None and first and sum(
                1 for sib in parent if sib.tag == box.tag and (sib.get("class") or "").split()[:1] == first) > 1:
            return box
    return None


def _depth_between(top: Any, el: Any) -> int:
    depth = 0
    while el is not top:
        el, depth = el.getparent(), depth + 1
    return depth


def _with_items_of_texts(doc: Document, cands: list[Any], extra: list[Any]) -> list[Any]:
    """``cands`` and ``extra`` together, page order."""
    if not extra:
        return cands
    wanted = set(cands) | set(extra)
    return [el for el in doc.columns[0] if el in wanted]


def _mostly_links(el: Any, rules: _Rules, counted: dict[Any, tuple[int, int]]) -> bool:
    """True for a teaser: an element whose text, author/date/reply parts left out, is mostly link text.
    ``counted`` keeps the counts of every element walked (outside links), so that a comment inside
    another one, walked with it, is not walked again."""
    total, linked = _word_counts(el, rules, False, counted)
    return total > 0 and linked / total > rules.max_link_share


def _word_counts(el: Any, rules: _Rules, in_link: bool, counted: dict[Any, tuple[int, int]]) -> tuple[int, int]:
    """Words of ``el``'s text and words of it inside links, leaving out comment parts (the counts of
    elements outside links are kept in ``counted``)."""
    if not in_link and el in counted:
        return counted[el]
    inside = in_link or el.tag == "a"
    words = len((el.text or "").split())
    total, linked = words, words if inside else 0
    for child in el:
        if isinstance(child.tag, str) and not _skipped(child, _NOTHING, rules):
            sub_total, sub_linked = _word_counts(child, rules, inside, counted)
            total, linked = total + sub_total, linked + sub_linked
        tail = len((child.tail or "").split())
        total, linked = total + tail, linked + (tail if inside else 0)
    if not in_link:
        counted[el] = total, linked
    return total, linked


def _signature(el: Any, rules: _Rules) -> tuple[str, frozenset[str]]:
    """Tag and comment-naming classes: what repeated comments have in common."""
    return el.tag, frozenset(t for t in _tokens(el) if not rules.comment_words.isdisjoint(name_words(t)))


def _has_parts(el: Any, rules: _Rules) -> bool:
    """True when ``el`` holds an author or date part, as a comment does."""
    parts = set(rules.author_words) | rules.date_words
    for child in el.iterdescendants():
        if child.tag == "time" or not parts.isdisjoint(_part_words(child)):
            return True
    return False


def _nearest(el: Any, members: set[Any]) -> Any:
    """The nearest ancestor of ``el`` that is in ``members`` (None if none)."""
    for a in el.iterancestors():
        if a in members:
            return a
    return None


def _has_thread_between(top: Any, el: Any, rules: _Rules) -> bool:
    """True when a reply container lies strictly between ``top`` and its descendant ``el``."""
    for a in el.iterancestors():
        if a is top:
            return False
        if _is_thread(a, rules):
            return True
    return False


def _typed_comment(el: Any) -> bool:
    """True for microdata ``itemtype=.../Comment`` (or the old ``UserComments``), RDFa ``typeof=schema:Comment``."""
    return _is_comment_type_name(_type_of(el))


def _type_of(el: Any) -> str:
    """The microdata ``itemtype`` or else the RDFa ``typeof`` of ``el`` ("" without either)."""
    return el.get("itemtype") or el.get("typeof") or ""


def _is_comment_type_name(kind: str) -> bool:
    return kind.rstrip("/").lower().endswith(("/comment", ":comment", "/usercomments"))


def _distinct(top: Any, el: Any, rules: _Rules) -> bool:
    """True when ``el`` inside ``top`` is another comment: both typed as Comment, or different comment ids."""
    if _typed_comment(top) and _typed_comment(el):
        return True
    ids = [_rewrite_id(e.get("id") or "", rules) for e in (top, el)]
    return all(rules.item_id.fullmatch(i) for i in ids) and ids[0] != ids[1]


def _analyse(doc: Document) -> _Analysis:
    """The page's comment structure, computed once and kept in ``doc.cache``."""
    cached = doc.cache.get(_CACHE_KEY)
    if cached is None:
        cached = doc.cache[_CACHE_KEY] = _build_analysis(doc, _rules())
    return cached


def _build_analysis(doc: Document, rules: _Rules) -> _Analysis:
    """Merge the wrappers of one comment into one root, drop wrappers of several comments, thread roots."""
    hits = _hits(doc, rules)
    cands = _without_other_pages_comments(doc, _candidates(hits, rules))
    cands = _with_items_of_texts(doc, cands, _items_of_texts(hits, set(cands), rules))
    members = set(cands)
    up = {el: _nearest(el, members) for el in cands}
    same_level: dict[Any, list[Any]] = {}
    is_reply = {}
    for el in cands:
        top = up[el]
        is_reply[el] = top is not None and (_has_thread_between(top, el, rules) or _distinct(top, el, rules))
        if top is not None and not is_reply[el]:
            same_level.setdefault(top, []).append(_signature(el, rules))
    wrappers = {el for el, kinds in same_level.items() if len(set(kinds)) < len(kinds)}
    rep: dict[Any, Any] = {}
    by_id: dict[str | None, Any] = {}  # comments so far by element id
    out = _Analysis()
    for el in cands:
        if el in wrappers:
            continue
        top = up[el]
        if top is not None and not is_reply[el] and top not in wrappers:
            rep[el] = rep[top]
            out.aliases[rep[el]].append(el)
            continue
        rep[el] = el
        out.roots.append(el)
        out.aliases[el] = []
        while top is not None and top in wrappers:
            top = up[top]
        if top is not None:
            out.parent[el] = rep[top]
        else:
            declared = _declared_parent(el, by_id, rules)
            out.parent[el] = declared if declared is not None else _reply_target(el, rep, rules)
        by_id.setdefault(el.get("id"), el)
    out.sections = _sections(doc, hits, out, rules)
    return out


def _declared_parent(el: Any, by_id: dict[str | None, Any], rules: _Rules) -> Any:
    """The earlier comment (``by_id``: by element id) that a flat list's item names in an attribute
    (Komento's ``parentid="kmt-201"``, ``data-parent-id``), or None."""
    wanted = next((value for name in rules.parent_attributes if (value := el.get(name))), None)
    return by_id.get(wanted) if wanted else None


def _reply_target(el: Any, rep: dict[Any, Any], rules: _Rules) -> Any:
    """The comment a non-nested item replies to: the comment right before its reply container (classed as
    one, or numbered as the comment before it: JComments' ``comments-list-101`` after ``comment-item-101``)."""
    for a in el.iterancestors():
        if a.tag in ("body", "html"):
            return None
        before = a.getprevious()
        while before is not None and not isinstance(before.tag, str):
            before = before.getprevious()
        if not rules.thread_words.isdisjoint(_class_words(a)):
            return rep.get(before) if before is not None else None
        if before in rep and a not in rep and _numbered_for(a.get("id"), before.get("id")):
            return rep[before]
    return None


def _numbered_for(container: str | None, comment: str | None) -> bool:
    """True when the id of a container ends in the number of a comment's id ("comments-list-101" for
    "comment-item-101"; not "list-0" for "comment-0-12")."""
    number = re.search(r"(?<!\d)\d+$", container or "")
    return number is not None and number.group() in re.findall(r"\d+", comment or "")[:1]


def _sections(doc: Document, hits: list[Any], found: _Analysis, rules: _Rules) -> list[Any]:
    """Outermost comment containers (and comment forms), page order."""
    picked: list[Any] = []
    for root in found.roots:
        if found.parent.get(root) is None and not any(_contains(p, root) for p in picked):
            picked.append(_section_of(root, found, rules))
    for el in hits:
        if _is_form_name(el.get("class") or "", el.get("id") or "") and not any(_contains(p, el) for p in picked):
            picked.append(el)
    outer = [p for p in picked if not any(q is not p and _contains(q, p) for q in picked)]
    if len(outer) < 2:
        return outer
    wanted = set(outer)
    return [el for el, *_ in doc.elements if el in wanted]


def _contains(outer: Any, el: Any) -> bool:
    return outer is el or any(a is outer for a in el.iterancestors())


def _section_of(root: Any, found: _Analysis, rules: _Rules) -> Any:
    """The outermost named comment section around ``root`` that holds little besides comments."""
    best = root
    comment_chars = len(root.text_content())
    for a in root.iterancestors():
        if a.tag in ("body", "html", "main"):
            break
        if _is_section(a, rules):
            comment_chars = sum(len(r.text_content()) for r in found.roots
                                if found.parent.get(r) is None and _contains(a, r))
            if len(a.text_content()) - comment_chars > max(3000, comment_chars):
                break
            best = a
    return best


# ---------------------------------------------------------------- one comment

def _own_elements(root: Any, nested: set[Any]) -> Iterator[Any]:
    """Descendants of ``root`` (page order), leaving out nested comments."""
    stack = list(reversed([c for c in root if isinstance(c.tag, str)]))
    while stack:
        el = stack.pop()
        if el in nested:
            continue
        yield el
        stack.extend(reversed([c for c in el if isinstance(c.tag, str)]))


def _declares(el: Any, name: str) -> bool:
    """True when ``el`` is microdata ``itemprop=name`` or RDFa ``property=schema:name``."""
    return _declares_any(el, (name,))


def _declares_any(el: Any, names: tuple[str, ...]) -> bool:
    """True when ``el`` declares one of ``names`` (see :func:`_declares`): one look at its attributes."""
    itemprop, rdfa = el.get("itemprop"), el.get("property")
    if itemprop is None and rdfa is None:  # most elements: no string work
        return False
    values = f"{itemprop or ''} {rdfa or ''}".split()
    return any(v.rsplit(":", 1)[-1].rsplit("/", 1)[-1] in names for v in values)


def _content_element(own: list[Any], rules: _Rules) -> Any:
    """The element holding the comment text (``[itemprop=text]``, ``.comment-content``), if marked."""
    for el in own:
        if _declares_any(el, ("text", "commentText")):
            return el
    for wanted in (rules.content_words, rules.body_words):
        for el in own:
            for token in _tokens(el):
                words = name_words(token)
                if (not rules.comment_words.isdisjoint(words) and not wanted.isdisjoint(words)
                        and rules.skip_words.isdisjoint(words)):
                    return el
    return None


def _text_of(el: Any, nested: set[Any], rules: _Rules) -> str:
    """Text of ``el`` with paragraphs, without nested comments and author/date/reply parts.

    Source line breaks are plain spaces, as in a browser; ``<br>`` breaks a line, two of them or a
    block element start a new paragraph.
    """
    chunks: list[str] = []
    _add_text(chunks, el.text)
    _add_texts_below(el, chunks, nested, rules)
    lines = "".join(chunks).split("\n")
    kept = "\n".join(line for line in lines if not _is_noise(line, rules))
    return normalize_paragraphs(kept)


def _add_texts_below(node: Any, chunks: list[str], nested: set[Any], rules: _Rules) -> None:
    """Append the texts under ``node`` to ``chunks``, with the line and paragraph breaks of :func:`_text_of`.
    (A module function, not a closure: a recursive closure is a reference cycle that would keep the
    page's tree alive until the garbage collector runs.)"""
    for child in node:
        if isinstance(child.tag, str) and not _skipped(child, nested, rules):
            # a quotation's parts are blocks even when written as spans (JComments' span.quotetitle)
            block = child.tag in _BLOCK_TAGS or "quote" in (child.get("class") or "").lower()
            chunks.append("\n\n" if block else "\n" if child.tag == "br" else "")
            _add_text(chunks, child.text)
            _add_texts_below(child, chunks, nested, rules)
            chunks.append("\n\n" if block else "")
        _add_text(chunks, child.tail)


def _add_text(chunks: list[str], text: str | None) -> None:
    if text:
        chunks.append(_SOURCE_SPACE.sub(" ", text))


def _is_noise(line: str, rules: _Rules) -> bool:
    """True for a line that is a comment widget's label ("Reply", "says:"), never for a blank line."""
    text = normalize_space(line)
    return bool(text) and rules.noise.fullmatch(text) is not None


def _skipped(el: Any, nested: AbstractSet[Any], rules: _Rules) -> bool:
    """True for nested comments and the author, date, reply and vote parts of a comment."""
    return el in nested or _skipped_part(el.tag, el.get("class") or "", el.get("id") or "")


@lru_cache(maxsize=8192)
def _skipped_part(tag: str, classes: str, ident: str) -> bool:
    """:func:`_skipped` for an element that is no nested comment, from its tag, class and id."""
    rules = _rules()
    if tag in rules.skip_tags or _is_form_name(classes, ident):
        return True
    token_words = [name_words(t) for t in _class_tokens(classes)]
    text_words = rules.content_words | rules.body_words
    if any(not text_words.isdisjoint(words) for words in token_words):
        return False
    return any(not rules.skip_words.isdisjoint(words) for words in token_words)


def _author(own: list[Any], rules: _Rules) -> str | None:
    """The comment author's name: ``[itemprop=author]``, ``.fn``, ``.comment-author``, ..."""
    for el in own:
        if _declares_any(el, ("author", "creator")):  # (an empty one, such as an avatar's, names nobody)
            named = next((n for n in el.iter() if _declares(n, "name")), el)
            name = _clean_author(named.get("content") or named.text_content(), rules)
            if name:
                return name
    named = [(el, words) for el in own if el.tag not in ("img", "time") and (words := _part_words(el))]
    for word in rules.author_words:
        for el, words in named:
            if word in words:
                name = _clean_author(el.text_content(), rules) or _named_by_same_link(el, own, rules)
                if name:
                    return name
    return None


def _named_by_same_link(part: Any, own: list[Any], rules: _Rules) -> str | None:
    """For an author part without text (an avatar linking to the commenter's profile): the text of another
    link of the comment to the same address (``<a href="/user/anaya60">anaya60</a>`` beside it)."""
    link = part if part.tag == "a" else next(part.iter("a"), None)
    href = link.get("href") if link is not None else None
    if not href:
        return None
    return next((name for el in own if el.tag == "a" and el is not link and el.get("href") == href
                 and (name := _clean_author(el.text_content(), rules))), None)


def _signed_author(own: list[Any], content: Any, rules: _Rules) -> str | None:
    """The author named in a part of the comment that is no part of its text (outside its text element
    ``content``, or left out of the text as a meta or date part): a ``<cite>`` (the commenter's name in
    many WordPress themes and the old Disqus plugin), or a part that reads as a byline ("Posted by: Ann Lee
    | May 3, 2024 at 9:14", as Movable Type and Typepad sign comments below their text; "geschrieben
    von Ann am ..."). A quotation in the text that cites someone or opens like a byline is not read."""
    text_part = set(content.iter()) if content is not None else set(own)
    for el in own:
        if el in text_part and not _skipped_part(el.tag, el.get("class") or "", el.get("id") or ""):
            continue
        text = normalize_space(el.text_content())
        if el.tag == "cite":
            name = _clean_author(text, rules)
        elif (rest := _after_dated_byline(text, el)) is not None:  # "14 mai, 09:52, par Marc Delorme"
            name = _clean_author(rest, rules)
        elif starts_like_byline(text):  # the lead-in off, then as an author part ("Ann on May 3, 2024")
            name = _clean_author(byline_rules().prefix.sub("", text, count=1), rules)
        else:
            continue
        if name and len(name.split()) <= _MAX_NAME_WORDS:
            return name
    return None


_MAX_NAME_WORDS = 4  # a signature's name (or user name); more words are a sentence that opens like a byline
_MAX_DATE_WORDS = 7  # a date and its time written out ("Tuesday, May 14, 2024 at 9:52 am")
_DATE_SEPARATORS = " ,;|·•–—-"


def _after_dated_byline(text: str, el: Any = None) -> str | None:
    """What follows a date and then a byline prefix that open ``text`` ("14.05.2024, 09:52, par Marc Delorme"
    → "Marc Delorme"); the date may also be the text of a ``<time>`` or ``<abbr>`` in ``el`` (SPIP's forum:
    "<abbr title=...>14 mai, 09:52</abbr>, par Marc Delorme", no year). None for any other text."""
    if len(text) > 120:
        return None
    rules = byline_rules()
    for word in re.finditer(r"\S+", text):
        if word.start() == 0 or word.group().rstrip(":：").casefold() not in rules.prefix_words:
            continue
        rest, head = text[word.start():], text[:word.start()].strip(_DATE_SEPARATORS)
        if rules.prefix.match(rest) and _is_date_text(head, el):
            return rules.prefix.sub("", rest, count=1)
    return None


def _is_date_text(text: str, el: Any) -> bool:
    """True when ``text`` is a date (and time) and nothing else, or the text of a date element in ``el``."""
    if len(text.split()) <= _MAX_DATE_WORDS and date_start(text) is not None and parse_date(text) is not None:
        return True
    return el is not None and any(normalize_space(d.text_content()) == text for d in el.iter("time", "abbr"))


def _part_words(el: Any) -> tuple[str, ...]:
    """The words of the classes of ``el`` that do not name the comment text."""
    return _part_words_of(el.get("class") or "")


@lru_cache(maxsize=8192)
def _part_words_of(classes: str) -> tuple[str, ...]:
    rules = _rules()
    not_part = rules.content_words | rules.body_words
    return tuple(dict.fromkeys(word for words in map(name_words, _class_tokens(classes))
                               if not_part.isdisjoint(words) or not rules.date_words.isdisjoint(words)
                               for word in words))


def _clean_author(text: str, rules: _Rules) -> str | None:
    """A name without "says:" and without a date written after it ("Ann on May 3, 2024", "Ann 22 Aug 2023
    Reply": an author part that also holds the date line) or before it and a byline prefix ("14.05.2024,
    09:52, par Ann")."""
    def trimmed(part: str) -> str:  # (also once the date is cut off: "Ann said, on May 3, 2024")
        return rules.author_suffix.sub("", part.strip(" ,-–|")).strip(" :,-–|")  # (some suffixes end in ':')

    name = normalize_space(text)
    name = trimmed(_after_dated_byline(name) or name)
    for separator in rules.author_date_separators:
        head, found, tail = name.partition(separator)
        if found and head and parse_date(tail):
            name = trimmed(head)
            break
    start = date_start(name)
    if start:  # (not at 0: a date alone is no name)
        name = trimmed(name[:start])
    return name if 0 < len(name) <= 80 else None


def _date(own: list[Any], rules: _Rules) -> str | None:
    """The comment's date: ``time[datetime]``, ``[itemprop=datePublished]``, then a dated element's text."""
    for el in own:
        if _declares_any(el, ("datePublished", "dateCreated", "commentTime")):
            found = parse_date(el.get("datetime") or el.get("content") or el.text_content())
            if found:
                return found
        if el.tag == "time" and el.get("datetime"):
            found = parse_date(el.get("datetime"))
            if found:
                return found
        if el.tag == "abbr" and el.get("title"):  # microformats' machine date (SPIP: abbr.dtreviewed)
            found = parse_date(el.get("title"))
            if found:
                return found
    for el in own:
        if el.tag == "time" or not rules.date_words.isdisjoint(_part_words(el)):
            # the texts of its children apart: a date glued to a link after it ("8:03 pmPermalink") misreads
            found = parse_date(el.get("title") or " ".join(el.itertext()))
            if found:
                return found
    return None


def _comment_id(root: Any, aliases: list[Any], rules: _Rules) -> str | None:
    """The element id of a comment, ``div-comment-N`` / ``li-comment-N`` read as ``comment-N``."""
    ids = [el.get("id") for el in (root, *aliases) if el.get("id")]
    before = root.getprevious()
    anchor = (before.get("id") or before.get("name") or "") if before is not None and before.tag == "a" else ""
    if rules.item_id.fullmatch(anchor):
        ids.append(anchor)
    ids += [a.get("id") or a.get("name") for a in root.iter("a")
            if rules.item_id.fullmatch(a.get("id") or a.get("name") or "")]
    rewritten = [_rewrite_id(i, rules) for i in ids]
    for value in rewritten:
        if re.fullmatch(r"comment-\d+", value):
            return value
    for value in rewritten:
        if rules.item_id.fullmatch(value):
            return value
    return rewritten[0] if rewritten else None


def _rewrite_id(value: str, rules: _Rules) -> str:
    for pattern, replacement in rules.id_rewrites:
        if pattern.fullmatch(value):
            return pattern.sub(replacement, value)
    return value


def _hash_id(author: str | None, date: str | None, text: str) -> str:
    digest = hashlib.sha1(f"{author}\x1f{date}\x1f{text}".encode()).hexdigest()
    return f"comment-h{digest[:12]}"


def _parent_item(own: list[Any]) -> str | None:
    """A microdata ``parentItem`` reference (``#comment-1``), if the comment declares one."""
    for el in own:
        if el.get("itemprop") == "parentItem":
            ref = el.get("href") or el.get("itemid") or el.get("content") or ""
            return ref.rsplit("#", 1)[-1] or None
    return None


def _title(own: list[Any], content: Any, rules: _Rules) -> str | None:
    """The comment's own headline: a heading before its marked text, outside author/date/reply parts and
    holding none (Movable Type's reply line "<span class="vcard author">Ann</span> replied to ..." is no title)."""
    for el in own:
        if el is content:
            return None
        if el.tag in _HEADINGS and not any(_skipped(a, _NOTHING, rules) for a in (el, *_ancestors_within(el, own))) \
                and not _holds_author_part(el, rules):
            text = normalize_space(el.text_content())
            if text and not _is_noise(text, rules) and parse_date(text) is None:
                return text
    return None


def _holds_author_part(el: Any, rules: _Rules) -> bool:
    """True when an author part (``.author``, ``[itemprop=author]``) lies inside ``el``."""
    words = frozenset(rules.author_words)
    return any(_declares_any(d, ("author", "creator")) or not words.isdisjoint(_part_words(d))
               for d in el.iterdescendants())


def _in_head(el: Any, members: AbstractSet[Any], rules: _Rules) -> bool:
    """True for ``el`` in the head of a comment (``members``: its elements): inside its ``<header>`` or
    ``<footer>`` (Drupal's themes put the footer, who wrote it and when, above the text), or in a part left out
    of its text (meta, author, date, reply parts: ``.comment-meta``, ``.comment-header``)."""
    for a in (el, *el.iterancestors()):
        if a is not el and a not in members:
            return False
        if a.tag in ("header", "footer") or _skipped(a, _NOTHING, rules):  # (<footer>: who wrote it, and when)
            return True
    return False


def _heading_author(own: list[Any], content: Any, rules: _Rules) -> str | None:
    """The author, when nothing else names one, from the first heading in the comment's head before its
    text that is a short name, not a sentence (Movable Type's ``<header><h3>Ann Lee</h3>``)."""
    members = set(own)
    for el in own:
        if el is content:
            return None
        if el.tag in _HEADINGS and _in_head(el, members, rules):
            text = normalize_space(el.text_content())
            name = _clean_author(text, rules)
            short = name is not None and len(name.split()) <= _MAX_NAME_WORDS and not name.endswith(_SENTENCE_ENDS)
            return name if short and not _is_noise(text, rules) else None
    return None


_SENTENCE_ENDS = (".", "!", "?", "…", "。", "！", "？")


def _anchors(root: Any, aliases: list[Any], own: list[Any], cid: str, rules: _Rules) -> set[str]:
    """The names a link to this comment may use after its ``#``: its comment id, element ids and anchors."""
    names = {el.get("id") for el in (root, *aliases)} | {
        a.get("id") or a.get("name") for a in own if a.tag == "a"}
    return {cid} | {_rewrite_id(n, rules) for n in names if n}


def _linked_parent(own: list[Any], content: Any, mine: set[str], earlier: dict[str, str], rules: _Rules) -> str | None:
    """The earlier comment (``earlier``: anchor -> comment id) that a link in the head of this comment
    (anchors ``mine``) points to: Movable Type's "Ann replied to <a href="...#comment-45">Bob</a>"."""
    text_part = set(content.iter()) if content is not None else set()
    members = set(own)
    for a in own:
        if a.tag == "a" and a not in text_part and "#" in (a.get("href") or ""):
            target = _rewrite_id(a.get("href").rsplit("#", 1)[1], rules)
            if target in earlier and target not in mine and _in_head(a, members, rules):
                return earlier[target]
    return None


def _ancestors_within(el: Any, own: list[Any]) -> list[Any]:
    """The ancestors of ``el`` that belong to the same comment (``own``)."""
    members = set(own)
    return [a for a in el.iterancestors() if a in members]


def _split_date_line(text: str) -> tuple[str, str | None]:
    """A first paragraph that is only a date line ("März 7, 2018", "Kommentar von 8. Mai 2010 um 10:56")
    is no comment text: the text without it, and its date."""
    first, _, rest = text.partition("\n\n")
    if not rest or len(first.split()) > 8 or first.endswith((".", "!", "?", "…")):
        return text, None
    found = parse_date(first)
    return (rest, found) if found else (text, None)


def _header_of(root: Any) -> Any:
    """For ``<dt>`` (author, date) + ``<dd>`` (text) comment lists: the ``dt`` right before a ``dd`` item
    (named as a comment, or only as the comment's author, as in Blogger's classic template)."""
    before = root.getprevious() if root.tag == "dd" else None
    return before if before is not None and before.tag == "dt" else None


def _footers_of(root: Any, roots: set[Any]) -> list[Any]:
    """For ``<dt>`` + ``<dd>`` comment lists: the ``dd`` elements after a ``dd`` item up to the next ``dt``
    or comment (a footer with the comment's date)."""
    footers: list[Any] = []
    if root.tag == "dd":
        for sibling in root.itersiblings():
            if sibling.tag != "dd" or sibling in roots:
                break
            footers.append(sibling)
    return footers


def _html_comments(found: _Analysis, rules: _Rules) -> list[dict[str, Any]]:
    roots = set(found.roots)
    ids: dict[Any, str] = {}
    anchors: dict[str, str] = {}  # the anchors of the comments so far -> their comment ids
    depths: list[tuple[float, str]] = []  # (depth mark, comment id) of the earlier comments a later one may reply to
    out: list[dict[str, Any]] = []
    for root in found.roots:
        header = _header_of(root)
        own = list(_own_elements(root, roots))
        content = _content_element(own, rules)
        text = _text_of(content if content is not None else root, roots, rules)
        if header is not None:
            own = [header, *_own_elements(header, roots), *own]
        for footer in _footers_of(root, roots):
            own += [footer, *_own_elements(footer, roots)]
        author = _author(own, rules) or _signed_author(own, content, rules) or _heading_author(own, content, rules) \
            or next((_clean_author(value, rules) for name in rules.author_attributes if (value := root.get(name))), None)
        date = _date(own, rules)
        if author and text.startswith(f"{author}\n"):  # the name above the text, in no part named the author
            text = text[len(author):].lstrip("\n")
        text, written_date = _split_date_line(text)
        title = _title(own, content, rules) if content is not None else None
        if title and text and title != author and not text.startswith(title):
            text = f"{title}\n\n{text}"
        date = date or written_date
        cid = (_comment_id(header, found.aliases.get(header, []), rules) if header is not None else None) \
            or _comment_id(root, found.aliases[root], rules) or _hash_id(author, date, text)
        ids[root] = cid
        mine = _anchors(root, found.aliases[root], own, cid, rules)
        parent = found.parent.get(root)
        parent_id = ids.get(parent) if parent is not None else (
            _parent_item(own) or _linked_parent(own, content, mine, anchors, rules))
        depth = _depth_mark(root, rules)
        while depths and depths[-1][0] >= depth:
            depths.pop()
        if parent_id is None and depth and depths:
            parent_id = depths[-1][1]  # the nearest earlier comment of a lower depth
        if text:
            depths.append((depth, cid))
            anchors.update(dict.fromkeys(mine, cid))
            out.append({"commentId": cid, "parentId": parent_id, "author": author,
                        "datePublished": date, "text": text})
    return out


def _depth_mark(root: Any, rules: _Rules) -> float:
    """A comment's depth in a flat list, as its markup marks it: a class name (Rhymix' ``indent1``, ``depth-2``)
    or its inline left margin (Gnuboard's ``margin-left:50px``); 0 without a mark."""
    for name in (root.get("class") or "").split():
        match = rules.depth_class.fullmatch(name)
        if match:
            return float(match.group(1))
    style = root.get("style")
    match = rules.depth_style.search(style) if style else None
    return float(match.group(1)) if match else 0.0


# ---------------------------------------------------------------- JSON-LD

def _is_comment_type(obj: Any) -> bool:
    kind = obj.get("@type") if isinstance(obj, dict) else None
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] == "Comment" for k in kinds)


def _ld_name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return normalize_space(value) or None if isinstance(value, str) else None


def _ld_ref(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url") or value.get("identifier")
    if isinstance(value, (str, int)):
        text = str(value)
        return text.rsplit("#", 1)[-1] if "#" in text else text
    return None


def _ld_comments(node: Any, parent_id: str | None, out: list[dict[str, Any]]) -> None:
    """Collect schema.org Comment objects under ``node``; a Comment's ``comment`` list holds its replies."""
    if isinstance(node, list):
        for item in node:
            _ld_comments(item, parent_id, out)
        return
    if not isinstance(node, dict):
        return
    if _is_comment_type(node):
        text = normalize_paragraphs(str(node.get("text") or node.get("description") or ""))
        author = _ld_name(node.get("author") or node.get("creator"))
        date = parse_date(node.get("datePublished") or node.get("dateCreated"))
        cid = _ld_ref(node.get("@id") or node.get("identifier") or node.get("url")) or _hash_id(author, date, text)
        parent = _ld_ref(node.get("parentItem")) or parent_id
        out.append({"commentId": cid, "parentId": parent, "author": author, "datePublished": date, "text": text})
    own_id = out[-1]["commentId"] if _is_comment_type(node) and out else None
    for key in _LD_NESTING_KEYS:
        if key in node:
            _ld_comments(node[key], own_id if key in ("comment", "comments") else None, out)


def _json_ld_comments(doc: Document) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for data in page_sources(doc).jsonld_values:  # parsed once, by the metadata step
        _ld_comments(data, None, out)
    return [c for c in out if c["text"]]


# ---------------------------------------------------------------- public API

def _dedupe(comments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[str] = set()
    out = []
    for comment in comments:
        if comment["commentId"] not in seen:
            seen.add(comment["commentId"])
            out.append(comment)
    return out


def extract_comments(page: Document | str | bytes, url: str = "") -> list[dict[str, Any]]:
    """Every comment on the page: ``{commentId, parentId, author, datePublished, text}``, page order."""
    doc = Document.of(page, url)
    comments = _html_comments(_analyse(doc), _rules())
    return _dedupe(comments or _json_ld_comments(doc))


def comment_section_nodes(doc: Document) -> list[Any]:
    """The elements holding the page's comments and comment form (outermost first, page order).

    Body extraction should leave these subtrees out. Shares its work with :func:`extract_comments`.
    """
    return list(_analyse(doc).sections)
