"""Figures with a unit: money ("$5bn charge"), percentages ("fell 1 percent") and measures
("34 inches of snow", "a 6.7 magnitude earthquake").

They are counts of the story too (two sources giving "$5bn" corroborate each other), but never
counts of people: :mod:`.counts` rules these numbers out as noise, and this module reads them
instead, from the tokens around the figure, with the subject from the parse:

- money: a currency sign or code before the figure ("$", "US$", "€", "£", "Rs") or a currency
  word after it ("5 billion dollars"); a magnitude glued or written out ("5bn", "2.5m",
  "1.5 million"); the unit is an ISO code where the sign says which currency ("€" is EUR,
  "US$" USD) and "$" for a bare dollar sign (US, Canadian and Australian writers all use it);
- percent: "%", "percent", "per cent", "pct"; the unit is "%";
- measure: a unit word after the figure (inches, km, square kilometres, tonnes, degrees, …) or
  "magnitude"; the unit is the singular word ("inch", "km2", "tonne").

The subject says what the figure is of: the noun it modifies ("a $750,000 bond"), the object of
"of"/"in" after it ("34 inches of snow", "$5 billion in aid"), or the subject of the verb it
measures ("shares fell 1 percent").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..model import Article, Count, CountCategory
from .common import sentence_index
from .numbers import MAX_MODIFIER_LEN, MODIFIERS

_NUMBER = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)([a-z]{0,3})$", re.I)
MAGNITUDES: dict[str, int] = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "million": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "trillion": 1_000_000_000_000,
    "lakh": 100_000,
    "crore": 10_000_000,
}
# Currency before the figure -> unit.
CURRENCY_SIGNS: dict[str, str] = {
    "$": "$",
    "us$": "USD",
    "usd": "USD",
    "a$": "AUD",
    "au$": "AUD",
    "c$": "CAD",
    "ca$": "CAD",
    "nz$": "NZD",
    "hk$": "HKD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "rs": "INR",
    "rs.": "INR",
    "inr": "INR",
    "₹": "INR",
    "chf": "CHF",
}
# Currency words after the figure -> unit ("pounds" is left out: in US news it weighs).
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "$",
    "euro": "EUR",
    "rupee": "INR",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "franc": "CHF",
    "rand": "ZAR",
    "naira": "NGN",
    "afghani": "AFN",
    "shilling": "KES",
    "ruble": "RUB",
    "rouble": "RUB",
    "lira": "TRY",
    "riyal": "SAR",
    "dirham": "AED",
}
PERCENT_WORDS = frozenset({"%", "percent", "pct"})
# Unit words after the figure (lemma) -> unit. Time units are left to the dates extractor.
MEASURE_UNITS: dict[str, str] = {
    "inch": "inch",
    "foot": "foot",
    "feet": "foot",
    "yard": "yard",
    "mile": "mile",
    "km": "km",
    "kilometer": "km",
    "kilometre": "km",
    "meter": "m",
    "metre": "m",
    "cm": "cm",
    "centimeter": "cm",
    "centimetre": "cm",
    "mm": "mm",
    "millimeter": "mm",
    "millimetre": "mm",
    "km2": "km2",
    "acre": "acre",
    "hectare": "hectare",
    "ton": "ton",
    "tonne": "tonne",
    "kg": "kg",
    "kilogram": "kg",
    "liter": "litre",
    "litre": "litre",
    "gallon": "gallon",
    "barrel": "barrel",
    "degree": "degree",
    "mph": "mph",
    "magnitude": "magnitude",
}
_AREA = frozenset({"square", "sq", "sq."})
_SUBJECT_PREPS = frozenset({"of", "in", "for"})


@dataclass(frozen=True)
class _Figure:
    start: int  # token span, modifier and unit included
    end: int
    value: float
    unit: str
    category: CountCategory
    modifier: str | None
    number: int  # token index of the number, for the subject


# "$US1 million", "$A20m": Australian and New Zealand papers put the country after the sign, and
# the tokenizer leaves "US1" as one token.
_COUNTRY_AFTER_SIGN = re.compile(r"^(US|A|AU|NZ|C|HK)(\d.*)$")


def _number(text: str) -> tuple[float, int] | None:
    """(value, magnitude) of a figure token: "5" -> (5, 1), "5bn" -> (5, 1e9); else None."""
    match = _NUMBER.match(text)
    if not match:
        return None
    value = float(match.group(1).replace(",", ""))
    suffix = match.group(2).lower()
    if suffix and suffix not in MAGNITUDES:
        return None  # "10pm", "20th", "3rd"
    return value, MAGNITUDES.get(suffix, 1)


def _modifier(doc: Doc, start: int) -> tuple[int, str | None]:
    words = [t.lower_ for t in doc[max(0, start - MAX_MODIFIER_LEN) : start]]
    for length in range(len(words), 0, -1):
        kind = MODIFIERS.get(tuple(words[-length:]))
        if kind is not None and kind != "between":
            return start - length, kind
    return start, None


def _figures(doc: Doc) -> Iterator[_Figure]:
    i, n = 0, len(doc)
    while i < n:
        sign = CURRENCY_SIGNS.get(doc[i].lower_)
        first = i + 1 if sign is not None else i
        number = doc[first].text if first < n else ""
        if sign == "$" and (country := _COUNTRY_AFTER_SIGN.match(number)):
            sign = CURRENCY_SIGNS.get(country.group(1).lower() + "$", sign)
            number = country.group(2)
        parsed = _number(number) if number else None
        if parsed is None:
            i += 1
            continue
        value, magnitude = parsed
        end = first + 1
        if magnitude == 1 and end < n and doc[end].lower_ in MAGNITUDES and not doc[end].is_sent_start:
            magnitude, end = MAGNITUDES[doc[end].lower_], end + 1
        value *= magnitude
        found: tuple[str, CountCategory, int] | None = None
        after = doc[end] if end < n else None
        if sign is not None:
            found = (sign, "money", end)
        elif after is not None and after.lemma_.lower() in CURRENCY_WORDS:
            found = (CURRENCY_WORDS[after.lemma_.lower()], "money", end + 1)
        elif after is not None and after.lower_ in PERCENT_WORDS:
            found = ("%", "percent", end + 1)
        elif after is not None and after.lower_ == "per" and end + 1 < n and doc[end + 1].lower_ == "cent":
            found = ("%", "percent", end + 2)
        elif after is not None and after.lower_ in _AREA and end + 1 < n:
            unit = MEASURE_UNITS.get(doc[end + 1].lemma_.lower())
            if unit in ("km", "m", "mile", "foot"):
                found = (f"{unit}2", "measure", end + 2)
        elif after is not None and after.lemma_.lower() in MEASURE_UNITS and not after.ent_type_ == "DATE":
            found = (MEASURE_UNITS[after.lemma_.lower()], "measure", end + 1)
        if found is None:
            i = end
            continue
        unit, category, stop = found
        opening = i if sign is not None else first
        start, modifier = _modifier(doc, opening)
        if start > 0 and doc[start - 1].lower_ == "minus" and category == "measure":
            start, value = start - 1, -value
        yield _Figure(start, stop, value, unit, category, modifier, first)
        i = stop


def _bounds(value: float, modifier: str | None) -> tuple[float | None, float | None, bool]:
    """The band a modifier makes of a figure with a unit (see numbers.apply_modifier for counts)."""
    if modifier == "about":
        return _round(value * 0.9), _round(value * 1.1), True
    if modifier in ("more", "atleast"):
        return value, None, False
    if modifier in ("upto", "below"):
        return None, value, True
    if modifier == "nearly":
        return _round(value * 0.9), value, True
    return value, value, False


def _round(value: float) -> float:
    return float(f"{value:.6g}")


def _plain(value: float | None) -> int | float | None:
    """Whole values as ints ("$5bn" is 5000000000, not 5e9); fractions stay floats."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _subject(doc: Doc, figure: _Figure) -> str | None:
    """What the figure is of: "34 inches of snow", "a $750,000 bond", "shares fell 1 percent"."""
    span = range(figure.start, figure.end)
    for token in doc[figure.start : figure.end]:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in _SUBJECT_PREPS and child.i not in span:
                objects = [o for o in child.children if o.dep_ == "pobj"]
                if objects:
                    return _noun_phrase(objects[0], span)
    head = doc[figure.number]
    # Past the figure's own tokens, and past the figures it is a conversion of ("€2m (£1.7m)").
    while (head.i in span or head.like_num or head.lower_ in MAGNITUDES) and head.head.i != head.i:
        head = head.head
    if head.i in span or head.like_num:
        return None
    if head.lower_ == "worth":
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [o for o in child.children if o.dep_ == "pobj"]
                if objects:
                    return _noun_phrase(objects[0], span)
        head = head.head
    if head.pos_ in ("NOUN", "PROPN"):
        return _noun_phrase(head, span)
    if head.pos_ in ("VERB", "AUX"):
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and subjects[0].pos_ in ("NOUN", "PROPN"):
            return f"{_noun_phrase(subjects[0], span)} {head.lemma_.lower()}"
    return None


def _noun_phrase(noun: Token, span: range) -> str:
    """The noun with its compounds ("emergency shelters"), none of the figure's own words."""
    words = [c.text for c in noun.lefts if c.dep_ == "compound" and c.is_alpha and c.i not in span]
    return " ".join([*words, noun.text])


def extract_measures(doc: Doc, article: Article) -> list[Count]:
    """Money, percentages and measures in the text, each a :class:`Count` with its unit."""
    out: list[Count] = []
    previous: _Figure | None = None
    for figure in _figures(doc):
        restated = (
            previous is not None
            and figure.category == previous.category == "money"
            and figure.start == previous.end + 1
            and doc[previous.end].text == "("
        )
        previous = figure
        if restated:
            # "85 million euros ($108 million)", "$US1 million ($1.52 million)": the same sum in
            # another currency, not a second figure (it would conflict with the first).
            continue
        low, high, approximate = _bounds(figure.value, figure.modifier)
        first, last = doc[figure.start], doc[figure.end - 1]
        start, end = first.idx, last.idx + len(last.text)
        out.append(
            Count(
                category=figure.category,
                text=article.text[start:end],
                subject=_subject(doc, figure),
                low=_plain(low),
                high=_plain(high),
                approximate=approximate,
                attributed_to=None,
                start=start,
                end=end,
                sentence=sentence_index(doc, first),
                unit=figure.unit,
                as_of=article.published,
            )
        )
    return out
