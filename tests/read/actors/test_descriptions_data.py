"""data/descriptions.yaml: versioned, and every sector, role, actor and state it names exists."""

from __future__ import annotations

from triangulate.base.datafiles import load_yaml
from triangulate.read.actors import ActorDictionary
from triangulate.read.actors.described import DescriptionVocabulary


def test_versioned_and_consistent() -> None:
    data = load_yaml("descriptions.yaml", versioned=True)
    assert isinstance(data["version"], int)
    sectors = set(load_yaml("agents.yaml")["sectors"])
    for noun, fit in data["nouns"].items():
        assert noun == noun.lower()
        assert set(fit.get("sectors", ())) <= sectors, noun
        assert fit.get("state") in (None, "GOV", "MIL"), noun
        assert fit.get("sectors") or fit.get("state") or fit.get("named"), noun
    words = [str(w).lower() for traits in data["traits"].values() for ws in traits.values() for w in ws]
    assert len(words) == len(set(words)), "a word belongs to one trait"
    vocabulary = DescriptionVocabulary.default()
    dictionary = ActorDictionary.default()
    for actor_id, traits in data["actors"].items():
        assert dictionary.get(actor_id) is not None, actor_id
        assert set(traits) <= set(vocabulary.set_of), actor_id
    for pair in data["halves"]:
        for iso3 in pair.values():
            assert iso3 in dictionary.states.iso2_of


def test_traits_read_from_words() -> None:
    vocabulary = DescriptionVocabulary.default()
    assert vocabulary.traits(["Shi’ite", "armed"]) == {"shiite"}
    assert vocabulary.set_of["shiite"] == vocabulary.set_of["sunni"]
