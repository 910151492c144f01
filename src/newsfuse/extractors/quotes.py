"""Direct and indirect quotes with their speakers, resolved to names within the article.

Two passes over the parsed Doc, no extra model:

1. Direct quotes: regions between quotation marks, paired on the characters (straight, curly and
   the mismatched pairs real text has, and quotes running over several paragraphs). A region is
   kept when a speech verb attributes it ("'...,' X said" / "X said: '...'") or when it continues
   the previous quote paragraph; quoted phrases inside a sentence (scare quotes, titles) are left
   to the indirect pass, whose content contains them.
2. Reported speech and stance: a cue verb and its clause ("X said (that) ...", "X told Reuters
   ...", "X denied reports ...", "X wants to ..."), "according to X, ..." and "..., X said."

Speakers come from the cue's subject in the dependency parse and are resolved within the
article: a name stands for itself, a role ("the governor") for the name the article attaches to
that role, "he"/"she" for the last named speaker. ``speaker_start/end`` always point at the
mention in the text (pronoun, role or name), ``speaker`` is the resolved name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import cast

from spacy.tokens import Doc, Span, Token

from ..data.speech_vocab import (
    ADDRESSEE_CUES,
    CLAUSE_CUES,
    FEMALE_WORDS,
    MALE_WORDS,
    OBJECT_CUES,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    PREP_CUES,
    QUOTE_CUES,
    ROLES,
    TITLE_ABBREVIATIONS,
    XCOMP_CUES,
)
from ..model import Article, Entity, Quote
from .common import SpanIndex, doc_text, sentence_index

# ---------------------------------------------------------------------------------------------
# Quotation marks on the characters


_OPEN_ONLY = "“„«"
_CLOSE_ONLY = "”»"
_STRAIGHT = '"'
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
_NAME_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
_MIN_QUOTE_WORDS = 2
_FINITE = {"VBD", "VBZ", "VBP", "MD"}


@dataclass(frozen=True)
class Region:
    """A quoted stretch: ``start``/``end`` exclude the marks themselves."""

    start: int
    end: int


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _marks(text: str) -> list[tuple[int, int, str]]:
    """Double quotation marks as (offset, length, char); NYT-style '' counts as a straight mark."""
    out = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _OPEN_ONLY or ch in _CLOSE_ONLY or ch == _STRAIGHT:
            out.append((i, 1, ch))
        elif ch == "'" and i + 1 < n and text[i + 1] == "'":
            out.append((i, 2, _STRAIGHT))
            i += 1
        elif ch == "\n":
            out.append((i, 1, ch))
        i += 1
    return out


def quote_regions(text: str) -> list[Region]:
    """Pair quotation marks into regions.

    A straight mark opens when none is open and closes otherwise; inside a straight-quoted
    region, curly marks are nested quotes. A curly opener met inside a curly region and followed
    by a word starts a new region (the old one lost its closer); any other mark closes, which
    pairs the mismatched marks of real text (“... Qala-e-Naw"). A paragraph break ends an open
    region unless the next paragraph opens with a mark again, the news convention for a quote
    running over several paragraphs.
    """
    regions: list[Region] = []
    open_at: int | None = None
    opener = ""
    depth = 0
    n = len(text)
    marks = _marks(text)
    k = 0
    while k < len(marks):
        i, length, ch = marks[k]
        k += 1
        if ch == "\n":
            if open_at is None:
                continue
            j = i
            while j < n and text[j].isspace():
                j += 1
            if j < n and (text[j] in _OPEN_ONLY + _STRAIGHT or text.startswith("''", j)):
                while k < len(marks) and marks[k][0] < j:
                    k += 1  # the quote continues in the next paragraph: skip its opening mark
                if k < len(marks) and marks[k][0] == j:
                    k += 1
                continue
            open_at = None  # lost its closer: not a quote we can trust
            continue
        nxt = text[i + length] if i + length < n else " "
        if open_at is None:
            if ch not in _CLOSE_ONLY or _is_word(nxt):
                open_at, opener, depth = i + length, ch, 0
            continue
        if opener == _STRAIGHT and ch != _STRAIGHT:
            if ch in _OPEN_ONLY and _is_word(nxt):
                depth += 1
                continue
            if depth > 0:
                depth -= 1
                continue
        elif ch in _OPEN_ONLY and _is_word(nxt):
            open_at, opener = i + length, ch
            continue
        if i > open_at:
            regions.append(Region(open_at, i))
        open_at = None
    return regions


def single_quote_regions(text: str, taken: Sequence[Region]) -> list[Region]:
    """Regions in single quotes (‘...’), outside double-quoted ones, within one line.

    The closing mark doubles as the apostrophe, so a closer must not be followed by a letter.
    """
    out = []
    for m in re.finditer(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘'](?=\w)([^\n‘]*?\w[.,!?]?)[’'](?!\w)", text, re.M):
        s, e = m.start(1), m.end(1)
        if any(r.start <= s < r.end for r in taken):
            continue
        out.append(Region(s, e))
    return out


# ---------------------------------------------------------------------------------------------
# The article's names and roles


@dataclass
class Mentions:
    """Named entities by token, and what each role word is attached to in this article."""

    doc: Doc
    entity_of: dict[int, Entity]
    roles: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # role lemma -> (char, name)
    persons: list[Entity] = field(default_factory=list)
    quoted: list[tuple[int, int]] = field(default_factory=list)  # quotation regions (chars)
    _discourse: Discourse | None = None

    def name_at(self, token: Token) -> Entity | None:
        return self.entity_of.get(token.i)

    def discourse(self) -> Discourse:
        """The pronoun antecedents, built on first use: many articles never need them."""
        if self._discourse is None:
            self._discourse = Discourse(self.doc, self, self.quoted)
        return self._discourse


def _entity_tokens(doc: Doc, entities: Iterable[Entity]) -> dict[int, Entity]:
    out: dict[int, Entity] = {}
    for ent in entities:
        span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            out.setdefault(tok.i, ent)
    return out


def build_mentions(doc: Doc, entities: Sequence[Entity]) -> Mentions:
    """Names from the cleaned entities (then spaCy's), and the roles the article gives them.

    A role belongs to a name when it is written as a title before it ("provincial Governor
    Hisamudin Shams", "spokesman Fawad Aman") or as an apposition on either side ("Hasamuddin
    Shams, the provincial governor" / "the governor, Hasamuddin Shams").
    """
    doc_ents = [Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents if e.label_ in _NAME_LABELS]
    entity_of = _entity_tokens(doc, list(entities) + doc_ents)
    mentions = Mentions(doc=doc, entity_of=entity_of)
    seen: set[tuple[int, int]] = set()
    for ent in sorted(set(entity_of.values()), key=lambda e: e.start):
        if ent.label == "PERSON" and (ent.start, ent.end) not in seen:
            seen.add((ent.start, ent.end))
            mentions.persons.append(ent)
    for tok in doc:
        named = entity_of.get(tok.i)
        if named is None or named.label != "PERSON":
            continue
        head = tok
        # Title words hang off the name as compounds/modifiers: "spokesman Fawad Aman".
        titles = [c for c in head.lefts if c.dep_ in {"compound", "amod", "nmod"} and c.i not in entity_of]
        for c in titles:
            for sub in c.subtree:
                _add_role(mentions, sub, named)
        # The spaCy model often glues a capitalised title into the name span.
        span = doc.char_span(named.start, named.end, alignment_mode="expand")
        for t in span if span is not None else ():
            if t.lower_ in ROLES:
                _add_role(mentions, t, named)
        for c in head.children:
            if c.dep_ == "appos" and c.i not in entity_of:
                _add_role(mentions, c, named)
        if head.dep_ == "appos" and head.head.i not in entity_of:
            _add_role(mentions, head.head, named)
    return mentions


def _add_role(mentions: Mentions, tok: Token, ent: Entity) -> None:
    lemma = tok.lemma_.lower()
    if lemma in ROLES or tok.lower_ in ROLES:
        mentions.roles.setdefault(lemma if lemma in ROLES else tok.lower_, []).append((tok.idx, ent.text))


# ---------------------------------------------------------------------------------------------
# Speakers


@dataclass(frozen=True)
class Speaker:
    name: str | None
    start: int | None
    end: int | None
    person: bool = False


_NONE = Speaker(None, None, None)


def _np_span(tok: Token) -> tuple[int, int]:
    """The noun phrase of a subject up to its head, plus a short "of/for/from ORG" tail.

    Relative clauses and appositions are left out: "Hasamuddin Shams, the provincial governor,"
    names Shams, and "the woman who ..." is "the woman".
    """
    left = tok
    for c in tok.lefts:
        if c.dep_ not in {"punct", "cc", "preconj"}:
            left = min(left, c.left_edge, key=lambda t: t.i)
            break
    right = tok
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in {"of", "for", "from", "at", "with"} and c.right_edge.i - tok.i <= 8:
            right = c.right_edge
        else:
            break
    while left.i < tok.i and (left.is_punct or left.is_space):
        left = tok.doc[left.i + 1]
    return left.idx, right.idx + len(right.text)


def _role_lemma(tok: Token) -> str | None:
    for t in [tok, *tok.lefts]:
        lemma = t.lemma_.lower()
        if lemma in ROLES and t.tag_ in {"NN", "NNP"}:
            return lemma
    return None


def _nearest_role_name(mentions: Mentions, role: str, at: int) -> str | None:
    names = mentions.roles.get(role)
    if not names:
        return None
    before = [n for c, n in names if c <= at]
    return before[-1] if before else names[0][1]


def _recent_person(mentions: Mentions, at: int) -> str | None:
    best = None
    for ent in mentions.persons:
        if ent.end <= at:
            best = ent.text
        else:
            break
    return best


# ---------------------------------------------------------------------------------------------
# Antecedents of pronouns

_MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
_FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
_PLURAL_PRONOUNS = frozenset({"they", "them"})
# Collective nouns that "they" stands for ("Police have not released ..., but they say ...").
_COLLECTIVE = frozenset({"police", "authorities", "officials", "investigators", "detectives", "prosecutors"})
# Sentences back from a pronoun in which its antecedent is looked for: far enough for a speaker
# introduced a paragraph earlier, near enough not to reach a person of another part of the story
# (set on the odd stories of bench_speakers.py, checked on the even ones).
ANTECEDENT_WINDOW = 6

_Resolved = tuple[str | None, str | None]  # (name, gender "m"/"f"/None)


@dataclass(frozen=True)
class _Candidate:
    """A mention a pronoun may stand for: a name, a person noun, or a pronoun (chained)."""

    tok: int
    rank: int  # 0 subject of the main clause or of a speech verb, 1 other subject, 2 any other role
    name: str | None  # None: a pronoun, resolved through its own antecedent
    key: str | None  # the name's surname (lower case), for its gender
    gender: str | None  # "m", "f" or None
    person: bool
    plural: bool


def _gender_of_words(words: Iterable[str]) -> str | None:
    """ "f" or "m" when the words tell one gender only ("Ms", "mother", "spokesman"), else None."""
    low = {w.lower() for w in words}
    female, male = bool(low & FEMALE_WORDS), bool(low & MALE_WORDS)
    return "f" if female and not male else "m" if male and not female else None


def _pronoun_gender(lower: str) -> str | None:
    return "m" if lower in _MALE_PRONOUNS else "f" if lower in _FEMALE_PRONOUNS else None


def _name_words(name: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[\w'’-]+", name) if w.lower().strip(".") not in TITLE_ABBREVIATIONS]


def _shared_surnames(persons: Iterable[Entity]) -> frozenset[str]:
    """Surnames that two full names of the article share ("Karen Hill" and her husband "David Hill")."""
    full: dict[str, set[str]] = {}
    for ent in persons:
        words = _name_words(ent.text)
        if len(words) >= 2:
            full.setdefault(words[-1], set()).add(" ".join(words))
    return frozenset(k for k, names in full.items() if len(names) > 1)


def _in_quote_mask(doc: Doc, quoted: Sequence[tuple[int, int]]) -> list[bool]:
    """Per token, whether it lies inside a quotation: quoted words are someone else's voice."""
    mask = [False] * len(doc)
    for a, b in quoted:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            mask[span.start : span.end] = [True] * len(span)
    return mask


class Discourse:
    """Who a "he", "she" or "they" outside the quotes stands for.

    The antecedent is the nearest earlier mention that agrees in gender and number, sentence by
    sentence back from the pronoun (quoted words are someone else's and never count): in that
    sentence, a subject before an object, the subject of the main clause or of a speech verb
    first, so that "Torres was in a bathroom with Bennett. He said ..." is Torres and the victim
    of a sentence is not its speaker. A sentence holding only objects is kept as a fallback, in
    case no subject agrees further back. A name's gender comes from the article: an honorific
    ("Ms Banks"), a noun for the person ("Barley, Jonah's mother"), and the pronouns of the
    sentences where that name is the only person named. No antecedent: no name.
    """

    def __init__(self, doc: Doc, mentions: Mentions, quoted: Sequence[tuple[int, int]]) -> None:
        self.doc = doc
        self.mentions = mentions
        self.toks: list[Token] = list(doc)  # made once: spaCy builds a new Token on every access
        self.sent_of: list[int] = [0] * len(doc)
        self.sents: list[tuple[int, int]] = [(sent.start, sent.end) for sent in doc.sents]
        for k, (a, b) in enumerate(self.sents):
            self.sent_of[a:b] = [k] * (b - a)
        self.quoted = _in_quote_mask(doc, quoted)
        self.shared = _shared_surnames(mentions.persons)
        self.gender: dict[str, str] = {}
        self.by_sent: dict[int, list[_Candidate]] = {}
        self.memo: dict[int, _Resolved] = {}
        self._learn_genders()
        for tok in self.toks:
            cand = None if self.quoted[tok.i] else self._candidate(tok)
            if cand is not None:
                self.by_sent.setdefault(self.sent_of[tok.i], []).append(cand)

    def _key(self, name: str) -> str | None:
        """The key a name's gender is kept under: its surname, or the full name when relatives share it."""
        words = _name_words(name)
        if not words:
            return None
        return " ".join(words) if words[-1] in self.shared else words[-1]

    def _entity_head(self, tok: Token) -> Entity | None:
        """The PERSON entity whose head this token is (its head lies outside the entity)."""
        ent = self.mentions.name_at(tok)
        if ent is None or ent.label != "PERSON":
            return None
        head = tok.head
        if head.i != tok.i and ent.start <= head.idx < ent.end:
            return None
        return ent

    # -- gender of the names

    def _learn_genders(self) -> None:
        """Votes per surname: the words around each mention (3 each), then lone-name pronouns (1 each)."""
        votes: dict[str, list[int]] = {}
        alone = self._vote_from_mentions(votes)
        self._vote_from_pronouns(votes, alone)
        for key, (m, f) in votes.items():
            if m > 2 * f:
                self.gender[key] = "m"
            elif f > 2 * m:
                self.gender[key] = "f"

    def _vote_from_mentions(self, votes: dict[str, list[int]]) -> dict[int, set[str]]:
        """Honorifics and person nouns at each name; returns the surnames named per sentence."""
        doc = self.doc
        per_sent: dict[int, set[str]] = {}
        for tok in self.toks:
            ent = self._entity_head(tok)
            key = self._key(ent.text) if ent is not None and not self.quoted[tok.i] else None
            if ent is None or key is None:
                continue
            span = doc.char_span(ent.start, ent.end, alignment_mode="expand")
            first = span.start if span is not None else tok.i
            words = [doc[first - 1].lower_] if first > 0 else []
            words += [t.lower_ for t in (span or ())]
            words += [c.lower_ for c in tok.children if c.dep_ in {"appos", "compound", "amod"}]
            if tok.dep_ == "appos":
                words.append(tok.head.lower_)
            _vote(votes, key, _gender_of_words(words), 3)
            per_sent.setdefault(self.sent_of[tok.i], set()).add(key)
        return per_sent

    def _vote_from_pronouns(self, votes: dict[str, list[int]], per_sent: dict[int, set[str]]) -> None:
        """In a sentence naming one person only, its "he"/"she" outside quotes is most likely them."""
        for k, keys in per_sent.items():
            if len(keys) == 1:
                key = next(iter(keys))
                a, b = self.sents[k]
                for t in self.toks[a:b]:
                    if not self.quoted[t.i]:
                        _vote(votes, key, _pronoun_gender(t.lower_), 1)

    # -- the mentions a pronoun may stand for

    def _rank(self, tok: Token) -> int:
        dep, head = tok.dep_, tok.head
        if dep == "appos" and head.dep_ in _SUBJECT_DEPS:
            dep, head = head.dep_, head.head
        if dep in _SUBJECT_DEPS:
            lemma = head.lemma_.lower()
            return 0 if head.dep_ == "ROOT" or lemma in _ANY_CUE or lemma in QUOTE_CUES else 1
        if dep == "pobj" and head.dep_ == "agent":
            return 1
        return 2

    def _candidate(self, tok: Token) -> _Candidate | None:
        if tok.tag_ == "PRP":
            return self._pronoun_candidate(tok)
        ent = self.mentions.name_at(tok)
        if ent is not None:
            return self._name_candidate(tok, ent)
        if tok.pos_ == "NOUN":
            return self._noun_candidate(tok)
        return None

    def _pronoun_candidate(self, tok: Token) -> _Candidate | None:
        """A subject "he"/"she"/"they": chained to its own antecedent when it is chosen."""
        if tok.dep_ not in _SUBJECT_DEPS:
            return None
        lower, rank = tok.lower_, self._rank(tok)
        if lower in {"he", "she"}:
            return _Candidate(tok.i, rank, None, None, _pronoun_gender(lower), True, False)
        if lower == "they":
            return _Candidate(tok.i, rank, None, None, None, False, True)
        return None

    def _name_candidate(self, tok: Token, ent: Entity) -> _Candidate | None:
        """A person's name at its head token; an organisation as subject, for a "they"."""
        if ent.label == "PERSON":
            if self._entity_head(tok) is None or ent.text.lower().strip(".") in TITLE_ABBREVIATIONS:
                return None
            key = self._key(ent.text)
            return _Candidate(tok.i, self._rank(tok), ent.text, key, self.gender.get(key or ""), True, False)
        if ent.label in {"ORG", "NORP"} and tok.dep_ in _SUBJECT_DEPS:
            return _Candidate(tok.i, self._rank(tok), ent.text, None, None, False, True)
        return None

    def _noun_candidate(self, tok: Token) -> _Candidate | None:
        """ "the mother of the boys", "a witness" (a role gives its holder's name); plural subjects for "they"."""
        lemma = tok.lemma_.lower()
        if tok.tag_ == "NN" and (lemma in PERSON_NOUNS or lemma in ROLES):
            if any(c.dep_ in {"appos", "compound"} and self._entity_head(c) is not None for c in tok.children):
                return None  # "the governor, Hasamuddin Shams": the name is the candidate
            start, end = _np_span(tok)
            role = _role_lemma(tok)
            name = self._apposed_name(tok)
            if name is None and role is not None:
                name = _nearest_role_name(self.mentions, role, tok.idx)
            gender = _gender_of_words(t.lower_ for t in tok.subtree)
            return _Candidate(tok.i, self._rank(tok), name or doc_text(self.doc)[start:end], None, gender, True, False)
        if tok.dep_ in _SUBJECT_DEPS and (tok.tag_ == "NNS" or lemma in _COLLECTIVE):
            start, end = _np_span(tok)
            return _Candidate(tok.i, self._rank(tok), doc_text(self.doc)[start:end], None, None, False, True)
        return None

    def _apposed_name(self, tok: Token) -> str | None:
        """A name in apposition to a person noun's phrase, whatever label the model gave it, even
        hung on a noun of its "of"/"at" tail: "A professor of economics at the University of Athens,
        Yanis Varoufakis, ..." is a person called so, even if tagged ORG."""
        for t in tok.subtree:
            ent = self.mentions.name_at(t) if t.dep_ == "appos" else None
            if ent is None or ent.label not in {"PERSON", "ORG"} or ent.start <= t.head.idx < ent.end:
                continue
            if _noun_path(t.head, tok):
                return ent.text
        return None

    # -- resolution

    def _resolved(self, c: _Candidate) -> _Resolved:
        if c.name is not None:
            return c.name, (self.gender.get(c.key) if c.key else None) or c.gender
        return self.resolve(self.toks[c.tok])

    def _best_in_sentence(self, k: int, tok: Token) -> tuple[int, _Resolved] | None:
        """(rank, antecedent) of the best agreeing mention of sentence k before the pronoun."""
        plural = tok.lower_ in _PLURAL_PRONOUNS
        want = _pronoun_gender(tok.lower_)
        best: tuple[int, int, _Resolved] | None = None
        for c in self.by_sent.get(k, ()):
            if c.tok >= tok.i or c.plural != plural or (not plural and not c.person) or (plural and c.rank > 1):
                continue
            name, gender = self._resolved(c)
            if name is None or (want is not None and gender is not None and gender != want):
                continue
            if best is None or (c.rank, c.tok) < best[:2]:
                best = (c.rank, c.tok, (name, gender))
        return None if best is None else (best[0], best[2])

    def resolve(self, tok: Token) -> _Resolved:
        """(name, gender) of the antecedent of a "he", "she" or "they"; (None, None) if none."""
        if tok.i in self.memo:
            return self.memo[tok.i]
        self.memo[tok.i] = (None, None)  # no cycles
        s = self.sent_of[tok.i]
        found: _Resolved | None = None
        fallback: _Resolved | None = None
        for k in range(s, max(-1, s - ANTECEDENT_WINDOW), -1):
            best = self._best_in_sentence(k, tok)
            if best is not None and best[0] <= 1:
                found = best[1]
                break
            if best is not None and fallback is None:
                fallback = best[1]
        found = found or fallback or (None, None)
        want = _pronoun_gender(tok.lower_)
        if found[0] is not None and want is not None:
            key = self._key(found[0])
            if key is not None:
                self.gender.setdefault(key, want)
            found = (found[0], want)
        self.memo[tok.i] = found
        return found


def _noun_path(tok: Token, top: Token) -> bool:
    """Whether tok hangs on top through nouns and prepositions only (no clause in between)."""
    while tok.i != top.i:
        if tok.pos_ not in {"NOUN", "PROPN", "ADP"} or tok.dep_ not in {"pobj", "prep", "compound"}:
            return False
        tok = tok.head
    return True


def _vote(votes: dict[str, list[int]], key: str, gender: str | None, weight: int) -> None:
    if gender is not None:
        votes.setdefault(key, [0, 0])[0 if gender == "m" else 1] += weight


# An all-caps place opening a line, then up to a state and an agency before a dash: the dateline
# "ORLANDO, Fla. - " or "BLOOMFIELD (KDKA/AP)- ", which the parser may take for the subject.
_DATELINE_TAIL = re.compile(r"[^\n]{0,40}?(?:\s[-—–]+|\)\s*[-—–]+)\s*")


def _is_dateline(tok: Token) -> bool:
    """Whether a token is the place of a dateline: never a speaker, whatever the parse says."""
    if not (tok.is_alpha and tok.is_upper and len(tok.text) > 2):
        return False
    text = doc_text(tok.doc)
    line_start = text.rfind("\n", 0, tok.idx) + 1
    if not re.fullmatch(r"(?:[A-Z.'-]+\s+)*", text[line_start : tok.idx]):
        return False
    return _DATELINE_TAIL.match(text, tok.idx + len(tok.text)) is not None


def _after_dateline(tok: Token, mentions: Mentions, last_person: str | None) -> Speaker:
    """The real subject, parsed as the dateline's apposition ("ORLANDO, Fla. - Fred Johnson says")."""
    text = doc_text(tok.doc)
    tail = _DATELINE_TAIL.match(text, tok.idx + len(tok.text))
    after = [c for c in tok.children if c.dep_ == "appos" and tail is not None and c.idx >= tail.end()]
    if tail is None or not after:
        return _NONE
    speaker = resolve_speaker(after[0], mentions, last_person)
    if speaker.start is None or speaker.end is None or speaker.start >= tail.end():
        return speaker
    cut = tail.end()
    name = text[cut : speaker.end] if speaker.name == text[speaker.start : speaker.end] else speaker.name
    return Speaker(name, cut, speaker.end, speaker.person)


def resolve_speaker(tok: Token, mentions: Mentions, last_person: str | None) -> Speaker:
    """The name a subject token stands for, and the offsets of the mention itself."""
    doc = tok.doc
    if _is_dateline(tok):
        return _after_dateline(tok, mentions, last_person)
    ent = mentions.name_at(tok)
    if ent is not None:
        # The NP (with "spokesman" in front) is the mention; the entity gives the name.
        return Speaker(ent.text, ent.start, ent.end, ent.label == "PERSON")
    lower = tok.lower_
    if tok.pos_ == "PRON" or tok.tag_ in {"WP", "WDT", "PRP"}:
        start, end = tok.idx, tok.idx + len(tok.text)
        if lower in PERSON_PRONOUNS or lower in _PLURAL_PRONOUNS:
            name = mentions.discourse().resolve(tok)[0]
            if name is None and lower in PERSON_PRONOUNS:
                # No agreeing mention in the window: the last person quoted is the likeliest.
                name = last_person or _recent_person(mentions, tok.idx)
            return Speaker(name, start, end, name is not None and lower in PERSON_PRONOUNS)
        if lower in {"who", "that", "which"} and tok.head.dep_ == "relcl":
            antecedent = resolve_speaker(tok.head.head, mentions, last_person)
            return Speaker(antecedent.name, start, end, antecedent.person)
        # "I", "we", "you", "it" outside a quote: the writer, the reader or a thing, no one named.
        return Speaker(None, start, end)
    # A name in apposition or compound: "the governor, Hasamuddin Shams" / "spokesman Fawad Aman".
    for c in tok.children:
        if c.dep_ in {"appos", "compound"}:
            inner = mentions.name_at(c)
            if inner is not None and inner.label == "PERSON":
                start, end = _np_span(tok)
                return Speaker(inner.text, start, end, True)
    start, end = _np_span(tok)
    role = _role_lemma(tok) if tok.tag_ in {"NN", "NNP"} else None
    if role is not None:
        name = _nearest_role_name(mentions, role, tok.idx)
        if name is not None:
            return Speaker(name, start, end, True)
    return Speaker(doc_text(doc)[start:end], start, end)


def _subject_of(verb: Token) -> Token | None:
    """The subject of a cue, climbing through coordination, control and participles.

    "he denied ... and said ..." (conj), "declined to say" (xcomp), "a statement saying ..."
    and "quoted the governor as saying ..." (participles: the quoted object, else the subject of
    the verb they hang off).
    """
    cur = verb
    for _ in range(4):
        subjects = [c for c in cur.children if c.dep_ in _SUBJECT_DEPS]
        if cur is verb and verb.lemma_.lower() in ADDRESSEE_CUES:
            # "Tamimi was asked to ...", "he was told that ...": the one addressed, not the speaker.
            subjects = [c for c in subjects if c.dep_ != "nsubjpass"]
        # A dateline parsed as a second subject ("ORLANDO, Fla. - Maria Gomez says") gives way.
        subjects = [c for c in subjects if not _is_dateline(c)] or subjects
        # "it"/"there" are expletives when the clause is extraposed ("it is said that ...").
        real = [c for c in subjects if c.lower_ not in {"it", "there"}]
        if real or subjects:
            return (real or subjects)[0]
        for c in cur.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
        head = cur.head
        nonfinite = cur.tag_ in {"VB", "VBG", "VBN"}
        if cur.dep_ == "conj" or (cur.dep_ in {"xcomp", "advcl", "ccomp"} and nonfinite):
            cur = head
            continue
        if cur.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "as":
            objs = [g for g in head.head.children if g.dep_ == "dobj"]
            if objs:
                return objs[0]
            cur = head.head
            continue
        if cur.dep_ == "pcomp" and cur.tag_ == "VBG" and head.dep_ == "prep":
            # "pitched himself by telling them ...", "held in contempt for refusing to ...": the
            # one who does the verb the preposition hangs on.
            cur = head.head
            continue
        if cur.dep_ == "acl" and cur.tag_ == "VBG" and head.dep_ in {"dobj", "pobj", "nsubj"}:
            # "issued a statement saying": the one who issued the statement.
            cur = head.head if head.dep_ != "pobj" else head.head.head
            continue
        if cur.dep_ == "relcl" and head.pos_ in {"PROPN", "NOUN"}:
            return head
        return None
    return None


def _given_to(verb: Token, mentions: Mentions) -> str | None:
    """Who a statement was given to: "told TRT World", "in an interview with X", "said to X"."""
    lemma = verb.lemma_.lower()
    for c in verb.children:
        if c.dep_ in {"dobj", "dative", "iobj"} and lemma in ADDRESSEE_CUES:
            return _phrase(c, mentions)
        if c.dep_ == "prep" and c.lower_ == "to" and lemma in {"say", "tell", "explain", "write", "speak"}:
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return _phrase(objs[0], mentions)
        if c.dep_ == "prep" and c.lower_ == "in":
            for noun in c.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in {"interview", "statement", "letter", "email"}:
                    for p in noun.children:
                        if p.dep_ == "prep" and p.lower_ in {"with", "to"}:
                            objs = [g for g in p.children if g.dep_ == "pobj"]
                            if objs:
                                return _phrase(objs[0], mentions)
    return None


def _phrase(tok: Token, mentions: Mentions) -> str:
    ent = mentions.name_at(tok)
    if ent is not None:
        return ent.text
    start, end = _np_span(tok)
    return doc_text(tok.doc)[start:end]


# ---------------------------------------------------------------------------------------------
# Content spans


_TRIM = " \t\n,;:—–-\"'“”‘’«»"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _tokens_span(tokens: Sequence[Token] | Span) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _clause_span(clause: Token, cue: Token) -> tuple[int, int] | None:
    """The characters of a content clause, on the side of the cue it lies on.

    Trailing coordination opened by "but"/"yet" with its own subject is the writer's, not the
    speaker's ("Ghani insists that ..., but more than 1,000 troops fled").
    """
    doc = clause.doc
    lo, hi = clause.left_edge.i, clause.right_edge.i
    for c in clause.rights:
        if c.dep_ == "conj" and any(s.dep_ in _SUBJECT_DEPS for s in c.children):
            ccs = [
                t
                for t in clause.rights
                if t.dep_ == "cc" and t.i < c.i and t.lower_ in {"but", "yet", "while", "although"}
            ]
            if ccs:
                hi = min(hi, ccs[0].i - 1)
    if lo <= cue.i <= hi:
        if clause.i < cue.i:
            hi = cue.left_edge.i - 1 if cue.left_edge.i > lo else cue.i - 1
        else:
            lo = cue.i + 1
    if hi < lo:
        return None
    start, end = _tokens_span(doc[lo : hi + 1])
    return _trimmed(doc_text(doc), start, end)


_ASIDE_MARKS = frozenset({",", "—", "–", "-"})


def _parenthetical_span(cue: Token) -> tuple[int, int] | None:
    """ "..., officials said." / "Acts of protest, Mr. Obama said, are acts of patriotism."

    The parser hangs such a cue off the clause around it. Only a cue with a subject of its own,
    set off by a comma, counts, so that a coordinated or adverbial verb ("..., and said",
    "when he said") is not taken for one. Mid-sentence, the content is the whole clause around
    the aside (the few words of the aside are not worth a discontinuous span).
    """
    head = cue.head
    doc = cue.doc
    if head.i == cue.i or head.pos_ not in {"VERB", "AUX"} or cue.dep_ not in {"parataxis", "ccomp", "advcl"}:
        return None
    if not any(c.dep_ in _SUBJECT_DEPS for c in cue.children):
        return None
    # The parser often hangs the aside's own commas on the cue ("The museum, Mr. Obama said,
    # would ..."): the separators are then the edges of its subtree, not the tokens beyond them.
    left, right = cue.left_edge.i, cue.right_edge.i
    if doc[left].text not in _ASIDE_MARKS:
        left -= 1
    if doc[right].text not in _ASIDE_MARKS:
        right += 1
    if left < 0 or doc[left].text not in _ASIDE_MARKS:
        return None
    at_end = right >= len(doc) or doc[right].is_punct and doc[right].text != "," or doc[right].is_sent_start
    if head.i < cue.i and at_end:
        lo, hi = head.left_edge.i, left - 1
    elif right < len(doc) and doc[right].text in {",", "—", "–"} and head.left_edge.i < cue.i < head.right_edge.i:
        lo, hi = head.left_edge.i, head.right_edge.i
    else:
        return None
    if hi < lo:
        return None
    start, end = _tokens_span(doc[lo : hi + 1])
    return _trimmed(doc_text(doc), start, end)


def _verb_cue_text(verb: Token) -> str:
    parts = [verb.text]
    for c in verb.rights:
        if c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in PREP_CUES.get(verb.lemma_.lower(), ())):
            parts.append(c.text)
            break
    return " ".join(parts)


def find_cue_content(verb: Token) -> tuple[int, int] | None:
    """The content a cue verb introduces, or None when it introduces none."""
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    for c in children:
        if c.dep_ == "ccomp" and lemma in CLAUSE_CUES:
            return _clause_span(c, verb)
    if lemma == "call":
        # "called the holiday 'a celebration of ...'": the object and what it was called.
        objs = [c for c in children if c.dep_ == "dobj"]
        preds = [c for c in children if c.dep_ in {"oprd", "ccomp", "xcomp"} and objs and c.i > objs[0].i]
        if objs and preds:
            lo, hi = objs[0].left_edge, preds[0].right_edge
            return _trimmed(doc_text(verb.doc), *_tokens_span(verb.doc[lo.i : hi.i + 1]))
    if lemma in ADDRESSEE_CUES:
        # "told Reuters the militants attacked ...": the small parser makes the reported clause
        # a second object with the verb hanging off it.
        objects = [c for c in children if c.dep_ in {"dobj", "dative"}]
        if len(objects) >= 2 and any(t.tag_ in _FINITE for t in objects[-1].subtree):
            return _clause_span(objects[-1], verb)
    for c in children:
        if c.dep_ == "xcomp" and lemma in XCOMP_CUES and c.pos_ in {"VERB", "AUX"}:
            return _clause_span(c, verb)
    for c in children:
        # A bare pronoun object ("cited it") is no content a reader can use; a one-word name or
        # noun is ("has not mentioned Machado", "supported Democrats"): PolNeAR dev +17 found.
        if c.dep_ == "dobj" and lemma in OBJECT_CUES and (c.right_edge.i > c.i or c.pos_ != "PRON"):
            return _clause_span(c, verb)
        if c.dep_ == "prep" and c.lower_ in PREP_CUES.get(lemma, ()):
            objs = [g for g in c.children if g.dep_ in {"pobj", "pcomp"}]
            if objs:
                return _clause_span(objs[0], verb)
    if lemma in CLAUSE_CUES and verb.dep_ in {"parataxis", "ccomp", "conj", "advcl"}:
        return _parenthetical_span(verb)
    return None


def _according_to(tok: Token) -> tuple[Token, tuple[int, int]] | None:
    """("according", "to", X): the source X and the clause it qualifies."""
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        return None
    src = next((c for c in to.children if c.dep_ == "pobj"), None)
    if src is None:
        return None
    sent = tok.sent
    lo, hi = tok.left_edge.i, tok.right_edge.i
    if lo > sent.start + 1:  # the phrase closes the sentence: content is before it
        start, end = _tokens_span(tok.doc[sent.start : lo])
    else:
        if hi + 1 >= sent.end:
            return None
        start, end = _tokens_span(tok.doc[hi + 1 : sent.end])
    return src, _trimmed(doc_text(tok.doc), start, end)


# ---------------------------------------------------------------------------------------------
# Direct quotes: what attributes a quoted region


_DASHES = "―—–"
_BYLINE = re.compile(r"[ \t\u00a0]*[―—–][ \t\u00a0]*([A-Z][\w.'’-]*(?:[ \u00a0][A-Z][\w.'’-]*){0,4})")
# A transcript quoted in running text opens each turn with a quotation mark ('"PENCE: Well, ...'),
# the convention for a quote running over several paragraphs.
_TRANSCRIPT = re.compile(r"^[\"“]?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):[ \t]+(\S.*)$", re.M)
_SENT_END = ".!?:"


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, min(len(doc_text(doc)), char + 1), alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _line_break_between(doc: Doc, a: Token, b: Token) -> bool:
    return "\n" in doc_text(doc)[a.idx : b.idx]


def _is_cue(tok: Token) -> bool:
    return tok.lemma_.lower() in QUOTE_CUES and tok.pos_ in {"VERB", "AUX"}


def _cue_after(doc: Doc, region: Region, limit: int) -> Token | None:
    """A speech verb after the closing mark, in the same sentence and line ("'...,' X said")."""
    first = _token_at(doc, region.end)
    if first is None:
        return None
    text = doc_text(doc)
    after = text[region.end + 1 : region.end + 3].lstrip()
    if text[region.start : region.end].rstrip().endswith(".") and after[:1].isupper():
        return None  # the quote closed its sentence; what follows is a new one
    for t in doc[first.i : min(len(doc), first.i + 40)]:
        if t.idx >= limit or _line_break_between(doc, first, t):
            return None
        if _is_cue(t):
            return t
        if t.text in {".", "!", "?"} and t.idx > region.end + 1:
            return None
    return None


def _cue_before(doc: Doc, region: Region, floor: int) -> Token | None:
    """A speech verb shortly before the opening mark ("X said: '...'", "X continued:\n\n'...'")."""
    text = doc_text(doc)
    before = text[: region.start - 1].rstrip(" \t\u00a0")
    line_start = before.rfind("\n") + 1
    if not before[line_start:].strip() and before.rstrip().endswith(":"):
        before = before.rstrip()  # the cue line ends with a colon, the quote is the next paragraph
        line_start = before.rfind("\n") + 1
    last = _token_at(doc, max(0, len(before) - 1))
    if last is None:
        return None
    for t in reversed(doc[max(0, last.i - 25) : last.i + 1]):
        if t.idx < max(floor, line_start) or t.text in {".", "!", "?"}:
            return None
        if _is_cue(t):
            return t if len(before) - (t.idx + len(t.text)) <= 60 else None
    return None


def _byline(text: str, region: Region) -> tuple[int, int] | None:
    """ "'...' ― Name": a quote signed with a dash, as in collected reactions and tweet embeds."""
    m = _BYLINE.match(text, region.end + 1)
    if m is None:
        return None
    start, end = m.span(1)
    return start, end - (1 if text[end - 1] == "." else 0)


def _starts_sentence(text: str, region: Region) -> bool:
    before = text[: max(0, region.start - 1)].rstrip(" \t\u00a0")
    return not before or before[-1] in "\n" + _SENT_END + _CLOSE_ONLY + _STRAIGHT + "'"


@dataclass(frozen=True)
class _Direct:
    region: Region
    verb: Token | None
    byline: tuple[int, int] | None
    continued: bool


def _direct_quotes(doc: Doc, text: str, regions: Sequence[Region]) -> list[_Direct]:
    """The regions that are quotes proper, with what attributes each.

    A region without its own cue counts when it opens a sentence close after the previous
    quote: the second half of a split quote, or the next paragraph of the same speaker.
    """
    out: list[_Direct] = []
    prev_end = -1
    for k, region in enumerate(regions):
        if len(text[region.start : region.end].split()) < _MIN_QUOTE_WORDS:
            continue
        nxt = regions[k + 1].start if k + 1 < len(regions) else len(text)
        prv = regions[k - 1].end if k > 0 else 0
        verb = _cue_after(doc, region, nxt) or _cue_before(doc, region, prv)
        byline = None if verb is not None else _byline(text, region)
        continued = (
            verb is None
            and byline is None
            and prev_end >= 0
            and _starts_sentence(text, region)
            and region.start - prev_end < 200
            and text.count("\n", prev_end, region.start) <= 2
        )
        if verb is None and byline is None and not continued:
            continue
        out.append(_Direct(region, verb, byline, continued))
        prev_end = region.end
    return out


def _transcript_lines(doc: Doc, text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """ "PENCE: Well, look, ..." lines of an interview transcript: (speaker span, content span)."""
    out = []
    for m in _TRANSCRIPT.finditer(text):
        name = m.group(1)
        if len(name.replace(".", "")) < 2 or name in {"UPDATE", "NOTE", "EDITOR'S NOTE", "READ MORE", "WATCH"}:
            continue
        out.append((m.span(1), _trimmed(text, *m.span(2))))
    return out


# ---------------------------------------------------------------------------------------------
# Speakers of direct quotes


def _subject_near(verb: Token, region: Region) -> Token | None:
    """A subject outside the quote when the parse gives none (or one inside it).

    '"...," Rep. Cummings (D-Md.) said' / '"...," said David Gorski, a professor': the noun
    phrase between the quote and the verb, else the first one after the verb.
    """
    doc = verb.doc
    if verb.idx >= region.end:
        first = _token_at(doc, region.end)
        if first is not None:
            nouns = [t for t in doc[first.i : verb.i] if t.pos_ in {"PROPN", "NOUN", "PRON"} and t.idx >= region.end]
            if nouns:
                return nouns[0] if nouns[0].ent_iob_ == "B" and nouns[0].ent_type_ == "PERSON" else nouns[-1]
    for t in doc[verb.i + 1 : min(len(doc), verb.i + 6)]:
        if t.pos_ in {"PROPN", "NOUN", "PRON"} and (t.idx < region.start or t.idx >= region.end):
            return t
        if t.is_punct and t.text not in {",", "(", ")"}:
            break
    return None


def _direct_subject(verb: Token, region: Region) -> Token | None:
    subj = _subject_of(verb)
    if subj is not None and not (region.start <= subj.idx < region.end):
        return subj
    return _subject_near(verb, region)


def _byline_speaker(doc: Doc, text: str, span: tuple[int, int], mentions: Mentions) -> Speaker:
    tok = _token_at(doc, span[0])
    ent = mentions.name_at(tok) if tok is not None else None
    name = ent.text if ent is not None and ent.start >= span[0] - 1 else text[span[0] : span[1]]
    return Speaker(name, span[0], span[1], ent is not None and ent.label == "PERSON")


# ---------------------------------------------------------------------------------------------
# The stage


@dataclass
class _State:
    """What pronouns and continued quotes resolve against, as the walk goes through the text."""

    last_person: str | None = None
    last_speaker: Speaker = _NONE


def _remember(state: _State, speaker: Speaker) -> None:
    if speaker.person and speaker.name:
        state.last_person = speaker.name
    if speaker.name:
        state.last_speaker = speaker


def _make(
    article: Article,
    doc: Doc,
    speaker: Speaker,
    span: tuple[int, int],
    direct: bool,
    cue: str | None,
    sentence: int,
    given_to: str | None,
    negated: bool = False,
) -> Quote | None:
    start, end = span
    if end - start < 3:
        return None
    return Quote(
        speaker=speaker.name,
        speaker_start=speaker.start,
        speaker_end=speaker.end,
        text=article.text[start:end],
        start=start,
        end=end,
        direct=direct,
        cue=cue,
        sentence=sentence,
        given_to=given_to,
        negated=negated,
    )


def extract_quotes(doc: Doc, article: Article, entities: Sequence[Entity]) -> list[Quote]:
    text = article.text
    mentions = build_mentions(doc, entities)
    regions = quote_regions(text)
    regions = sorted(regions + single_quote_regions(text, regions), key=lambda r: r.start)
    mentions.quoted = [(r.start, r.end) for r in regions]
    directs = _direct_quotes(doc, text, regions)
    quoted = SpanIndex([(d.region.start, d.region.end) for d in directs])
    used = {d.verb.i for d in directs if d.verb is not None}

    # One walk in text order, so that "he" resolves to the speaker named before it.
    events: list[tuple[int, int, object]] = [(d.region.start, 0, d) for d in directs]
    for line in _transcript_lines(doc, text):
        if not quoted.covers(line[1][0]):
            events.append((line[0][0], 1, line))
    for item in _verb_items(doc):
        verb = item[0]
        if verb.i not in used and not quoted.covers(verb.idx):
            events.append((verb.idx, 2, item))
    events.sort(key=lambda e: (e[0], e[1]))

    state = _State()
    quotes: list[Quote] = []
    for _, kind, payload in events:
        if kind == 0:
            q = _direct_quote(doc, article, payload, mentions, state)  # type: ignore[arg-type]
        elif kind == 1:
            (ss, se), span = cast(tuple[tuple[int, int], tuple[int, int]], payload)
            speaker = _byline_speaker(doc, text, (ss, se), mentions)
            _remember(state, speaker)
            q = _make(article, doc, speaker, span, False, ":", _char_sentence(doc, ss), None)
        else:
            q = _reported(doc, article, payload, mentions, state, quoted)  # type: ignore[arg-type]
        if q is not None:
            quotes.append(q)
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes


def _direct_quote(doc: Doc, article: Article, d: _Direct, mentions: Mentions, state: _State) -> Quote | None:
    span = _trimmed(article.text, d.region.start, d.region.end)
    if d.verb is not None:
        quoted = span[1] - span[0]
        span = _with_clause(d.verb, span)
        # A clause with a quoted phrase in it is reported speech, not a direct quote.
        direct = quoted * 2 >= span[1] - span[0]
        subj = _direct_subject(d.verb, d.region)
        speaker = resolve_speaker(subj, mentions, state.last_person) if subj is not None else _NONE
        _remember(state, speaker)
        return _make(
            article,
            doc,
            speaker,
            span,
            direct,
            _verb_cue_text(d.verb),
            sentence_index(doc, d.verb),
            _given_to(d.verb, mentions),
        )
    if d.byline is not None:
        speaker = _byline_speaker(doc, article.text, d.byline, mentions)
        _remember(state, speaker)
        return _make(article, doc, speaker, span, True, None, _char_sentence(doc, d.byline[0]), None)
    return _make(article, doc, state.last_speaker, span, True, None, _char_sentence(doc, span[0]), None)


def _with_clause(verb: Token, span: tuple[int, int]) -> tuple[int, int]:
    """A partly quoted clause ("Not paying taxes 'makes me smart,' Trump said") is the content."""
    clause = find_cue_content(verb)
    if clause is None or clause[0] > span[0]:
        return span
    if span[1] <= clause[1]:
        return clause
    # A quote closing the sentence keeps its full stop inside the marks ('favors a "strongman
    # approach."'), which the parse hangs on the main verb, outside the clause: the clause still
    # holds the quote when only punctuation lies between their ends.
    tail = doc_text(verb.doc)[clause[1] : span[1]]
    if all(not ch.isalnum() for ch in tail):
        return clause[0], span[1]
    return span


def _reported(
    doc: Doc, article: Article, item: tuple, mentions: Mentions, state: _State, quoted: SpanIndex
) -> Quote | None:
    verb, span, label, src = item
    if quoted.overlap(*span) * 2 >= span[1] - span[0]:  # mostly inside a direct quote
        return None
    if src is not None:
        speaker = resolve_speaker(src, mentions, state.last_person)
    else:
        subj = _subject_of(verb)
        speaker = resolve_speaker(subj, mentions, state.last_person) if subj is not None else _NONE
    _remember(state, speaker)
    if label == "according to":
        return _make(article, doc, speaker, span, False, label, sentence_index(doc, verb), None)
    given = _given_to(verb, mentions)
    negated = _negated(verb)
    cue = _negated_cue_text(verb) if negated else label
    return _make(article, doc, speaker, span, False, cue, sentence_index(doc, verb), given, negated)


def _negated(verb: Token) -> bool:
    """ "did not say", "never said", "would not confirm": the content is what the speaker did not state."""
    return any(c.dep_ == "neg" for c in verb.children)


def _negated_cue_text(verb: Token) -> str:
    """The cue with its auxiliaries and negation ("did not say"), so a reader never sees "said"."""
    left = [c for c in verb.lefts if c.dep_ in {"aux", "auxpass", "neg"}]
    return " ".join([*(c.text for c in left), _verb_cue_text(verb)])


def _char_sentence(doc: Doc, char: int) -> int:
    tok = _token_at(doc, char)
    return sentence_index(doc, tok) if tok is not None else 0


def _verb_items(doc: Doc) -> list[tuple[Token, tuple[int, int], str, Token | None]]:
    """Every cue with its content: (cue token, content span, cue text, explicit source or None)."""
    out: list[tuple[Token, tuple[int, int], str, Token | None]] = []
    for tok in doc:
        acc = _according_to(tok)
        if acc is not None:
            src, span = acc
            out.append((tok, span, "according to", src))
            continue
        if tok.pos_ not in {"VERB", "AUX"}:
            continue
        lemma = tok.lemma_.lower()
        if lemma not in _ANY_CUE:
            continue
        content = find_cue_content(tok)
        if content is None or content[1] - content[0] < 3:
            continue
        out.append((tok, content, _verb_cue_text(tok), None))
    return out


_ANY_CUE = CLAUSE_CUES | OBJECT_CUES | XCOMP_CUES | frozenset(PREP_CUES)
