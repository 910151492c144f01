"""Date mentions resolved to calendar dates, and the publication date when metadata lacks it.

Mentions are found by regular expressions over the text (exact offsets, no dependence on the
small model's DATE entities, which mix in durations and ages: "24 hours", "5-year-old"), then
resolved:

- self-contained dates ("July 8, 2021", "March 2015", "in 2016") resolve on their own
  (``anchor="text"``);
- everything else ("Wednesday", "yesterday", "May 1", "early May", "last week") resolves
  against ``article.published`` (``anchor="published"``), and stays ``date=None`` with
  ``anchor="none"`` when it is unknown: never against today;
- vague or event-relative phrases ("in recent days", "a day after") are kept as mentions,
  unresolved (``anchor="none"``; ``granularity="none"`` for the vague ones).

A date of granularity ``week`` is the Monday of that week, ``month`` its first day, ``year``
1 January. Spans leave out prepositions ("on Thursday" -> "Thursday") and keep what changes
the meaning ("last week", "early May", "Wednesday night").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from ..data.date_vocab import (
    DAY_PARTS,
    FUTURE_HEADS,
    FUTURE_MODIFIERS,
    MONTH_ABBREVIATIONS,
    MONTH_CUES,
    MONTHS,
    NUMBER_WORDS,
    PASSIVE_SCHEDULING_HEADS,
    PAST_MODIFIERS,
    PUBLICATION_LABELS,
    RELATIVE_DAYS,
    SCHEDULING_HEADS,
    WEEKDAYS,
    YEAR_CUES,
)
from ..model import DATE_ANCHORS, DATE_GRANULARITIES, Article, DateMention, one_of
from .common import char_sentence_index

# ---------------------------------------------------------------------------------------------
# Patterns. Month and weekday names must be capitalised (or all caps, as in datelines): lower
# case "may", "march" and "august" are ordinary words.


def _cased(words: list[str]) -> str:
    forms = [w.capitalize() for w in words] + [w.upper() for w in words]
    return "|".join(sorted(forms, key=len, reverse=True))


# A metadata date and the text's own dateline or label further apart than this are in doubt
# (infer_published). Time zones and same-week updates stay well inside it.
PUBLISHED_DOUBT_DAYS = 30
_MONTH_FULL = _cased(list(MONTHS))
_MONTH_ANY = rf"(?:{_MONTH_FULL}|(?:{_cased(list(MONTH_ABBREVIATIONS))})\b\.?)"
_WEEKDAY = _cased(list(WEEKDAYS))
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:%])\b"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?![\d%])"
_NUMBER = "|".join([r"\d{1,2}", *sorted(NUMBER_WORDS, key=len, reverse=True)])


def _words(items: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(items), key=len, reverse=True))


_PATTERNS: dict[str, re.Pattern[str]] = {
    "iso": re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b"),
    "mdy": re.compile(rf"\b(?P<mon>{_MONTH_ANY})\s+{_DAY}(?:(?:,\s*|\s+){_YEAR})?"),
    "dmy": re.compile(rf"(?<![\d.,$])\b{_DAY}\s+(?:of\s+)?(?P<mon>{_MONTH_ANY})(?:,?\s+{_YEAR})?"),
    "month_year": re.compile(rf"\b(?P<mon>{_MONTH_ANY})(?:,?\s+|\s+of\s+){_YEAR}"),
    # A bare month needs a cue word (checked in _build, looking back: matching the month name
    # first is several times faster); the lookahead leaves "May 1" and "May 2015" to the above.
    "month": re.compile(rf"\b(?P<mon>{_MONTH_FULL})\b(?!\s*,?\s*\d)"),
    "year": re.compile(rf"\b{_YEAR}\b(?!s\b|'s|’s|-|,\d)"),
    # "the 2016 election": a year used as a modifier of a lower-case noun.
    "year_modifier": re.compile(rf"\b(?i:the|a|its|his|her|their|this|that)\s+{_YEAR}(?=\s+[a-z])"),
    "weekday": re.compile(
        rf"\b(?:(?P<mod>(?i:last|next|this|past|previous|coming|early|late))\s+)?(?P<wd>{_WEEKDAY})\b"
        rf"(?:\s+(?P<part>{_words(DAY_PARTS)})\b)?"
    ),
    "relative": re.compile(rf"\b(?P<rel>(?i:{_words(list(RELATIVE_DAYS))}))\b"),
    "period": re.compile(
        r"\b(?P<mod>(?i:last|this|next|earlier\s+this|later\s+this))\s+(?P<unit>(?i:weekend|week|month|year))\b"
        r"|\b(?i:over\s+)(?P<wkd>(?i:the\s+weekend))\b"
    ),
    "ago": re.compile(rf"\b(?P<n>(?i:{_NUMBER}))\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b"),
    "vague": re.compile(
        r"\b(?i:recent\s+(?:days|weeks|months)"
        r"|the\s+(?:past|last)\s+(?:few\s+|several\s+|couple\s+of\s+)?(?:days|weeks|months))\b"
    ),
    # Relative to another event in the text, not to publication: kept, never resolved.
    "event_relative": re.compile(
        rf"\b(?i:(?:{_NUMBER})\s+(?P<unit>day|week)s?\s+(?:after|before|later|earlier)"
        r"|the\s+(?:next|following|previous)\s+day|the\s+day\s+(?:before|after)(?!\s+(?:yesterday|tomorrow)))\b"
    ),
}


# Cue words before a bare month or year, read backwards from the name.
_MONTH_CUE = re.compile(
    rf"\b(?P<cue>(?i:(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+|mid-|(?:{_words(MONTH_CUES)})\s+))$"
)
_YEAR_CUE = re.compile(rf"\b(?i:{_words(YEAR_CUES)})\s+$")
# A weekday written before a full date belongs to it: "Tuesday, Jan. 27", "Sunday 23 Dec 2012".
_WEEKDAY_BEFORE = re.compile(rf"\b(?P<wd>{_WEEKDAY}),?\s+(?:the\s+)?$")
# Patterns that cannot match without one of these (lower-case) words: skipping them is cheap.
_NEEDS: dict[str, tuple[str, ...]] = {
    "ago": ("ago",),
    "vague": ("recent", "past", "last"),
    "event_relative": ("day", "week"),
    "period": ("week", "month", "year"),
}
_AS_OF = re.compile(r"\b(?i:as\s+of)\s+$")
_LOOKBACK = 24  # characters: enough for the longest cue ("the beginning of ")


@dataclass(frozen=True)
class _Raw:
    """A matched date expression before resolution."""

    kind: str
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    modifier: str = ""  # last / next / this / ... (lower case, single-spaced)
    offset: int = 0  # days (relative words) or count (ago)
    unit: str = ""  # day / week / month / year / weekend


# ---------------------------------------------------------------------------------------------
# Scanning


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or MONTH_ABBREVIATIONS[key]


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _norm(words: str | None) -> str:
    return " ".join((words or "").lower().split())


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _build(kind: str, m: re.Match[str], text: str) -> _Raw | None:
    g = m.groupdict()
    start, end = m.start(), m.end()
    before = text[max(0, start - _LOOKBACK) : start]
    if kind in ("iso", "mdy", "dmy"):
        month, day = (int(g["mon"]) if kind == "iso" else _month(g["mon"])), int(g["day"])
        year = int(g["year"]) if g.get("year") else None
        if not _valid(year or 2000, month, day):  # 2000 is a leap year: "Feb. 29" stays possible
            return None
        found = None if kind == "iso" else _WEEKDAY_BEFORE.search(before)
        weekday = WEEKDAYS[found["wd"].lower()] if found else None
        if found:
            start -= len(before) - found.start()
        return _Raw("full" if year else "month_day", start, end, year, month, day, weekday)
    if kind == "month_year":
        return _Raw("month_year", start, end, int(g["year"]), _month(g["mon"]))
    if kind == "month":
        found = _MONTH_CUE.search(before)
        if found is None:
            return None
        cue = _norm(found["cue"]).rstrip("-")
        # The cue belongs to the span only when it changes the meaning ("early May", "last May").
        keep = cue in ("early", "late", "mid", "last", "next", "this") or cue.endswith(" of")
        return _Raw(
            "month", start - len(before) + found.start() if keep else start, end, month=_month(g["mon"]), modifier=cue
        )
    if kind == "year" and not _YEAR_CUE.search(before):
        return None
    if kind in ("year", "year_modifier"):
        return _Raw("year", m.start("year"), m.end("year"), int(g["year"]))
    if kind == "weekday":
        modifier = _norm(g["mod"])
        if modifier in ("", "early", "late") and _AS_OF.search(before):
            modifier = "as of"  # "as of Monday morning": the report's own present
        return _Raw("weekday", start, end, weekday=WEEKDAYS[g["wd"].lower()], modifier=modifier)
    if kind == "relative":
        return _Raw("relative", start, end, offset=RELATIVE_DAYS[_norm(g["rel"])])
    if kind == "period":
        if g.get("wkd"):
            return _Raw("period", m.start("wkd"), m.end("wkd"), modifier="this", unit="weekend")
        return _Raw(
            "period",
            start,
            end,
            modifier=_norm(g["mod"]).replace("earlier ", "").replace("later ", ""),
            unit=g["unit"].lower(),
        )
    if kind == "ago":
        return _Raw("ago", start, end, offset=_number(g["n"]), unit=g["unit"].lower())
    if kind == "vague":
        return _Raw("vague", start, end)
    return _Raw("event_relative", start, end, unit=(g.get("unit") or "day").lower())


def _scan(text: str) -> list[_Raw]:
    """All date expressions, longest first where they overlap, in text order."""
    lower = text.lower()
    kinds = [k for k in _PATTERNS if k not in _NEEDS or any(w in lower for w in _NEEDS[k])]
    found = [
        raw for kind in kinds for m in _PATTERNS[kind].finditer(text) if (raw := _build(kind, m, text)) is not None
    ]
    found.sort(key=lambda r: (r.start, -(r.end - r.start)))
    kept: list[_Raw] = []
    for raw in found:
        if not kept or raw.start >= kept[-1].end:
            kept.append(raw)
    return kept


# ---------------------------------------------------------------------------------------------
# Reading the parse where the words alone are ambiguous


def _tokens(doc: Doc, start: int, end: int):
    return doc.char_span(start, end, alignment_mode="expand")


_FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo", "would"})
_PERFECT_AUX = frozenset({"has", "have", "had", "'ve", "’ve"})


def _tense(doc: Doc, start: int, end: int) -> str:
    """The time of the verb governing the mention: "future" ("will meet on Monday", "is
    scheduled for Monday", "is due in court Monday", "would be closed Tuesday"), "past" ("was
    shot Monday", "has died on Jan. 19") or "" when the parse does not say."""
    span = _tokens(doc, start, end)
    if span is None or len(span) == 0:
        return ""
    token = span.root
    for _ in range(4):
        if token.head is token:
            break
        token = token.head
        children = list(token.children)
        passive = any(c.dep_ == "auxpass" for c in children)
        if token.lemma_ in SCHEDULING_HEADS and (token.lemma_ not in PASSIVE_SCHEDULING_HEADS or passive):
            return "future"  # "an autopsy is scheduled for Monday", "due in court Monday"
        if token.pos_ not in ("VERB", "AUX"):
            continue
        auxes = [c for c in children if c.dep_ in ("aux", "auxpass")]
        if any(c.lower_ in _FUTURE_AUX for c in auxes) and not any(c.lower_ in _PERFECT_AUX for c in auxes):
            return "future"  # "would have gone Monday" is a past that did not happen
        # "is scheduled to vote Monday", "is going to speak Friday"
        if token.dep_ == "xcomp" and (token.head.lemma_ in FUTURE_HEADS or token.head.lower_ == "going"):
            return "future"
        if token.tag_ == "VBD" or any(c.tag_ == "VBD" or c.lower_ in _PERFECT_AUX for c in auxes):
            return "past"
        return ""
    return ""


def _is_future(doc: Doc, start: int, end: int) -> bool:
    """Whether the verb governing the mention is in the future ("will meet on Monday")."""
    return _tense(doc, start, end) == "future"


_SENTENCE_OPENERS = frozenset(".!?\"“‘'(\n")


def _starts_sentence(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\"“‘'(":
        j -= 1
    return j < 0 or text[j] in _SENTENCE_OPENERS


def _plausible(doc: Doc, text: str, raw: _Raw) -> bool:
    """Drop relative words used as something else: "USA Today", "an overnight curfew"."""
    if raw.kind != "relative":
        return True
    word = text[raw.start : raw.end]
    if word[0].isupper() and not _starts_sentence(text, raw.start):
        return False  # a capitalised "Today" mid-sentence is a name (USA Today, the Today show)
    if word.lower() == "overnight":
        span = _tokens(doc, raw.start, raw.end)
        return span is not None and len(span) > 0 and span[0].pos_ == "ADV"
    return True


def _raw_mentions(doc: Doc, text: str) -> list[_Raw]:
    """The scan, computed once per Doc: both stages below need it."""
    key = "newsfuse_date_raw"
    cached = doc.user_data.get(key)
    if cached is None or cached[0] != len(text):
        cached = (len(text), [r for r in _scan(text) if _plausible(doc, text, r)])
        doc.user_data[key] = cached
    return cached[1]


# ---------------------------------------------------------------------------------------------
# Resolution against the publication date


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _safe_date(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, 28)) if not _valid(year, month, day) else dt.date(year, month, day)


# A past date without a year more than this far after publication belongs to the year before
# ("Dec. 28" in a report of 5 January); closer ones are upcoming events ("Nov. 8" in September).
_FUTURE_SLACK = dt.timedelta(days=92)


# A date the text puts in the past ("was shot on Jan. 19") is not after publication: one later
# than this belongs to the year before (a report of 10 January 2017 on "the Jan. 19 shooting").
# A day of slack: a page's date may be its first version's, the text a later update.
_PAST_SLACK = dt.timedelta(days=1)


def _with_year(month: int, day: int, published: dt.date, future: bool, past: bool = False) -> dt.date:
    candidate = _safe_date(published.year, month, day)
    if future and candidate < published:
        return _safe_date(published.year + 1, month, day)
    if not future and candidate > published + (_PAST_SLACK if past else _FUTURE_SLACK):
        return _safe_date(published.year - 1, month, day)
    return candidate


def _weekday_date(weekday: int, modifier: str, published: dt.date, future: bool) -> dt.date:
    back = (published.weekday() - weekday) % 7  # days back to the most recent one, today included
    ahead = (weekday - published.weekday()) % 7
    if modifier == "as of":
        # the state of things when the text was written: the publication day or one just
        # before, or the day after (a page dated by its first version, its text updated)
        return published + dt.timedelta(days=1) if back == 6 else published - dt.timedelta(days=back)
    if modifier in PAST_MODIFIERS:
        return published - dt.timedelta(days=back or 7)
    if modifier in FUTURE_MODIFIERS:
        return published + dt.timedelta(days=ahead or 7)
    if modifier == "this":
        return _monday(published) + dt.timedelta(days=weekday)
    # News style names the day even for today ("said on Thursday" in Thursday's paper), so the
    # search includes the publication day in both directions.
    return published + dt.timedelta(days=ahead) if future else published - dt.timedelta(days=back)


def _month_date(month: int, modifier: str, published: dt.date, future: bool) -> dt.date:
    this_month = dt.date(published.year, published.month, 1)
    candidate = dt.date(published.year, month, 1)
    if modifier in PAST_MODIFIERS:
        return candidate if candidate < this_month else dt.date(published.year - 1, month, 1)
    if modifier in FUTURE_MODIFIERS:
        return candidate if candidate > this_month else dt.date(published.year + 1, month, 1)
    if modifier == "this":
        return candidate
    return _with_year(month, 1, this_month, future)


def _period_date(unit: str, modifier: str, published: dt.date, future: bool) -> tuple[dt.date, str]:
    step = {"last": -1, "past": -1, "previous": -1, "next": 1}.get(modifier, 0)
    if unit == "week":
        return _monday(published) + dt.timedelta(weeks=step), "week"
    if unit == "month":
        return _add_months(dt.date(published.year, published.month, 1), step), "month"
    if unit == "year":
        return dt.date(published.year + step, 1, 1), "year"
    # weekend: the one just past (or under way), unless the mention says otherwise
    saturday = _weekday_date(5, modifier or ("" if not future else "next"), published, future)
    return _monday(saturday), "week"


def _ago_date(count: int, unit: str, published: dt.date) -> tuple[dt.date, str]:
    if unit == "day":
        return published - dt.timedelta(days=count), "day"
    if unit == "week":
        return _monday(published - dt.timedelta(weeks=count)), "week"
    if unit == "month":
        return _add_months(dt.date(published.year, published.month, 1), -count), "month"
    return dt.date(published.year - count, 1, 1), "year"


_GRANULARITY = {
    "full": "day",
    "month_day": "day",
    "weekday": "day",
    "relative": "day",
    "month_year": "month",
    "month": "month",
    "year": "year",
}


def _resolve(raw: _Raw, published: dt.date | None, future: bool, past: bool = False) -> tuple[dt.date | None, str, str]:
    """(date, granularity, anchor) of one mention."""
    if raw.kind == "full":
        return dt.date(raw.year, raw.month, raw.day), "day", "text"  # type: ignore[arg-type]
    if raw.kind == "month_year":
        return dt.date(raw.year, raw.month, 1), "month", "text"  # type: ignore[arg-type]
    if raw.kind == "year":
        return dt.date(raw.year, 1, 1), "year", "text"  # type: ignore[arg-type]
    if raw.kind == "vague":
        return None, "none", "none"
    if raw.kind == "event_relative":
        return None, raw.unit, "none"
    if published is None:
        granularity = _GRANULARITY.get(raw.kind) or ("week" if raw.unit == "weekend" else raw.unit)
        return None, granularity, "none"
    if raw.kind == "month_day":
        return _with_year(raw.month, raw.day, published, future, past), "day", "published"  # type: ignore[arg-type]
    if raw.kind == "month":
        return _month_date(raw.month, raw.modifier, published, future), "month", "published"  # type: ignore[arg-type]
    if raw.kind == "weekday":
        return _weekday_date(raw.weekday, raw.modifier, published, future), "day", "published"  # type: ignore[arg-type]
    if raw.kind == "relative":
        return published + dt.timedelta(days=raw.offset), "day", "published"
    if raw.kind == "period":
        return (*_period_date(raw.unit, raw.modifier, published, future), "published")
    return (*_ago_date(raw.offset, raw.unit, published), "published")


_TENSE_SENSITIVE = frozenset({"month_day", "month", "weekday", "period"})


def extract_dates(doc: Doc, article: Article) -> list[DateMention]:
    text = article.text
    mentions = []
    for raw in _raw_mentions(doc, text):
        tense = _tense(doc, raw.start, raw.end) if article.published and raw.kind in _TENSE_SENSITIVE else ""
        try:
            date, granularity, anchor = _resolve(raw, article.published, tense == "future", tense == "past")
        except (OverflowError, ValueError):  # beyond date.min/max ("5000 years ago"): no date to give
            date, granularity, anchor = _resolve(raw, None, False)
        mentions.append(
            DateMention(
                text=text[raw.start : raw.end],
                start=raw.start,
                end=raw.end,
                date=date,
                granularity=one_of(DATE_GRANULARITIES, granularity),
                anchor=one_of(DATE_ANCHORS, anchor),
                sentence=char_sentence_index(doc, raw.start),
            )
        )
    return mentions


# ---------------------------------------------------------------------------------------------
# Publication date from the text


_LABEL = re.compile(rf"^\s*(?i:{_words(PUBLICATION_LABELS)})\s*(?::|on|at)?\s*$")
# What may precede a dateline's date on its line: nothing, or a place in capitals ("WASHINGTON,").
_DATELINE_HEAD = re.compile(r"^\s*(?:[A-Z][A-Z.'’ -]*(?:,\s*[A-Z][A-Za-z.]*)?\s*(?:\([^)]{1,30}\))?\s*[,:—–-]?)?\s*$")
_DATELINE_TAIL = re.compile(r"^\s*(?:$|[—–|/-]|--|\d{1,2}:\d\d|\(|[A-Z]{2,}\b)")
# An embedded post's signature: "— Ministry of Defense, Afghanistan (@MoDAfghanistan) July 8, 2021"
_SIGNATURE_HEAD = re.compile(r"^\s*(?:—|–|--|-)\s*.{1,120}\(@\w{1,30}\)\s*$")
_DATELINE_LINES = 4  # a dateline sits in the first few lines: headline, byline, dateline


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    head = text.rfind("\n", 0, start) + 1
    tail = text.find("\n", end)
    return head, len(text) if tail < 0 else tail


def _line_number(text: str, offset: int) -> int:
    """Index of the line holding ``offset``, counting only non-empty lines."""
    return sum(1 for line in text[:offset].split("\n")[:-1] if line.strip())


def _place_of(text: str, raw: _Raw) -> str:
    """Where a full date sits: "label", "dateline", "signature" or "body"."""
    head, tail = _line_bounds(text, raw.start, raw.end)
    before, after = text[head : raw.start], text[raw.end : tail]
    if _LABEL.match(before):
        return "label"
    if _SIGNATURE_HEAD.match(before) and not after.strip():
        return "signature"
    if _line_number(text, raw.start) < _DATELINE_LINES and _DATELINE_HEAD.match(before) and _DATELINE_TAIL.match(after):
        return "dateline"
    return "body"


def _weekday_evidence(doc: Doc, raws: list[_Raw]) -> tuple[set[int], bool]:
    """Weekdays the text names as plain past days, and whether it says "yesterday"."""
    weekdays = {
        r.weekday for r in raws if r.kind == "weekday" and not r.modifier and not _is_future(doc, r.start, r.end)
    }
    yesterday = any(r.kind == "relative" and r.offset == -1 for r in raws)
    return {w for w in weekdays if w is not None}, yesterday


def _agrees(day: dt.date, weekdays: set[int], yesterday: bool) -> bool:
    """The text's own weekdays fit a publication on ``day``: it names that weekday, or says
    "yesterday" and names the day before."""
    before = (day - dt.timedelta(days=1)).weekday()
    return day.weekday() in weekdays or (yesterday and before in weekdays)


def _published_from_text(doc: Doc, text: str) -> tuple[dt.date | None, bool]:
    """The publication date the text itself gives, and whether that is strong evidence (a
    dateline or an "Updated:"-style label, rather than an embedded post's date)."""
    raws = _raw_mentions(doc, text)
    full = [r for r in raws if r.kind == "full"]
    if not full:
        return None, False
    dated = [(dt.date(r.year, r.month, r.day), _place_of(text, r)) for r in full]  # type: ignore[arg-type]
    # A labelled or dateline date says when the report was filed: enough on its own.
    strong = [day for day, place in dated if place in ("label", "dateline")]
    if strong:
        return max(strong), True
    # An embedded post's date is when it was posted; the report came that day only if its own
    # weekdays say so. It must also be the latest date the report gives.
    latest = max(day for day, _ in dated)
    signed = [day for day, place in dated if place == "signature" and day == latest]
    if not signed:
        return None, False
    weekdays, yesterday = _weekday_evidence(doc, raws)
    return (latest if _agrees(latest, weekdays, yesterday) else None), False


def infer_published(doc: Doc, article: Article) -> Article:
    """The article with its publication date: the metadata's if any, else one inferred from a
    dateline, an "Updated:" label, or a dated embedded post confirmed by the text's weekdays.

    When the metadata's date and the text's own dateline or label disagree by more than
    ``PUBLISHED_DOUBT_DAYS``, the text's is kept in ``published_text``: shown as a doubt, and
    the clusterer then lets neither date count as evidence. Neither is simply preferred: on
    gva-dev (1,363 dated articles) the four such disagreements were an obituary's birth date,
    a "Published:" label two months after the shooting the metadata dated right, a round-up
    page of many cases, and one later update: the text was nearer the event once in four."""
    inferred, strong = _published_from_text(doc, article.text)
    if article.published is not None:
        if inferred is None or not strong or abs((inferred - article.published).days) <= PUBLISHED_DOUBT_DAYS:
            return article
        return dataclasses.replace(article, published_text=inferred)
    if inferred is None:
        return article
    return dataclasses.replace(article, published=inferred, published_inferred=True)
