"""The README tells the truth: the two set-up commands, every NEWSCRAWLER_* setting, every sub-command
and option of the `newscrawler` command, and a record that validates against the published schema."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import jsonschema

from newscrawler import settings
from newscrawler.cli import build_parser
from newscrawler.items import RECORD_FIELDS, article_schema

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")


def test_the_two_commands_are_at_the_top() -> None:
    top = README[:2500]
    assert "pip install -e . && newscrawler demo" in top
    assert "pip install -e '.[test]' && pytest" in top


def test_every_newscrawler_setting_is_documented() -> None:
    names = [n for n in vars(settings) if n.startswith("NEWSCRAWLER_")] + ["REDIS_URL"]
    missing = [n for n in names if f"`{n}`" not in README]
    assert not missing, f"settings not in README: {missing}"


def test_every_command_and_option_is_documented() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    missing = []
    for name, sub in commands.choices.items():
        if f"newscrawler {name}" not in README:
            missing.append(name)
        for action in sub._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help" and f"`{option}" not in README:
                    missing.append(f"{name} {option}")
    assert not missing, f"not in README: {missing}"


def test_the_example_record_is_real_and_valid() -> None:
    block = re.search(r"<!-- example-record -->\s*```json\n(.*?)```", README, re.S)
    assert block, "README has no example record"
    record = json.loads(block.group(1))
    assert tuple(record) == RECORD_FIELDS
    jsonschema.validate(record, article_schema())
    assert record["comments"] and record["relatedLinks"] and record["articleBody"]


def test_every_schema_field_is_documented() -> None:
    missing = [f for f in RECORD_FIELDS if f"| `{f}` |" not in README]
    assert not missing
