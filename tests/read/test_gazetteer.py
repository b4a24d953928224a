"""The gazetteer: GeoNames countries, divisions, cities500 and the curated sites."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from triangulate.read.gazetteer import Gazetteer, fold, load_gazetteer, name_variants, skeleton


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def test_fold_removes_accents_and_punctuation() -> None:
    assert fold("Ṣalāḥ ad-Dīn") == "salah ad din"
    assert fold("Balad Air Force’ base") == "balad air force base"
    assert "qaim" in name_variants("al qaim")


def test_countries_divisions_and_cities_are_indexed(gaz: Gazetteer) -> None:
    iraq = [e for e in gaz.lookup("Iraq") if e.fcode == "PCLI"]
    assert iraq and iraq[0].country == "IQ" and iraq[0].geonames_id == 99237
    assert iraq[0].lat is not None and 30 < iraq[0].lat < 37
    baghdad = [e for e in gaz.lookup("Baghdad") if e.fclass == "P"]
    assert baghdad[0].country == "IQ" and baghdad[0].fcode == "PPLC"
    balad = [e for e in gaz.lookup("Balad") if e.country == "IQ" and e.fclass == "P"]
    assert any(e.admin1 == "Salah ad Din" for e in balad)
    texas = [e for e in gaz.lookup("Tex.") if e.fcode == "ADM1"]
    assert texas and texas[0].name == "Texas" and texas[0].geonames_id is not None


def test_sites_file_is_well_formed(gaz: Gazetteer) -> None:
    doc = yaml.safe_load(resources.files("triangulate.data").joinpath("sites.yaml").read_text("utf-8"))
    sites = doc["sites"]
    assert 30 <= len(sites) <= 120
    assert len({s["id"] for s in sites}) == len(sites)
    for site in sites:
        assert site["id"].startswith("site:") and site["source"] in ("curated", "GeoNames")
        assert site["kind"] in doc["kinds"]
        assert -90 <= site["lat"] <= 90 and -180 <= site["lon"] <= 180
        assert site["country"] is None or site["country"] in gaz.country_entry
        assert site["base_names"] or site["aliases"], site["id"]
    assert gaz.site_phrases["balad air base"] == gaz.site_phrases["balad airbase"]
    assert "hmeimim" in gaz.site_phrases


def test_skeleton_matches_transliterations() -> None:
    assert skeleton("al hasakeh") == skeleton("al hasakah")
    assert skeleton("deir ez zor") == skeleton("dayr az zawr")
    assert skeleton("shadadah") == skeleton("ash shaddadah")
    assert skeleton("mosul") != skeleton("basra")


def test_districts_and_counties_are_indexed(gaz: Gazetteer) -> None:
    laurel = [e for e in gaz.lookup("Laurel County") if e.fcode == "ADM2"]
    assert laurel and laurel[0].country == "US" and laurel[0].admin1 == "Kentucky"
    assert not [e for e in gaz.lookup("Laurel") if e.fcode == "ADM2"]  # a county keeps its "County"
    mahfad = [e for e in gaz.lookup("Al Mahfad") if e.fcode == "ADM2"]
    assert mahfad and mahfad[0].country == "YE" and mahfad[0].admin1 == "Abyan"


def _table(name: str) -> list[list[str]]:
    text = resources.files("triangulate.data").joinpath(name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def test_point_tables_are_well_formed(gaz: Gazetteer) -> None:
    countries = _table("country_points.tsv")
    assert len(countries) > 180 and len({row[0] for row in countries}) == len(countries)
    for iso, lat, lon in countries:
        assert iso in gaz.country_entry and -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180
    for iso, code, lat, lon in _table("admin1_points.tsv"):
        assert (iso, code) in gaz.admin1_entry and -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180
    us = gaz.entries[gaz.country_entry["US"]]
    assert (us.lat, us.lon) == (39.76, -98.5)
    rows = _table("admin2.tsv")
    assert len(rows) > 10_000 and all(len(row) == 6 for row in rows)


def test_a_new_cache_removes_the_older_ones(gaz: Gazetteer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from triangulate.read import gazetteer as module

    monkeypatch.setenv("TRIANGULATE_CACHE", str(tmp_path))
    monkeypatch.setattr(module, "build", lambda: gaz)  # the loaded one, not a 10 s rebuild
    stale = tmp_path / "gazetteer-0000000000000000.pkl"
    stale.write_bytes(b"old")
    other = tmp_path / "notes.txt"
    other.write_text("kept")
    module.load_gazetteer.cache_clear()
    try:
        module.load_gazetteer()
    finally:
        module.load_gazetteer.cache_clear()
    assert not stale.exists() and other.exists()
    assert [p.name for p in tmp_path.glob("gazetteer-*.pkl")] == [f"gazetteer-{module._cache_key()}.pkl"]


def test_admin1_seat_is_the_most_populous_town(gaz: Gazetteer) -> None:
    seat = gaz.entries[gaz.admin1_seat[("IQ", next(code for (iso, code), p in gaz.admin1_entry.items()
                                                   if iso == "IQ" and gaz.entries[p].name == "Baghdad"))]]
    assert seat.name == "Baghdad" and seat.fclass == "P"
