"""The extraction benchmark: its metrics on hand-computed examples, and whole runs on tiny datasets.

The fixture datasets under ``tests/fixtures/bench/`` (one per kind, 3 pages each) were written for
this project. Whole runs use fake extractors with known outputs, so every printed figure can be
computed by hand; one run uses the real extractor to check the tool still works end to end.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawler.bench import extract as bench
from newscrawler.bench import main as bench_main
from newscrawler.bench import metrics
from newscrawler.bench.extract import Output

FIXTURES = Path(__file__).parent / "fixtures" / "bench"
ZYTE, FUNDUS, TRAF = FIXTURES / "zyte-mini", FIXTURES / "fundus-mini", FIXTURES / "trafilatura-mini"


# --- metrics ------------------------------------------------------------------------------

def test_tokenize_is_unicode_words() -> None:
    assert metrics.tokenize("Grüße, São-Paulo! 42 km/h") == ["Grüße", "São", "Paulo", "42", "km", "h"]
    assert metrics.tokenize(None) == []


def test_shingles_are_a_multiset_of_four_token_runs() -> None:
    assert metrics.shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert metrics.shingles("x y z x y z x y z") == {
        ("x", "y", "z", "x"): 2, ("y", "z", "x", "y"): 2, ("z", "x", "y", "z"): 2}
    assert metrics.shingles("only three words") == {("only", "three", "words"): 1}
    assert metrics.shingles("") == {}


def test_body_match_normalises_counts_per_page() -> None:
    # truth: 5 tokens → shingles 1234, 2345; prediction adds "six" → also 3456.
    match = metrics.body_match("one two three four five six", "one two three four five")
    assert (match.tp, match.fp, match.fn) == pytest.approx((2 / 3, 1 / 3, 0))
    assert match.precision == pytest.approx(2 / 3)
    assert match.recall == 1.0
    assert not match.exact


def test_body_match_edge_cases() -> None:
    same = metrics.body_match("Hello, world!", "hello world")
    assert same.tp == 0 and same.fp == same.fn == 0.5  # case matters: tokens differ
    exact = metrics.body_match("Hello,  world!", "Hello world")
    assert exact.exact and exact.precision == exact.recall == 1.0
    empty_pred = metrics.body_match("", "alpha beta gamma delta")
    assert empty_pred.precision is None and empty_pred.recall == 0.0
    both_empty = metrics.body_match("", "")
    assert both_empty.precision is None and both_empty.recall is None and both_empty.exact


def test_body_score_means_then_f1() -> None:
    pages = [
        metrics.body_match("a b c d e f", "a b c d e f"),          # P 1, R 1, exact
        metrics.body_match("one two three four five six", "one two three four five"),  # P 2/3, R 1
        metrics.body_match("", "alpha beta gamma delta"),          # P skipped, R 0
    ]
    score = metrics.body_score(pages)
    p, r = (1 + 2 / 3) / 2, (1 + 1 + 0) / 3
    assert score.precision == pytest.approx(5 / 6) == pytest.approx(p)
    assert score.recall == pytest.approx(2 / 3) == pytest.approx(r)
    assert score.f1 == pytest.approx(20 / 27)
    assert score.accuracy == pytest.approx(1 / 3)
    assert score.pages == 3


def test_snippets_match_whitespace_normalised_and_case_sensitive() -> None:
    body = "The town  youth\nchoir raised\u00a0money.\u200b"
    assert metrics.contains(body, "youth choir raised")
    assert not metrics.contains(body, "Youth choir")
    assert not metrics.contains(body, "   ")
    assert metrics.count_found(["town youth", "money.", "piano"], body) == 2


def test_headline_and_authors() -> None:
    assert metrics.same_headline(" Storm  warning\n", "Storm warning")
    assert not metrics.same_headline("storm warning", "Storm warning")
    assert not metrics.same_headline(None, "Storm warning")
    assert metrics.set_match(["jane doe", "John  Smith"], ["Jane Doe", "John Smith"]) == (True, 1.0)
    assert metrics.set_match(["Jane Doe"], ["Jane Doe", "Max Muster"]) == (False, 0.5)
    assert metrics.set_match([], []) == (True, None)


def test_an_author_truth_string_is_split_at_the_conjunctions_of_the_datas_languages() -> None:
    assert bench._author_names("Lars Fischer und Alina Schadwinkel") == ["Lars Fischer", "Alina Schadwinkel"]
    assert bench._author_names("Glen Owen And Brendan Carlin") == ["Glen Owen", "Brendan Carlin"]
    assert bench._author_names("Ana Ruiz y Pedro Gil; Jean Dupont et Marie Curie") == [
        "Ana Ruiz", "Pedro Gil", "Jean Dupont", "Marie Curie"]
    assert bench._author_names("Sandra Undine") == ["Sandra Undine"]  # "und" inside a name is no separator
    assert bench._author_names(["Jane Doe and John Smith"]) == ["Jane Doe and John Smith"]  # a list as given


def test_dates() -> None:
    assert metrics.date_match("2024-05-03T17:47:42+02:00", "2024-05-03T15:47:42+00:00") == (True, True)
    assert metrics.date_match("2024-05-03T15:47:42Z", "2024-05-03T15:47:42.000+00:00") == (True, True)
    # naive vs aware: the wall-clock times are compared
    assert metrics.date_match("2024-05-03T15:47:42", "2024-05-03T15:47:42+02:00") == (True, True)
    assert metrics.date_match("2024-05-03", "2024-05-03T23:30:00-04:00") == (False, True)
    assert metrics.date_match("2024-05-04T01:00:00+00:00", "2024-05-03T21:00:00-04:00") == (True, False)
    assert metrics.date_match(None, "2024-01-01") == (False, False)
    assert metrics.date_match("yesterday", "2024-01-01") == (False, False)


# --- datasets ------------------------------------------------------------------------------

def test_dataset_kinds_are_recognised_by_their_files(tmp_path: Path) -> None:
    assert bench.detect_kind(ZYTE) == bench.ZYTE
    assert bench.detect_kind(FUNDUS) == bench.FUNDUS
    assert bench.detect_kind(TRAF) == bench.TRAFILATURA
    assert bench.detect_kind(tmp_path) is None
    assert bench.expand_paths([FIXTURES]) == [FUNDUS, TRAF, ZYTE]
    dataset = bench.load_dataset(ZYTE, limit=2)
    assert [c.key for c in dataset.cases] == ["library-reopens", "bridge-repairs"]
    assert "Harbour Bridge" in bench.load_dataset(ZYTE, match="bridge").cases[0].html()


# --- whole runs with fake extractors (every figure computable by hand) ------------------------

SHARE = "\n\nShare this article on Facebook and Twitter"  # 7 tokens


def _truth_bodies() -> dict[str, str]:
    truth = json.loads((ZYTE / "ground-truth.json").read_text("utf-8"))
    bodies = {item["url"]: item["articleBody"] for item in truth.values()}
    for line in (FUNDUS / "cases.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        bodies[row["url"]] = row["body"]
    return bodies


def _fake_ours() -> dict[str, Output]:
    bodies = _truth_bodies()
    c = "https://courier.example.org/"
    return {
        # zyte: exact; truth + 7 boilerplate tokens; nothing
        c + "news/library-reopens": Output(bodies[c + "news/library-reopens"]),
        c + "news/bridge-repairs": Output(bodies[c + "news/bridge-repairs"] + SHARE),
        c + "news/school-meals": Output(""),
        # fundus
        c + "business/market-hall": Output(bodies[c + "business/market-hall"], "Market hall  traders win longer leases",
                                           ["jane doe", "John  Smith"], "2024-05-03T17:47:42+02:00"),
        "https://kurier.example.org/lokales/hafenfest": Output(
            bodies["https://kurier.example.org/lokales/hafenfest"], "Hafenfest", ["Jane Doe"], "2024-05-03"),
        c + "news/storm-warning": Output("", "Storm warning issued for the coast", [], None),
        # trafilatura kind
        c + "blog/community-garden": Output(
            "Volunteers at the Elm Road community garden built a greenhouse.\n\nIt is used to grow seedlings"
            " for local schools.\n\nWhat a lovely project, well done!", "Community garden gets a new greenhouse",
            ["Tom Reed", "Mia Kovac"], "2024-04-02T10:00:00+01:00",
            comments=["What a lovely project, well done!", "Will there be an open day in the spring?"],
            tags=["gardening", "Schools "], section="community"),
        c + "blog/ferry-timetable": Output("Sign up!\n\nShare this article on Facebook and Twitter",
                                           "Winter ferry timetable published", comments=[]),
        c + "blog/choir-concert": Output(
            "The town youth choir raised more\nthan three  thousand pounds for a new piano.", "Choir concert", [],
            "2024-03-10", comments=[]),
    }


def _fake_reference() -> dict[str, Output]:
    bodies = _truth_bodies()
    return {url: Output(body) for url, body in bodies.items()}


@pytest.fixture
def fake_run(monkeypatch: pytest.MonkeyPatch) -> None:
    ours, reference = _fake_ours(), _fake_reference()
    monkeypatch.setattr(bench, "run_ours", lambda html, url, kind: (ours[url], 0.001))
    monkeypatch.setattr(bench, "run_trafilatura", lambda html, url, kind: (reference.get(url, Output()), 0.004))
    monkeypatch.setattr(bench, "reference_available", lambda: True)


def _run(tmp_path: Path, *args: str) -> tuple[int, dict]:
    out = tmp_path / "summary.json"
    code = bench_main(["extract", *args, "--json", str(out)])
    return code, {d["kind"]: d for d in json.loads(out.read_text("utf-8"))["datasets"]}


def test_zyte_kind_figures(fake_run: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, summary = _run(tmp_path, str(ZYTE))
    assert code == 0
    zyte = summary["zyte"]
    assert zyte["pages"] == 3
    # bridge-repairs: truth 38 tokens = 35 shingles; + 7 tokens → 7 more shingles: P = 35/42 = 5/6.
    assert len(metrics.tokenize(_truth_bodies()["https://courier.example.org/news/bridge-repairs"])) == 38
    p, r = (1 + 5 / 6) / 2, 2 / 3  # school-meals (empty) has no precision and recall 0
    assert zyte["ours"]["body_precision"] == pytest.approx(p)
    assert zyte["ours"]["body_recall"] == pytest.approx(r)
    assert zyte["ours"]["body_f1"] == pytest.approx(44 / 57)
    assert zyte["ours"]["body_accuracy"] == pytest.approx(1 / 3)
    assert zyte["trafilatura"] == {"body_f1": 1.0, "body_precision": 1.0, "body_recall": 1.0, "body_accuracy": 1.0}
    assert zyte["time"]["ours"] == {"median_ms": pytest.approx(1.0), "total_s": pytest.approx(0.003)}
    assert zyte["time"]["ours_times_faster"] == pytest.approx(4.0)
    printed = capsys.readouterr().out
    lines = [line.split() for line in printed.splitlines()]
    assert ["body", "F1", "0.772", "1.000"] in lines
    assert ["time", "per", "page,", "median", "(ms)", "1.000", "4.000"] in lines
    assert "ours is 4.0x faster than trafilatura" in printed


def test_fundus_kind_figures(fake_run: None, tmp_path: Path) -> None:
    code, summary = _run(tmp_path, str(FUNDUS))
    assert code == 0
    ours = summary["fundus"]["ours"]
    assert ours["headline_exact"] == pytest.approx(2 / 3)      # "Hafenfest" is not the headline
    assert ours["authors_set_match"] == pytest.approx(2 / 3)   # case-insensitive; [] == [] counts
    assert ours["authors_name_recall"] == pytest.approx(0.75)  # mean of 1 and 1/2 (no-author page skipped)
    assert ours["date_same_instant"] == pytest.approx(1 / 3)   # +02:00 vs UTC: same instant
    assert ours["date_same_day"] == pytest.approx(2 / 3)       # a bare date on the same day
    assert ours["body_precision"] == 1.0
    assert ours["body_recall"] == pytest.approx(2 / 3)
    assert ours["body_f1"] == pytest.approx(0.8)
    assert ours["body_accuracy"] == pytest.approx(2 / 3)


def test_trafilatura_kind_figures(fake_run: None, tmp_path: Path) -> None:
    code, summary = _run(tmp_path, str(TRAF))
    assert code == 0
    ours = summary["trafilatura"]["ours"]
    # with: garden 1 of 2 (reworded), ferry 0 of 1, choir 1 of 2 (whitespace differs) → 2 of 5
    assert ours["with_recall"] == pytest.approx(2 / 5)
    # without: only "Share this article ..." on the ferry page leaked ("Sign up!" ≠ the banner) → 3 of 4 absent
    assert ours["without_precision"] == pytest.approx(3 / 4)
    assert ours["snippet_precision"] == pytest.approx(2 / 3)
    assert ours["snippet_f1"] == pytest.approx(2 * (2 / 3) * (2 / 5) / (2 / 3 + 2 / 5))
    assert ours["snippet_accuracy"] == pytest.approx(5 / 9)
    assert ours["comment_pages"] == 2
    assert ours["comments_found"] == pytest.approx(2 / 3)  # both garden comments, not the choir one
    assert ours["comments_clean"] == pytest.approx(1 / 3)  # "What a lovely project" is also in the body
    assert ours["comments_leaked"] == pytest.approx(1 / 3) and ours["comments_leaked_count"] == 1
    assert ours["comment_pages_with_leak"] == 1
    # headline, authors and date where the truth gives them: the choir page is wrong on all three
    assert ours["declared_headline_exact"] == pytest.approx(2 / 3)
    assert ours["declared_authors_set_match"] == pytest.approx(1 / 2)  # "Mia Kovac; Tom Reed" in any order
    assert ours["declared_date_same_day"] == pytest.approx(1 / 2)
    assert ours["declared_tags_set_match"] == pytest.approx(1 / 2)  # the garden's tags in any case; none for the choir
    assert ours["declared_section_in_categories"] == pytest.approx(1 / 2)  # "community" is one; the choir has none
    reference = summary["trafilatura"]["trafilatura"]
    assert reference["comments_found"] is None and reference["comments_clean"] is None  # body only


def test_per_page_rows(fake_run: None, tmp_path: Path) -> None:
    tsv, jsonl = tmp_path / "pages.tsv", tmp_path / "pages.jsonl"
    assert bench_main(["extract", str(ZYTE), "--per-page", str(tsv)]) == 0
    header, *rows = tsv.read_text("utf-8").splitlines()
    assert len(rows) == 3 and header.startswith("dataset\tkey\turl\tours_body_f1")
    assert bench_main(["extract", str(TRAF), "--per-page", str(jsonl), "--limit", "1"]) == 0
    (row,) = [json.loads(line) for line in jsonl.read_text("utf-8").splitlines()]
    assert row["key"] == "courier.example.org.garden"
    assert (row["ours_with_found"], row["ours_comments_leaked"], row["ours_comments_found"]) == (1, 1, 2)
    assert row["trafilatura_with_found"] == 0  # the fake reference gives nothing on this page
    assert row["ours_seconds"] == 0.001 and row["ours_crashed"] is False
    assert row["ours_missed_with"] == ["will be used to grow seedlings for local schools"]
    assert row["ours_leaked_comments"] == ["What a lovely project"] and row["ours_missed_comments"] == []


def test_fundus_rows_show_values_got_and_expected(fake_run: None, tmp_path: Path) -> None:
    jsonl = tmp_path / "pages.jsonl"
    assert bench_main(["extract", str(FUNDUS), "--per-page", str(jsonl), "--match", "hafen"]) == 0
    (row,) = [json.loads(line) for line in jsonl.read_text("utf-8").splitlines()]
    assert (row["ours_headline"], row["ours_got_headline"]) == (False, "Hafenfest")
    assert row["truth_headline"] == "Hafenfest lockt Tausende ans Wasser"
    assert (row["ours_got_date"], row["truth_date"]) == ("2024-05-03", "2024-05-03T23:30:00-04:00")


def test_worst_pages_are_listed_worst_first(fake_run: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_main(["extract", str(ZYTE), "--worst", "2"]) == 0
    printed = capsys.readouterr().out
    worst = printed[printed.index("worst 2 pages (ours):"):].splitlines()[1:3]
    assert worst[0].startswith("  school-meals: body F1 0.000") and "[trafilatura: body F1 1.000]" in worst[0]
    assert worst[1].startswith("  bridge-repairs: body F1 0.909")  # P 5/6, R 1 → F1 10/11


def test_a_crash_is_reported_and_fails_the_run(fake_run: None, monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def explode(html: str, url: str, kind: str) -> tuple[Output, float]:
        if url.endswith("bridge-repairs"):
            raise RuntimeError("boom")
        return Output("x"), 0.001

    monkeypatch.setattr(bench, "run_ours", explode)
    pages = tmp_path / "pages.jsonl"
    code, summary = _run(tmp_path, str(ZYTE), "--per-page", str(pages))
    assert code == 1
    assert summary["zyte"]["crashes"] == ["bridge-repairs"] and summary["zyte"]["pages"] == 3
    rows = {row["key"]: row for row in map(json.loads, pages.read_text("utf-8").splitlines())}
    assert [key for key, row in rows.items() if row["ours_crashed"]] == ["bridge-repairs"]
    assert rows["bridge-repairs"]["ours_body_recall"] == 0.0  # scored as an empty body
    assert rows["bridge-repairs"]["ours_seconds"] is None
    err = capsys.readouterr().err
    assert "CRASH in our extractor: zyte-mini bridge-repairs" in err and "RuntimeError: boom" in err


def test_missing_trafilatura_is_one_clear_line(monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(bench, "reference_available", lambda: False)
    assert bench_main(["extract", str(ZYTE)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "pip install -e '.[bench]'" in err and "--no-reference" in err


def test_not_a_dataset_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_main(["extract", "--no-reference", str(tmp_path)]) == 2
    assert "not a dataset" in capsys.readouterr().err
    assert bench_main(["nonsense"]) == 2


# --- the real extractor, end to end -------------------------------------------------------------

def test_real_extractors_run_on_every_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [] if bench.reference_available() else ["--no-reference"]
    code, summary = _run(tmp_path, str(FIXTURES), *args)
    assert code == 0, capsys.readouterr().err
    assert sorted(summary) == ["fundus", "trafilatura", "zyte"]
    for dataset in summary.values():
        assert dataset["pages"] == 3 and dataset["crashes"] == []
        shares = [v for k, v in dataset["ours"].items() if isinstance(v, float)]
        assert shares and all(0.0 <= v <= 1.0 for v in shares)
        assert dataset["time"]["ours"]["total_s"] > 0
    printed = capsys.readouterr().out
    assert printed.count("== ") == 3 and "body F1" in printed and "'with' snippets found" in printed
