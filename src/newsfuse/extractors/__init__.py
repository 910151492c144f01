"""Per-article extraction: one spaCy Doc and its Article in, ArticleFacts out.

Each stage is a pure function ``(doc, article, ...) -> list[...]``; this module only runs them
in order. The publication date is settled first because relative dates are resolved against it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Protocol, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from ..geo import Gazetteer
from ..language import MODEL_LANGUAGES, detect_language
from ..model import Article, ArticleFacts, Sentence, covered
from ..nlp import parse
from .counts import extract_counts
from .dates import extract_dates, infer_published
from .entities import extract_entities
from .furniture import extract_furniture
from .places import extract_places
from .propositions import extract_propositions
from .quotes import extract_quotes
from .roles import extract_roles


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_T = TypeVar("_T", bound=_Spanned)


def extract_article(doc: Doc, article: Article, gazetteer: Gazetteer | None = None) -> ArticleFacts:
    """Every fact of one article, except those whose text is page furniture.

    Furniture (captions, related links, player text, bylines, …: see ``furniture.py``) is found
    first; a fact at least half of whose text lies in it is left out: its place (except in a
    caption, which names where its picture was taken), entity, date (except the date of a time
    stamp), count, quote (by the quoted content), role or proposition. The stages still see the whole Doc, so nothing moves: offsets stay those of
    the original text.
    """
    article = infer_published(doc, article)
    furniture = tuple(extract_furniture(doc, article))
    spans = [(f.start, f.end) for f in furniture]
    # A time stamp's date stays: it is the page's own date (publication dates are inferred from
    # it, and the clustering tells two same-kind events apart by it), not a statement.
    undated = [(f.start, f.end) for f in furniture if f.reason != "timestamp"]

    def content(items: Iterable[_T]) -> tuple[_T, ...]:
        return tuple(item for item in items if not covered(item.start, item.end, spans))

    all_places = extract_places(doc, article, gazetteer)
    # A caption names where its picture was taken: a place of the story, though no statement.
    uncaptioned = [(f.start, f.end) for f in furniture if f.reason != "caption"]
    places = tuple(p for p in all_places if not covered(p.start, p.end, uncaptioned))
    entities = content(extract_entities(doc, article, all_places))  # a place's label holds anywhere
    return ArticleFacts(
        article=article,
        sentences=tuple(Sentence(s.start_char, s.end_char) for s in doc.sents),
        entities=entities,
        places=places,
        dates=tuple(d for d in extract_dates(doc, article) if not covered(d.start, d.end, undated)),
        counts=content(extract_counts(doc, article)),
        quotes=content(extract_quotes(doc, article, entities)),
        roles=content(extract_roles(doc, article, entities)),
        propositions=content(extract_propositions(doc, article)),
        furniture=furniture,
    )


def extract_articles(
    articles: Iterable[Article], nlp: Language, gazetteer: Gazetteer | None = None, batch_size: int = 16
) -> Iterator[ArticleFacts]:
    """Run the pipeline over many articles, streaming (``nlp.pipe``), in input order. Each
    article is marked with its detected language; one the models do not cover is not parsed and
    gets no facts (:func:`unread_facts`)."""
    marked = (dataclasses.replace(a, language=detect_language(a.text)) for a in articles)
    items = ((a.text if a.language in MODEL_LANGUAGES else "", a) for a in marked)
    for doc, article in parse(nlp, items, batch_size=batch_size):
        if article.language in MODEL_LANGUAGES:
            yield extract_article(doc, article, gazetteer)
        else:
            yield unread_facts(article)


def unread_facts(article: Article) -> ArticleFacts:
    """An article in a language the models do not cover: its lines as sentences, no facts."""
    lines, start = [], 0
    for line in article.text.split("\n"):
        if line.strip():
            lines.append(Sentence(start, start + len(line)))
        start += len(line) + 1
    return ArticleFacts(article=article, sentences=tuple(lines))


__all__ = [
    "extract_article",
    "extract_articles",
    "extract_counts",
    "extract_dates",
    "extract_entities",
    "extract_furniture",
    "extract_places",
    "extract_propositions",
    "extract_quotes",
    "extract_roles",
    "infer_published",
    "unread_facts",
]
