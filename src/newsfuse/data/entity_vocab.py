"""Word lists for the entity cleanup in ``extractors/entities.py``, each with the reason it exists."""

from __future__ import annotations

# The labels newsfuse reports as entities; numbers, dates and money have their own stages.
KEPT_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})

# Labels the small model gives to short all-caps acronyms that are almost always organisations
# in news ("#ANDSF" PERSON, "ANA" MONEY, "AAF" PERSON in the seed report).
ACRONYM_MISLABELS: frozenset[str] = frozenset({"PERSON", "MONEY", "PRODUCT", "WORK_OF_ART", "CARDINAL", "LAW"})
# All-caps names that are places, not organisations.
PLACE_ACRONYMS: frozenset[str] = frozenset({"US", "USA", "UK", "UAE", "DRC", "PRC", "DPRK", "ROK", "NYC", "DC"})

# Platforms named as a channel ("said on Twitter"); the small model tags them PERSON or
# WORK_OF_ART. They are companies, never people.
PLATFORMS: frozenset[str] = frozenset(
    {
        "Twitter",
        "Facebook",
        "Instagram",
        "YouTube",
        "Youtube",
        "TikTok",
        "WhatsApp",
        "Telegram",
        "Snapchat",
        "Reddit",
        "LinkedIn",
        "Weibo",
        "WeChat",
        "Tumblr",
        "Periscope",
        "Truth Social",
    }
)

# Titles and honorifics dropped from the front of a PERSON span: a name should merge across
# reports whatever title each one gives ("President Ashraf Ghani" / "Ashraf Ghani" /
# "Mr. Ghani"); the title is a role, which the roles stage reads from the text around the name.
PERSON_TITLES: frozenset[str] = frozenset(
    """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. rev rev. fr fr.
    president vice prime minister premier chancellor
    gov gov. governor lt. lt gov. sen sen. senator rep rep. representative congressman
    congresswoman speaker mayor judge justice attorney general secretary ambassador
    gen gen. general col col. colonel maj maj. major capt capt. captain lt lieutenant sgt sgt.
    sergeant cpl cpl. corporal pvt pvt. adm adm. admiral commander cmdr cmdr. officer deputy
    sheriff chief inspector detective det det. constable spokesman spokeswoman spokesperson
    nominee candidate former late""".split()
)

# Lower-case words that belong to a surname ("de Blasio", "van Gogh", "bin Salman").
NAME_PARTICLES: frozenset[str] = frozenset(
    {
        "de",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "du",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "bin",
        "ibn",
        "al",
        "el",
    }
)

# Royal and religious titles are kept: they are how the person is named ("Pope Francis",
# "Prince Mohammed", "Sheikh Hamdan"), and the bare name is ambiguous.

# "The Hague" and "The Gambia" keep their article: it is part of the name.
KEEP_THE: frozenset[str] = frozenset({"Hague", "Gambia", "Bahamas"})

# Place features from ``Place.feature`` that spaCy's scheme calls LOC rather than GPE.
LOC_FEATURES: frozenset[str] = frozenset(
    {
        "continent",
        "region",
        "mountain",
        "range",
        "river",
        "sea",
        "ocean",
        "lake",
        "island",
        "valley",
        "desert",
        "bay",
        "gulf",
        "strait",
        "peninsula",
        "forest",
        "park",
        "area",
        "landform",
        "water",
    }
)
# Generic words after a place name inside an entity span ("Qala-I Naw city", "Badghis province").
PLACE_SUFFIXES: frozenset[str] = frozenset(
    {
        "city",
        "province",
        "district",
        "county",
        "state",
        "town",
        "village",
        "region",
        "valley",
        "area",
    }
)
