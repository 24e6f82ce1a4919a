"""SQLite helpers shared by the crawl state and the request filter."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")


class BatchedWrites:
    """Changes on a connection in autocommit mode (``isolation_level=None``) grouped into one
    transaction, committed once it is ``interval`` seconds old and at :meth:`commit`: one transaction
    per change costs tens of microseconds each."""

    def __init__(self, db: sqlite3.Connection, interval: float = 1.0) -> None:
        self.db = db
        self.interval = interval
        self.started = time.monotonic()

    def begin(self) -> None:
        """Open the batch's transaction, if none is open."""
        if not self.db.in_transaction:
            self.db.execute("BEGIN")
            self.started = time.monotonic()

    def execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        """Run one change in the batch; commit the batch when it is old enough."""
        self.begin()
        cursor = self.db.execute(sql, tuple(params))
        if time.monotonic() - self.started >= self.interval:
            self.commit()
        return cursor

    def commit(self) -> None:
        """Commit the open batch, if any."""
        if self.db.in_transaction:
            self.db.execute("COMMIT")


def retry_while_locked(step: Callable[[], T], seconds: float = 10.0) -> T:
    """Run ``step``, again while SQLite says the file is locked: switching a new file to WAL or creating
    its tables fails at once, without waiting, when another process sharing the file does the same."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return step()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)
