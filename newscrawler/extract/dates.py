"""Date parsing → ISO 8601 strings. (First cut by the lead; the metadata helper owns and extends it.)

Public API used elsewhere (keep it): ``parse_date(text) -> str | None`` — used by feeds.py
(sitemap/feed dates) and comments.py.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?")


def parse_date(text: str) -> str | None:
    """Parse an ISO 8601 or RFC 822 date string to ISO 8601 (offset kept), else None."""
    text = text.strip()
    match = _ISO.match(text)
    try:
        if match:
            value = datetime.fromisoformat(match.group(0).replace(" ", "T").replace("Z", "+00:00"))
            return value.date().isoformat() if len(match.group(0)) == 10 else value.isoformat()
        return parsedate_to_datetime(text).isoformat()
    except (ValueError, TypeError, IndexError):
        return None
