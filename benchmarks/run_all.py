"""Run every benchmark on the dev data, one after another, printing each one's figures.

    python benchmarks/run_all.py ../shared/data

Takes about half an hour on a 2-core machine (the fusion and clustering benchmarks dominate).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    ("counts (gvdb-dev)", ["bench_counts.py"]),
    ("quotes (polnear-dev)", ["bench_quotes.py"]),
    ("places (geowebnews)", ["bench_places.py"]),
    ("page furniture (hand labels)", ["bench_furniture.py"]),
    ("dates", ["bench_dates.py"]),
    ("entities", ["bench_entities.py"]),
    ("extract speed", ["bench_speed.py"]),
    ("analyze 20 reports", ["bench_analyze.py"]),
    ("fusion on GVDB pairs", ["bench_fuse.py"]),
    ("story clustering (ecbplus-dev)", ["bench_cluster.py", "--threads", "1"]),
    ("store ingest", ["bench_store.py", "--n", "1000"]),
]


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    data = sys.argv[1]
    failed = []
    for title, (script, *extra) in SCRIPTS:
        print(f"\n=== {title}: {script} {data} {' '.join(extra)}".rstrip(), flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, str(HERE / script), data, *extra])
        print(f"--- {script}: exit {code}, {time.perf_counter() - start:.0f}s", flush=True)
        if code:
            failed.append(script)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
