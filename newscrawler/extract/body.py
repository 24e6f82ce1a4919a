"""Main-content detection: the article's text with paragraphs kept.

Two passes over the parsed tree, neither of which modifies it:

1. **Choose.** Every paragraph (``p``, ``pre``, ``td``, and any element holding a long text node
   of its own) outside skipped subtrees (scripts, forms, hidden boxes, comment sections by class
   and those found by the comments module ... see ``rules/content.json``) gives points to its
   container and fewer to each ancestor above it (the readability scheme). Link density and
   class/id hints adjust the scores; a positive hint counts in full only for a container holding a
   fair share of the page's long paragraphs. The best container may then grow: to a parent that
   scores as well, to an ancestor holding more chunks of the same kind (articles split by ad
   slots), to a near ancestor the page marks as the article text (``entry-content`` ...) holding
   more of it, and by sibling blocks that read like more of the article. If it writes nothing, the
   runner-up outside it is taken. A standfirst before it (repeating the meta description, or
   hinted as a lead) opens the body, unless it is a sub-heading beside the <h1> (a subtitle).
2. **Write.** The chosen containers are written block by block: block elements start a new
   paragraph, ``<br>`` a new line; subtrees with negative class hints (share bars, bylines,
   related links, captions ...) are left out unless they hold a fair share of the article's long
   paragraphs (and are not a list of story teasers), and so are link lists, story cards and
   "Read more:" lines (unless the post is little more than its links: a link roll). Whole-line
   boilerplate, bylines, datelines, the repeated headline, a closing contact block and trailing
   headings whose section was left out are dropped.
"""

from __future__ import annotations

import functools
import json
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

from lxml import etree

from .boilerplate import is_boilerplate, strip_boilerplate
from .comments import comment_section_nodes
from .document import Document
from .related import pointer_phrases, related_parts
from .text import any_of, clean_unicode, normalize_paragraphs, normalize_space

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = "p|div|section|article|ul|ol|table|blockquote|pre|h1|h2|h3|h4|h5|h6|dl"
#: Paragraphs, and the elements that directly hold a long text node (text in a <div>, tails after <br>).
#: (``descendant::text()[...]``, not ``.//text()[...]``: libxml2 cannot shorten ``//`` before a predicate
#: and would then gather the text children of every node one by one, 20 % slower; ``normalize-space()``,
#: not ``normalize-space(.)``, which makes a node-set of each text node first, 20 % slower again.)
_CANDIDATES = etree.XPath(".//p | .//pre | .//td | descendant::text()[string-length(normalize-space()) > 24]/..")
_BLOCK_CHILDREN = frozenset(_BLOCKS.split("|"))
_HAS_HEADING = etree.XPath("boolean(.//h1 | .//h2 | .//h3 | .//h4 | .//h5 | .//h6)")
_HAS_BLOCK_CHILD = etree.XPath("boolean(div | p | figure | section | article | ul | ol | table)")
_LINKED_HEADING = etree.XPath("boolean(.//h2//a | .//h3//a | .//h4//a | .//a//h2 | .//a//h3 | .//a//h4)")
_INLINE = frozenset({"a", "span", "b", "strong", "em", "i", "u", "font", "small", "big", "sup", "sub", "abbr",
                     "cite", "q", "mark", "time", "code", "s", "strike", "ins", "del", "label", "bdi", "bdo", "tt"})
_DIRECT_TEXT = etree.XPath("text()", smart_strings=False)
_TEXT_LENGTH = etree.XPath("string-length(normalize-space())")
_DESCRIPTION = etree.XPath(
    "/html/head/meta[@name='description' or @property='og:description' or @name='twitter:description']/@content",
    smart_strings=False)
_DESCRIPTION_PREFIX = 20
_JSONLD = etree.XPath("//script[@type='application/ld+json']/text()", smart_strings=False)
_SHORT_BODY = 300  # characters: below this, a longer JSON-LD articleBody is preferred
_LINK_POST = 3  # a short text beside link lists this many times longer is a list of links (they are kept)
_LINK_TEXT = etree.XPath(".//a[@href]//text()", smart_strings=False)  # <a name=...> is a jump target, not a link
_MIN_PARAGRAPH = 25
_LONG_PARAGRAPH = 80
_LENGTH_NEEDED = 300  # a paragraph's length counts up to this (one point per 100 characters, up to 3)
_CHUNK_LEVELS = 6
_MARKED_LEVELS = 4  # ancestors of the best container looked at for one marked as the article text
_MARKED_MORE = 1.2  # ... which then must hold this much more long-paragraph text
_CHUNK_LINKS = 0.25  # link density below which a box like the article's is more of its text
_HINT_SHARE = 0.4  # share of the page's long-paragraph weight a container needs for its full class bonus
_LEAD_LEVELS = 7  # ancestors of the article text whose earlier siblings may hold its standfirst
_LEAD_SEARCH = 150  # elements looked at in each block before the article text
_LEAD_HEADING = 150  # characters: a heading this long that ends a sentence is a standfirst typed as a heading
_SENTENCE_END = (".", "!", "?", "\"", "“", "”", "»", "«")
_WORDS = re.compile(r"\w+")
_DIGIT = re.compile("[0-9]")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b")
_BYLINE = 120  # characters: no byline, credit or dateline is longer
_SEE_ALSO_SHORT = 400  # characters: a shorter block that is mostly a link is a "see also" line
_CONTACT_LABEL = 60  # characters: no "Contact:" label is longer
_CONTACT_LINE = 100  # characters: longer lines after a "Contact:" label are text, not an address
_COMMAS = (",", "，", "、", "،", "。")
_BREAK = "\x00"  # a line break (<br>, or a new line in <pre>) while a paragraph is being written


@dataclass(frozen=True)
class _Rules:
    skip_tags: frozenset[str]
    layout_tags: frozenset[str]
    block_tags: frozenset[str]
    hints: _HintNames  # class/id hint patterns: unlikely, negative, positive, strong_positive, lead
    lead_words: re.Pattern[str] | None  # found in every class/id (lower case) with a lead hint
    unlikely_words: re.Pattern[str] | None  # found in every class/id (lower case) with an unlikely hint
    byline: re.Pattern[str]
    hidden: re.Pattern[str]
    generic_class: re.Pattern[str]
    date_words: frozenset[str]
    date_fillers: frozenset[str]
    see_also: re.Pattern[str]
    contact_label: re.Pattern[str]


def _alternation(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_WHOLE_PART = re.compile(r"\(\^\|\[-_ \]\)(?P<x>.+)\(\[-_ \]\|\$\)")  # (^|[-_ ])x([-_ ]|$)
_PART_START = re.compile(r"\(\^\|\[-_ \]\)(?P<x>.+)")  # (^|[-_ ])x
_FIRST_PART = re.compile(r"\^(?P<x>.+)\(\[-_\]\|\$\)")  # ^x([-_]|$)
_MAX_SPELLINGS = 200


class _HintNames:
    """Classifies one class name or id (lower case, no spaces) by the hint patterns of each kind of
    ``rules/content.json`` (``unlikely``, ``negative`` ...) into that kind's bit.

    The same result as searching each kind's patterns as regular expressions, only several times
    faster: the patterns are spelt out (``article-?body`` is "articlebody" and "article-body") into one
    trie of words, matched once at every position of the name, and the patterns bounded by name parts
    (``(^|[-_ ])nav([-_ ]|$)``) are looked up among the parts of the name split at '-' and '_'. A
    pattern that cannot be spelt out stays a regular expression."""

    def __init__(self, kinds: Iterable[tuple[int, Iterable[str]]]) -> None:
        words: dict[str, int] = {}
        self._whole: dict[str, int] = {}  # a part equal to one of these
        self._first: dict[str, int] = {}  # the first part equal to one of these
        self._starts: list[tuple[str, int]] = []  # a part starting with one of these
        self._other: list[tuple[re.Pattern[str], int]] = []
        self._spelt: dict[int, set[str]] = {}  # every spelling of each kind's patterns
        for bit, patterns in kinds:
            for pattern in patterns:
                self._add(pattern.lower(), bit, words)
        # the longest word found at a position stands for every word it starts with
        self._word_bits = {word: _prefix_bits(word, words) for word in words}
        self._words = re.compile(f"(?=({any_of(words).pattern}))") if words else None

    def _add(self, pattern: str, bit: int, words: dict[str, int]) -> None:
        for form, table in ((_WHOLE_PART, self._whole), (_PART_START, None), (_FIRST_PART, self._first)):
            found = form.fullmatch(pattern)
            spellings = _spellings(found["x"]) if found else None
            if spellings is not None:
                self._spelt.setdefault(bit, set()).update(spellings)
                for spelling in spellings:
                    if table is None:
                        self._starts.append((spelling, bit))
                    else:
                        table[spelling] = table.get(spelling, 0) | bit
                return
        spellings = _spellings(pattern)
        if spellings is None:
            self._other.append((re.compile(pattern), bit))
            return
        self._spelt.setdefault(bit, set()).update(spellings)
        for spelling in spellings:
            words[spelling] = words.get(spelling, 0) | bit

    def words_of(self, bit: int) -> re.Pattern[str] | None:
        """A pattern that finds a word in every name (lower case) of kind ``bit``: most names can be
        ruled out by one search. None when some pattern of that kind cannot be spelt out."""
        if any(found & bit for _, found in self._other):
            return None
        return any_of(self._spelt.get(bit, ()))

    def bits(self, name: str) -> int:
        """The bits of the kinds whose patterns occur in ``name``."""
        found = 0
        if self._words is not None:
            for word in self._words.findall(name):
                found |= self._word_bits[word]
        parts = _name_parts(name)
        found |= self._first.get(parts[0], 0)
        for part in parts:
            found |= self._whole.get(part, 0)
            for prefix, bit in self._starts:
                if part.startswith(prefix):
                    found |= bit
        for pattern, bit in self._other:
            if pattern.search(name):
                found |= bit
        return found


def _prefix_bits(word: str, words: dict[str, int]) -> int:
    """The bits of ``word`` and of every shorter word that it starts with."""
    return functools.reduce(operator.or_, (words.get(word[:end], 0) for end in range(1, len(word) + 1)))


def _name_parts(name: str) -> list[str]:
    """The parts of a class name or id between '-' and '_' (as a regular expression's '$' also
    matches before a final line break, one is dropped)."""
    return name.removesuffix("\n").replace("_", "-").split("-")


def _spellings(pattern: str) -> list[str] | None:
    """Every string that the regular expression ``pattern`` matches, if it is made only of plain
    characters, groups of alternatives and optional parts (``lead(er)?``, ``tags?``); else None."""
    try:
        spellings, end = _alternatives(pattern, 0)
    except ValueError:
        return None
    return spellings if end == len(pattern) and all(spellings) else None


def _alternatives(pattern: str, start: int) -> tuple[list[str], int]:
    """The spellings of ``pattern`` from ``start`` up to a closing ')' or its end, and where that is."""
    spellings: list[str] = []
    current = [""]
    i = start
    while i < len(pattern) and pattern[i] != ")":
        char = pattern[i]
        if char == "|":
            spellings += current
            current, i = [""], i + 1
            continue
        if char == "(":
            atom, i = _alternatives(pattern, i + 1)
            if i >= len(pattern):
                raise ValueError("unclosed group")
            i += 1
        elif char in "\\.*+[]{}^$?":
            raise ValueError("not a plain pattern")
        else:
            atom, i = [char], i + 1
        if i < len(pattern) and pattern[i] == "?":
            atom, i = atom + [""], i + 1
        current = [head + tail for head in current for tail in atom]
        if len(current) > _MAX_SPELLINGS:
            raise ValueError("too many spellings")
    return spellings + current, i


def _see_also(own: list[str]) -> list[str]:
    """The phrases of a "Read more:" line: ``see_also`` of the rules and every in-text pointer phrase of
    the related-links rules, longest first."""
    return sorted(set(own) | set(pointer_phrases()), key=lambda phrase: (-len(phrase), phrase))  # a stable order


@cache
def _rules() -> _Rules:
    data = json.loads(resources.files(__package__).joinpath("rules/content.json").read_text("utf-8"))
    hints = _HintNames((bit, data[kind]) for bit, kind in ((_UNLIKELY, "unlikely"), (_NEGATIVE, "negative"),
                       (_POSITIVE, "positive"), (_STRONG, "strong_positive"), (_LEAD, "lead")))
    return _Rules(
        skip_tags=frozenset(data["skip_tags"]),
        layout_tags=frozenset(data["layout_tags"]),
        block_tags=frozenset(data["block_tags"]),
        hints=hints,
        lead_words=hints.words_of(_LEAD),
        unlikely_words=hints.words_of(_UNLIKELY),
        byline=_alternation(data["byline"]),
        hidden=_alternation(data["hidden"]),
        generic_class=re.compile(data["generic_classes"], re.IGNORECASE),
        date_words=frozenset(data["date_words"]),
        date_fillers=frozenset(data["date_fillers"]),
        see_also=re.compile("(?:" + "|".join(map(re.escape, _see_also(data["see_also"]))) + r")\s*[:：»>|]",
                            re.IGNORECASE),
        contact_label=re.compile("(?:" + "|".join(data["contact_labels"]) + r")\s*:?", re.IGNORECASE),
    )


@dataclass
class ArticleText:
    """The article body as plain text, and the ``<img>`` elements met in the markup it was written from."""

    text: str = ""
    pictures: list[Any] = field(default_factory=list)
    #: The innermost block element the text's last written paragraph came from (None when none did).
    last_block: Any = None


def extract_body(doc: Document, headline: str | None = None) -> str:
    """The article body as plain text, paragraphs separated by one blank line."""
    return read_body(doc, headline).text


def read_body(doc: Document, headline: str | None = None) -> ArticleText:
    """The article body (:func:`extract_body`) with the pictures of its markup, in page order (none when
    the text is the page's JSON-LD ``articleBody``)."""
    # (a part without a link, such as the sentence that introduces a list of links, is the author's text)
    related = [part for part in related_parts(doc) if next(part.iter("a"), None) is not None]
    finder = _ContentFinder(_rules(), doc.body, _descriptions(doc.tree), comment_section_nodes(doc), related)
    roots = finder.content_roots(doc.body)
    if not roots:
        return ArticleText(_declared_body(doc))
    body = _write(finder, roots, headline)
    if not body.text:  # the best container was all links or widgets: the runner-up
        roots = finder.content_roots(doc.body, exclude=roots[0])
        body = _write(finder, roots, headline) if roots else ArticleText()
    lead = finder.lead_before(roots[0]) if body.text else None
    if lead is not None:
        first = _write(finder, [lead], headline, trim=False)
        body = ArticleText("\n\n".join(filter(None, (first.text, body.text))), first.pictures + body.pictures,
                           body.last_block)
    if len(body.text) < _SHORT_BODY:
        declared = _declared_body(doc)
        if len(declared) > 2 * len(body.text):
            return ArticleText(declared)
    return body


def _write(finder: _ContentFinder, roots: list[Any], headline: str | None, trim: bool = True,
           keep_links: bool = False) -> ArticleText:
    """The cleaned text of ``roots`` (``trim``: without headings left dangling at the end). When the
    link lists left out hold much more text than what is left, the post is a list of links (a link
    roll, a reading list): it is written again with its links."""
    writer = _Writer(finder, keep_links)
    for root in roots:
        writer.write(root)
    paragraphs = _clean_paragraphs(writer, headline, finder.rules, trim)
    body = "\n\n".join(paragraphs)
    if body and len(body) < _SHORT_BODY and writer.left_out_links > _LINK_POST * len(body):
        return _write(finder, roots, headline, trim, keep_links=True)
    return ArticleText(body, writer.pictures, writer.block_of(paragraphs[-1]) if paragraphs else None)


def _declared_body(doc: Document) -> str:
    """The JSON-LD ``articleBody`` of the page, cleaned ("" if none): a fallback when the markup
    gives little (text rendered by scripts, paywalls)."""
    nodes = doc.cache.get("jsonld")
    if nodes is None:
        nodes = list(_jsonld_nodes(doc.tree))
    for node in nodes:
        text = node.get("articleBody") if isinstance(node, dict) else None
        if isinstance(text, str) and text.strip():
            return strip_boilerplate(normalize_paragraphs(text))
    return ""


def _jsonld_nodes(tree: Any) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object of the page, arrays and ``@graph`` flattened (bad JSON skipped)."""
    for script in _JSONLD(tree):
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):  # RecursionError: absurdly nested arrays/objects
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])


def _descriptions(tree: Any) -> tuple[str, ...]:
    """The page's distinct meta/OpenGraph/Twitter descriptions in comparison form, leaving out short
    ones (a site-wide meta description often stands beside the article's own og:description)."""
    found: list[str] = []
    for content in _DESCRIPTION(tree):
        key = _key(content)
        if len(key) >= 40 and key not in found:
            found.append(key)
    return tuple(found)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _key_prefix(text: str, length: int) -> str:
    """``_key(text)[:length]``, without normalising all of a long text."""
    if len(text) > 10 * length:
        head = _key(text[:10 * length])
        if len(head) > length:
            return head[:length]
    return _key(text)[:length]


# --------------------------------------------------------------------------- pass 1: scoring


class _Hint(NamedTuple):
    """What an element's class/id says about it."""

    weight: float  # added to its score as a candidate container
    unlikely: bool  # a comment section: never content
    negative: bool  # a widget inside the article (share bar, byline, related, ...), unless marked as the text
    lead: bool  # a standfirst


_hint_cache: dict[str, _Hint] = {}
_token_cache: dict[str, int] = {}  # one class name or id (lower-cased) → its _HINT_* bits
_hidden_cache: dict[str, bool] = {}  # class attribute → hidden by a CSS utility class (memoised)
_lead_cache: dict[str, bool] = {}  # class/id hint → a standfirst's hint (memoised)
_unlikely_cache: dict[str, bool] = {}  # class/id hint → a comment section's hint (memoised)
_UNLIKELY, _NEGATIVE, _POSITIVE, _STRONG, _LEAD = 1, 2, 4, 8, 16
_UNLIKELY_KIND, _LEAD_KIND = operator.attrgetter("unlikely"), operator.attrgetter("lead")


def _hint_of(hint: str, rules: _Rules) -> _Hint:
    """Classify a class/id string (memoised: pages repeat their classes).

    The hint patterns never span a space, so the string is classified name by name, and each
    name is memoised on its own (pages and sites share their class names)."""
    known = _hint_cache.get(hint)
    if known is not None:
        return known
    bits = 0
    for token in hint.split(" "):
        if token:
            found = _token_cache.get(token)
            if found is None:
                found = _token_bits(token, rules)
            bits |= found
    result = _hint_of_bits(bits)
    if len(_hint_cache) > 50_000:
        _hint_cache.clear()
    _hint_cache[hint] = result
    return result


@cache
def _hint_of_bits(bits: int) -> _Hint:
    """The hint of class/id names whose patterns are ``bits`` (one shared object per value: the
    memo of hints then holds no object of its own per entry for the garbage collector to visit)."""
    strong = bool(bits & _STRONG)
    if bits & _UNLIKELY:
        return _Hint(-50.0, True, True, False)
    negative = bool(bits & _NEGATIVE)
    weight = (35.0 if strong else 25.0 if bits & (_POSITIVE | _STRONG) else 0.0) - (25.0 if negative else 0.0)
    return _Hint(weight, False, negative and not strong, bool(bits & _LEAD))


def _hint_says(hint: str, words: re.Pattern[str] | None, kind: Callable[[_Hint], bool], memo: dict[str, bool],
               rules: _Rules) -> bool:
    """``kind`` of the class/id hint ``hint`` (memoised in ``memo``). ``words`` (see
    :meth:`_HintNames.words_of`) rules out most hints without classifying them (their names are new on
    most pages, and classifying a name costs a few microseconds)."""
    said = memo.get(hint)
    if said is None:
        said = (words is None or words.search(hint.lower()) is not None) and kind(_hint_of(hint, rules))
        if len(memo) > 50_000:
            memo.clear()
        memo[hint] = said
    return said


def _token_bits(token: str, rules: _Rules) -> int:
    """The hint patterns (``_UNLIKELY`` ... bits) found in one class name or id (memoised)."""
    bits = rules.hints.bits(token.lower())
    if len(_token_cache) > 50_000:
        _token_cache.clear()
    _token_cache[token] = bits
    return bits


def _hidden_class(cls: str, rules: _Rules) -> bool:
    """True when the class attribute ``cls`` hides its element (a CSS utility class; memoised)."""
    hidden = _hidden_cache.get(cls)
    if hidden is None:
        if len(_hidden_cache) > 50_000:
            _hidden_cache.clear()
        hidden = _hidden_cache[cls] = rules.hidden.search(cls) is not None
    return hidden


_NOT_HINTED = frozenset({"body", "html", "main", "article"})  # their class/id never skips them


def _hint_text(el: Any) -> str:
    """The class/id hint words of ``el``; a custom element's tag name (``<pp-inline-teaser>``) is one too."""
    return _hint_words(el.get("class"), el.get("id"), el.tag)


def _hint_words(cls: str | None, ident: str | None, tag: str) -> str:
    """:func:`_hint_text` from the class and id values and the tag (for a caller that read them already)."""
    hint = f"{cls} {ident}" if cls and ident else cls or ident or ""
    return f"{hint} {tag}" if "-" in tag else hint


class _ContentFinder:
    """Scores containers of paragraph text and picks the article's."""

    def __init__(self, rules: _Rules, body: Any, descriptions: tuple[str, ...] = (),
                 comments: Iterable[Any] = (), related: Iterable[Any] = ()) -> None:
        self.rules = rules
        self.body = body
        #: The page's comment sections (found by the comments module): never article text.
        self.comments = frozenset(comments)
        #: The page's related-articles blocks (found by the related module): left out of the chosen container's
        #: text, unless one holds most of it.
        self.related = frozenset(related)
        #: The page's meta descriptions (comparison form), to recognise a standfirst.
        self.descriptions = descriptions
        self._skip_tags, self._layout_tags = rules.skip_tags, rules.layout_tags
        self._skipped: dict[Any, bool] = {}
        self._ancestors: dict[Any, list[Any]] = {}  # a paragraph's container → it and its ancestors
        self._paragraph_counts: dict[Any, int] = {}
        #: Sum of the weights of long paragraphs inside each element (all ancestors, not only five levels).
        self.good: dict[Any, float] = {}
        self.long_paragraphs: dict[Any, int] = {}
        self._scores: dict[Any, float] | None = None

    def is_skipped(self, el: Any, within: Any = None) -> bool:
        """True when ``el`` itself (not its ancestors) is never article text.

        ``within`` is the chosen article container when writing it out (stricter: every negative
        class hint counts); ``None`` while choosing it (only comment-section hints count).
        """
        tag = el.tag
        if not isinstance(tag, str) or tag in self._skip_tags or el in self.comments:
            return True
        if within is not None and el in self.related and not self._holds_most_text(el, within):
            return True  # (while choosing the container, a related block only scores)
        names = el.keys()  # attribute names
        if not names and "-" not in tag:  # no attributes (many elements): only the tag can tell
            return tag in self._layout_tags and not self._is_wrapper(el, within)
        cls = el.get("class")  # read once: lxml makes a new string on every read
        if (tag in self._layout_tags or (cls and _hidden_class(cls, self.rules))
                or _is_hidden(el, names)):
            return not self._is_wrapper(el, within)
        if tag in _NOT_HINTED:
            return False
        hint = _hint_words(cls, el.get("id"), tag)
        if not hint:
            return False
        if within is None:  # only a comment section's hint counts: most hints need no classifying
            unlikely = _hint_says(hint, self.rules.unlikely_words, _UNLIKELY_KIND, _unlikely_cache, self.rules)
            return unlikely and not self._is_wrapper(el, within)
        kind = _hint_cache.get(hint) or _hint_of(hint, self.rules)
        if kind.unlikely or (kind.negative and not self._is_lead_box(el, kind, within)):
            return not self._is_wrapper(el, within)
        return False

    def _is_lead_box(self, el: Any, kind: _Hint, within: Any) -> bool:
        """True when ``el`` is hinted as a standfirst (``teaser-text``) inside the article container
        ``within``, before its text, and in no box there with a negative hint (the teasers of other stories).
        After the text, a "lead" word names something else (Wagtail's ``blog__tag-introduction`` line)."""
        if not kind.lead or self._after_text(el, within):
            return False
        for node in el.iterancestors():
            if node is within:
                return True
            hint = _hint_text(node)
            if hint and _hint_of(hint, self.rules).negative:
                return False
        return False

    def _after_text(self, el: Any, within: Any) -> bool:
        """True when a long paragraph of ``within`` comes before ``el``."""
        node = el
        while node is not None and node is not within:
            for sibling in node.itersiblings(preceding=True):
                if self.long_paragraphs.get(sibling) or (
                        sibling.tag == "p" and len(_text_of(sibling)) >= _LONG_PARAGRAPH):
                    return True
            node = node.getparent()
        return False

    def _holds_article_text(self, el: Any, within: Any) -> bool:
        """True when ``el`` holds a fair share of the long paragraphs of ``within``."""
        count = self.long_paragraphs.get(el, 0)
        if not count:
            return False
        total = max(1.0, self.good.get(within, 0.0))
        # one long paragraph may be a caption, a byline box or a teaser: it must weigh more
        if self.good.get(el, 0.0) / total >= (0.1 if count >= 2 else 0.25):
            return True
        return self._run_weight(el) / total >= 0.5

    def _holds_most_text(self, el: Any, within: Any) -> bool:
        """True when ``el`` holds at least half the long-paragraph weight of ``within`` (it is the text itself,
        whatever its class says; the teasers of a related block hold less, however long their excerpts)."""
        return self.good.get(el, 0.0) >= 0.5 * max(1.0, self.good.get(within, 0.0))

    def _run_weight(self, el: Any) -> float:
        """The long-paragraph weight of ``el`` and its siblings of the same tag and first class: boxes
        that are, together, the text (the slides of a slideshow, page-builder blocks). Nothing for
        teasers (a linked heading) or when two of them read the same."""
        cls = _first_class(el)
        parent = el.getparent()
        if not cls or parent is None or _LINKED_HEADING(el):
            return 0.0  # boxes with a linked heading are teasers of other stories
        run = [other for other in parent.iterchildren(el.tag) if _first_class(other) == cls]
        if len({_text_of(other) for other in run}) < len(run):
            return 0.0  # the same box again and again: a placeholder or a widget
        return sum(self.good.get(other, 0.0) for other in run)

    def _is_wrapper(self, el: Any, within: Any) -> bool:
        """True when ``el`` holds most of the paragraphs of the page (or of ``within``), and is not a
        list of stories with their excerpts."""
        if within is not None and self._holds_article_text(el, within):
            return not _is_story_list(el)
        ref = self.body if within is None else within
        total = self._paragraph_counts.get(ref)
        if total is None:
            total = self._paragraph_counts[ref] = _count_paragraphs(ref)
        if total < 3:
            return len(_text_of(el)) > 0.5 * len(_text_of(ref))
        return _count_paragraphs(el) > 0.5 * total

    def _inside_skipped(self, el: Any) -> bool:
        """True when ``el`` or an ancestor is skipped (memoised per element)."""
        known = self._skipped
        chain = []
        node = el
        result = False
        while node is not None:
            found = known.get(node)
            if found is not None:
                result = found
                break
            chain.append(node)
            if self.is_skipped(node):
                result = True
                break
            node = node.getparent()
        for item in chain:
            known[item] = result
        return result

    def content_roots(self, body: Any, exclude: Any = None) -> list[Any]:
        """The container(s) holding the article text, in document order (``exclude``: a container
        that gave no text, what it holds and what holds it are not chosen)."""
        if self._scores is None:
            self._scores = self._score(body)
            self._weigh_hints(self._scores)
        scores = self._scores
        if exclude is not None:
            scores = {el: s for el, s in scores.items() if not _related(el, exclude)}
        if not scores:
            return []
        best = self._best(scores)
        return self._with_siblings(best, scores)

    def lead_before(self, first: Any) -> Any:
        """A standfirst shortly before the article text: one repeating the page's description,
        else one marked by a class/id hint (``lead`` in the rules)."""
        if self.descriptions:
            found = self._lead_near(first, self._starts_like_description)
            if found is not None:
                return found
        return self._lead_near(first, self._lead_hint)

    def _lead_near(self, first: Any, accept: Callable[[Any], bool]) -> Any:
        node = first
        for _ in range(_LEAD_LEVELS):
            parent = node.getparent()
            if parent is None or node is self.body:
                return None
            for sibling in node.itersiblings(preceding=True):
                found = self._find_lead(sibling, accept)
                if found is not None:
                    return found
            node = parent
        return None

    def _find_lead(self, top: Any, accept: Callable[[Any], bool]) -> Any:
        """The first element under ``top`` that ``accept`` takes for a standfirst."""
        for count, el in enumerate(top.iter()):
            if count > _LEAD_SEARCH:
                break
            if not isinstance(el.tag, str) or not accept(el):
                continue
            text = " ".join(_text_of(el).split())
            if len(text) >= 40 and not self._inside_skipped(el) and _link_density(el) < 0.3:
                # a subtitle heading beside the <h1> belongs to the headline; a standfirst paragraph opens the text
                return None if el.tag in _HEADINGS and _beside_headline(el) else el
        return None

    def _lead_hint(self, el: Any) -> bool:
        """True when ``el`` is marked as a standfirst by its class/id, or is a long heading that ends
        a sentence (a standfirst in heading markup)."""
        hint = _hint_text(el)
        if hint and _hint_says(hint, self.rules.lead_words, _LEAD_KIND, _lead_cache, self.rules):
            return True
        return el.tag in _HEADINGS and _is_sentence_heading(el)

    def _starts_like_description(self, el: Any) -> bool:
        """True when ``el``'s own text opens like one of the page's meta descriptions (a standfirst)."""
        text = el.text
        if not text:
            return False
        first = text.lstrip()[:1].casefold()
        if not first:
            return False
        # a different first letter (most texts): no need to compare more
        return any(description.startswith(first) and self._opens_like(el, text, description)
                   for description in self.descriptions)

    @staticmethod
    def _opens_like(el: Any, text: str, description: str) -> bool:
        """True when ``el`` (own text ``text``) opens with the first words of ``description``."""
        head = _key_prefix(text, _DESCRIPTION_PREFIX)
        if len(head) < 15 or not description.startswith(head):
            return False
        return _key(_text_of(el)).startswith(description[:_DESCRIPTION_PREFIX * 3])

    def _score(self, body: Any) -> dict[Any, float]:
        """Readability scores of the containers of paragraph text (also fills ``self.good``)."""
        scores: dict[Any, float] = {}
        seen: set[Any] = set()
        skip_tags = self.rules.skip_tags
        for el in _CANDIDATES(body):
            tag = el.tag
            while tag in _INLINE:  # inline markup: its nearest block ancestor
                el = el.getparent()
                if el is None:
                    break
                tag = el.tag
            if el is None or el in seen or tag in skip_tags or tag in _HEADINGS:
                continue
            seen.add(el)
            if not len(el):  # no children: its text is its own, read first (cheap, and most are short)
                text, container = el.text or "", el.getparent()
                if len(text) < _MIN_PARAGRAPH or self._inside_skipped(el):
                    continue
            elif self._inside_skipped(el):  # asked before serialising: a skipped box's text need not be read
                continue
            elif tag == "p" or tag == "pre" or not _has_block_child(el):
                text, container = _text_of(el), el.getparent()
            else:  # loose text beside child blocks: the element is its own container
                text, container = " ".join(_DIRECT_TEXT(el)), el
            if len(text) < _MIN_PARAGRAPH:
                continue
            text_len = _collapsed_length(text, _LENGTH_NEEDED)
            if text_len >= _MIN_PARAGRAPH:
                weight = _paragraph_weight(el, text, text_len)
                self._credit(container, text_len >= _LONG_PARAGRAPH, weight, scores)
        return scores

    def _credit(self, node: Any, is_long: bool, weight: float, scores: dict[Any, float]) -> None:
        """Add a paragraph's weight to ``node`` and its ancestors (and count it there if long)."""
        if node is None:
            return
        chain = self._ancestors.get(node)
        if chain is None:
            chain = self._ancestors[node] = self._up_to_body(node)
        for level, el in enumerate(chain[:5]):
            score = scores.get(el)
            if score is None:
                score = _INITIAL_SCORES.get(el.tag, 0.0)
            scores[el] = score + weight / _DIVIDERS[level]
        if is_long:  # a short paragraph scores five levels and is counted nowhere
            good, longs = self.good, self.long_paragraphs
            for el in chain:
                good[el] = good.get(el, 0.0) + weight
                longs[el] = longs.get(el, 0) + 1

    def _up_to_body(self, node: Any) -> list[Any]:
        """``node`` and its ancestors up to the body."""
        chain = [node]
        while node is not self.body:
            node = node.getparent()
            if node is None:
                break
            chain.append(node)
        return chain

    def _weigh_hints(self, scores: dict[Any, float]) -> None:
        """Add each container's class/id weight; a positive one counts in full only for a container
        holding a fair share of the page's long paragraphs (a "text" box with one line does not win)."""
        needed = _HINT_SHARE * self.good.get(self.body, 0.0)
        for el in scores:
            weight = self._class_weight(el)
            if weight > 0 and needed > 0:
                weight *= min(1.0, self.good.get(el, 0.0) / needed)
            scores[el] += weight

    def _class_weight(self, el: Any) -> float:
        hint = _hint_text(el)
        if el.get("itemprop") == "articleBody":
            return 50.0
        if not hint:
            return 0.0
        return _hint_of(hint, self.rules).weight

    def _best(self, scores: dict[Any, float]) -> Any:
        """The top-scoring container after the link-density penalty."""
        ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)[:8]
        best, best_final = ranked[0][0], float("-inf")
        for el, score in ranked:
            if 0 <= score <= best_final:
                break  # the penalty only lowers a positive score: the rest cannot win
            final = score * (1 - _link_density(el))
            if final > best_final:
                best, best_final = el, final
        return self._promote(best, best_final, scores)

    def _promote(self, best: Any, best_score: float, scores: dict[Any, float]) -> Any:
        """Walk up while the parent scores as well, or an ancestor holds much more paragraph text."""
        node = best
        marked = self._class_weight(node) >= 35  # the page says this is the article text
        while True:
            parent = node.getparent()
            if parent is None or parent.tag in ("body", "html"):
                return node
            parent_score = 0.0 if marked else scores.get(parent, 0.0)
            if parent_score >= best_score * 0.9:
                parent_score *= 1 - _link_density(parent)
            if parent_score >= best_score * 0.9:
                node, best_score = parent, parent_score
                continue
            richer = self._richer_ancestor(node)
            if richer is None:
                richer = self._marked_ancestor(node)
            if richer is None:
                return node
            node = richer

    def _marked_ancestor(self, node: Any) -> Any:
        """The nearest of the next few ancestors that the page marks as the article text (a strong class
        hint, ``itemprop=articleBody``) and that holds more long-paragraph text than ``node`` (which is not
        marked itself)."""
        if self._class_weight(node) >= 35:
            return None
        own = self.good.get(node, 0.0)
        ancestor = node.getparent()
        for _ in range(_MARKED_LEVELS):
            if ancestor is None or ancestor.tag in ("body", "html"):
                return None
            if self._class_weight(ancestor) >= 35:
                return ancestor if self.good.get(ancestor, 0.0) >= _MARKED_MORE * own else None
            ancestor = ancestor.getparent()
        return None

    def _richer_ancestor(self, node: Any) -> Any:
        """The nearest of the next few ancestors holding much more long-paragraph text in a twin
        of ``node`` (same tag and class): an article split into chunks."""
        own = self.good.get(node, 0.0)
        path = [node]
        ancestor = node.getparent()
        for _ in range(_CHUNK_LEVELS):
            if ancestor is None or ancestor.tag in ("body", "html"):
                return None
            if self.good.get(ancestor, 0.0) >= 1.1 * own and self._has_twin(ancestor, path):
                return ancestor
            path.append(ancestor)
            ancestor = ancestor.getparent()
        return None

    def _has_twin(self, ancestor: Any, path: list[Any]) -> bool:
        """True when ``ancestor`` holds more chunks like ``path[0]`` or one of its next two ancestors (same
        tag and first class, not a grid class): one with two long paragraphs, two with one (page
        builders box every paragraph), or one with one that is no teaser (few links, no linked heading).
        A box with its own <h1> is another article (pages that scroll on to the next story), not a chunk."""
        good, longs = self.good, self.long_paragraphs
        enough = max(3.0, 0.15 * good.get(path[0], 0.0))
        for el in path[:3]:
            cls = _first_class(el)
            if not cls or self.rules.generic_class.fullmatch(cls):
                continue
            found = 0
            for other in ancestor.iter(el.tag):
                if (good.get(other, 0.0) >= enough and other is not el and _first_class(other) == cls
                        and other.find(".//h1") is None):
                    found += longs.get(other, 0)
                    if found >= 2 or (found and _link_density(other) < 0.2 and not _LINKED_HEADING(other)):
                        return True
        return False

    def _with_siblings(self, best: Any, scores: dict[Any, float]) -> list[Any]:
        """``best`` plus its siblings that read like more of the same article; or, when ``best`` is
        wrapped in boxes holding nothing else (a grid row, a page-builder section), the outermost of
        them plus its siblings that are chunks of the same text (see :meth:`_is_chunk`)."""
        box = _outer_box(best, self.body)
        parent = box.getparent()
        if parent is None:
            return [best]
        threshold = max(10.0, scores.get(best, 0.0) * 0.2)
        best_hint = best.get("class")
        roots = []
        for sibling in parent.iterchildren():
            if sibling is box or (self._is_chunk(sibling, box) if box is not best
                                  else self._joins(sibling, threshold, best_hint, scores)):
                roots.append(sibling)
        return roots if box is best or len(roots) > 1 else [best]

    def _is_chunk(self, el: Any, box: Any) -> bool:
        """True when the sibling ``el`` of the box holding the article text is another chunk of it: the
        same tag and class (not only layout classes), two long paragraphs or more (one may be a note or a
        disclaimer), few links and no headline or linked heading of its own (an article cut into boxes of
        one kind by ad slots or images)."""
        cls = box.get("class")
        if el.tag != box.tag or not cls or el.get("class") != cls or self.long_paragraphs.get(el, 0) < 2:
            return False
        if all(self.rules.generic_class.fullmatch(name) for name in cls.split()):
            return False  # a grid cell: the next one may hold anything
        return (not self._inside_skipped(el) and el.find(".//h1") is None and _link_density(el) < _CHUNK_LINKS
                and not _LINKED_HEADING(el))

    def _joins(self, el: Any, threshold: float, best_hint: str | None, scores: dict[Any, float]) -> bool:
        """True when the sibling ``el`` of the chosen container reads like more of the article."""
        if not isinstance(el.tag, str) or self._inside_skipped(el):
            return False
        bonus = threshold * 0.2 if best_hint and el.get("class") == best_hint else 0.0
        if scores.get(el, 0.0) + bonus >= threshold:
            return True
        if el.tag != "p" or self._class_weight(el) < 0:
            return False  # not a paragraph, or a breadcrumb, byline, share line ...
        text = normalize_space(_text_of(el))
        density = _link_density(el)
        if len(text) > 80 and density < 0.25:
            return True
        return 0 < len(text) <= 80 and density == 0 and text.endswith((".", "!", "?", "\u201d", '"'))


_DIVIDERS = (1, 2, 6, 9, 12)  # a paragraph's weight is divided by these at its container and four ancestors up
_INITIAL_SCORES = {"div": 5.0, "article": 10.0, "main": 5.0, "section": 3.0, "pre": 3.0, "td": 3.0, "blockquote": 3.0,
                   "form": -3.0, "ol": -3.0, "ul": -3.0, "li": -3.0, "dl": -3.0, "th": -5.0, "address": -3.0}


def _outer_box(el: Any, body: Any) -> Any:
    """``el``, or the outermost of its ancestors (below ``body``) that hold no other element."""
    parent = el.getparent()
    while parent is not None and parent is not body and len(parent) == 1:
        el, parent = parent, parent.getparent()
    return el


def _collapsed_length(text: str, needed: int | None = None) -> int:
    """The length of ``text`` with its blanks collapsed and stripped (or, given ``needed``, some
    length of at least ``needed`` when it is longer)."""
    if needed is not None and len(text) > 4 * needed:
        head = len(" ".join(text[:4 * needed].split()))  # the text's collapsed start is a prefix of it
        if head >= needed:
            return head
    return len(" ".join(text.split()))


def _paragraph_weight(el: Any, text: str, length: int) -> float:
    """The score of a paragraph-like element with text ``text`` of collapsed ``length``: one point,
    one per comma, one per 100 characters (up to 3), less its links. A long <p> that blank lines
    (two <br>) divide is that many paragraphs typed into one: one point and up to 3 for length each.
    (Not loose text in a box: a forum post's lines would outweigh the thread.)"""
    density = _link_density(el) if len(el) and _has_link(el) else 0.0
    commas = text.count(",") if text.isascii() else sum(map(text.count, _COMMAS))
    parts = _break_parts(el) if length > _LENGTH_NEEDED and el.tag == "p" and len(el) else 1
    return (parts + commas + min(length // 100, 3 * parts)) * (1 - density)


def _break_parts(el: Any) -> int:
    """How many paragraphs the blank lines among the children of ``el`` (a <br> right after a <br>,
    only blanks between them) divide its text into."""
    parts, after_break = 1, False
    for child in el:
        if child.tag != "br":
            after_break = False
        elif after_break:
            parts, after_break = parts + 1, False
        else:
            tail = child.tail
            after_break = not tail or tail.isspace()
    return parts


def _related(el: Any, other: Any) -> bool:
    """True when ``el`` is ``other``, lies inside it or holds it."""
    return el is other or any(node is other for node in el.iterancestors()) or any(
        node is el for node in other.iterancestors())


def _beside_headline(el: Any) -> bool:
    """True when ``el`` sits in the page header next to the <h1>."""
    parent = el.getparent()
    for box in (parent, parent.getparent() if parent is not None else None):
        if box is not None and box.find(".//h1") is not None:
            return True
    return False


def _first_class(el: Any) -> str:
    """The first class name of ``el`` ("" if none): the same kind of box, whatever its modifiers."""
    cls = el.get("class")
    return cls.split(None, 1)[0] if cls and cls.strip() else ""


def _is_sentence_heading(el: Any) -> bool:
    """True when the heading ``el`` holds a long text ending like a sentence (a paragraph, not a title)."""
    text = _text_of(el).rstrip()
    return text.endswith(_SENTENCE_END) and _collapsed_length(text, _LEAD_HEADING) >= _LEAD_HEADING


def _text_of(el: Any) -> str:
    """All the text inside ``el`` (``text_content()``, a little faster)."""
    return etree.tostring(el, method="text", encoding=str, with_tail=False)


def _has_block_child(el: Any) -> bool:
    """True when a child of ``el`` is a block (paragraph, box, list, table, heading ...)."""
    for child in el:
        if child.tag in _BLOCK_CHILDREN:
            return True
    return False


def _has_link(el: Any) -> bool:
    """True when ``el`` holds an <a> (faster than ``el.find(".//a")``)."""
    return next(el.iterdescendants("a"), None) is not None


def _block_of(el: Any) -> Any:
    """``el`` or, for inline markup, its nearest block ancestor."""
    while el is not None and el.tag in _INLINE:
        el = el.getparent()
    return el


def _is_hidden(el: Any, names: list[str]) -> bool:
    """True when the attributes of ``el`` (``names``: their names) hide it."""
    if not names:
        return False
    if "hidden" in names or ("aria-hidden" in names and el.get("aria-hidden") == "true"):
        return True
    if "style" not in names:
        return False
    style = el.get("style")
    return bool(style) and "display:none" in style.replace(" ", "")


def _count_paragraphs(el: Any) -> int:
    return sum(1 for _ in el.iter("p"))


def _link_density(el: Any) -> float:
    """Share of an element's text (in characters, whitespace collapsed) that sits inside links."""
    links = _LINK_TEXT(el)
    if not links:
        return 0.0
    total = _TEXT_LENGTH(el)  # in C: faster than collapsing the text in Python, even when it is at hand
    if not total:
        return 0.0
    linked = len(" ".join("".join(links).split()))
    return min(1.0, linked / total)


# --------------------------------------------------------------------------- pass 2: writing


class _Writer:
    """Turns content containers into paragraphs, leaving out skipped subtrees."""

    def __init__(self, finder: _ContentFinder, keep_links: bool = False) -> None:
        self.finder = finder
        self.block_tags = finder.rules.block_tags
        self.keep_links = keep_links  # write link lists and "see also" lines too
        self.left_out_links = 0  # characters of the link lists and "see also" lines left out
        self.paragraphs: list[str] = []
        #: Indices in ``paragraphs`` of sub-headings (h1-h6).
        self.headings: set[int] = set()
        #: Indices of sub-headings followed at once by a link list that was left out.
        self.link_headings: set[int] = set()
        self._line: list[str] = []
        self._in_pre = 0  # inside <pre>, source line breaks are line breaks
        self.root: Any = None
        #: The ``<img>`` elements written past (not in a skipped box, a link list or another story's card).
        self.pictures: list[Any] = []
        #: Index in ``paragraphs`` → the innermost block element that wrote that paragraph.
        self.blocks: dict[int, Any] = {}

    def write(self, root: Any) -> None:
        """Append the paragraphs of ``root``."""
        self.root = root
        self._flush()
        self._walk(root)
        self._flush()

    def _flush(self) -> None:
        line = self._line
        if line:
            text = "".join(line)
            line.clear()
            if text.isspace():
                return  # the blanks between two blocks (most flushes)
            # cleaned as a whole (no entity, zero-width space or composed character spans a break)
            text = clean_unicode(text)
            paragraphs = self.paragraphs
            for part in text.split(_BREAK) if _BREAK in text else (text,):
                part = " ".join(part.split())
                if part:
                    paragraphs.append(part)

    def _walk(self, el: Any) -> None:
        line, in_pre = self._line, self._in_pre
        text = el.text  # lxml makes a new string on every read: read once
        if text:
            line.append(text.replace("\n", _BREAK) if in_pre else text)
        for child in el:
            tag = child.tag
            if tag == "br":
                line.append(_BREAK)
            elif tag in self.block_tags:
                self._block(child, tag)
            elif not (self.finder.is_skipped(child, self.root) or (tag == "a" and _is_teaser_link(child))):
                if tag == "img":
                    self.pictures.append(child)
                self._walk(child)
            tail = child.tail
            if tail:
                line.append(tail.replace("\n", _BREAK) if in_pre else tail)

    def _block(self, el: Any, tag: str) -> None:
        """Write the block ``el`` as paragraphs of its own, unless it is skipped, a link list or a
        "see also" line."""
        if self.finder.is_skipped(el, self.root):
            if tag == "figure":  # (its caption is no article text, but its picture is the article's)
                self.pictures.extend(el.iter("img"))
            return
        if (not self.keep_links and len(el) and _has_link(el)  # (no children: no links)
                and (self._is_link_list(el) or self._is_see_also(el))):
            self.left_out_links += int(_TEXT_LENGTH(el))
            self._mark_link_heading()
            return
        self._flush()
        first = len(self.paragraphs)
        if tag == "pre":
            self._in_pre += 1
            self._walk(el)
            self._in_pre -= 1
        else:
            self._walk(el)
        self._flush()
        count = len(self.paragraphs)
        for index in range(first, count):
            self.blocks.setdefault(index, el)  # (an inner block, done first, is more precise)
        if tag in _HEADINGS:
            self.headings.update(range(first, count))

    def block_of(self, paragraph: str) -> Any:
        """The innermost block element that wrote the last paragraph reading ``paragraph`` (None if none did)."""
        for index in range(len(self.paragraphs) - 1, -1, -1):
            if self.paragraphs[index] == paragraph:
                return self.blocks.get(index)
        return None

    def _mark_link_heading(self) -> None:
        """A link list was left out: note the sub-heading written just before it ("More on this topic"),
        which goes with the links when the next heading follows at once."""
        last = len(self.paragraphs) - 1
        if last in self.headings and not "".join(self._line).strip():
            self.link_headings.add(last)

    def _is_see_also(self, el: Any) -> bool:
        """A "Read more: <link>" line, or a short paragraph that is nothing but a link (``el`` holds a link)."""
        if el.tag not in ("p", "div", "li", "h2", "h3", "h4", "h5", "h6", "strong", "b"):
            return False
        text = _head_text(el, _SEE_ALSO_SHORT)
        if self.finder.rules.see_also.match(text):
            return True
        return len(text) < _SEE_ALSO_SHORT and _link_density(el) >= 0.8

    def _is_link_list(self, el: Any) -> bool:
        """A block made (almost) only of links: a related-stories or tag list inside the article (``el``
        holds a link)."""
        if el.tag not in ("ul", "ol", "div", "section", "table", "dl") and el.tag not in _HEADINGS:
            return False
        holds_text = self.finder.long_paragraphs.get(el)
        if el.tag in ("ul", "ol"):
            density = _link_density(el)
            return density > 0.4 and (_every_item_links(el) or (density > 0.6 and not holds_text))
        # a block holding article paragraphs beside its links is not a link list
        return not holds_text and _link_density(el) > 0.6


def _head_text(el: Any, length: int) -> str:
    """The text of ``el``, blanks collapsed, or a start of it at least ``length`` characters long (a
    long container's text is not collapsed in full to read its first words)."""
    text = _text_of(el)
    head = " ".join(text[:3 * length].split())
    return head if len(head) >= length or len(text) <= 3 * length else " ".join(text.split())


def _is_story_list(el: Any) -> bool:
    """True when ``el`` is (or is mostly) a list whose every item links somewhere: teasers of other
    stories, however long their excerpts."""
    total = _TEXT_LENGTH(el)
    for lst in el.iter("ul", "ol"):
        if _every_item_links(lst):
            return _TEXT_LENGTH(lst) >= 0.7 * total
    return False


def _is_teaser_link(el: Any) -> bool:
    """A link wrapped around a heading, or around blocks (a bookmark card, such as Ghost's ``kg-bookmark``):
    the card of another story."""
    return len(el) > 0 and (_HAS_HEADING(el) or (el.get("href") is not None and _HAS_BLOCK_CHILD(el)))


def _every_item_links(el: Any) -> bool:
    """A list of three or more items that each hold a link (a list of stories)."""
    if el.tag not in ("ul", "ol"):
        return False
    items = el.findall("li")
    return len(items) >= 3 and all(item.find(".//a") is not None for item in items)


# --------------------------------------------------------------------------- clean-up


def _clean_paragraphs(writer: _Writer, headline: str | None, rules: _Rules, trim: bool = True) -> list[str]:
    """The written paragraphs without boilerplate, bylines, the headline and dangling headings."""
    title = _words(headline) if headline else ""
    seen_title = False
    # a heading of links left out, right before the next heading: its section was only those links
    emptied = {index for index in writer.link_headings if index + 1 in writer.headings}
    kept: list[tuple[str, bool]] = []
    for index, text in enumerate(writer.paragraphs):
        if is_boilerplate(text, normalized=True) or _is_byline(text, rules) or index in emptied:
            continue
        if title and not seen_title and len(text) < 2 * len(headline or "") and _words(text) == title:
            seen_title = True  # the headline repeated (dashes and quotes may differ)
            continue
        kept.append((text, index in writer.headings or _is_label(text)))
    if trim:
        kept = kept[:_contact_block_start(kept, rules)]
    while trim and kept and kept[-1][1]:
        kept.pop()  # a heading or "Contact:" label whose section was left out
    return [text for text, _ in kept]


def _contact_block_start(kept: list[tuple[str, bool]], rules: _Rules) -> int:
    """Where a closing contact block starts ("Kontakt:" and short lines to the end), else the end."""
    for index, (text, _) in enumerate(kept):
        if (len(text) < _CONTACT_LABEL and rules.contact_label.fullmatch(text)
                and all(len(rest) < _CONTACT_LINE for rest, _ in kept[index + 1:])):
            return index
    return len(kept)


def _words(text: str) -> str:
    """The words of ``text``, case-folded: compares texts whatever their punctuation."""
    return " ".join(_WORDS.findall(text.casefold()))


def _is_label(text: str) -> bool:
    """A short line ending in a colon ("Weitere Informationen:"), announcing what follows."""
    return text.endswith(":") and len(text.split()) <= 5


def _is_byline(text: str, rules: _Rules) -> bool:
    """A short byline, photo credit or a paragraph that is only a date and time (or a date and a byline)."""
    if len(text) > _BYLINE:
        return False
    if _is_dateline(text, rules):
        return True
    if text.endswith((".", "!", "?", ":")):
        return False
    if rules.byline.fullmatch(text) is not None:
        return True
    # a dateline, then a byline: "12.03.2024 19:45 von Sabine Mustermann" (a search: only after a date's start)
    if not (text[0].isdigit() or text.split(None, 1)[0].casefold().strip(".,") in rules.date_words):
        return False
    found = rules.byline.search(text)
    return found is not None and found.end() == len(text) and _is_dateline(text[:found.start()], rules)


def _is_dateline(text: str, rules: _Rules) -> bool:
    """Only numbers and date words, with a month or weekday or a numeric date: "Nov. 19, 2019 11:21 pm"."""
    if text.isascii() and _DIGIT.search(text) is None:
        return False  # no number at all (the common case, checked without splitting into words)
    numbers = named = 0
    for found in _WORDS.finditer(text.casefold()):  # (lazily: most texts fail at their first word)
        word = found[0]
        if word.isdigit() or (word[:-2].isdigit() and word[-2:] in ("st", "nd", "rd", "th")):
            numbers += 1
        elif word in rules.date_words:
            named += 1
        elif word not in rules.date_fillers:
            return False
    return numbers > 0 and (named > 0 or _NUMERIC_DATE.search(text) is not None)
