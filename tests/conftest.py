"""Shared test helpers: a real HTTP server on 127.0.0.1 and a real crawl in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

#: A route answers (status, headers, body); a callable route gets the request path.
Route = tuple[int, dict[str, str], bytes] | Callable[[str], tuple[int, dict[str, str], bytes]]


@contextmanager
def serve_routes(routes: dict[str, Route], host: str = "127.0.0.1") -> Iterator[str]:
    """Serve ``routes`` (path → response) on ``host`` at a free port; yield the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server API
            route = routes.get(self.path) or routes.get(self.path.split("?")[0])
            if route is None:
                status, headers, body = 404, {"Content-Type": "text/html"}, b"<html><body>Not found</body></html>"
            else:
                status, headers, body = route(self.path) if callable(route) else route
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer((host, 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def html(body: str, status: int = 200) -> tuple[int, dict[str, str], bytes]:
    """An HTML route."""
    return status, {"Content-Type": "text/html; charset=utf-8"}, body.encode("utf-8")


def run_newscrawler(*args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    """Run the real ``newscrawler`` command in a subprocess."""
    return subprocess.run([sys.executable, "-m", "newscrawler.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


def read_archive(output: Path) -> list[dict[str, Any]]:
    """Every record of every JSONL file under ``output``."""
    records = []
    for path in sorted(output.rglob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            records.append(json.loads(line))
    return records


FAST = ["-s", "AUTOTHROTTLE_START_DELAY=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "--log-level", "INFO"]


@pytest.fixture
def fast_crawl_args() -> list[str]:
    """Options that make a crawl of a loopback site quick."""
    return list(FAST)
