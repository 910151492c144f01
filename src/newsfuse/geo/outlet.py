"""Where an outlet is at home, from its web address: local news is mostly about home.

A Toledo paper's "Toledo" is Toledo, Ohio, not the district of Belize; a St. Louis station's
"St. Louis" is the city in Missouri, not the region of Senegal. The host tells the outlet's
country by its country-code domain ("bbc.co.uk", "cbc.ca"), by a US broadcaster's call sign
("wsav.com", "kmov.com", "wsbtv.com") or network affiliate name ("abc13.com", "fox2now.com",
"nbcnewyork.com", "pittsburgh.cbslocal.com"), or by a place its name contains
("toledoblade.com", "chicagotribune.com", "bakersfieldnow.com", "modernghana.com"), which also
gives the outlet's state. Resolution adds the home country and state to the article's own
geography as a weak prior (``resolve.OUTLET_COUNTRY``); the text's own places still decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .fold import fold
from .gazetteer import Gazetteer

# Country-code domains used as generic ones (".tv", ".io", ".fm", ".me") or naming no country.
GENERIC_CCTLDS = frozenset({"tv", "io", "co", "me", "fm", "ly", "ai", "cc", "ws", "to", "la", "nu", "gg", "eu", "su"})
# Domains of US institutions.
US_DOMAINS = frozenset({"gov", "mil", "edu", "us"})
# A US broadcaster's call sign (K or W and two or three letters), alone or with a channel
# number or a usual suffix: "wsav", "wcti12", "wsbtv", "kiro7", "wwltv".
_CALL_SIGN = re.compile(r"^[kw][a-z]{2,3}(?:tv|dt|am|fm|radio|\d{1,2})?$")
# A US network affiliate or network: "abc13", "6abc", "fox2now", "q13fox", "nbcnewyork",
# "cbslocal", "12news", "news4jax", "newschannel5", "local10", "10tv".
_NETWORK = re.compile(
    r"^(?:(?:abc|nbc|cbs|fox|cw)(?:\d+[a-z]*|news|local|[a-z]+)?|[a-z]?\d+(?:abc|nbc|cbs|fox|news|tv)"
    r"|news\d+[a-z]*|newschannel\d+[a-z]*|local\d+)$"
)
# Shortest place name looked for at either end of a host's label: shorter ones are word parts.
MIN_NAME = {"country": 4, "admin1": 4, "city": 5}
# A city must be this populous for its name in a host to say where the outlet is.
HOST_CITY = 100_000


@dataclass(frozen=True)
class Home:
    country: str
    admin1: str | None = None


def outlet_home(host: str | None, gazetteer: Gazetteer) -> Home | None:
    """The country (and state, where the host names a place) of the outlet at ``host``."""
    if not host:
        return None
    labels = [label for label in host.lower().split(".") if label]
    if len(labels) < 2:
        return None
    tld = labels[-1]
    country: str | None = None
    if len(tld) == 2 and tld not in GENERIC_CCTLDS:
        country = "GB" if tld == "uk" else tld.upper()
    elif tld in US_DOMAINS:
        country = "US"
    names = labels[:-1]
    if country is None and any(_CALL_SIGN.match(label) or _NETWORK.match(label) for label in names):
        country = "US"
    place = _named_place(names, gazetteer, country)
    if place is not None:
        return place
    return Home(country) if country else None


def _named_place(labels: list[str], gazetteer: Gazetteer, country: str | None) -> Home | None:
    """The longest place name opening one of the host's labels ("toledoblade"), else the
    longest closing one ("clickondetroit", "modernghana"). Under a country's domain, a place of that country; under
    a generic one (.com, .net), a country, or a US state or large US city: most such outlets
    are American, and "naplesnews" is the Florida paper, not one from Naples, Italy."""
    for prefix in (True, False):  # "beaumontenterprise" is Beaumont's, not Enterprise's
        best: tuple[int, Home] | None = None
        for label in labels:
            letters = re.sub(r"[^a-z]", "", label)
            for size in range(len(letters), min(MIN_NAME.values()) - 1, -1):
                if best is not None and size <= best[0]:
                    break
                home = _place_home(letters[:size] if prefix else letters[len(letters) - size :], gazetteer, country)
                if home is not None:
                    best = (size, home)
                    break
        if best is not None:
            return best[1]
    return None


def _place_home(name: str, gazetteer: Gazetteer, country: str | None) -> Home | None:
    found = [
        c
        for c in gazetteer.exact(name)
        if not c.alternate
        and c.country
        and len(name) >= MIN_NAME.get(c.feature, 99)
        and (c.feature != "city" or c.population >= HOST_CITY)
        and fold(c.name) == name
        and (c.country == country if country else c.feature == "country" or c.country == "US")
    ]
    if not found:
        return None
    c = max(found, key=lambda c: (c.feature == "country", c.feature == "admin1", c.population))
    assert c.country is not None
    if c.feature == "country":
        return Home(c.country)
    return Home(c.country, c.name if c.feature == "admin1" else c.admin1)
