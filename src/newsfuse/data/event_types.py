"""Event types and the words that signal them in headlines and leads.

A coarse, ACLED/CAMEO-like set an analyst filters by. Order matters only for ties: more
specific types come first ("shooting" before "armed assault": a shooting is also an attack).
Patterns are matched case-insensitively on word boundaries.
"""

EVENT_TRIGGERS: dict[str, tuple[str, ...]] = {
    "shooting": (r"shoot(?:ing|ings)?", r"shot", r"gunm[ae]n", r"gunfire", r"opened fire", r"gunshot"),
    "bombing": (r"bomb(?:ing|ings|s|ed)?", r"explosions?", r"blasts?", r"suicide bomber", r"IED", r"car bomb"),
    "air strike": (r"air ?strikes?", r"airstrikes?", r"drone strikes?", r"shelling", r"bombardment"),
    "armed assault": (
        r"assault(?:ed|s)?",
        r"attack(?:ed|s)?",
        r"storm(?:ed|ing)",
        r"offensive",
        r"raid(?:ed|s)?",
        r"overr?an",
        r"incursion",
        r"recaptur(?:e|ed)",
        r"retak(?:e|en)",
        r"took back",
        r"take back",
        r"seiz(?:e|ed)",
    ),
    "battle": (r"clash(?:es|ed)?", r"fighting", r"battles?", r"firefight"),
    "earthquake": (r"earthquakes?", r"quakes?", r"tremors?", r"magnitude"),
    "flood": (r"floods?", r"flooding", r"flash flood"),
    "storm": (r"hurricanes?", r"cyclones?", r"typhoons?", r"tornado(?:es)?", r"storms?"),
    "fire": (r"wildfires?", r"blaze", r"fire broke out", r"fires?"),
    # "march" in lower case only: "March 2" is a date
    "protest": (
        r"protests?",
        r"protesters",
        r"demonstrat(?:ion|ions|ors)",
        r"rall(?:y|ies)",
        r"marched|marchers|(?-i:march)",
    ),
    "kidnapping": (r"kidnapp(?:ed|ing)", r"abduct(?:ed|ion)", r"hostages?"),
    "arrest": (r"arrest(?:ed|s)?", r"detain(?:ed)?", r"custody"),
    "accident": (r"crash(?:ed|es)?", r"collision", r"derail(?:ed|ment)", r"capsized?"),
    "death": (r"died", r"death", r"dead", r"killed"),
}

# Types that mostly follow an incident of another type (an arrest after a shooting, a death
# after an attack): the event only when no other type is named (fuse/event.py: event_type).
CONSEQUENCE_TYPES: frozenset[str] = frozenset({"arrest", "death"})

# Words that tell the main event happening, whatever its type: a date next to them is the
# event's day ("killed Sunday", "the shooting happened early Monday", "police responded about
# 2 a.m. Sunday"). Used with the story type's own triggers (above).
EVENT_WORDS: tuple[str, ...] = (
    r"kill(?:ed|ing|s)?",
    r"wound(?:ed|ing)",
    r"injur(?:ed|ing|ies)",
    r"hurt",
    r"dead",
    r"fatal(?:ly)?",
    r"struck",
    r"hit",
    r"incident",
    r"attack(?:ed)?",
    r"victims?",
    r"scene",
    # the police response is the hour of the event, not a later step of the case
    r"respond(?:ed|ing)",
    r"dispatched",
    r"called to",
    r"reports? of",
    r"found",
)

# Verbs of happening: they date whatever their subject names ("the shooting happened Sunday",
# "a vigil took place Monday"); with no cue word before them ("it happened Sunday") the event.
HAPPENING_WORDS: tuple[str, ...] = (r"happened", r"occurred", r"took place", r"broke out", r"erupted", r"began")

# Later steps after an event: a date next to one of these is that step's day, not the event's
# ("arrested Tuesday", "died Monday at the hospital", "a vigil Thursday", "arraigned Friday").
# A victim who dies later dies on another day than the attack; "killed" is not here (it
# tells the attack itself).
FOLLOW_UP_WORDS: tuple[str, ...] = (
    r"arrest(?:ed|s|ing)?",
    r"apprehended",
    r"captured",
    r"caught",
    r"surrender(?:ed|s)?",
    r"turned (?:himself|herself|themselves) in",
    r"in custody",
    r"taken into custody",
    r"booked",
    r"jail(?:ed)?",
    r"charg(?:ed|es|ing)",
    r"arraign(?:ed|ment)",
    r"indict(?:ed|ment)",
    r"court",
    r"hearing",
    r"trial",
    r"judge",
    r"jury",
    r"plead(?:ed|s)?",
    r"pled",
    r"guilty",
    r"convicted",
    r"sentenc(?:ed|ing)",
    r"bond",
    r"bail",
    r"extradit(?:ed|ion)",
    r"died",
    r"dies",
    r"pronounced dead",
    r"succumbed",
    r"passed away",
    r"life support",
    r"funerals?",
    r"vigils?",
    r"memorials?",
    r"burial",
    r"buried",
    r"mourn(?:ed|ers|ing)",
    r"services",
    r"autops(?:y|ies)",
    r"identified",
    r"released",
    r"discharged",
    r"lawsuit",
    r"sued",
    r"rally",
    r"march",
    r"protest(?:ed|s)?",
    # steps of a life or a career before the event: an obituary's birth date is not its event
    r"born",
    r"married",
    r"graduated",
    r"joined",
    r"founded",
    r"promoted",
    r"retired",
)

# Reporting acts: a date next to one of these is when something was said, which is often the
# day after the event.
REPORT_WORDS: tuple[str, ...] = (
    r"said",
    r"says",
    r"told",
    r"announced",
    r"confirmed",
    r"statement",
    r"(?:news|press) conference",
    r"update[ds]?",
    r"as of",
    r"remain(?:ed|s)?",
    r"condition",
    r"investigat(?:ing|ion|ors)",
    r"asked",
)

# -- the event place (fuse/event.py) ----------------------------------------------------------

# Nouns a place name modifies when it says where someone or something is from, not where the
# event was: "a Minot teenager", "Longview gang members", "the Lodi Police Department" is
# counted apart (an agency serves its town; see AGENCY_NOUNS).
ORIGIN_NOUNS: str = (
    r"(?:teen(?:age)?|teenager|man|woman|men|women|boy|girl|child|children|toddler|infant|baby|"
    r"resident|residents|native|natives|family|families|couple|mother|father|mom|dad|son|daughter|"
    r"student|students|(?:\w+-)?grader|athlete|gangs?|gang members?|street gangs?|rapper|officer|"
    r"deputy|deputies|soldier|veteran|pastor|teacher|businessman|company|firm|team|native)s?"
)
# Nouns a place name modifies when it names an agency serving it: "the Catoosa County Sheriff's
# Office", "Lodi police", "Campbell County dispatchers". The agency acts across its whole area
# (a county sheriff for every town in the county), so the name says less about where the event
# was than "in X" does.
AGENCY_NOUNS: str = (
    r"(?:police|sheriff|sheriff's|sheriff’s|deputies|coroner|coroner's|coroner’s|medical examiner|"
    r"district attorney|prosecutor|prosecutor's|prosecutor’s|state attorney|fire|dispatch(?:ers)?|"
    r"emergency|ems|jail|detention|court|courts|circuit|superior|schools?|public schools|"
    r"board|commission(?:ers)?|officials|government|department|dept\.?|crime stoppers|"
    r"communications|911|regional|metro|metropolitan|sheriffs?)\b"
)

# Words that may stand between a place name and the event's trigger word it modifies: "the
# Kokomo double shooting", "a Gary drive-by shooting" ("a Minot teenager killed" is no such use).
EVENT_MODIFIERS: str = (
    r"(?:double|triple|quadruple|fatal|deadly|mass|drive-by|accidental|officer-involved|police|gang|"
    r"weekend|overnight|early|late|morning|afternoon|evening|night|home|bar|school|party|apartment)"
)

# Words after a place name that make it a part of a city: "Chicago's Uptown neighborhood", "the
# Kensington section of Philadelphia".
NEIGHBOURHOOD_WORDS: tuple[str, ...] = (r"neighbou?rhoods?", r"section", r"community area", r"district of")
# Later steps of a case that happen away from the scene: a town named as where one of them
# happened ("arrested in Meridian", "booked into the jail in X", "a vigil in Lodi", "services
# will be held in X", "born in Madison") is not where the event happened. "died" is not here:
# a victim often dies at the scene ("died in the home in Toomsuba").
ELSEWHERE_STEPS: tuple[str, ...] = (
    r"arrested",
    r"apprehended",
    r"captured",
    r"caught",
    r"custody",
    r"booked",
    r"jailed",
    r"surrendered",
    r"turned (?:himself|herself|themselves) in",
    r"extradited",
    r"arraigned",
    r"funerals?",
    r"vigils?",
    r"memorials?",
    r"services",
    r"buried",
    r"born",
)
# Last words of a street's name in an address ("the 1200 block of Elm Street in Kokomo",
# "385 Edgemond Circle in Ringgold"): the town after it is where the address is.
ADDRESS_HEADS: tuple[str, ...] = (
    r"street",
    r"st",
    r"avenue",
    r"ave",
    r"road",
    r"rd",
    r"drive",
    r"dr",
    r"lane",
    r"ln",
    r"circle",
    r"cir",
    r"court",
    r"ct",
    r"boulevard",
    r"blvd",
    r"way",
    r"place",
    r"pl",
    r"highway",
    r"hwy",
    r"parkway",
    r"pkwy",
    r"trail",
    r"terrace",
    r"pike",
    r"loop",
    r"route",
    r"run",
    r"crossing",
    r"cove",
    r"bend",
    r"ridge",
    r"heights",
)
# Institutions a victim is taken to or a suspect held in: their town is not where it happened.
ELSEWHERE_INSTITUTIONS: tuple[str, ...] = (
    r"hospital",
    r"medical cent(?:er|re)",
    r"trauma cent(?:er|re)",
    r"jail",
    r"detention cent(?:er|re)",
    r"prison",
    r"courthouse",
    r"morgue",
)
