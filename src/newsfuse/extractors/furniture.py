"""Page furniture: the pieces of a scraped page that are not the article's own reporting.

A web scrape keeps, besides the report, what the page put around it: photo and video captions,
player controls and playlists, related-link headlines, share bars, sign-up boxes, copyright and
cookie notices, bylines, time stamps, tip-line appeals. Facts read from them are false facts
("Displaced: ISIS fighters 9,000" from another story's headline), so :func:`extract_furniture`
finds them and :func:`newsfuse.extractors.extract_article` leaves out every fact whose text
lies in one. It works on the text as the input gave it (text, JSON Lines or HTML alike).

The unit is the line (a page element is a line of scraped text); a sentence of a line, or a
few words of one, when only that is furniture (a copyright sentence after a paragraph, the
credit of a caption the scrape glued to one). The evidence, each kind documented where it is
defined:

1. **Vocabulary of page elements** (``data/furniture_vocab.py``): credit forms of captions
   ("(AP Photo/…)", "Photo:", "(Published Sunday, March 23, 2014)", "… / Orlando Sentinel"),
   player words ("autoplay", "play pause", "Embed", a playlist's "1:19 Title"), sign-up,
   copyright, cookie, share-bar, byline, contact, tip-line and site-notice phrases, related-link
   labels ("Related:", "ALSO", "MORE:"). A match makes its sentence furniture, or its whole
   line for the elements that own a line when the line is no longer than such an element
   (``MAX_ELEMENT_WORDS``); in a longer line only the element's own words are furniture.
2. **Line shape**: a line made only of dates and times is a time stamp, only of share words a
   share bar, only of punctuation a separator, mostly a web address a link; a line equal to the
   title, away from the top, is the headline repeated; a short line is one element however the
   parser split it.
3. **Headline-like lines** (the one scored signal). A line with no final punctuation and no
   full stop inside, at most ``HEADLINE_MAX_WORDS`` words, starting with a capital and not
   ending in a function word looks like a headline, unless it is a dateline or a lead after
   one, a person's name alone, an item of a list the article introduces with a colon ("The
   victims are:"), a fact-box field ("Age: 48") or a person with an age ("Jane Doe, 45").
   Under a related-link label such lines are related links outright. Elsewhere each of these
   adds a point, and ``HEADLINE_MIN_SCORE`` points make it furniture: Title Case (or capitals);
   a neighbouring line is page furniture (a clip title beside its caption); a neighbouring line
   is headline-like too, after the article has begun (a list of links); it is in the tail
   (after the last line of prose); it names only names the article's prose and title do not
   (another story's headline); it occurs twice; it opens with an interface glyph ("×", "▶");
   it holds a clip duration or a time; it is built as headlines are (present tense for the
   past, "Man kills brother"; bare participle, "4 killed in shooting"; infinitive, "Rays to
   donate"); it is very short (a label or a subheading). Such a line is ``other story`` when
   its names are all foreign to the article, else ``heading``.

Decisions:

- The first non-empty line is never taken for a headline of something else: in text input it is
  the title, and in JSON Lines and HTML text it is the article's own headline or lead when it
  looks like one. Only page-element vocabulary (a caption credit, a cookie notice) or an
  interface glyph before it makes it furniture. The title repeated further down is furniture.
- A dateline ("SAN JOSE, Calif. (AP) —", "DETROIT -") is not furniture: it says where the report
  was filed, and the places stage reads the event's place from it. It is no statement either,
  but that is for the stages that build statements to weigh; here it only keeps a dateline and
  the lead after it from being scored as a headline.
- An embedded post (a tweet) is a quoted statement, often the reporter's own live reporting:
  its text stays, its signature ("— Name (@handle) July 11, 2016") and picture link go.
- A tip-line appeal addressed to the reader ("Anyone with information … call …", with a number
  or Crime Stoppers) is furniture; a reported appeal ("He urged witnesses to call …") is not.
- A short sentence of prose ("Two people were shot Sunday.") ends with a full stop and is never
  headline-like; promotional and notice phrases count only in sentences of at most
  ``MAX_PROMO_WORDS`` words.

Offsets are into ``article.text``, which is never rewritten.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc

from ..data import furniture_vocab as vocab
from ..data.stop_words import ENGLISH_STOP_WORDS
from ..model import Article, Furniture, FurnitureReason, covered

__all__ = ["HEADLINE_MIN_SCORE", "covered", "extract_furniture"]

# A headline-like line is furniture from this many points on (see the module docstring).
# Chosen on the hand labels (benchmarks/bench_furniture.py, odd/even stories cross-validated).
HEADLINE_MIN_SCORE = 2
# A headline has at most this many words; a longer line without a full stop is cut-off prose.
HEADLINE_MAX_WORDS = 20
# A line of prose: at least this many words and a final punctuation mark. The article's tail is
# what follows its last line of prose.
PROSE_MIN_WORDS = 8
# Promotional and notice phrases ("sign up", "stay tuned") are trusted in sentences of at most
# this many words; in a longer sentence they are reporting ("residents can sign up for …").
MAX_PROMO_WORDS = 40
# A caption, a player's clip description or a related link owns its line only up to this many
# words: a longer line is a paragraph the scrape glued to it ("… (Image: Stu Morgan) An air
# ambulance landed nearby …"), and only the element's own words go (``_marker_parts``).
MAX_ELEMENT_WORDS = 60
# A link label ("Read more", "Click here") in a sentence longer than this is glued to reporting.
MAX_LABEL_CONTEXT_WORDS = 15
# A byline, a contact line or a lone phone number is short.
MAX_BYLINE_WORDS = 14
# A headline-like line of at most this many words is a label or a subheading more than a title.
VERY_SHORT_WORDS = 4

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_CLOSERS = "\"'”’»)]} \t"
_TERMINAL = ".!?;,:…"
# "Age: 48", "Court Date: March 13": a labelled field of a fact box.
_FIELD = re.compile(r"^\W*[A-Z][\w'’ -]{0,25}?(?::|\s[–—-])\s+")
# "Tammy Pearce, 54" or "— Jane Doe, 45, of Springfield": a list of people, reported.
_PERSON_ITEM = re.compile(r"^\W*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4},\s*\d{1,3}\b")
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})

# Sentence-level elements that take their whole line with them when the line is short.
_OWNS_ITS_LINE: frozenset[FurnitureReason] = frozenset({"newsletter", "cookie"})
# Verb forms of headlinese: the present for past events ("Man kills brother"), the bare
# participle ("4 killed in shooting"), the infinitive for the future ("Rays to donate …").
_HEADLINE_TAGS = frozenset({"VBZ", "VBP"})


@dataclass
class _Line:
    index: int  # among the non-empty lines
    start: int  # offsets of the stripped line
    end: int
    text: str
    pieces: list[tuple[int, int]]  # its sentences, stripped, as offsets
    reason: FurnitureReason | None = None  # the whole line is furniture
    piece_reasons: dict[int, FurnitureReason] = field(default_factory=dict)
    header: bool = False  # a related-links label alone on its line
    headline_like: bool = False
    parts: list[tuple[int, int, FurnitureReason]] = field(default_factory=list)  # within a sentence
    entities: list[tuple[str, int, int, frozenset[str]]] = field(default_factory=list)  # label, offsets, names

    @cached_property
    def words(self) -> list[str]:
        return _WORD.findall(self.text)


def _lines(text: str, sentence_starts: list[int]) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        begin, end = pos, pos + len(raw)
        pos = end + 1
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if begin == end:
            continue
        inner = sentence_starts[bisect_right(sentence_starts, begin) : bisect_left(sentence_starts, end)]
        cuts = [begin, *inner, end]
        pieces = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                pieces.append((a, b))
        lines.append(_Line(len(lines), begin, end, text[begin:end], pieces))
    return lines


def _protected(line: _Line) -> bool:
    """The first line is the article's own title or lead, unless an interface glyph ("× …", a
    close button) shows it to be a piece of the page."""
    return line.index == 0 and line.text[:1] not in vocab.UI_GLYPHS


def _norm(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text))


def _title_forms(title: str | None) -> set[str]:
    """The title and the title without a site name: "Four killed :: WRAL.com", "… - KMOV.com"."""
    if not title:
        return set()
    forms = {_norm(title)}
    for sep in (" :: ", " | ", " - ", " — ", " – "):
        if sep in title:
            forms.add(_norm(title.split(sep)[0]))
    return {f for f in forms if f}


def _ends_terminal(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _is_timestamp(text: str) -> bool:
    tokens = vocab.STAMP_TOKEN.findall(text)
    if not tokens or not any(t[0].isdigit() for t in tokens):
        return False
    if not all(t[0].isdigit() or t.lower().rstrip(".") in vocab.STAMP_WORDS for t in tokens):
        return False
    return bool(vocab.STAMP_ANCHOR.search(text)) and not vocab.PHONE.search(text)


def _is_share_bar(words: list[str]) -> bool:
    return bool(words) and len(words) <= 16 and all(w.lower() in vocab.SHARE_WORDS or w.isdigit() for w in words)


def _is_link(text: str) -> bool:
    covered = sum(len(m.group()) for m in vocab.URL.finditer(text))
    return covered >= 0.6 * len(text)


def _starts_with_dateline(text: str) -> bool:
    return bool(vocab.DATELINE.match(text))


def _line_reason(line: _Line, first: bool, title_forms: set[str]) -> FurnitureReason | None:
    """The page element that owns the whole line, if any."""
    text, words = line.text, line.words
    if vocab.SEPARATOR.match(text):
        return "separator"
    if vocab.ADVERTISEMENT.match(text):
        return "advertisement"
    if _is_link(text):
        return "link"
    if _is_share_bar(words):
        return "social"
    if _is_timestamp(text):
        return "timestamp"
    element = len(words) <= MAX_ELEMENT_WORDS
    if element and (vocab.CAPTION.search(text) or vocab.CREDIT_END.search(text) or vocab.CAPTION_START.match(text)):
        return "caption"
    if element and (
        vocab.VIDEO_LEAD.match(text) or (vocab.VIDEO_PLAYER.search(text) and len(words) <= MAX_PROMO_WORDS)
    ):
        return "video player"
    if vocab.RELATED_HEADER.match(text):
        line.header = True
        return "related link"
    if vocab.RELATED_LABEL.match(text) and len(words) <= HEADLINE_MAX_WORDS + 5:
        return "related link"
    if not first and _norm(text) in title_forms:
        return "repeated headline"
    if len(words) <= MAX_BYLINE_WORDS and (vocab.BYLINE.match(text) or _handles_only(text)):
        return "byline" if vocab.BYLINE.match(text) else "social"
    if len(words) <= MAX_BYLINE_WORDS:
        return _piece_reason(text)  # a short line is one element, however the parser split it
    return None


def _handles_only(text: str) -> bool:
    rest = vocab.HANDLE.sub(" ", text)
    return bool(vocab.HANDLE.search(text)) and len([w for w in _WORD.findall(rest) if w.lower() != "twitter"]) == 0


def _piece_reason(text: str) -> FurnitureReason | None:
    """The page element a sentence belongs to, from its vocabulary."""
    words = _WORD.findall(text)
    n = len(words)
    if vocab.COPYRIGHT.search(text):
        return "copyright"
    if vocab.COOKIE.search(text):
        return "cookie"
    if _is_timestamp(text):
        return "timestamp"
    if n <= MAX_BYLINE_WORDS and (vocab.BYLINE.match(text) or vocab.EMAIL.search(text)):
        return "byline"
    if vocab.PHONE.search(text) and len(_WORD.findall(vocab.PHONE.sub(" ", text))) <= 1:
        return "byline"  # a contact number alone: "(313) 223-4616"
    if n > MAX_PROMO_WORDS:
        return None
    if (vocab.TIP_APPEAL.search(text) and vocab.TIP_CHANNEL.search(text)) or vocab.TIP_ONLY.search(text):
        return "tip line"
    if vocab.CREDIT.search(text):
        return "byline"
    if vocab.NEWSLETTER.search(text):
        return "newsletter"
    if vocab.SOCIAL.search(text):
        return "social"
    if vocab.VIDEO_PLAYER.search(text):
        return "video player"
    if vocab.LINK_LABEL.search(text) and n > MAX_LABEL_CONTEXT_WORDS:
        return None  # only the label is furniture (``_marker_parts``)
    if vocab.SITE_NOTICE.search(text):
        return "site notice"
    return None


def _name_only(line: _Line) -> bool:
    """A line that is a person's name and nothing else: the head of a profile, a list entry."""
    return any(label == "PERSON" and a == line.start and b == line.end for label, a, b, _ in line.entities)


def _headline_like(line: _Line, first: bool, text_all: str) -> bool:
    if first or line.reason is not None or line.piece_reasons or line.parts:
        return False
    if any(_ends_terminal(text_all[a:b]) for a, b in line.pieces[:-1]):
        return False  # a full stop inside: sentences, not a headline
    text, words = line.text, line.words
    body = text.lstrip(vocab.UI_GLYPHS + " ")
    if not words or len(words) > HEADLINE_MAX_WORDS or _ends_terminal(text):
        return False
    if not (body[:1].isupper() or body[:1].isdigit() or body[:1] in "\"'“‘"):
        return False  # a line going on in lower case continues a sentence
    if words[-1].lower() in vocab.DANGLING or _PERSON_ITEM.match(text) or _starts_with_dateline(text):
        return False  # cut-off prose, a list of people, a dateline or a lead after one
    field = _FIELD.match(text)
    return not (field and len(_WORD.findall(text[field.end() :])) <= 3)  # "Age: 48", "Home: Clayton"


def _title_case(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in vocab.TITLE_CASE_SMALL and not w[0].isdigit()]
    return len(content) >= 2 and sum(w[0].isupper() for w in content) >= 0.75 * len(content)


def _attach_entities(doc: Doc, lines: list[_Line]) -> None:
    """Each line's named entities (one pass over the Doc's): label, offsets, and the name words
    that say whom or what it is about."""
    starts = [line.start for line in lines]
    for ent in doc.ents:
        i = bisect_right(starts, ent.start_char) - 1
        if i < 0 or ent.end_char > lines[i].end:
            continue
        words = frozenset(
            t.lower_
            for t in ent
            if ent.label_ in _NAME_LABELS and t.is_alpha and len(t.text) > 2 and t.lower_ not in ENGLISH_STOP_WORDS
        )
        lines[i].entities.append((ent.label_, ent.start_char, ent.end_char, words))


def _name_words(line: _Line) -> set[str]:
    return {w for _, _, _, words in line.entities for w in words}


def extract_furniture(doc: Doc, article: Article, min_score: int = HEADLINE_MIN_SCORE) -> list[Furniture]:
    """The furniture of one article: each piece with its offsets, sentence index and reason.

    ``min_score`` is the headline threshold (a parameter for the benchmark's cross-validation)."""
    text = article.text
    sentence_starts = [s.start_char for s in doc.sents]
    lines = _lines(text, sentence_starts)
    if not lines:
        return []
    title_forms = _title_forms(article.title)
    _attach_entities(doc, lines)

    # 1. Page elements, by vocabulary and shape: whole lines, then sentences.
    for line in lines:
        line.reason = _line_reason(line, _protected(line), title_forms)
        if line.reason is None:
            for i, (a, b) in enumerate(line.pieces):
                reason = _piece_reason(text[a:b])
                if reason is not None:
                    line.piece_reasons[i] = reason
            _spread(line, text)
            if line.reason is None:
                _embedded_post_parts(line)
                _marker_parts(line, text)

    # 2. Headline-like lines, and what decides whether they are furniture.
    for line in lines:
        line.headline_like = _headline_like(line, _protected(line), text) and not _name_only(line)
    _list_items(lines)
    _related_runs(lines)
    _score_headlines(doc, article, lines, min_score)

    # 3. Spans.
    out: list[Furniture] = []
    for line in lines:
        if line.reason is not None:
            out.append(_furniture(line.start, line.end, line.reason, sentence_starts))
            continue
        for i, reason in sorted(line.piece_reasons.items()):
            a, b = line.pieces[i]
            out.append(_furniture(a, b, reason, sentence_starts))
        out += [_furniture(a, b, reason, sentence_starts) for a, b, reason in line.parts]
    return sorted(out, key=lambda f: f.start)


def _embedded_post_parts(line: _Line) -> None:
    """An embedded post stays (it is a quoted statement); its signature and picture links go."""
    taken = [line.pieces[i] for i in line.piece_reasons]
    found = [(m.start(), m.end()) for m in vocab.POST_LINK.finditer(line.text)]
    post = vocab.EMBEDDED_POST.search(line.text)
    if post:
        found = [(a, b) for a, b in found if b <= post.start()] + [(post.start(), len(line.text))]
    for a, b in found:
        a, b = line.start + a, line.start + b
        if not any(x < b and a < y for x, y in taken):
            line.parts.append((a, b, "social"))


def _credit_end(line: str, m: re.Match[str]) -> int:
    """Where a credit ends: a parenthesised one at its closing parenthesis ("(Image: Stu Morgan)")."""
    opening = line.rfind("(", 0, m.end())
    if opening != -1 and opening >= m.start() - 1:
        closing = line.find(")", m.end() - 1, m.end() + 100)
        if closing != -1:
            return closing + 1
    return m.end()


def _marker_parts(line: _Line, text: str) -> None:
    """In a long line (a paragraph the scrape glued an element to), the element's own words: a
    caption from the start of its sentence to its credit (to the end of the sentence when the
    credit ends it; credits close together are one gallery of captions), a player or
    related-link label opening the line, a link label ("Read more")."""

    def add(a: int, b: int, reason: FurnitureReason) -> None:
        if b <= a:
            return
        inside = [i for i, (x, y) in enumerate(line.pieces) if i in line.piece_reasons and a <= x and y <= b]
        for i in inside:
            del line.piece_reasons[i]
        taken = [line.pieces[i] for i in line.piece_reasons] + [(x, y) for x, y, _ in line.parts]
        if not any(x < b and a < y for x, y in taken):
            line.parts.append((a, b, reason))

    def piece_at(offset: int) -> tuple[int, int]:
        return next(((a, b) for a, b in line.pieces if a <= offset < b), (offset, offset))

    lead = vocab.VIDEO_LEAD.match(line.text) or vocab.RELATED_LABEL.match(line.text)
    if lead:
        reason: FurnitureReason = "video player" if vocab.VIDEO_LEAD.match(line.text) else "related link"
        add(line.start, line.start + len(lead.group().rstrip()), reason)
    credits = sorted(
        [
            (line.start + m.start(), line.start + _credit_end(line.text, m))
            for pattern in (vocab.CAPTION, vocab.CREDIT_END)
            for m in pattern.finditer(line.text)
        ]
        + [
            (line.start + m.start(), piece_at(line.start + m.start())[1])
            for m in vocab.CAPTION_START.finditer(line.text)
        ]
    )
    captions: list[list[int]] = []
    for a, b in credits:
        if captions and len(_WORD.findall(text[captions[-1][1] : a])) <= MAX_ELEMENT_WORDS:
            captions[-1][1] = max(captions[-1][1], b)  # the next caption of a gallery
        else:
            captions.append([piece_at(a)[0], b])
    for a, b in captions:
        piece_end = piece_at(b - 1)[1]
        if not _WORD.search(text[b:piece_end]):
            b = piece_end  # the credit ends its sentence: the sentence is the caption
        add(a, b, "caption")
    for a, b in line.pieces:
        for m in vocab.LINK_LABEL.finditer(text, a, b):
            add(m.start(), m.end(), "site notice")


def _spread(line: _Line, text: str) -> None:
    """A line that is furniture but for a few words (a split copyright notice, a byline with its
    date) is furniture as a whole; a copyright notice runs to the end of its line; a sign-up box
    or a cookie notice owns its line (its other sentences sell or explain the same thing)."""
    if not line.piece_reasons:
        return
    owner = next((r for r in line.piece_reasons.values() if r in _OWNS_ITS_LINE), None)
    if owner is not None and len(line.pieces) <= 3:
        line.reason = owner
        line.piece_reasons.clear()
        return
    first_copyright = min((i for i, r in line.piece_reasons.items() if r == "copyright"), default=None)
    if first_copyright is not None:
        for i in range(first_copyright + 1, len(line.pieces)):
            line.piece_reasons.setdefault(i, "copyright")
    rest = [i for i in range(len(line.pieces)) if i not in line.piece_reasons]
    left = sum(len(_WORD.findall(text[line.pieces[i][0] : line.pieces[i][1]])) for i in rest)
    if left <= 3:
        reasons = Counter(line.piece_reasons.values())
        line.reason = reasons.most_common(1)[0][0]
        line.piece_reasons.clear()


def _list_items(lines: list[_Line]) -> None:
    """The lines under a lead-in ending in a colon ("Of the females injured:", "Arrested on
    February 13:") are the items of a list the article gives, up to the next line of prose: never
    headlines, however short and unpunctuated."""
    listing = False
    for line in lines:
        if line.reason is None and not line.header and line.text.rstrip(_CLOSERS).endswith(":"):
            listing = True
            continue
        if listing and (line.reason is not None or _ends_terminal(line.text)):
            listing = False
        if listing:
            line.headline_like = False


def _related_runs(lines: list[_Line]) -> None:
    """The headline-like lines under a related-links label are related links."""
    leading = False
    for line in lines:
        if line.header:
            leading = True
            continue
        if leading and line.headline_like:
            line.reason = "related link"
            line.headline_like = False
            continue
        if line.reason is None:
            leading = False


def _score_headlines(doc: Doc, article: Article, lines: list[_Line], min_score: int) -> None:
    prose = [
        line
        for line in lines
        if line.reason is None and len(line.words) >= PROSE_MIN_WORDS and _ends_terminal(line.text)
    ]
    first_prose = min((line.index for line in prose), default=len(lines))
    last_prose = max((line.index for line in prose), default=len(lines))
    own: set[str] = set()
    for line in prose:
        own |= _name_words(line)
    if article.title:
        own |= {w.lower() for w in _WORD.findall(article.title) if w[:1].isupper() and len(w) > 2}
    own |= _name_words(lines[0])
    repeats = Counter(_norm(line.text) for line in lines)
    hard = [line.reason not in (None, "repeated headline") for line in lines]
    like = [line.headline_like for line in lines]

    def near(flags: list[bool], i: int) -> bool:
        return (i > 0 and flags[i - 1]) or (i + 1 < len(flags) and flags[i + 1])

    for line in lines:
        if not line.headline_like:
            continue
        words = line.words
        names = _name_words(line)
        foreign = bool(names) and not (names & own)
        score = (
            _title_case(words)
            + near(hard, line.index)  # beside a caption, a player line, a share bar …
            + (line.index > first_prose and near(like, line.index))  # one of a list of headlines
            + (line.index > last_prose)  # in the tail
            + foreign
            + (repeats[_norm(line.text)] > 1)
            + (line.text[:1] in vocab.UI_GLYPHS)
            + bool(vocab.DURATION.search(line.text) or _is_timestamp(line.text))
            + _headlinese(doc, line)
            + (len(words) <= VERY_SHORT_WORDS)
        )
        if score >= min_score:
            line.reason = "other story" if foreign else "heading"


def _headlinese(doc: Doc, line: _Line) -> bool:
    """Whether the line is built like a headline: its main verb in the present ("Man kills
    brother"), a bare participle ("4 killed in shooting") or an infinitive ("Rays to donate")."""
    span = doc.char_span(line.start, line.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.tag_ in _HEADLINE_TAGS:
        return True
    aux = {c.dep_ for c in root.children}
    if root.tag_ == "VBN" and not aux & {"aux", "auxpass"}:
        return True
    return root.tag_ == "VB" and "aux" in aux and any(c.lower_ == "to" for c in root.children)


def _furniture(start: int, end: int, reason: FurnitureReason, sentence_starts: list[int]) -> Furniture:
    return Furniture(start=start, end=end, sentence=max(0, bisect_right(sentence_starts, start) - 1), reason=reason)
