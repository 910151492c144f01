"""Date mentions resolved to calendar dates, and the publication date when metadata lacks it."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article, DateMention


def infer_published(doc: Doc, article: Article) -> Article:
    return article


def extract_dates(doc: Doc, article: Article) -> list[DateMention]:
    return []
