"""Words that tell which category a count of people belongs to, and words that rule a number out.

Verbs are spaCy lemmas. A *victim-object* verb takes the counted people as its object (or as
the subject of its passive: "killed 5", "5 were killed"); its active subject is the doer and is
never counted in the verb's category. An *intransitive* verb takes them as its subject
("two people died"). Non-obvious entries carry their reason.
"""

from __future__ import annotations

# Verbs whose object (or passive subject) is the counted group.
OBJECT_VERBS: dict[str, str] = {
    # killed
    "kill": "killed",
    "murder": "killed",
    "slay": "killed",
    "execute": "killed",
    "assassinate": "killed",
    "behead": "killed",
    "massacre": "killed",
    "slaughter": "killed",
    "lynch": "killed",
    "strangle": "killed",
    # "claimed five lives": the object noun is "lives" (see KILLED_OBJECT_NOUNS), handled there.
    # injured
    "injure": "injured",
    "wound": "injured",
    "hurt": "injured",
    "hospitalize": "injured",
    "maim": "injured",
    "stab": "injured",
    "graze": "injured",
    "hospitalise": "injured",
    "treat": "injured",  # "two were treated for gunshot wounds": treated victims were hurt
    # displaced
    "displace": "displaced",
    "uproot": "displaced",
    # detained
    "arrest": "detained",
    "detain": "detained",
    "jail": "detained",
    "imprison": "detained",
    "apprehend": "detained",
    "capture": "detained",
    "nab": "detained",
    "book": "detained",
    "charge": "detained",  # "two men were charged": in crime news charging follows arrest
    "hold": "detained",
    "incarcerate": "detained",
    "recapture": "detained",
    # released
    "release": "released",
    "free": "released",
    "parole": "released",
    "pardon": "released",
    "rescue": "released",  # hostages/captives brought out of captivity
    # kidnapped
    "kidnap": "kidnapped",
    "abduct": "kidnapped",
    "seize": "kidnapped",
    # deployed ("rushed hundreds of commandos", "flew in 300 troops")
    "deploy": "deployed",
    "send": "deployed",
    "dispatch": "deployed",
    "rush": "deployed",
    "fly": "deployed",
    "airlift": "deployed",
    "station": "deployed",
    "mobilize": "deployed",
    "mobilise": "deployed",
    "reinforce": "deployed",
    # evacuated
    "evacuate": "evacuated",
    # displaced: the humanitarian words for people moved from their homes
    "relocate": "displaced",
    "resettle": "displaced",
    "shelter": "displaced",  # "the school sheltered 300 people"
}

# Verbs that make their object do what the verb after them says: "forced 300 people to flee",
# "ordered 188,000 people to evacuate".
FORCE_VERBS: frozenset[str] = frozenset({"force", "order", "compel", "oblige", "drive", "push", "cause", "prompt"})

# "shoot" names neither outcome: a victim who was shot is injured unless a death cue appears
# ("shot and killed", "fatally shot", "shot dead", "later died"). Kept apart so that a stated
# outcome anywhere on the verb chain wins over it.
SHOOT_VERBS: frozenset[str] = frozenset({"shoot", "hit", "strike"})  # "hit/struck by gunfire"

# "suffered a gunshot wound", "sustained injuries": the subject is injured.
SUFFER_VERBS: frozenset[str] = frozenset({"suffer", "sustain", "receive"})
WOUND_NOUNS: frozenset[str] = frozenset({"wound", "injury"})
# "in critical condition": said only of the living wounded.
CONDITION_NOUNS: frozenset[str] = frozenset({"condition"})

# Verbs whose subject is the counted group.
SUBJECT_VERBS: dict[str, str] = {
    "die": "killed",
    "perish": "killed",
    "succumb": "killed",
    "drown": "killed",
    "flee": "displaced",
    "escape": "displaced",  # "1,000 troops fled over the border": they left
    # their position for another country; we file every flight from a place as displaced
    "disappear": "missing",
    "vanish": "missing",
    "arrive": "deployed",
    "land": "deployed",  # "commandos have arrived in Qala-e-Naw"
    "surrender": "detained",  # those who give themselves up end in custody
    "evacuate": "evacuated",  # "forcing 35 people to evacuate"
    "relocate": "displaced",
    "migrate": "displaced",
    "shelter": "displaced",  # "1,900 people were sheltering in reception centres"
}

# Where the hurt are taken, or released from: "rushed to the hospital", "airlifted to Kendall
# Regional Trauma Center", "released from the hospital". Lemmas of any word of the place.
HOSPITAL_WORDS: frozenset[str] = frozenset({"hospital", "trauma", "clinic", "infirmary", "icu", "er"})
# Where the displaced stay: "in evacuation centres", "in camps", "collective sites", "shelters".
SHELTER_NOUNS: frozenset[str] = frozenset({"shelter", "camp", "centre", "center", "site", "tent"})
# Verbs of staying somewhere, for the shelter rule.
STAY_VERBS: frozenset[str] = frozenset(
    {"be", "remain", "live", "stay", "shelter", "move", "take", "seek", "find", "arrive", "house", "accommodate"}
)
# What a getaway leaves or uses: "fled the scene", "fled on foot", "fled in a silver SUV".
GETAWAY_OBJECTS: frozenset[str] = frozenset(
    {"scene", "area", "foot", "vehicle", "car", "suv", "truck", "van", "sedan", "pickup", "motorcycle", "bike", "cab"}
)
# Who flees a crime scene; never displaced.
PERPETRATOR_NOUNS: frozenset[str] = frozenset(
    {"suspect", "gunman", "shooter", "attacker", "robber", "assailant", "burglar", "intruder", "perpetrator", "killer"}
)
# People that can be displaced (as humanitarian reports count them), and the words that, in
# such a count's own clause, say they were: see counts._displacement_clause. Evacuation words
# come first so that "displaced ... were evacuated" is an evacuation.
DISPLACEABLE_NOUNS: frozenset[str] = frozenset(
    {
        "people",
        "person",
        "family",
        "household",
        "resident",
        "civilian",
        "villager",
        "individual",
        "inhabitant",
        "child",
        "idp",
        "idps",
        "refugee",
        "returnee",
        "migrant",
        "farmer",
        "herder",
    }
)
DISPLACEMENT_WORDS: dict[str, str] = {
    "evacuate": "evacuated",
    "evacuation": "evacuated",
    "evacuee": "evacuated",
    "displace": "displaced",
    "displaced": "displaced",
    "displacement": "displaced",
    "homeless": "displaced",
    "flee": "displaced",
    "fled": "displaced",
    "refugee": "displaced",
    "idp": "displaced",
    "idps": "displaced",
    "shelter": "displaced",
    "camp": "displaced",
    "relocate": "displaced",
    "returnee": "displaced",
}
# Verbs of intent or threat: what follows them did not happen ("planned to kill hundreds").
INTENT_VERBS: frozenset[str] = frozenset(
    {"plan", "threaten", "try", "attempt", "want", "intend", "vow", "plot", "hope", "aim", "seek", "conspire"}
)
# The same as written, for the lemmas the small model gets wrong ("hoped" -> "hop").
INTENT_VERB_FORMS: frozenset[str] = frozenset(
    {
        "planned",
        "plans",
        "planning",
        "threatened",
        "threatens",
        "tried",
        "tries",
        "trying",
        "attempted",
        "wanted",
        "wants",
        "intended",
        "intends",
        "vowed",
        "plotted",
        "hoped",
        "hopes",
        "hoping",
        "aimed",
        "sought",
        "conspired",
    }
)
# Several events a tally is spread over: "ten others were injured in 12 shootings".
EVENT_NOUNS: frozenset[str] = frozenset(
    {"shooting", "incident", "attack", "homicide", "murder", "killing", "crash", "bombing", "raid", "clash"}
)
# Spans of time a tally covers: "27 wounded over an eight-hour stretch".
SPAN_NOUNS: frozenset[str] = frozenset({"span", "stretch", "period", "course"})
# Areas a tally spans: "35 people were shot across the city".
WIDE_AREA_NOUNS: frozenset[str] = frozenset({"city", "country", "state", "nation", "region", "county", "area"})
# Nouns that stand for the figure's group in "the total number of X", "a total of X".
TOTAL_NOUNS: frozenset[str] = frozenset({"number", "total", "tally", "count", "figure"})
# Nouns of a displacement whose "of" object is the displaced: "the displacement of 2.3 million".
DISPLACEMENT_EVENT_NOUNS: dict[str, str] = {
    "displacement": "displaced",
    "evacuation": "evacuated",
    "relocation": "displaced",
}

# Adjectives / participles that state the outcome of the counted group directly:
# "one dead", "two people injured", "found dead", "left three wounded".
ADJECTIVES: dict[str, str] = {
    "dead": "killed",
    "killed": "killed",
    "slain": "killed",
    "deceased": "killed",
    "murdered": "killed",
    "lifeless": "killed",
    "injured": "injured",
    "wounded": "injured",
    "hurt": "injured",
    "hospitalized": "injured",
    "hospitalised": "injured",
    "shot": "shot",  # hit, the outcome untold: the wounded, or everyone hit when some died (counts._settle_shot_groups)
    "displaced": "displaced",
    "homeless": "displaced",
    "detained": "detained",
    "arrested": "detained",
    "jailed": "detained",
    "freed": "released",
    "released": "released",
    "kidnapped": "kidnapped",
    "abducted": "kidnapped",
    "missing": "missing",
    "unaccounted": "missing",
    "evacuated": "evacuated",
    "deployed": "deployed",
    "relocated": "displaced",
    "sheltered": "displaced",
    "uprooted": "displaced",
}
# Adverbs that settle the outcome of a wounding verb: "fatally shot", "one fatally".
FATAL_ADVERBS: frozenset[str] = frozenset({"fatally", "mortally", "dead"})
# Adverbs/adjectives that mark a wounding, not a killing ("critically", "seriously").
INJURY_ADVERBS: frozenset[str] = frozenset(
    {"critically", "seriously", "gravely", "slightly", "severely", "non-fatally"}
)

# Counted nouns that are themselves the category: "five deaths", "23 wounded", "300 refugees".
NOUNS: dict[str, str] = {
    "death": "killed",
    "fatality": "killed",
    "dead": "killed",
    "body": "killed",
    "homicide": "killed",
    "murder": "killed",
    "life": "killed",  # "claimed 5 lives"
    "injury": "injured",
    "wounded": "injured",
    "injured": "injured",
    "refugee": "displaced",
    "displaced": "displaced",
    "displacement": "displaced",  # "caused 34,000 displacements"
    "idp": "displaced",  # internally displaced persons
    "idps": "displaced",
    "returnee": "displaced",  # humanitarian coders count returnees with the displaced
    "evacuee": "evacuated",
    "detainee": "detained",
    "arrest": "detained",
    "hostage": "kidnapped",
    "captive": "kidnapped",
    "abductee": "kidnapped",
    "missing": "missing",
}
# Nouns of a killing whose "of" object is the dead: "the shooting death of Goldie Long".
DEATH_EVENT_NOUNS: frozenset[str] = frozenset({"death", "killing", "murder", "slaying", "homicide", "assassination"})
# A dead person's body: "a man's body was found" states one death.
BODY_NOUNS: frozenset[str] = frozenset({"body", "corpse"})
# Verbs of finding a body: "the body was found/recovered".
FIND_VERBS: frozenset[str] = frozenset({"find", "discover", "recover", "identify", "pull", "locate", "remove"})
# Words that pin a date to a day (so "Jan. 11, 2016" is an event date, "in 2016" a period).
DAY_WORDS: frozenset[str] = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tonight",
        "morning",
        "night",
        "afternoon",
        "evening",
    }
)
# Words between two conjuncts that keep them from adding up: "a man or a woman", "the bystander
# instead of the suspect", "not the driver but a passenger".
NON_ADDITIVE: frozenset[str] = frozenset({"or", "nor", "instead", "not", "rather", "than", "but"})
MONTHS: frozenset[str] = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)
# Nouns whose numeric complement is a death count: "the death toll rose to 14".
TOLL_NOUNS: frozenset[str] = frozenset({"toll"})

# Phrasal idioms: (verb lemma, particle or object word) -> category.
PHRASES: dict[tuple[str, str], str] = {
    ("gun", "down"): "killed",
    ("take", "hostage"): "kidnapped",
    ("hold", "hostage"): "kidnapped",
    ("take", "custody"): "detained",
    ("round", "up"): "detained",
    ("lock", "up"): "detained",
    ("set", "free"): "released",
    ("let", "go"): "released",
    ("send", "in"): "deployed",
    ("fly", "in"): "deployed",
    ("go", "missing"): "missing",
    ("take", "life"): "killed",
}

# Verbs a speaker uses to report a figure; their subject is whom the figure is attributed to.
SAY_VERBS: frozenset[str] = frozenset(
    {
        "say",
        "tell",
        "report",
        "announce",
        "confirm",
        "state",
        "tweet",
        "write",
        "add",
        "claim",
        "estimate",
        "acknowledge",
        "note",
        "explain",
        "declare",
        "disclose",
        "reveal",
        "post",
    }
)

# Nouns for one person: "a man was shot" states one victim. Plural forms are not here; a
# plural without a number states no figure.
PERSON_NOUNS: frozenset[str] = frozenset(
    {
        "man",
        "woman",
        "boy",
        "girl",
        "teen",
        "teenager",
        "person",
        "victim",
        "child",
        "infant",
        "baby",
        "toddler",
        "student",
        "officer",
        "deputy",
        "trooper",
        "driver",
        "resident",
        "mother",
        "father",
        "son",
        "daughter",
        "wife",
        "husband",
        "brother",
        "sister",
        "friend",
        "customer",
        "clerk",
        "employee",
        "guard",
        "passenger",
        "pedestrian",
        "bystander",
        "suspect",
        "gunman",
        "shooter",
        "youth",
        "juvenile",
        "male",
        "female",
        "cousin",
        "uncle",
        "aunt",
        "nephew",
        "niece",
        "grandmother",
        "grandfather",
        "girlfriend",
        "boyfriend",
        "neighbor",
        "neighbour",
        "roommate",
        "housemate",
        "spouse",
        "fiance",
        "fiancee",
        "stepson",
        "stepdaughter",
        "stepfather",
        "stepmother",
        "grandson",
        "granddaughter",
        "worker",
        "owner",
        "cashier",
        "motorist",
        "homeowner",
        "teacher",
        "soldier",
        "policeman",
        "patron",
        "rider",
        "robber",
        "burglar",
        "intruder",
        "attacker",
        "occupant",
        "individual",
        "adult",
        "kid",
        "security",
        "inmate",
        "prisoner",
        "hostage",
    }
)
# Determiners that make a singular noun one person ("a man", "the victim", "his wife").
# "He was pronounced dead": a singular personal pronoun stands for one person.
SINGULAR_PRONOUNS: frozenset[str] = frozenset({"he", "she"})
# Object pronouns that stand for someone already named in the clause ("find the victim and kill him").
OBJECT_PRONOUNS: frozenset[str] = frozenset({"him", "her", "them", "it"})
SINGULAR_DETERMINERS: frozenset[str] = frozenset({"a", "an", "the", "another", "one"})

# Head nouns measured in units, never counts of people or things in an event.
UNIT_NOUNS: frozenset[str] = frozenset(
    {
        "year",
        "yr",  # "3 yr old", "3 yrs old": an age in a tweet or a caption
        "yrs",
        "month",
        "week",
        "day",
        "hour",
        "minute",
        "second",
        "time",
        "decade",
        "century",
        "percent",
        "per",
        "cent",
        "percentage",
        "point",
        "dollar",
        "euro",
        "pound",
        "yuan",
        "rupee",
        "afghani",
        "mile",
        "kilometer",
        "kilometre",
        "km",
        "meter",
        "metre",
        "foot",
        "feet",
        "inch",
        "yard",
        "ton",
        "tonne",
        "kilogram",
        "kg",
        "gram",
        "ounce",
        "acre",
        "degree",
        "block",
        "caliber",
        "calibre",
        "mm",
        "millimeter",
        "round",
        "shot",
        "bullet",
        "shell",
        "grade",
        "floor",
        "storey",
        "story",
        "page",
        "count",
        "felony",
        "misdemeanor",
        "charge",
        "bail",
        "bond",
        "sentence",
        "term",
        "mph",
        "a.m.",
        "p.m.",
        "am",
        "pm",
        "o'clock",
        "gauge",
        "times",
        "th",
        "st",
        "nd",
        "rd",
        "game",
        "season",
        "step",
        "mark",
        "%",
        "score",
    }
)
# Heads that are places or objects: a count of them is "other" even after a people verb
# ("captured dozens of districts" is no detention).
THING_NOUNS: frozenset[str] = frozenset(
    {
        "warrant",  # "executed 44 search warrants"
        "district",
        "village",
        "town",
        "city",
        "province",
        "area",
        "region",
        "territory",
        "country",
        "building",
        "home",
        "house",
        "car",
        "vehicle",
        "truck",
        "weapon",
        "gun",
        "rifle",
        "firearm",
        "checkpoint",
        "post",
        "base",
        "outpost",
        "school",
        "shop",
        "store",
        "apartment",
        "street",
        "road",
        "bridge",
        "border",
        "crossing",
        "airport",
        "office",
        "property",
        "item",
        "document",
        "letter",
        "phone",
        "drug",
        "pill",
        "kilo",
        "animal",
        "dog",
        "cat",
        "horse",
        "room",
        "location",
        "site",
        "scene",
        "casing",
        "bag",
        "round",
        "bullet",
        "shell",
        "cartridge",
        "magazine",
        "suv",
        "sedan",
        "van",
        "boat",
        "plane",
        "aircraft",
        "helicopter",
        "tank",
    }
)
# Nouns that cannot carry a count ("one of them" is no count of "them").
NON_COUNT_HEADS: frozenset[str] = frozenset({"time", "way", "thing", "lot"})
# "others": in "69 killed and 23 others wounded" the others are the same kind as the earlier
# group; the subject is taken from that group.
ANAPHORIC_NOUNS: frozenset[str] = frozenset({"other", "more"})
# Modifier words to leave out of a subject ("their own fighters" -> "fighters").
SUBJECT_STOP: frozenset[str] = frozenset({"own", "other", "more", "several", "many", "few", "such", "young"})
