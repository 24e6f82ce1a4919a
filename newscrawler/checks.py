"""Settings checked before a crawl starts: a bad value is one clear line, not a traceback mid-crawl.

Every ``NEWSCRAWLER_*`` setting is checked against the type of its default in
``newscrawler.settings`` (a name that has no default is a typo, and gets a suggestion); a few
have their own rule (dates, networks, record fields). Scrapy's own numeric and yes/no settings are
checked when they were given on the command line.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from scrapy.settings import BaseSettings, default_settings

import newscrawler.settings as project_settings
from newscrawler.extensions import gc_thresholds
from newscrawler.items import RECORD_FIELDS
from newscrawler.security import parse_networks

PREFIX = "NEWSCRAWLER_"
_CMDLINE = 40  # scrapy.settings.SETTINGS_PRIORITIES["cmdline"]
#: Scrapy settings with a whole-number default that Scrapy reads as a number (2.5 is fine).
_SCRAPY_FLOATS = {"DOWNLOAD_TIMEOUT", "DOWNLOAD_DELAY", "AUTOTHROTTLE_START_DELAY", "AUTOTHROTTLE_MAX_DELAY",
                  "AUTOTHROTTLE_TARGET_CONCURRENCY", "CLOSESPIDER_TIMEOUT", "CLOSESPIDER_TIMEOUT_NO_ITEM",
                  "LOGSTATS_INTERVAL", "MEMUSAGE_CHECK_INTERVAL_SECONDS", "DNS_TIMEOUT"}


def _date(value: Any) -> None:
    if value:
        try:
            datetime.strptime(str(value), "%Y-%m-%d")
        except ValueError:
            raise ValueError("expected a date in YYYY-MM-DD form") from None


def _fields(value: Any) -> None:
    names = value.split(",") if isinstance(value, str) else list(value or [])
    unknown = [n for n in (str(n).strip() for n in names) if n and n not in RECORD_FIELDS]
    if unknown:
        raise ValueError(f"not a record field: {unknown[0]!r}")


def _networks(value: Any) -> None:
    parse_networks(value.split(",") if isinstance(value, str) else list(value or []))


def _folder(value: Any) -> None:
    """The output folder exists, or can be made: its nearest existing ancestor is a writable folder."""
    path = Path(str(value or ".")).expanduser().absolute()
    existing = next(p for p in (path, *path.parents) if p.exists())
    if not existing.is_dir():
        raise ValueError(f"cannot make a folder there: {existing} is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ValueError(f"cannot write into {existing}")


def _log_level(value: Any) -> None:
    if str(value) not in ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"):
        raise ValueError("expected one of DEBUG, INFO, WARNING, ERROR, CRITICAL (upper case)")


#: Settings with a rule of their own (beyond the type of their default): it raises ValueError for a bad
#: value; what it returns is not used.
SPECIAL: dict[str, Callable[[Any], object]] = {
    "NEWSCRAWLER_SINCE": _date,
    "NEWSCRAWLER_REQUIRED_FIELDS": _fields,
    "NEWSCRAWLER_ALLOWED_NETWORKS": _networks,
    "NEWSCRAWLER_OUTPUT": _folder,
    "LOG_LEVEL": _log_level,
    "NEWSCRAWLER_GC_THRESHOLDS": gc_thresholds,
}


def _defaults() -> dict[str, Any]:
    return {name: getattr(project_settings, name) for name in dir(project_settings) if name.isupper()}


def _int_or_bool(settings: BaseSettings, name: str) -> None:
    try:
        settings.getint(name)
    except ValueError:
        settings.getbool(name)


def _check_type(settings: BaseSettings, name: str, default: Any) -> None:
    """Raise ValueError if ``name`` cannot be read as the type of ``default`` (ours: not negative either)."""
    ours = name.startswith(PREFIX)
    if isinstance(default, bool):
        settings.getbool(name)
    elif isinstance(default, int) and not ours and default in (0, 1):
        _int_or_bool(settings, name)  # Scrapy's on/off switches (TELNETCONSOLE_ENABLED = 1) take True/False too
    elif isinstance(default, int):
        if settings.getint(name) < 0 and ours:
            raise ValueError("expected a whole number, 0 or more")
    elif isinstance(default, float):
        if settings.getfloat(name) < 0 and ours:
            raise ValueError("expected a number, 0 or more")
    elif isinstance(default, dict):
        settings.getdict(name)


def _problem(settings: BaseSettings, name: str, default: Any) -> str | None:
    try:
        _check_type(settings, name, default)
        if name in SPECIAL:
            SPECIAL[name](settings.get(name))
    except (ValueError, TypeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if "invalid literal" in reason or "could not convert" in reason or "Supported values" in reason:
            reason = f"expected {type(default).__name__ if default is not None else 'a value'}"
            reason = {"bool": "expected True or False", "int": "expected a whole number",
                      "float": "expected a number", "dict": "expected a JSON object"}.get(
                          type(default).__name__, reason)
        return f"bad setting {name}={settings.get(name)!r}: {reason}"
    return None


def settings_error(settings: BaseSettings) -> str | None:
    """The first problem with ``settings``, as one line for the user, or None if they are usable."""
    ours = _defaults()
    for name, _ in sorted(settings.items()):
        if name.startswith(PREFIX) and name not in ours:
            close = difflib.get_close_matches(name, [n for n in ours if n.startswith(PREFIX)], n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            return f"unknown setting {name}{hint}"
    for name, default in ours.items():
        if name.startswith(PREFIX) and name in settings:
            problem = _problem(settings, name, default)
            if problem:
                return problem
    for name, _ in sorted(settings.items()):
        default = getattr(default_settings, name, None)
        if not name.startswith(PREFIX) and settings.getpriority(name) == _CMDLINE and \
                (isinstance(default, (bool, int, float)) or name in SPECIAL):
            default = float(default) if name in _SCRAPY_FLOATS and isinstance(default, (int, float)) else default
            problem = _problem(settings, name, default)
            if problem:
                return problem
    return None
