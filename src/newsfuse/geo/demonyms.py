"""Demonyms ("Afghan", "Pakistanis") linked to their country, from the countryinfo package.

A demonym names people of a country, not a place where something happened: entities keep
their NORP label and carry the country's ISO code, so a reader can filter by country without
"Afghan" turning up as an event place.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def demonym_countries() -> dict[str, str]:
    """Lower-cased demonym (singular and plural) -> ISO 3166-1 alpha-2 code, built once."""
    from countryinfo import all_countries

    best: dict[str, tuple[int, str]] = {}
    for country in all_countries():
        try:
            demonym, iso, population = country.demonym(), country.iso(2), country.population() or 0
        except Exception:  # a few records lack a field
            continue
        if not demonym or not iso:
            continue
        # "Chinese" / "Chineses": no plural for -ese, -ish, -ch, -s demonyms.
        forms = {demonym} if demonym.endswith(("ese", "ish", "ch", "s")) else {demonym, demonym + "s"}
        for form in forms:
            # A demonym shared by a country and its territories ("French", "American") means the
            # most populous one.
            key = form.lower()
            if key not in best or population > best[key][0]:
                best[key] = (population, iso)
    return {k: iso for k, (_, iso) in best.items()}


def country_of_demonym(text: str) -> str | None:
    return demonym_countries().get(text.strip().lower())
