"""Words the core says to people, kept translatable without Qt (issue 16).

The core is Qt-free (``docs/ARCHITECTURE.md``), yet some of its sentences reach the window: a
verdict's reason, the reason a button is greyed, an error message. ``say("{count:,} CDRs are
late", count=n)`` returns a :class:`Text`: a ``str`` in English, exactly what the command line,
``--json``, the logs and the tests see, that also remembers its template and its values. The
window (``ui/i18n.shown``) translates the template and fills in the same values, so Chinese
reaches the screen while the core never learns there is a language.

``pyside6-lupdate`` extracts the templates: ``scripts/i18n.py`` passes ``say`` as an alias of
``QT_TR_NOOP``, so every ``say("...")`` with a literal template lands in the translation files.
A template built at run time is never translated: always call ``say`` with a literal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class Text(str):
    """An English sentence that remembers how it was made: ``template.format(**params)``."""

    __slots__ = ("params", "template")
    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, params: dict[str, Any]) -> Text:
        self = super().__new__(cls, template.format(**params) if params else template)
        self.template = template
        self.params = params
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # pickled (a worker's result, a copy) as what it is
        return (Text, (self.template, self.params))


def say(template: str, /, **params: Any) -> Text:
    """A sentence for people: English now, translated where it is shown (``ui/i18n.shown``).

    ``template`` uses ``str.format`` fields by name (``{count:,}``); a value may itself be a
    :class:`Text` (translated too when shown)."""
    return Text(template, params)


def counted(count: int, one: Text, many: Text, /, **params: Any) -> Text:
    """``one`` or ``many`` (both ``say("... {count:,} ...")`` literals, so both are extracted) for
    ``count``: ``counted(n, say("{count:,} day"), say("{count:,} days"))``. English needs the two
    forms; a translation may give both the same words."""
    chosen = one if count == 1 else many
    return Text(chosen.template, {"count": count, **params})


def joined(parts: Sequence[str], pair: Text, /) -> Text:
    """``parts`` joined by ``pair`` (a ``say("{a}; {b}")`` literal), kept translatable: each part
    (a :class:`Text` or plain data) is a field, so a translation chooses its own separator. At
    least one part."""
    if not parts:
        raise ValueError("nothing to join")
    first = parts[0]
    result = first if isinstance(first, Text) else Text("{a}", {"a": first})
    for part in parts[1:]:
        result = Text(pair.template, {"a": result, "b": part})
    return result
