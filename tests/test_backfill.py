"""``newsfuse backfill``: extraction and fusion on Dask workers, clustering in one process, gives
the stories and reports ``ingest`` gives for the same stream; re-running adds nothing; an
interrupted backfill resumes without duplicates; a bad line is skipped with its reason.

One LocalCluster of two workers serves the whole module (starting it and loading the models in
its workers costs most of this file's time)."""

from __future__ import annotations

import json
from contextlib import ExitStack, closing
from pathlib import Path

import numpy as np
import pytest

from conftest import ROOT
from newsfuse import api
from newsfuse import backfill as backfill_module
from newsfuse.cli import main
from newsfuse.store import connect, report_json, verify

DATA = ROOT.parent / "shared" / "data" / "gva-dev.jsonl"
N = 12  # the first gva-dev articles: several incidents, some with several reports


@pytest.fixture(scope="module")
def client():
    with ExitStack() as stack:
        yield backfill_module.open_client(stack, None, 2)


@pytest.fixture(scope="module")
def backlog(tmp_path_factory) -> Path:
    if not DATA.exists():
        pytest.skip(f"{DATA} not found (the shared dev data)")
    with DATA.open(encoding="utf-8") as f:
        lines = [line for line, _ in zip(f, range(N))]
    path = tmp_path_factory.mktemp("backfill") / "backlog.jsonl"
    # line 4 is not an article: skipped with its reason, the others go on
    path.write_text("".join(lines[:3]) + '{"title": "no text"}\n' + "".join(lines[3:]), encoding="utf-8")
    return path


def _stories(db: Path) -> dict[str, list[str]]:
    with closing(connect(db)) as conn:
        data, _ = report_json(conn)
    return {s["id"]: s["articles"] for s in data["stories"]}


def _embeddings(db: Path) -> dict[str, np.ndarray]:
    with closing(connect(db)) as conn:
        rows = conn.execute("SELECT a.id, f.embedding FROM articles a JOIN article_facts f ON f.seq = a.seq")
        return {aid: np.frombuffer(blob, dtype=np.float32) for aid, blob in rows}


@pytest.fixture(scope="module")
def ingested(backlog, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("ingest") / "news.db"
    result = api.read([backlog])
    api.ingest(result.articles, db)
    return db


def test_backfill_gives_the_stories_and_reports_of_ingest_and_a_rerun_adds_nothing(client, backlog, ingested, tmp_path):
    db = tmp_path / "news.db"
    problems = []
    stats = api.backfill([backlog], db, client=client, on_problem=problems.append)
    assert [(p.origin, p.reason) for p in problems] == [(f"{backlog}:4", problems[0].reason)]
    assert "text" in problems[0].reason
    assert stats.ingest.added == N and stats.stories_fused == stats.ingest.stories_created
    assert stats.partitions == 1 and stats.workers == 2

    # the same articles in the same stories, the same reports, in the same order
    with closing(connect(db)) as a, closing(connect(ingested)) as b:
        backfilled, _ = report_json(a)
        reference, _ = report_json(b)
        assert verify(a) == []
    assert backfilled == reference
    assert any(len(s["articles"]) > 1 for s in backfilled["stories"])
    # the cluster embeddings, computed on the workers, are those ingest computes here
    mine, theirs = _embeddings(db), _embeddings(ingested)
    assert mine.keys() == theirs.keys()
    # (bit-identical here: the same encoder calls on the same groups of articles; a tolerance in
    # case another machine's kernels split the work by threads differently)
    assert max(float(np.abs(mine[k] - theirs[k]).max()) for k in mine) < 1e-5

    again = api.backfill([backlog], db, client=client)
    assert (again.ingest.added, again.ingest.duplicates, again.stories_fused) == (0, N, 0)
    with closing(connect(db)) as a:
        assert report_json(a)[0] == backfilled


def test_an_interrupted_backfill_resumes_without_duplicates(client, backlog, ingested, tmp_path):
    db = tmp_path / "news.db"

    class Stop(Exception):
        pass

    def stop_after_first_batch(stats) -> None:
        if stats.batches == 1:
            raise Stop

    with pytest.raises(Stop):
        api.backfill([backlog], db, client=client, partition_size=4, on_batch=stop_after_first_batch)
    with closing(connect(db)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 4  # the first batch committed
        assert conn.execute("SELECT COUNT(*) FROM stories WHERE report IS NOT NULL").fetchone()[0] == 0
    stats = api.backfill([backlog], db, client=client, partition_size=4)
    assert (stats.ingest.added, stats.ingest.duplicates) == (N - 4, 4)
    with closing(connect(db)) as conn:
        assert verify(conn) == []  # every story has one report listing exactly its articles
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == N
    assert sorted(a for s in _stories(db).values() for a in s) == sorted(
        a for s in _stories(ingested).values() for a in s
    )


def test_the_cli_reports_skipped_lines_and_a_summary(client, backlog, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(backfill_module, "open_client", lambda stack, scheduler, workers: client)
    db = tmp_path / "news.db"
    seeds = ROOT / "examples"
    assert main(["backfill", str(seeds), str(tmp_path / "missing.jsonl"), "--db", str(db), "--progress"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert f"newsfuse: skipped {tmp_path / 'missing.jsonl'}: no such file or directory" in err
    assert err[0].startswith("newsfuse: backfill 0/2 articles")
    assert err[-1].startswith(f"newsfuse: {db}: backfill on 2 workers: 2 articles added, 0 already stored, 1 skipped;")
    assert main(["stories", "--db", str(db), "--format", "jsonl"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(listed) == 1 and listed[0]["n_articles"] == 2


def test_a_backfill_into_postgresql_stores_what_an_ingest_into_sqlite_stores(client, backlog, ingested, pg_server):
    url = pg_server.new_database()
    stats = api.backfill([backlog], url, client=client)
    assert stats.ingest.added == N
    with closing(connect(url)) as a, closing(connect(ingested)) as b:
        backfilled, _ = report_json(a)
        reference, _ = report_json(b)
        assert verify(a) == []
    assert backfilled == reference


def test_two_backfills_into_one_postgresql_store_at_once_lose_nothing(client, backlog, pg_server, tmp_path):
    """Two backfills write into one PostgreSQL store at the same time (on one Dask cluster, each
    with its own connection and clusterer), with one article in both inputs: every article is
    stored once, in one story, and every story has a report."""
    import threading

    lines = [line for line in backlog.read_text(encoding="utf-8").splitlines(keepends=True) if '"text"' in line]
    halves = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    halves[0].write_text("".join(lines[: N // 2 + 1]), encoding="utf-8")  # article N/2 is in both
    halves[1].write_text("".join(lines[N // 2 :]), encoding="utf-8")
    url = pg_server.new_database()
    connect(url).close()  # the schema, before two writers race to make it
    results: dict[int, object] = {}

    def run(k: int) -> None:
        try:
            results[k] = api.backfill([halves[k]], url, client=client)
        except BaseException as e:  # noqa: BLE001 - reported by the assertion below
            results[k] = e

    threads = [threading.Thread(target=run, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert not any(t.is_alive() for t in threads)
    stats = [results[k] for k in (0, 1)]
    assert not [s for s in stats if isinstance(s, BaseException)], stats
    assert sum(s.ingest.added for s in stats) == N and sum(s.ingest.duplicates for s in stats) == 1
    with closing(connect(url)) as conn:
        assert verify(conn) == []
        ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
    assert sorted(ids) == sorted(json.loads(line)["id"] for line in lines)
    stories = _stories(url)
    assert sorted(a for articles in stories.values() for a in articles) == sorted(ids)
