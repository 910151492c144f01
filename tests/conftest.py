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
