"""``newscrawler verify DIR``: is an archive sound? Every problem is reported with its file and line
(JSONL) or offset (WARC):

- every file a manifest lists exists with the listed size and sha256;
- every JSONL, WARC and CDXJ file is listed by some manifest;
- every JSONL line is one JSON object valid against the published JSON Schema, and its ``warc``
  pointer names a response record that is there;
- every WARC record reads whole and its block and payload digests match (warcio leaves revisit
  records alone: their block digest is checked here);
- every revisit record refers to a response record of its folder's WARC files with the payload digest
  it names (its WARC-Refers-To-Target-URI and WARC-Refers-To-Date; its WARC-Refers-To, if any);
- every CDXJ line points inside its WARC file.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Iterator

from jsonschema import Draft202012Validator
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newscrawler.archive.manifest import file_sha256
from newscrawler.archive.warc import (
    IDENTICAL_PAYLOAD,
    response_record_at,
    whole_records_end,
)
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
    try:
        response_record_at(folder, pointer)
    except LookupError as exc:
        return str(exc)
    return None


@dataclass
class Captures:
    """What revisit records are checked against: the response records of the WARC files read, by folder,
    target URI and WARC-Date (→ record id, payload digest), and the revisit records, with where each is."""

    responses: dict[tuple[Path, str, str], tuple[str, str]] = field(default_factory=dict)
    revisits: list[tuple[str, Path, dict[str, str]]] = field(default_factory=list)

    def note(self, path: Path, offset: int, headers: Any) -> None:
        """Remember a response or revisit record of ``path`` (its WARC headers)."""
        fields = dict(headers.headers)
        if fields.get("WARC-Type") == "response":
            key = (path.parent, fields.get("WARC-Target-URI", ""), fields.get("WARC-Date", ""))
            self.responses[key] = (fields.get("WARC-Record-ID", ""), fields.get("WARC-Payload-Digest", ""))
        elif fields.get("WARC-Type") == "revisit" and fields.get("WARC-Profile", "").endswith(IDENTICAL_PAYLOAD):
            self.revisits.append((f"{path}: offset {offset}", path.parent, fields))

    def problems(self) -> Iterator[str]:
        """A line for each revisit record whose original is not what it says."""
        for where, folder, fields in self.revisits:
            uri, date = fields.get("WARC-Refers-To-Target-URI", ""), fields.get("WARC-Refers-To-Date", "")
            original = self.responses.get((folder, uri, date))
            if original is None:
                yield f"{where}: revisit of {uri} at {date}: no such response record in the folder's WARC files"
            elif fields.get("WARC-Refers-To", original[0]) != original[0]:
                yield f"{where}: revisit refers to {fields['WARC-Refers-To']}, but {uri} at {date} is {original[0]}"
            elif fields.get("WARC-Payload-Digest") != original[1]:
                yield f"{where}: revisit's payload digest differs from that of {original[0]}"


def _digest_matches(expected: str, data: bytes) -> bool:
    """Whether ``expected`` (``algorithm:value``, base32 or base16) is the digest of ``data``."""
    algorithm, _, value = expected.partition(":")
    try:
        digest = hashlib.new(algorithm, data).digest()
    except ValueError:
        return False
    return value.upper() in (base64.b32encode(digest).decode(), digest.hex().upper())


def revisit_block_problem(path: Path, offset: int) -> str | None:
    """Why the block (HTTP headers, no payload) of the revisit record at ``offset`` of ``path`` does not
    match its WARC-Block-Digest, or None (warcio does not check revisit records)."""
    with path.open("rb") as handle:
        handle.seek(offset)
        record = next(iter(ArchiveIterator(handle, no_record_parse=True)))
        expected = record.rec_headers.get_header("WARC-Block-Digest")
        block = record.raw_stream.read()
    return None if not expected or _digest_matches(expected, block) else f"block digest failed: {expected}"


def check_warc(path: Path, report: Report, captures: Captures | None = None) -> None:
    """Read every record of a WARC file whole and check its digests; note its response and revisit
    records in ``captures``."""
    captures = captures if captures is not None else Captures()
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
                problems = list(record.digest_checker.problems) if record.digest_checker.passed is False else []
                block = revisit_block_problem(path, offset) if record.rec_type == "revisit" else None
                problems += [block] if block else []
                if problems:
                    report.problems.append(f"{path}: offset {offset}: {'; '.join(problems)}")
                captures.note(path, offset, record.rec_headers)
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
    captures = Captures()
    listed = check_manifests(root, report)
    for pattern in ARCHIVE_PATTERNS:
        for path in sorted(root.rglob(pattern)):
            report.files += 1
            if path.resolve() not in listed:
                report.problems.append(f"{path}: not listed in any manifest (its crawl did not finish)")
            if path.name.endswith(".jsonl"):
                check_jsonl(path, report)
            elif path.name.endswith(".warc.gz"):
                check_warc(path, report, captures)
            else:
                check_cdxj(path, report)
    report.problems.extend(captures.problems())
    return report
