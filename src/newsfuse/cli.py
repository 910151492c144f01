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
from .model import article_facts_to_json, report_to_json

EXIT_OK, EXIT_FAILURE, EXIT_SKIPPED = 0, 1, 2


def render(report, fmt: str, color: bool = False) -> str:
    try:
        from .render import render as render_report
    except ImportError:  # renderers not there yet: JSON only
        if fmt != "json":
            raise
        return json.dumps(report_to_json(report), ensure_ascii=False, indent=2) + "\n"
    return render_report(report, fmt, color=color)


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


def cmd_analyze(args: argparse.Namespace) -> int:
    result = api.read(args.inputs)
    _report_problems(result.problems)
    report = api.analyze_facts(list(api.iter_extract(result.articles)))
    write_output(render(report, args.format, color=args.output is None and sys.stdout.isatty()), args.output)
    return EXIT_SKIPPED if result.problems else EXIT_OK


def cmd_cluster(args: argparse.Namespace) -> int:
    result = api.read(args.inputs)
    _report_problems(result.problems)
    assignments = api.cluster(list(api.iter_extract(result.articles)), window_days=args.window_days)
    lines = [json.dumps({"id": a.article, "story": a.story, "copy_of": a.copy_of}, ensure_ascii=False) + "\n" for a in assignments]
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

    p = sub.add_parser("cluster", help="group articles into stories, one pass in arrival order (JSON Lines)")
    inputs(p)
    p.add_argument("--format", choices=["jsonl"], default="jsonl")
    p.add_argument("--window-days", type=float, default=None, help="how far apart (by publication date) reports of one story may be; default 3")
    p.set_defaults(func=cmd_cluster)

    p = sub.add_parser("analyze", help="group into stories and fuse each into one cross-checked report")
    inputs(p)
    p.add_argument("--format", choices=["text", "json", "markdown", "html"], default="text")
    p.set_defaults(func=cmd_analyze)
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
