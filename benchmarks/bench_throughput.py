"""Every command against spaCy's own ``nlp.pipe`` on the same articles, in one run: the
throughput ratios of issue 19.

    python benchmarks/bench_throughput.py ../shared/data [--n N] [--workers W] [--only NAME ...] [--json PATH]

The first N articles of gva-dev (default: all 1,363) are written to a scratch JSON Lines file
twice: as they are (for ``extract``, ``cluster`` and ``ingest``) and with each article's ``story``
set to its incident (``analyze`` with its stories given, as ``bench_incidents.py`` does). Each
is then run as a user runs it, one fresh process each, one after another:

- ``spacy``: ``python -c`` loading the pipeline newsfuse uses (``newsfuse.nlp.load_nlp``) and
  running ``nlp.pipe`` over the texts: the floor any spaCy-based extractor stands on;
- ``extract``, ``cluster``, ``analyze --format json``, ``ingest --db`` (a fresh store): the CLI
  with ``--workers W`` (default: this machine's cores).

Each gets its wall time (start to exit, model loading included, as for spaCy), articles/s and
its throughput as a ratio to spaCy's (over 1: faster than parsing alone), and its CPU seconds
(the process and its worker processes, from ``RUSAGE_CHILDREN``). Ratios of one run are the
figure; the seconds depend on what else the machine does.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import benchlib
from newsfuse.workers import default_workers

COMMANDS = ("spacy", "extract", "cluster", "analyze", "ingest")
SPACY = (
    "import json, sys\n"
    "from newsfuse.nlp import load_nlp\n"
    "texts = [json.loads(line)['text'] for line in open(sys.argv[1], encoding='utf-8')]\n"
    "for _ in load_nlp().pipe(texts):\n"
    "    pass\n"
)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one command (its worker processes' CPU included)."""
    c0, t0 = _children_cpu(), time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall, cpu = time.perf_counter() - t0, _children_cpu() - c0
    if done.returncode not in (0, 3):  # 3: some input skipped, reported on stderr
        sys.exit(f"{' '.join(argv[:3])} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--n", type=int, default=None, help="the first N articles (default: all)")
    parser.add_argument("--workers", type=int, default=None, help="--workers of the commands (default: the cores)")
    parser.add_argument("--only", nargs="+", choices=COMMANDS, default=None, help="these commands (spacy always)")
    benchlib.add_json_option(parser)
    args = parser.parse_args()
    source = args.data_dir / "gva-dev.jsonl"
    story_of = {g["id"]: g["story"] for g in benchlib.read_jsonl(args.data_dir / "gva-dev.gold.jsonl")}
    rows = benchlib.read_jsonl(source)[: args.n]
    workers = args.workers or default_workers()
    newsfuse = [sys.executable, "-m", "newsfuse.cli"]
    wanted = ["spacy", *(c for c in COMMANDS[1:] if args.only is None or c in args.only)]
    figures: dict[str, float] = {"articles": len(rows), "workers": workers}
    with tempfile.TemporaryDirectory(prefix="newsfuse-throughput-") as tmp:
        plain, keyed, db = Path(tmp) / "articles.jsonl", Path(tmp) / "keyed.jsonl", Path(tmp) / "store.db"
        plain.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        keyed.write_text("".join(json.dumps(dict(r, story=story_of[r["id"]])) + "\n" for r in rows), encoding="utf-8")
        with_workers = ["--workers", str(workers)]
        commands = {
            "spacy": [sys.executable, "-c", SPACY, str(plain)],
            "extract": [*newsfuse, "extract", str(plain), *with_workers],
            "cluster": [*newsfuse, "cluster", str(plain), *with_workers],
            "analyze": [*newsfuse, "analyze", str(keyed), "--format", "json", *with_workers],
            "ingest": [*newsfuse, "ingest", str(plain), "--db", str(db), "--no-progress", *with_workers],
        }
        print(f"{len(rows)} gva-dev articles, --workers {workers}, load average {os.getloadavg()[0]:.1f} at start")
        print(f"  {'':8} {'wall s':>8} {'art/s':>7} {'vs spaCy':>9} {'CPU s':>8}")
        base = None
        for name in wanted:
            wall, cpu = run(commands[name])
            rate = len(rows) / wall
            base = base or rate
            print(f"  {name:8} {wall:8.1f} {rate:7.2f} {rate / base:8.2f}x {cpu:8.1f}", flush=True)
            figures[f"{name}_seconds"] = wall
            figures[f"{name}_cpu_seconds"] = cpu
            figures[f"{name}_articles_per_s"] = rate
            if name != "spacy":
                figures[f"{name}_vs_spacy"] = rate / base
    print(f"  load average {os.getloadavg()[0]:.1f} at the end")
    benchlib.write_json(args.json, figures, [source], {"n": args.n, "workers": workers})


if __name__ == "__main__":
    main()
