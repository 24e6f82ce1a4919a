"""``bench extract``: our extractor and trafilatura on the same pages, scored side by side.

Usage::

    python -m newscrawler.bench extract DATASET_DIR... [--per-page FILE] [--json FILE]
                                        [--limit N] [--match TEXT] [--worst N] [--no-reference]

A dataset folder is recognised by its files (see ``detect_kind``); a folder that is not a
dataset itself but holds datasets (e.g. ``/work/shared/datasets``) stands for all of them.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import statistics
import sys
import time
import traceback
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any, Callable, Iterable

from newscrawler.extract import extract_article
from newscrawler.extract.document import decode_html

from . import metrics

ZYTE, FUNDUS, TRAFILATURA = "zyte", "fundus", "trafilatura"
REFERENCE = "trafilatura"
INSTALL_HINT = "pip install -e '.[bench]'"


class DatasetError(ValueError):
    """A folder that is not a dataset this benchmark knows."""


# --- datasets ---------------------------------------------------------------------------------

@dataclass
class Case:
    """One page of a dataset: its key, URL, gzipped HTML file and ground truth."""

    key: str
    url: str
    path: Path
    truth: dict[str, Any]

    def html(self) -> str:
        """The page decoded as a browser would."""
        return decode_html(gzip.decompress(self.path.read_bytes()))


@dataclass
class Dataset:
    """A folder of pages with ground truth, of one of the three known kinds."""

    name: str
    path: Path
    kind: str
    cases: list[Case]


def _first_case(path: Path) -> dict[str, Any]:
    with (path / "cases.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                return json.loads(line)
    return {}


def detect_kind(path: Path) -> str | None:
    """The dataset kind of a folder by its files, or None if it is not a dataset."""
    if (path / "ground-truth.json").is_file() and (path / "html").is_dir():
        return ZYTE
    if not (path / "cases.jsonl").is_file():
        return None
    first = _first_case(path)
    if "with" in first and "without" in first:
        return TRAFILATURA
    if {"headline", "authors", "date", "body"} <= first.keys():
        return FUNDUS
    return None


def _zyte_cases(path: Path) -> list[Case]:
    truth = json.loads((path / "ground-truth.json").read_text(encoding="utf-8"))
    return [Case(key, item.get("url") or "", path / "html" / f"{key}.html.gz", item)
            for key, item in truth.items()]


def _jsonl_cases(path: Path) -> list[Case]:
    cases = []
    with (path / "cases.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                file = row.get("file") or f"{row['id']}.html.gz"
                cases.append(Case(row["id"], row.get("url") or "", path / "html" / file, row))
    return cases


def load_dataset(path: Path, limit: int | None = None, match: str | None = None) -> Dataset:
    """Read a dataset folder; keep pages whose key contains ``match``, then the first ``limit``."""
    kind = detect_kind(path)
    if kind is None:
        raise DatasetError(f"{path}: not a dataset (no ground-truth.json + html/, nor a known cases.jsonl)")
    cases = _zyte_cases(path) if kind == ZYTE else _jsonl_cases(path)
    if match:
        cases = [c for c in cases if match in c.key]
    if limit is not None:
        cases = cases[:limit]
    return Dataset(path.name, path, kind, cases)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Each path if it is a dataset, else the datasets directly inside it (sorted)."""
    found: list[Path] = []
    for path in paths:
        if detect_kind(path) is not None:
            found.append(path)
            continue
        inner = sorted(p for p in path.iterdir() if p.is_dir() and detect_kind(p)) if path.is_dir() else []
        if not inner:
            raise DatasetError(f"{path}: not a dataset and holds no dataset")
        found.extend(inner)
    return found


# --- extractors -----------------------------------------------------------------------------

@dataclass
class Output:
    """What an extractor gave for a page, in the shape the scorers read."""

    body: str = ""
    headline: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    comments: list[str] | None = None  # None: this extractor does not extract comments
    tags: list[str] = field(default_factory=list)
    section: str | None = None


def ours_output(record: dict[str, Any]) -> Output:
    """Our record → Output."""
    authors = [a.get("name", "") if isinstance(a, dict) else str(a) for a in record.get("authors") or []]
    comments = [c.get("text") or "" for c in record.get("comments") or []]
    return Output(record.get("articleBody") or "", record.get("headline"), authors,
                  record.get("datePublished"), comments, list(record.get("keywords") or []),
                  record.get("articleSection"))


def run_ours(html: str, url: str, kind: str) -> tuple[Output, float]:
    """The whole extraction (metadata, body, comments, related), timed."""
    start = time.perf_counter()
    record = extract_article(html, url)
    elapsed = time.perf_counter() - start
    return ours_output(record), elapsed


def run_trafilatura(html: str, url: str, kind: str) -> tuple[Output, float]:
    """trafilatura's body (timed); on fundus and trafilatura pages also its title, authors and date (not timed)."""
    import trafilatura

    start = time.perf_counter()
    body = trafilatura.extract(html, include_comments=False)
    elapsed = time.perf_counter() - start
    output = Output(body or "")
    if kind in (FUNDUS, TRAFILATURA):
        meta = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
        if meta is not None and not isinstance(meta, dict):  # a dict only with the deprecated as_dict=True
            output.headline = meta.title
            output.authors = [a.strip() for a in (meta.author or "").split(";") if a.strip()]
            output.date = meta.date
            output.tags = list(meta.tags or [])
            output.section = next(iter(meta.categories or []), None)
    return output, elapsed


def reference_available() -> bool:
    """Whether trafilatura can be imported."""
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        return False
    return True


# --- per-page scores --------------------------------------------------------------------------

def _body_scores(predicted: str, truth: str) -> dict[str, Any]:
    match = metrics.body_match(predicted, truth)
    p, r = match.precision, match.recall
    f1 = 2 * p * r / (p + r) if p is not None and r is not None and p + r > 0 else float(match.exact)
    return {"body_f1": f1, "body_precision": p, "body_recall": r, "body_exact": match.exact,
            "body_tp": match.tp, "body_fp": match.fp, "body_fn": match.fn, "body_chars": len(predicted)}


def _fundus_scores(truth: dict[str, Any], out: Output) -> dict[str, Any]:
    authors_set, authors_recall = metrics.set_match(out.authors, truth.get("authors") or [])
    instant, day = metrics.date_match(out.date, truth.get("date"))
    has_date = bool(truth.get("date"))
    return {"headline": metrics.same_headline(out.headline, truth.get("headline")),
            "authors_set": authors_set, "authors_recall": authors_recall,
            "date_instant": instant if has_date else None, "date_day": day if has_date else None,
            **_body_scores(out.body, truth.get("body") or "")}


def _trafilatura_scores(truth: dict[str, Any], out: Output) -> dict[str, Any]:
    with_, without = truth.get("with") or [], truth.get("without") or []
    return {"with_found": metrics.count_found(with_, out.body), "with_total": len(with_),
            "without_found": metrics.count_found(without, out.body), "without_total": len(without),
            **_comment_scores(truth.get("comments") or [], out), **_declared_metadata_scores(truth, out),
            "body_chars": len(out.body)}


def _declared_metadata_scores(truth: dict[str, Any], out: Output) -> dict[str, Any]:
    """Headline, authors, date, tags and section of a trafilatura-kind page, scored where its truth gives them
    (else None)."""
    title, author, date, tags = truth.get("title"), truth.get("author"), truth.get("date"), truth.get("tags")
    categories = truth.get("categories")
    return {"headline": metrics.same_headline(out.headline, title) if title else None,
            "authors_set": metrics.set_match(out.authors, _author_names(author))[0] if author else None,
            "date_day": metrics.date_match(out.date, date)[1] if date else None,
            "tags_set": metrics.set_match(out.tags, tags)[0] if tags else None,
            "section_in_categories": metrics.one_of(out.section, categories) if categories else None}


def _author_names(value: str | list[str]) -> list[str]:
    """The names of a trafilatura-kind ``author`` truth: a list, or one string of names separated by
    ';', ',' or a conjunction in one of the data's languages ("Lars Fischer und Alina Schadwinkel")."""
    if isinstance(value, list):
        return value
    return [name.strip() for name in _NAME_SEPARATORS.split(value) if name.strip()]


_NAME_SEPARATORS = re.compile(r";|,|\s(?:and|und|et|y|e|ve)\s", re.IGNORECASE)


def _comment_scores(comments: list[str], out: Output) -> dict[str, Any]:
    """Comment snippets: how many leaked into the body, found in the comments, found there and not leaked."""
    leaked = _present(comments, out.body)
    scores: dict[str, Any] = {"comments_total": len(comments), "comments_leaked": len(leaked),
                              "comments_found": None, "comments_clean": None}
    if out.comments is not None:
        found = _present(comments, "\n\n".join(out.comments))
        scores["comments_found"] = len(found)
        scores["comments_clean"] = sum(1 for snippet in found if snippet not in leaked)
    return scores


def _missing(snippets: Iterable[str], text: str) -> list[str]:
    return [s for s in snippets if not metrics.contains(text, s)]


def _present(snippets: Iterable[str], text: str) -> list[str]:
    return [s for s in snippets if metrics.contains(text, s)]


def page_details(kind: str, truth: dict[str, Any], out: Output) -> dict[str, Any]:
    """What went wrong on a page, for the per-page rows: values got vs expected, snippets missed or leaked."""
    if kind == FUNDUS:
        return {"got_headline": out.headline, "got_authors": out.authors, "got_date": out.date}
    if kind == TRAFILATURA:
        comments = truth.get("comments") or []
        details = {"got_headline": out.headline, "got_authors": out.authors, "got_date": out.date, "got_tags": out.tags,
                   "missed_with": _missing(truth.get("with") or [], out.body),
                   "leaked_without": _present(truth.get("without") or [], out.body),
                   "leaked_comments": _present(comments, out.body)}
        if out.comments is not None:
            details["missed_comments"] = _missing(comments, "\n\n".join(out.comments))
        return details
    return {}


def truth_details(kind: str, truth: dict[str, Any]) -> dict[str, Any]:
    """The expected values shown beside ``page_details`` in the per-page rows."""
    if kind == FUNDUS:
        return {"truth_headline": truth.get("headline"), "truth_authors": truth.get("authors"),
                "truth_date": truth.get("date")}
    if kind == TRAFILATURA:
        return {"truth_headline": truth.get("title"), "truth_authors": truth.get("author"),
                "truth_date": truth.get("date"), "truth_tags": truth.get("tags")}
    return {}


def score_page(kind: str, truth: dict[str, Any], out: Output) -> dict[str, Any]:
    """The per-page scores of one extractor's output for a dataset kind."""
    if kind == ZYTE:
        return _body_scores(out.body, truth.get("articleBody") or "")
    if kind == FUNDUS:
        return _fundus_scores(truth, out)
    return _trafilatura_scores(truth, out)


# --- summaries --------------------------------------------------------------------------------

def _share(values: Iterable[Any]) -> float | None:
    present = [float(v) for v in values if v is not None]
    return statistics.fmean(present) if present else None


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def _body_summary(pages: list[dict[str, Any]]) -> dict[str, Any]:
    score = metrics.body_score(metrics.BodyMatch(p["body_tp"], p["body_fp"], p["body_fn"], p["body_exact"])
                               for p in pages)
    return {"body_f1": score.f1, "body_precision": score.precision, "body_recall": score.recall,
            "body_accuracy": score.accuracy}


def _fundus_summary(pages: list[dict[str, Any]]) -> dict[str, Any]:
    return {"headline_exact": _share(p["headline"] for p in pages),
            "authors_set_match": _share(p["authors_set"] for p in pages),
            "authors_name_recall": _share(p["authors_recall"] for p in pages),
            "date_same_instant": _share(p["date_instant"] for p in pages),
            "date_same_day": _share(p["date_day"] for p in pages),
            **_body_summary(pages)}


def _trafilatura_summary(pages: list[dict[str, Any]]) -> dict[str, Any]:
    tp = sum(p["with_found"] for p in pages)
    fn = sum(p["with_total"] for p in pages) - tp
    fp = sum(p["without_found"] for p in pages)
    tn = sum(p["without_total"] for p in pages) - fp
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    with_comments = [p for p in pages if p["comments_total"]]
    return {"with_recall": recall, "without_precision": _ratio(tn, tn + fp),
            "snippet_precision": precision, "snippet_f1": f1, "snippet_accuracy": _ratio(tp + tn, tp + tn + fp + fn),
            **_comments_summary(with_comments),
            "declared_headline_exact": _share(p["headline"] for p in pages),
            "declared_authors_set_match": _share(p["authors_set"] for p in pages),
            "declared_date_same_day": _share(p["date_day"] for p in pages),
            "declared_tags_set_match": _share(p["tags_set"] for p in pages),
            "declared_section_in_categories": _share(p["section_in_categories"] for p in pages)}


def _comments_summary(pages: list[dict[str, Any]]) -> dict[str, Any]:
    total = sum(p["comments_total"] for p in pages)
    leaked = sum(p["comments_leaked"] for p in pages)
    extracted = [p for p in pages if p["comments_found"] is not None]
    found = sum(p["comments_found"] for p in extracted)
    clean = sum(p["comments_clean"] for p in extracted)
    return {"comment_pages": len(pages),
            "comments_found": _ratio(found, total) if extracted else None,
            "comments_clean": _ratio(clean, total) if extracted else None,
            "comments_leaked": _ratio(leaked, total), "comments_leaked_count": leaked,
            "comment_pages_with_leak": sum(1 for p in pages if p["comments_leaked"])}


def summarize(kind: str, pages: list[dict[str, Any]]) -> dict[str, Any]:
    """Dataset-level figures from per-page scores."""
    if kind == ZYTE:
        return _body_summary(pages)
    if kind == FUNDUS:
        return _fundus_summary(pages)
    return _trafilatura_summary(pages)


def time_summary(seconds: list[float]) -> dict[str, float | None]:
    """Median per page (ms) and total (s) of a list of timings."""
    if not seconds:
        return {"median_ms": None, "total_s": None}
    return {"median_ms": statistics.median(seconds) * 1000, "total_s": sum(seconds)}


# --- running ------------------------------------------------------------------------------------

Runner = Callable[[str, str, str], tuple[Output, float]]


@dataclass
class Side:
    """One extractor's results on one dataset."""

    name: str
    run: Runner
    pages: list[dict[str, Any]] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (key, traceback)

    def measure(self, case: Case, html: str, kind: str) -> dict[str, Any]:
        """Run on one page, record its scores and time; a raised exception is a failure.

        Returns the page's row fields: scores, details, seconds and whether it crashed.
        """
        try:
            output, elapsed = self.run(html, case.url, kind)
            self.seconds.append(elapsed)
        except Exception:  # noqa: BLE001 - any exception is reported, the run goes on
            self.failures.append((case.key, traceback.format_exc()))
            output, elapsed = Output(), None
        scores = score_page(kind, case.truth, output)
        self.pages.append(scores)
        return {**scores, **page_details(kind, case.truth, output), "seconds": elapsed, "crashed": elapsed is None}


@dataclass
class DatasetResult:
    """Both sides' results on one dataset, and the per-page rows."""

    dataset: Dataset
    ours: Side
    reference: Side | None
    rows: list[dict[str, Any]]

    def summary(self) -> dict[str, Any]:
        """All summary figures (JSON-serialisable)."""
        ref = self.reference
        ours_time, ref_time = time_summary(self.ours.seconds), time_summary(ref.seconds) if ref else None
        speedup = total_speedup = None  # the target is the median per page; the total is shown beside it
        if ref_time and ref_time["median_ms"] and ours_time["median_ms"]:
            speedup = ref_time["median_ms"] / ours_time["median_ms"]
        if ref_time and ref_time["total_s"] and ours_time["total_s"]:
            total_speedup = ref_time["total_s"] / ours_time["total_s"]
        return {"name": self.dataset.name, "path": str(self.dataset.path), "kind": self.dataset.kind,
                "pages": len(self.dataset.cases),
                "ours": summarize(self.dataset.kind, self.ours.pages),
                REFERENCE: summarize(self.dataset.kind, ref.pages) if ref else None,
                "time": {"ours": ours_time, REFERENCE: ref_time, "ours_times_faster": speedup,
                         "ours_times_faster_total": total_speedup},
                "crashes": [key for key, _ in self.ours.failures],
                "reference_errors": [key for key, _ in ref.failures] if ref else None}


def _warm_up(sides: list[Side], dataset: Dataset) -> None:
    """One untimed call of each extractor, so lazy imports and caches are not timed."""
    if not dataset.cases:
        return
    case = dataset.cases[0]
    html = case.html()
    for side in sides:
        try:
            side.run(html, case.url, dataset.kind)
        except Exception:  # noqa: BLE001 - failures are reported by the timed run
            pass


def run_dataset(dataset: Dataset, with_reference: bool) -> DatasetResult:
    """Run our extractor (and trafilatura) on every page of a dataset."""
    ours = Side("ours", run_ours)
    reference = Side(REFERENCE, run_trafilatura) if with_reference else None
    sides = [s for s in (ours, reference) if s is not None]
    _warm_up(sides, dataset)
    rows = []
    for case in dataset.cases:
        html = case.html()
        row: dict[str, Any] = {"dataset": dataset.name, "key": case.key, "url": case.url}
        for side in sides:
            scores = side.measure(case, html, dataset.kind)
            row.update({f"{side.name}_{k}": v for k, v in scores.items()})
        row.update(truth_details(dataset.kind, case.truth))
        rows.append(row)
    return DatasetResult(dataset, ours, reference, rows)


# --- output --------------------------------------------------------------------------------------

LABELS: dict[str, str] = {
    "body_f1": "body F1",
    "body_precision": "body precision",
    "body_recall": "body recall",
    "body_accuracy": "body accuracy (exact tokens)",
    "headline_exact": "headline exact match",
    "authors_set_match": "authors set match",
    "authors_name_recall": "authors per-name recall",
    "date_same_instant": "date same instant",
    "date_same_day": "date same day",
    "with_recall": "'with' snippets found (recall)",
    "without_precision": "'without' snippets absent",
    "snippet_precision": "snippet precision tp/(tp+fp)",
    "snippet_f1": "snippet F1",
    "snippet_accuracy": "snippet accuracy",
    "comment_pages": "pages with comment snippets",
    "comments_found": "comment snippets in comments",
    "comments_clean": "  ... and not in body",
    "comments_leaked": "comment snippets leaked to body",
    "comments_leaked_count": "  leaked snippets (count)",
    "comment_pages_with_leak": "  pages with a leak",
    "declared_headline_exact": "headline = title (where given)",
    "declared_authors_set_match": "authors set match (where given)",
    "declared_date_same_day": "date same day (where given)",
    "declared_tags_set_match": "tags set match (where given)",
    "declared_section_in_categories": "section is a category (where given)",
}


NOTES: dict[str, str] = {
    FUNDUS: f"note: {REFERENCE} gives a day (YYYY-MM-DD) as its date: compare it on 'date same day'",
    TRAFILATURA: (f"note: {REFERENCE} is timed for its body only (include_comments=False); its title, authors"
                  " and date are read untimed"),
}


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _table(rows: list[tuple[str, str, str]]) -> list[str]:
    width = max(len(r[0]) for r in rows)
    cols = [max(len(r[i]) for r in rows) for i in (1, 2)]
    return [f"{a:<{width}}  {b:>{cols[0]}}  {c:>{cols[1]}}".rstrip() for a, b, c in rows]


def _speed_line(speedup: float | None, total: float | None) -> str:
    if speedup is None:
        return "speed: -"
    both = f"(median per page; {total:.1f}x on total time)" if total else "(median per page)"
    if speedup >= 1:
        return f"speed: ours is {speedup:.1f}x faster than {REFERENCE} {both}"
    return f"speed: ours is {1 / speedup:.1f}x slower than {REFERENCE} {both}"


def render(summary: dict[str, Any]) -> str:
    """A dataset's summary as an aligned text table, ours vs trafilatura."""
    ours, ref = summary["ours"], summary[REFERENCE] or {}
    timing = summary["time"]
    rows = [("metric", "ours", REFERENCE if summary[REFERENCE] is not None else "")]
    rows += [(LABELS.get(k, k), _fmt(v), _fmt(ref.get(k)) if ref else "") for k, v in ours.items()]
    ref_time = timing[REFERENCE] or {}
    rows.append(("time per page, median (ms)", _fmt(timing["ours"]["median_ms"]), _fmt(ref_time.get("median_ms"))))
    rows.append(("time total (s)", _fmt(timing["ours"]["total_s"]), _fmt(ref_time.get("total_s"))))
    errors = summary["reference_errors"]
    rows.append(("crashes / errors", str(len(summary["crashes"])), "" if errors is None else str(len(errors))))
    head = f"== {summary['name']} ({summary['kind']} kind, {summary['pages']} pages) {summary['path']}"
    notes = [NOTES[summary["kind"]]] if summary[REFERENCE] is not None and summary["kind"] in NOTES else []
    return "\n".join([head, *_table(rows), _speed_line(timing["ours_times_faster"], timing.get("ours_times_faster_total")), *notes, ""])


def _badness(kind: str, row: dict[str, Any], side: str) -> float:
    """How badly a side did on a page: 1 - body F1, or snippets missed + leaked (trafilatura kind)."""
    if kind == TRAFILATURA:
        return float(row[f"{side}_with_total"] - row[f"{side}_with_found"] + row[f"{side}_without_found"]
                     + row[f"{side}_comments_leaked"])
    return 1.0 - row[f"{side}_body_f1"]


def _figures(kind: str, row: dict[str, Any], side: str) -> str:
    if kind == TRAFILATURA:
        return (f"with {row[f'{side}_with_found']}/{row[f'{side}_with_total']}, "
                f"without leaked {row[f'{side}_without_found']}, comments leaked {row[f'{side}_comments_leaked']}")
    return f"body F1 {row[f'{side}_body_f1']:.3f}"


def _worst_line(kind: str, row: dict[str, Any], has_reference: bool) -> str:
    line = f"  {row['key']}: {_figures(kind, row, 'ours')}"
    if kind == FUNDUS:
        misses = [name for name, key in (("headline", "headline"), ("authors", "authors_set"),
                                         ("date", "date_instant")) if row[f"ours_{key}"] is False]
        line += f"; wrong: {', '.join(misses)}" if misses else ""
    return line + (f"  [{REFERENCE}: {_figures(kind, row, REFERENCE)}]" if has_reference else "")


def render_worst(result: DatasetResult, count: int) -> str:
    """The ``count`` pages where our extractor did worst, with trafilatura's figures beside."""
    kind = result.dataset.kind
    def order(row: dict[str, Any]) -> tuple[float, float]:  # worst first; ties: where trafilatura did well
        return -_badness(kind, row, "ours"), _badness(kind, row, REFERENCE) if result.reference else 0.0

    rows = sorted(result.rows, key=order)[:count]
    lines = [_worst_line(kind, row, result.reference is not None) for row in rows]
    return "\n".join([f"worst {len(rows)} pages (ours):", *lines, ""])


def write_per_page(path: Path, rows: list[dict[str, Any]]) -> None:
    """Per-page rows as TSV (``.tsv``) or JSONL (anything else)."""
    with path.open("w", encoding="utf-8", newline="") as out:
        if path.suffix == ".tsv":
            columns = list(dict.fromkeys(k for row in rows for k in row))
            writer = csv.DictWriter(out, columns, delimiter="\t", restval="", lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        else:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _report_failures(results: list[DatasetResult]) -> bool:
    """Print our crashes (with tracebacks) and trafilatura's errors; True if we crashed."""
    crashed = False
    for result in results:
        for key, trace in result.ours.failures:
            crashed = True
            print(f"CRASH in our extractor: {result.dataset.name} {key}\n{trace}", file=sys.stderr)
        for key, trace in result.reference.failures if result.reference else []:
            last = trace.strip().splitlines()[-1]
            print(f"{REFERENCE} error (not ours): {result.dataset.name} {key}: {last}", file=sys.stderr)
    return crashed


# --- command line ----------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``bench extract``."""
    parser = argparse.ArgumentParser(
        prog="newscrawler bench extract",
        description="Score our extractor and trafilatura side by side on evaluation datasets.")
    parser.add_argument("datasets", nargs="+", type=Path, metavar="DATASET_DIR",
                        help="a dataset folder, or a folder holding dataset folders")
    parser.add_argument("--per-page", type=Path, metavar="FILE",
                        help="write one row per page (.tsv → TSV, else JSONL)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write every summary figure as JSON")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N pages of each dataset")
    parser.add_argument("--match", metavar="TEXT", help="only pages whose key contains TEXT")
    parser.add_argument("--worst", type=int, default=0, metavar="N",
                        help="also list the N pages where our extractor did worst")
    parser.add_argument("--no-reference", action="store_true", help="run our extractor only (no trafilatura)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; 0 if our extractor never raised, 1 if it did, 2 on a usage error."""
    args = build_parser().parse_args(argv)
    with_reference = not args.no_reference
    if with_reference and not reference_available():
        print(f"error: trafilatura is not installed; run `{INSTALL_HINT}`, or pass --no-reference "
              "to run our extractor only", file=sys.stderr)
        return 2
    try:
        datasets = [load_dataset(p, args.limit, args.match) for p in expand_paths(args.datasets)]
    except (DatasetError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    results = []
    for dataset in datasets:
        results.append(result := run_dataset(dataset, with_reference))
        print(render(result.summary()), flush=True)
        if args.worst > 0:
            print(render_worst(result, args.worst), flush=True)
    if args.per_page:
        write_per_page(args.per_page, [row for r in results for row in r.rows])
    if args.json:
        report = {"reference": _reference_version() if with_reference else None,
                  "datasets": [r.summary() for r in results]}
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if _report_failures(results) else 0


def _reference_version() -> str:
    """``trafilatura X.Y.Z`` as installed (without importing it)."""
    try:
        return f"{REFERENCE} {package_version(REFERENCE)}"
    except PackageNotFoundError:
        return REFERENCE
