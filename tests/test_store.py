"""The store on the real models, on SQLite and on PostgreSQL (conftest.new_store): idempotent
re-ingest, a kill -9 mid-batch, readers during a write, same-kind events kept apart across runs,
syndicated copies, and stored reports equal to the file-based ones for the seeds."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from conftest import BACKENDS, EXAMPLES, ROOT, store_maker
from newsfuse import api
from newsfuse.cli import EXIT_USAGE, main
from newsfuse.model import Article, report_to_json
from newsfuse.render import render
from newsfuse.store import SCHEMA_VERSION, StoreError, connect, pending_stories, transaction, verify
from newsfuse.store.db import dialect
from newsfuse.store.ingest import FUSE_EVERY_BATCHES
from newsfuse.store.schema import schema_version


def _art(id: str, title: str, text: str, day: int, source: str) -> Article:
    return Article(id=id, title=title, text=title + "\n" + text, source=source, published=dt.date(2024, 9, day))


# Two fires of one kind, one state, one week: told apart by place, company, people and numbers.
FIRE_DALTON_1 = _art(
    "dalton-1",
    "Fire destroys Harlow Plastics warehouse in Dalton, three workers hurt",
    "A fire tore through the Harlow Plastics warehouse on Industrial Boulevard in Dalton on Tuesday night, "
    "injuring three workers, fire chief Raymond Keyes said.\n"
    "About 60 firefighters fought the blaze for five hours. Keyes said the roof collapsed shortly after midnight.\n"
    "Harlow Plastics owner Dennis Crowe said the company employs 140 people in Dalton.",
    3,
    "Dalton Daily Citizen",
)
FIRE_DALTON_2 = _art(
    "dalton-2",
    "Dalton warehouse blaze: Harlow Plastics vows to rebuild",
    "Harlow Plastics will rebuild its Dalton warehouse, owner Dennis Crowe said on Wednesday, a day after "
    "a fire on Industrial Boulevard left three workers injured.\n"
    "Fire chief Raymond Keyes said investigators were still looking for the cause of the Dalton fire, which took "
    "some 60 firefighters five hours to put out.",
    4,
    "Chattanooga Times",
)
FIRE_ROME_1 = _art(
    "rome-1",
    "Blaze at Coosa Textiles mill in Rome kills one worker",
    "One worker died when fire swept through the Coosa Textiles mill on Riverside Parkway in Rome on Thursday, "
    "Floyd County fire marshal Angela Pruitt said.\n"
    "The worker was identified as Luis Batista, 38. Eight people were treated for smoke inhalation.\n"
    "Coosa Textiles chief executive Martin Ashby said production would stop for weeks.",
    5,
    "Rome News-Tribune",
)
FIRE_ROME_2 = _art(
    "rome-2",
    "Coosa Textiles mourns worker killed in Rome mill fire",
    "Coosa Textiles chief executive Martin Ashby on Friday mourned Luis Batista, the worker killed in Thursday's "
    "fire at the company's Riverside Parkway mill in Rome.\n"
    "Fire marshal Angela Pruitt said eight people were treated for smoke inhalation and the cause was under investigation.",
    6,
    "Atlanta Journal-Constitution",
)
# A wire copy of the first Dalton report under a new headline and source.
FIRE_DALTON_COPY = Article(
    id="dalton-copy",
    title="Three hurt as Dalton plastics warehouse burns",
    text="Three hurt as Dalton plastics warehouse burns\n" + FIRE_DALTON_1.text.split("\n", 1)[1],
    source="Wire Service",
    published=dt.date(2024, 9, 4),
)


def _stories(db) -> dict[str, str]:
    """Article id -> stored story id."""
    with closing(connect(db, create=False)) as conn:
        return dict(conn.execute("SELECT id, story_id FROM articles").fetchall())


@pytest.fixture(scope="module", params=BACKENDS)
def seed_db(request, tmp_path_factory, nlp, gazetteer):
    db = store_maker(request.param, request, tmp_path_factory.mktemp("store"))()
    assert main(["ingest", str(EXAMPLES), "--db", str(db), "--no-progress"]) == 0
    return db


@pytest.fixture(scope="module")
def seed_file_report():
    return api.analyze([EXAMPLES])


def test_schema_is_versioned(tmp_path):
    db = tmp_path / "v.db"
    conn = connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(Exception, match="newer"):
        connect(db)
    with pytest.raises(StoreError, match="no store"):
        connect(tmp_path / "missing.db", create=False)


def test_postgres_schema_is_versioned_and_errors_name_the_target(pg_server):
    url = pg_server.new_database()
    with pytest.raises(StoreError, match=f"no store at {url}"):
        connect(url, create=False)
    conn = connect(url)
    assert dialect(conn) == "postgresql" and schema_version(conn) == SCHEMA_VERSION
    conn.execute(f"UPDATE newsfuse_schema SET version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        connect(url)
    # Unreachable server, unknown role, malformed URL: one line naming the target, no password.
    for bad in (
        f"postgresql://bob:s3cret@127.0.0.1:{pg_server.port}/{url.rsplit('/', 1)[1]}",
        "postgresql://bob:s3cret@127.0.0.1:1/news",
        "postgresql://bob:s3cret@[::1/news",
    ):
        with pytest.raises(StoreError) as info:
            connect(bad)
        message = str(info.value)
        assert "s3cret" not in message and "\n" not in message, message
        assert message.startswith(bad.replace("s3cret", "***")), message


def test_reingest_adds_nothing(seed_db, capsys):
    with closing(connect(seed_db, create=False)) as conn:
        before = conn.execute("SELECT id, version, updated_at, report FROM stories").fetchall()
    assert len(before) == 1 and before[0][1] == 1
    stats = api.ingest([EXAMPLES], seed_db)
    assert (stats.added, stats.duplicates, stats.stories_created, stats.fusions) == (0, 2, 0, 0)
    with closing(connect(seed_db, create=False)) as conn:
        assert conn.execute("SELECT id, version, updated_at, report FROM stories").fetchall() == before
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2
    # the same text under another id is the same article
    text = (EXAMPLES / "000_e2eb9a51c8fe133c.txt").read_text(encoding="utf-8")
    assert api.ingest([Article(id="other-id", text=text)], seed_db).added == 0


def test_show_and_analyze_db_equal_the_file_report(seed_db, seed_file_report, capsys):
    (story,) = seed_file_report.stories
    capsys.readouterr()
    assert main(["stories", "--db", str(seed_db)]) == 0
    listing = capsys.readouterr().out
    assert story.id in listing and "Qala" in listing
    assert main(["analyze", "--db", str(seed_db), "--story", story.id[:6], "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == report_to_json(seed_file_report)
    for fmt in ("text", "markdown", "html", "json"):
        assert main(["show", story.id, "--db", str(seed_db), "--format", fmt]) == 0
        assert capsys.readouterr().out == render(seed_file_report, fmt), fmt


def test_stories_cli_searches_as_the_web_app_does(seed_db, seed_file_report, capsys):
    """`newsfuse stories --q/--place/--source/--date-from/--date-to` filter with the web app's
    search (store.search_stories): every filter finds the seed story, or nothing when it should not."""
    (story,) = seed_file_report.stories

    def ids(*options: str) -> list[str]:
        capsys.readouterr()
        assert main(["stories", "--db", str(seed_db), "--format", "jsonl", *options]) == 0
        return [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()]

    assert ids() == [story.id]
    assert ids("--q", "Taliban") == [story.id]
    assert ids("--q", "taliban QALA-E-NAW") == [story.id]  # every word, in any case
    assert ids("--q", "badghi") == [story.id]  # the last word is a prefix
    assert ids("--q", "Taliban zzyzx") == []
    assert ids("--q", '" AND OR ( NEAR * -') == []  # FTS5 syntax is taken as words: no error
    assert ids("--q", ";;") == []  # no word at all matches nothing
    assert ids("--place", "qala") == [story.id] and ids("--place", "Kabul") == []
    assert ids("--source", "001_833ad") == [story.id] and ids("--source", "reuters") == []
    assert ids("--date-from", "2021-07-01", "--date-to", "2021-07-31") == [story.id]
    assert ids("--date-from", "2022-01-01") == [] and ids("--date-to", "2021-06-30") == []
    assert ids("--q", "Taliban", "--place", "Qala", "--source", "000_e2eb", "--limit", "1") == [story.id]

    # jsonl: the same summary object as without a filter; text: the same table, header included.
    capsys.readouterr()
    assert main(["stories", "--db", str(seed_db), "--format", "jsonl"]) == 0
    everything = capsys.readouterr().out
    assert main(["stories", "--db", str(seed_db), "--format", "jsonl", "--q", "Taliban"]) == 0
    assert capsys.readouterr().out == everything
    assert set(json.loads(everything)) == {
        "id",
        "headline",
        "place",
        "date",
        "event_type",
        "n_articles",
        "n_sources",
        "first_published",
        "last_published",
        "updated_at",
        "version",
    }
    assert main(["stories", "--db", str(seed_db), "--place", "Qala"]) == 0
    head, row = capsys.readouterr().out.splitlines()
    assert head.split() == ["story", "date", "src", "art", "updated", "(UTC)", "place", "headline"]
    assert row.startswith(story.id) and "Qala i Naw" in row
    assert main(["stories", "--db", str(seed_db), "--place", "Kabul"]) == 0
    assert [line.split() for line in capsys.readouterr().out.splitlines()] == [head.split()]  # the header alone

    # A bad date or limit is a usage error, named on stderr.
    with pytest.raises(SystemExit) as exit_:
        main(["stories", "--db", str(seed_db), "--date-from", "yesterday"])
    assert exit_.value.code == EXIT_USAGE and "YYYY-MM-DD" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["stories", "--db", str(seed_db), "--limit", "0"])
    assert exit_.value.code == EXIT_USAGE


KILLER = """
import sys, time, pathlib
import newsfuse.store.ingest as ingest
real, calls = ingest.StoreIngester._fuse_stories, [0]
def hang_in_batch_2(self, story_ids, now, *, fuse):
    calls[0] += 1
    if calls[0] == 2:  # batch 1 (two new stories) is committed; batch 2 has written its rows
        pathlib.Path(sys.argv[1]).touch()
        time.sleep(600)
    return real(self, story_ids, now, fuse=fuse)
ingest.StoreIngester._fuse_stories = hang_in_batch_2
from newsfuse.cli import main
sys.exit(main(["ingest", sys.argv[2], "--db", sys.argv[3], "--batch-size", "2", "--no-progress", *sys.argv[4:]]))
"""


def _write_jsonl(path: Path, articles: list[Article]) -> Path:
    path.write_text(
        "".join(
            json.dumps(
                {"id": a.id, "title": a.title, "text": a.text, "source": a.source, "published": a.published.isoformat()}
            )
            + "\n"
            for a in articles
        )
    )
    return path


@contextmanager
def _hung_writer(script: str, flag: Path, data: Path, db, what: str, *options: str):
    """Run ``script`` (which touches ``flag`` and then hangs, inside a write transaction or in the
    fusion) in a subprocess; yield once the flag is there, and kill -9 the process on leaving."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(flag), str(data), str(db), *options],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not flag.exists():
            assert proc.poll() is None, f"the ingest ended before {what}"
            assert time.monotonic() < deadline, f"never reached {what}"
            time.sleep(0.1)
        yield proc
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()


@pytest.mark.parametrize("fuse_every", [1, 32])
def test_kill_9_mid_batch_loses_nothing_committed(tmp_path, db_target, capsys, fuse_every):
    """Killed inside its second batch, an ingest leaves batch 1 committed: with --fuse-every 1 its
    stories fused in the batch, by default left pending (the fusion at the end never came), and
    the next ingest fuses them with the rest."""
    data = _write_jsonl(
        tmp_path / "in.jsonl", [FIRE_DALTON_1, FIRE_ROME_1, FIRE_DALTON_2, FIRE_ROME_2, FIRE_DALTON_COPY]
    )
    db = db_target
    with _hung_writer(KILLER, tmp_path / "in-batch-2", data, db, "batch 2", "--fuse-every", str(fuse_every)):
        # The writer holds its transaction open: readers still work (WAL, MVCC), and see batch 1 only.
        capsys.readouterr()
        assert main(["stories", "--db", str(db)]) == 0
        assert len(capsys.readouterr().out.strip().splitlines()) == 3  # header + two stories
        if fuse_every == 1:
            assert main(["show", "dalton-1", "--db", str(db), "--format", "json"]) == 0
            assert json.loads(capsys.readouterr().out)["stories"][0]["articles"] == ["dalton-1"]
        else:  # pending: one line saying so
            assert main(["show", "dalton-1", "--db", str(db), "--format", "json"]) == 1
            err = capsys.readouterr().err.strip()
            assert err.startswith("newsfuse: error: story 'dalton-1' has no report yet: its article is stored")
            assert "\n" not in err
    conn = connect(db, create=False)
    if dialect(conn) == "sqlite":
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert verify(conn, reports=fuse_every == 1) == []
    assert [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY seq")] == ["dalton-1", "rome-1"]
    assert len(pending_stories(conn)) == (0 if fuse_every == 1 else 2)
    conn.close()

    # Running the ingest again does only what is missing and ends consistent, every story fused.
    stats = api.ingest([data], db, batch_size=2)
    assert (stats.added, stats.duplicates, stats.fusions) == (3, 2, 2)
    conn = connect(db, create=False)
    assert verify(conn) == []
    conn.close()


FUSION_KILLER = """
import sys, time, pathlib
import newsfuse.fuse
real, calls = newsfuse.fuse.fuse_story, [0]
def hang_on_the_second_story(story, embedder):
    calls[0] += 1
    if calls[0] == 2:  # every batch committed, one story fused, no report written yet
        pathlib.Path(sys.argv[1]).touch()
        time.sleep(600)
    return real(story, embedder)
newsfuse.fuse.fuse_story = hang_on_the_second_story
from newsfuse.cli import main
sys.exit(main(["ingest", sys.argv[2], "--db", sys.argv[3], "--batch-size", "2", "--workers", "1", "--no-progress"]))
"""


def test_kill_9_during_the_final_fusion_loses_nothing(tmp_path, db_target, capsys):
    """The fusion at the end of an ingest holds no write lock; killed there, the store keeps every
    batch, readers see the stories as pending (not an error), and the next ingest fuses them:
    the reports are then those of the articles read as files."""
    data = _write_jsonl(
        tmp_path / "in.jsonl", [FIRE_DALTON_1, FIRE_ROME_1, FIRE_DALTON_2, FIRE_ROME_2, FIRE_DALTON_COPY]
    )
    db = db_target
    with _hung_writer(FUSION_KILLER, tmp_path / "fusing", data, db, "the final fusion"):
        with closing(connect(db)) as other:  # another writer is not kept waiting by the fusion
            with transaction(other, wait_seconds=5):
                pass
        capsys.readouterr()
        assert main(["stories", "--db", str(db)]) == 0
        assert len(capsys.readouterr().out.strip().splitlines()) == 3  # header + two stories
        assert main(["show", "dalton-1", "--db", str(db)]) == 1
        assert "story 'dalton-1' has no report yet: its 3 articles are stored" in capsys.readouterr().err
        assert main(["analyze", "--db", str(db), "--format", "json"]) == 0
        out, err = capsys.readouterr()
        assert json.loads(out)["stories"] == []
        assert (
            err == "newsfuse: note: 2 stories have no report yet and are left out (an ingest fuses them at its end)\n"
        )
    conn = connect(db, create=False)
    assert verify(conn, reports=False) == []
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 5
    assert sorted(pending_stories(conn)) == ["dalton-1", "rome-1"]
    conn.close()

    stats = api.ingest([data], db)
    assert (stats.added, stats.duplicates, stats.fusions) == (0, 5, 2)
    conn = connect(db, create=False)
    assert verify(conn) == [] and pending_stories(conn) == []
    conn.close()
    file_report = api.analyze([FIRE_DALTON_1, FIRE_DALTON_2, FIRE_DALTON_COPY])
    assert report_to_json(api.stored_report(db, ["dalton-1"])) == report_to_json(file_report)


DEV = ROOT.parent / "shared" / "data" / "gva-dev.jsonl"
DEV_N = 36  # the first gva-dev articles: 14 stories, several spread over two batches of 4


@pytest.fixture(scope="module")
def dev_facts(tmp_path_factory):
    """The facts of the first DEV_N gva-dev articles, extracted once (real models)."""
    if not DEV.exists():
        pytest.skip(f"{DEV} not found (the shared dev data)")
    with DEV.open(encoding="utf-8") as f:
        lines = [line for line, _ in zip(f, range(DEV_N))]
    path = tmp_path_factory.mktemp("dev") / "dev.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return api.extract(api.read([path]).articles)


def _ingest_facts(db, facts, fuse_every: int):
    """Ingest pre-extracted facts in batches of 4 (the extraction is the same, so is the rest);
    return the stats and what the store holds: report JSON, listing columns, articles' stories."""
    from newsfuse.nlp import load_encoder
    from newsfuse.store import StoreIngester, report_json

    by_id = {f.article.id: f for f in facts}
    with closing(connect(db)) as conn:
        ingester = StoreIngester(
            conn, lambda articles: (by_id[a.id] for a in articles), load_encoder(), batch_size=4, fuse_every=fuse_every
        )
        stats = ingester.ingest([f.article for f in facts])
        assert verify(conn) == []
        reports, _ = report_json(conn)
        # Everything but the timestamps and the version (how many times a story was fused).
        listing = conn.execute(
            "SELECT id, first_article, keyed, first_seq, last_seq, first_published, last_published, n_articles, "
            "n_sources, headline, place, event_date, event_type FROM stories ORDER BY id"
        ).fetchall()
        articles = conn.execute("SELECT id, story_id, copy_of FROM articles ORDER BY seq").fetchall()
    return stats, (reports, [tuple(r) for r in listing], [tuple(r) for r in articles])


@pytest.fixture(scope="module")
def per_batch_store(dev_facts, tmp_path_factory):
    """The dev articles ingested as before: every batch re-fuses the stories it touched."""
    return _ingest_facts(tmp_path_factory.mktemp("per-batch") / "news.db", dev_facts, fuse_every=1)


@pytest.mark.parametrize("fuse_every", [FUSE_EVERY_BATCHES, 3])
def test_fusing_once_stores_the_reports_of_fusing_every_batch(dev_facts, per_batch_store, db_target, fuse_every):
    """Fusing each story once at the end (or every 3 batches) stores what re-fusing it at every
    batch stored, report for report, with fewer fusions (on SQLite and on PostgreSQL)."""
    per_batch_stats, reference = per_batch_store
    reports, listing, articles = reference
    assert len(set(sid for _, sid, _ in articles)) < len(articles)  # stories of several articles
    stats, stored = _ingest_facts(db_target, dev_facts, fuse_every=fuse_every)
    assert stored == reference
    assert stats.stories_created == per_batch_stats.stories_created == len(listing)
    if fuse_every == FUSE_EVERY_BATCHES:  # 9 batches: one fusion per story
        assert stats.fusions == len(listing) < per_batch_stats.fusions
    else:
        assert len(listing) < stats.fusions < per_batch_stats.fusions


def test_a_rebuilt_clusterer_counts_the_stories_it_does_not_replay(db_target):
    """A story idle beyond the horizon is not replayed at start-up, but its articles still count
    in the stream's statistics (document frequencies, arrivals), as in one ``cluster`` run: an
    ingest in two calls then scores later articles with the same weights as one call."""
    import dataclasses

    from newsfuse.nlp import load_encoder
    from newsfuse.store import StoreIngester

    old = dataclasses.replace(FIRE_ROME_1, published=dt.date(2022, 9, 5))
    api.ingest([old, FIRE_DALTON_1], db_target)
    conn = connect(db_target, create=False)
    try:
        ingester = StoreIngester(conn, api.iter_extract, load_encoder())
        assert ingester.rebuild() == 1  # only the Dalton story is inside the horizon
        clusterer = ingester.clusterer
        assert clusterer is not None and clusterer._arrivals == 2 and clusterer._term_idf.docs == 2
    finally:
        conn.close()


def test_same_kind_events_stay_apart_across_runs_and_copies_are_marked(db_target):
    db = db_target
    api.ingest([FIRE_DALTON_1, FIRE_ROME_1], db)
    # a second run: the clusterer is rebuilt from the store
    stats = api.ingest([FIRE_DALTON_2, FIRE_ROME_2, FIRE_DALTON_COPY], db)
    assert stats.replayed == 2 and (stats.stories_created, stats.stories_updated) == (0, 2)
    story = _stories(db)
    assert story == {
        "dalton-1": "dalton-1",
        "dalton-2": "dalton-1",
        "dalton-copy": "dalton-1",
        "rome-1": "rome-1",
        "rome-2": "rome-1",
    }
    conn = connect(db, create=False)
    assert verify(conn) == []
    assert dict(conn.execute("SELECT id, copy_of FROM articles WHERE copy_of IS NOT NULL").fetchall()) == {
        "dalton-copy": "dalton-1"
    }
    n_articles, n_sources, version, report = conn.execute(
        "SELECT n_articles, n_sources, version, report FROM stories WHERE id = 'dalton-1'"
    ).fetchone()
    assert (n_articles, n_sources, version) == (3, 2, 2)
    assert json.loads(report)["copies"] == {"dalton-copy": "dalton-1"}
    conn.close()
    # the stored report is the file-based one for the same articles
    file_report = api.analyze([FIRE_DALTON_1, FIRE_DALTON_2, FIRE_DALTON_COPY])
    assert report_to_json(api.stored_report(db, ["dalton-1"])) == report_to_json(file_report)


def test_fuse_pending_gives_the_report_an_ingest_gives(request, tmp_path, seed_db, capsys):
    """A backlog ingested without fusion, then fused once per story, ends as an ordinary ingest;
    meanwhile `show` says in one line that the story has no report yet, and `analyze --db`
    leaves it out with a note."""
    from newsfuse import api
    from newsfuse.nlp import load_encoder
    from newsfuse.store import StoreIngester, stored_report, verify

    backend = "postgresql" if str(seed_db).startswith("postgresql://") else "sqlite"  # as seed_db's
    db = store_maker(backend, request, tmp_path)("deferred")
    conn = connect(db)
    try:
        ingester = StoreIngester(conn, api.iter_extract, load_encoder(), fuse=False)
        ingester.ingest(api.read([EXAMPLES]).articles)
        (sid,) = pending_stories(conn)
        capsys.readouterr()
        assert main(["show", sid, "--db", str(db)]) == 1
        assert capsys.readouterr().err == (
            f"newsfuse: error: story {sid!r} has no report yet: its 2 articles are stored and the ingest under way "
            "fuses it at its end (if that ingest was stopped, the next `newsfuse ingest` into this store does)\n"
        )
        assert main(["analyze", "--db", str(db), "--format", "json"]) == 0
        out, err = capsys.readouterr()
        assert json.loads(out)["stories"] == [] and err == (
            "newsfuse: note: 1 story has no report yet and is left out (an ingest fuses them at its end)\n"
        )
        assert ingester.fuse_pending() == 1
        assert ingester.fuse_pending() == 0
        assert verify(conn, reports=True) == []
        deferred = stored_report(conn)
    finally:
        conn.close()
    direct = api.stored_report(seed_db)
    assert report_to_json(deferred)["stories"] == report_to_json(direct)["stories"]


def _ingest_with(db, articles, config, batch_size: int = 1):
    from newsfuse.nlp import load_encoder
    from newsfuse.store import StoreIngester

    conn = connect(db)
    try:
        stats = StoreIngester(conn, api.iter_extract, load_encoder(), config=config, batch_size=batch_size).ingest(
            articles
        )
        assert verify(conn) == []
    finally:
        conn.close()
    return stats


def test_the_store_follows_merges_and_splits_and_agrees_with_cluster(new_store):
    """Revisions reach stored stories: two reports of one fire that opened apart are merged
    (the story merged away redirects to the one it joined), and two arrests forced into one
    story are split; in both the stored grouping is ``newsfuse cluster``'s."""
    from tests.test_cluster import ARREST_LIND, ARREST_LIND_RETOLD, ARREST_VARGA, ARREST_VARGA_RETOLD

    from newsfuse.cluster import ClusterConfig, cluster_articles
    from newsfuse.nlp import load_encoder
    from newsfuse.store import resolve_story

    encoder = load_encoder()
    cases = {
        # nothing joins on arrival; the merges at the end of the stream regroup them
        "merge": (
            [FIRE_DALTON_1, FIRE_ROME_1, FIRE_DALTON_2, FIRE_ROME_2],
            ClusterConfig(threshold=1.01, revise_threshold=1.01),
        ),
        # everything joins on arrival; the split when the first article settles parts them
        "split": (
            [ARREST_VARGA, ARREST_LIND, ARREST_VARGA_RETOLD, ARREST_LIND_RETOLD],
            ClusterConfig(threshold=0.0, revise_threshold=1.01, merge_threshold=1.01, split_threshold=0.3),
        ),
    }
    for name, (articles, config) in cases.items():
        facts = list(api.iter_extract(articles))
        expected = {a.article: a.story for a in cluster_articles(facts, encoder, config=config)}
        assert len(set(expected.values())) == 2, name
        db = new_store(name)
        stats = _ingest_with(db, articles, config)
        assert stats.moved >= 2, name
        assert _stories(db) == expected, name
        conn = connect(db, create=False)
        if name == "merge":
            (gone, target), *_ = conn.execute("SELECT id, target FROM story_redirects ORDER BY id").fetchall()
            assert gone not in set(expected.values()) and resolve_story(conn, gone) == target == expected[gone]
        conn.close()


MOVER = """
import sys, time, pathlib
import newsfuse.store.ingest as ingest
real = ingest.StoreIngester._drop_emptied
def move_then_hang(self, touched, moves, now):
    if moves.articles:  # rows moved inside the open transaction
        pathlib.Path(sys.argv[1]).touch()
        time.sleep(600)
    return real(self, touched, moves, now)
ingest.StoreIngester._drop_emptied = move_then_hang
from newsfuse import api
from newsfuse.cluster import ClusterConfig
from newsfuse.store import StoreIngester, connect
from newsfuse.nlp import load_encoder
conn = connect(sys.argv[3])
config = ClusterConfig(threshold=1.01, revise_threshold=1.01)
StoreIngester(conn, api.iter_extract, load_encoder(), config=config, batch_size=4).ingest(api.read([pathlib.Path(sys.argv[2])]).articles)
"""


def test_kill_9_during_a_move_loses_nothing(tmp_path):
    """Moves are part of their batch's transaction: killed while moving, the store is as of the
    last commit, and the next ingest ends where an unbroken one would. (SQLite only: on
    PostgreSQL, moves are covered by the merges-and-splits test and a kill -9 by the mid-batch one.)"""
    from newsfuse.cluster import ClusterConfig

    data = _write_jsonl(tmp_path / "in.jsonl", [FIRE_DALTON_1, FIRE_ROME_1, FIRE_DALTON_2, FIRE_ROME_2])
    db = tmp_path / "news.db"
    with _hung_writer(MOVER, tmp_path / "moving", data, db, "a move"):
        pass
    conn = connect(db, create=False)
    assert verify(conn, reports=False) == []  # the fusion at the end never came: stories pending
    # The batch of four (arrivals, then the merges at the end) committed, each article in a
    # story of its own; the merges' transaction never did.
    before = dict(conn.execute("SELECT id, story_id FROM articles").fetchall())
    assert len(before) == 4 and len(set(before.values())) == 4
    conn.close()
    _ingest_with(db, [], ClusterConfig(threshold=1.01, revise_threshold=1.01))
    after = _stories(db)
    assert after["dalton-1"] == after["dalton-2"] != after["rome-1"] == after["rome-2"]


def test_two_ingests_at_once_wait_for_each_other_and_both_commit(tmp_path, db_target):
    """Two real ``newsfuse ingest`` processes into one store while a third writer holds the
    write lock (a batch in progress): both wait, saying so, then commit everything."""
    db = db_target
    connect(db).close()
    inputs = [
        _write_jsonl(tmp_path / "a.jsonl", [FIRE_DALTON_1, FIRE_DALTON_2]),
        _write_jsonl(tmp_path / "b.jsonl", [FIRE_ROME_1, FIRE_ROME_2]),
    ]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    holder = connect(db)
    held = transaction(holder)  # the write lock, as a batch holds it
    held.__enter__()
    errs = [tmp_path / f"err-{i}.txt" for i in range(2)]
    procs = []
    try:
        for data, err in zip(inputs, errs):
            with err.open("wb") as handle:
                procs.append(
                    subprocess.Popen(
                        [sys.executable, "-m", "newsfuse.cli", "ingest", str(data), "--db", str(db)]
                        + ["--batch-size", "1", "--no-progress"],
                        env=env,
                        stdout=subprocess.DEVNULL,
                        stderr=handle,
                    )
                )
        deadline = time.monotonic() + 240
        while not all("waiting for its batch to commit" in e.read_text(encoding="utf-8") for e in errs):
            assert all(p.poll() is None for p in procs), [e.read_text(encoding="utf-8") for e in errs]
            assert time.monotonic() < deadline, "an ingest never reached the lock"
            time.sleep(0.2)
        held.__exit__(None, None, None)
        for proc in procs:
            assert proc.wait(300) == 0
    finally:
        holder.close()
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
    for err in errs:
        lines = err.read_text(encoding="utf-8").splitlines()
        assert "database is locked" not in "\n".join(lines)
        assert lines[0].endswith("another ingest is writing; waiting for its batch to commit (up to 30 min)")
        assert "2 articles added" in lines[-1]
    conn = connect(db, create=False)
    assert sorted(r[0] for r in conn.execute("SELECT id FROM articles")) == ["dalton-1", "dalton-2", "rome-1", "rome-2"]
    assert verify(conn) == []  # every story with its articles and a report listing exactly them
    assert conn.execute("SELECT COUNT(*) FROM stories WHERE report IS NULL").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) - COUNT(DISTINCT seq) FROM articles").fetchone()[0] == 0
    conn.close()


def test_a_writer_gives_up_with_a_clear_error_after_its_wait(db_target):
    db = db_target
    holder, waiter = connect(db), connect(db)
    calls: list[float] = []
    with transaction(holder):
        t0 = time.monotonic()
        with pytest.raises(StoreError, match="the store is locked: another writer kept it for over 1 s"):
            with transaction(waiter, on_wait=calls.append, wait_seconds=1.0):
                pass
        assert 1.0 <= time.monotonic() - t0 < 10 and calls == [1.0]
    with transaction(waiter):  # the lock is free again: no wait
        pass
    assert calls == [1.0] and not waiter.in_transaction
    holder.close(), waiter.close()


def test_show_stories_and_analyze_db_load_no_model(seed_db):
    """The commands that read the store need no model: spaCy, torch and the encoder stay unloaded."""
    with closing(connect(seed_db, create=False)) as conn:
        seed_story_id = conn.execute("SELECT id FROM stories LIMIT 1").fetchone()[0]
    script = (
        "import sys\n"
        "from newsfuse.cli import main\n"
        f"db = {str(seed_db)!r}\n"
        f"assert main(['show', {seed_story_id!r}, '--db', db, '-o', '/dev/null']) == 0\n"
        "assert main(['stories', '--db', db, '-o', '/dev/null']) == 0\n"
        "assert main(['analyze', '--db', db, '--format', 'json', '-o', '/dev/null']) == 0\n"
        "print(sorted(m for m in ('spacy', 'torch', 'sentence_transformers', 'thinc') if m in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_progress_counts_articles_before_the_first_batch_commits(tmp_path, capsys):
    seen: list[tuple[int, int]] = []
    api.ingest(
        [FIRE_DALTON_1, FIRE_ROME_1, FIRE_DALTON_2],
        tmp_path / "news.db",
        batch_size=64,
        on_article=lambda stats: seen.append((stats.extracted, stats.added)),
    )
    assert seen == [(1, 0), (2, 0), (3, 0)]  # one batch: nothing committed yet, progress anyway
    data = _write_jsonl(tmp_path / "in.jsonl", [FIRE_ROME_2])
    assert main(["ingest", str(data), "--db", str(tmp_path / "news.db"), "--progress"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "newsfuse: ingest 0/1 articles (loading the models)"
    assert err[-3] == "newsfuse: ingest 1/1 articles (1 stored), " + err[-3].split("), ", 1)[1]
    # then the fusion of the story it changed, once, and the summary
    assert err[-2].startswith("newsfuse: ingest: fused 1/1 stories, ")
    assert err[-1].startswith(f"newsfuse: {tmp_path / 'news.db'}: 1 articles added, ") and "; 1 fused; " in err[-1]


def test_placeholders_and_shown_urls_for_postgresql():
    """``?`` becomes psycopg's ``%s`` and a literal ``%`` is doubled, outside string literals
    only; a URL is shown without its password (the CLI's messages, StoreError)."""
    from newsfuse.store.db import describe, is_postgres, pg_sql

    assert pg_sql("SELECT '?', \"a?\", ? FROM t WHERE x LIKE ? ESCAPE '\\' AND y = '%'") == (
        "SELECT '?', \"a?\", %s FROM t WHERE x LIKE %s ESCAPE '\\' AND y = '%%'"
    )
    assert pg_sql("SELECT 'it''s ?', ? % 2") == "SELECT 'it''s ?', %s %% 2"
    assert describe("postgresql://me:s3cret@db.example:5432/news") == "postgresql://me:***@db.example:5432/news"
    assert describe("postgres://me@db.example/news") == "postgres://me@db.example/news"
    assert describe("postgresql://me:s3:cr@t@[::1/news").count("s3") == 0
    assert is_postgres("POSTGRESQL://h/db") and not is_postgres("news.db") and not is_postgres(Path("postgresql:x"))
