"""Words that frame an actor: the labels outlets choose for the same group of people.

"Terrorists" (a government's word), "militants", "insurgents", "fighters", "rebels" name the
same men with different judgement; showing each source's choice is what a media analyst asks.
"""

FRAMING_TERMS: tuple[str, ...] = (
    "terrorists", "terrorist", "militants", "militant", "insurgents", "insurgent", "fighters", "fighter",
    "rebels", "rebel", "extremists", "extremist", "jihadists", "jihadist", "gunmen", "gunman",
    "guerrillas", "guerrilla", "radicals", "thugs", "rioters", "protesters", "protestors", "demonstrators",
    "activists", "mob", "regime", "separatists", "occupiers", "invaders", "freedom fighters",
)
