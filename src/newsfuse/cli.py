"""Command line: parses arguments, calls :mod:`newsfuse.api`, renders. Computes nothing itself."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from . import __version__, api
from .ingest import InputProblem
from .model import article_facts_to_json

EXIT_OK, EXIT_FAILURE, EXIT_SKIPPED = 0, 1, 2


def _report_problems(problems: Sequence[InputProblem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def write_output(text: str, output: str | None) -> None:
    """Write to stdout, or atomically to a file: a reader never sees a half-written report."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_extract(args: argparse.Namespace) -> int:
    result = api.read(args.inputs)
    _report_problems(result.problems)
    lines = [json.dumps(article_facts_to_json(f), ensure_ascii=False) + "\n" for f in api.iter_extract(result.articles)]
    write_output("".join(lines), args.output)
    return EXIT_SKIPPED if result.problems else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsfuse", description="Cross-check many news reports of one event, fact by fact, with the sentence as proof.")
    parser.add_argument("--version", action="version", version=f"newsfuse {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument("inputs", nargs="+", metavar="INPUT", help="files (.txt .html .htm .jsonl), directories, or - for JSON Lines on stdin")
        p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output (atomically)")

    p = sub.add_parser("extract", help="per-article facts as JSON Lines")
    inputs(p)
    p.add_argument("--format", choices=["jsonl"], default="jsonl")
    p.set_defaults(func=cmd_extract)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("newsfuse: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # one line, not a traceback, for the user; NEWSFUSE_DEBUG=1 re-raises
        if os.environ.get("NEWSFUSE_DEBUG"):
            raise
        print(f"newsfuse: error: {exc}", file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
