"""Related-article blocks → ``[{url, title}]``. (First cut; to be extended.)"""

from __future__ import annotations

from typing import Any

from .document import Document


def extract_related_links(doc: Document) -> list[dict[str, Any]]:
    """Links from the page's related-articles blocks, not navigation or in-body links."""
    return []
