"""PETRARCH2 harness: how many of PETRARCH2's own validation codings triangulate reproduces.

Each valid `<Sentence>` of `PETR.UnitTest.records.xml` is read and coded by triangulate with
PETRARCH's validation dictionaries (`PETR.Validate.actors.txt`, `.agents.txt`) as the actor
dictionary and the sentence's `date` as publication date. Each expected coding (source code,
target code, CAMEO code) has its CAMEO code mapped to PLOVER through `data/cameo_plover.yaml`.

Actor comparison. Our actor's PETRARCH code is its id read back (`evaluate/petrarch_dictionary.py`:
`ARN` -> ARN, `ARN.GOVFRM` -> ARNGOVFRM, `ARN.NGO~` -> NGOARN, `XXX.GOV` -> ---GOV, `ELR/GAL` ->
ELR or GAL); a person stands for the organization it belongs to. Codes are compared whole, as
PETRARCH's validation does, with one allowance: triangulate has a single actor for a state and
its government (`ARN.GOV`, named by the country's name), which matches both ARN and ARNGOV. A
quoted code ('"INJURY TOLL"', a noun phrase PETRARCH coded without a dictionary entry) matches an
actor named by that phrase. `*_root` metrics compare only the roots (agent codes dropped).

Metrics, over the codings whose CAMEO code maps to a PLOVER type (`scorable`):
- type_recall: an event of ours in the sentence has the coding's PLOVER type;
- triple_recall: ... with matching source and target (`triple_recall_root`: roots only);
- pair_recall: over every coding with two codes, scorable or not: an event of ours, of any type,
  has the matching source and target (the actor and role side alone); source_recall and
  target_recall: the same for one side;
- precision: our events that triple-match some expected coding, in sentences whose expected
  codings are all scorable (or that expect no event);
- sentences_exact: those sentences coded exactly (every coding reproduced, no other event);
- CATEGORY.triple_recall per test category; even./odd. the same on alternate sentences (rules
  were written looking at the even ones only).
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from defusedxml.ElementTree import parse as defused_parse

from triangulate.base.datafiles import load_yaml
from triangulate.evaluate.petrarch_dictionary import UNKNOWN_ROOT, PetrarchDictionary, petrarch_codes
from triangulate.extract import Extractor
from triangulate.read import Reader
from triangulate.read.nlp import parse_many
from triangulate.read.places import Geoparser
from triangulate.records import PLOVER_TYPES, Actor, Document, Event, document_id

DATA_SUBDIR = "petrarch"
RECORDS_FILE = "PETR.UnitTest.records.xml"
MAPPING_FILE = "cameo_plover.yaml"
ROOT_LEN = 3
EXAMPLES_PER_CLASS = 3
# test categories written two ways in the records
_CATEGORY_ALIASES = {"AGENTS": "AGENT", "COMPOUNDx": "COMPOUND"}


# ------------------------------------------------------------------------------ CAMEO -> PLOVER
@dataclass(frozen=True)
class PloverCode:
    type: str | None
    mode: str | None = None
    cameo: str = ""  # the listed code it came from


class CameoPlover:
    """data/cameo_plover.yaml: whole code, then the longest listed prefix, then the root."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.version = int(data["version"])
        self.table: dict[str, PloverCode] = {}
        for section in ("roots", "codes"):
            for code, spec in data[section].items():
                type_ = spec.get("type")
                if type_ is not None and type_ not in PLOVER_TYPES:
                    raise ValueError(f"{MAPPING_FILE}: {code}: unknown PLOVER type {type_!r}")
                self.table[str(code)] = PloverCode(type_, spec.get("mode"), str(code))

    @classmethod
    def default(cls) -> CameoPlover:
        return _default_mapping()

    @staticmethod
    def is_cameo(code: str) -> bool:
        """CAMEO codes are 3 or 4 characters under a root 01..20."""
        return 3 <= len(code) <= 4 and code[:2].isdigit() and 1 <= int(code[:2]) <= 20

    def lookup(self, code: str) -> PloverCode | None:
        if not self.is_cameo(code):
            return None
        for n in range(len(code), 1, -1):
            found = self.table.get(code[:n])
            if found is not None:
                return found
        return None


@lru_cache(maxsize=1)
def _default_mapping() -> CameoPlover:
    return CameoPlover(load_yaml(MAPPING_FILE))


# ------------------------------------------------------------------------------ gold records
@dataclass(frozen=True)
class Coding:
    source: str | None
    target: str | None
    cameo: str


@dataclass
class Sentence:
    id: str
    category: str
    valid: bool
    text: str
    published: date | None
    codings: list[Coding] = field(default_factory=list)
    position: int = 0


def _date(text: str | None) -> date | None:
    try:
        return datetime.strptime(text or "", "%Y%m%d").date()
    except ValueError:
        return None


def _category(raw: str) -> str:
    return _CATEGORY_ALIASES.get(raw, raw) or "NONE"


def load_records(folder: Path, limit: int | None = None) -> list[Sentence]:
    path = folder / RECORDS_FILE if folder.is_dir() else folder
    if not path.exists():
        raise FileNotFoundError(f"no {RECORDS_FILE} in {folder}; pass --data with the petrarch folder")
    root = defused_parse(path).getroot()  # entities and external references refused
    sentences: list[Sentence] = []
    for position, node in enumerate(root.iter("Sentence")):
        text_node = node.find("Text")
        text = " ".join(html.unescape(text_node.text or "").split()) if text_node is not None else ""
        codings = [
            Coding(_strip(c.get("sourcecode")), _strip(c.get("targetcode")), c.get("eventcode", "").strip())
            for c in node.findall("EventCoding") if c.get("eventcode")
        ]
        sentences.append(Sentence(
            id=node.get("id") or f"#{position}", category=_category(node.get("category", "")),
            valid=node.get("sentence", "true").lower() == "true", text=text,
            published=_date(node.get("date")), codings=codings, position=position,
        ))
    if limit is not None:
        sentences = sentences[:limit]
    return sentences


def _strip(code: str | None) -> str | None:
    code = (code or "").strip()
    return code or None


# ------------------------------------------------------------------------------ our side
@dataclass(frozen=True)
class CodedActor:
    codes: frozenset[str]  # PETRARCH codes it stands for
    texts: frozenset[str]  # normalized phrases naming it (for quoted codes)


@dataclass(frozen=True)
class OurEvent:
    type: str
    source: CodedActor | None
    target: CodedActor | None
    trigger: str


def _norm(text: str) -> str:
    text = re.sub(r"^the\s+", "", text.strip().lower())
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text).split())


def coded_actor(actor_id: str | None, text: str | None, actors: dict[str, Actor], roots: Iterable[str]) -> CodedActor | None:
    if actor_id is None:
        return None
    actor = actors.get(actor_id)
    names = {_norm(t) for t in (text, actor.name if actor else None) if t}
    seen: set[str] = set()
    while actor is not None and actor.kind == "person" and actor.affiliation and actor.id not in seen:
        seen.add(actor.id)  # a person stands for the organization it belongs to
        actor_id = actor.affiliation
        actor = actors.get(actor_id)
    if actor_id.startswith("prov:"):
        return CodedActor(frozenset(), frozenset(names))
    codes = set(petrarch_codes(actor_id))
    root, _, rest = actor_id.partition(".")
    if rest == "GOV" and root in set(roots):
        codes.add(root)  # one triangulate actor for a state and its government
    return CodedActor(frozenset(codes), frozenset(names))


def code_root(code: str, prefixes: frozenset[str]) -> str:
    """The actor root of a PETRARCH code: `NGOARNGOV` -> ARN when NGO is an agent written first."""
    while len(code) > ROOT_LEN and code[:ROOT_LEN] in prefixes:
        code = code[ROOT_LEN:]
    return code[:ROOT_LEN]


def actor_matches(expected: str | None, ours: CodedActor | None, prefixes: frozenset[str] | None = None) -> bool:
    """Whole-code comparison (roots only when `prefixes` is given); quoted codes by phrase."""
    if expected is None:
        return ours is None
    if ours is None:
        return False
    if expected.startswith('"'):
        return _norm(expected.strip('"')) in ours.texts
    if prefixes is None:
        return expected in ours.codes
    return code_root(expected, prefixes) in {code_root(c, prefixes) for c in ours.codes}


# ------------------------------------------------------------------------------ scoring
@dataclass
class SentenceResult:
    sentence: Sentence
    events: list[OurEvent]
    main_verbs: list[str] = field(default_factory=list)
    mentioned: set[str] = field(default_factory=set)  # PETRARCH codes of every actor the reader found


def _triple(coding: Coding, plover: str | None, event: OurEvent, prefixes: frozenset[str] | None = None) -> bool:
    return (
        event.type == plover
        and actor_matches(coding.source, event.source, prefixes)
        and actor_matches(coding.target, event.target, prefixes)
    )


def classify(coding: Coding, plover: str | None, result: SentenceResult, prefixes: frozenset[str]) -> str:
    """Why an expected coding was (not) reproduced; the largest cause first in the report."""
    events = result.events
    if plover is not None and any(_triple(coding, plover, e) for e in events):
        return "reproduced"
    if not events:
        return "no_event"
    pair = any(actor_matches(coding.source, e.source) and actor_matches(coding.target, e.target) for e in events)
    if plover is None:
        return "not_cameo_pair_right" if pair else "not_cameo"
    same = [e for e in events if e.type == plover]
    if not same:
        return "type_differs_actors_right" if pair else "type_differs"
    if any(actor_matches(coding.source, e.target) and actor_matches(coding.target, e.source) for e in same):
        return "roles_swapped"
    if any(_triple(coding, plover, e, prefixes) for e in same):
        return "agent_code_differs"
    source_ok = any(actor_matches(coding.source, e.source) for e in same)
    target_ok = any(actor_matches(coding.target, e.target) for e in same)
    wrong = "target" if source_ok else "source" if target_ok else "actors"
    missing = [c for c in ((coding.target,) if source_ok else (coding.source,) if target_ok
                           else (coding.source, coding.target)) if c]
    found = all(c in result.mentioned or c.startswith('"') for c in missing)
    return f"{wrong}_wrong_{'read' if found else 'not_read'}"


def score(results: Sequence[SentenceResult], mapping: CameoPlover, prefixes: frozenset[str]) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    by_category: dict[str, Counter[str]] = defaultdict(Counter)
    errors: Counter[str] = Counter()
    errors_by_category: dict[str, Counter[str]] = defaultdict(Counter)
    errors_by_type: dict[str, Counter[str]] = defaultdict(Counter)
    type_confusions: Counter[tuple[str, str]] = Counter()
    missing_verbs: Counter[str] = Counter()
    examples: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for result in results:
        s = result.sentence
        half = "even" if s.position % 2 == 0 else "odd"
        all_scorable = True
        matched_events: set[int] = set()
        reproduced_all = True
        for coding in s.codings:
            plover_code = mapping.lookup(coding.cameo)
            plover = plover_code.type if plover_code else None
            if coding.source and coding.target:
                counts["pair_n"] += 1
                counts["pair_hit"] += any(
                    actor_matches(coding.source, e.source) and actor_matches(coding.target, e.target)
                    for e in result.events
                )
                counts["source_hit"] += any(actor_matches(coding.source, e.source) for e in result.events)
                counts["target_hit"] += any(actor_matches(coding.target, e.target) for e in result.events)
            cause = classify(coding, plover, result, prefixes)
            errors[cause] += 1
            errors_by_type[plover or "not CAMEO"][cause] += 1
            errors_by_category[s.category][cause] += 1
            if cause != "reproduced" and len(examples[cause]) < EXAMPLES_PER_CLASS:
                examples[cause].append({
                    "id": s.id, "expected": [coding.source, coding.target, coding.cameo, plover],
                    "ours": [[e.type, sorted(e.source.codes) if e.source else None,
                              sorted(e.target.codes) if e.target else None, e.trigger] for e in result.events],
                })
            if plover is None:
                all_scorable = False
                continue
            for key in ("", half + "."):
                counts[key + "n"] += 1
            by_category[s.category]["n"] += 1
            type_hit = any(e.type == plover for e in result.events)
            hits = [i for i, e in enumerate(result.events) if _triple(coding, plover, e)]
            root_hit = any(_triple(coding, plover, e, prefixes) for e in result.events)
            matched_events.update(hits)
            reproduced_all &= bool(hits)
            for key in ("", half + "."):
                counts[key + "type"] += type_hit
                counts[key + "triple"] += bool(hits)
                counts[key + "root"] += root_hit
            by_category[s.category]["triple"] += bool(hits)
            if cause.startswith("type_differs"):
                ours = sorted({e.type for e in result.events})
                type_confusions[(plover, "/".join(ours))] += 1
            if cause == "no_event":
                missing_verbs.update(result.main_verbs or ["(none)"])
        if all_scorable:
            counts["prec_n"] += len(result.events)
            counts["prec_hit"] += len(matched_events)
            counts["exact_n"] += 1
            counts["exact"] += reproduced_all and len(matched_events) == len(result.events)
            if not s.codings:
                counts["no_event_sentences"] += 1
                counts["events_where_none_expected"] += len(result.events)
    metrics: dict[str, float] = {
        "type_recall": _ratio(counts["type"], counts["n"]),
        "triple_recall": _ratio(counts["triple"], counts["n"]),
        "triple_recall_root": _ratio(counts["root"], counts["n"]),
        "pair_recall": _ratio(counts["pair_hit"], counts["pair_n"]),
        "source_recall": _ratio(counts["source_hit"], counts["pair_n"]),
        "target_recall": _ratio(counts["target_hit"], counts["pair_n"]),
        "precision": _ratio(counts["prec_hit"], counts["prec_n"]),
        "sentences_exact": _ratio(counts["exact"], counts["exact_n"]),
    }
    for half in ("even", "odd"):
        metrics[f"{half}.type_recall"] = _ratio(counts[f"{half}.type"], counts[f"{half}.n"])
        metrics[f"{half}.triple_recall"] = _ratio(counts[f"{half}.triple"], counts[f"{half}.n"])
    for category in sorted(by_category):
        metrics[f"{category}.triple_recall"] = _ratio(by_category[category]["triple"], by_category[category]["n"])
    return {
        "metrics": metrics,
        "counts": {
            "scorable_codings": counts["n"], "codings": sum(errors.values()),
            "codings_with_both_codes": counts["pair_n"], "our_events_scored": counts["prec_n"],
            "sentences_scored_exact": counts["exact_n"], "no_event_sentences": counts["no_event_sentences"],
            "events_where_none_expected": counts["events_where_none_expected"],
        },
        "errors": dict(errors.most_common()),
        "errors_by_category": {c: dict(v.most_common()) for c, v in sorted(errors_by_category.items())},
        "errors_by_expected_type": {t: dict(v.most_common()) for t, v in sorted(errors_by_type.items())},
        "type_confusions": [
            {"expected": exp, "ours": ours, "count": n} for (exp, ours), n in type_confusions.most_common(15)
        ],
        "missing_trigger_verbs": dict(missing_verbs.most_common(20)),
        "examples": dict(examples),
    }


def _ratio(hit: int, n: int) -> float:
    return round(hit / n, 4) if n else 0.0


# ------------------------------------------------------------------------------ the harness
def analyze(sentences: Sequence[Sentence], dictionary: PetrarchDictionary,
            extractor: Extractor | None = None) -> list[SentenceResult]:
    """triangulate's read and extract on each sentence, with the dictionary of its date."""
    geoparser = Geoparser.default()
    extractor = extractor or Extractor.default(geoparser)
    roots = dictionary.roots
    results: list[SentenceResult] = []
    for sentence, doc in zip(sentences, parse_many(s.text for s in sentences), strict=True):
        document = Document(id=document_id(sentence.text), external_id=f"petrarch:{sentence.id}",
                            text=sentence.text, published=sentence.published, source=sentence.id)
        reader = Reader(actors=dictionary.actor_dictionary(sentence.published), geoparser=geoparser)
        read = reader.read(document, doc)
        events: list[Event] = extractor.extract(read).events
        actors = dict(read.actors)
        ours = [
            OurEvent(
                type=e.type,
                source=coded_actor(e.source_actor or e.default_source, e.source_text, actors, roots),
                target=coded_actor(e.target_actor or e.default_target, e.target_text, actors, roots),
                trigger=e.trigger.text if e.trigger else "",
            )
            for e in events
        ]
        mentioned: set[str] = set()
        for mention in read.actor_mentions:
            coded = coded_actor(mention.actor_id, mention.text, actors, roots)
            if coded is not None:
                mentioned |= coded.codes
        verbs = [t.lemma_.lower() for t in doc if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX", "NOUN")]
        results.append(SentenceResult(sentence, ours, verbs, mentioned))
    return results


def run(folder: Path, split: str = "dev", limit: int | None = None) -> dict[str, Any]:
    if split != "dev":
        raise ValueError("PETRARCH's validation suite has one set; only --split dev is here")
    sentences = [s for s in load_records(folder, limit) if s.valid]
    dictionary = PetrarchDictionary.load(folder if folder.is_dir() else folder.parent)
    prefixes = frozenset(a.code[:ROOT_LEN] for a in dictionary.agents if a.before) - {UNKNOWN_ROOT}
    mapping = CameoPlover.default()
    scored = score(analyze(sentences, dictionary), mapping, prefixes)
    return {
        "data": "petrarch",
        "split": split,
        "n": len(sentences),
        "mapping_version": mapping.version,
        **scored,
    }
