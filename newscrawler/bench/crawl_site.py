"""The generated news site of ``bench crawl``: N pages, pre-rendered, deterministic.

A home page; sections (named by words) whose pages list up to 40 articles each and link the next
page (``/section/<name>/page/<n>/``); articles at ``/<yyyy>/<mm>/<dd>/<slug>/`` with a date, an
author, five paragraphs, 0-7 threaded comments, a related-articles block and the site navigation.
Every page is reachable from the home page; URLs look like a real site's (no numbered ids, pagination
under 100), so the crawler's trap filters leave them alone.
"""

from __future__ import annotations

from html import escape

PER_HUB = 40
MAX_HUB_PAGES = 50  # pages per section, well under NEWSCRAWLER_MAX_PAGINATION
WORDS = ("harbour council budget ferry timetable market school library bridge festival river station "
         "museum hospital election weather railway theatre garden stadium").split()
NAMES = ("Ann Lee", "Bo Chen", "Carla Diaz", "Dev Patel", "Eva Novak", "Finn Olsen", "Gia Rossi")


def letters(number: int) -> str:
    """A number written in letters (0 → "a", 25 → "z", 26 → "ba"): ids without digits."""
    out = ""
    while True:
        number, digit = divmod(number, 26)
        out = chr(97 + digit) + out
        if not number:
            return out


def _sentence(seed: int, words: int = 24) -> str:
    text = " ".join(WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraph(seed: int) -> str:
    return " ".join(_sentence(seed + k) for k in range(3))


def article_path(i: int) -> str:
    """Where article ``i`` lives."""
    slug = "-".join(WORDS[(i * k + 3) % len(WORDS)] for k in (1, 5, 11))
    return f"/2024/{1 + i % 12:02d}/{1 + i % 28:02d}/{slug}-{letters(i)}/"


def section_name(k: int) -> str:
    return f"{WORDS[k % len(WORDS)]}-{letters(k)}"


def hub_path(section: int, page: int) -> str:
    """Page ``page`` (0 = the first) of a section."""
    base = f"/section/{section_name(section)}/"
    return base if page == 0 else f"{base}page/{page + 1}/"


def _layout(title: str, main: str, head: str, sections: int) -> bytes:
    nav = "".join(f'<li><a href="{hub_path(k, 0)}">{section_name(k).title()}</a></li>' for k in range(min(sections, 8)))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | Bench Gazette'
            f'</title>{head}</head><body><header class="site-header"><a href="/">Bench Gazette</a>'
            f'<nav class="main-nav"><ul>{nav}</ul></nav></header><main>{main}</main>'
            f'<footer class="site-footer"><p>© Bench Gazette. All rights reserved.</p>'
            f'<a href="/">Home</a></footer></body></html>').encode("utf-8")


def _comments(i: int) -> str:
    count = i % 8
    if not count:
        return ""
    items: list[str] = []
    for c in range(count):
        body = (f'<li class="comment" id="comment-{letters(i)}-{letters(c)}"><div class="comment-author">'
                f'{NAMES[(i + c) % len(NAMES)]}</div><div class="comment-content"><p>{_sentence(i * 31 + c, 14)}</p></div>')
        if c % 3 == 1:  # a reply to the previous comment
            items[-1] = items[-1].removesuffix("</li>") + f'<ol class="children">{body}</li></ol></li>'
        else:
            items.append(body + "</li>")
    return (f'<section class="comments" id="comments"><h2>{count} comments</h2>'
            f'<ol class="comment-list">{"".join(items)}</ol></section>')


def _article(i: int, articles: int, sections: int) -> bytes:
    title = f"{_sentence(i, 6)[:-1]} {letters(i)}"
    date = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}T{8 + i % 10:02d}:00:00+00:00"
    author = NAMES[i % len(NAMES)]
    related = "".join(f'<li><a href="{article_path((i * k + 11) % articles)}">{escape(_sentence(i * k, 5))}</a></li>'
                      for k in (3, 7, 13))
    head = (f'<meta property="og:type" content="article"><meta property="og:title" content="{escape(title)}">'
            f'<meta property="article:published_time" content="{date}"><meta name="author" content="{author}">'
            f'<link rel="canonical" href="{article_path(i)}">')
    paragraphs = "".join(f"<p>{_paragraph(i * 5 + k)}</p>" for k in range(5))
    main = (f'<article class="post"><h1 class="entry-title">{escape(title)}</h1>'
            f'<p class="byline">By {author} · <time datetime="{date}">{date[:10]}</time></p>'
            f'<div class="entry-content">{paragraphs}</div></article>'
            f'<aside class="related-posts"><h2>Related articles</h2><ul>{related}</ul></aside>{_comments(i)}')
    return _layout(title, main, head, sections)


def _hub(section: int, page: int, listed: range, last: bool, sections: int) -> bytes:
    items = "".join(f'<li><a href="{article_path(i)}">{escape(_sentence(i, 6))}</a></li>' for i in listed)
    more = "" if last else f'<a class="next" href="{hub_path(section, page + 1)}">More news</a>'
    title = f"{section_name(section).title()}, page {page + 1}"
    return _layout(title, f"<h1>{title}</h1><ul class='teasers'>{items}</ul>{more}", "", sections)


def generate_site(pages: int) -> dict[str, tuple[str, bytes]]:
    """``path → (content type, body)`` for a site of ``pages`` HTML pages (home + hubs + articles), plus robots.txt."""
    hubs = max(1, -(-(pages - 1) // (PER_HUB + 1)))
    articles = max(1, pages - 1 - hubs)
    sections = max(1, -(-hubs // MAX_HUB_PAGES))
    html = "text/html; charset=utf-8"
    site = {"/robots.txt": ("text/plain", b"User-agent: *\nAllow: /\n")}
    home = "".join(f'<li><a href="{hub_path(k, 0)}">{section_name(k).title()}</a></li>' for k in range(sections))
    latest = "".join(f'<li><a href="{article_path(i)}">{escape(_sentence(i, 6))}</a></li>' for i in range(min(20, articles)))
    site["/"] = (html, _layout("Home", f"<h1>Bench Gazette</h1><ul>{home}</ul><ul class='teasers'>{latest}</ul>", "",
                               sections))
    per_section = -(-hubs // sections)
    for hub in range(hubs):
        section, page = divmod(hub, per_section)
        last = page == per_section - 1 or hub == hubs - 1
        listed = range(hub * PER_HUB, min((hub + 1) * PER_HUB, articles))
        site[hub_path(section, page)] = (html, _hub(section, page, listed, last, sections))
    for i in range(articles):
        site[article_path(i)] = (html, _article(i, articles, sections))
    return site
