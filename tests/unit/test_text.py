"""core/text.py: a sentence that is English for the command line and translatable for the window."""

from __future__ import annotations

import json
import pickle

from minisip_console.core.text import Text, say


def test_say_is_the_english_string_and_keeps_its_template() -> None:
    text = say("{count:,} CDRs are older than {days} days", count=12345, days=31)
    assert text == "12,345 CDRs are older than 31 days"
    assert isinstance(text, str) and isinstance(text, Text)
    assert text.template == "{count:,} CDRs are older than {days} days"
    assert text.params == {"count": 12345, "days": 31}
    assert json.dumps({"reason": text}) == '{"reason": "12,345 CDRs are older than 31 days"}'
    assert say("No fields") == "No fields" and say("No fields").params == {}


def test_a_text_survives_pickling_with_its_template() -> None:
    inner = say("the {name} policy", name="CDR")
    outer = say("{what} is broken", what=inner)
    back = pickle.loads(pickle.dumps(outer))
    assert back == "the CDR policy is broken"
    assert back.template == "{what} is broken" and back.params["what"].template == "the {name} policy"
