"""Name folding: the keys under which gazetteer names and text mentions meet.

Two keys per name. ``fold`` is exact up to case, diacritics and separators, so "Qala-e-Naw",
"QALA E NAW" and "Qalaenaw" share a key. ``loose_key`` further forgets what romanisation
varies on (connector vowels, vowel quality, -aw/-au/-ow endings, doubled letters), so "Qala-I
Naw" and "Qala-e-Now" meet "Qala i Naw"; it collides more, so a loose hit must also pass a
string-similarity floor (see ``Gazetteer.lookup``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that NFKD does not decompose into a base letter plus a combining mark.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "ø": "o",
        "Ø": "o",
        "œ": "oe",
        "Œ": "oe",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
        "ŧ": "t",
        "ŋ": "ng",
    }
)
# Separators and the marks romanisations use for ayn/hamza; all dropped from keys.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_.,'’‘`´ʻʼʾʿ\"/()]+")
_VOWELS = re.compile(r"[aeiouy]+")
# A lone vowel between two words is a connector ("Qala-i Naw", "Qala-e-Naw", "Kala-y-Nau").
_CONNECTOR = frozenset("aeiouy")


def strip_accents(text: str) -> str:
    """Latin letters without diacritics; other scripts are left as they are."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in text if not unicodedata.combining(c))


# Abbreviations that open a place name ("St. Petersburg", "Ft. Worth", "Mt. Vernon").
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "port"}


def words(text: str) -> list[str]:
    """Lower-cased, accent-free words of a name, split at separators, abbreviations spelt out."""
    parts = [w for w in _SEPARATORS.split(strip_accents(text).lower()) if w]
    if len(parts) > 1:
        parts[0] = _ABBREVIATIONS.get(parts[0], parts[0])
    return parts


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The exact matching key: case, diacritics, hyphens, apostrophes and spaces removed."""
    return "".join(words(text))


def _loose_word(word: str) -> str:
    word = re.sub(r"(.)\1+", r"\1", word)  # doubled letters: "Kandahaar", "Mazar-e-Sharreef"
    word = re.sub(r"(?<=[aeiou])w", "u", word)  # -naw/-nau/-now, "Kaboul"/"Kabul"
    word = word.replace("kh", "k").replace("q", "k").replace("ph", "f")
    return _VOWELS.sub("a", word)  # vowel quality varies most across transliterations


@lru_cache(maxsize=65536)
def loose_key(text: str) -> str:
    """The lenient key: ``fold`` plus the romanisation variations listed in the module doc."""
    parts = words(text)
    if len(parts) > 2:
        parts = [parts[0]] + [w for w in parts[1:-1] if w not in _CONNECTOR] + [parts[-1]]
    return "".join(_loose_word(w) for w in parts)


def is_latin(text: str) -> bool:
    """True when every letter is Latin (with or without diacritics): names usable in English text."""
    for c in text:
        if c.isalpha() and ord(c) > 0x24F and not (0x1E00 <= ord(c) <= 0x1EFF):
            return False
    return True
