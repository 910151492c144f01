"""Counts of people (killed, injured, displaced, ...) with bands, subjects and attribution."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article, Count


def extract_counts(doc: Doc, article: Article) -> list[Count]:
    return []
