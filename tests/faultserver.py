"""A misbehaving HTTP server for tests: raw asyncio sockets on a loopback address, so it can do what
a polite server never does (hang, reset, lie about Content-Length, stream forever, bomb).

    with serve_faults({"/": page(html), "/slow/": slow(1.0, page(html))}) as server:
        server.base       # "http://127.0.0.1:<port>/"
        server.hits("/")  # times (monotonic) each request for "/" arrived

Every route is a *handler*: an async function ``(conn, path) -> None`` that writes (or refuses to write)
a response. The factories below build them. Only loopback addresses are ever bound.
"""

from __future__ import annotations

import asyncio
import gzip
import socket
import struct
import threading
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

Handler = Callable[["Connection", str], Awaitable[None]]


@dataclass
class Connection:
    """One client connection: the writer, and the server it belongs to."""

    writer: asyncio.StreamWriter
    server: FaultServer

    async def send(self, status: int, headers: dict[str, str], body: bytes = b"",
                   content_length: int | None = None) -> None:
        """Write a whole response (``content_length`` may lie) and flush it."""
        length = len(body) if content_length is None else content_length
        head = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}", f"Content-Length: {length}",
                "Connection: close", *(f"{k}: {v}" for k, v in headers.items())]
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
        await self.writer.drain()

    async def wait_forever(self) -> None:
        """Keep the connection open without writing, until the client or the server gives up."""
        await self.server.stopping.wait()


_REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 404: "Not Found", 429: "Too Many Requests",
            500: "Internal Server Error", 503: "Service Unavailable"}


# --- Handler factories ---------------------------------------------------------------------------

def page(body: bytes | str, status: int = 200, content_type: str = "text/html; charset=utf-8",
         headers: dict[str, str] | None = None) -> Handler:
    """A plain response."""
    data = body.encode("utf-8") if isinstance(body, str) else body

    async def handler(conn: Connection, path: str) -> None:
        await conn.send(status, {"Content-Type": content_type, **(headers or {})}, data)
    return handler


def slow(delay: float, then: Handler) -> Handler:
    """Wait ``delay`` seconds before answering like ``then``."""
    async def handler(conn: Connection, path: str) -> None:
        await asyncio.sleep(delay)
        await then(conn, path)
    return handler


def hang() -> Handler:
    """Read the request, never answer."""
    async def handler(conn: Connection, path: str) -> None:
        await conn.wait_forever()
    return handler


def never_ends(content_type: str = "text/html") -> Handler:
    """Headers and the start of a body that never finishes."""
    async def handler(conn: Connection, path: str) -> None:
        conn.writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: " + content_type.encode() +
                          b"\r\nContent-Length: 1000000\r\n\r\n<html><body><p>Once upon a time")
        await conn.writer.drain()
        await conn.wait_forever()
    return handler


def trickle(every: float, chunk: bytes = b"<p>a</p>") -> Handler:
    """A page that never stops coming, one small chunk every ``every`` seconds (each read is quick)."""
    async def handler(conn: Connection, path: str) -> None:
        conn.writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body>")
        while not conn.writer.is_closing() and not conn.server.stopping.is_set():
            conn.writer.write(chunk)
            await conn.writer.drain()
            await asyncio.sleep(every)
    return handler


def raw(data: bytes) -> Handler:
    """Write ``data`` as it is (not necessarily HTTP) and close."""
    async def handler(conn: Connection, path: str) -> None:
        conn.writer.write(data)
        await conn.writer.drain()
    return handler


def reset() -> Handler:
    """Drop the connection with a TCP reset instead of an answer."""
    async def handler(conn: Connection, path: str) -> None:
        sock = conn.writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.writer.transport.abort()
    return handler


def short_body(body: bytes | str, missing: int = 5000) -> Handler:
    """A body ``missing`` bytes shorter than its Content-Length says, then the connection closes."""
    data = body.encode("utf-8") if isinstance(body, str) else body

    async def handler(conn: Connection, path: str) -> None:
        await conn.send(200, {"Content-Type": "text/html; charset=utf-8"}, data, content_length=len(data) + missing)
    return handler


def redirect(location: str, status: int = 302) -> Handler:
    """A redirect to ``location`` (relative to this server, or absolute)."""
    async def handler(conn: Connection, path: str) -> None:
        await conn.send(status, {"Location": location, "Content-Type": "text/html"}, b"")
    return handler


def sequence(*handlers: Handler) -> Handler:
    """The n-th request to this route is answered by the n-th handler (the last one repeats)."""
    calls = [0]

    async def handler(conn: Connection, path: str) -> None:
        index = min(calls[0], len(handlers) - 1)
        calls[0] += 1
        await handlers[index](conn, path)
    return handler


def gzip_bomb(size: int) -> Handler:
    """``size`` zero bytes, gzip-compressed (a few KB on the wire), served with Content-Encoding: gzip."""
    data = gzip.compress(b"\0" * size, compresslevel=9, mtime=0)
    return page(data, headers={"Content-Encoding": "gzip"})


def stream(size: int, chunk: bytes = b"<p>" + b"la " * 340 + b"</p>\n") -> Handler:
    """An HTML page of ``size`` bytes without Content-Length (ends when the connection closes)."""
    async def handler(conn: Connection, path: str) -> None:
        conn.writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body>")
        sent = 0
        while sent < size and not conn.writer.is_closing():
            conn.writer.write(chunk)
            sent += len(chunk)
            await conn.writer.drain()
    return handler


# --- The server ----------------------------------------------------------------------------------

@dataclass
class FaultServer:
    """Routes served on ``host`` at a free port, from an asyncio loop in a background thread."""

    routes: dict[str, Handler]
    host: str = "127.0.0.1"
    port: int = 0
    log: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    stopping: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def base(self) -> str:
        """``http://host:port/``"""
        return f"http://{self.host}:{self.port}/"

    def hits(self, path: str) -> list[float]:
        """Arrival times (``time.monotonic()``) of the requests for ``path`` (query included)."""
        return list(self.log.get(path, []))

    def paths(self) -> list[str]:
        """Every requested path, in no particular order."""
        return list(self.log)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            path = head.split(b"\r\n", 1)[0].split(b" ")[1].decode("latin-1")
            self.log[path].append(time.monotonic())
            handler = self.routes.get(path) or self.routes.get(path.split("?")[0]) or _not_found
            await handler(Connection(writer, self), path)
        except (asyncio.IncompleteReadError, ConnectionError, IndexError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()


async def _not_found(conn: Connection, path: str) -> None:
    await conn.send(404, {"Content-Type": "text/html"}, b"<html><body>Not found</body></html>")


@contextmanager
def serve_faults(routes: dict[str, Handler], host: str = "127.0.0.1") -> Iterator[FaultServer]:
    """Serve ``routes`` on ``host`` (a loopback address) at a free port while the block runs."""
    if not host.startswith("127."):
        raise ValueError("the fault server only binds loopback addresses")
    loop = asyncio.new_event_loop()
    server = FaultServer(routes, host)
    ready = threading.Event()

    async def main() -> None:
        server.stopping = asyncio.Event()
        listener = await asyncio.start_server(server.handle, host, 0)
        server.port = listener.sockets[0].getsockname()[1]
        ready.set()
        async with listener:
            await server.stopping.wait()

    thread = threading.Thread(target=loop.run_until_complete, args=(main(),), daemon=True)
    thread.start()
    ready.wait(10)
    try:
        yield server
    finally:
        loop.call_soon_threadsafe(server.stopping.set)
        thread.join(10)
