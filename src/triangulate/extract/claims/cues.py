"""The cue vocabulary of `data/cues.yaml` and the factuality a cue gives its content."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from spacy.tokens import Token

from triangulate.base.datafiles import data_path, load_yaml, word_set
from triangulate.records import Factuality

CUES_PATH = data_path("cues.yaml")

FACTUALITY_VALUES: frozenset[str] = frozenset({"CT+", "PR+", "PS+", "CT-", "PR-", "PS-", "Uu"})
LEVELS: tuple[str, ...] = ("PS", "PR", "CT")  # weakest first


# ----------------------------------------------------------------------------- data

@dataclass(frozen=True)
class VerbCue:
    factuality: str
    takes_object: bool = False
    chain: bool = False


@dataclass(frozen=True)
class PredicateCue:
    words: frozenset[str]
    factuality: str


@dataclass(frozen=True)
class CueTable:
    """The cue vocabulary of `data/cues.yaml`, indexed for lookups by lemma."""

    verbs: dict[str, VerbCue]
    predicates: dict[str, PredicateCue]
    addressee_to: frozenset[str]
    owning_to: frozenset[str]
    realized_control: frozenset[str]
    purpose_heads: frozenset[str]
    audience_nouns: frozenset[str]
    addressee_object: frozenset[str]
    according_to: str
    raise_adverbs: frozenset[str]
    lower_adverbs: frozenset[str]
    content_modals: dict[str, str]
    content_hedges: dict[str, str]
    source_nouns: frozenset[str]
    generic_source_nouns: frozenset[str]
    person_nouns: frozenset[str]
    part_nouns: frozenset[str]
    gendered: dict[str, str]  # a word -> "male" / "female"
    alleging_stems: tuple[str, ...]
    content_uncertain: frozenset[str] = frozenset()
    content_knowing: frozenset[str] = frozenset()
    content_false: frozenset[str] = frozenset()
    impossibility_modals: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    bodies: dict[str, frozenset[str]] = field(default_factory=dict)  # "the military" -> sectors it may name

    @classmethod
    def load(cls, path: Path = CUES_PATH) -> CueTable:
        raw = load_yaml(path)
        verbs = {
            str(lemma): VerbCue(
                factuality=_checked(entry["factuality"], lemma),
                takes_object=bool(entry.get("object", False)),
                chain=bool(entry.get("chain", False)),
            )
            for lemma, entry in raw["verbs"].items()
        }
        predicates = {
            str(lemma): PredicateCue(
                words=frozenset(w.lower() for w in entry["words"]),
                factuality=_checked(entry["factuality"], lemma),
            )
            for lemma, entry in raw["predicates"].items()
        }
        for table in ("content_modals", "content_hedges"):
            for word, level in raw[table].items():
                if level not in LEVELS:
                    raise ValueError(f"cues.yaml {table}.{word}: level {level!r} not in {LEVELS}")
        return cls(
            verbs=verbs,
            predicates=predicates,
            addressee_to=word_set(raw["addressee_to"]),
            owning_to=word_set(raw.get("owning_to")),
            realized_control=word_set(raw.get("realized_control")),
            purpose_heads=word_set(raw.get("purpose_heads")),
            audience_nouns=word_set(raw.get("audience_nouns")),
            addressee_object=word_set(raw["addressee_object"]),
            according_to=_checked(raw["according_to"]["factuality"], "according_to"),
            raise_adverbs=word_set(raw["adverbs"]["raise"]),
            lower_adverbs=word_set(raw["adverbs"]["lower"]),
            content_modals={str(k): str(v) for k, v in raw["content_modals"].items()},
            content_hedges={str(k): str(v) for k, v in raw["content_hedges"].items()},
            source_nouns=word_set(raw["source_nouns"]),
            generic_source_nouns=word_set(raw["generic_source_nouns"]),
            person_nouns=word_set(raw["person_nouns"]),
            part_nouns=word_set(raw["part_nouns"]),
            gendered={str(w).lower(): str(g) for g, words in raw["gendered"].items() for w in words},
            alleging_stems=tuple(str(v).lower() for v in raw["alleging_stems"]),
            content_uncertain=word_set(raw.get("content_uncertain", [])),
            content_knowing=word_set(raw.get("content_knowing", [])),
            content_false=word_set(raw.get("content_false", [])),
            impossibility_modals=word_set(raw.get("impossibility_modals", [])),
            document_nouns=word_set(raw.get("document_nouns", [])),
            bodies={str(noun).lower(): word_set(sectors) for noun, sectors in (raw.get("bodies") or {}).items()},
        )


def _checked(value: Any, where: object) -> str:
    if value not in FACTUALITY_VALUES:
        raise ValueError(f"cues.yaml {where}: factuality {value!r} not in {sorted(FACTUALITY_VALUES)}")
    return str(value)



@lru_cache(maxsize=1)
def default_table() -> CueTable:
    return CueTable.load()


# ----------------------------------------------------------------------------- factuality

def adjust_factuality(
    base: str, *, negated_cue: bool = False, raise_level: bool = False, lower_level: bool = False,
    negated_content: bool = False, content_level: str | None = None, uncommitted_content: bool = False,
    false_content: bool = False,
) -> Factuality:
    """The speaker's commitment: the cue's value moved by its adverbs, negation and the content.
    A content that says its matter is not known gives Uu; one that calls a claim false flips the
    polarity once more ("said the claim is false": CT-; "said it is not false": CT+)."""
    if negated_cue or base == "Uu" or uncommitted_content:
        return "Uu"
    level, polarity = base[:2], base[2]
    rank = LEVELS.index(level)
    if raise_level and rank < LEVELS.index("PR"):
        rank += 1  # a strong hint is probable, never certain
    if lower_level and rank > 0:
        rank -= 1
    if content_level is not None:
        rank = min(rank, LEVELS.index(content_level))
    if negated_content != false_content:
        polarity = "-" if polarity == "+" else "+"
    return cast(Factuality, f"{LEVELS[rank]}{polarity}")


# ----------------------------------------------------------------------------- shared base

class CueReader:
    """What every part of the claim extractor shares: the cue table and the test for a cue verb."""

    def __init__(self, table: CueTable) -> None:
        self.table = table

    def _is_cue(self, tok: Token) -> bool:
        return self._is_cue_word(tok.pos_, tok.lemma_.lower())

    def _is_cue_word(self, pos: str, lemma: str) -> bool:
        """`_is_cue` of a token with this part of speech and (lower-cased) lemma."""
        return pos == "VERB" and (lemma in self.table.verbs or lemma in self.table.predicates)

    def _speaker_goes_on(self, tok: Token) -> bool:
        """A second cue of the speaker that the parser hung inside the first one's content: "X said A and
        refuted that B" (the conjunct has no subject, its own complement and the outer cue's tense)."""
        clause = tok.head
        if tok.dep_ != "conj" or clause.dep_ != "ccomp" or not self._is_cue(tok) or not self._is_cue(clause.head):
            return False
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return False
        own = any(c.dep_ in ("ccomp", "dobj") for c in tok.children)
        return own and tok.tag_ == clause.head.tag_ and any(c.dep_ == "nsubj" for c in clause.children)
