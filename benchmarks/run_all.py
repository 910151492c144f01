"""Run the benchmarks on the dev data, one after another; each writes its figures as JSON.

    python benchmarks/run_all.py DATA_DIR [--gate | --long | --only NAME ...] [--out DIR] [--check]

Which runs (``RUNS`` below):
- default: every benchmark but the long ones (about an hour and a half on this 2-core machine;
  ``incidents`` alone, which fuses 519 stories, takes most of it);
- ``--gate``: the fast subset that ``.ci/run`` runs after the tests (``make bench-gate``);
- ``--long``: the store and web-app runs at scale (over an hour; the ``serve-*`` runs read the
  store that ``store-5000`` leaves in ``--scratch``);
- ``--only NAME ...``: those runs.

Run NAME writes ``OUT/NAME.json`` (default OUT ``benchmarks/results``: the committed record the
README's table is generated from; the table is then rewritten, ``readme_table.py``). ``--check`` then compares the files just
written with ``baseline.json`` (``check.py``) and fails when a figure is below its floor. A
benchmark that exits non-zero fails the run as well.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import benchlib
import check
import readme_table

DATA = "{data}"  # placeholders in a run's arguments
SCRATCH = "{scratch}"
CACHE = "{cache}"
LABELS = "{labels}"  # this repository's hand labels (benchmarks/data)


@dataclass(frozen=True)
class Run:
    name: str  # the result file's stem, the baseline's and the README table's key
    args: tuple[str, ...]  # script and arguments
    tier: str  # gate | full | long


# tier "gate": the fast subset, under 5 minutes together on this shared 2-core machine: 209 s
# measured by `make bench-gate` on 2026-12-01 (load average 1.6-3.4; about 240 s at 5-7). entities
# (~40-55 s) and dates (~100-180 s) would push it past 5 minutes under load.
RUNS = (
    Run("counts", ("bench_counts.py", DATA), "gate"),
    Run("quotes", ("bench_quotes.py", DATA), "gate"),
    Run("places", ("bench_places.py", DATA), "gate"),
    Run("idetect", ("bench_idetect.py", DATA), "gate"),
    Run("speed", ("bench_speed.py", DATA), "gate"),
    Run("fusion", ("bench_fusion.py", DATA, "--cache", CACHE), "gate"),
    Run("encoder", ("bench_encoder.py", DATA), "full"),
    Run("furniture", ("bench_furniture.py", DATA), "gate"),
    Run("speakers", ("bench_speakers.py", DATA), "gate"),
    Run(
        "claims",
        (
            "bench_fusion.py",
            DATA,
            "--cache",
            CACHE,
            "--labels",
            f"{LABELS}/claims-gva.jsonl",
            f"{LABELS}/claims-ecbplus.jsonl",
            "--second-reading",
            f"{LABELS}/claims-second-reading.jsonl",
        ),
        "full",
    ),
    Run("entities", ("bench_entities.py", DATA), "full"),
    Run("dates", ("bench_dates.py", DATA), "full"),
    Run("analyze", ("bench_analyze.py", DATA), "full"),
    Run("workers", ("bench_workers.py", DATA, "--n", "400"), "full"),
    Run("fuse", ("bench_fuse.py", DATA), "full"),
    Run("cluster", ("bench_cluster.py", DATA, "--threads", "1", "--cache", CACHE), "full"),
    Run(
        "cluster-gva",
        ("bench_cluster.py", DATA, "--set", "gva-dev", "--threads", "1", "--cache", CACHE, "--store"),
        "full",
    ),
    Run(
        "fit_cluster", ("fit_cluster.py", DATA, "--cache", CACHE, "--weights", f"{SCRATCH}/weights-refit.json"), "full"
    ),
    Run(
        "fit_claims",
        ("fit_claims.py", DATA, "--cache", CACHE, "--weights", f"{SCRATCH}/statement-weights-refit.json"),
        "full",
    ),
    Run("store", ("bench_store.py", DATA, "--n", "200"), "full"),
    Run("watch", ("bench_watch.py", DATA), "full"),
    Run("incidents", ("bench_incidents.py", DATA, "--no-cache", "--cache", CACHE), "full"),
    Run(
        "store-5000",
        ("bench_store.py", DATA, "--n", "5000", "--no-fuse", "--fuse-at-end", "--db", f"{SCRATCH}/store-5000.db"),
        "long",
    ),
    Run(
        "store-20000",
        ("bench_store.py", DATA, "--n", "20000", "--no-fuse", "--db", f"{SCRATCH}/store-20000.db"),
        "long",
    ),
    # the clusterer alone over that store, round by round: does its cost grow with the stream?
    Run("cluster-replay", ("bench_cluster_replay.py", f"{SCRATCH}/store-20000.db"), "long"),
    Run("throughput", ("bench_throughput.py", DATA), "long"),
    # newsfuse backfill on a LocalCluster of 2 workers; the target is 20,000 articles
    Run("backfill", ("bench_backfill.py", DATA, "--n", "20000", "--workers", "2"), "long"),
    Run("serve-all", ("bench_serve.py", f"{SCRATCH}/store-5000.db", DATA, "--pick", "all"), "long"),
    Run("serve-recent", ("bench_serve.py", f"{SCRATCH}/store-5000.db", DATA, "--pick", "recent"), "long"),
)


def fill(arg: str, subst: dict[str, str]) -> str:
    for placeholder, value in subst.items():
        arg = arg.replace(placeholder, value)
    return arg


def selected(gate: bool, long: bool, only: list[str] | None) -> list[Run]:
    if only:
        unknown = set(only) - {r.name for r in RUNS}
        if unknown:
            sys.exit(f"unknown runs: {', '.join(sorted(unknown))}; known: {', '.join(r.name for r in RUNS)}")
        return [r for r in RUNS if r.name in only]
    if gate:
        return [r for r in RUNS if r.tier == "gate"]
    if long:
        return [r for r in RUNS if r.tier == "long"]
    return [r for r in RUNS if r.tier != "long"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--gate", action="store_true", help="only the fast subset (CI)")
    group.add_argument("--long", action="store_true", help="only the long store and web-app runs")
    group.add_argument("--only", nargs="+", metavar="NAME", help="only these runs")
    parser.add_argument("--out", type=Path, default=benchlib.RESULTS, help="where NAME.json go")
    parser.add_argument(
        "--scratch", type=Path, default=benchlib.ROOT / "out" / "bench", help="stores and refits (not committed)"
    )
    parser.add_argument("--cache", type=Path, default=benchlib.default_cache(), help="extracted facts between runs")
    parser.add_argument("--check", action="store_true", help="then check the results against baseline.json")
    args = parser.parse_args(argv)

    runs = selected(args.gate, args.long, args.only)
    args.scratch.mkdir(parents=True, exist_ok=True)
    subst = {
        DATA: str(args.data_dir),
        SCRATCH: str(args.scratch),
        CACHE: str(args.cache),
        LABELS: str(benchlib.HERE / "data"),
    }
    failed, written = [], []
    started = time.perf_counter()
    for run in runs:
        script, *rest = (fill(a, subst) for a in run.args)
        if "--db" in rest:  # bench_store wants a new store
            db = Path(rest[rest.index("--db") + 1])
            for stale in db.parent.glob(db.name + "*"):
                stale.unlink()
        out = args.out / f"{run.name}.json"
        out.unlink(missing_ok=True)
        command = [sys.executable, str(benchlib.HERE / script), *rest, "--json", str(out)]
        print(f"\n=== {run.name}: {script} {' '.join(rest)}", flush=True)
        t0 = time.perf_counter()
        code = subprocess.call(command)
        print(f"--- {run.name}: exit {code}, {time.perf_counter() - t0:.0f}s", flush=True)
        if code:
            failed.append(run.name)
        written.append(out)
    print(f"\n{len(runs)} runs in {time.perf_counter() - started:.0f}s", flush=True)
    if args.out.resolve() == benchlib.RESULTS.resolve():
        readme_table.main([])  # the README's table follows the committed record
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    if args.check:
        print()
        checked = check.main([str(p) for p in written])
        return 1 if failed or checked else 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
