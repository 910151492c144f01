"""Propositions: who did what, from the parse, on the real spaCy model."""

from __future__ import annotations

import pytest

from conftest import make_article
from newsfuse.extractors.propositions import extract_propositions


def texts_of(nlp, text: str) -> list[str]:
    return [p.text for p in extract_propositions(nlp(text), make_article(text))]


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("The defendant was not asked to enter a plea at the hearing.", "enter"),
        ("The driver refused to leave the car after the crash.", "leave"),
        ("The suspect wanted to buy a gun at the store.", "buy"),
    ],
)
def test_an_infinitive_the_text_does_not_say_happened_is_no_proposition(nlp, text, verb):
    assert not any(verb in p.split() for p in texts_of(nlp, text))


def test_a_negated_verb_keeps_its_negation(nlp):
    assert any(
        p.startswith("defendant not ask") or "not ask defendant" in p
        for p in texts_of(nlp, "The defendant was not asked to enter a plea at the hearing.")
    )
