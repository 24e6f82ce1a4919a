"""Find the elements whose class or id holds a word, by one string search over the whole page.

Asking every element for its class in Python (or in an XPath predicate) costs a few tenths of a
millisecond per page; searching one string that joins every class and id value costs a few
hundredths. The results are a superset (``"related"`` also finds ``unrelated``): callers keep their
exact class-name tests and only run them on the elements found here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from .document import Document
from .text import find_all

_NAME_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")  # camelCase and kebab-case split alike
_SEPARATOR = "\x00"  # never inside an attribute value: the parser drops NUL characters
_NAMES_KEY = "namesearch.names"  # Document.cache key


@lru_cache(maxsize=8192)  # pages and sites repeat their class names
def name_words(names: str) -> tuple[str, ...]:
    """The distinct words of class names and ids, lower case: ``"commentNav comment-list"`` →
    (comment, nav, list). A tuple of strings, not a set: the garbage collector stops visiting it,
    while every memoised set would stay a tracked object (test a group of words with
    ``not group.isdisjoint(words)``)."""
    return tuple(dict.fromkeys(word.lower() for word in _NAME_WORD.findall(names)))


def search_parts(words: Iterable[str]) -> tuple[str, ...]:
    """The lower-case pieces to look for so as to find every class name or id holding one of ``words``
    (``userComment`` holds ``comment``): the words, less those holding a shorter one (``comment``
    covers ``commentlist``)."""
    parts = {w.lower() for w in words if w}
    return tuple(sorted(p for p in parts if not any(q != p and q in p for q in parts)))


def named_indexes(doc: Document, parts: tuple[str, ...]) -> list[int]:
    """Positions in :attr:`Document.elements` (page order) of the elements whose lower-cased class or
    id value holds one of ``parts`` (see :func:`search_parts`)."""
    count = len(doc.columns[2])
    names = _joined_names(doc)
    found: set[int] = set()
    index, counted = 0, 0  # the value at offset ``counted`` of ``names`` is value number ``index``
    for at in sorted(_offsets(names, parts)):
        index += names.count(_SEPARATOR, counted, at)
        counted = at
        found.add(index % count)
    return sorted(found)


def named_elements(doc: Document, words: frozenset[str], parts: tuple[str, ...]) -> list[Any]:
    """The elements of :attr:`Document.elements` (page order) with one of ``words`` among their class/id words
    (:func:`name_words`); ``parts``: ``search_parts(words)``, which callers keep."""
    elements, _, classes, ids = doc.columns
    return [elements[i] for i in named_indexes(doc, parts) if not words.isdisjoint(name_words(f"{classes[i]} {ids[i]}"))]


def tag_indexes(doc: Document, tags: Iterable[str]) -> list[int]:
    """Positions in :attr:`Document.elements` (page order) of the elements with one of ``tags``
    (one pass over the tag column: cheaper than joining the tags into a string to search)."""
    wanted = frozenset(tags)
    return [i for i, tag in enumerate(doc.columns[1]) if tag in wanted]


def _joined_names(doc: Document) -> str:
    """Every class value, then every id value, lower-cased and joined by ``_SEPARATOR`` (once per page)."""
    names = doc.cache.get(_NAMES_KEY)
    if names is None:
        _, _, classes, ids = doc.columns
        names = doc.cache[_NAMES_KEY] = (_SEPARATOR.join(classes) + _SEPARATOR + _SEPARATOR.join(ids)).lower()
    return names


def _offsets(text: str, parts: tuple[str, ...]) -> Iterator[int]:
    """Where each of ``parts`` occurs in ``text``."""
    for part in parts:
        yield from find_all(text, part)
