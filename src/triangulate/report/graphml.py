"""graphml: the dossier as a directed network for Gephi or networkx: actors as nodes; events, claims and
statements of responsibility as edges.

Nodes (attribute `kind` says which):
- an actor of the dossier (id the actor id, `kind` its kind: government, military, person, ...);
- `unresolved`: a speaker or an accused the report names but no actor entry matches ("Witnesses",
  "informed sources in Jerusalem and Tel Aviv"); id `text:` and the words in lower case, so the same
  words in two reports are one node;
- `unknown`: the one node `unknown` standing for a side the report leaves open (an attack by an
  unnamed attacker), as ACLED's "Unidentified Armed Group" does: honest, and visible as a hub;
- `proposition`: what was said, when a claim names no actor (below); id the claim group's id, so
  speakers who said the same thing meet at one node.
- `unlisted`: an actor id a record uses that the dossier's actor list lacks (kept: it is what the
  record says).

Edges (attribute `kind`; the GraphML edge id is the record's id in dossier.json):
- `event`: one per merged event (the story-level record, so an attack told by three reports is one
  edge), source actor -> target actor, with type, mode, date, place, reports, fatalities, injured.
  A side left open is the `unknown` node; an event with neither side known joins no actors and is
  left out (dossier.json and the GeoJSON export still have it).
- `claim`: one per attributed claim, speaker -> the actor the claim is about: the first actor the
  claim's content names that is neither the speaker nor a generic group ("XXX.CIV"), from the report's
  actor mentions inside the content's span. A claim naming no actor goes to its proposition node.
- `responsibility`: one per statement of who did it, speaker -> accused, with the stance (accuses,
  claims, admits, denies, uncertain); an accused left open is the `unknown` node.

Written with the standard library's XML writer, so text is escaped; characters XML 1.0 cannot hold
(control characters from a hostile report) are dropped, and long text is capped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # nosec B405
from dataclasses import dataclass, field
from typing import Any

from triangulate.records import is_generic_actor, proposition

# ElementTree only writes XML here, it never parses any (what bandit's B405 warns of)
MEDIA_TYPE = "application/graphml+xml"
NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
UNKNOWN = "unknown"
MAX_TEXT = 500  # characters of a claim or evidence sentence kept on an edge
MAX_NAME = 200
# Characters outside XML 1.0's Char production: a parser refuses the whole file for one of them.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

NODE_KEYS: dict[str, str] = {
    "label": "string", "name": "string", "kind": "string", "country": "string", "sectors": "string",
    "provisional": "boolean",
}
EDGE_KEYS: dict[str, str] = {
    "label": "string", "kind": "string", "story_id": "string", "type": "string", "mode": "string",
    "date": "string", "place": "string", "reports": "int", "fatalities": "int", "injured": "int",
    "stance": "string", "factuality": "string", "cue": "string", "text": "string", "event_id": "string",
    "doc_ids": "string",
}

Value = str | int | bool | None


@dataclass
class Network:
    """Nodes and edges before they are written: ids with their attributes, in order of appearance."""

    nodes: dict[str, dict[str, Value]] = field(default_factory=dict)
    edges: list[tuple[str, str, str, dict[str, Value]]] = field(default_factory=list)  # id, source, target, data

    def node(self, node_id: str, **data: Value) -> str:
        self.nodes.setdefault(node_id, data)
        return node_id


def _clean(text: Any, cap: int = MAX_TEXT) -> str:
    """Report text as one line of XML-safe characters, at most `cap` long."""
    flat = " ".join(_NOT_XML.sub("", str(text)).split())
    return flat if len(flat) <= cap else flat[: cap - 1] + "…"


def _named(network: Network, text: str | None) -> str:
    """The node for words that name no known actor; the `unknown` node when there are none."""
    name = _clean(text or "", MAX_NAME)
    if not name:
        return network.node(UNKNOWN, label="unknown", name="unknown", kind="unknown")
    return network.node("text:" + name.lower(), label=name, name=name, kind="unresolved")


def _actor(network: Network, actors: dict[str, dict[str, Any]], actor_id: str | None, text: str | None) -> str:
    if actor_id and actor_id in network.nodes:
        return actor_id
    if actor_id:  # an id the dossier's actor list lacks: keep the id, it is what the records say
        return network.node(actor_id, label=_clean(text or actor_id, MAX_NAME), name=_clean(actor_id, MAX_NAME),
                            kind="unlisted")
    return _named(network, text)


def _about(claim: dict[str, Any], mentions: list[dict[str, Any]]) -> str | None:
    """The first actor named inside the claim's content that is not its speaker nor a generic group."""
    content = claim["content"]
    for mention in sorted(mentions, key=lambda m: m["start"]):
        if content["start"] <= mention["start"] and mention["end"] <= content["end"]:
            actor_id = mention["actor_id"]
            if actor_id != claim.get("speaker") and not is_generic_actor(actor_id):
                return str(actor_id)
    return None


def build_network(dossier: dict[str, Any]) -> Network:
    """The dossier's actors, events, claims and responsibility statements as nodes and edges."""
    network = Network()
    actors = {a["id"]: a for a in dossier.get("actors", [])}
    for actor in dossier.get("actors", []):
        name = _clean(actor["name"], MAX_NAME)
        network.node(actor["id"], label=name, name=name, kind=_clean(actor.get("kind") or "", MAX_NAME),
                     country=actor.get("country"), sectors=_clean(" ".join(actor.get("sectors", [])), MAX_NAME),
                     provisional=bool(actor.get("provisional")))
    docs = {d["id"]: d for d in dossier.get("documents", [])}
    _event_edges(network, dossier, actors)
    _claim_edges(network, dossier, actors, docs)
    for statement in dossier.get("responsibility", []):
        source = _actor(network, actors, statement.get("speaker"), statement.get("speaker_text"))
        target = _actor(network, actors, statement.get("accused"), statement.get("accused_text"))
        evidence = statement.get("evidence") or []
        network.edges.append((statement["id"], source, target, {
            "label": statement["stance"], "kind": "responsibility", "story_id": statement.get("story_id"),
            "stance": statement["stance"], "factuality": statement.get("factuality"),
            "cue": _clean(statement.get("cue") or "", MAX_NAME), "date": statement.get("published"),
            "event_id": statement.get("merged_event_id"), "doc_ids": statement["doc_id"],
            "text": _clean(evidence[0]["text"]) if evidence else None,
        }))
    return network


def _event_edges(network: Network, dossier: dict[str, Any], actors: dict[str, dict[str, Any]]) -> None:
    for item in dossier.get("merged_events", []):
        if not item.get("source_actor") and not item.get("target_actor"):
            continue
        source = _actor(network, actors, item.get("source_actor"), None)
        target = _actor(network, actors, item.get("target_actor"), None)
        what = item["type"] + (f"/{item['mode']}" if item.get("mode") else "")
        doc_ids = list(dict.fromkeys(item.get("doc_ids", [])))
        network.edges.append((item["id"], source, target, {
            "label": what, "kind": "event", "story_id": item.get("story_id"), "type": item["type"],
            "mode": item.get("mode"), "date": (item.get("date") or {}).get("value"),
            "place": _clean((item.get("place") or {}).get("name") or "", MAX_NAME) or None,
            "reports": len(doc_ids), "fatalities": item.get("fatalities"), "injured": item.get("injured"),
            "event_id": item["id"], "doc_ids": " ".join(doc_ids),
        }))


def _claim_edges(
    network: Network, dossier: dict[str, Any], actors: dict[str, dict[str, Any]], docs: dict[str, dict[str, Any]],
) -> None:
    group_of = {c: g for g in dossier.get("claim_groups", []) for c in g["claim_ids"]}
    story_of = {c: s["id"] for s in dossier.get("stories", []) for c in s.get("claim_ids", [])}
    for claim in dossier.get("claims", []):
        doc = docs.get(claim["doc_id"], {})
        source = _actor(network, actors, claim.get("speaker"), claim.get("speaker_text"))
        about = _about(claim, doc.get("mentions", []))
        said = proposition(claim["content"]["text"], [p["text"] for p in claim.get("content_pieces", [])])
        if about is not None:
            target = _actor(network, actors, about, None)
        else:
            group = group_of.get(claim["id"])
            node_id = group["id"] if group else "claim:" + claim["id"]
            text = _clean(group["proposition"] if group else said, MAX_NAME)
            target = network.node(node_id, label=text, name=text, kind="proposition")
        network.edges.append((claim["id"], source, target, {
            "label": _clean(claim.get("cue") or "", MAX_NAME), "kind": "claim", "story_id": story_of.get(claim["id"]),
            "factuality": claim.get("factuality"), "cue": _clean(claim.get("cue") or "", MAX_NAME),
            "date": doc.get("published"), "doc_ids": claim["doc_id"], "text": _clean(said),
        }))


def _text(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _clean(value, 10 * MAX_TEXT) if isinstance(value, str) else str(value)


def render_graphml(dossier: dict[str, Any]) -> str:
    """The network as GraphML text, every attribute declared with its type."""
    network = build_network(dossier)
    root = ET.Element("graphml", {"xmlns": NAMESPACE})
    keys: dict[tuple[str, str], str] = {}
    for scope, declared in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, kind in declared.items():
            key_id = f"{scope[0]}_{name}"
            keys[scope, name] = key_id
            ET.SubElement(root, "key", {"id": key_id, "for": scope, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", {"id": "triangulate", "edgedefault": "directed"})
    for node_id, data in network.nodes.items():
        element = ET.SubElement(graph, "node", {"id": _clean(node_id, 10 * MAX_NAME)})
        _data(element, keys, "node", data)
    for edge_id, source, target, data in network.edges:
        element = ET.SubElement(graph, "edge", {"id": _clean(edge_id, 10 * MAX_NAME),
                                                "source": _clean(source, 10 * MAX_NAME),
                                                "target": _clean(target, 10 * MAX_NAME)})
        _data(element, keys, "edge", data)
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _data(element: ET.Element, keys: dict[tuple[str, str], str], scope: str, data: dict[str, Value]) -> None:
    for name, value in data.items():
        if value is None or value == "":
            continue
        ET.SubElement(element, "data", {"key": keys[scope, name]}).text = _text(value)
