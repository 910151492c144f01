"""Words that frame an actor: the labels outlets choose for the same group of people.

"Terrorists" (a government's word), "militants", "insurgents", "fighters", "rebels" name the
same men with different judgement; showing each source's choice is what a media analyst asks.
"""

# Plurals only: the singulars are mostly adjectives ("terrorist attack", "extremist groups").
FRAMING_TERMS: tuple[str, ...] = (
    "terrorists",
    "militants",
    "insurgents",
    "fighters",
    "rebels",
    "extremists",
    "jihadists",
    "gunmen",
    "guerrillas",
    "radicals",
    "thugs",
    "rioters",
    "protesters",
    "protestors",
    "demonstrators",
    "activists",
    "separatists",
    "occupiers",
    "invaders",
    "freedom fighters",
)
