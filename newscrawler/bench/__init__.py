"""Benchmarks. ``extract``: our extractor vs trafilatura on evaluation datasets.

``main(["extract", ...])`` is what ``newscrawler bench`` and ``python -m newscrawler.bench`` call.
"""

from __future__ import annotations

import sys

COMMANDS = ("extract", "crawl")


def main(argv: list[str] | None = None) -> int:
    """Dispatch ``bench <command> ...``; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in COMMANDS:
        print(f"usage: newscrawler bench {{{','.join(COMMANDS)}}} ...", file=sys.stderr)
        return 2
    if args[0] == "crawl":
        from . import crawl

        return crawl.main(args[1:])
    from . import extract

    return extract.main(args[1:])
