"""Numbers as news writes them, and the band (low, high) each wording stands for.

Pure string functions; no spaCy here. A *band* bounds the value: ``low``/``high`` are inclusive,
``None`` means open-ended (or unknown, for fractions). The choices, and why:

exact figures
    "69", "1,000", "five", "twenty-three", "two hundred and fifty", "1.5 million" -> n/n.
vague quantity words (plural scale words mean "at least two of that unit" and stop below the
next unit, as readers take them):
    "dozens" 24/99, "scores" 40/199 (a score is 20; "scores" is used for larger crowds than
    "dozens" but rarely for hundreds), "hundreds" 200/999, "thousands" 2000/9999,
    "tens of thousands" 20000/99999, "hundreds of thousands" 200000/999999,
    "millions" 2000000/9999999.
    "a dozen" 12/12 (approximate: "a dozen" is usually a round figure), "a couple" 2/3,
    "a few" 2/5, "several" 3/9, "a handful" 3/6: the ranges most readers would accept.
fractions
    "a third", "half", "a quarter" of something: the size of the whole is not a count the
    text gives, so both bounds are ``None`` and the count is approximate; the fraction itself
    stays in ``text``. Callers must treat a count with both bounds ``None`` as "unknown number".
modifiers applied to a band (``apply_modifier``):
    about/around/approximately/roughly/some/an estimated/or so -> +-10% of the band
    (rounded outward: "about 400" 360/440, "about 5" 4/6);
    more than/over/upwards of -> low+1/None; at least/no fewer than -> low/None;
    nearly/almost/close to/just under -> ceil(90% of n)/n-1 ("below n, but not far");
    up to/as many as/no more than -> None/high; fewer than/less than/under -> None/high-1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
DOZEN = "dozen"

# Plural scale words standing alone ("hundreds of prisoners").
VAGUE_PLURALS: dict[str, tuple[int, int]] = {
    "dozens": (24, 99),
    "scores": (40, 199),
    "hundreds": (200, 999),
    "thousands": (2000, 9999),
    "millions": (2_000_000, 9_999_999),
}
# "tens of thousands", "hundreds of thousands": (first word, second word) -> band.
VAGUE_COMPOUNDS: dict[tuple[str, str], tuple[int, int]] = {
    ("tens", "thousands"): (20_000, 99_999),
    ("hundreds", "thousands"): (200_000, 999_999),
    ("tens", "millions"): (20_000_000, 99_999_999),
}
# Quantifier phrases (lower-cased token tuples) -> band; "a dozen" is here, not exact, because
# writers use it as a round figure.
VAGUE_PHRASES: dict[tuple[str, ...], tuple[int, int]] = {
    ("a", "dozen"): (12, 12),
    ("a", "couple"): (2, 3),
    ("a", "few"): (2, 5),
    ("several",): (3, 9),
    ("a", "handful"): (3, 6),
}
FRACTIONS: frozenset[str] = frozenset({"half", "third", "quarter", "fifth", "thirds", "quarters"})

# Modifier phrases (lower-cased token tuples) -> modifier kind. Longest match wins.
MODIFIERS: dict[tuple[str, ...], str] = {
    ("about",): "about",
    ("around",): "about",
    ("approximately",): "about",
    ("roughly",): "about",
    ("some",): "about",
    ("an", "estimated"): "about",
    ("estimated",): "about",
    ("approx",): "about",
    ("approx.",): "about",
    ("more", "than"): "more",
    ("over",): "more",
    ("upwards", "of"): "more",
    ("in", "excess", "of"): "more",
    ("just", "over"): "more",
    ("at", "least"): "atleast",
    ("no", "fewer", "than"): "atleast",
    ("no", "less", "than"): "atleast",
    ("a", "minimum", "of"): "atleast",
    ("nearly",): "nearly",
    ("almost",): "nearly",
    ("close", "to"): "nearly",
    ("just", "under"): "nearly",
    ("up", "to"): "upto",
    ("as", "many", "as"): "upto",
    ("no", "more", "than"): "upto",
    # "between 25,000 and 30,000": read by the range rule in counts.py; alone it changes nothing
    ("between",): "between",
    ("fewer", "than"): "below",
    ("less", "than"): "below",
    ("under",): "below",
}
MAX_MODIFIER_LEN = max(len(k) for k in MODIFIERS)

_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")


@dataclass(frozen=True)
class Bounds:
    """The values a written quantity allows: "about 400" is 360..440, approximate."""

    low: int | None
    high: int | None
    approximate: bool


def parse_digits(text: str) -> float | None:
    """ "1,000" -> 1000, "1.5" -> 1.5; anything else (phone numbers, 8:20) -> None."""
    if not _DIGITS.match(text):
        return None
    return float(text.replace(",", ""))


def parse_number(words: list[str]) -> float | None:
    """The value of a written number given as lower-cased tokens (hyphens already dropped).

    "1,000", "twenty three", "two hundred and fifty", "1.5 million", "a hundred", "five
    thousand". Returns None when the words are not one well-formed number.
    """
    words = [w for w in words if w not in ("and", "-")]
    if not words:
        return None
    total = 0.0
    current: float | None = None
    for pos, word in enumerate(words):
        value = parse_digits(word)
        if value is not None:
            if current is not None:
                return None  # two figures in a row ("5 6") are not one number
            current = value
        elif word in UNITS:
            current = (current or 0.0) + UNITS[word]
        elif word in ("a", "an") and pos == 0:
            current = 1.0
        elif word == DOZEN:
            current = (current or 1.0) * 12
        elif word in SCALES:
            scale = SCALES[word]
            current = current or 1.0
            if scale >= 1000:
                total += current * scale
                current = None
            else:
                current *= scale
        else:
            return None
    result = total + (current or 0.0)
    return result


def exact_band(value: float) -> Bounds:
    return Bounds(int(round(value)), int(round(value)), approximate=False)


def apply_modifier(band: Bounds, modifier: str | None) -> Bounds:
    """The band a modifier ("about", "more than", ...) makes of a base band; see module doc."""
    low, high = band.low, band.high
    if modifier is None or low is None or high is None:
        return band
    if modifier == "about":
        # Integer arithmetic: 400 * 1.1 is 440.00000000000006 in floats.
        return Bounds((low * 9) // 10, -((-high * 11) // 10), approximate=True)
    if modifier == "more":
        return Bounds(low + 1, None, approximate=band.approximate)
    if modifier == "atleast":
        return Bounds(low, None, approximate=band.approximate)
    if modifier == "nearly":
        top = max(low - 1, 0)
        return Bounds(min(-((-low * 9) // 10), top), top, approximate=True)
    if modifier == "upto":
        return Bounds(None, high, approximate=True)
    if modifier == "below":
        return Bounds(None, max(high - 1, 0), approximate=True)
    return band
