"""PolNeAR attribution harness: offsets through ingest, the matching rule, exactness, cue classes, splits."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from spacy.language import Language

from triangulate.evaluate import HARNESSES, run_harness
from triangulate.evaluate.attribution import (
    Gold,
    cue_class,
    heldout,
    load_articles,
    match,
    offset_map,
    score_article,
)
from triangulate.records import Claim, Span

TEXT = 'The senator said that the bill would pass. "It is dead," the mayor replied, "and everyone knows it."'


def _span(start: int, end: int) -> Span:
    return Span(doc_id="d", start=start, end=end, text=TEXT[start:end])


def _claim(n: int, source: tuple[int, int], cue: tuple[int, int], pieces: list[tuple[int, int]]) -> Claim:
    return Claim(
        id=f"d:c{n}", doc_id="d", speaker_text=TEXT[source[0]:source[1]], speaker_span=_span(*source),
        cue=TEXT[cue[0]:cue[1]], cue_span=_span(*cue), content=_span(pieces[0][0], pieces[-1][1]),
        content_pieces=[_span(*p) for p in pieces] if len(pieces) > 1 else [],
    )


def _at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def test_offsets_follow_the_text_ingest_kept() -> None:
    original = "Headline  \n\n\nBody text said here.  "
    stored = "Headline\n\nBody text said here."
    mapping = offset_map(original, stored)
    start = original.index("said")
    assert stored[mapping[start]:mapping[start + 4]] == "said"
    assert mapping[len(original)] == len(stored)


def test_match_needs_half_of_the_smaller_content_and_is_one_to_one() -> None:
    gold = [((0, 10),), ((20, 30),)]
    # the first prediction covers 5 of gold 0's 10 characters: half of the smaller, a match;
    # the second shares 4 of 10 with gold 1: not enough
    assert match([((5, 15),), ((26, 40),)], gold) == [(0, 0)]
    # two predictions on one gold content: only the larger overlap is kept
    assert match([((0, 10),), ((2, 10),)], gold[:1]) == [(0, 0)]


def test_score_counts_pieces_exactness_cue_and_source() -> None:
    said, senator = _at("said"), _at("The senator")
    that_clause = (TEXT.index("that"), TEXT.index("pass") + 4)
    it_is_dead = (TEXT.index("It is"), TEXT.index("dead") + 4)
    everyone = (TEXT.index("and everyone"), TEXT.index("knows it") + 8)
    gold = [
        Gold(source=(senator,), cue=(said,), content=(that_clause,), kind="Attribution"),
        Gold(source=(_at("the mayor"),), cue=(_at("replied"),), content=(it_is_dead, everyone), kind="Attribution"),
    ]
    claims = [
        # content without its complementizer: matched, not exact
        _claim(1, senator, said, [(TEXT.index("the bill"), that_clause[1])]),
        # both pieces of the quotation, but the speaker taken wrongly as the senator
        _claim(2, senator, _at("replied"), [it_is_dead, everyone]),
    ]
    total, by_class, errors = score_article(claims, gold, TEXT)
    assert (total.gold, total.predicted, total.matched) == (2, 2, 2)
    assert total.exact == 1 and total.cue_right == 2 and total.source_right == 1 and total.whole == 1
    assert by_class["verb"].matched == 2
    assert sorted(e["error"] for e in errors) == ["inexact", "source"]


def test_a_missed_and_a_spurious_claim_are_errors() -> None:
    gold = [Gold(source=(_at("The senator"),), cue=(_at("said"),), content=((21, 41),), kind="Attribution")]
    claims = [_claim(1, _at("the mayor"), _at("replied"), [(TEXT.index("and everyone"), len(TEXT) - 1)])]
    total, _, errors = score_article(claims, gold, TEXT)
    assert total.matched == 0
    assert sorted(e["error"] for e in errors) == ["missed", "spurious"]


@pytest.mark.parametrize(
    ("text", "cue", "expected"),
    [
        ("According to the police, the man fled.", "According to", "according_to"),
        ("The governor believes that taxes are too high.", "believes", "belief"),
        ("The governor's claim that taxes are too high was false.", "claim", "noun"),
        ("The governor said that taxes are too high.", "said", "verb"),
    ],
)
def test_cue_classes_come_from_the_words_and_the_parse(nlp: Language, text: str, cue: str, expected: str) -> None:
    doc = nlp(text)
    start = text.index(cue)
    assert cue_class(((start, start + len(cue)),), doc, 0) == expected


def test_a_cue_in_the_headline_is_a_headline_cue(nlp: Language) -> None:
    text = "Trump: the election is rigged\n\nThe candidate spoke in Ohio."
    doc = nlp(text)
    assert cue_class(((5, 6),), doc, len("Trump: the election is rigged")) == "headline"


def _write(folder: Path, name: str, rows: list[dict[str, object]]) -> None:
    with gzip.open(folder / name, "wt", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")


def test_heldout_and_train_split_the_training_file(tmp_path: Path) -> None:
    rows = [{"doc_id": f"doc-{n}", "text": "x", "attributions": []} for n in range(200)]
    _write(tmp_path, "polnear_train.jsonl.gz", rows)
    train = {r["doc_id"] for r in load_articles(tmp_path, "train")}
    held = {r["doc_id"] for r in load_articles(tmp_path, "heldout")}
    assert not train & held and len(train | held) == 200
    assert 5 <= len(held) <= 40 and all(heldout(d) for d in held)
    with pytest.raises(ValueError, match="unknown split"):
        load_articles(tmp_path, "test")


def test_a_made_up_article_runs_end_to_end(tmp_path: Path) -> None:
    text = "Police chief Maria Lopez said that the suspect had fled the city.\n\nThe search goes on."
    start = text.index("that")
    row = {
        "doc_id": "made-up-1", "publisher": "test", "published": "2016-09-12", "title": "", "annotator": "x",
        "text": text,
        "attributions": [{
            "source": [[0, 24]], "cue": [[25, 29]], "content": [[start, text.index(".")]], "kind": "Attribution",
        }],
    }
    _write(tmp_path, "polnear_dev.jsonl.gz", [row])
    assert "attribution" in HARNESSES
    result = run_harness("attribution", tmp_path, split="dev")
    metrics = result["metrics"]
    assert result["n"] == 1 and result["n_gold"] == 1
    assert metrics["content_recall"] == 1.0 and metrics["exact_content_f1"] == 1.0
    assert metrics["cue_right"] == 1.0 and metrics["source_right"] == 1.0
