"""The whole ``newscrawler`` package type-checks: its hints are what the code does (mypy, configured in
pyproject.toml; every module of the package is checked)."""

from __future__ import annotations

import os
from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parent.parent


def test_the_package_type_checks(tmp_path: Path) -> None:
    cwd = Path.cwd()
    os.chdir(ROOT)  # mypy reads [tool.mypy] of the project's pyproject.toml
    try:
        report, errors, status = api.run(["--cache-dir", str(tmp_path / "cache")])
    finally:
        os.chdir(cwd)
    assert status == 0, report + errors
    modules = len(list((ROOT / "newscrawler").rglob("*.py")))
    assert f"no issues found in {modules} source files" in report  # all of the package, not a part of it
