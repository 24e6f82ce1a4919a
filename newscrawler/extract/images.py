"""The article's lead picture from its text, for a page that declares none (no og:image, JSON-LD image, ...).

The body writer (:func:`newscrawler.extract.body.read_body`) notes the ``<img>`` elements of the markup it
writes the text from: boxes it leaves out (share bars, author boxes, other stories' cards, link lists)
give none. The first of them that is a real picture is the lead picture: not an icon, a button, an
avatar or a tracking pixel, not a lazy-loading placeholder, and not the thumbnail of a link to another page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from .document import resolved_url


@dataclass(frozen=True)
class _Rules:
    source_attributes: tuple[str, ...]
    srcset_attributes: tuple[str, ...]
    min_size: int
    skip_words: frozenset[str]
    skip_extensions: tuple[str, ...]
    skip_path_parts: tuple[str, ...]


@cache
def _rules() -> _Rules:
    data = json.loads(resources.files(__package__).joinpath("rules/images.json").read_text("utf-8"))
    return _Rules(source_attributes=tuple(data["source_attributes"]),
                  srcset_attributes=tuple(data["srcset_attributes"]), min_size=data["min_size"],
                  skip_words=frozenset(data["skip_words"]), skip_extensions=tuple(data["skip_extensions"]),
                  skip_path_parts=tuple(data["skip_path_parts"]))


def lead_picture(pictures: Iterable[Any], base_url: str, page_url: str) -> dict[str, str] | None:
    """``{"url": ...}`` of the first of the ``<img>`` elements ``pictures`` that shows a picture of the
    article (absolute, resolved against ``base_url``); None when none does. ``page_url`` is the page's own
    address: a picture linking to it (or to a picture file: a lightbox) is the article's, one linking
    elsewhere is another page's thumbnail."""
    rules = _rules()
    for img in pictures:
        if _too_small(img, rules.min_size) or links_elsewhere(img, base_url, page_url):
            continue
        source = picture_source(img)
        url = resolved_url(base_url, source) if source else None
        if url and url.startswith(("http://", "https://")) and not _is_decoration(url, rules):
            return {"url": url}
    return None


def picture_source(img: Any) -> str:
    """The address of the picture ``img`` shows: a lazy-loading attribute's before ``src`` (which may hold a
    placeholder), else the widest of its ``srcset`` and those of the ``<source>`` elements of its ``<picture>``;
    "" for none (or only an inline ``data:`` picture)."""
    rules = _rules()
    for name in rules.source_attributes:
        value = (img.get(name) or "").strip()
        if value and not value.startswith("data:"):
            return value
    picture = next((node for node in img.iterancestors() if node.tag != "source"), None)
    sources = [img] + (list(picture.iter("source")) if picture is not None and picture.tag == "picture" else [])
    # (a <picture> may give its addresses only in its <source>s, which libxml2, knowing no <source>, nests)
    return widest_in_srcset(", ".join(value for element in sources for name in rules.srcset_attributes
                                      if (value := element.get(name))))


def widest_in_srcset(srcset: str) -> str:
    """The URL of the widest candidate of a ``srcset`` value (``"a.jpg 480w, b.jpg 800w"`` → ``b.jpg``; the
    last one when the candidates give no widths); "" for an empty one."""
    best, best_width = "", -1.0
    for url, descriptor in srcset_candidates(srcset):
        width = float(descriptor[:-1]) if descriptor.endswith("w") and _NUMBER.match(descriptor[:-1]) else 0.0
        if url and not url.startswith("data:") and width >= best_width:
            best, best_width = url, width
    return best


def srcset_candidates(srcset: str) -> Iterator[tuple[str, str]]:
    """The ``(url, descriptor)`` pairs of a ``srcset`` value, split as browsers split it: a URL runs to the
    next blank and may hold commas (``/w_480,c_fill/a.jpg``); a comma ends a URL only at its end, and ends
    a descriptor (``480w``, ``2x``) anywhere."""
    pos, end = 0, len(srcset)
    while pos < end:
        while pos < end and (srcset[pos].isspace() or srcset[pos] == ","):
            pos += 1
        start = pos
        while pos < end and not srcset[pos].isspace():
            pos += 1
        url = srcset[start:pos]
        if url.endswith(","):
            yield url.rstrip(","), ""
            continue
        start = pos
        while pos < end and srcset[pos] != ",":
            pos += 1
        if url:
            yield url, srcset[start:pos].strip()
        pos += 1


_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_STYLE_SIZE = re.compile(r"(?<![-\w])(width|height)\s*:\s*(\d+(?:\.\d+)?)px", re.IGNORECASE)


def _too_small(img: Any, min_size: int) -> bool:
    """True when the width or the height ``img`` is drawn at (its attributes, or pixels in its style) is
    below ``min_size`` pixels. A size in per cent or none at all tells nothing."""
    sizes = [img.get("width") or "", img.get("height") or ""]
    sizes += [match.group(2) for match in _STYLE_SIZE.finditer(img.get("style") or "")]
    return any(_NUMBER.match(size.strip()) and float(size) < min_size for size in sizes)


def links_elsewhere(img: Any, base_url: str, page_url: str) -> bool:
    """True when ``img`` is inside a link to another page: a thumbnail of another story, a banner."""
    link = next(img.iterancestors("a"), None)
    if link is None:
        return False
    target = resolved_url(base_url, (link.get("href") or "").strip())
    if not target or target.split("#")[0] == page_url.split("#")[0]:
        return False
    return not _PICTURE_FILE.search(target)  # (a link to the picture file itself: a lightbox)


_PICTURE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:$|[?#])", re.IGNORECASE)


def is_design_file(url: str) -> bool:
    """True when ``url`` is a file of the site's design, never a picture of an article: an icon or vector
    file (``.ico``, ``.svg``), or a file in the site's theme, template or icon folder."""
    rules = _rules()
    path = urlsplit(url).path.lower()
    return path.endswith(rules.skip_extensions) or any(part in path for part in rules.skip_path_parts)


def _is_decoration(url: str, rules: _Rules) -> bool:
    """True when the file name of ``url`` says it is an icon, a button, a logo or a placeholder, or it is a
    file of the site's design (:func:`is_design_file`)."""
    words = _NAME_WORD.findall(urlsplit(url).path.lower().rsplit("/", 1)[-1])
    return is_design_file(url) or any(word in rules.skip_words or word.removesuffix("s") in rules.skip_words
                                      for word in words)


_NAME_WORD = re.compile(r"[a-z0-9]+")
