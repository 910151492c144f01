"""Compare benchmark results with the floors in baseline.json: the regression gate.

    python benchmarks/check.py [RESULT.json ...] [--baseline PATH] [--all] [--raise-floors]

Every result file (default: ``benchmarks/results/*.json``) is a run's ``--json`` output. For each
gated figure of that run in the baseline it prints the floor, the measured value and PASS or
FAIL. A figure fails when it is below its floor (direction ``higher``) or above it (direction
``lower``, for costs and error counts), when the run did not produce it, when the run's options
differ from those the floor was measured with, or when a data file's sha256 differs from the
baseline's (the floor was measured on other data). A result with no entry in the baseline fails
too. Exits 1 on any failure. ``--all`` also lists the ungated figures (reported only, with the
reason). ``--raise-floors`` moves each gated floor up to the measured value less its margin
where that is higher (a normal commit); it never lowers one: lowering a floor is done by hand,
saying why in the commit.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BASELINE = HERE / "baseline.json"
RESULTS = HERE / "results"


def passes(value: float, floor: float, direction: str) -> bool:
    return value >= floor if direction == "higher" else value <= floor


def bound(floor: float, direction: str) -> str:
    return f"{'>=' if direction == 'higher' else '<='} {floor:g}"


def measured_floor(value: float, margin: float, direction: str) -> float:
    """The floor a measured value allows: the value less its margin (plus, for ``lower``),
    rounded outwards to 4 decimal places (1 for values of 10 or more)."""
    scale = 1e4 if abs(value) < 10 else 10.0
    if direction == "higher":
        return math.floor((value - margin) * scale + 1e-6) / scale
    return math.ceil((value + margin) * scale - 1e-6) / scale


def check(results: dict[str, dict[str, Any]], baseline: dict[str, Any], show_all: bool) -> list[str]:
    """Print the table; return the failures, one line each."""
    benches = baseline["benches"]
    failures: list[str] = []
    rows: list[tuple[str, str, str, str]] = []
    for name, result in sorted(results.items()):
        if name not in benches:
            failures.append(f"{name}: no entry in baseline.json (add its figures, gated or not)")
            continue
        base = benches[name]
        options_differ = result.get("options", {}) != base.get("options", {})
        if options_differ:
            failures.append(
                f"{name}: measured with options {result.get('options')}, the floors with {base.get('options')}: "
                "not comparable"
            )
        for figure, spec in base["figures"].items():
            label = f"{name}.{figure}"
            value = result["figures"].get(figure)
            shown = "—" if value is None else f"{value:.4g}"
            if not spec.get("gated", True):
                if show_all:
                    rows.append((label, "not gated", shown, spec.get("why", "")))
                continue
            direction, floor = spec["direction"], spec["floor"]
            problems = []
            for data_file, digest in spec.get("data", {}).items():
                got = result.get("data", {}).get(data_file)
                if got != digest:
                    problems.append(
                        f"{label}: data file {data_file} has sha256 {str(got)[:12]}…, the floor was measured on "
                        f"{digest[:12]}… (other data: re-measure the baseline or use that data)"
                        if got
                        else f"{label}: the run did not use {data_file}, which the floor was measured on"
                    )
            if value is None:
                problems.append(f"{label}: not produced by the run")
            elif not passes(value, floor, direction):
                problems.append(f"{label}: {value:.4g} is {'below' if direction == 'higher' else 'above'} {floor:g}")
            if options_differ:
                problems.append("")
            status = "FAIL" if problems else "PASS"
            rows.append((label, bound(floor, direction), shown, status))
            failures.extend(p for p in problems if p)
    width = max([len(r[0]) for r in rows] + [6])
    print(f"{'figure':<{width}}  {'floor':>12}  {'measured':>9}  result")
    for label, floor_text, shown, status in rows:
        print(f"{label:<{width}}  {floor_text:>12}  {shown:>9}  {status}")
    gated = sum(1 for r in rows if r[3] in ("PASS", "FAIL"))
    failed = sum(1 for r in rows if r[3] == "FAIL")
    print(f"\n{gated} gated figures in {len(results)} runs: {gated - failed} pass, {failed} fail")
    for line in failures:
        print(f"FAIL {line}")
    return failures


def raise_floors(results: dict[str, dict[str, Any]], baseline: dict[str, Any]) -> list[str]:
    """Raise every gated floor that the results allow to rise (same data, same options)."""
    changes = []
    for name, result in results.items():
        base = baseline["benches"].get(name)
        if base is None or result.get("options", {}) != base.get("options", {}):
            continue
        for figure, spec in base["figures"].items():
            value = result["figures"].get(figure)
            if not spec.get("gated", True) or value is None:
                continue
            if any(result.get("data", {}).get(f) != d for f, d in spec.get("data", {}).items()):
                continue
            new = measured_floor(value, spec.get("margin", 0.0), spec["direction"])
            if new != spec["floor"] and passes(new, spec["floor"], spec["direction"]):
                changes.append(f"{name}.{figure}: floor {spec['floor']:g} -> {new:g} (measured {value:.4g})")
                spec.update(floor=new, value=value)
                base["measured"] = {"commit": result.get("commit"), "date": result.get("date")}
    return changes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", nargs="*", type=Path, help="result JSONs (default: benchmarks/results/*.json)")
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    parser.add_argument("--all", action="store_true", help="also list the figures that are not gated")
    parser.add_argument("--raise-floors", action="store_true", help="raise floors to what the results allow")
    args = parser.parse_args(argv)

    paths = args.results or sorted(RESULTS.glob("*.json"))
    missing = [p for p in paths if not p.exists()]
    results = {}
    for path in paths:
        if path.exists():
            record = json.loads(path.read_text(encoding="utf-8"))
            results[record["bench"]] = record
    baseline = json.loads(args.baseline.read_text(encoding="utf-8"))
    if args.raise_floors:
        changes = raise_floors(results, baseline)
        args.baseline.write_text(json.dumps(baseline, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print("\n".join(changes) if changes else "no floor can rise")
        return 0
    failures = check(results, baseline, args.all)
    for path in missing:
        print(f"FAIL {path}: no such result (the benchmark did not finish?)")
    return 1 if failures or missing else 0


if __name__ == "__main__":
    sys.exit(main())
