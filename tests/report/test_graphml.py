"""The GraphML export loads in networkx with typed attributes: the seeds' actors as nodes, their events,
claims and statements of responsibility as edges; hostile text stays text."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from triangulate.report.graphml import render_graphml


@pytest.fixture(scope="module")
def dossier(seeds_run: dict[str, Any]) -> dict[str, Any]:
    return dict(seeds_run["dossier"])


def _load(dossier: dict[str, Any], tmp_path: Path) -> nx.MultiDiGraph:
    path = tmp_path / "dossier.graphml"
    path.write_text(render_graphml(dossier), encoding="utf-8")
    graph = nx.read_graphml(path)
    assert isinstance(graph, nx.MultiDiGraph)  # two actors can share several edges
    return graph


def _edges(graph: nx.MultiDiGraph) -> dict[str, tuple[str, str, dict[str, Any]]]:
    return {key: (u, v, data) for u, v, key, data in graph.edges(keys=True, data=True)}


@pytest.fixture(scope="module")
def graph(dossier: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    return _load(dossier, tmp_path_factory.mktemp("graphml"))


def test_actors_are_typed_nodes(graph: nx.MultiDiGraph, dossier: dict[str, Any]) -> None:
    assert {a["id"] for a in dossier["actors"]} <= set(graph.nodes)
    israel = graph.nodes["ISR.GOV"]
    assert israel == {"label": "Government of Israel", "name": "Government of Israel", "kind": "government",
                      "country": "IL", "sectors": "government", "provisional": False}
    assert graph.nodes["ISR.GOV.benjamin-netanyahu"]["kind"] == "person"


def test_every_record_is_one_edge(graph: nx.MultiDiGraph, dossier: dict[str, Any]) -> None:
    kinds = [data["kind"] for _, _, data in graph.edges(data=True)]
    joined = [m for m in dossier["merged_events"] if m["source_actor"] or m["target_actor"]]
    assert kinds.count("event") == len(joined) < len(dossier["merged_events"])
    assert kinds.count("claim") == len(dossier["claims"])
    assert kinds.count("responsibility") == len(dossier["responsibility"])


def test_a_merged_event_is_an_edge_between_its_sides(graph: nx.MultiDiGraph) -> None:
    source, target, data = _edges(graph)["m7bc5cbbf27deafd3:e1"]  # the strikes the U.S. officials pin on Israel
    assert (source, target) == ("ISR.GOV", "IRQ.PMF")
    assert (data["kind"], data["type"], data["mode"], data["date"]) == ("event", "ASSAULT", "aerial", "2019-08-22")
    assert data["reports"] == 1 and isinstance(data["reports"], int)
    threat = _edges(graph)["m7bc5cbbf27deafd3:e15"]  # Israel threatens, nobody named as threatened
    assert threat[:2] == ("ISR.GOV", "unknown") and graph.nodes["unknown"]["kind"] == "unknown"


def test_a_responsibility_statement_goes_from_speaker_to_accused(graph: nx.MultiDiGraph) -> None:
    source, target, data = _edges(graph)["7bc5cbbf27deafd3:r1"]
    assert (source, target, data["stance"], data["cue"]) == ("USA.GOV", "ISR.GOV", "accuses", "confirmed")
    assert data["event_id"] == "m7bc5cbbf27deafd3:e1" and data["text"].startswith("U.S. officials have confirmed")


def test_a_claim_goes_to_the_actor_it_names_else_to_what_it_says(graph: nx.MultiDiGraph) -> None:
    edges = _edges(graph)
    source, target, data = edges["7bc5cbbf27deafd3:c1"]  # U.S. officials: "Israel was behind the ... airstrikes"
    assert (source, target, data["factuality"]) == ("USA.GOV", "ISR.GOV", "CT+")
    assert data["text"].startswith("Israel was behind the series of mysterious airstrikes")
    witnesses = [(v, d) for u, v, d in edges.values() if u == "text:witnesses" and d["kind"] == "claim"]
    assert witnesses and graph.nodes["text:witnesses"] == {"label": "Witnesses", "name": "Witnesses",
                                                           "kind": "unresolved"}
    propositions = [v for v, _ in witnesses if graph.nodes[v]["kind"] == "proposition"]
    assert propositions and all(v.startswith("g") for v in propositions)  # the claim group's node


def test_hostile_text_is_escaped_and_control_characters_dropped(dossier: dict[str, Any], tmp_path: Path) -> None:
    hostile = copy.deepcopy(dossier)
    actor = next(a for a in hostile["actors"] if a["id"] == "ISR.GOV")
    actor["name"] = "</data></node><node id=\"x\"/>&amp; \x00\x07\x1b Israel ]]> \ud800"
    claim = next(c for c in hostile["claims"] if c["id"] == "7bc5cbbf27deafd3:c1")
    claim["content"]["text"] = "that <script>alert(1)</script> & \x0c" + "x" * 2000
    graph = _load(hostile, tmp_path)
    assert graph.nodes["ISR.GOV"]["name"] == "</data></node><node id=\"x\"/>&amp; Israel ]]>"
    assert "x" not in graph.nodes and graph.number_of_nodes() == _load(dossier, tmp_path).number_of_nodes()
    text = _edges(graph)["7bc5cbbf27deafd3:c1"][2]["text"]
    assert text.startswith("<script>alert(1)</script> & x") and len(text) == 500
