"""The bundled demo news site: a WordPress-like site served on 127.0.0.1 for demos and end-to-end tests.

    from newscrawler.demo import serve, demo_articles

    with serve() as base_url:            # "http://127.0.0.1:<port>/"
        ...                              # crawl it
    truth = demo_articles()              # what a correct crawl must produce, per article

Content lives in ``articles.json`` (data), pages are rendered by ``pages``/``feeds``, routed by
``routes`` and served by ``server``.
"""

from typing import Any

from .content import demo_articles

__all__ = ["DemoServer", "demo_articles", "running", "serve"]


def __getattr__(name: str) -> Any:
    """The server names, imported on first use (so ``python -m newscrawler.demo.server`` runs cleanly)."""
    if name in {"DemoServer", "running", "serve"}:
        from . import server
        return getattr(server, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
