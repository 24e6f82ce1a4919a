"""One crawl per archive folder at a time: a lock file (``fcntl.flock``) in each site folder.

Two runs of the same crawl (a cron job that overlaps the previous one, two scrapyd jobs) would
interleave their writes to the same archive folder and state. The :class:`ArchiveLock` extension
takes ``<NEWSCRAWLER_OUTPUT>/<site>/.lock`` for every start site before the crawl starts (with a
worker id, ``.lock-<worker>``: distributed workers on one machine share folders by design); if
another process holds one, the crawl does not start: :class:`ArchiveLocked` says which folder and
which process, in one line. The operating system drops the lock when the process ends, however it
ends, so a killed crawl never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING

from newscrawler.urls import site_name

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class ArchiveLocked(RuntimeError):
    """Another running crawl holds the lock on an archive folder (the message is one line)."""


def lock_path(folder: Path, worker_id: str = "") -> Path:
    """The lock file of an archive folder (per worker when a worker id is given)."""
    return folder / (f".lock-{worker_id}" if worker_id else ".lock")


def acquire(path: Path) -> IO[str]:
    """Take the lock file at ``path`` (creating it) and write our pid into it; raise ArchiveLocked if held."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "unknown"
        handle.close()
        raise ArchiveLocked(f"another crawl (pid {holder}) is writing to {path.parent}; not starting "
                            f"(it holds {path})") from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    return handle


def release(handle: IO[str]) -> None:
    """Let go of a lock taken with :func:`acquire`."""
    if not handle.closed:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        handle.close()


class ArchiveLock:
    """Extension: lock every start site's archive folder for the whole crawl (setting NEWSCRAWLER_LOCK)."""

    def __init__(self, handles: list[IO[str]]) -> None:
        self.handles = handles

    @classmethod
    def from_crawler(cls, crawler: "Crawler") -> "ArchiveLock":
        from scrapy import signals
        from scrapy.exceptions import NotConfigured

        settings = crawler.settings
        if not settings.getbool("NEWSCRAWLER_LOCK"):
            raise NotConfigured
        output = Path(settings.get("NEWSCRAWLER_OUTPUT") or "output")
        worker = settings.get("NEWSCRAWLER_WORKER_ID") or ""
        sites = dict.fromkeys(site_name(u) for u in getattr(crawler.spider, "start_urls", []))
        handles: list[IO[str]] = []
        try:
            for site in sites:
                handles.append(acquire(lock_path(output / site, worker)))
        except ArchiveLocked:
            for handle in handles:
                release(handle)
            raise
        extension = cls(handles)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_stopped(self) -> None:
        for handle in self.handles:
            release(handle)
