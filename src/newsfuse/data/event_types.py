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
