"""What every fusion step needs about a story: its sentences, their embeddings, its sources.

Sentences are embedded once per story (one batch through the encoder) and shared by count
grouping, claim alignment and the summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ..model import ArticleFacts, Evidence, Story
from .config import DEFAULT, FuseConfig
from .copies import sentence_origins
from .embed import Embedder


@dataclass(frozen=True)
class StorySentence:
    article_index: int  # into StoryContext.facts
    index: int  # sentence index within the article
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class StoryContext:
    story: Story
    facts: tuple[ArticleFacts, ...]
    sentences: tuple[StorySentence, ...]
    embeddings: np.ndarray  # one L2-normalised row per sentence
    source_of: dict[str, str]  # article id -> id of its independent source (copies collapse)
    by_article: dict[tuple[int, int], int]  # (article index, sentence index) -> row
    config: FuseConfig = DEFAULT
    # (article index, sentence) -> the first occurrence of the same sentence in the story (only
    # sentences another article has near-verbatim): one origin, however many articles carry it.
    origin_of: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)

    def row(self, article_index: int, sentence: int) -> int | None:
        return self.by_article.get((article_index, sentence))

    def evidence(self, article_index: int, start: int, end: int, sentence: int | None = None) -> Evidence:
        return self.facts[article_index].evidence(start, end, sentence)

    def sentence_evidence(self, s: StorySentence) -> Evidence:
        return self.facts[s.article_index].evidence(s.start, s.end, s.index)

    def source_of_sentence(self, article_index: int, sentence: int) -> str:
        """The independent source a statement comes from: its article's, or for a sentence
        shared near-verbatim with an earlier article, that article's (a wire sentence is one
        source wherever it is printed)."""
        origin, _ = self.origin_of.get((article_index, sentence), (article_index, sentence))
        return self.source_of[self.facts[origin].article.id]

    def independent(self, article_ids: list[str] | tuple[str, ...] | set[str]) -> set[str]:
        return {self.source_of.get(a, a) for a in article_ids}


_SPACE = re.compile(r"\s+")


def story_sentences(facts: tuple[ArticleFacts, ...]) -> list[StorySentence]:
    """Every sentence of every article, trimmed of surrounding white space (offsets follow),
    except page furniture (a caption, a related link, a copyright line: no statement of the
    report, so neither a claim nor a summary line)."""
    out = []
    for ai, f in enumerate(facts):
        text = f.article.text
        for si, s in enumerate(f.sentences):
            start, end = s.start, s.end
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start and not f.in_furniture(start, end):
                out.append(StorySentence(ai, si, start, end, _SPACE.sub(" ", text[start:end])))
    return out


def build_context(story: Story, embedder: Embedder, config: FuseConfig = DEFAULT) -> StoryContext:
    facts = tuple(story.articles)
    sentences = tuple(story_sentences(facts))
    embeddings = embedder.encode([s.text for s in sentences])
    by_article = {(s.article_index, s.index): i for i, s in enumerate(sentences)}
    source_of = {f.article.id: story.copies.get(f.article.id, f.article.id) for f in facts}
    return StoryContext(
        story,
        facts,
        sentences,
        np.asarray(embeddings, dtype=np.float32),
        source_of,
        by_article,
        config,
        sentence_origins(facts, config),
    )
