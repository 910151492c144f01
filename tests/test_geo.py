"""The gazetteer: folding rules, lookup, caching, and resolution with the article's context."""

from __future__ import annotations

import pytest

from newsfuse.geo import load_gazetteer
from newsfuse.geo.fold import fold, loose_key
from newsfuse.geo.gazetteer import _read, cache_path
from newsfuse.geo.resolve import Mention, resolve_mentions

QALA_I_NAW = 1129867


@pytest.mark.parametrize("a,b", [
    ("Qala-e-Naw", "QALA E NAW"),  # case and hyphens
    ("Bādghīs", "Badghis"),  # diacritics
    ("Qal'eh Now", "Qal’eh Now"),  # apostrophes of either kind
    ("Qala i Naw", "Qalainaw"),  # spaces
    ("St. Petersburg", "Saint Petersburg"),  # abbreviated first word
])
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
