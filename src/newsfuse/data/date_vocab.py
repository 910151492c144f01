"""Words that name or shift calendar dates in English news, for ``extractors/dates.py``.

Kept apart from the matching code so a reader can check the lists without reading regexes.
"""

from __future__ import annotations

# Month names and the abbreviations news style guides use (AP: Jan. Feb. Aug. Sept. Oct. Nov.
# Dec.); "Mar"/"Jun"/"Jul" occur in feeds and tweets. Abbreviations only count before a day
# number ("Jan. 27"), never on their own, where "Mar", "Jun" and "Dec" are also names and words.
MONTHS: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

WEEKDAYS: dict[str, int] = {  # Python's date.weekday() numbering
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

# Words before a bare month name that make it a date ("in May", "since early May"): without
# one, "May" is as likely the modal verb or a surname (Theresa May) and "March" a noun.
MONTH_CUES: tuple[str, ...] = (
    "in",
    "since",
    "until",
    "till",
    "through",
    "by",
    "from",
    "during",
    "before",
    "after",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "until",
    "around",
)
# Cues before a bare four-digit year; "the 2016 election" is matched separately.
YEAR_CUES: tuple[str, ...] = (
    "in",
    "since",
    "until",
    "till",
    "through",
    "by",
    "from",
    "during",
    "before",
    "after",
    "of",
    "early",
    "late",
    "mid",
    "around",
    "circa",
    "throughout",
)

# Parts of a day that stay a day reference: "Wednesday night" is still Wednesday.
DAY_PARTS: tuple[str, ...] = ("morning", "afternoon", "evening", "night")

# Self-contained relative words: (offset in days from the publication date).
# "last night" and "overnight" are the night before a (morning) publication, so the day before.
RELATIVE_DAYS: dict[str, int] = {
    "the day before yesterday": -2,
    "yesterday": -1,
    "last night": -1,
    "overnight": -1,
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "earlier today": 0,
    "tomorrow": 1,
    "the day after tomorrow": 2,
}

# Modifiers of a weekday or month name and what they do to the search direction.
PAST_MODIFIERS: tuple[str, ...] = ("last", "past", "previous")
FUTURE_MODIFIERS: tuple[str, ...] = ("next", "coming")

# Lemmas of verbs that put their complement in the future: "is scheduled to speak Monday".
FUTURE_HEADS: frozenset[str] = frozenset(
    {
        "schedule",
        "plan",
        "expect",
        "set",
        "due",
        "intend",
        "prepare",
        "hope",
        "aim",
    }
)

# Lemmas that put a date they govern in the future themselves: "an autopsy is scheduled for
# Monday", "he is due in court Wednesday", "a vigil is planned for Friday". "set" and "expect"
# only in the passive ("is set for Monday"; "someone set the house on fire Sunday" is past).
SCHEDULING_HEADS: frozenset[str] = frozenset({"schedule", "due", "plan", "set", "expect", "slate"})
PASSIVE_SCHEDULING_HEADS: frozenset[str] = frozenset({"set", "expect", "plan"})

# Lines that label a publication or update date ("Updated: July 8, 2021").
PUBLICATION_LABELS: tuple[str, ...] = (
    "updated",
    "last updated",
    "published",
    "first published",
    "posted",
    "date",
    "last modified",
)

NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
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
}
