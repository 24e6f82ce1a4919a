"""The bundled demo news site: served over real HTTP on 127.0.0.1 and checked against its own ground truth."""

from __future__ import annotations

import gzip
import http.client
import json
import subprocess
import sys
from collections import deque
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest
from lxml import etree, html

from newscrawler.demo import demo_articles, running, serve
from newscrawler.demo.server import DemoServer

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9",
      "atom": "http://www.w3.org/2005/Atom"}
SEED_FIRST = ("Hours after Russia has announced to start pulling out troops from the Ukraine border after weeks of "
              "build-up, President Vladimir Putin said, it does not want a war in Europe.")
SEED_LAST = "Earlier, British Prime Minister Boris Johnson tweeted that there were mixed signals coming from Russia."
BOILERPLATE = ["Share this:", "Click to share on Twitter (Opens in new window)", "Like this:", "Loading...",
               "Advertisement", "Subscribe to our newsletter", "Post navigation", "Leave a Reply",
               "Your email address will not be published.", "Required fields are marked", "Cancel reply",
               "Save my name, email, and website in this browser for the next time I comment.",
               "Back to top button", "%d</span> bloggers like this:"]


@pytest.fixture(scope="module")
def site() -> Iterator[DemoServer]:
    with running() as server:
        yield server


@pytest.fixture(scope="module")
def truth() -> list[dict[str, Any]]:
    return demo_articles()


def get(server: DemoServer, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    """One GET without following redirects; the response is read into ``.body``."""
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=10)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    conn.close()
    return response


def page(server: DemoServer, path: str) -> html.HtmlElement:
    response = get(server, path)
    assert response.status == 200, path
    return html.fromstring(response.body, base_url=server.url.rstrip("/") + path)  # type: ignore[attr-defined]


def xml(server: DemoServer, path: str) -> etree._Element:
    response = get(server, path)
    assert response.status == 200, path
    return etree.fromstring(response.body)  # type: ignore[attr-defined]


def local_path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# ----------------------------------------------------------------------------------------- ground truth

def test_ground_truth_covers_the_required_variety(truth: list[dict[str, Any]]) -> None:
    assert len(truth) >= 32
    assert len({a["path"] for a in truth}) == len(truth)
    languages = [a["language"].split("-")[0] for a in truth]
    assert languages.count("de") == 2 and languages.count("fr") == 1
    assert {"jsonld", "graph", "meta", "microdata", "plain"} <= {a["markup"] for a in truth}
    assert sum(len(a["authors"]) == 2 for a in truth) >= 2
    multi_page = [a for a in truth if len(a["commentPages"]) > 1]
    assert len(multi_page) >= 6
    assert any("?cpage=2" in a["commentPages"][1] for a in multi_page)
    assert any("/comment-page-2/" in a["commentPages"][1] for a in multi_page)
    assert any(a["theme"] == "block" for a in multi_page)
    for article in truth:
        assert len(article["paragraphs"]) >= 4 and all(p.strip() == p and p for p in article["paragraphs"])
        assert 3 <= len(article["related"]) <= 4 and article["path"] not in [r["path"] for r in article["related"]]


def test_seed_article_is_the_seed_page(truth: list[dict[str, Any]]) -> None:
    headline = "Russia announces partial withdrawal of troops from areas near Ukraine"
    seed = next(a for a in truth if a["headline"] == headline)
    assert seed["section"] == "International News"
    assert seed["paragraphs"][0].startswith(SEED_FIRST)
    assert seed["paragraphs"][-1] == SEED_LAST and len(seed["paragraphs"]) == 8


def test_comment_threads_are_consistent(truth: list[dict[str, Any]]) -> None:
    ids = [c["commentId"] for a in truth for c in a["comments"]]
    assert len(ids) == len(set(ids)) and len(ids) >= 60
    for article in truth:
        seen: dict[str, str] = {}
        for comment in article["comments"]:
            parent = comment["parentId"]
            assert parent is None or parent in seen, (article["path"], comment["commentId"])
            assert parent is None or comment["datePublished"] > seen[parent]
            seen[comment["commentId"]] = comment["datePublished"]


def test_ground_truth_is_deterministic(truth: list[dict[str, Any]]) -> None:
    assert json.dumps(demo_articles()) == json.dumps(truth)


# -------------------------------------------------------------------------------------------- over HTTP

def test_serve_yields_a_loopback_base_url_and_stops() -> None:
    with serve() as base_url:
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/")
        with urlopen(base_url + "robots.txt", timeout=10) as response:
            assert response.status == 200
    with pytest.raises(OSError):
        urlopen(base_url + "robots.txt", timeout=2)


def test_robots_txt(site: DemoServer) -> None:
    response = get(site, "/robots.txt")
    text = response.body.decode()  # type: ignore[attr-defined]
    assert response.getheader("Content-Type") == "text/plain; charset=UTF-8"
    assert "Disallow: /wp-admin/" in text
    assert f"Sitemap: {site.url}sitemap_index.xml" in text


def test_every_article_is_in_the_sitemaps(site: DemoServer, truth: list[dict[str, Any]]) -> None:
    index = xml(site, "/sitemap_index.xml")
    sitemaps = [local_path(loc) for loc in index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)]
    assert "/post-sitemap.xml" in sitemaps and "/news-sitemap.xml" in sitemaps
    found: set[str] = set()
    for path in sitemaps:
        tree = xml(site, path)
        for url in tree.xpath("//sm:url", namespaces=NS):
            found.add(local_path(url.findtext("sm:loc", namespaces=NS)))
    assert {a["path"] for a in truth} <= found
    posts = xml(site, "/post-sitemap.xml")
    assert len(posts.xpath("//sm:url/sm:lastmod", namespaces=NS)) == len(truth)


def test_news_sitemap(site: DemoServer, truth: list[dict[str, Any]]) -> None:
    tree = xml(site, "/news-sitemap.xml")
    entries = tree.xpath("//sm:url", namespaces=NS)
    assert entries
    by_path = {a["path"]: a for a in truth}
    for entry in entries:
        article = by_path[local_path(entry.findtext("sm:loc", namespaces=NS))]
        assert entry.findtext(".//news:title", namespaces=NS) == article["headline"]
        assert entry.findtext(".//news:publication_date", namespaces=NS) == article["datePublished"]


def test_feeds_parse_and_are_linked_from_every_page(site: DemoServer, truth: list[dict[str, Any]]) -> None:
    paths = {a["path"] for a in truth}
    rss = xml(site, "/feed/")
    links = [local_path(link) for link in rss.xpath("/rss/channel/item/link/text()")]
    assert len(links) == 10 and set(links) <= paths
    atom = xml(site, "/feed/atom/")
    entries = atom.xpath("//atom:entry/atom:link[@rel='alternate']/@href", namespaces=NS)
    assert [local_path(e) for e in entries] == links
    for path in ("/", truth[0]["path"], "/category/politics/", "/about/"):
        types = page(site, path).xpath("//head/link[@rel='alternate']/@type")
        assert {"application/rss+xml", "application/atom+xml"} <= set(types), path


def test_every_article_is_reachable_by_links(site: DemoServer, truth: list[dict[str, Any]]) -> None:
    seen, queue = {"/"}, deque(["/"])
    while queue:
        tree = page(site, queue.popleft())  # asserts 200: no broken internal links
        for href in tree.xpath("//a/@href"):
            url = urljoin(site.url, href)
            parts = urlsplit(url)
            if url.startswith(site.url) and not parts.query and parts.path not in seen \
                    and not parts.path.startswith(("/wp-", "/feed/")) and parts.path.endswith("/"):
                seen.add(parts.path)
                queue.append(parts.path)
    assert {a["path"] for a in truth} <= seen


def test_article_page_has_content_comments_and_related_block(site: DemoServer, truth: list[dict[str, Any]]) -> None:
    seed = next(a for a in truth if a["headline"].startswith("Russia announces"))
    response = get(site, seed["path"])
    assert response.getheader("Content-Type") == "text/html; charset=UTF-8"
    text = response.body.decode()  # type: ignore[attr-defined]
    for phrase in BOILERPLATE:
        assert phrase in text, phrase
    tree = html.fromstring(text)
    assert tree.xpath("//ol[@class='comment-list']/li[starts-with(@id, 'comment-')]")
    assert tree.xpath("//li[contains(@class, 'comment')]/article[@class='comment-body']//*[@class='fn']")
    assert tree.xpath("//ol[@class='children']/li")
    assert tree.xpath("//a[contains(@href, '?replytocom=')]")
    assert tree.xpath("//a[contains(@class, 'next page-numbers')]/@href")[0].endswith("comment-page-2/#comments")
    related = {local_path(h) for h in tree.xpath("//div[@id='related-posts']//h3[@class='post-title']/a/@href")}
    assert related == {r["path"] for r in seed["related"]}
    data = json.loads(tree.xpath("//script[@type='application/ld+json']/text()")[0])
    assert data["@type"] == "NewsArticle" and data["headline"] == seed["headline"]
    assert data["datePublished"] == seed["datePublished"] and data["inLanguage"] == "en-US"
    assert tree.xpath("//meta[@property='article:published_time']/@content") == [seed["datePublished"]]


def entry_paragraphs(tree: html.HtmlElement) -> list[str]:
    """Text of the article's own blocks (what the ground truth calls paragraphs)."""
    content = tree.xpath("//article//div[contains(@class, 'entry-content')]")[0]
    blocks = content.xpath("./p | ./h2 | ./blockquote")
    return [" ".join(b.text_content().split()) for b in blocks]


def page_comments(tree: html.HtmlElement) -> list[tuple[str, str | None, str, str, str]]:
    """(id, parent id, author, datetime, text) of each comment on a page, in document order."""
    out = []
    for li in tree.xpath("//li[starts-with(@id, 'comment-')]"):
        parents = li.xpath("ancestor::li[starts-with(@id, 'comment-')][1]/@id")
        author = li.xpath("(.//*[@class='fn'] | .//*[@class='wp-block-comment-author-name'])[1]")[0].text_content()
        date = li.xpath(".//time/@datetime")[0]
        content = li.xpath("(.//*[@class='comment-content'] | .//*[@class='wp-block-comment-content'])[1]")[0]
        text = content.text_content()
        out.append((li.get("id"), parents[0] if parents else None, author, date, text))
    return out


def test_pages_match_the_ground_truth(site: DemoServer, truth: list[dict[str, Any]]) -> None:
    for article in truth:
        tree = page(site, article["path"])
        assert tree.xpath("//h1")[-1].text_content() == article["headline"]
        assert tree.get("lang") == article["language"]
        assert entry_paragraphs(tree) == article["paragraphs"], article["path"]
        comments = []
        for number, path in enumerate(article["commentPages"], 1):
            comment_page = page(site, path)
            assert comment_page.xpath("//link[@rel='canonical']/@href") == [site.url.rstrip("/") + article["path"]]
            assert entry_paragraphs(comment_page) == article["paragraphs"]
            comments += page_comments(comment_page)
        want = [(c["commentId"], c["parentId"], c["author"], c["datePublished"], c["text"])
                for c in article["comments"]]
        assert comments == want, article["path"]


def test_markup_variants(site: DemoServer, truth: list[dict[str, Any]]) -> None:
    for article in truth:
        tree = page(site, article["path"])
        ld = tree.xpath("//script[@type='application/ld+json']")
        assert bool(ld) == (article["markup"] in {"jsonld", "graph"}), article["path"]
        assert bool(tree.xpath("//meta[@property='og:title']")) == (article["markup"] in {"jsonld", "graph", "meta"})
        assert bool(tree.xpath("//*[@itemprop='headline']")) == (article["markup"] == "microdata")
        assert tree.xpath("//time[contains(@class, 'published')]/@datetime") == [article["datePublished"]]
        byline = " ".join(tree.xpath("//span[contains(@class, 'byline')]")[0].text_content().split())
        assert all(name in byline for name in article["authors"])
        if article["markup"] == "graph":
            graph = json.loads(ld[0].text)["@graph"]
            people = [n["name"] for n in graph if n["@type"] == "Person"]
            assert people == article["authors"]


def test_comment_page_two_and_cpage(site: DemoServer, truth: list[dict[str, Any]]) -> None:
    query_paged = next(a for a in truth if len(a["commentPages"]) > 1 and "?cpage=" in a["commentPages"][1])
    tree = page(site, query_paged["path"])
    older_newer = tree.xpath("//div[@class='nav-links']/a[contains(@class, 'next page-numbers')]/@href")
    assert [local_path(h) for h in older_newer] == [query_paged["commentPages"][1]]
    second = page(site, query_paged["commentPages"][1])
    assert second.xpath("//a[contains(@class, 'prev page-numbers')]")[0].text_content().endswith("Older comments")
    last = truth[0]["path"]
    assert get(site, last + "comment-page-9/").status == 404
    assert get(site, last + "comment-page-1/").status == 301


def test_redirects_404_and_host_header(site: DemoServer, truth: list[dict[str, Any]]) -> None:
    path = truth[0]["path"]
    response = get(site, path.rstrip("/"))
    assert response.status == 301 and response.getheader("Location") == site.url.rstrip("/") + path
    missing = get(site, "/no-such-page/")
    assert missing.status == 404 and b"<h1 class=\"page-title\">Oops!" in missing.body  # type: ignore[attr-defined]
    assert get(site, "/page/99/").status == 404
    port = site.server_address[1]
    other = get(site, "/feed/", headers={"Host": f"localhost:{port}"}).body.decode()  # type: ignore[attr-defined]
    assert f"http://localhost:{port}/" in other and "127.0.0.1" not in other


def test_gzip_head_and_reply_links(site: DemoServer, truth: list[dict[str, Any]]) -> None:
    path = truth[0]["path"]
    plain = get(site, path).body  # type: ignore[attr-defined]
    zipped = get(site, path, headers={"Accept-Encoding": "gzip"})
    assert zipped.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(zipped.body) == plain  # type: ignore[attr-defined]
    host, port = site.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=10)
    conn.request("HEAD", path)
    head = conn.getresponse()
    assert head.status == 200 and head.read() == b"" and int(head.getheader("Content-Length")) == len(plain)
    conn.close()
    reply = page(site, path + "?replytocom=311")
    assert "noindex" in reply.xpath("//meta[@name='robots']/@content")[0]
    assert "noindex" not in page(site, path).xpath("//meta[@name='robots']/@content")[0]


def test_listings_search_and_archives(site: DemoServer, truth: list[dict[str, Any]]) -> None:
    home = page(site, "/")
    assert home.xpath("//a[contains(@class, 'next page-numbers')]/@href")[0].endswith("/page/2/")
    assert page(site, "/category/international-news/page/2/").xpath("//h2[contains(@class, 'entry-title')]")
    assert page(site, "/tag/energy/").xpath("//h2[contains(@class, 'entry-title')]")
    assert page(site, "/author/jane-doe/").xpath("//div[@class='author-bio']")
    results = page(site, "/?s=comet").xpath("//h2[contains(@class, 'entry-title')]/a/text()")
    assert results == ["Astronomers spot comet that could be visible to the naked eye in May"]
    assert get(site, "/?p=1204").status == 301


def test_server_is_quiet(capfd: pytest.CaptureFixture[str], site: DemoServer) -> None:
    get(site, "/")
    get(site, "/missing/")
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


def test_module_entry_point_serves() -> None:
    process = subprocess.Popen([sys.executable, "-m", "newscrawler.demo.server", "--port", "0"],
                               stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()  # type: ignore[union-attr]
        base_url = line.split(" at ")[1].split()[0]
        assert base_url.startswith("http://127.0.0.1:")
        with urlopen(base_url + "feed/", timeout=10) as response:
            assert etree.fromstring(response.read()).tag == "rss"
    finally:
        process.terminate()
        process.wait(timeout=10)
