"""The command-line reference (`docs/cli.md`), generated from the parser's own ``--help``.

``make docs`` writes it; ``tests/test_docs.py`` fails when it no longer matches the parser, so
the reference cannot drift from the code.
"""

from __future__ import annotations

import argparse
import os
import sys
from unittest import mock

WIDTH = 100  # the help text is wrapped at this width whatever the terminal


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def reference() -> str:
    """docs/cli.md: `newsfuse --help`, then each command's `--help`, in the parser's order."""
    from .cli import build_parser

    with mock.patch.dict(os.environ, {"COLUMNS": str(WIDTH)}):
        os.environ.pop("NEWSFUSE_DB", None)  # a default store would change the usage lines
        parser = build_parser()
        parts = [
            "# newsfuse command-line reference\n",
            "Generated from `--help` by `make docs` (`python -m newsfuse.clidoc`); "
            "`tests/test_docs.py` checks it matches the code. Exit codes and the JSON formats are in "
            "[contract.md](contract.md).\n",
            "## newsfuse\n",
            "```\n" + parser.format_help().rstrip() + "\n```\n",
        ]
        for name, sub in _subcommands(parser).items():
            parts.append(f"## newsfuse {name}\n")
            parts.append("```\n" + sub.format_help().rstrip() + "\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    sys.stdout.write(reference())
