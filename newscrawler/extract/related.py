"""Related-article blocks → ``[{url, title}]``.

A block is found by its class or id (``#jp-relatedposts``, ``.yarpp-related``, ``.related-posts``),
by a heading over it ("Related Articles", "Mehr zum Thema", "À lire aussi", ...), or is a one-line
pointer in the text ("Lesen Sie auch: <a>"). Phrases and class words are data in
``rules/related.json``. Menus, comment sections and plain in-text links are left out.

Block starts are found without a walk over every element: class/id and tag searches over the page
(:mod:`.namesearch`), a quick look at the first words of headings and paragraphs, and in-text
pointers only on pages whose text holds a pointer phrase followed by a colon.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urldefrag

from lxml import etree
from w3lib.url import url_query_cleaner

from .comments import comment_section_nodes
from .document import Document
from .links import absolute_url
from .namesearch import name_words, named_indexes, search_parts, tag_indexes
from .text import any_of, fold_case, normalize_space

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_POINTER_TAGS = frozenset(("p", "li", "div"))  # may hold an in-text pointer ("Read also: <a>")
_TITLE_TAGS = frozenset(("div", "span", "p", "strong", "header", "legend"))  # may be a heading, named as a title
_BLOCK_CHILDREN = frozenset(("p", "div", "ul"))  # a div holding these is no in-text pointer
_TITLE_WORDS = frozenset({"title", "heading", "headline", "header", "hed", "label"})
_TITLE_HINT = any_of(_TITLE_WORDS)
_PUNCT = " \t:：.…»›→!-–—|"


@dataclass(frozen=True)
class _Rules:
    headings: frozenset[str]
    heading_prefixes: tuple[str, ...]
    inline: re.Pattern[str]
    class_words: frozenset[str]
    class_names: frozenset[str]
    exclude_words: frozenset[str]
    exclude_ancestor_words: frozenset[str]
    exclude_link_words: frozenset[str]
    ignore_prefixes: tuple[str, ...]
    generic_texts: frozenset[str]
    skip_url: re.Pattern[str]
    tracking: tuple[str, ...]  # query parameters that only say where a reader came from (utm_source, ...)
    max_links: int
    max_chars: int
    class_hint: re.Pattern[str]  # any class word or name inside a lower-case class or id: a quick first test
    name_parts: tuple[str, ...]  # pieces of the class names and ids of related blocks and of titles
    pointer_starts: tuple[str, ...]  # the first four letters of each in-text pointer phrase, case-folded
    heading_starts: tuple[str, ...]  # the same for the related headings and heading beginnings
    pointer_hints: tuple[re.Pattern[bytes], ...]  # a colon (":", "："), a pointer phrase before it; UTF-8 read backwards


def pointer_phrases() -> list[str]:
    """The phrases of in-text pointers to another article ("Read also", "Lesen Sie auch"), lower case,
    longest first (``inline_prefixes`` of ``rules/related.json``; the body leaves such lines out)."""
    return sorted(_rules_data()["inline_prefixes"], key=len, reverse=True)


@cache
def _rules_data() -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath("rules/related.json").read_text("utf-8"))


@cache
def _rules() -> _Rules:
    data = _rules_data()
    inline = pointer_phrases()
    return _Rules(
        headings=frozenset(fold_case(h) for group in data["headings"].values() for h in group),
        heading_prefixes=tuple(fold_case(p) for p in data["heading_prefixes"]),
        inline=re.compile(r"^\s*(?:" + "|".join(re.escape(p) for p in inline) + r")\s*[:：]", re.IGNORECASE),
        class_words=frozenset(data["class_words"]), class_names=frozenset(n.lower() for n in data["class_names"]),
        exclude_words=frozenset(data["exclude_words"]),
        exclude_ancestor_words=frozenset(data["exclude_ancestor_words"]),
        exclude_link_words=frozenset(data["exclude_link_words"]),
        ignore_prefixes=tuple(data["ignore_class_prefixes"]),
        generic_texts=frozenset(t.casefold() for t in data["generic_link_texts"]),
        skip_url=re.compile("|".join(f"(?:{p})" for p in data["skip_url_patterns"]), re.IGNORECASE),
        tracking=tuple(data["tracking_parameters"]),
        max_links=int(data["max_links"]), max_chars=int(data["max_chars"]),
        class_hint=any_of(w.lower() for w in [*data["class_words"], *data["class_names"]]),
        name_parts=search_parts([*data["class_words"], *data["class_names"], *_TITLE_WORDS]),
        pointer_starts=_starts_of(inline),
        heading_starts=_starts_of([h for group in data["headings"].values() for h in group] + data["heading_prefixes"]),
        pointer_hints=tuple(_backwards_pattern(colon, inline) for colon in ":："),
    )


_WIDE_COLON = "：".encode()[::-1]
_BACKWARDS_SPACE = rb"(?:\s|\xa0\xc2)"  # a space or a no-break space (UTF-8 C2 A0, read backwards)


def _backwards_pattern(colon: str, phrases: list[str]) -> re.Pattern[bytes]:
    """A pattern for UTF-8 text read backwards (bytes reversed): ``colon``, spaces, then one of
    ``phrases`` in any case (each letter's lower- and upper-case bytes, reversed). The phrases are
    a trie (``hcua(?:...)``): a colon is tried against one branch per letter, not against each phrase,
    and only when the byte after it may start a phrase or a space."""
    trie: dict[bytes, dict] = {}
    for phrase in phrases:
        node = trie
        for unit in _backwards_units(phrase):
            node = node.setdefault(unit, {})
        node[b""] = {}  # a phrase ends here
    ahead = b"(?=[" + b"".join(re.escape(bytes([b])) for b in sorted(_last_bytes(phrases))) + rb"\s\xa0])"
    return re.compile(re.escape(colon.encode()[::-1]) + ahead + _BACKWARDS_SPACE + b"*(?i:" + _trie_bytes(trie) + b")")


def _last_bytes(phrases: list[str]) -> set[int]:
    """The bytes that can come right after the colon in the backwards text when no space does: the last
    UTF-8 byte of each phrase's last letter, in either case. Most colons (in scripts, times, labels)
    fail this one test, so the trie is tried only at a few."""
    found: set[int] = set()
    for phrase in phrases:
        last = phrase.lower().rstrip()[-1]
        for variant in (last, last.upper()):
            end = variant.encode()[-1:]
            found.update((end.lower()[0], end.upper()[0]))  # the trie ignores the case of ASCII letters
    return found


def _backwards_units(phrase: str) -> list[bytes]:
    """The pattern of each letter of ``phrase`` and of each space between its words, last first."""
    def letter(ch: str) -> bytes:
        if ch == "i":  # also the dotted capital of Turkish ("İlgili"), which no case-insensitive byte match knows
            return b"(?:i|" + re.escape("İ".encode()[::-1]) + b")"
        if ch.isascii() or ch.upper() == ch:
            return re.escape(ch.encode()[::-1])
        return b"(?:" + re.escape(ch.encode()[::-1]) + b"|" + re.escape(ch.upper().encode()[::-1]) + b")"

    units: list[bytes] = []
    for i, word in enumerate(reversed(phrase.lower().split())):
        units += [_BACKWARDS_SPACE + b"+"] if i else []
        units += [letter(ch) for ch in reversed(word)]
    return units


def _trie_bytes(node: dict[bytes, dict]) -> bytes:
    branches = [unit + _trie_bytes(child) for unit, child in sorted(node.items()) if unit]
    if not branches:
        return b""
    body = branches[0] if len(branches) == 1 else b"(?:" + b"|".join(branches) + b")"
    return b"(?:" + body + b")?" if b"" in node else body


def _starts_of(phrases: list[str]) -> tuple[str, ...]:
    """The first four characters of each phrase, case-folded, without leading punctuation."""
    return tuple(sorted({fold_case(" ".join(p.split())).lstrip(_PUNCT)[:4] for p in phrases}))


def _words(el: Any) -> tuple[str, ...]:
    """Words of the id and of the classes of ``el`` that describe the element itself."""
    return _words_of(el.get("class") or "", el.get("id") or "")


@lru_cache(maxsize=8192)
def _words_of(classes: str, ident: str) -> tuple[str, ...]:
    ignored = _rules().ignore_prefixes
    tokens = [t for t in classes.split() if not t.lower().startswith(ignored)]
    return name_words(" ".join([*tokens, ident]))


# ---------------------------------------------------------------- finding blocks

@lru_cache(maxsize=8192)
def _is_related_name(classes: str, ident: str) -> bool:
    """True when the class attribute ``classes`` or the id ``ident`` names a related-articles block."""
    if not classes and not ident:
        return False
    rules = _rules()
    names = f"{classes} {ident}".lower()
    if not rules.class_hint.search(names):
        return False
    if frozenset(names.split()) & rules.class_names:
        return True
    words = _words_of(classes, ident)
    return not rules.class_words.isdisjoint(words) and rules.exclude_words.isdisjoint(words)


def is_related_heading(text: str) -> bool:
    """True when ``text`` is a heading of a related-articles block, in any language of the rules."""
    rules = _rules()
    phrase = fold_case(normalize_space(text)).strip(_PUNCT)
    return phrase in rules.headings or (len(phrase) < 80 and phrase.startswith(rules.heading_prefixes))


def _block_under_heading(heading: Any) -> list[Any]:
    """The elements a heading introduces: its following siblings, up to the next heading, at the
    first level up from the heading where links appear."""
    branch = heading
    for parent in heading.iterancestors():
        if parent.tag in ("body", "main", "article"):
            break
        if any(not _contains(heading, a) for a in parent.iter("a")):
            return _siblings_until_heading(branch)
        branch = parent
    return []


def _siblings_until_heading(branch: Any) -> list[Any]:
    parts = []
    for sibling in branch.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if _starts_with_heading(sibling):
            break
        parts.append(sibling)
    return parts


def _starts_with_heading(el: Any) -> bool:
    """True when ``el`` starts a new titled section: a heading without a link comes before any link."""
    for node in el.iter():
        if node.tag == "a":
            return False
        if node.tag in _HEADINGS and next(node.iter("a"), None) is None:
            return True
    return False


def _contains(outer: Any, el: Any) -> bool:
    return outer is el or any(a is outer for a in el.iterancestors())


def _excluded(parts: list[Any], blocked: list[Any], rules: _Rules) -> bool:
    """True for tag lists, ads and author boxes, and inside menus, breadcrumbs and comment sections."""
    first = parts[0]
    if any(_contains(b, first) for b in blocked) or any(not rules.exclude_words.isdisjoint(_words(p)) for p in parts):
        return True
    # (not <body>: its classes describe the page, as WordPress' "has-breadcrumbs" or "has-sidebar")
    return any(a.tag == "nav" or (a.tag not in ("body", "html")
                                  and not rules.exclude_ancestor_words.isdisjoint(_words(a)))
               for a in first.iterancestors())


def _too_big(parts: list[Any], rules: _Rules) -> bool:
    links = sum(1 for p in parts for _ in p.iter("a"))
    chars = sum(len(p.text_content()) for p in parts)
    return links == 0 or links > rules.max_links or chars > rules.max_chars


def related_blocks(doc: Document) -> list[list[Any]]:
    """The page's related-articles blocks, each as a list of elements, in page order (found once per page:
    the body leaves them out, :func:`extract_related_links` reads their links)."""
    blocks = doc.cache.get("related_blocks")
    if blocks is None:
        blocks = doc.cache["related_blocks"] = _blocks(doc, _rules())
    return blocks  # type: ignore[no-any-return]


def related_parts(doc: Document) -> list[Any]:
    """The elements of the page's related-articles blocks (:func:`related_blocks`), in page order."""
    return [part for parts in related_blocks(doc) for part in parts]


def _blocks(doc: Document, rules: _Rules) -> list[list[Any]]:
    """Related blocks, each as a list of elements, in page order (outermost class-named blocks)."""
    blocked = comment_section_nodes(doc)
    blocks: list[list[Any]] = []
    taken: set[Any] = set()  # every element inside a block already found
    elements, tags, classes, ids = doc.columns
    for i in _starts(doc, rules):
        el = elements[i]
        if el in taken:
            continue
        parts = _block_at(el, tags[i], classes[i], ids[i], rules)
        for k, part in enumerate(parts[1:], 1):  # a heading's run of siblings ends at a comment section
            if any(_contains(part, b) for b in blocked):
                parts = parts[:k]
                break
        if parts and not _too_big(parts, rules) and not _excluded(parts, blocked, rules):
            blocks.append(parts)
            for part in parts:
                taken.update(part.iter())
    return blocks


def _starts(doc: Document, rules: _Rules) -> list[int]:
    """Positions in ``doc.elements`` of the elements that may start a block (page order): named as a
    related block; headings and title-named elements whose text may be a related heading; and, on pages
    whose text holds an in-text pointer phrase ("Read also:"), paragraphs, list items and divs whose
    text may begin with it."""
    elements, tags, classes, ids = doc.columns
    found = set()
    for i in named_indexes(doc, rules.name_parts):
        if _is_related_name(classes[i], ids[i]) or (
                tags[i] in _TITLE_TAGS and _may_start(elements[i], rules.heading_starts)):
            found.add(i)
    found.update(i for i in tag_indexes(doc, (*_HEADINGS, "dt")) if _may_start(elements[i], rules.heading_starts))
    if _may_hold_pointer(doc, rules):
        found.update(i for i in tag_indexes(doc, _POINTER_TAGS) if _may_start_pointer(elements[i], rules))
    return sorted(found)


def _may_hold_pointer(doc: Document, rules: _Rules) -> bool:
    """False when no text of the page holds an in-text pointer phrase and its colon ("Lesen Sie auch:").
    One search of the whole text, read backwards so that each try starts at a colon (fast); phrases
    written with entities, zero-width characters or decomposed accents are not looked for."""
    backwards = etree.tostring(doc.body, method="text", encoding="utf-8")[::-1]  # bytes: no decoding (fast)
    ascii_colon, wide_colon = rules.pointer_hints  # a literal first character each: a fast search
    return ascii_colon.search(backwards) is not None or (
        _WIDE_COLON in backwards and wide_colon.search(backwards) is not None)


def _may_start_pointer(el: Any, rules: _Rules) -> bool:
    """A quick test: False when ``el`` cannot be an in-text pointer, as its first words show."""
    if el.tag == "div" and any(c.tag in _BLOCK_CHILDREN for c in el):
        return False
    return _may_start(el, rules.pointer_starts)


def _may_start(el: Any, starts: tuple[str, ...]) -> bool:
    """A quick test: False when the first text of ``el`` shows that its whole text cannot begin with
    one of ``starts`` (four letters, case-folded); True when unsure (a very short first text)."""
    head = _first_text(el, 3)
    if head is None:
        return False
    start = fold_case(" ".join(head[:40].split())).lstrip(_PUNCT)
    return len(start) < 4 or not start[0].isalpha() or start.startswith(starts)


def _first_text(el: Any, depth: int) -> str | None:
    """The first text of ``el`` that is not blank, None if it has none, "" if it lies deeper than
    ``depth`` levels."""
    text = el.text
    if text and not text.isspace():
        return text
    for child in el:
        if isinstance(child.tag, str):
            found = _first_text(child, depth - 1) if depth > 1 else ""
            if found is not None:
                return found
        text = child.tail
        if text and not text.isspace():
            return text
    return None


def _block_at(el: Any, tag: str, classes: str, ident: str, rules: _Rules) -> list[Any]:
    """The block ``el`` starts: itself if named or an in-text pointer, what it heads if a heading."""
    named = classes or ident
    if named and tag not in ("a", "body", "main") and _is_related_name(classes, ident):
        return [el]
    # (a definition list's <dt> heads its <dd>: DedeCMS' "<dl class=tbox><dt>相关文章</dt><dd>...")
    if (tag in _HEADINGS or tag == "dt" or (named and _looks_like_heading(el, tag, classes, ident))) \
            and is_related_heading(el.text_content()):
        return _block_under_heading(el)
    if tag in ("p", "li", "div") and _is_inline_pointer(el, rules):
        return [el]
    return []


def _looks_like_heading(el: Any, tag: str, classes: str, ident: str) -> bool:
    if tag in _HEADINGS:
        return True
    return tag in _TITLE_TAGS and _is_title_name(classes, ident) \
        and len(el.text_content()) < 100 and next(el.iterancestors("a"), None) is None


@lru_cache(maxsize=8192)
def _is_title_name(classes: str, ident: str) -> bool:
    """True when a class or the id names a title ("entry-title", "headline")."""
    if _TITLE_HINT.search(f"{classes} {ident}".lower()) is None:
        return False
    return not _TITLE_WORDS.isdisjoint(_words_of(classes, ident))


def _is_inline_pointer(el: Any, rules: _Rules) -> bool:
    """A short paragraph "Read also: <a>Title</a>" pointing to another article."""
    if el.tag == "div" and any(c.tag in _BLOCK_CHILDREN for c in el):
        return False
    if next(el.iter("a"), None) is None:
        return False
    text = el.text_content()
    if len(text) > 400 or not _may_hold_colon(text):
        return False
    return rules.inline.match(normalize_space(text)) is not None


def _may_hold_colon(text: str) -> bool:
    """False when ``text`` cannot hold the colon of "Read also:", even once entities are decoded."""
    return ":" in text or "：" in text or "&" in text


# ---------------------------------------------------------------- links of a block

def _item_heading(a: Any, block: Any) -> str | None:
    """The longest heading of the teaser holding ``a``, for image or "Read more" links."""
    for item in a.iterancestors():
        if item is block:
            break
        texts = [normalize_space(h.text_content()) for h in item.iter(*_HEADINGS)]
        if any(texts):
            return max(texts, key=len)
    return None


def _own_title(a: Any, rules: _Rules) -> str | None:
    """The link's own text (its longest heading when the link wraps a whole teaser: not the section label
    above the title); None for "Read more"."""
    inner = max(a.iter(*_HEADINGS), key=lambda h: len(normalize_space(h.text_content())), default=None)
    if inner is None or not normalize_space(inner.text_content()):
        inner = next((e for e in a.iter() if not _TITLE_WORDS.isdisjoint(_words(e)) and normalize_space(e.text_content())), a)
    text = normalize_space(inner.text_content()).strip(_PUNCT.replace(".", ""))
    # (no letter: a comment count or a page number, never a story's title)
    if text and any(ch.isalpha() for ch in text) and not _is_generic(text, rules) and not is_related_heading(text):
        return text
    return None


def _fallback_title(a: Any, block: Any, rules: _Rules) -> str | None:
    """A title for a link without text: the teaser's heading, the link's title or the image's alt (not a
    generic one such as "Read More")."""
    img = next(a.iter("img"), None)
    fallback = normalize_space(a.get("title") or (img.get("alt") if img is not None else None) or "")
    if _is_generic(fallback, rules):
        fallback = ""
    return _item_heading(a, block) or fallback or None


def _is_generic(text: str, rules: _Rules) -> bool:
    """True for a link text that names no story ("Read more", "Weiterlesen": ``generic_link_texts``)."""
    return text.casefold() in rules.generic_texts


def _wanted(a: Any, url: str | None, here: str, part: Any, rules: _Rules) -> bool:
    """False for the page itself, section/tag/author links (by URL or class) and template placeholders."""
    if url is None or url == here or rules.skip_url.search(url) or "{{" in a.text_content():
        return False
    for el in (a, *a.iterancestors()):
        if el is part:
            return True
        if not rules.exclude_link_words.isdisjoint(_words(el)):
            return False
    return True


def _item_of(a: Any, part: Any) -> Any:
    """The teaser ``a`` belongs to: its ``li`` or ``article``, else the first element up from ``a`` that
    repeats among its siblings (a card ``div``), else the child of ``part`` holding it."""
    for el in a.iterancestors():
        if el is part:
            break
        if el.tag in ("li", "article"):
            return el
    child = a
    for el in a.iterancestors():
        if el is part or _repeats(child):
            return child
        child = el
    return child


def _repeats(el: Any) -> bool:
    """True when ``el`` has a sibling element of the same tag (one of a row of teasers)."""
    parent = el.getparent()
    return parent is not None and sum(1 for c in parent if c.tag == el.tag) > 1


def _block_links(part: Any, base: str, here: str, rules: _Rules) -> list[dict[str, Any]]:
    """One link per teaser of a block: the one with the longest title (category and author links lose)."""
    anchors = []
    own: dict[str, str] = {}
    headed: set[str] = set()  # the URLs whose title is a heading's
    for a in part.iter("a"):
        url = absolute_url(base, a.get("href"))
        if url is not None and _wanted(a, url := _without_tracking(url, rules), here, part, rules):
            anchors.append((a, url))
            if url not in headed:  # the first title, unless a later link to the same page is the teaser's heading
                title = _own_title(a, rules)
                if title and _is_heading_link(a):
                    own[url] = title
                    headed.add(url)
                else:
                    own[url] = own.get(url) or title or ""
    best: dict[Any, dict[str, Any]] = {}
    for a, url in anchors:
        title = own[url] or _fallback_title(a, part, rules)
        if title is None and _is_generic(normalize_space(a.text_content()), rules):
            continue  # a block's own "Read more" to its section, not one teaser's
        item = _item_of(a, part)
        if item not in best or len(title or "") > len(best[item]["title"] or ""):
            best[item] = {"url": url, "title": title}
    links = list(best.values())
    if len(links) == 1 and links[0]["title"] is None:
        links[0]["title"] = _teaser_heading(part)
    return links


def _is_heading_link(a: Any) -> bool:
    """True for a link in a heading or holding one: a teaser's headline, not its picture's label ("mit Audio")
    or its section ("Politik")."""
    return next(a.iter(*_HEADINGS), None) is not None or any(el.tag in _HEADINGS for el in a.iterancestors())


def _without_tracking(url: str, rules: _Rules) -> str:
    """``url`` less its campaign parameters (``utm_source=...``): the address of the page itself."""
    if "utm_" not in url:  # (the common case, answered without parsing)
        return url
    return url_query_cleaner(url, rules.tracking, remove=True, unique=False)


def _teaser_heading(part: Any) -> str | None:
    """The longest heading of a one-link block that is not the block's own label ("Read also")."""
    texts = [normalize_space(h.text_content()) for h in part.iter(*_HEADINGS)]
    texts = [t for t in texts if t and not is_related_heading(t)]
    return max(texts, key=len) if texts else None


def extract_related_links(doc: Document) -> list[dict[str, Any]]:
    """Links from the page's related-articles blocks, not navigation or in-body links; page order."""
    rules = _rules()
    here = _without_tracking(urldefrag(doc.url)[0], rules)
    found: dict[str, dict[str, Any]] = {}
    for parts in related_blocks(doc):
        for part in parts:
            for link in _block_links(part, doc.base_url, here, rules):
                if link["url"] not in found:
                    found[link["url"]] = link
                elif found[link["url"]]["title"] is None:
                    found[link["url"]]["title"] = link["title"]
    return list(found.values())
