"""``newscrawler verify DIR``: is an archive sound? Every problem is reported with its file and line
(JSONL) or offset (WARC):

- every file a manifest lists exists with the listed size and sha256;
- every JSONL, WARC and CDXJ file is listed by some manifest;
- every JSONL line is one JSON object valid against the published JSON Schema, and its ``warc``
  pointer names a response record that is there;
- every WARC record reads whole and its block and payload digests match;
- every CDXJ line points inside its WARC file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Iterator

from jsonschema import Draft202012Validator
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newscrawler.archive.manifest import file_sha256
from newscrawler.archive.warc import whole_records_end
from newscrawler.items import article_schema

ARCHIVE_PATTERNS = ("*.jsonl", "*.warc.gz", "*.warc.gz.cdxj")


@dataclass
class Report:
    """What ``verify`` found: problems (one line each) and how much was checked."""

    problems: list[str] = field(default_factory=list)
    files: int = 0
    records: int = 0
    warc_records: int = 0

    @property
    def sound(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(article_schema())


def check_manifests(root: Path, report: Report) -> set[Path]:
    """Check the files every manifest under ``root`` lists; return the set of listed files."""
    listed: set[Path] = set()
    for manifest in sorted(root.rglob("*.manifest.json")):
        try:
            entries = json.loads(manifest.read_text("utf-8"))["files"]
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            report.problems.append(f"{manifest}: not a readable manifest ({type(exc).__name__}: {exc})")
            continue
        for entry in entries:
            path = manifest.parent / entry["path"]
            listed.add(path.resolve())
            report.problems.extend(_file_problems(manifest, path, entry))
    return listed


def _file_problems(manifest: Path, path: Path, entry: dict[str, Any]) -> Iterator[str]:
    if not path.is_file():
        yield f"{path}: missing (listed in {manifest.name})"
        return
    size = path.stat().st_size
    if entry.get("bytes") is not None and size != entry["bytes"]:
        yield f"{path}: {size} bytes, {manifest.name} says {entry['bytes']}"
    elif entry.get("sha256") and file_sha256(path) != entry["sha256"]:
        yield f"{path}: sha256 differs from {manifest.name}"


def check_jsonl(path: Path, report: Report) -> None:
    """Check every line of a JSONL archive file: JSON, schema, WARC pointer."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            report.records += 1
            if not line.endswith(b"\n"):
                report.problems.append(f"{path}:{number}: torn last line (no newline)")
            try:
                record = json.loads(line)
            except ValueError as exc:
                report.problems.append(f"{path}:{number}: not JSON ({exc})")
                continue
            for error in sorted(_validator().iter_errors(record), key=lambda e: list(e.absolute_path))[:3]:
                where = "/".join(str(p) for p in error.absolute_path) or "record"
                report.problems.append(f"{path}:{number}: {where}: {error.message[:200]}")
            if isinstance(record, dict) and isinstance(record.get("warc"), dict):
                problem = warc_pointer_problem(path.parent, record["warc"])
                if problem:
                    report.problems.append(f"{path}:{number}: warc: {problem}")


def warc_pointer_problem(folder: Path, pointer: dict[str, Any]) -> str | None:
    """Why a record's ``warc`` pointer does not lead to its response record, or None."""
    warc = folder / str(pointer.get("file"))
    if not warc.is_file():
        return f"{warc.name} is missing"
    try:
        with warc.open("rb") as handle:
            handle.seek(int(pointer["offset"]))
            record = next(iter(ArchiveIterator(handle)))
            record_id = record.rec_headers.get_header("WARC-Record-ID")
    except (ArchiveLoadFailed, StopIteration, OSError, ValueError, KeyError, TypeError) as exc:
        return f"no record at offset {pointer.get('offset')} of {warc.name} ({type(exc).__name__})"
    if record_id != pointer.get("recordId") or record.rec_type != "response":
        return f"offset {pointer.get('offset')} of {warc.name} holds {record_id} ({record.rec_type}), not {pointer.get('recordId')}"
    return None


def check_warc(path: Path, report: Report) -> None:
    """Read every record of a WARC file whole and check its digests."""
    offset = 0
    try:
        with path.open("rb") as handle:
            records = ArchiveIterator(handle, check_digests=True)
            for record in records:
                stream = record.content_stream()
                while stream.read(1 << 20):
                    pass
                records.read_to_end(record)
                offset = records.get_record_offset()
                report.warc_records += 1
                if record.digest_checker.passed is False:
                    report.problems.append(f"{path}: offset {offset}: {'; '.join(record.digest_checker.problems)}")
                offset += records.get_record_length()
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        report.problems.append(f"{path}: offset {offset}: unreadable record ({type(exc).__name__}: {exc})"[:300])
        return
    end = whole_records_end(path)
    if end != path.stat().st_size:
        report.problems.append(f"{path}: offset {end}: torn last record")


def check_cdxj(path: Path, report: Report) -> None:
    """Check a CDXJ index: each line is ``key timestamp {json}`` pointing inside its WARC file."""
    warc = path.with_name(path.name.removesuffix(".cdxj"))
    size = warc.stat().st_size if warc.is_file() else 0
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                fields = json.loads(line.split(b" ", 2)[2])
                inside = int(fields["offset"]) + int(fields["length"]) <= size
                named = fields["filename"] == warc.name
            except (IndexError, ValueError, KeyError, TypeError):
                report.problems.append(f"{path}:{number}: not a CDXJ line")
                continue
            if not (inside and named):
                report.problems.append(f"{path}:{number}: points outside {warc.name}")


def verify_archive(root: Path) -> Report:
    """Check an archive folder (``output/`` or ``output/<site>/``) and everything in it."""
    report = Report()
    listed = check_manifests(root, report)
    for pattern in ARCHIVE_PATTERNS:
        for path in sorted(root.rglob(pattern)):
            report.files += 1
            if path.resolve() not in listed:
                report.problems.append(f"{path}: not listed in any manifest (its crawl did not finish)")
            if path.name.endswith(".jsonl"):
                check_jsonl(path, report)
            elif path.name.endswith(".warc.gz"):
                check_warc(path, report)
            else:
                check_cdxj(path, report)
    return report
