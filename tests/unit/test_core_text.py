"""The core's sentences for people (issue 16): ``say`` keeps the English exact and the template
translatable; every ``say`` in the core is a literal lupdate can extract, with named fields."""

from __future__ import annotations

import ast
import pickle
import string
from pathlib import Path

import pytest

from minisip_console.core.text import Text, counted, joined, say

CORE = Path(__file__).resolve().parents[2] / "minisip_console" / "core"


def test_say_is_the_english_and_remembers_its_template() -> None:
    text = say("{count:,} CDRs are late", count=12345)
    assert text == "12,345 CDRs are late"
    assert isinstance(text, str)
    assert (text.template, text.params) == ("{count:,} CDRs are late", {"count": 12345})
    assert pickle.loads(pickle.dumps(text)).template == text.template


def test_counted_picks_the_english_form_and_keeps_both_templates() -> None:
    one, many = say("{count:,} day"), say("{count:,} days")
    assert counted(1, one, many) == "1 day"
    assert counted(1_000, one, many) == "1,000 days"
    assert counted(0, one, many).template == "{count:,} days"
    assert counted(2, say("{count} of {what}"), say("{count} of {what}s"), what="row") == "2 of rows"


def test_joined_keeps_each_part_a_field() -> None:
    parts = [say("{n} late", n=3), "plain data", say("ok")]
    text = joined(parts, say("{a}; {b}"))
    assert text == "3 late; plain data; ok"
    assert text.template == "{a}; {b}"
    assert text.params["b"] == "ok" and isinstance(text.params["b"], Text)
    assert joined(["only"], say("{a}, {b}")) == "only"
    with pytest.raises(ValueError):
        joined([], say("{a}, {b}"))


def _say_calls() -> list[tuple[str, int, ast.Call]]:
    found = []
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "say":
                found.append((str(path.relative_to(CORE)), node.lineno, node))
    return found


def test_every_say_in_the_core_is_a_literal_with_named_fields_that_it_is_given() -> None:
    calls = _say_calls()
    assert len(calls) > 500  # the core's sentences are there to check
    problems = []
    for where, line, call in calls:
        if where == "text.py":
            continue
        first = call.args[0] if call.args else None
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            problems.append(f"{where}:{line}: the template is not a literal (lupdate cannot extract it)")
            continue
        fields = {name for _, name, _, _ in string.Formatter().parse(first.value) if name is not None}
        if "" in fields or any(name.isdigit() for name in fields):
            problems.append(f"{where}:{line}: a positional field in {first.value!r}")
        given = {k.arg for k in call.keywords}
        if not given or None in given:  # filled later (counted, a table of templates) or **kwargs
            continue
        if fields - given:
            problems.append(f"{where}:{line}: {sorted(fields - given)} not given to {first.value!r}")
    assert not problems, "\n".join(problems)
