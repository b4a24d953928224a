"""The gazetteer: GeoNames countries, divisions, cities500 and the curated sites."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from triangulate.read.gazetteer import Gazetteer, fold, load_gazetteer, name_variants


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
    assert 30 <= len(sites) <= 80
    assert len({s["id"] for s in sites}) == len(sites)
    for site in sites:
        assert site["id"].startswith("site:") and site["source"] == "curated"
        assert site["kind"] in doc["kinds"]
        assert -90 <= site["lat"] <= 90 and -180 <= site["lon"] <= 180
        assert site["country"] is None or site["country"] in gaz.country_entry
        assert site["base_names"] or site["aliases"], site["id"]
    assert gaz.site_phrases["balad air base"] == gaz.site_phrases["balad airbase"]
    assert "hmeimim" in gaz.site_phrases
