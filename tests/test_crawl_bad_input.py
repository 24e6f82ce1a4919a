"""A crawl meets bad pages and bad arguments: each gets one clear line, the crawl goes on,
and nothing already made is lost."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import FAST, html, read_archive, run_newscrawler, serve_routes


def article(title: str, paragraphs: int = 4) -> str:
    body = "".join(f"<p>{title} paragraph {i}: a reasonably long sentence about the news of the day, "
                   f"with enough words to count as article text in any extractor.</p>" for i in range(paragraphs))
    return (f'<html lang="en"><head><title>{title}</title>'
            f'<meta property="og:type" content="article">'
            f'<meta property="article:published_time" content="2024-05-03T10:00:00+00:00">'
            f'</head><body><header><nav><a href="/">Home</a></nav></header>'
            f'<article><h1>{title}</h1>{body}</article><footer>Back to top button</footer></body></html>')


HOME = html('<html><body><h1>Front page</h1><ul>'
            '<li><a href="/good/">Good</a></li><li><a href="/missing/">Missing</a></li>'
            '<li><a href="/broken/">Broken</a></li><li><a href="/image.png">Picture</a></li>'
            '<li><a href="/malformed/">Malformed</a></li><li><a href="http://127.0.0.1:1/gone/">Gone</a></li>'
            '<li><a href="/good-too/">Good too</a></li></ul></body></html>')


def test_bad_pages_are_counted_and_good_ones_archived(tmp_path: Path) -> None:
    routes = {
        "/": HOME,
        "/good/": html(article("A good article")),
        "/good-too/": html(article("Another good article")),
        "/broken/": html("<html><body>Internal error</body></html>", status=500),
        "/image.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + bytes(200)),
        "/malformed/": html("<html><body><article><p>Unclosed <b><i><div></table></td></p>&&&<<<>>>"),
    }
    with serve_routes(routes) as base:
        result = run_newscrawler("crawl", base, "--output", str(tmp_path), "-s", "RETRY_TIMES=0", *FAST)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    records = read_archive(tmp_path)
    assert sorted(r["headline"] for r in records) == ["A good article", "Another good article"]
    manifest = json.loads(next(tmp_path.rglob("*.manifest.json")).read_text())
    errors = manifest["summary"]["errors"]
    assert errors.get("http_404") == 1 and errors.get("http_500") == 1
    assert sum(v for k, v in errors.items() if not k.startswith("http_")) >= 1  # the unreachable host
    assert manifest["summary"]["skipped"].get("not_html") == 1
    assert "Failed http://127.0.0.1:1/gone/" in result.stderr
    assert "Errors:" in result.stdout and "Articles:       2" in result.stdout


def test_unreachable_start_url_finishes_cleanly(tmp_path: Path) -> None:
    result = run_newscrawler("crawl", "http://127.0.0.1:1/", "--output", str(tmp_path), "-s", "RETRY_TIMES=0", *FAST)
    assert "Traceback" not in result.stderr
    assert "Failed http://127.0.0.1:1/" in result.stderr
    assert "Articles:       0" in result.stdout


def test_bad_arguments_get_one_line(tmp_path: Path) -> None:
    for args in (["crawl", "not a url"], ["crawl", "ftp://example.invalid/"], ["crawl", "--max-pages", "many", "http://127.0.0.1:1/"],
                 ["crawl", "--since", "yesterday", "http://127.0.0.1:1/"], ["nonsense"], ["crawl"]):
        result = run_newscrawler(*args)
        assert result.returncode == 2, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "error" in lines[0], (args, result.stderr)
