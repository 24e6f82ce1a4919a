"""A tiny HTTP server for the demo site (stdlib ``ThreadingHTTPServer``), for tests, demos and by hand.

    with serve() as base_url:          # "http://127.0.0.1:<port>/"
        ...

    python -m newscrawler.demo.server [--host 127.0.0.1] [--port 8000]

Pages are rendered per request with the address the client used (the ``Host`` header, or the
server's own address), so every URL inside them points back at this server.
"""

from __future__ import annotations

import argparse
import gzip
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .content import load_site
from .routes import respond

HOST_HEADER = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")


class DemoHandler(BaseHTTPRequestHandler):
    """GET and HEAD for the demo site; quiet (no per-request logging)."""

    server_version = "nginx"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    server: DemoServer

    def do_GET(self) -> None:
        self.send(with_body=True)

    def do_HEAD(self) -> None:
        self.send(with_body=False)

    def base_url(self) -> str:
        """``http://host:port`` as the client addressed us."""
        host = self.headers.get("Host", "")
        if not HOST_HEADER.match(host):
            address, port = self.server.address
            host = f"{address}:{port}"
        return f"http://{host}"

    def send(self, with_body: bool) -> None:
        response = respond(self.path, self.base_url())
        self.server.requests.append(self.path)
        body = response.body
        textual = response.content_type.startswith(("text/", "application/"))
        compress = textual and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress and body:
            body = gzip.compress(body, mtime=0)
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(body)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Silence the default per-request stderr log."""


#: The port ``newscrawler demo`` serves on when it is free: the same URLs run after run, so a second
#: demo crawl into the same output folder is incremental (it finds every article already archived).
DEMO_PORT = 8765


class DemoServer(ThreadingHTTPServer):
    """The demo site's HTTP server; ``requests`` lists every requested path (and query), in order."""

    daemon_threads = True

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__((host, port), DemoHandler)
        self.requests: list[str] = []
        # server_address, whose type allows a bytes host; an AF_INET socket's is always a str
        bound_host, bound_port = self.socket.getsockname()[:2]
        self.address: tuple[str, int] = (bound_host, bound_port)
        load_site()  # build the site once, before the first request

    @property
    def url(self) -> str:
        host, port = self.address
        return f"http://{host}:{port}/"


@contextmanager
def running(host: str = "127.0.0.1", port: int = 0) -> Iterator[DemoServer]:
    """Run a ``DemoServer`` in a daemon thread for the duration of the block; yields the server."""
    server = DemoServer(host, port)
    thread = threading.Thread(target=server.serve_forever, name="newscrawler-demo", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def serve(host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve the demo site for the duration of the block; yields its base URL (``http://127.0.0.1:<port>/``)."""
    with running(host, port) as server:
        yield server.url


def main(argv: list[str] | None = None) -> None:
    """Serve the demo site until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m newscrawler.demo.server", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    args = parser.parse_args(argv)
    server = DemoServer(args.host, args.port)
    print(f"Serving the demo news site at {server.url} (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
