"""Bad input never crashes a batch: a clear error on that item, the rest goes on."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from triangulate.cli import main

GOOD = ("Police arrested 14 protesters outside the governor's office in Basra on Sunday, "
        "a local official said, after demonstrators blocked the main road.")


def _run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["run", *args, "--quiet"], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_a_batch_with_bad_items_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "lines.jsonl").write_text(
        json.dumps({"id": "a", "text": GOOD.replace("Basra", "Nasiriyah")}) + "\n{not json\n", encoding="utf-8"
    )
    locked = folder / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    code, out, err = _run(str(folder), "--out", str(tmp_path / "out"))
    locked.chmod(0o644)
    assert code == 0, out + err
    dossier = json.loads((tmp_path / "out" / "dossier.json").read_text())
    sources = " ".join(e["source"] for e in dossier["errors"])
    assert "empty.txt" in sources
    assert "lines.jsonl:2" in sources
    if os.geteuid() != 0:  # root reads a file whatever its mode
        assert "locked.txt" in sources
    assert len(dossier["documents"]) >= 2
    assert "warning:" in err


def test_nothing_readable_exits_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, _out, err = _run(str(empty), str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out"))
    assert code == 1
    assert "no report could be read" in err


def test_jsonl_from_stdin(tmp_path: Path) -> None:
    line = json.dumps({"id": "w1", "text": GOOD, "outlet": "Wire", "published": "2020-05-03"})
    code, out, err = _run("-", "--out", str(tmp_path / "out"), stdin=line + "\n")
    assert code == 0, out + err
    dossier = json.loads((tmp_path / "out" / "dossier.json").read_text())
    assert dossier["documents"][0]["external_id"] == "w1"
    assert dossier["documents"][0]["published"] == "2020-05-03"


@pytest.mark.parametrize("bad", ["2020-13-01", "yesterday"])
def test_a_bad_published_option_says_how_to_write_it(tmp_path: Path, bad: str) -> None:
    result = CliRunner().invoke(main, ["run", str(tmp_path), "--out", str(tmp_path / "o"), "--published", bad])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_a_database_from_a_newer_version_stops_the_run_with_its_code(tmp_path: Path) -> None:
    import sqlite3

    from triangulate.store import open_store

    db = tmp_path / "new.db"
    open_store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO schema_migrations(version, name) VALUES (99, 'future')")
    (tmp_path / "r.txt").write_text("Police arrested 14 protesters in Basra on Sunday.", encoding="utf-8")
    code, out, err = _run(str(tmp_path / "r.txt"), "--out", str(tmp_path / "o"), "--db", str(db))
    assert code == 1
    assert "E302" in out + err and "upgrade triangulate" in out + err and "Traceback" not in out + err
