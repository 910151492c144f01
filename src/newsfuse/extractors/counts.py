"""Counts of people (killed, injured, displaced, ...) with bands, subjects and attribution.

Everything is read off the Doc the pipeline already parsed: no extra model, one pass over the
tokens plus short walks up and down the dependency tree.

1. Quantities: written figures ("69", "1,000", "twenty-three", "1.5 million"), vague ones
   ("hundreds", "a dozen", "several"), fractions ("a third"), each with the modifier in front
   ("about", "more than", ...) turned into a band by :mod:`.numbers`.
2. Noise: ages, dates, times, money, percentages, addresses, years, units ("24 hours") and
   numbers that name rather than count ("Channel 7") are dropped.
3. The counted noun: the noun the figure modifies ("69 Taliban terrorists") or the object of
   its "of" ("hundreds of prisoners").
4. Category, from the governing word in the parse: the verb the group is object or passive
   subject of ("killing his five children", "were killed"), the intransitive verb it is subject
   of ("two people died"), an outcome adjective ("one dead", "found dead"), a category noun
   ("five deaths"), or, for conjuncts and "including ..." groups, the group they belong to.
   Vocabulary: :mod:`.count_vocab`.
5. One named or singular victim ("a man was shot and killed", "Jane Doe died", "he was
   pronounced dead", "a man's body") is a count of one: the text states that one person was
   killed. Text and offsets are those of the mention ("a man", "Jane Doe", "He").
6. Conjoined groups of one category ("his five children as well as his wife") also yield their
   sum, spanning the whole enumeration, because a reader counts the victims together.
7. Attribution: the subject of a reporting verb above the count ("Afghan officials said ...")
   or the object of "according to"; pronoun speakers are left null.

Category choices worth knowing:
- "shot" with no stated outcome is injured; any death cue on the same verb chain wins
  ("shot and killed", "fatally shot", "found shot to death", "was shot and later died").
  One person "shot" is dropped when the article reports a death, and a one-person injured
  count is dropped when the same person (same name or head noun, or a pronoun within two
  sentences) is later reported dead: a victim is counted once, with the final outcome.
- Fleeing is displaced whoever flees: "1,000 troops fled over the border to Tajikistan" left
  their positions for another country, and the category says where people went, not who they
  are. Arrivals and dispatch of forces are deployed.
- A people verb over places or objects gives "other" ("captured dozens of districts").
- Figures dated to a year or a period ("22 homicides in 2014", "shot this year") are "other":
  background statistics, not the event's toll; so are rates ("19.3 deaths per 100,000
  people", "shot per day"), attempts ("attempted murder of two deputies") and other events
  ("two other murders").
- The subject of a verb chain that shoots or harms someone named as its object is who did it,
  not a victim: "eight officers opened fire and shot Clark dead" counts no officer.
- Fractions ("about a third of the country") are "other" with both bounds null (see
  :mod:`.numbers`).
- A figure with neither a category nor a counted noun ("one of the reasons") is not a count.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..model import COUNT_CATEGORIES, Article, Count, CountCategory, Scope, one_of
from . import count_vocab as vocab
from .common import sentence_index
from .measures import extract_measures
from .numbers import (
    DOZEN,
    FRACTIONS,
    MAX_MODIFIER_LEN,
    MODIFIERS,
    SCALES,
    UNITS,
    VAGUE_COMPOUNDS,
    VAGUE_PHRASES,
    VAGUE_PLURALS,
    Bounds,
    apply_modifier,
    exact_band,
    parse_digits,
    parse_number,
)

_NOISE_ENTS = frozenset({"DATE", "TIME", "PERCENT", "ORDINAL", "QUANTITY"})
_CURRENCY = frozenset({"$", "€", "£", "¥", "us$", "usd", "rs", "rs."})
_NOT_A_COUNT_BEFORE = frozenset(
    {
        "no.",
        "no",
        "number",
        "#",
        "age",
        "aged",
        "ages",
        "route",
        "highway",
        "interstate",
        "channel",
        "room",
        "apartment",
        "suite",
        "unit",
        "page",
        "chapter",
        "version",
        "flight",
        "bus",
        "line",
    }
)
_JOINERS = frozenset({"-", "/", ":", "."})
# "shot" is internal: wounded by a shooting with no stated outcome; it is reported as injured
# but yields to any stated outcome, and a lone such victim yields to a death in the article.
_SHOT = "shot"
_CATEGORY_RANK = (
    "killed",
    "injured",
    _SHOT,
    "kidnapped",
    "missing",
    "detained",
    "released",
    "displaced",
    "evacuated",
    "deployed",
)
_SINGLETON_CATEGORIES = frozenset({"killed", "injured", _SHOT, "kidnapped", "missing", "detained"})
_LINKING_VERBS = frozenset(
    {"be", "remain", "lie", "stay", "leave", "find", "pronounce", "declare", "list", "report", "confirm"}
)


@dataclass(frozen=True)
class _Quantity:
    start: int  # token span of the quantity text, modifier included
    end: int
    head: Token  # syntactic head of the figure's own tokens
    band: Bounds
    fraction: bool = False


@dataclass(frozen=True)
class _Found:
    count: Count
    anchor: Token  # the token standing for the counted group in the parse
    noun: Token | None
    lone_shot: bool = False  # one person "shot", outcome unstated (see _settle_lone_shots)
    shot: bool = False  # people "shot", outcome unstated (see _settle_shot_groups)


# ---------------------------------------------------------------------------------------------
# 1. Quantities


# Words that can open a figure; anything else is passed over without further work.
_OPENERS = frozenset(UNITS) | {"a", "an", "one", "half", "tens", "several"} | frozenset(VAGUE_PLURALS)
_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[int, int]]]] = {}
for _phrase, _band in VAGUE_PHRASES.items():
    _PHRASES_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _band))


def _could_open(word: str) -> bool:
    return word in _OPENERS or word[:1].isdigit()


def _number_run(words: list[str], spaces: list[bool], i: int) -> int:
    """End (exclusive) of the written number starting at ``i`` ("twenty - three", "1.5 million")."""
    j, n = i + 1, len(words)
    while j < n:
        word, prev = words[j], words[j - 1]
        if word in SCALES or word == DOZEN:
            j += 1
        elif word == "-" and not spaces[j - 1] and j + 1 < n and words[j + 1] in UNITS and prev in UNITS:
            j += 2  # "twenty-three"
        elif word == "and" and prev in SCALES and j + 1 < n and words[j + 1] in UNITS:
            j += 2  # "two hundred and fifty"
        elif word in UNITS and prev in SCALES:
            j += 1
        else:
            break
    return j


def _modifier_before(words: list[str], start: int) -> tuple[int, str | None]:
    """The modifier phrase ending right before ``start``: (its first token, its kind)."""
    for length in range(min(MAX_MODIFIER_LEN, start), 0, -1):
        kind = MODIFIERS.get(tuple(words[start - length : start]))
        if kind is not None:
            return start - length, kind
    return start, None


def _modifier_after(words: list[str], end: int) -> tuple[int, str | None]:
    """ "5 or more" / "50 or so": (end including it, its kind)."""
    if end + 1 < len(words) and words[end] == "or":
        if words[end + 1] == "more":
            return end + 2, "atleast"
        if words[end + 1] == "so":
            return end + 2, "about"
    return end, None


def _head_of(doc: Doc, start: int, end: int) -> Token:
    for token in doc[start:end]:
        if not (start <= token.head.i < end) or token.head.i == token.i:
            return token
    return doc[start]


def _base_quantity(words: list[str], spaces: list[bool], i: int) -> tuple[int, Bounds, bool] | None:
    """The figure starting at ``i`` without modifiers: (end, band, is_fraction)."""
    low = words[i]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    for phrase, (lo, hi) in _PHRASES_BY_FIRST.get(low, ()):
        if tuple(words[i : i + len(phrase)]) == phrase:
            return i + len(phrase), Bounds(lo, hi, True), False
    if low in ("a", "an", "one", "half") and nxt in FRACTIONS:
        return i + 2, Bounds(None, None, True), True
    if low in UNITS and nxt in FRACTIONS:
        return i + 2, Bounds(None, None, True), True  # "two thirds of the residents"
    if low in UNITS and nxt == "-" and not spaces[i] and i + 2 < len(words) and words[i + 2] in FRACTIONS:
        return i + 3, Bounds(None, None, True), True  # "two-thirds"
    if low == "half" and nxt == "of":
        return i + 1, Bounds(None, None, True), True
    if low in ("tens", "hundreds") and nxt == "of" and i + 2 < len(words):
        band = VAGUE_COMPOUNDS.get((low, words[i + 2]))
        if band:
            return i + 3, Bounds(band[0], band[1], True), False
    if low in VAGUE_PLURALS:
        if low == "scores" and nxt != "of":  # "test scores"
            return None
        lo, hi = VAGUE_PLURALS[low]
        return i + 1, Bounds(lo, hi, True), False
    if low in ("a", "an") and nxt in SCALES:
        end = _number_run(words, spaces, i + 1)
    elif low in UNITS or parse_digits(low) is not None:
        end = _number_run(words, spaces, i)
    else:
        return None
    value = parse_number(words[i:end])
    if value is None or value < 0:
        return None
    return end, exact_band(value), False


# Words that join the two ends of a range: "25,000 to 30,000", "25,000-30,000", "between 25,000
# and 30,000" ("and" only after "between", or it is two figures: "two killed and three hurt").
_RANGE_JOINERS = frozenset({"to", "-", "–", "—"})


def _range_end(
    words: list[str], spaces: list[bool], i: int, end: int, start: int, modifier: str | None
) -> tuple[int, Bounds] | None:
    """(end, band) of the range's upper figure when the figure at ``i..end`` opens a range."""
    if end + 1 >= len(words):
        return None
    joiner = words[end]
    if not (joiner in _RANGE_JOINERS or (joiner == "and" and modifier == "between")):
        return None
    if joiner in ("-", "–", "—") and (spaces[end - 1] != spaces[end]):
        return None  # "2 - 1" glued on one side only is a score or a dash, not a range
    upper = _base_quantity(words, spaces, end + 1) if _could_open(words[end + 1]) else None
    if upper is None or upper[2]:
        return None
    first = _base_quantity(words, spaces, i)
    if first is None or first[1].low is None or upper[1].high is None or upper[1].high <= first[1].low:
        return None  # "one to one", "10 to 2": not a range of one figure
    return upper[0], upper[1]


def _quantities(doc: Doc) -> Iterator[_Quantity]:
    words = [t.lower_ for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    i = 0
    while i < len(words):
        found = _base_quantity(words, spaces, i) if _could_open(words[i]) else None
        if found is None:
            i += 1
            continue
        end, band, fraction = found
        start, modifier = _modifier_before(words, i)
        upper = None if fraction else _range_end(words, spaces, i, end, start, modifier)
        if upper is not None:
            end, top = upper
            band = Bounds(band.low, top.high, True)
            if modifier == "between":
                modifier = None
        elif modifier == "between":
            start, modifier = i, None  # "between two buildings": no range, and "between" is no part of it
        head = _head_of(doc, i, end)
        span_end, after = _modifier_after(words, end)
        yield _Quantity(start, span_end, head, apply_modifier(band, modifier or after), fraction)
        i = span_end


# ---------------------------------------------------------------------------------------------
# 2. Noise


def _is_year(q: _Quantity, doc: Doc) -> bool:
    text = q.head.text
    return len(text) == 4 and text.isdigit() and 1800 <= int(text) <= 2100


def _glued_to_digits(doc: Doc, q: _Quantity) -> bool:
    """Part of a phone number, score, date or time: "555-1234", "3-2", "1/27", "8:20"."""
    first, last = doc[q.start], doc[q.end - 1]
    if q.end < len(doc) - 1 and not last.whitespace_ and doc[q.end].text in _JOINERS and doc[q.end + 1].is_digit:
        return True
    if (
        q.start >= 2
        and doc[q.start - 1].text in _JOINERS
        and not doc[q.start - 1].whitespace_
        and doc[q.start - 2].is_digit
    ):
        return True
    return first.text.startswith("(") or (
        q.start > 0 and doc[q.start - 1].text == "(" and q.end < len(doc) and doc[q.end].text == ")"
    )


def _glued_to_word(doc: Doc, q: _Quantity) -> bool:
    """A compound modifier or a code, not a count: "four-door", "9-year-old", "474-TIPS",
    "800-SPEAK-UP": the figure is glued by a hyphen to the word after it."""
    last = doc[q.end - 1]
    if q.end + 1 >= len(doc) or last.whitespace_ or doc[q.end].text not in ("-", "–"):
        return False
    word = doc[q.end + 1]
    return not doc[q.end].whitespace_ and word.is_alpha and word.lower_ not in UNITS


def _is_emergency_number(doc: Doc, q: _Quantity) -> bool:
    """ "call 911", "911 dispatchers", "a 911 call": the number to dial, never 911 of anything."""
    return q.end - q.start == 1 and doc[q.start].text == "911"


def _in_age_list(q: _Quantity) -> bool:
    """ "ages 15, 18, and 22", "aged 21, 22, and 24": every figure of the list is an age, not only
    the first (read off the tokens: the parser rarely gets such lists right)."""
    doc = q.head.doc
    if q.end < len(doc) and doc[q.end].pos_ == "NOUN":
        return False  # "ages 15 and 22, and three women": the figure counts the women
    i = q.start - 1
    while i >= 0 and (doc[i].like_num or doc[i].lower_ in (",", "and", "or")):
        i -= 1
    return i >= 0 and i < q.start - 1 and doc[i].lower_ in ("ages", "aged", "age")


def _is_noise(doc: Doc, q: _Quantity, noun: Token | None) -> bool:
    head = q.head
    before = doc[q.start - 1].lower_ if q.start > 0 else ""
    after = doc[q.end] if q.end < len(doc) else None
    if head.ent_type_ in _NOISE_ENTS:
        return True
    if before in _CURRENCY or before in _NOT_A_COUNT_BEFORE:
        return True
    if after is not None:
        word = doc[q.end + 1] if after.text == "-" and q.end + 1 < len(doc) else after
        if word.lemma_.lower() in vocab.UNIT_NOUNS or word.lower_ in vocab.UNIT_NOUNS:
            return True
    if noun is not None and (
        noun.lemma_.lower() in vocab.UNIT_NOUNS
        or noun.lemma_.lower() in vocab.NON_COUNT_HEADS
        or noun.lower_ in vocab.MONTHS
        or noun.ent_type_ in _NOISE_ENTS
    ):
        return True  # "24 hours", "11 September"
    if _is_year(q, doc) or _glued_to_digits(doc, q) or _glued_to_word(doc, q) or _is_emergency_number(doc, q):
        return True
    if _in_age_list(q) or _is_rate(doc, q, noun):
        return True
    # A number after the noun it belongs to names rather than counts ("Channel 7", "Smith, 25,").
    if (
        head.dep_ in ("nummod", "compound", "npadvmod", "appos")
        and head.head.i < head.i
        and head.head.pos_ in ("NOUN", "PROPN")
    ):
        return noun is None or noun.i < head.i
    return False


def _is_rate(doc: Doc, q: _Quantity, noun: Token | None) -> bool:
    """ "19.3 deaths per 100,000 people", "an average of 30 shot per day": a rate, not a count of
    the event's people."""
    after = (noun.i if noun is not None and noun.i >= q.end else q.end - 1) + 1
    pers = [doc[after]] if after < len(doc) and doc[after].lower_ == "per" else []
    verb = _governing_verb(q.head)
    if verb is not None:
        pers += [c for c in verb.children if c.lower_ == "per" and c.dep_ == "prep"]
    # "per day", "per 100,000 people", "per capita"; never "per police" (as the police said)
    return any(any(t.like_num or t.lemma_.lower() in _RATE_BASES for t in doc[p.i + 1 : p.i + 3]) for p in pers)


_RATE_BASES = frozenset(
    "capita head person resident inhabitant people day week month year hour minute decade thousand million".split()
)


# ---------------------------------------------------------------------------------------------
# 3. The counted noun and the subject text


def _counted_noun(q: _Quantity) -> tuple[Token, Token | None]:
    """(anchor, noun): the token standing for the group in the parse, and the counted noun."""
    anchor, noun = _direct_noun(q)
    if noun is None:
        after = _plural_noun_after(q)
        if after is not None:
            return after, after
    if noun is not None and noun.lemma_.lower() in vocab.TOTAL_NOUNS:
        # "the total number of people displaced", "a total of 2,093,030 IDPs": count the people
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0], objects[0]
    return anchor, noun


def _plural_noun_after(q: _Quantity) -> Token | None:
    """ "between 2,000 and 4,000 newly displaced people": the parser loses the range's noun; the
    plural noun right after the figure (past its adverbs and adjectives) is what it counts."""
    doc = q.head.doc
    for token in doc[q.end : min(q.end + 4, len(doc))]:
        if token.tag_ in ("NNS", "NNPS") and token.pos_ in ("NOUN", "PROPN"):
            return token
        if token.pos_ not in ("ADV", "ADJ", "VERB") or token.dep_ not in ("advmod", "amod", "compound"):
            return None
    return None


def _direct_noun(q: _Quantity) -> tuple[Token, Token | None]:
    head = q.head
    parent = head.head
    if (
        head.dep_ in ("nummod", "quantmod", "amod", "compound", "det")
        and parent.i > head.i
        and parent.pos_ in ("NOUN", "PROPN")
    ):
        # "three bank workers" parsed with the figure on the modifier "bank": the noun it modifies
        # is what is counted
        while parent.dep_ == "compound" and parent.head.i > parent.i and parent.head.pos_ in ("NOUN", "PROPN"):
            parent = parent.head
        return parent, parent
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return head, objects[0]
    if (
        head.pos_ == "NOUN"
        and head.lower_ not in VAGUE_PLURALS
        and head.lower_ not in FRACTIONS
        and head.lower_ not in (DOZEN, "few", "couple", "handful")
        and head.lemma_ not in SCALES
    ):
        return head, head  # "several people": the quantifier's head is the noun itself
    return head, None


def _subject_text(noun: Token | None) -> str | None:
    if noun is None or noun.pos_ == "PRON":
        return None
    mods = [
        c
        for c in noun.lefts
        if c.dep_ in ("compound", "amod")
        and c.lower_ not in vocab.SUBJECT_STOP
        and c.lower_ not in vocab.ADJECTIVES
        and not c.like_num
        and c.is_alpha
    ]
    words = [m.text for m in mods] + [noun.text]
    return " ".join(words)


# ---------------------------------------------------------------------------------------------
# 4. Category


def _rank(categories: list[str]) -> str | None:
    for name in _CATEGORY_RANK:
        if name in categories:
            return name
    return None


_ATTEMPTED = frozenset({"attempted", "attempt"})
# "two other murders", "three previous shootings": events besides this one, not its toll.
_OTHER_EVENT_WORDS = frozenset({"other", "previous", "separate", "unrelated", "earlier", "prior", "similar"})


def _other_events(noun: Token) -> bool:
    return noun.lemma_.lower() in vocab.EVENT_NOUNS and any(
        c.dep_ == "amod" and c.lower_ in _OTHER_EVENT_WORDS for c in noun.children
    )


def _own_cue(doc: Doc, q: _Quantity, anchor: Token, noun: Token | None) -> str | None:
    """A category the group's own words state: "five deaths", "one dead", "two people injured"."""
    if noun is not None and _other_events(noun):
        return "other"
    if noun is not None and noun.lemma_.lower() in vocab.NOUNS and noun.i >= q.head.i:
        return vocab.NOUNS[noun.lemma_.lower()]
    if noun is not None and noun.lower_ in vocab.NOUNS:
        return vocab.NOUNS[noun.lower_]
    after = max(q.end, noun.i + 1 if noun is not None and noun.i >= q.end else q.end)
    nxt = doc[after] if after < len(doc) else None
    if nxt is not None and nxt.dep_ == "acl" and nxt.tag_ in ("VBN", "VBD"):
        chained = _chain_category(nxt, "object")  # "four men shot to death", "two shot and killed"
        if chained is not None:
            return chained
    if (
        nxt is not None
        and nxt.lower_ in vocab.ADJECTIVES
        and nxt.dep_ not in ("amod", "compound")
        and not _has_object(nxt)
        and not _acts_on_someone(nxt)
    ):
        # "one dead", "two people injured"; not "two gunmen killed a man", "officers shot and killed him"
        return vocab.ADJECTIVES[nxt.lower_]
    cues: list[str] = []
    for token in {anchor, q.head}:
        for child in token.children:
            if child.dep_ in ("amod", "acl", "oprd", "advmod", "acomp") and child.i > q.head.i:
                if child.lower_ in vocab.FATAL_ADVERBS:
                    cues.append("killed")
                elif child.lower_ in vocab.INJURY_ADVERBS:
                    cues.append("injured")
                elif child.dep_ == "acl" and child.tag_ == "VBG" and _suffers_wound(child):
                    # "four victims suffering from gunshot wounds": hit, the outcome untold (some
                    # of them may be the dead the article counts apart)
                    cues.append(_SHOT)
                elif child.dep_ == "acl" and child.tag_ in ("VBN", "VBD"):
                    # a reduced relative clause is a verb with its own chain: "the four men shot
                    # to death", "two people shot and killed"
                    cues.extend(c for c in [_chain_category(child, "object")] if c is not None)
                elif child.lower_ in vocab.ADJECTIVES:
                    cues.append(vocab.ADJECTIVES[child.lower_])
    return _rank(cues)


def _suffers_wound(verb: Token) -> bool:
    """ "suffering gunshot wounds", "suffering from a gunshot wound", "sustaining injuries"."""
    if verb.lemma_.lower() not in vocab.SUFFER_VERBS:
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [
        o for p in verb.children if p.dep_ == "prep" and p.lower_ == "from" for o in p.children if o.dep_ == "pobj"
    ]
    return any(o.lemma_.lower() in vocab.WOUND_NOUNS for o in objects)


def _is_wound_prep(prep: Token) -> bool:
    """ "in critical condition", "with a gunshot wound"."""
    objects = [c.lemma_.lower() for c in prep.children if c.dep_ == "pobj"]
    if prep.lower_ == "in":
        return any(o in vocab.CONDITION_NOUNS for o in objects)
    if prep.lower_ == "with":
        return any(o in vocab.WOUND_NOUNS for o in objects)
    return False


def _has_object(verb: Token) -> bool:
    return any(c.dep_ == "dobj" for c in verb.children)


def _has_own_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _verb_chain(verb: Token, role: str = "subject") -> list[Token]:
    """The verb and the conjoined verbs that share its subject ("were shot and killed").

    For an object, a conjoined verb with an object of its own speaks of that object, not this
    one: in "killed 1 woman and injured 11 others" the 11 are injured, not killed.
    """

    def shares(member: Token) -> bool:
        # "find the victim and kill him": an object that is a pronoun is the first verb's object
        return role != "object" or all(c.lower_ in vocab.OBJECT_PRONOUNS for c in member.children if c.dep_ == "dobj")

    chain = [verb]
    top = verb
    while top.dep_ == "conj" and top.head.pos_ in ("VERB", "AUX") and not _has_own_subject(top):
        top = top.head
        if shares(top):
            chain.append(top)
    stack = [top]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX", "ADJ") and not _has_own_subject(child):
                if child is not verb and shares(child):
                    chain.append(child)
                stack.append(child)
            elif child.dep_ in ("xcomp", "oprd", "ccomp") and child.tag_ == "VBN" and not _has_own_subject(child):
                chain.append(child)  # "was found shot and killed": the participle describes the subject
                stack.append(child)
    return chain


def _pobj_words(prep: Token, proper: bool = True) -> set[str]:
    """Lemmas naming the place a preposition points at: its objects (and their conjuncts) with
    their compounds ("Kendall Regional Trauma Center", "reception centres and camps"), not the
    whole subtree ("the home at 219 Center St." is no centre)."""
    words: set[str] = set()
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    objects += [c for o in objects for c in o.children if c.dep_ == "conj"]
    for obj in objects:
        if not proper and obj.pos_ == "PROPN":
            continue  # "at 219 Center St.": an address, not a centre
        words.add(obj.lemma_.lower())
        words.update(c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod"))
    return words


def _to_or_from_hospital(verb: Token) -> bool:
    return any(
        c.dep_ == "prep" and c.lower_ in ("to", "from", "into") and _pobj_words(c) & vocab.HOSPITAL_WORDS
        for c in verb.children
    )


def _in_shelter(verb: Token) -> bool:
    """ "remained in collective centres", "living in camps", "were sheltering in schools"."""
    return verb.lemma_.lower() in vocab.STAY_VERBS and any(
        c.dep_ == "prep"
        and c.lower_ in ("in", "at", "into", "to")
        and _pobj_words(c, proper=False) & vocab.SHELTER_NOUNS
        for c in verb.children
    )


def _returns_across_borders(verb: Token) -> bool:
    """ "returned from Iran", "returned to FATA": a return from or to a named country or region,
    never "returned fire" or "returned to the scene"."""
    if _has_object(verb):
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("from", "to")
        and any(o.dep_ == "pobj" and o.ent_type_ in ("GPE", "LOC", "NORP", "ORG") for o in c.children)
        for c in verb.children
    )


def _flees_the_scene(verb: Token) -> bool:
    """ "two suspects fled the scene", "fled on foot", "fled in a silver SUV": a getaway, not a
    displacement."""
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in vocab.GETAWAY_OBJECTS:
            return True
        if child.dep_ == "prep" and child.lower_ in ("in", "on", "into") and _pobj_words(child) & vocab.GETAWAY_OBJECTS:
            return True
    return False


def _verb_cues(verb: Token, role: str) -> list[str]:
    """Categories one verb gives to its object (role "object") or subject (role "subject")."""
    lemma = verb.lemma_.lower()
    cues: list[str] = []
    for child in verb.children:
        if (
            child.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advcl")
            and child.lower_ in vocab.ADJECTIVES
            and child.pos_ == "ADJ"
        ):
            cues.append(vocab.ADJECTIVES[child.lower_])  # "found dead", "left three wounded"
        if child.dep_ == "prt" and (lemma, child.lower_) in vocab.PHRASES:
            cues.append(vocab.PHRASES[(lemma, child.lower_)])
        if (
            child.dep_ in ("dobj", "oprd", "npadvmod")
            and (lemma, child.lemma_.lower()) in vocab.PHRASES
            and role == "object"
        ):
            cues.append(vocab.PHRASES[(lemma, child.lemma_.lower())])  # "took 3 people hostage"
        if child.dep_ == "prep" and child.lower_ == "to" and any(g.lower_ == "death" for g in child.children):
            cues.append("killed")  # "shot to death", "beaten to death"
        if child.dep_ == "prep" and _is_wound_prep(child) and role == "object":
            cues.append("injured")  # "left a man in critical condition", "with gunshot wounds"
        if (
            role == "subject"
            and lemma in vocab.SUFFER_VERBS
            and child.dep_ == "dobj"
            and child.lemma_.lower() in vocab.WOUND_NOUNS
        ):
            cues.append("injured")  # "suffered a gunshot wound"
    # "rushed/airlifted to the hospital", "released from the hospital": the hurt, not troops
    # deployed or captives released (only these verbs: "taken to the hospital" says nothing new).
    # Only for a group ("four victims", "One"): "when he is released from the hospital" may be a
    # driver hurt in a crash; a lone person's outcome comes from the rest of the article.
    to_hospital = _to_or_from_hospital(verb) and any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj") and (c.tag_ in ("NNS", "NNPS") or c.pos_ == "NUM")
        for c in verb.children
    )
    if _in_shelter(verb):
        cues.append("displaced")  # "1,900 people were still in nine evacuation centres"
    if role == "object" and lemma in vocab.FORCE_VERBS:
        for child in verb.children:
            if child.dep_ in ("xcomp", "ccomp") and child.lemma_.lower() in vocab.SUBJECT_VERBS:
                cues.extend(_verb_cues(child, "subject"))  # "forced 300 people to flee"
    if role == "subject" and lemma == "return" and _returns_across_borders(verb):
        cues.append("displaced")  # "9,000 Afghans returned from Iran": returnees, as coders count them
    if role == "subject":
        if lemma in vocab.SUBJECT_VERBS and not _flees_the_scene(verb):
            category = vocab.SUBJECT_VERBS[lemma]
            cues.append("injured" if to_hospital and category == "deployed" else category)
        if verb.pos_ == "ADJ" and verb.lower_ in vocab.ADJECTIVES:
            cues.append(vocab.ADJECTIVES[verb.lower_])
        return cues
    if lemma in vocab.OBJECT_VERBS:
        category = vocab.OBJECT_VERBS[lemma]
        cues.append("injured" if to_hospital and category in ("deployed", "released") else category)
    if lemma in vocab.SHOOT_VERBS:
        adverbs = {c.lower_ for c in verb.children if c.dep_ in ("advmod", "oprd", "acomp")}
        if adverbs & vocab.FATAL_ADVERBS:
            cues.append("killed")
        else:
            cues.append(_SHOT)
    return cues


def _conjunct_role(verb: Token, role: str) -> str:
    """The role the shared subject plays for a conjoined verb: "got into a fight and was shot"."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return "object"
    if verb.lemma_.lower() in vocab.SUBJECT_VERBS:
        return "subject"
    return role


def _is_negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _chain_category(verb: Token, role: str) -> str | None:
    if _is_negated(verb):
        return None  # "the officers were not hurt"
    if verb.dep_ == "xcomp" and (
        verb.head.lemma_.lower() in vocab.INTENT_VERBS or verb.head.lower_ in vocab.INTENT_VERB_FORMS
    ):
        return None  # "planned to kill hundreds", "threatened to kill them": nobody was
    cues: list[str] = []
    for member in _verb_chain(verb, role):
        # A conjoined intransitive ("was shot and later died") speaks of the same subject.
        member_role = role if member is verb else _conjunct_role(member, role)
        cues.extend(_verb_cues(member, member_role))
    return _rank(cues)


def _is_headline_passive(verb: Token) -> bool:
    """ "three wounded", "two killed": a bare participle with no auxiliary and no object."""
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "dobj") for c in verb.children)


def _acts_on_someone(verb: Token) -> bool:
    """The subject of "opened fire and shot Clark dead" or "shot and killed the suspect" is who
    shot, not who was hit: a verb of its chain that harms or moves people has an object of its own
    (not "himself": "he shot himself" tells what happened to him)."""
    for member in _verb_chain(verb, "subject"):
        lemma = member.lemma_.lower()
        if member.pos_ == "VERB" and (lemma in vocab.OBJECT_VERBS or lemma in vocab.SHOOT_VERBS):
            if any(c.dep_ == "dobj" and not c.lower_.endswith(("self", "selves")) for c in member.children):
                return True
    return False


def _relation_category(anchor: Token, depth: int = 0) -> str | None:
    """The category the anchor's place in the parse gives it."""
    if depth > 4:
        return None
    dep, parent = anchor.dep_, anchor.head
    if parent.i == anchor.i:
        return None
    if dep in ("dobj", "obj") and parent.pos_ in ("VERB", "AUX"):
        return _chain_category(parent, "object")
    if dep in ("nsubj", "nsubjpass"):
        return _rank([c for c in (_subject_relation(anchor, parent), _passive_adjunct(parent)) if c])
    return _other_relation(anchor, dep, parent, depth)


def _subject_relation(anchor: Token, parent: Token) -> str | None:
    dep = anchor.dep_
    if dep == "nsubjpass" and parent.pos_ in ("VERB", "AUX"):
        return _chain_category(parent, "object")
    if dep == "nsubj":
        if _acts_on_someone(parent):
            return None
        if (
            parent.lower_ in vocab.ADJECTIVES
            and (parent.pos_ == "ADJ" or parent.tag_ == "VBG")
            and not _has_object(parent)
        ):
            # "left one dead" parsed as a small clause; "four are missing" parsed as a VBG
            return vocab.ADJECTIVES[parent.lower_]
        lemma = parent.lemma_.lower()
        if lemma in vocab.OBJECT_VERBS or lemma in vocab.SHOOT_VERBS:
            return _chain_category(parent, "object") if _is_headline_passive(parent) else None
        category = _chain_category(parent, "subject")
        if category is None and lemma in _LINKING_VERBS:
            category = _condition_category(parent)
        return category
    return None


def _other_relation(anchor: Token, dep: str, parent: Token, depth: int) -> str | None:
    if dep == "pobj":
        prep = parent
        governor = prep.head
        if prep.lower_ in ("to", "at", "of") and _is_toll(governor):
            return "killed"  # "the death toll rose to 14", "a death toll of 14"
        if prep.lower_ in ("in",) and governor.pos_ == "VERB" and (governor.lemma_.lower(), "in") in vocab.PHRASES:
            return vocab.PHRASES[(governor.lemma_.lower(), "in")]  # "flew in hundreds of commandos"
        if prep.lower_ == "of" and governor.lemma_.lower() in vocab.DEATH_EVENT_NOUNS:
            if any(c.lower_ in _ATTEMPTED for c in governor.children):
                return "other"  # "attempted murder of two deputies": they were not killed
            return "killed"  # "the shooting death of Goldie Long", "the murder of two men"
        if prep.lower_ == "of" and governor.lemma_.lower() in vocab.DISPLACEMENT_EVENT_NOUNS:
            return vocab.DISPLACEMENT_EVENT_NOUNS[governor.lemma_.lower()]  # "the displacement of 2.3 million people"
        if prep.lower_ in ("including", "among") or prep.lemma_ == "include":
            if governor.pos_ in ("VERB", "AUX"):
                # "12 people were killed, including 10 Americans": the part shares the verb's group
                return _chain_category(governor, "object") or _chain_category(governor, "subject")
            return _group_category(governor, depth + 1)  # "400 inmates, including 100 fighters"
        return None
    if dep == "appos" or (dep == "conj" and _is_additive(anchor)):
        found = _group_category(parent, depth + 1)
        near = _nearer_conjunct(anchor) if dep == "conj" and found is None else None
        return _group_category(near, depth + 1) if near is not None else found
    return None


def _nearer_conjunct(anchor: Token) -> Token | None:
    """The noun right before "and" when the parser joined the conjunct to a farther one: in "the
    man who fled after killing his wife and four daughters" the small model makes the daughters
    a conjunct of "man", and only "wife" says what happened to them."""
    left = anchor.left_edge.i
    doc = anchor.doc
    if left < 2 or doc[left - 1].lower_ != "and":
        return None
    near = doc[left - 2]
    if near.i == anchor.head.i or near.pos_ not in ("NOUN", "PROPN") or near.dep_ not in ("dobj", "pobj"):
        return None
    return near


def _passive_adjunct(verb: Token) -> str | None:
    """ "A man is recovering after being shot": a subjectless passive adjunct speaks of the subject."""
    cues: list[str] = []
    for child in verb.children:
        if child.dep_ == "advcl" and any(c.dep_ == "auxpass" for c in child.children) and not _has_own_subject(child):
            cues.extend(_verb_cues(child, "object"))
    return _rank(cues)


def _group_category(token: Token, depth: int) -> str | None:
    """Category of the group a token stands for: its own noun, its adjectives, or its relation."""
    if token.lemma_.lower() in vocab.NOUNS and token.pos_ == "NOUN":
        return vocab.NOUNS[token.lemma_.lower()]
    for child in token.children:
        if child.dep_ in ("amod", "acl", "advmod") and child.i > token.i:
            if child.lower_ in vocab.FATAL_ADVERBS:
                return "killed"
            if child.lower_ in vocab.ADJECTIVES:
                return vocab.ADJECTIVES[child.lower_]
    return _relation_category(token, depth)


def _is_toll(token: Token) -> bool:
    if token.lemma_.lower() in vocab.TOLL_NOUNS:
        return True
    return token.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in vocab.TOLL_NOUNS for c in token.children
    )


def _condition_category(verb: Token) -> str | None:
    """ "two were in critical condition", "one remains hospitalized"."""
    for child in verb.children:
        if child.dep_ in ("acomp", "attr", "oprd") and child.lower_ in vocab.ADJECTIVES:
            return vocab.ADJECTIVES[child.lower_]
        if child.dep_ == "prep" and child.lower_ in ("in", "at"):
            for obj in child.children:
                if obj.lemma_.lower() in ("condition", "hospital"):
                    return "injured"
    return None


def _relative_category(token: Token) -> str | None:
    """ "Jon Boring, 51, who was shot and killed": the relative pronoun stands for the noun."""
    for clause in token.children:
        if clause.dep_ == "relcl":
            for pronoun in clause.children:
                if pronoun.dep_ in ("nsubj", "nsubjpass") and pronoun.lower_ in ("who", "that"):
                    return _relation_category(pronoun)
    return None


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(4):
        if current.pos_ in ("VERB", "AUX"):
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _dated_to_period(token: Token) -> bool:
    """A date modifier that names a year or a period, not a day ("in 2014", "this year"), a span
    since a date ("since early October"), or a tally over several events ("in 12 shootings",
    "across the city")."""
    for child in token.children:
        if child.dep_ not in ("prep", "npadvmod", "advmod", "pobj"):
            continue
        if child.dep_ == "prep" and child.lower_ == "since":
            return True
        if any(t.lower_ == "alone" for t in child.subtree) and child.dep_ == "prep":
            return True  # "80 people were killed in the city in November alone"
        if child.dep_ == "advmod" and child.lower_ == "far" and any(c.lower_ == "so" for c in child.children):
            return True  # "so far this year"
        if child.dep_ == "prep" and child.lower_ == "over" and _pobj_words(child) & vocab.SPAN_NOUNS:
            return True  # "27 wounded over an eight-hour stretch", "20 people shot over a span of 80 hours"
        if child.dep_ == "prep" and child.lower_ in ("in", "across", "throughout"):
            objects = [o for o in child.children if o.dep_ == "pobj"]
            if any(o.tag_ == "NNS" and o.lemma_.lower() in vocab.EVENT_NOUNS for o in objects):
                return True  # "ten others were injured in 12 shootings"
            if child.lower_ != "in" and any(o.lemma_.lower() in vocab.WIDE_AREA_NOUNS for o in objects):
                return True  # "35 people were shot across the city"
        dates = [t for t in child.subtree if t.ent_type_ == "DATE"]
        if not dates:
            continue
        words = [t.lower_ for t in dates]
        has_year = any(len(w) == 4 and w.isdigit() for w in words) or "year" in words or "years" in words
        has_day = any(w.isdigit() and len(w) <= 2 for w in words) or any(w in vocab.DAY_WORDS for w in words)
        if has_year and not has_day:
            return True
    return False


def _is_period_statistic(anchor: Token) -> bool:
    """A figure for a year or a period ("22 homicides in 2014", "nine officers shot this year").

    Such figures are background statistics, not the event's toll: they are kept as "other" so
    that they never stand for the event's killed or injured.
    """
    verb = _governing_verb(anchor)
    clauses = [c for c in anchor.children if c.dep_ == "acl"]  # "104 people shot in Toledo this year"
    if verb is not None:
        # "Four people were killed and at least 16 others wounded in shootings across Chicago":
        # conjoined verbs share the adjunct the parser hangs on one of them
        clauses += [verb.head] if verb.dep_ == "conj" else []
        clauses.append(verb)
    clauses += [
        c for clause in list(clauses) for c in clause.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
    ]
    return (
        _dated_to_period(anchor)
        or (verb is not None and _dated_to_period(verb))
        or any(_dated_to_period(c) for c in clauses)
    )


# Displacement is reported for a period ("46,000 displaced as of February 2017", "34,000
# displacements between December and January"): a period is its normal frame, not background.
_PERIOD_CATEGORIES = frozenset({"displaced", "evacuated"})


def _category(doc: Doc, q: _Quantity, anchor: Token, noun: Token | None) -> str | None:
    category = _own_cue(doc, q, anchor, noun) or _relation_category(anchor) or _relative_category(anchor)
    if category is None and anchor is not q.head:
        category = _relation_category(q.head)
    if category is not None and noun is not None and noun.lemma_.lower() in vocab.THING_NOUNS:
        return "other"  # "captured dozens of districts" is no detention
    if category is not None and category not in _PERIOD_CATEGORIES and _is_period_statistic(anchor):
        return "other"
    if category in ("displaced", "evacuated") and noun is not None and noun.lemma_.lower() in vocab.PERPETRATOR_NOUNS:
        return None  # "the two shooters fled": a getaway
    return category


# ---------------------------------------------------------------------------------------------
# 7. Attribution


def _source_text(doc: Doc, token: Token) -> str | None:
    """The speaker phrase headed by ``token``, without clauses and appositions hanging off it."""
    if token.pos_ == "PRON":
        return None
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in ("prep", "compound", "amod", "nummod") and not child.is_punct:
            right = max(right, child.right_edge.i)
        else:
            break
    tokens = [t for t in doc[left : right + 1]]
    while tokens and (tokens[0].dep_ in ("det", "punct") or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return None
    return doc[tokens[0].i : tokens[-1].i + 1].text


def _according_to(token: Token) -> Token | None:
    for child in token.children:
        if child.lower_ == "according":
            for to in child.children:
                for obj in to.children:
                    if obj.dep_ == "pobj":
                        return obj
    return None


def _speaker_of(verb: Token) -> Token | None:
    if verb.lemma_.lower() not in vocab.SAY_VERBS:
        return None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def _attribution(doc: Doc, anchor: Token) -> str | None:
    """Who states the figure: a reporting verb above it, one hanging off it, or "according to"."""
    path = [anchor, *anchor.ancestors]
    for token in path:
        source = _according_to(token)
        if source is None and token is not anchor:
            speaker = _speaker_of(token)
            source = speaker
        if source is None:
            for child in token.children:
                if child.dep_ in ("parataxis", "advcl", "conj") and child.i > anchor.i:
                    source = _speaker_of(child) or _according_to(child)
                    if source is not None:
                        break
        if source is not None:
            text = _source_text(doc, source)
            if text:
                return text
    return None


# ---------------------------------------------------------------------------------------------
# 5. Singular victims, and assembling the counts


def _singular_person(token: Token) -> tuple[int, str | None] | None:
    """(first token, subject) when ``token`` names one person: "a man", "the victim", "Jane Doe"."""
    if any(c.dep_ == "nummod" for c in token.children):
        return None
    if token.pos_ == "NOUN" and token.tag_ == "NN" and token.lemma_.lower() in vocab.PERSON_NOUNS:
        for child in token.lefts:
            if (child.dep_ == "det" and child.lower_ in vocab.SINGULAR_DETERMINERS) or child.dep_ == "poss":
                return child.i, token.lower_
        if (
            token.dep_ == "conj"
            and token.head.i < token.i
            and token.head.pos_ == "NOUN"
            and _singular_person(token.head) is not None
        ):
            return token.left_edge.i, token.lower_  # "a woman and 3-year-old child": the article is shared
        return None
    if token.pos_ == "PRON" and token.lower_ in vocab.SINGULAR_PRONOUNS:
        return token.i, None
    # A name is taken for a person when NER says so, or says nothing and it is not shouted
    # (all-caps words are datelines and transcripts: "AURORA, Colo.", "NOBODY WAS INJURED").
    if (
        token.pos_ == "PROPN"
        and token.dep_ != "compound"
        and token.is_alpha
        and token.text[0].isupper()
        and (token.ent_type_ == "PERSON" or (not token.ent_type_ and not token.is_upper))
    ):
        first = token.i
        while (
            first > 0
            and token.doc[first - 1].dep_ == "compound"
            and token.doc[first - 1].head.i == token.i
            and token.doc[first - 1].pos_ == "PROPN"
        ):
            first -= 1
        return first, token.doc[first : token.i + 1].text
    return None


def _make_count(
    doc: Doc,
    article: Article,
    start: int,
    end: int,
    band: Bounds,
    category: str,
    subject: str | None,
    attributed: str | None,
    scope: Scope = "total",
) -> Count:
    first, last = doc[start], doc[end - 1]
    char_start, char_end = first.idx, last.idx + len(last.text)
    return Count(
        category=one_of(COUNT_CATEGORIES, category),
        text=article.text[char_start:char_end],
        subject=subject,
        low=band.low,
        high=band.high,
        approximate=band.approximate,
        attributed_to=attributed,
        start=char_start,
        end=char_end,
        sentence=sentence_index(doc, first),
        scope=scope,
        as_of=article.published,
    )


# Entity types a counted proper noun may have and still be people: "10 Americans", "30 Taliban".
_PEOPLE_ENTS = frozenset({"NORP", "PERSON"})


def _names_a_thing(doc: Doc, q: _Quantity, noun: Token | None) -> bool:
    """A figure with no category followed by a proper noun is part of a name or an address
    ("7 Eyewitness News crew", "219 Center St.", "474 TIPS"), not a group of people."""
    after = doc[q.end] if q.end < len(doc) else None
    return any(t is not None and t.pos_ == "PROPN" and t.ent_type_ not in _PEOPLE_ENTS for t in (noun, after))


# Prepositions that pick a part of a larger group: "12 killed, including 10 Americans",
# "among them two children".
_PART_PREPS = frozenset({"including", "among", "include", "includes"})


def _scope(anchor: Token) -> Scope:
    """ "subset" for a figure that counts part of another figure's group; else "total"."""
    if anchor.dep_ == "pobj" and anchor.head.lower_ in _PART_PREPS:
        return "subset"
    # "two of the victims", "three of them": a partitive figure
    if (
        any(
            c.dep_ == "prep"
            and c.lower_ == "of"
            and any(
                g.dep_ == "pobj" and (g.tag_ in ("NNS", "NNPS") or g.lower_ in ("them", "whom")) for g in c.children
            )
            for c in anchor.children
        )
        and anchor.pos_ == "NUM"
    ):
        return "subset"
    return "total"


def _displacement_clause(anchor: Token, noun: Token) -> str | None:
    """Displacement the parse misses: a count of people whose clause speaks of displacement.

    Humanitarian reports pack a figure into long clauses that the small parser often gets
    wrong ("900 people remained displaced", "displaced 583,000 families or 2.5 million
    people"); a people count whose own clause holds a displacement word is that figure. A
    getaway ("fled the scene") is not one. Checked on idetect-dev and gva-dev (see
    benchmarks/bench_idetect.py, bench_fusion.py).
    """
    if noun.lemma_.lower() not in vocab.DISPLACEABLE_NOUNS:
        return None
    verb = _governing_verb(anchor)
    if verb is not None and verb.pos_ == "AUX" and verb.head.pos_ == "VERB":
        verb = verb.head  # "900 people remained displaced": the participle heads the clause
    clause = list(verb.subtree) if verb is not None else list(anchor.sent)
    words = {t.lemma_.lower() for t in clause} | {t.lower_ for t in clause}
    if words & vocab.GETAWAY_OBJECTS and words & {"flee", "fled", "escape"}:
        return None
    for word, category in vocab.DISPLACEMENT_WORDS.items():
        if word in words:
            return category
    return None


def _figure_counts(doc: Doc, article: Article) -> list[_Found]:
    found: list[_Found] = []
    for q in _quantities(doc):
        anchor, noun = _counted_noun(q)
        if _is_noise(doc, q, noun):
            continue
        category = _category(doc, q, anchor, noun)
        if noun is not None and (
            category is None or (category == "deployed" and noun.lemma_.lower() in vocab.DISPLACEABLE_NOUNS)
        ):
            # "310 households arrived in Kalonda ... where they fled": families arriving are
            # displaced, not deployed like troops
            category = _displacement_clause(anchor, noun) or (None if category == "deployed" else category)
        if q.fraction:
            category = "other"
        elif category is None:
            if noun is None or noun.pos_ == "PRON" or noun is q.head:
                continue  # a bare figure with no event and no noun counts nothing we can name
            category = "other"
        if category == "other" and not q.fraction and _names_a_thing(doc, q, noun):
            continue  # "7 Eyewitness News", "219 Center St.", "474 TIPS": part of a name or an address
        subject = _subject_text(noun)
        count = _make_count(
            doc,
            article,
            q.start,
            q.end,
            q.band,
            _reported(category),
            subject,
            _attribution(doc, anchor),
            scope=_scope(anchor),
        )
        lone = category == _SHOT and q.band.low == 1 and q.band.high == 1
        found.append(_Found(count, anchor, noun, lone_shot=lone, shot=category == _SHOT and not lone))
    return found


def _singleton_counts(doc: Doc, article: Article, taken: set[int]) -> list[_Found]:
    found: list[_Found] = []
    for token in doc:
        if token.i in taken or token.dep_ not in ("nsubj", "nsubjpass", "dobj", "conj", "appos", "pobj"):
            continue
        person = _singular_person(token)
        if person is None:
            continue
        if token.lemma_.lower() in vocab.BODY_NOUNS:
            category: str | None = "killed" if _is_dead_body(token) else None
        else:
            category = _rank([c for c in (_noun_cue(token), _relation_category(token), _relative_category(token)) if c])
        if category not in _SINGLETON_CATEGORIES or _is_period_statistic(token):
            continue
        first, subject = person
        count = _make_count(
            doc,
            article,
            first,
            token.i + 1,
            Bounds(1, 1, False),
            _reported(category),
            subject,
            _attribution(doc, token),
            scope=_scope(token),  # "four others, including a 15-year-old boy"
        )
        found.append(_Found(count, token, token, lone_shot=category == _SHOT))
    return found


def _is_dead_body(token: Token) -> bool:
    """ "a man's body", "his body was found", "the body was recovered": one person dead."""
    if token.tag_ != "NN" or any(c.dep_ in ("compound", "amod") for c in token.children):
        return False  # "governing body", "student body"
    if any(c.dep_ == "poss" for c in token.children):
        return True
    return token.head.lemma_.lower() in vocab.FIND_VERBS and token.dep_ in ("nsubjpass", "dobj")


def _noun_cue(token: Token) -> str | None:
    """ "a man with a gunshot wound", "a wounded man"."""
    for child in token.children:
        if child.dep_ == "prep" and _is_wound_prep(child):
            return "injured"
        if child.dep_ == "amod" and child.lower_ in vocab.ADJECTIVES:
            return vocab.ADJECTIVES[child.lower_]
    return None


def _reported(category: str) -> str:
    return "injured" if category == _SHOT else category


def _settle_lone_shots(found: list[_Found]) -> list[_Found]:
    """Drop one-person "was shot" counts when the article reports a death.

    Without coreference we cannot tell whether "the man was shot" is the victim who died; in
    crime reports it nearly always is (the shooting is told, then its outcome), while a
    survivor is described with an outcome of its own ("wounded", "in stable condition").
    """
    if not any(f.count.category == "killed" for f in found):
        return found
    return [f for f in found if not f.lone_shot]


def _settle_shot_groups(article: Article, found: list[_Found]) -> list[_Found]:
    """People "shot" with no outcome are the wounded, unless some of them died.

    "Seven people were shot" alone reads as seven wounded (the outcome is named when it is
    death). When the article reports deaths too, the seven are everyone hit, killed included:
    the count becomes category ``shot``, and where the same sentence gives the dead ("five people
    were shot, one fatally"; "seven victims were shot ... three were deceased") the wounded are
    the difference, a count of ``injured`` whose text spans both figures.
    """
    killed = [f.count for f in found if f.count.category == "killed"]
    if not killed:
        return [dataclasses.replace(f, count=dataclasses.replace(f.count, hit=True)) if f.shot else f for f in found]
    out: list[_Found] = []
    for item in found:
        shot = item.count
        hit_low, hit_high = shot.low, shot.high
        if not item.shot or hit_low is None:
            out.append(item)
            continue
        out.append(dataclasses.replace(item, count=dataclasses.replace(shot, category="shot")))
        # The dead among them: in the same sentence, or a part of them in the next ("Seven people
        # were shot. Two of them died.")
        dead = [
            (k, k.low, k.high if k.high is not None else k.low)
            for k in killed
            # a named victim "including" the dead ("Three people were killed, including Ali Brown")
            # is a part of the dead, not "of them" the dead among the hit
            if (
                k.sentence == shot.sentence
                or (k.sentence == shot.sentence + 1 and k.scope == "subset" and not _named(k))
            )
            and k.low is not None
            and k.low < hit_low
        ]
        if dead and hit_high is not None:
            k, dead_low, dead_high = max(dead, key=lambda d: d[1] or 0)
            start, end = min(shot.start, k.start), max(shot.end, k.end)
            wounded = dataclasses.replace(
                shot,
                category="injured",
                text=article.text[start:end],
                low=hit_low - (dead_high or 0),
                high=hit_high - (dead_low or 0),
                approximate=shot.approximate or k.approximate,
                start=start,
                end=end,
            )
            out.append(dataclasses.replace(item, count=wounded, shot=False))
    return out


def _named(count: Count) -> bool:
    return count.subject is not None and count.subject[:1].isupper()


def _same_person(a: _Found, b: _Found) -> bool:
    """A cheap stand-in for coreference between two one-person counts.

    The same name or head noun ("a man ... the man", "Mitchell ... Mitchell") is one person;
    a pronoun is taken to be the person mentioned up to two sentences before it.
    """
    first, second = (a, b) if a.count.start <= b.count.start else (b, a)
    if first.noun is None or second.noun is None:
        return False
    if second.noun.pos_ == "PRON":
        return 0 <= second.count.sentence - first.count.sentence <= 2
    if first.noun.pos_ == "PRON":
        return False
    return first.noun.lower_ == second.noun.lower_


def _settle_outcomes(found: list[_Found]) -> list[_Found]:
    """A person said to be wounded and later said to have died counts once, as killed:
    "a man with a gunshot wound ... He later died"."""
    dead = [
        f
        for f in found
        if f.count.category == "killed" and f.count.low == 1 and f.count.high == 1 and f.noun is not None
    ]
    return [
        f
        for f in found
        if not (
            f.count.category == "injured"
            and f.count.low == 1
            and f.count.high == 1
            and any(_same_person(f, d) for d in dead)
        )
    ]


def _inherit_subjects(found: list[_Found]) -> list[_Found]:
    """ "69 Taliban killed and 23 others wounded": the others are Taliban too."""
    result: list[_Found] = []
    for item in found:
        noun = item.noun
        if noun is not None and noun.lemma_.lower() in vocab.ANAPHORIC_NOUNS:
            earlier = [
                r
                for r in result
                if r.count.sentence == item.count.sentence
                and r.count.subject
                and r.noun is not None
                and r.noun.lemma_.lower() not in vocab.ANAPHORIC_NOUNS
                and r.noun.tag_ in ("NNS", "NNPS")  # "1 woman and 11 others": the others are no women
            ]
            if earlier:
                count = item.count
                item = _Found(Count(**{**count.__dict__, "subject": earlier[-1].count.subject}), item.anchor, noun)
        result.append(item)
    return result


def _is_additive(conjunct: Token) -> bool:
    """ "a man and a woman", "his children as well as his wife"; not "a man or a woman",
    "the bystander instead of the suspect"."""
    between = conjunct.doc[conjunct.head.i + 1 : conjunct.i]
    return not any(t.lower_ in vocab.NON_ADDITIVE for t in between)


def _conj_root(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i and _is_additive(token):
        near = _nearer_conjunct(token)
        # the conjunct the category came from (_other_relation): "his wife and four daughters"
        token = near if near is not None and _group_category(token.head, 1) is None else token.head
    return token


def _list_head(anchor: Token) -> Token:
    """The first member of the list the anchor is in (itself when in none)."""
    root = anchor
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root


def _breaks_down(anchor: Token) -> bool:
    """ "13 people, 11 males and two females": the appositive list is the total's breakdown,
    never added to it."""
    return _list_head(anchor).dep_ == "appos"


def _breakdown_of(anchor: Token, counted: set[int]) -> bool:
    """ "three people, a man and two women, were killed": the appositive list names the parts of
    a counted group (a plural noun another figure counts), each a subset of that total, never a
    total of its own (claims-ecbplus 8ecbplus: "two women" against "one of them a pregnant
    woman" made a false conflict)."""
    head = _list_head(anchor).head
    return _breaks_down(anchor) and head.i in counted and head.tag_ in ("NNS", "NNPS")


def _part_of(part: Count, total: Count) -> bool:
    return (
        part.category == total.category
        and total.start <= part.start
        and part.end <= total.end
        and (part.low or 0) < (total.low or 0)
    )


def _aggregates(doc: Doc, article: Article, found: list[_Found]) -> list[Count]:
    """One count for each enumeration of one category ("five children as well as his wife")."""
    groups: dict[tuple[int, CountCategory], list[_Found]] = {}
    for item in found:
        if item.count.category == "other" or _breaks_down(item.anchor):
            continue
        groups.setdefault((_conj_root(item.anchor).i, item.count.category), []).append(item)
    totals: list[Count] = []
    for (_, category), members in groups.items():
        if len(members) < 2 or any(m.count.low is None for m in members):
            continue
        lows = [m.count.low or 0 for m in members]
        if len(lows) >= 3 and any(2 * low == sum(lows) for low in lows):
            continue  # "13 people, 11 males and two females": a total and its breakdown
        members.sort(key=lambda m: m.count.start)
        low = sum(m.count.low or 0 for m in members)
        highs = [m.count.high for m in members]
        high = None if any(h is None for h in highs) else sum(h or 0 for h in highs)
        start, end = members[0].count.start, members[-1].count.end
        subjects = [m.count.subject for m in members if m.count.subject]
        first = members[0].count
        totals.append(
            Count(
                category=category,
                text=article.text[start:end],
                subject=" and ".join(subjects) or None,
                low=low,
                high=high,
                approximate=any(m.count.approximate for m in members),
                attributed_to=first.attributed_to,
                start=start,
                end=end,
                sentence=first.sentence,
            )
        )
    return totals


def extract_counts(doc: Doc, article: Article) -> list[Count]:
    figures = _figure_counts(doc, article)
    taken = {f.anchor.i for f in figures} | {f.noun.i for f in figures if f.noun is not None}
    found = _inherit_subjects(sorted(figures + _singleton_counts(doc, article, taken), key=lambda f: f.count.start))
    found = _settle_outcomes(_settle_lone_shots(found))
    totals = _aggregates(doc, article, found)
    # The parts of an enumeration are parts of its total ("a man and his two children": the two
    # children are a subset of the three dead), never a competing figure for the toll.
    counted = {f.noun.i for f in figures if f.noun is not None}
    counts = [
        dataclasses.replace(f.count, scope="subset")
        if any(_part_of(f.count, t) for t in totals) or _breakdown_of(f.anchor, counted)
        else f.count
        for f in _settle_shot_groups(article, found)
    ] + totals
    measures = extract_measures(doc, article)
    # A figure with a unit is money, a share or a measure, never also a count of people.
    counts = [c for c in counts if not any(m.start < c.end and c.start < m.end for m in measures)]
    return sorted(counts + measures, key=lambda c: (c.start, c.end))
