"""Entry point: a subcommand runs the CLI; otherwise the window opens.

Nothing heavy is imported here: the CLI never loads Qt, and the GUI shows its window before
SQLAlchemy is imported (ARCHITECTURE.md: ``sqlalchemy.orm`` costs about 0.6 s).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

_CLI_ONLY = {"--version", "-h", "--help"}


_TAKES_VALUE = {"--database", "--profile"}
#: the window's own options (ui/app.py ``parse_args``)
_GUI_OPTIONS = {"--demo", "--presenter", *_TAKES_VALUE}


def wants_cli(argv: Sequence[str]) -> bool:
    """True when the arguments name a subcommand (or --help/--version), skipping option values.

    An ``--option`` that is not the window's own is the command line's too, so that it is
    refused as bad usage (exit 2) instead of opening a window; Qt's options (``-platform``,
    ``-style``...) take one dash and still go to the window."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in _TAKES_VALUE:
            skip = True
        elif arg in _CLI_ONLY or not arg.startswith("-"):
            return True
        elif arg.startswith("--") and arg.split("=", 1)[0] not in _GUI_OPTIONS:
            return True
    return False


def ensure_streams() -> None:
    """Give a windowed process a place to write: the bundle's ``minisip-console`` is built with
    ``console=False`` (no console window on Windows), and such a process, like ``pythonw``, has
    ``sys.stdout`` and ``sys.stderr`` set to None. A command given to it, or a crash report
    written before the window exists, would then fail with AttributeError instead of running;
    with the null device it runs and returns its exit status (the output has nowhere to go:
    ``minisip-console-cli`` is the executable for terminals)."""
    import os

    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # open as long as the process


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    ensure_streams()
    if wants_cli(argv):
        from minisip_console.cli import main as cli_main

        return cli_main(argv)
    from minisip_console.ui.app import run

    return run(argv)


if __name__ == "__main__":
    raise SystemExit(main())
