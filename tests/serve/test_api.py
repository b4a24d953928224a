"""The JSON API over HTTP: a real uvicorn server on a free loopback port, over a copy of the seed store."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from tests.serve.api_server import copy_store, serving
from triangulate.cli import main
from triangulate.report.dossier import build_story_dossier
from triangulate.serve.app import create_app
from triangulate.serve.auth import load_token
from triangulate.store import open_store

REPO = Path(__file__).resolve().parents[2]
API_DOC = REPO / "docs" / "api.md"

# A short real news paragraph (AP, 14 September 2019), a story the seeds do not hold.
ABQAIQ = {
    "id": "ap-2019-09-14",
    "title": "Drone attacks hit Saudi oil facilities",
    "outlet": "AP",
    "published": "2019-09-14",
    "text": "Drone attacks claimed by Yemen's Houthi rebels struck two major oil facilities in Saudi Arabia on "
            "Saturday, sparking a huge fire at a processing plant in Abqaiq that is vital to global energy "
            "supplies. U.S. Secretary of State Mike Pompeo blamed Iran for the attacks, saying there was no "
            "evidence they came from Yemen. Iran's Foreign Ministry spokesman Abbas Mousavi rejected the "
            "accusation as meaningless.",
}


@pytest.fixture(scope="module")
def db(seeds_run: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_store(seeds_run["out"] / "triangulate.db", tmp_path_factory.mktemp("api") / "triangulate.db")


@pytest.fixture(scope="module")
def token(db: Path) -> str:
    return load_token(db, environ={}).value


@pytest.fixture(scope="module")
def base(db: Path, token: str) -> Iterator[str]:
    with serving(create_app(db, token=load_token(db, environ={}))) as url:
        yield url


@pytest.fixture(scope="module")
def client(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=60) as http:
        yield http


@pytest.fixture(scope="module")
def story_id(seeds_run: dict[str, Any]) -> str:
    (story,) = seeds_run["dossier"]["stories"]
    return str(story["id"])


@pytest.fixture(scope="module")
def posted(client: httpx.Client, token: str) -> dict[str, Any]:
    """The Abqaiq report posted once (the one analysis of the module: spaCy loads here)."""
    answer = client.post("/api/reports", json=ABQAIQ, headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def _get(client: httpx.Client, path: str, **params: Any) -> Any:
    answer = client.get(path, params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_openapi_is_served_and_names_every_endpoint(client: httpx.Client) -> None:
    spec = _get(client, "/openapi.json")
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/events", "/api/claims", "/api/contradictions",
                 "/api/check", "/api/reports"):
        assert path in spec["paths"], path
    # typed: the events page is described down to the merged event's fields
    assert "MergedEvent" in spec["components"]["schemas"]
    assert "story_id" in spec["components"]["schemas"]["MergedEvent"]["properties"]
    assert client.get("/docs").status_code == 404  # Swagger UI would load scripts from a CDN


def test_a_story_is_its_part_of_the_dossier_with_the_same_fields(
    client: httpx.Client, db: Path, story_id: str, seeds_run: dict[str, Any]
) -> None:
    got = _get(client, f"/api/stories/{story_id}")
    store = open_store(db)
    try:
        assert got == build_story_dossier(store, story_id)
    finally:
        store.close()
    assert set(got) == set(seeds_run["dossier"])
    assert got["stories"][0].keys() == seeds_run["dossier"]["stories"][0].keys()
    assert any(c["kind"] == "factuality" for c in got["contradictions"])


def test_an_unknown_story_is_a_404_with_a_json_error(client: httpx.Client) -> None:
    answer = client.get("/api/stories/s-no-such-story")
    assert answer.status_code == 404
    assert answer.json() == {"detail": "no such story"}


def test_stories_search_finds_words_and_never_fails_on_search_syntax(client: httpx.Client, story_id: str) -> None:
    found = _get(client, "/api/stories", q="Balad Baghdad")
    assert [s["id"] for s in found["stories"]] == [story_id]
    assert found["stories"][0]["matches"]
    assert _get(client, "/api/stories", q="Balad zeppelin")["total"] == 0
    for hostile in ('"', "NEAR(Balad", "Balad AND", "*", "title:Balad", "(((", "-Iraq", "'; DROP TABLE stories"):
        assert client.get("/api/stories", params={"q": hostile}).status_code == 200, hostile


def test_stories_page_newest_first(client: httpx.Client, posted: dict[str, Any], story_id: str) -> None:
    (report,) = posted["reports"]
    first = _get(client, "/api/stories", limit=1)
    assert first["total"] == 2 and first["limit"] == 1
    assert [s["id"] for s in first["stories"]] == [report["story_id"]]  # September 2019, after the seeds' August
    second = _get(client, "/api/stories", limit=1, offset=1)
    assert [s["id"] for s in second["stories"]] == [story_id]
    assert _get(client, "/api/stories", offset=2)["stories"] == []


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 10_000}, {"offset": -1}, {"limit": "many"}])
def test_paging_out_of_bounds_is_a_422(client: httpx.Client, params: dict[str, Any]) -> None:
    for path in ("/api/stories", "/api/events", "/api/claims", "/api/contradictions"):
        assert client.get(path, params=params).status_code == 422, (path, params)


def _events(client: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    page = _get(client, "/api/events", limit=500, **params)
    assert page["total"] == len(page["events"])
    return list(page["events"])


def test_events_are_merged_events_with_their_story(client: httpx.Client, story_id: str) -> None:
    events = _events(client, actor="ISR.GOV")  # the seeds' events only, whatever else was posted
    assert events and all(e["story_id"] == story_id and e["id"].startswith("m") for e in events)
    balad = next(e for e in _events(client) if e["place"] and e["place"]["name"] == "Balad Air Base"
                 and e["date"] and e["date"]["value"] == "2019-08-20")
    assert len(balad["event_ids"]) > 1  # one real event, mentioned in several places


def test_each_event_filter_excludes_something(client: httpx.Client, posted: dict[str, Any]) -> None:
    every = {e["id"] for e in _events(client)}

    def only(**params: Any) -> set[str]:
        found = {e["id"] for e in _events(client, **params)}
        assert found and found < every, params
        return found

    assert all(e["type"] == "ASSAULT" for e in _events(client, type="assault"))
    only(type="ASSAULT")
    balad = only(bbox="44,33.5,45,34.5")
    assert all(33.5 <= e["place"]["lat"] <= 34.5 for e in _events(client, bbox="44,33.5,45,34.5"))
    assert len(balad) == 2
    day = _events(client, since="2019-08-20", until="2019-08-20")
    assert {e["date"]["value"] for e in day} >= {"2019-08-20"} and len(day) < len(every)
    assert all((e["date"]["end_date"] or e["date"]["start_date"]) >= "2019-09-01"
               for e in _events(client, since="2019-09-01"))
    only(until="2019-08-01")
    by_name = only(actor="houthi")
    by_id = only(actor="yem.houthis")
    assert by_name == by_id
    widely = _events(client, min_origins=2)
    assert widely and all(len(e["origins"]) >= 2 for e in widely) and len(widely) < len(every)


def test_a_bbox_across_the_180_degree_line_is_read_as_one(client: httpx.Client) -> None:
    # from 170°E westward over the 180° line to 50°E: Iraq and Saudi Arabia are inside, so everything placed is
    placed = {e["id"] for e in _events(client) if e["place"] and e["place"]["lat"] is not None}
    assert {e["id"] for e in _events(client, bbox="170,-90,50,90")} == placed


@pytest.mark.parametrize(("params", "words"), [
    ({"bbox": "44,33"}, "not 4"),
    ({"bbox": "a,b,c,d"}, "not a number"),
    ({"bbox": "44,35,45,33"}, "minlat is north"),
    ({"bbox": "44,33,200,35"}, "longitudes"),
    ({"type": "BOMBING"}, "PLOVER"),
    ({"since": "2019-09-01", "until": "2019-08-01"}, "after until"),
    ({"since": "last week"}, "date"),
    ({"min_origins": -1}, "greater than or equal"),
])
def test_bad_event_filters_are_a_422_saying_why(client: httpx.Client, params: dict[str, Any], words: str) -> None:
    answer = client.get("/api/events", params=params)
    assert answer.status_code == 422
    assert words in json.dumps(answer.json())


def test_claims_filters(client: httpx.Client, story_id: str) -> None:
    every = _get(client, "/api/claims", limit=500)
    assert every["total"] == len(every["claims"])
    denied = _get(client, "/api/claims", factuality="CT-", limit=500)["claims"]
    assert denied and len(denied) < every["total"] and all(c["factuality"] == "CT-" for c in denied)
    netanyahu = _get(client, "/api/claims", speaker="netanyahu")["claims"]
    assert netanyahu and all("Netanyahu" in c["speaker_text"] for c in netanyahu)
    assert _get(client, "/api/claims", speaker="ISR.GOV.benjamin-netanyahu")["claims"] == netanyahu
    story = _get(client, "/api/claims", story=story_id, limit=500)["claims"]
    assert story and all(c["story_id"] == story_id for c in story)
    assert all(c["story_id"] for c in every["claims"])


def test_claims_bad_filters(client: httpx.Client) -> None:
    plus = client.get("/api/claims?factuality=CT+")  # "+" unescaped in a URL reads as a space
    assert plus.status_code == 422 and "%2B" in plus.json()["detail"]
    assert client.get("/api/claims", params={"factuality": "true"}).status_code == 422
    assert client.get("/api/claims", params={"story": "s-none"}).status_code == 404


def test_contradictions(client: httpx.Client, story_id: str) -> None:
    found = _get(client, "/api/contradictions")["contradictions"]
    assert any(c["kind"] == "factuality" and c["story_id"] == story_id for c in found)
    for item in found:
        assert item["evidence"] and item["reason"]
    assert _get(client, "/api/contradictions", story=story_id)["contradictions"] == [
        c for c in found if c["story_id"] == story_id]
    assert client.get("/api/contradictions", params={"story": "s-none"}).status_code == 404


def test_check_answers_as_the_cli_does(client: httpx.Client, db: Path) -> None:
    claim = "Israel was behind the airstrikes on PMU bases"
    got = _get(client, "/api/check", claim=claim)
    cli = CliRunner().invoke(main, ["check", claim, "--db", str(db), "--json"])
    assert cli.exit_code == 0, cli.output
    assert got == json.loads(cli.output)
    assert got["verdict"] == "supported" and got["supports"]


@pytest.mark.parametrize("fmt", ["json", "markdown", "acled-csv", "geojson", "graphml"])
def test_export_gives_the_bytes_the_cli_writes(client: httpx.Client, db: Path, story_id: str, fmt: str,
                                               tmp_path: Path) -> None:
    got = client.get(f"/api/export/{fmt}", params={"story": story_id})
    assert got.status_code == 200 and "attachment" in got.headers["content-disposition"]
    out = tmp_path / "export"
    cli = CliRunner().invoke(main, ["export", "--format", fmt, "--story", story_id, "--db", str(db), "--out", str(out)])
    assert cli.exit_code == 0, cli.output
    assert got.content == out.read_bytes()


def test_export_of_an_unknown_format_or_story_is_a_404(client: httpx.Client, story_id: str) -> None:
    assert client.get("/api/export/pdf").status_code == 404
    assert "geojson" in client.get("/api/export/pdf").json()["detail"]
    assert client.get("/api/export/json", params={"story": "s-none"}).status_code == 404


@pytest.mark.parametrize("params", [{}, {"claim": ""}, {"claim": "   "}, {"claim": "x" * 3000}])
def test_check_needs_a_claim(client: httpx.Client, params: dict[str, str]) -> None:
    assert client.get("/api/check", params=params).status_code == 422


def test_posting_analyzes_and_links_a_report(client: httpx.Client, posted: dict[str, Any]) -> None:
    (report,) = posted["reports"]
    assert posted["analyzed"] == 1 and report["status"] == "analyzed" and report["id"] == ABQAIQ["id"]
    story = _get(client, f"/api/stories/{report['story_id']}")
    assert [d["id"] for d in story["documents"]] == [report["doc_id"]]
    assert story["documents"][0]["outlet"] == "AP"
    assert any(e["place"] and e["place"]["name"] == "Abqaiq" for e in story["merged_events"])


def test_posting_again_changes_nothing(
    client: httpx.Client, posted: dict[str, Any], token: str
) -> None:
    before = _get(client, "/api/stories")
    answer = client.post("/api/reports", json=ABQAIQ, headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
    (again,) = answer.json()["reports"]
    (first,) = posted["reports"]
    assert again["status"] == "unchanged"
    assert (again["doc_id"], again["story_id"]) == (first["doc_id"], first["story_id"])
    assert _get(client, "/api/stories") == before


def test_a_batch_with_bad_reports_stores_the_good_ones(
    client: httpx.Client, posted: dict[str, Any], token: str, seeds_dir: Path
) -> None:
    seed_text = (seeds_dir / "002_1653d94a00297d83.txt").read_text(encoding="utf-8")
    lines = [json.dumps(ABQAIQ), "{not json", json.dumps({"id": "no-text"}), "",
             json.dumps({"id": "seed", "text": seed_text, "published": "someday"}), json.dumps(ABQAIQ)]
    answer = client.post("/api/reports", content="\n".join(lines).encode(),
                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/x-ndjson"})
    assert answer.status_code == 200, answer.text
    result = answer.json()
    by_index = {r["index"]: r for r in result["reports"]}
    assert sorted(by_index) == [1, 2, 3, 5, 6]  # line 4 is blank
    assert by_index[1]["status"] == "unchanged"
    assert by_index[2]["status"] == "rejected" and by_index[2]["errors"][0]["code"] == "E120"
    assert by_index[3]["status"] == "rejected" and by_index[3]["errors"][0]["code"] == "E122"
    assert "request:3" in by_index[3]["errors"][0]["source"]
    # the seed report is stored already; its unreadable date is a warning, not a lost report
    assert by_index[5]["status"] == "unchanged" and by_index[5]["warnings"][0]["code"] == "E107"
    assert by_index[6]["status"] == "duplicate" and by_index[6]["duplicate_of"] == by_index[1]["doc_id"]
    assert (result["analyzed"], result["unchanged"], result["duplicates"], result["failed"], result["rejected"]) \
        == (0, 2, 1, 0, 2)


def test_a_batch_of_only_bad_reports_is_a_422_naming_each(client: httpx.Client, token: str) -> None:
    answer = client.post("/api/reports", json=[{"text": 3}, ["not", "an", "object"]],
                         headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 422
    assert [(r["index"], r["errors"][0]["code"]) for r in answer.json()["reports"]] == [(1, "E123"), (2, "E121")]


@pytest.mark.parametrize("body", [b"", b"   \n", b"[]", b"\xff\xfe\x00bad"])
def test_a_body_with_no_report_is_a_400(client: httpx.Client, token: str, body: bytes) -> None:
    answer = client.post("/api/reports", content=body, headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 400 and answer.json()["detail"]


def test_errors_reveal_no_path_or_trace(client: httpx.Client, db: Path) -> None:
    answers = [client.get("/api/stories/none"), client.get("/api/events", params={"bbox": "x"}),
               client.post("/api/reports", json=ABQAIQ), client.post("/api/reports", content=b"")]
    for answer in answers:
        assert str(db.parent) not in answer.text and "Traceback" not in answer.text


def _doc_examples() -> list[str]:
    return re.findall(r"^\$ (curl .+)$", API_DOC.read_text(encoding="utf-8"), flags=re.M)


def test_every_example_in_the_api_doc_runs(client: httpx.Client, base: str, token: str,
                                           posted: dict[str, Any]) -> None:
    examples = _doc_examples()
    assert len(examples) >= 6
    for example in examples:
        args = shlex.split(example.replace("$TOKEN", token))[1:]
        method, headers, data, url = "GET", {}, None, None
        while args:
            arg = args.pop(0)
            if arg == "-s":
                continue
            if arg == "-X":
                method = args.pop(0)
            elif arg == "-H":
                name, _, value = args.pop(0).partition(":")
                headers[name.strip()] = value.strip()
            elif arg in ("-d", "--data-binary"):
                data, method = args.pop(0).encode(), "POST" if method == "GET" else method
            elif arg.startswith("http://127.0.0.1:8000/"):
                url = base + arg.removeprefix("http://127.0.0.1:8000")
            else:
                raise AssertionError(f"the test does not read {arg!r} in {example}")
        assert url, example
        answer = client.request(method, url, headers=headers, content=data)
        assert answer.status_code == 200, f"{example}\n{answer.text}"
        assert answer.json()
