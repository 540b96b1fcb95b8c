"""Subcommands that live beside ``cli.py``: each module has ``register(sub, selector, json_option)``.

``selector`` and ``json_option`` are argparse parents (``--database``/``--profile`` and
``--json``); handlers take ``(args, out)`` and return the exit status, like those in ``cli.py``.
"""
