"""Command line: parses arguments, calls :mod:`newsfuse.api`, renders. Computes nothing itself."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from . import __version__, stored
from .errors import NewsfuseError, OutputError, UsageError
from .inputs import InputProblem
from .memory import limit_arenas
from .model import article_facts_to_json, report_to_json
from .web.settings import DEFAULT_LIMITS, MIB

# Exit codes. 0, 1 and 2 are the contract's (docs/contract.md); a usage error gets sysexits'
# EX_USAGE and a bug EX_SOFTWARE, so a script can tell "some inputs skipped" from "called wrongly".
EXIT_OK = 0
EXIT_FAILURE = 1  # an expected failure (NewsfuseError): one line on stderr
EXIT_SKIPPED = 2  # done, but some inputs were skipped (each named on stderr)
EXIT_USAGE = 64  # the command line is wrong (argparse's own errors included)
EXIT_BUG = 70  # an unexpected exception: a traceback, and a bug to report
EXIT_INTERRUPTED = 130


def render(report, fmt: str, color: bool = False) -> str:
    try:
        from .render import render as render_report
    except ImportError:  # renderers not there yet: JSON only
        if fmt != "json":
            raise
        return json.dumps(report_to_json(report), ensure_ascii=False, indent=2) + "\n"
    return render_report(report, fmt, color=color)


def _api():
    # Imported when a command runs, not with the CLI: it loads spaCy, which `serve` and
    # `--help` do without.
    from . import api

    return api


def _report_problems(problems: Sequence[InputProblem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_output(text: str, output: str | None) -> None:
    """Write to stdout, or atomically to a file: a reader never sees a half-written report."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(output)
    if target.exists() and not target.is_file() and not target.is_dir():
        # A device or a pipe (-o /dev/null, a FIFO): written in place. Renaming a temporary file
        # over it would replace the device node itself (as root, /dev/null became a plain file).
        try:
            with target.open("w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from exc
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the file the usual mode
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from exc
        raise


def _fetch_policy(args: argparse.Namespace):
    from .inputs import fetch

    return fetch.policy_with(allow_private=True) if getattr(args, "allow_private", False) else fetch.DEFAULT_POLICY


def _workers(p: argparse.ArgumentParser) -> None:
    from .workers import PARALLEL_MIN_ARTICLES, PARALLEL_MIN_FUSE_ARTICLES, default_workers

    p.add_argument(
        "--workers",
        type=_positive_int,
        default=default_workers(),
        metavar="N",
        help=f"processes extracting facts and (analyze, ingest) fusing stories (default: this machine's cores; inputs "
        f"under {PARALLEL_MIN_ARTICLES} articles are extracted in one process, stories of under "
        f"{PARALLEL_MIN_FUSE_ARTICLES} articles fused in one); the output is the same whatever N",
    )


def _fuse_every(p: argparse.ArgumentParser) -> None:
    from .store.ingest import FUSE_EVERY_BATCHES

    p.add_argument(
        "--fuse-every",
        type=_positive_int,
        default=FUSE_EVERY_BATCHES,
        metavar="N",
        help=f"fuse the stories the batches changed, each once, every N batches and at the end (default "
        f"{FUSE_EVERY_BATCHES}; meanwhile such a story shows no report); 1: every batch re-fuses its stories in its "
        "own transaction, so none is ever without a report, at the cost of fusing a story again at each batch",
    )


def cmd_extract(args: argparse.Namespace) -> int:
    api = _api()
    result = api.read(args.inputs, fetch_policy=_fetch_policy(args))
    _report_problems(result.problems)
    lines = [
        json.dumps(article_facts_to_json(f), ensure_ascii=False) + "\n"
        for f in api.iter_extract(result.articles, args.workers)
    ]
    write_output("".join(lines), args.output)
    return EXIT_SKIPPED if result.problems else EXIT_OK


def cmd_analyze(args: argparse.Namespace) -> int:
    if args.db is not None or args.story:
        if args.inputs:
            raise UsageError("give INPUT files or --db, not both (add files with `newsfuse ingest INPUT... --db DB`)")
        if args.db is None:
            raise UsageError("--story needs --db")
        report = stored.stored_report(args.db, args.story or None)
        write_output(render(report, args.format, color=args.output is None and sys.stdout.isatty()), args.output)
        if not args.story:
            _note_pending(stored.pending_stories(args.db))
        return EXIT_OK
    if not args.inputs:
        raise UsageError("nothing to analyze: give INPUT files, or --db DB [--story STORY]")
    api = _api()
    result = api.read(args.inputs, fetch_policy=_fetch_policy(args))
    _report_problems(result.problems)
    report = api.analyze(result.articles, args.workers)
    write_output(render(report, args.format, color=args.output is None and sys.stdout.isatty()), args.output)
    return EXIT_SKIPPED if result.problems else EXIT_OK


def _note_pending(pending: Sequence[str]) -> None:
    """One line on stderr when ``analyze --db`` leaves out stories an ingest has yet to fuse."""
    if pending:
        what = (
            "1 story has no report yet and is"
            if len(pending) == 1
            else f"{len(pending)} stories have no report yet and are"
        )
        print(f"newsfuse: note: {what} left out (an ingest fuses them at its end)", file=sys.stderr)


def cmd_cluster(args: argparse.Namespace) -> int:
    api = _api()
    result = api.read(args.inputs, fetch_policy=_fetch_policy(args))
    _report_problems(result.problems)
    assignments = api.cluster(list(api.iter_extract(result.articles, args.workers)), window_days=args.window_days)
    lines = [
        json.dumps({"id": a.article, "story": a.story, "copy_of": a.copy_of}, ensure_ascii=False) + "\n"
        for a in assignments
    ]
    write_output("".join(lines), args.output)
    return EXIT_SKIPPED if result.problems else EXIT_OK


class _Progress:
    """Articles done and articles per second on stderr: a rich bar on a terminal, a plain line
    every few seconds otherwise (only with --progress). It counts articles as they come out of
    extraction, so it moves before the first batch (a few minutes of work) commits."""

    def __init__(self, total: int | None, enabled: bool, label: str = "ingest") -> None:
        # total None: not known before reading (a backfill of a web archive); no ETA then.
        self.total, self.enabled, self._bar, self._printed_final = total, enabled, None, False
        self.label = label
        self._last = time.monotonic()
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(
                TextColumn(label),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:.1f} articles/s, {task.fields[stored]} stored"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self._task = self._bar.add_task(label, total=total, rate=0.0, stored=0)
            self._bar.start()
        elif enabled:
            print(f"newsfuse: {label} 0/{self._of()} articles (loading the models)", file=sys.stderr, flush=True)

    def _of(self) -> str:
        return "?" if self.total is None else str(self.total)

    def update(self, stats) -> None:
        seen = stats.seen if self.total is None else min(stats.seen, self.total)
        rate = seen / stats.seconds if stats.seconds > 0 else 0.0
        if self._bar is not None:
            self._bar.update(self._task, completed=seen, rate=rate, stored=stats.added)
        elif self.enabled:
            now = time.monotonic()
            final = self.total is not None and stats.done >= self.total
            if (now - self._last >= 5 and not self._printed_final) or (final and not self._printed_final):
                self._last, self._printed_final = now, final
                eta = ""
                if self.total is not None and rate > 0 and seen < self.total:
                    eta = f", ETA {_duration_text((self.total - seen) / rate)}"
                print(
                    f"newsfuse: {self.label} {seen}/{self._of()} articles ({stats.added} stored), {rate:.1f} articles/s{eta}",
                    file=sys.stderr,
                    flush=True,
                )

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def _fuse_progress(label: str, enabled: bool) -> Callable[[int, int], None]:
    """``on_fuse(done, of)`` for ``ingest`` and ``backfill``: stories fused and stories/s on
    stderr every few seconds (with --progress); ``done`` 0 starts the clock of the rate."""
    started = [0.0, 0.0]  # when fusion started, when its progress was last printed

    def on_fuse(done: int, of: int) -> None:
        now = time.monotonic()
        if done == 0:
            started[0] = now
            return
        if enabled and (now - started[1] >= 5 or done == of):
            started[1] = now
            rate = done / max(now - started[0], 1e-9)
            eta = f", ETA {_duration_text((of - done) / rate)}" if done < of and rate > 0 else ""
            print(
                f"newsfuse: {label}: fused {done}/{of} stories, {rate:.1f} stories/s{eta}", file=sys.stderr, flush=True
            )

    return on_fuse


def _shown(db: str) -> str:
    """The store as messages name it: a PostgreSQL URL without its password."""
    from .store.db import describe

    return describe(db)


def _waiting(db: str):
    """``on_wait`` for a store writer: one line when a batch starts waiting for another's lock."""

    def on_wait(seconds: float) -> None:
        print(
            f"newsfuse: {_shown(db)}: another ingest is writing; waiting for its batch to commit (up to {seconds / 60:.0f} min)",
            file=sys.stderr,
            flush=True,
        )

    return on_wait


def cmd_ingest(args: argparse.Namespace) -> int:
    api = _api()
    result = api.read(args.inputs, fetch_policy=_fetch_policy(args))
    _report_problems(result.problems)
    enabled = args.progress if args.progress is not None else sys.stderr.isatty()
    progress = _Progress(len(result.articles), enabled)
    try:
        stats = api.ingest(
            result.articles,
            args.db,
            batch_size=args.batch_size,
            window_days=args.window_days,
            workers=args.workers,
            fuse_every=args.fuse_every,
            on_batch=progress.update,
            on_article=progress.update,
            on_fuse=_fuse_progress("ingest", enabled),
            on_wait=_waiting(args.db),
        )
    finally:
        progress.close()
    _report_problems(stats.problems)
    print(
        f"newsfuse: {_shown(args.db)}: {stats.added} articles added, {stats.duplicates} already stored, "
        f"{len(result.problems) + len(stats.problems)} skipped; "
        f"{stats.stories_created} new stories, {stats.stories_updated} updated"
        + (
            f", {stats.moved} articles moved by later evidence ({stats.stories_merged} stories merged away)"
            if stats.moved
            else ""
        )
        + f"; {stats.fusions} fused; {stats.seconds:.1f}s ({stats.rate:.1f} articles/s)",
        file=sys.stderr,
    )
    return EXIT_SKIPPED if result.problems or stats.problems else EXIT_OK


def _duration_text(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 120:
        return f"{seconds}s"
    if seconds < 7200:
        return f"{seconds // 60}m"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


def cmd_backfill(args: argparse.Namespace) -> int:
    from . import backfill

    if args.scheduler and args.workers:
        raise UsageError("--workers sizes the local cluster; with --scheduler the cluster has the workers it has")
    problems: list[InputProblem] = []

    def on_problem(problem: InputProblem) -> None:
        problems.append(problem)
        print(problem, file=sys.stderr, flush=True)

    enabled = args.progress if args.progress is not None else sys.stderr.isatty()
    total = backfill.count_articles(args.inputs) if enabled else None
    progress = _Progress(total, enabled, label="backfill")
    try:
        stats = _api().backfill(
            args.inputs,
            args.db,
            scheduler=args.scheduler,
            workers=args.workers,
            partition_size=args.partition_size,
            window_days=args.window_days,
            fetch_policy=_fetch_policy(args),
            on_problem=on_problem,
            on_article=progress.update,
            on_batch=progress.update,
            on_fuse=_fuse_progress("backfill", enabled),
            on_wait=_waiting(args.db),
        )
    finally:
        progress.close()
    ingest = stats.ingest
    _report_problems(ingest.problems)
    print(
        f"newsfuse: {_shown(args.db)}: backfill on {stats.workers} workers: {ingest.added} articles added, {ingest.duplicates} already stored, "
        f"{len(problems) + len(ingest.problems)} skipped; {ingest.stories_created} new stories, {stats.stories_fused} fused"
        + (
            f", {ingest.moved} articles moved by later evidence ({ingest.stories_merged} stories merged away)"
            if ingest.moved
            else ""
        )
        + f"; {stats.seconds:.1f}s ({ingest.done / stats.seconds if stats.seconds else 0.0:.1f} articles/s; "
        f"fusion {stats.fuse_seconds:.1f}s)",
        file=sys.stderr,
    )
    return EXIT_SKIPPED if problems or ingest.problems else EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    from .inputs.feeds import read_feed_list

    feeds = list(args.feeds)
    for path in args.feed_file or []:
        try:
            feeds += read_feed_list(path)
        except NewsfuseError as exc:
            raise UsageError(str(exc)) from None
    if not feeds:
        raise UsageError("no feeds: give FEED URLs or --feeds FILE")
    stop = threading.Event()

    def on_signal(signum, _frame) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt  # a second Ctrl-C: now
        stop.set()
        print(
            "newsfuse: watch: stopping after the batch under way (Ctrl-C again to stop now)",
            file=sys.stderr,
            flush=True,
        )

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        stats = _api().watch(
            feeds,
            args.db,
            interval=args.interval,
            once=args.once,
            max_polls=args.max_polls,
            batch_size=args.batch_size,
            window_days=args.window_days,
            fetch_policy=_fetch_policy(args),
            stop=stop,
            report=lambda line: print(line, file=sys.stderr, flush=True),
            on_wait=_waiting(args.db),
        )
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print(
        f"newsfuse: {_shown(args.db)}: watched {len(feeds)} feeds, {stats.polls} polls ({stats.failed_polls} failed, "
        f"{stats.not_modified} not modified); {stats.new_entries} new entries: {stats.added} articles added, "
        f"{stats.duplicates} already stored, {stats.skipped} skipped; {stats.seconds:.1f}s",
        file=sys.stderr,
    )
    return EXIT_SKIPPED if stats.failed_polls or stats.skipped else EXIT_OK


def _duration(text: str) -> float:
    """Seconds from "90", "90s", "10m" or "1h"."""
    units = {"s": 1, "m": 60, "h": 3600}
    value = text.strip().lower()
    scale = units.get(value[-1:], None)
    try:
        seconds = float(value[:-1] if scale else value) * (scale or 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a duration such as 90s, 10m or 1h, not {text!r}") from None
    from .watch import MAX_INTERVAL, MIN_INTERVAL

    if not MIN_INTERVAL <= seconds <= MAX_INTERVAL:
        raise argparse.ArgumentTypeError(f"the interval must be between {MIN_INTERVAL:g}s and {MAX_INTERVAL / 3600:g}h")
    return seconds


def cmd_stories(args: argparse.Namespace) -> int:
    stories = stored.stored_stories(
        args.db,
        q=args.q,
        place=args.place,
        source=args.source,
        date_from=args.date_from,
        date_to=args.date_to,
        limit=args.limit,
    )
    if args.format == "jsonl":
        lines = [json.dumps(dataclasses.asdict(s), ensure_ascii=False) + "\n" for s in stories]
    else:
        width = shutil.get_terminal_size((120, 20)).columns if sys.stdout.isatty() else 160
        idw = max([len("story")] + [len(s.id) for s in stories])
        head = f"{'story':<{idw}}  {'date':<10}  {'src':>3}  {'art':>3}  {'updated (UTC)':<16}  {'place':<24}  headline"
        lines = [head + "\n"]
        from .render.terminal import terminal_safe

        for s in stories:
            line = (
                f"{s.id:<{idw}}  {(s.date or '-'):<10}  {s.n_sources:>3}  {s.n_articles:>3}  {s.updated_at[:16].replace('T', ' '):<16}  "
                f"{_clip(s.place or '-', 24):<24}  {s.headline or '-'}"
            )
            # one line per story, whatever a headline holds
            lines.append(_clip(" ".join(terminal_safe(line).split("\n")).replace("\t", " "), width) + "\n")
    write_output("".join(lines), args.output)
    return EXIT_OK


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, not {text!r}") from None


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {text!r}")
    return value


def cmd_show(args: argparse.Namespace) -> int:
    report = stored.stored_report(args.db, [args.story])
    write_output(render(report, args.format, color=args.output is None and sys.stdout.isatty()), args.output)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .web import ConfigError, Limits, check_config, create_app, is_loopback

    if args.allow_private:
        raise UsageError(
            "serve refuses --allow-private: anyone who may add articles could make the server read its own network; "
            "read intranet sources with `newsfuse ingest URL... --allow-private --db DB` instead"
        )
    token = args.token or os.environ.get("NEWSFUSE_TOKEN") or None
    try:
        check_config(args.host, token, args.no_auth)
        limits = Limits(
            max_body_bytes=args.max_upload_mb * MIB, max_files=args.max_files, max_articles=args.max_articles
        )
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    import uvicorn

    app = create_app(
        args.db,
        token=token,
        auth=not args.no_auth,
        max_body_bytes=limits.max_body_bytes,
        max_files=limits.max_files,
        max_articles=limits.max_articles,
    )
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"newsfuse: serving {_shown(args.db)} on http://{shown}:{args.port}/", file=sys.stderr)
    if args.no_auth:
        print("newsfuse: --no-auth: anyone who can reach this loopback address may add articles", file=sys.stderr)
    elif not token:
        print("newsfuse: read-only (no --token or NEWSFUSE_TOKEN): adding articles is disabled", file=sys.stderr)
    if not is_loopback(args.host):
        print("newsfuse: warning: plain HTTP on a non-loopback address; put TLS in front of it", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, server_header=False)
    return EXIT_OK


INPUT_HELP = "files (.txt .html .htm .jsonl .warc .warc.gz), directories, http(s):// URLs, or - for JSON Lines on stdin"


def _allow_private(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--allow-private",
        action="store_true",
        help="read URLs on loopback, private and link-local addresses too (an intranet source); off by default",
    )


class _Parser(argparse.ArgumentParser):
    """argparse with newsfuse's exit code for usage errors (argparse's own is 2, which the
    contract gives to "some inputs skipped")."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newsfuse",
        description="Cross-check many news reports of one event, fact by fact, with the sentence as proof.",
    )
    parser.add_argument("--version", action="version", version=f"newsfuse {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "inputs",
            nargs="+",
            metavar="INPUT",
            help=INPUT_HELP,
        )
        p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output (atomically)")
        _allow_private(p)

    p = sub.add_parser("extract", help="per-article facts as JSON Lines")
    inputs(p)
    _workers(p)
    p.add_argument("--format", choices=["jsonl"], default="jsonl")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("cluster", help="group articles into stories, one pass in arrival order (JSON Lines)")
    inputs(p)
    _workers(p)
    p.add_argument("--format", choices=["jsonl"], default="jsonl")
    p.add_argument(
        "--window-days",
        type=float,
        default=None,
        help="days (by publication date) after which an article's story is final; default 3",
    )
    p.set_defaults(func=cmd_cluster)

    def db(p: argparse.ArgumentParser, required: bool = True) -> None:
        default = os.environ.get("NEWSFUSE_DB")
        p.add_argument(
            "--db",
            metavar="DB",
            default=default,
            required=required and default is None,
            help="the store: a SQLite file, or postgresql://user@host:port/dbname (default: $NEWSFUSE_DB)",
        )

    p = sub.add_parser("analyze", help="group into stories and fuse each into one cross-checked report")
    p.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help=INPUT_HELP,
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output (atomically)")
    _allow_private(p)
    p.add_argument("--format", choices=["text", "json", "markdown", "html"], default="text")
    p.add_argument("--db", metavar="DB", help="report stories saved in this store instead of reading INPUT files")
    _workers(p)
    p.add_argument(
        "--story",
        action="append",
        metavar="STORY",
        help="with --db: this story (id or unique prefix; repeatable; default all)",
    )
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser(
        "ingest",
        help="add articles to a store: extract, cluster into its stories, fuse each story that changed once",
        description="Add articles to a store: each batch of articles is extracted, clustered into the stored "
        "stories and committed in one transaction; the stories they changed are fused once each, every "
        "--fuse-every batches and at the end (with the --workers), together with any story a killed run left "
        "without a report. Re-running an interrupted ingest does only what is missing.",
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help=INPUT_HELP,
    )
    db(p)
    _allow_private(p)
    p.add_argument("--batch-size", type=int, default=64, help="articles per transaction (default 64)")
    _workers(p)
    _fuse_every(p)
    p.add_argument(
        "--window-days",
        type=float,
        default=None,
        help="days (by publication date) after which an article's story is final; default 3",
    )
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress on stderr (default: only when stderr is a terminal)",
    )
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser(
        "backfill",
        help="load a large backlog into a store on a Dask cluster: extract on the workers, cluster here, fuse each story once",
        description="Like ingest, for a backlog: the input is read lazily, facts are extracted on Dask workers, "
        "clustered in this process in arrival order (the stories ingest gives) and each story is fused once at the "
        "end, on the workers. Resumes where a killed run stopped.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=INPUT_HELP)
    db(p)
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="a running Dask scheduler (tcp://host:port) whose workers have newsfuse installed; "
        "default: a local cluster on 127.0.0.1",
    )
    p.add_argument(
        "--workers",
        type=_positive_int,
        default=None,
        metavar="N",
        help="worker processes of the local cluster, one thread each (default: this machine's cores)",
    )
    p.add_argument(
        "--partition-size",
        type=_positive_int,
        default=64,
        metavar="K",
        help="articles per task and per transaction (default 64, ingest's batch size)",
    )
    p.add_argument(
        "--window-days",
        type=float,
        default=None,
        help="days (by publication date) after which an article's story is final; default 3",
    )
    _allow_private(p)
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress on stderr (default: only when stderr is a terminal)",
    )
    p.set_defaults(func=cmd_backfill)

    p = sub.add_parser(
        "watch",
        help="poll RSS/Atom feeds and news sitemaps, ingesting the pages of new entries into a store, until stopped",
    )
    p.add_argument("feeds", nargs="*", metavar="FEED", help="feed URLs: RSS, Atom, a news sitemap or sitemap index")
    p.add_argument(
        "--feeds",
        dest="feed_file",
        action="append",
        metavar="FILE",
        help="read feed URLs from FILE: one per line (# comments) or OPML (repeatable)",
    )
    db(p)
    p.add_argument(
        "--interval",
        type=_duration,
        default=None,
        metavar="DURATION",
        help="poll each feed this often (e.g. 90s, 10m, 1h; default 10m), or less often when its TTL or caching headers say so",
    )
    p.add_argument("--once", action="store_true", help="poll every feed once, ingest what is new, and stop")
    p.add_argument("--max-polls", type=_positive_int, default=None, metavar="N", help="stop after N polls in all")
    p.add_argument("--batch-size", type=_positive_int, default=16, help="articles per transaction (default 16)")
    p.add_argument(
        "--window-days",
        type=float,
        default=None,
        help="days (by publication date) after which an article's story is final; default 3",
    )
    _allow_private(p)
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser(
        "stories", help="list the stories in a store, most recently updated first, or those a search finds"
    )
    db(p)
    p.add_argument(
        "--q", metavar="TEXT", help="only stories whose articles contain every word of TEXT (the last one as a prefix)"
    )
    p.add_argument("--place", metavar="P", help="only stories whose event place contains P")
    p.add_argument("--source", metavar="S", help="only stories with an article from a source whose name contains S")
    p.add_argument(
        "--date-from",
        metavar="D",
        type=_iso_date,
        help="only stories of this day (YYYY-MM-DD) or later: the event date, else the first publication date",
    )
    p.add_argument("--date-to", metavar="D", type=_iso_date, help="only stories of this day (YYYY-MM-DD) or earlier")
    p.add_argument("--limit", metavar="N", type=_positive_int, default=None, help="at most N stories (default all)")
    p.add_argument("--format", choices=["text", "jsonl"], default="text")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output (atomically)")
    p.set_defaults(func=cmd_stories)

    p = sub.add_parser("show", help="render one stored story (no model needed)")
    p.add_argument("story", metavar="STORY", help="story id or a unique prefix of it")
    db(p)
    p.add_argument("--format", choices=["text", "json", "markdown", "html"], default="text")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output (atomically)")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("serve", help="the web app: browse, search and add to a store (FastAPI)")
    db(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--token", default=None, help="token needed to add articles (default: $NEWSFUSE_TOKEN); required off loopback"
    )
    p.add_argument("--no-auth", action="store_true", help="on 127.0.0.1 only: allow adding articles without a token")
    p.add_argument(
        "--max-upload-mb",
        type=int,
        default=DEFAULT_LIMITS.max_upload_mb,
        help=f"largest request body, in MiB (default {DEFAULT_LIMITS.max_upload_mb})",
    )
    p.add_argument(
        "--max-files",
        type=int,
        default=DEFAULT_LIMITS.max_files,
        help=f"most files per upload (default {DEFAULT_LIMITS.max_files})",
    )
    p.add_argument(
        "--max-articles",
        type=int,
        default=DEFAULT_LIMITS.max_articles,
        help=f"most articles per request (default {DEFAULT_LIMITS.max_articles})",
    )
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    # Taken only to be refused with a reason (URLs sent to the web app are read from public addresses only).
    p.add_argument("--allow-private", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    limit_arenas()  # before any model starts a thread: fewer malloc heaps in long runs
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"newsfuse: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except NewsfuseError as exc:  # expected: the message says what to do
        print(f"newsfuse: error: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("newsfuse: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:  # a bug: keep the traceback, it is what a report needs
        traceback.print_exc()
        print(
            f"newsfuse: internal error (a bug in newsfuse {__version__}; please report it with the traceback above)",
            file=sys.stderr,
        )
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
