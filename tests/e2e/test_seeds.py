"""The whole run on the two seed reports: the issue's acceptance list, from general rules only."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from triangulate.base.geo import haversine_km
from triangulate.cli import main

REPO = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((REPO / "schema" / "dossier.schema.json").read_text())


def _actors(dossier: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in dossier["actors"]}


def _mention_ids(dossier: dict[str, Any], *texts: str) -> set[str]:
    wanted = {t.lower() for t in texts}
    return {
        m["actor_id"] for d in dossier["documents"] for m in d["mentions"] if m["text"].lower() in wanted
    }


def test_dossier_follows_schema_and_names_its_files(seeds_run: dict[str, Any]) -> None:
    jsonschema.validate(seeds_run["dossier"], SCHEMA)
    for name in ("dossier.json", "dossier.md", "events.csv"):
        assert (seeds_run["out"] / name).is_file()
    assert "dossier.md" in seeds_run["output"]
    assert len(seeds_run["dossier"]["documents"]) == 2


def test_one_identity_per_actor(seeds_run: dict[str, Any]) -> None:
    dossier = seeds_run["dossier"]
    actors = _actors(dossier)
    pmf = _mention_ids(dossier, "PMU", "PMF", "Popular Mobilization Units", "Popular Mobilization Forces",
                       "Hashd al-Shaab")
    assert len(pmf) == 1
    (pmf_id,) = pmf
    assert actors[pmf_id]["country"] == "IQ"
    assert "paramilitary" in actors[pmf_id]["sectors"]
    for names, country in ((("Israel", "Israeli"), "IL"), (("U.S.", "the United States", "Washington"), "US"),
                           (("Moscow", "Russian"), "RU")):
        ids = _mention_ids(dossier, *names)
        assert ids, names
        assert {actors[i]["country"] for i in ids} == {country}, names
    assert len(_mention_ids(dossier, "U.S.", "Washington")) == 1


def _events_by(dossier: dict[str, Any], source_country: str, target_id: str) -> list[dict[str, Any]]:
    actors = _actors(dossier)
    return [
        e for e in dossier["events"]
        if e["type"] == "ASSAULT"
        and e["source_actor"] and actors[e["source_actor"]]["country"] == source_country
        and e["target_actor"] == target_id
    ]


def test_israeli_strikes_on_the_pmf(seeds_run: dict[str, Any]) -> None:
    dossier = seeds_run["dossier"]
    (pmf_id,) = _mention_ids(dossier, "PMU", "PMF")
    strikes = _events_by(dossier, "IL", pmf_id)
    assert strikes
    july = [e for e in dossier["events"] if e["type"] == "ASSAULT" and (e["date"] or {}).get("start_date") == "2019-07-19"]
    assert july, "the July 19 strike"
    balad = [
        e for e in dossier["events"]
        if e["type"] == "ASSAULT" and (e["date"] or {}).get("start_date") == "2019-08-20" and e["place"]
        and haversine_km(e["place"]["lat"], e["place"]["lon"], 34.01, 44.15) <= 25
    ]
    assert balad, "the Balad explosions of yesterday"
    assert balad[0]["place"]["country"] == "IQ"


def _claims(dossier: dict[str, Any], speaker_words: str) -> list[dict[str, Any]]:
    return [c for c in dossier["claims"] if speaker_words.lower() in c["speaker_text"].lower()]


@pytest.mark.parametrize(
    ("speaker", "cue", "factuality", "via"),
    [
        ("U.S. officials", "confirmed", "CT+", None),
        ("Netanyahu", "hinted", "PR+", None),
        ("senior Middle Eastern intelligence official", None, None, None),
        ("PMU", "held", None, None),
        ("Western diplomatic sources", None, None, "Asharq al-Awsat"),
        ("senior U.S. official", None, None, "New York Times"),
        ("Iraqi Civil Defense", None, None, None),
        ("Iraqi military source", None, None, None),
        ("al-Shammari", None, None, None),
        ("informed sources in Jerusalem and Tel Aviv", None, None, None),
    ],
)
def test_claims_of_the_acceptance_list(
    seeds_run: dict[str, Any], speaker: str, cue: str | None, factuality: str | None, via: str | None
) -> None:
    dossier = seeds_run["dossier"]
    found = _claims(dossier, speaker)
    if cue:
        found = [c for c in found if cue in c["cue"]]
    if factuality:
        found = [c for c in found if c["factuality"] == factuality]
    if via:
        found = [c for c in found if any(via in link["text"] for link in c["via"])]
    assert found, speaker


def test_he_refuted_coordination_between_moscow_and_jerusalem(seeds_run: dict[str, Any]) -> None:
    refuted = [c for c in seeds_run["dossier"]["claims"] if "refuted" in c["cue"]]
    assert refuted
    assert refuted[0]["factuality"] == "CT-"
    assert "Moscow" in refuted[0]["content"]["text"]


def test_both_seeds_form_one_story(seeds_run: dict[str, Any]) -> None:
    stories = seeds_run["dossier"]["stories"]
    assert len(stories) == 1
    assert len(stories[0]["doc_ids"]) == 2


def test_every_evidence_span_points_into_its_document(seeds_run: dict[str, Any]) -> None:
    dossier = seeds_run["dossier"]
    texts = {d["id"]: d["text"] for d in dossier["documents"]}
    spans = [s for e in dossier["events"] for s in e["evidence"]] + [
        s for c in dossier["claims"] for s in [*c["evidence"], c["content"]]
    ]
    assert spans
    for span in spans:
        assert texts[span["doc_id"]][span["start"]:span["end"]] == span["text"]


def test_rerun_changes_nothing(seeds_dir: Path, seeds_run: dict[str, Any]) -> None:
    out = seeds_run["out"]
    before = (out / "dossier.json").read_text()
    result = CliRunner().invoke(main, ["run", str(seeds_dir), "--out", str(out), "--quiet"])
    assert result.exit_code == 0
    assert "0 analyzed, 2 unchanged" in result.output
    assert (out / "dossier.json").read_text() == before


def test_without_metadata_dates_stay_partial(seeds_dir: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bare"
    bare.mkdir()
    for path in seeds_dir.glob("*.txt"):
        shutil.copy(path, bare / path.name)
    result = CliRunner().invoke(main, ["run", str(bare), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    dossier = json.loads((tmp_path / "out" / "dossier.json").read_text())
    values = {t["value"] for d in dossier["documents"] for t in d["times"]}
    assert "XXXX-07-19" in values
    assert not any(v.startswith("2019-08-2") for v in values)  # no year or day invented


def test_readme_excerpt_is_real(seeds_run: dict[str, Any]) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    excerpt = readme.split("<!-- excerpt:start -->", 1)[1].split("<!-- excerpt:end -->", 1)[0]
    lines = [line for line in excerpt.splitlines() if line.strip() and not line.startswith("```")]
    assert len(lines) >= 5
    produced = (seeds_run["out"] / "dossier.md").read_text(encoding="utf-8")
    for line in lines:
        assert line in produced, line
