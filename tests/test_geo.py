"""The gazetteer: folding rules, lookup, caching, and resolution with the article's context."""

from __future__ import annotations

import pytest

from newsfuse.geo import load_gazetteer
from newsfuse.geo.fold import fold, loose_key
from newsfuse.geo.gazetteer import _read, cache_path
from newsfuse.geo.resolve import Mention, resolve_mentions

QALA_I_NAW = 1129867


@pytest.mark.parametrize(
    "a,b",
    [
        ("Qala-e-Naw", "QALA E NAW"),  # case and hyphens
        ("Bādghīs", "Badghis"),  # diacritics
        ("Qal'eh Now", "Qal’eh Now"),  # apostrophes of either kind
        ("Qala i Naw", "Qalainaw"),  # spaces
        ("St. Petersburg", "Saint Petersburg"),  # abbreviated first word
    ],
)
def test_fold_ignores_case_diacritics_and_separators(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("variant", ["Qala-e-Naw", "Qala-I Naw", "Qala i Naw", "Qalaenaw", "Qala-e-Now", "Qala Nau"])
def test_loose_key_forgets_connector_vowels_and_naw_endings(variant):
    assert loose_key(variant) == loose_key("Qala i Naw")


def test_loose_key_keeps_different_names_apart():
    assert loose_key("Kabul") != loose_key("Kandahar")


@pytest.mark.parametrize("variant", ["Qala-e-Naw", "Qala-I Naw", "Qala i Naw", "Qalaenaw", "Qala-e-Now"])
def test_qala_i_naw_variants_resolve(gazetteer, variant):
    best = max(gazetteer.lookup(variant), key=lambda c: c.similarity)
    assert best.geonames_id == QALA_I_NAW
    assert best.name == "Qala i Naw"
    assert best.country == "AF" and best.admin1 == "Badghis" and best.feature == "city"
    assert best.lat == pytest.approx(34.98735) and best.lon == pytest.approx(63.12891)


def test_fuzzy_match_above_the_floor_only(gazetteer):
    assert any(c.name == "Jalalabad" and c.country == "AF" and c.match == "fuzzy" for c in gazetteer.lookup("Jalalabd"))
    assert gazetteer.lookup("Xqzwvtplk") == ()


def test_admin1_and_country_records(gazetteer):
    badghis = [c for c in gazetteer.exact("Badghis") if c.feature == "admin1"]
    assert badghis and badghis[0].country == "AF" and badghis[0].geonames_id == 1147707
    us = [c for c in gazetteer.exact("U.S.") if c.feature == "country"]
    assert us and us[0].geonames_id == 6252001
    assert not gazetteer.exact("Afghan")  # a demonym is not a name of a place


def test_gazetteer_loaded_once_and_cached_on_disk(gazetteer):
    assert load_gazetteer() is gazetteer
    assert cache_path().exists()


def test_cache_dir_honours_env(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSFUSE_CACHE_DIR", str(tmp_path))
    assert cache_path().parent == tmp_path


def test_unreadable_cache_is_ignored(tmp_path):
    broken = tmp_path / "gazetteer.pickle"
    broken.write_bytes(b"not a pickle")
    assert _read(broken) is None
    assert _read(tmp_path / "missing.pickle") is None


def _resolve(gazetteer, *texts: str):
    mentions = [Mention(t, i * 10, i * 10 + len(t)) for i, t in enumerate(texts)]
    return resolve_mentions(mentions, gazetteer)


def test_unresolvable_name_has_no_coordinates_and_a_reason(gazetteer):
    (r,) = _resolve(gazetteer, "Zzyzxqwvville")
    assert r.candidate is None and r.reason


def test_herat_follows_the_article_country(gazetteer):
    # GeoNames has a village Herāt in Yazd province, Iran, beside the Afghan city and province
    assert {c.country for c in gazetteer.exact("Herat")} >= {"AF", "IR"}
    afghan = _resolve(gazetteer, "Herat", "Afghanistan", "Kabul")[0].candidate
    # "the village of Herat in Yazd province, Iran"
    iranian = resolve_mentions(
        [Mention("Herat", 15, 20), Mention("Yazd", 24, 28, hint="admin1"), Mention("Iran", 39, 43)], gazetteer
    )[0].candidate
    assert afghan.country == "AF"
    assert iranian.country == "IR" and iranian.admin1 == "Yazd"


def test_paris_follows_the_article_country(gazetteer):
    assert _resolve(gazetteer, "Paris", "France")[0].candidate.country == "FR"
    texan = _resolve(gazetteer, "Paris", "Texas", "Dallas")[0].candidate
    assert texan.country == "US" and texan.admin1 == "Texas"
    assert _resolve(gazetteer, "Paris")[0].candidate.country == "FR"  # no context: the big one


def test_qualifier_decides(gazetteer):
    mentions = [Mention("Paris", 0, 5, qualifier="Texas"), Mention("Texas", 7, 12)]
    assert resolve_mentions(mentions, gazetteer)[0].candidate.admin1 == "Texas"


def test_washington_is_the_state_among_states_and_the_city_alone(gazetteer):
    # "states such as California or Washington": listed with states, it is the state
    peers = ("California", "Washington")
    got = resolve_mentions(
        [Mention("California", 0, 10, peers=peers), Mention("Washington", 14, 24, peers=peers)], gazetteer
    )
    assert (got[1].candidate.feature, got[1].candidate.country) == ("admin1", "US")
    # "Tacoma, Washington": a qualifier is a region
    got = resolve_mentions(
        [Mention("Tacoma", 0, 6, qualifier="Washington"), Mention("Washington", 8, 18, qualifies=True)], gazetteer
    )
    assert got[1].candidate.feature == "admin1" and got[0].candidate.admin1 == "Washington"
    # the state named elsewhere in a form that is only the state ("Wash.")
    got = resolve_mentions([Mention("Wash.", 0, 5), Mention("Washington", 20, 30)], gazetteer)
    assert got[1].candidate.feature == "admin1"
    # alone, Washington is the capital
    got = resolve_mentions([Mention("Washington", 0, 10)], gazetteer)
    assert got[0].candidate.feature == "city" and got[0].candidate.geonames_id == 4140963


def test_new_york_city_unless_listed_with_states(gazetteer):
    assert resolve_mentions([Mention("New York", 0, 8)], gazetteer)[0].candidate.feature == "city"
    peers = ("New York", "New Jersey", "Connecticut")
    got = resolve_mentions([Mention(n, i * 20, i * 20 + len(n), peers=peers) for i, n in enumerate(peers)], gazetteer)
    assert got[0].candidate.feature == "admin1"


def test_county_qualifier_is_the_region_not_a_namesake_town(gazetteer):
    # "Snetterton, Norfolk": the English county, not Norfolk, Virginia
    got = resolve_mentions(
        [Mention("Snetterton", 0, 10, qualifier="Norfolk"), Mention("Norfolk", 12, 19, qualifies=True)], gazetteer
    )
    assert (got[1].candidate.country, got[1].candidate.feature) == ("GB", "admin2")


def test_australian_state_abbreviation(gazetteer):
    assert any(c.name == "Western Australia" and c.feature == "admin1" for c in gazetteer.exact("WA"))
