"""Small helpers every extractor shares: sentence indices and span trimming on a spaCy Doc."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

_KEY = "newsfuse_sentence_starts"
_TEXT_KEY = "newsfuse_text"


def doc_text(doc: Doc) -> str:
    """The Doc's text, kept in ``doc.user_data``: spaCy rebuilds ``doc.text`` from every token
    on each access, so a call per mention made long articles quadratic (issue 17)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def sentence_starts(doc: Doc) -> list[int]:
    """Token index of each sentence start, computed once per Doc and kept in ``doc.user_data``."""
    starts = doc.user_data.get(_KEY)
    if starts is None:
        starts = [s.start for s in doc.sents]
        doc.user_data[_KEY] = starts
    return starts


def sentence_index(doc: Doc, item: Token | Span | int) -> int:
    """Index of the sentence holding a token, span (its first token) or token index."""
    i = item if isinstance(item, int) else (item.i if isinstance(item, Token) else item.start)
    return max(0, bisect_right(sentence_starts(doc), i) - 1)


def char_sentence_index(doc: Doc, char: int) -> int:
    """Index of the sentence holding a character offset."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        starts = [doc[s].idx for s in sentence_starts(doc)]
        return max(0, bisect_right(starts, char) - 1)
    return sentence_index(doc, span.start)


def person_surnames(doc: Doc) -> frozenset[str]:
    """Last words of the multi-word person names the model tags in the text ("Bush" of "Reggie
    Bush"). One sense per article: later the surname alone is the same person, though the small
    model often tags it GPE ("Bush", "Payton", "Teixeira" are also towns in GeoNames)."""
    return frozenset(
        ent[-1].text
        for ent in doc.ents
        if ent.label_ == "PERSON" and len(ent) >= 2 and ent[-1].text[:1].isupper() and ent[-1].is_alpha
    )


class SpanIndex:
    """Character spans ``(start, end)`` (any order, overlaps allowed) indexed for the questions
    the extractors ask of every mention: is an offset inside one, how much of a range lies in
    them, which contain a range. A scan of every span per mention made long articles quadratic
    (issue 17); here each question costs a bisection and the spans that can answer it."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        order = sorted(range(len(spans)), key=lambda i: spans[i][0])
        self._order = order
        self._spans = [spans[i] for i in order]
        self._starts = [s for s, _ in self._spans]
        self._reach: list[int] = []  # the largest end among the spans up to each position
        reach = -1
        for _, end in self._spans:
            reach = max(reach, end)
            self._reach.append(reach)

    def covers(self, char: int) -> bool:
        """Some span holds the offset (start <= char < end)."""
        j = bisect_right(self._starts, char) - 1
        while j >= 0 and self._reach[j] > char:
            if self._spans[j][1] > char:
                return True
            j -= 1
        return False

    def overlap(self, start: int, end: int) -> int:
        """Characters of [start, end) inside the spans, counted once per span."""
        j = bisect_left(self._starts, end) - 1
        total = 0
        while j >= 0 and self._reach[j] > start:
            a, b = self._spans[j]
            total += max(0, min(end, b) - max(start, a))
            j -= 1
        return total

    def containing(self, start: int, end: int) -> list[int]:
        """Indices (as given) of the spans holding all of [start, end), in the given order."""
        found = []
        j = bisect_right(self._starts, start) - 1
        while j >= 0 and self._reach[j] >= end:
            if self._spans[j][1] >= end:
                found.append(self._order[j])
            j -= 1
        return sorted(found)
