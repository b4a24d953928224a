"""The curated actor data: loads, is big enough, consistent, and keeps key identities."""

from __future__ import annotations

from collections import defaultdict
from importlib import resources

import yaml

from triangulate.read.actors import ActorDictionary, _norm


def _yaml(name: str) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(resources.files("triangulate.data").joinpath(name).read_text(encoding="utf-8"))


def test_files_are_versioned_and_load() -> None:
    for name in ("actors.yaml", "demonyms.yaml", "agents.yaml"):
        assert isinstance(_yaml(name)["version"], int)
    assert len(ActorDictionary.default().by_id) >= 200


def test_ids_are_unique() -> None:
    data = _yaml("actors.yaml")
    ids = [a["id"] for a in data["actors"]]
    ids += [f"{s['iso3']}.{role}" for s in data["states"] for role in ("GOV", "MIL")]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 200


def test_every_state_has_government_and_military() -> None:
    d = ActorDictionary.default()
    for state in _yaml("actors.yaml")["states"]:
        gov, mil = d.get(f"{state['iso3']}.GOV"), d.get(f"{state['iso3']}.MIL")
        assert gov is not None and gov.sectors == ["government"] and gov.country == state["iso2"]
        assert mil is not None and mil.sectors == ["military"] and mil.affiliation == gov.id


def test_every_alias_names_one_actor_or_is_declared_shared() -> None:
    data = _yaml("actors.yaml")
    shared = {_norm(k) for k in data.get("shared_aliases") or {}}
    owners: dict[str, set[str]] = defaultdict(set)
    for a in data["actors"]:
        for alias in [a["name"], *a.get("aliases", [])]:
            owners[_norm(alias)].add(a["id"])
    for s in data["states"]:
        for alias in [s["name"], *s.get("aliases", []), *s.get("gov_aliases", []), *s.get("capitals", [])]:
            owners[_norm(alias)].add(f"{s['iso3']}.GOV")
        for alias in s.get("mil_aliases", []):
            owners[_norm(alias)].add(f"{s['iso3']}.MIL")
    clashes = {alias: ids for alias, ids in owners.items() if len(ids) > 1 and alias not in shared}
    assert clashes == {}


def test_sectors_and_affiliations_are_known() -> None:
    vocabulary = set(_yaml("agents.yaml")["sectors"])
    d = ActorDictionary.default()
    for actor in list(d.by_id.values()):
        assert actor.sectors, actor.id
        assert set(actor.sectors) <= vocabulary, actor.id
        if actor.affiliation:
            assert d.get(actor.affiliation) is not None, actor.id
    for role in _yaml("agents.yaml")["roles"].values():
        assert set(role["sectors"]) <= vocabulary


def test_demonyms_point_to_known_states() -> None:
    d = ActorDictionary.default()
    for iso3 in _yaml("demonyms.yaml")["demonyms"]:
        assert d.get(f"{iso3}.GOV") is not None, iso3


def test_key_identities() -> None:
    d = ActorDictionary.default()
    pmf = {d.lookup(t).id for t in ("PMU", "PMF", "Popular Mobilization Units", "the Popular Mobilization Units",
                                   "Popular Mobilization Forces", "Hashd al-Shaab")}  # type: ignore[union-attr]
    assert pmf == {"IRQ.PMF"}
    assert d.get("IRQ.PMF").country == "IQ" and "paramilitary" in d.get("IRQ.PMF").sectors  # type: ignore[union-attr]
    usa = {d.lookup(t).id for t in ("U.S.", "the United States", "Washington", "America", "US")}  # type: ignore[union-attr]
    assert usa == {"USA.GOV"}
    assert d.lookup("Moscow").country == d.lookup("Russian").country == "RU"  # type: ignore[union-attr]
    assert d.lookup("Britain").id == d.lookup("UK").id == "GBR.GOV"  # type: ignore[union-attr]
    assert d.lookup("Israeli").id == "ISR.GOV"  # type: ignore[union-attr]
    assert d.lookup("Ansar Allah").id == d.lookup("Houthis").id  # type: ignore[union-attr]
    assert d.lookup("Daesh").id == d.lookup("ISIS").id == "GRP.ISIS"  # type: ignore[union-attr]
    assert d.lookup("Jerusalem").id == d.lookup("Tel Aviv").id == "ISR.GOV"  # type: ignore[union-attr]
    assert d.lookup("Reuters").sectors == ["media"]  # type: ignore[union-attr]
    assert d.lookup("no such group at all") is None


def test_on_demand_role_actors() -> None:
    d = ActorDictionary.default()
    police = d.get("IRQ.POL")
    assert police is not None and police.country == "IQ" and police.sectors == ["police"]
    assert d.get("XXX.PRO") is not None and d.get("XXX.PRO").country is None  # type: ignore[union-attr]
    assert d.get("QQQ.POL") is None and d.get("IRQ.NOPE") is None


def test_yemen_sides_and_the_saudi_coalition() -> None:
    d = ActorDictionary.default()
    houthis, hadi = d.lookup("pro-Houthi forces"), d.lookup("pro-Hadi forces")
    assert houthis is not None and houthis.id == "YEM.HOUTHIS" and houthis.sectors == ["military"]
    assert hadi is not None and hadi.id == "YEM.MIL"
    coalition = d.lookup("Saudi-led coalition")
    assert coalition is not None and coalition.country is None and "igo" in coalition.sectors
    military_police = d.get("BRA.MILITARY_POLICE")
    assert military_police is not None and military_police.sectors == ["military"]


def test_a_de_facto_state_carries_its_name_as_country() -> None:
    artsakh = ActorDictionary.default().lookup("Artsakh")
    assert artsakh is not None and artsakh.country == "Artsakh" and "military" in artsakh.sectors
