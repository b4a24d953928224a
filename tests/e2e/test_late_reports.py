"""A report published years after its event joins the event's story: run end to end on real reports."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import need_data
from triangulate.ingest import load_paths
from triangulate.pipeline import run_documents


def test_a_trial_reported_three_years_later_joins_the_bombing_story(shared_data: Path, tmp_path: Path) -> None:
    # dev events of the disputes data: four reports of the day after a bombing, and one of the
    # verdict against the bomber's brother three years later, which names the bombing's year; with
    # the reports of five other events, so that word weights are those of a stream of news
    names = sorted(("manchester-arena-2017", "gulf-of-oman-tankers-2019", "abu-akleh-2022", "mh17-2014",
                    "bucha-2022", "kakhovka-dam-2023"))  # read in the order `triangulate run disputes/*` reads them
    folders = [need_data(shared_data / "disputes" / name, "disputes data") for name in names]
    ingested = load_paths(folders)
    dossier = run_documents(ingested, None, tmp_path / "t.db").dossier
    arena = {d["id"]: d["published"][:4] for d in dossier["documents"] if "manchester-arena" in d["source"]}
    assert sorted(set(arena.values())) == ["2017", "2020"]
    assert [sorted(s["doc_ids"]) for s in dossier["stories"] if set(s["doc_ids"]) & set(arena)] == [sorted(arena)]
