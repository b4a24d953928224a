"""Stance of a text towards a claim; `triangulate stance` and `triangulate check`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from triangulate.cli import main
from triangulate.link.stance import (
    FEATURE_NAMES,
    LEXICON_KINDS,
    LEXICON_PATH,
    load_lexicons,
    load_model,
    split_sentences,
    stem,
    words,
)

CLAIM = "Police arrested the mayor of Riverton on corruption charges"

SUPPORTING = (
    "The mayor of Riverton was arrested by police on Tuesday on corruption charges, officials confirmed. "
    "Officers detained the mayor at his home after a two-year investigation into bribes paid for city "
    "contracts. A police spokesman said the mayor was taken into custody and will appear in court on Friday. "
    "The arrest of the mayor was confirmed in a statement by the state prosecutor, who said the corruption "
    "charges include bribery and fraud."
)
REFUTING = (
    "The mayor of Riverton has not been arrested, police said on Tuesday, denying a story that spread online. "
    "\"It is completely false. The mayor was never arrested and faces no corruption charges,\" a police "
    "spokeswoman said. The mayor's office called the story a hoax and said the mayor was at work as usual. "
    "The fake arrest story was first posted on a satirical website."
)
# a denial told through the reports it denies: the model hesitates here between disagree and discuss
DENIAL_OF_REPORTS = (
    "Police in Riverton denied reports that the mayor had been arrested on corruption charges. "
    "\"The claims circulating online are false. Nobody has been arrested,\" a police spokeswoman said. "
    "The mayor's office also dismissed the story as a hoax, saying the mayor was at work on Tuesday. "
    "The fake report of an arrest was first posted on a satirical website and spread on social media."
)
DISCUSSING = (
    "Rumours spread on Tuesday that the mayor of Riverton may have been arrested on corruption charges. "
    "Several local websites reported the arrest, citing unnamed sources, but the claims could not be "
    "independently verified. Police did not respond to requests for comment, and it was unclear whether "
    "the mayor had been detained or only questioned. The mayor has faced allegations of corruption before."
)
UNRELATED = (
    "Heavy rains flooded farmland across the northern districts of Bangladesh this week, and the government "
    "opened shelters for families whose homes were washed away. Aid groups said thousands of people needed "
    "clean water and food after the monsoon rivers burst their banks."
)


def test_lexicon_file_is_well_formed() -> None:
    raw = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    assert raw["version"] == 1
    for kind in (*LEXICON_KINDS, "stopwords"):
        assert raw[kind], kind
        for entry in raw[kind]:
            assert isinstance(entry, str), f"{kind}: {entry!r} (YAML reads bare no / on / true as booleans)"
            # each entry must be one token as the tokenizer yields it, or it can never match
            assert words(entry) == [entry], f"{kind}: {entry!r}"
    lex = load_lexicons()
    assert not lex.refute & lex.hedge, lex.refute & lex.hedge
    assert not lex.refute & lex.support, lex.refute & lex.support
    assert {"denied", "hoax", "false"} <= lex.refute
    assert {"reportedly", "allegedly"} <= lex.hedge


def test_sentences_and_stems() -> None:
    text = 'He said: "It is false." Officials denied it!\n\nNo comment was given? Yes'
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        'He said: "It is false."', "Officials denied it!", "No comment was given?", "Yes",
    ]
    assert stem("denied") == stem("denies") == "den"
    assert stem("attacks") == "attack"
    assert words("The mayor’s office didn't") == ["the", "mayor's", "office", "didn't"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [(SUPPORTING, "agree"), (REFUTING, "disagree"), (DISCUSSING, "discuss"), (UNRELATED, "unrelated")],
)
def test_stance_of_written_paragraphs(text: str, expected: str) -> None:
    [found] = load_model().predict([(CLAIM, text)], doc_ids=["doc"])
    assert found.stance == expected, found.probabilities
    assert abs(sum(found.probabilities.values()) - 1.0) < 1e-6
    for span in found.evidence:
        assert text[span.start:span.end] == span.text
        assert span.doc_id == "doc"
    assert bool(found.evidence) == (expected != "unrelated")


def test_refuting_evidence_quotes_the_denial() -> None:
    [found] = load_model().predict([(CLAIM, REFUTING)])
    assert any(w in found.evidence[0].text for w in ("denying", "never", "false", "hoax", "fake"))


def test_a_denial_of_reports_is_related_and_leans_against_the_claim() -> None:
    [found] = load_model().predict([(CLAIM, DENIAL_OF_REPORTS)])
    assert found.stance in ("disagree", "discuss")
    assert found.probabilities["disagree"] > found.probabilities["agree"]


def test_model_matches_the_feature_set() -> None:
    assert load_model().meta["features"] == list(FEATURE_NAMES)


def test_stance_command_writes_a_line_per_good_pair_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "claim": CLAIM, "text": SUPPORTING}),
        "{not json",
        json.dumps({"id": 2, "claim": CLAIM, "text": UNRELATED}),
        json.dumps({"id": "c", "claim": "", "text": SUPPORTING}),
        json.dumps({"id": "d", "claim": CLAIM, "text": REFUTING}),
    ]
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["stance", str(pairs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{pairs}:2: not JSON" in result.stderr
    assert f"{pairs}:4: missing or empty \"claim\"" in result.stderr
    assert "3 pairs" in result.stderr and "2 bad lines" in result.stderr
    found = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(f["id"], f["stance"]) for f in found] == [("a", "agree"), (2, "unrelated"), ("d", "disagree")]
    assert set(found[0]) == {"id", "stance", "score", "evidence"}
    for span in found[0]["evidence"]:
        assert SUPPORTING[span["start"]:span["end"]] == span["text"]


def test_stance_command_writes_to_stdout_without_out(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(json.dumps({"id": "x", "claim": CLAIM, "text": DISCUSSING}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["stance", str(pairs), "--quiet"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["stance"] == "discuss"


@pytest.fixture(scope="module")
def store_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from triangulate.pipeline import run

    folder = tmp_path_factory.mktemp("reports")
    for name, text in (("support", SUPPORTING), ("refute", REFUTING), ("discuss", DISCUSSING),
                       ("flood", UNRELATED)):
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    db = folder / "store.db"
    run([folder], None, db)
    return db


def test_check_lists_supporting_contradicting_and_discussing_reports(store_db: Path) -> None:
    result = CliRunner().invoke(main, ["check", CLAIM, "--db", str(store_db), "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    # the reports' own sentences answer it ("was arrested by police", "has not been arrested"); the stance model's
    # reading of every report is listed beside them
    assert answer["verdict"] == "disputed" and answer["reading"] == "sentences"
    assert {i["doc_id"] for i in answer["supports"]} == {r["doc_id"] for r in answer["reports"]
                                                        if r["external_id"] == "support.txt"}
    assert {i["doc_id"] for i in answer["refutes"]} == {r["doc_id"] for r in answer["reports"]
                                                       if r["external_id"] == "refute.txt"}
    reports = answer["reports"]
    by_file = {r["external_id"]: r for r in reports}
    assert by_file["support.txt"]["relation"] == "supports"
    assert by_file["refute.txt"]["relation"] == "contradicts"
    assert by_file["discuss.txt"]["relation"] == "discusses"
    assert "flood.txt" not in by_file
    assert [r["relation"] for r in reports] == ["supports", "contradicts", "discusses"]
    evidence = by_file["refute.txt"]["evidence"][0]
    assert evidence["doc_id"] == by_file["refute.txt"]["doc_id"]
    assert REFUTING[evidence["start"]:evidence["end"]] == evidence["text"]


def test_check_prints_a_readable_list(store_db: Path) -> None:
    result = CliRunner().invoke(main, ["check", CLAIM, "--db", str(store_db)])
    assert result.exit_code == 0, result.output
    assert "Verdict: disputed" in result.stdout
    assert "SUPPORTS (" in result.stdout and "REFUTES (" in result.stdout
    assert "The mayor was never arrested" in result.stdout
    unrelated = CliRunner().invoke(main, ["check", "Volcano erupts in Iceland", "--db", str(store_db)])
    assert "No stored report" in unrelated.stdout


def test_check_without_a_database_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", CLAIM, "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0
    assert "triangulate run" in result.output
