"""The ``newscrawler`` command: crawl, demo, extract, bench."""

from __future__ import annotations

import argparse
import json
import os
import sys
import zlib
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn, Sequence

from newscrawler import __version__
from newscrawler.lock import ArchiveLocked


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _date(value: str) -> str:
    try:
        return datetime.strptime(value, "%Y-%m-%d").date().isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"not a non-negative whole number: {value!r}")
    return number


def _setting(value: str) -> tuple[str, str]:
    name, sep, setting = value.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {value!r}")
    return name.strip(), setting


def _add_crawl_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", metavar="DIR", default=None,
                        help="folder for the archives (default: output/); records of site S go to DIR/S/")
    parser.add_argument("--max-pages", metavar="N", type=_positive, default=None,
                        help="stop scheduling new pages after N (default: no limit)")
    parser.add_argument("--since", metavar="YYYY-MM-DD", type=_date, default=None,
                        help="skip articles published before this date (sitemap/feed dates are used before fetching)")
    parser.add_argument("-s", "--set", metavar="NAME=VALUE", type=_setting, action="append", default=[],
                        help="set any Scrapy or NEWSCRAWLER_* setting (repeatable)")
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                        help="log level (default: INFO)")
    parser.add_argument("--redis", metavar="URL", default=None,
                        help="share the frontier with other workers through Redis (redis://host:6379/0; needs scrapy-redis)")
    parser.add_argument("--warc", action="store_true",
                        help="also write every request and response as WARC files (with CDXJ indexes) into the archive folder")
    parser.add_argument("--refresh-after", metavar="DURATION", type=_duration, default=None,
                        help="fetch archived articles again once their last fetch is older than this (e.g. 12h, 7d; default: never)")


def _duration(value: str) -> str:
    from newscrawler.archive.state import parse_duration

    try:
        parse_duration(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value.strip()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``newscrawler`` command."""
    parser = _Parser(prog="newscrawler", description="Crawl news sites into clean, versioned JSONL archives.")
    parser.add_argument("--version", action="version", version=f"newscrawler {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    crawl = commands.add_parser("crawl", help="crawl news sites from start URLs (home/section pages, sitemaps, feeds)",
                                description="Crawl news sites from start URLs into JSONL archives.")
    crawl.add_argument("urls", nargs="+", metavar="URL", help="start URL: a home or section page, a sitemap or a feed")
    _add_crawl_options(crawl)

    demo = commands.add_parser("demo", help="serve the bundled demo news site on 127.0.0.1 and crawl it",
                               description="Serve the bundled demo news site on 127.0.0.1 (a free port) and crawl it.")
    demo.add_argument("--port", type=_positive, default=None,
                      help="port to serve the demo site on (default: 8765 if free, so that runs share one site "
                           "and a second run is incremental; else a free one; 0: always a free one)")
    _add_crawl_options(demo)

    extract = commands.add_parser("extract", help="print one JSON record per HTML file (.html or .html.gz)",
                                  description="Extract one article record from each file and print it as a JSON line.")
    extract.add_argument("files", nargs="+", metavar="FILE", type=Path)
    extract.add_argument("--url", default=None, help="the URL the page was fetched from (default: file:// of the file)")

    reextract = commands.add_parser("reextract", help="run today's extractor and pipelines over archived WARC files (offline)",
                                    description="Replay a crawl from its WARC files through today's spider, extractor and "
                                                "pipelines, without the network, into new JSONL archives.")
    reextract.add_argument("warcs", nargs="+", metavar="WARC", type=Path, help="WARC files written by a crawl with --warc")
    reextract.add_argument("--output", metavar="DIR", default="reextracted",
                           help="folder for the new archives (default: reextracted/)")
    reextract.add_argument("-s", "--set", metavar="NAME=VALUE", type=_setting, action="append", default=[],
                           help="set any Scrapy or NEWSCRAWLER_* setting (repeatable)")
    reextract.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                           help="log level (default: INFO)")

    verify = commands.add_parser("verify", help="check an archive folder against its manifests and the JSON Schema",
                                 description="Check every file of an archive folder against the manifests (size, sha256), "
                                             "every JSONL line against the JSON Schema and every WARC record's digests.")
    verify.add_argument("dir", metavar="DIR", type=Path, help="an archive folder (output/ or output/<site>/)")

    bench = commands.add_parser("bench", help="benchmarks: 'bench extract DATASET_DIR...'", add_help=False,
                                description="Benchmarks; see 'newscrawler bench extract --help'.")
    bench.add_argument("args", nargs=argparse.REMAINDER)
    return parser


def crawl_settings(args: argparse.Namespace) -> "Any":
    """Project settings with this command line's options applied."""
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("newscrawler.settings", priority="project")
    overrides: dict[str, Any] = {"LOG_LEVEL": args.log_level}
    if args.output:
        overrides["NEWSCRAWLER_OUTPUT"] = args.output
    if args.max_pages is not None:
        overrides["NEWSCRAWLER_MAX_PAGES"] = args.max_pages
    if args.since:
        overrides["NEWSCRAWLER_SINCE"] = args.since
    if getattr(args, "redis", None):
        overrides["REDIS_URL"] = args.redis
    if getattr(args, "warc", False):
        overrides["NEWSCRAWLER_WARC"] = True
    if getattr(args, "refresh_after", None):
        overrides["NEWSCRAWLER_REFRESH_AFTER"] = args.refresh_after
    overrides.update(dict(args.set))
    settings.setdict(overrides, priority="cmdline")
    return settings


def run_crawl(urls: list[str], settings: Any) -> dict[str, Any]:
    """Run the ``news`` spider over ``urls`` with the real Scrapy engine; return the final stats."""
    from scrapy.crawler import CrawlerProcess

    from newscrawler.spiders.news import NewsSpider

    process = CrawlerProcess(settings)  # installs the root log handler (LOG_INSTALL_ROOT_HANDLER, default True)
    crawler = process.create_crawler(NewsSpider)
    failures: list[Any] = []
    process.crawl(crawler, urls=urls).addErrback(failures.append)
    process.start()
    if failures:  # the crawl could not start (e.g. newscrawler.lock.ArchiveLocked)
        failures[0].raiseException()
    return crawler.stats.get_stats()


def print_summary(stats: dict[str, Any], out: Any = sys.stdout) -> None:
    """Print where the archive is and what the crawl did."""
    from newscrawler.archive.manifest import crawl_summary

    summary = crawl_summary(stats)
    print("", file=out)
    for path in stats.get("newscrawler/archive_files", []):
        print(f"Archive:        {path}", file=out)
    for path in stats.get("newscrawler/warc_files", []):
        print(f"WARC:           {path}", file=out)
    print(f"Pages fetched:  {summary['pagesFetched']}", file=out)
    print(f"Articles:       {summary['articles']}", file=out)
    print(f"Comments:       {summary['comments']} (from {summary['commentPages']} extra comment pages)", file=out)
    print(f"Related links:  {summary['relatedLinks']}", file=out)
    for title, key in (("Dropped", "dropped"), ("Skipped", "skipped"), ("Errors", "errors")):
        counts = summary[key]
        detail = ", ".join(f"{k}: {v}" for k, v in counts.items()) or "none"
        print(f"{title + ':':<15} {sum(counts.values())} ({detail})", file=out)
    print(f"Finish reason:  {summary['finishReason']}", file=out)
    health = stats.get("newscrawler/health")
    if isinstance(health, dict):
        print(f"Health checks:  {'ok' if health['ok'] else 'FAILED: ' + ', '.join(health['failed'])}", file=out)


def _exit_status(stats: dict[str, Any]) -> int:
    from newscrawler.health import health_ok

    return 0 if stats.get("finish_reason") == "finished" and health_ok(stats) else 1


def _bad_settings(settings: Any) -> bool:
    """Print the first problem with the crawl settings (one line) and return True, if there is one."""
    from newscrawler.checks import settings_error

    problem = settings_error(settings)
    if problem:
        print(f"newscrawler: error: {problem}", file=sys.stderr)
    return problem is not None


def cmd_crawl(args: argparse.Namespace) -> int:
    from newscrawler.urls import BadStartUrl, split_start_urls

    try:
        urls = split_start_urls(args.urls)
    except BadStartUrl as exc:
        print(f"newscrawler: error: {exc}", file=sys.stderr)
        return 2
    if args.redis:
        from newscrawler.distributed import check_redis

        problem = check_redis(args.redis)
        if problem:
            print(f"newscrawler: error: {problem}", file=sys.stderr)
            return 1
    settings = crawl_settings(args)
    if _bad_settings(settings):
        return 2
    stats = run_crawl(urls, settings)
    print_summary(stats)
    _print_resume_hint(stats)
    return _exit_status(stats)


def cmd_demo(args: argparse.Namespace) -> int:
    from newscrawler.demo.server import serve

    settings = crawl_settings(args)
    if _bad_settings(settings):
        return 2
    # The demo site is on loopback: no need to wait between requests.
    settings.setdict({"AUTOTHROTTLE_START_DELAY": 0.0, "AUTOTHROTTLE_TARGET_CONCURRENCY": 8.0,
                      "CONCURRENT_REQUESTS_PER_DOMAIN": 8}, priority="project")
    with serve(port=_demo_port(args.port)) as base_url:
        print(f"Demo site served at {base_url}", flush=True)
        stats = run_crawl([base_url], settings)
    print_summary(stats)
    _print_resume_hint(stats)
    return _exit_status(stats)


def _demo_port(asked: int | None) -> int:
    """The port asked for; by default the demo's usual port when it is free, else 0 (any free port)."""
    if asked is not None:
        return asked
    import socket

    from newscrawler.demo.server import DEMO_PORT

    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
        try:
            probe.bind(("127.0.0.1", DEMO_PORT))
        except OSError:
            return 0
    return DEMO_PORT


def _print_resume_hint(stats: dict[str, Any]) -> None:
    """After Ctrl-C: the command that goes on where the crawl stopped (the same command)."""
    if stats.get("finish_reason") == "shutdown":
        import shlex

        print(f"Interrupted. To resume, run the same command again: {shlex.join(['newscrawler', *sys.argv[1:]])}",
              file=sys.stderr)


def cmd_reextract(args: argparse.Namespace) -> int:
    from newscrawler.archive.reextract import DamagedWarc, cached_index, reextract_settings

    missing = [str(p) for p in args.warcs if not p.is_file()]
    if missing:
        print(f"newscrawler: error: no such WARC file: {missing[0]}", file=sys.stderr)
        return 2
    try:
        index = cached_index(tuple(p.resolve() for p in args.warcs))
    except DamagedWarc as exc:
        print(f"newscrawler: error: {exc}", file=sys.stderr)
        return 1
    if not index.start_urls:
        print(f"newscrawler: error: no newscrawler warcinfo record (start URLs) in {args.warcs[0]}", file=sys.stderr)
        return 2
    overrides = {"LOG_LEVEL": args.log_level, "NEWSCRAWLER_OUTPUT": args.output, **dict(args.set)}
    stats = run_crawl(index.start_urls, reextract_settings(index, overrides))
    print_summary(stats)
    return _exit_status(stats)


def cmd_verify(args: argparse.Namespace) -> int:
    from newscrawler.archive.verify import verify_archive

    if not args.dir.is_dir():
        print(f"newscrawler: error: not a folder: {args.dir}", file=sys.stderr)
        return 2
    report = verify_archive(args.dir)
    for problem in report.problems:
        print(problem)
    verdict = "sound" if report.sound else f"NOT sound: {len(report.problems)} problem(s)"
    print(f"{args.dir}: {verdict} ({report.files} files, {report.records} records, {report.warc_records} WARC records checked)")
    return 0 if report.sound else 1


def cmd_extract(args: argparse.Namespace) -> int:
    from newscrawler.extract import extract_article
    from newscrawler.items import complete_record
    from newscrawler.pipelines import CleanPipeline
    from newscrawler.settings import DOWNLOAD_MAXSIZE
    from scrapy.utils.gz import gunzip

    status = 0
    for path in args.files:
        try:
            data = path.read_bytes()
            if path.suffix == ".gz":  # at most DOWNLOAD_MAXSIZE bytes once unpacked (a gzip bomb stops there)
                data = gunzip(data, max_size=DOWNLOAD_MAXSIZE)
        except (OSError, EOFError, ValueError, zlib.error) as exc:
            print(f"newscrawler: error: cannot read {path}: {exc}", file=sys.stderr)
            status = 1
            continue
        url = args.url or path.resolve().as_uri()
        record = CleanPipeline().process_item({**extract_article(data, url), "url": url})
        print(json.dumps(complete_record(record), ensure_ascii=False))
    return status


def cmd_bench(args: argparse.Namespace) -> int:
    from newscrawler.bench import main as bench_main

    return bench_main(args.args)


COMMANDS = {"crawl": cmd_crawl, "demo": cmd_demo, "extract": cmd_extract, "bench": cmd_bench,
            "reextract": cmd_reextract, "verify": cmd_verify}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newscrawler`` command; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("newscrawler: interrupted", file=sys.stderr)
        return 130
    except ArchiveLocked as exc:
        print(f"newscrawler: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into a reader that stopped early (| head): not worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
