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
    "protest": (r"protests?", r"protesters", r"demonstrat(?:ion|ions|ors)", r"rall(?:y|ies)", r"march(?:ed|ers)?"),
    "kidnapping": (r"kidnapp(?:ed|ing)", r"abduct(?:ed|ion)", r"hostages?"),
    "arrest": (r"arrest(?:ed|s)?", r"detain(?:ed)?", r"custody"),
    "accident": (r"crash(?:ed|es)?", r"collision", r"derail(?:ed|ment)", r"capsized?"),
    "death": (r"died", r"death", r"dead", r"killed"),
}

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
