"""Shared fixtures: the real models, loaded once per test session, and the seed reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.model import Article, text_id

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEED_TRT = EXAMPLES / "000_e2eb9a51c8fe133c.txt"
SEED_SECOND = EXAMPLES / "001_833ad0130573cf0d.txt"


@pytest.fixture(scope="session")
def nlp():
    from newsfuse.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def gazetteer():
    from newsfuse.geo import load_gazetteer

    return load_gazetteer()


def make_article(text: str, published=None, id: str | None = None, **kw) -> Article:
    return Article(id=id or text_id(text), text=text, published=published, **kw)


@pytest.fixture(scope="session")
def seed_facts(nlp, gazetteer):
    """ArticleFacts of both seed reports, extracted once."""
    from newsfuse.extractors import extract_articles
    from newsfuse.inputs import read_inputs

    result = read_inputs([SEED_TRT, SEED_SECOND])
    assert not result.problems
    return list(extract_articles(result.articles, nlp, gazetteer))


# ---------------------------------------------------------------------------------------------
# Store backends: a test that takes ``new_store`` (or ``db_target``) runs on SQLite and on
# PostgreSQL (tests/pg.py: one server per session, a fresh database per store).


@pytest.fixture(scope="session")
def pg_server():
    import pg

    bin_dir = pg.bindir()
    if bin_dir is None:
        reason = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; `make postgres` installs it)"
        if pg.required():
            pytest.fail(f"{reason}, and NEWSFUSE_REQUIRE_POSTGRES=1")
        pytest.skip(reason)
    server = pg.PgServer(bin_dir)
    try:
        server.start()
    except Exception:
        server.stop()
        raise
    yield server
    server.stop()


BACKENDS = ["sqlite", "postgresql"]


def store_maker(backend: str, request, directory: Path):
    """A function giving a new, empty store's target (path or URL) for each name."""
    if backend == "sqlite":
        return lambda name="news": directory / f"{name}.db"
    server = request.getfixturevalue("pg_server")
    return lambda name="news": server.new_database()


@pytest.fixture(params=BACKENDS)
def new_store(request, tmp_path):
    return store_maker(request.param, request, tmp_path)


@pytest.fixture
def db_target(new_store):
    return new_store()
