"""Subcommands that live beside ``cli.py``: each module has ``register(sub, selector, json_option)``.

``selector`` and ``json_option`` are argparse parents (``--database``/``--profile`` and
``--json``); handlers take ``(args, out)`` and return the exit status, like those in ``cli.py``.
What the groups share is here too, never in ``cli.py`` (which imports the commands, not the
reverse): ``base`` (exit statuses, ``Output``, ``stamp``, ``CancelOnSignal``...), ``opening``
(the database options, ``target``, ``open_as_operator``) and ``arguments`` (the argument types).
"""
