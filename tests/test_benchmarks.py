"""The benchmark gate's own parts: the README table generated from the committed results, the
floors check, the fusion-dev scoring that other label files will reuse, and the clusterer's
weights file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"


@pytest.fixture
def bench(monkeypatch):
    """Import benchmark modules as the scripts do (their directory first on the path)."""
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import importlib

    return importlib.import_module


def test_readme_table_is_the_one_the_committed_results_give():
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "readme_table.py"), "--check"], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr


def test_committed_results_pass_their_floors_and_every_result_has_a_baseline(bench, capsys):
    check = bench("check")
    run_all = bench("run_all")
    baseline = json.loads((BENCHMARKS / "baseline.json").read_text())
    results = {p.stem for p in (BENCHMARKS / "results").glob("*.json")}
    assert results == set(baseline["benches"]) <= {r.name for r in run_all.RUNS}
    for name, entry in baseline["benches"].items():
        for figure, spec in entry["figures"].items():
            assert spec["direction"] in ("higher", "lower"), (name, figure)
            assert spec["data"], (name, figure)
            if spec.get("gated", True):
                assert spec["floor"] is not None and "margin" in spec, (name, figure)
            else:
                assert spec.get("why"), (name, figure)
    assert check.main([]) == 0, capsys.readouterr().out


def _gate_files(tmp_path: Path, value: float, *, floor: float = 0.80, data: str = "aaa", options=None):
    baseline = {
        "benches": {
            "counts": {
                "options": {"limit": None},
                "figures": {
                    "killed_exact": {
                        "value": 0.843,
                        "floor": floor,
                        "direction": "higher",
                        "margin": 0.005,
                        "data": {"gvdb-dev.jsonl": "aaa"},
                    },
                    "errors": {
                        "value": 0,
                        "floor": 0,
                        "direction": "lower",
                        "margin": 0,
                        "data": {"gvdb-dev.jsonl": "aaa"},
                    },
                    "docs_per_s": {
                        "value": 20,
                        "floor": None,
                        "direction": "higher",
                        "gated": False,
                        "why": "speed",
                        "data": {},
                    },
                },
            }
        }
    }
    result = {
        "bench": "counts",
        "options": options if options is not None else {"limit": None},
        "figures": {"killed_exact": value, "errors": 0, "docs_per_s": 3},
        "data": {"gvdb-dev.jsonl": data},
    }
    (tmp_path / "baseline.json").write_text(json.dumps(baseline))
    (tmp_path / "counts.json").write_text(json.dumps(result))
    return ["--baseline", str(tmp_path / "baseline.json"), str(tmp_path / "counts.json")]


def test_check_passes_at_the_floor_and_fails_below_it(bench, tmp_path, capsys):
    check = bench("check")
    assert check.main(_gate_files(tmp_path, 0.80)) == 0
    assert "counts.killed_exact" in capsys.readouterr().out
    assert check.main(_gate_files(tmp_path, 0.79)) == 1
    out = capsys.readouterr().out
    assert "FAIL counts.killed_exact: 0.79 is below 0.8" in out
    assert "docs_per_s" not in out  # not gated: listed only with --all


def test_check_fails_on_other_data_and_other_options(bench, tmp_path, capsys):
    check = bench("check")
    assert check.main(_gate_files(tmp_path, 0.9, data="bbb")) == 1
    assert "data file gvdb-dev.jsonl has sha256 bbb" in capsys.readouterr().out
    assert check.main(_gate_files(tmp_path, 0.9, options={"limit": 20})) == 1
    assert "not comparable" in capsys.readouterr().out


def test_raise_floors_raises_and_never_lowers(bench, tmp_path, capsys):
    check = bench("check")
    args = _gate_files(tmp_path, 0.9)
    assert check.main([*args, "--raise-floors"]) == 0
    spec = json.loads((tmp_path / "baseline.json").read_text())["benches"]["counts"]["figures"]["killed_exact"]
    assert spec["floor"] == 0.895 and spec["value"] == 0.9
    args = _gate_files(tmp_path, 0.5)
    assert check.main([*args, "--raise-floors"]) == 0
    spec = json.loads((tmp_path / "baseline.json").read_text())["benches"]["counts"]["figures"]["killed_exact"]
    assert spec["floor"] == 0.80


def test_fusion_scoring_follows_the_definitions(bench):
    score_labels = bench("bench_fusion").score_labels
    a = "Two people were killed and three hurt on Main Street. Call 555-1234."
    b = "Police said two died. A third victim died later at the hospital."
    texts = {"a": a, "b": b}

    def ev(article: str, phrase: str) -> dict:
        text = texts[article]
        start = text.index(phrase)
        return {"article": article, "start": start, "end": start + len(phrase), "quote": phrase}

    record = {
        "story": "s1",
        "articles": ["a", "b"],
        "event": {"date": "2016-01-02"},
        "figures": [
            {"article": "a", "category": "killed", "low": 2, "quote": "Two people were killed", "scope": "total"},
            {"article": "a", "category": "injured", "low": 3, "quote": "three hurt", "scope": "total"},
            {"article": "b", "category": "killed", "low": 2, "quote": "two died", "scope": "total"},
        ],
        "not_figures": [{"article": "a", "quote": "555-1234", "why": "phone"}],
        "agreements": [
            {"quotes": [{"article": "a", "quote": "Two people were killed"}, {"article": "b", "quote": "two died"}]}
        ],
        "conflicts": [],
        "updates": [
            {"quotes": [{"article": "b", "quote": "two died"}, {"article": "a", "quote": "Two people were killed"}]}
        ],
        "extra_key": "ignored",
    }
    story = {
        "id": "s1",
        "articles": ["a", "b"],
        "when": {"date": "2016-01-02"},
        "counts": [
            {
                "category": "killed",
                "status": "conflicting",
                "reports": [{"evidence": ev("a", "Two")}, {"evidence": ev("b", "two")}],
            },
            {"category": "other", "status": "single_source", "reports": [{"evidence": ev("a", "555")}]},
            {"category": "other", "status": "single_source", "reports": [{"evidence": ev("b", "A third")}]},
        ],
        "claims": [
            {"status": "corroborated", "evidence": [ev("a", "people were killed"), ev("b", "Police said two died")]}
        ],
    }
    score = score_labels([record], [story], texts)
    figures = score.figures()
    # rows: Two (right), two (right), 555 (wrong: only a not-figure), A third (unknown)
    assert (score.figures_right, score.figures_wrong, score.figures_unknown, score.figure_rows) == (2, 1, 1, 4)
    assert figures["figures_precision"] == 2 / 3 and figures["figures_on_labelled"] == 2 / 4
    assert (score.recall_touched, score.recall_labelled) == (2, 3)  # "three hurt" untouched
    # the one flagged item matches the labelled update, not a conflict: counted apart
    assert (score.flagged, score.flagged_matching, score.flagged_update) == (1, 0, 1)
    assert figures["conflicts_recall"] != figures["conflicts_recall"]  # no labelled conflict: NaN
    assert (score.agreements_found, score.agreements) == (1, 1)
    assert (score.dates_right, score.dates) == (1, 1)
    assert not score.quotes_not_found


def test_the_clusterer_reads_its_weights_from_the_package_file():
    from newsfuse.cluster import ClusterConfig, RevisionWeights, Weights, load_weights
    from newsfuse.cluster.clusterer import WEIGHTS_FILE

    data = json.loads(WEIGHTS_FILE.read_text())
    weights, revision = load_weights()
    assert ClusterConfig().weights == weights and ClusterConfig().revision_weights == revision
    assert weights.to_json() == data["weights"] and revision.to_json() == data["revision_weights"]
    assert set(data["revision_weights"]) == {"bias", *RevisionWeights.parts}
    with pytest.raises(ValueError, match="missing"):
        Weights.from_json({"bias": 1.0})
