"""The page's server-rendered HTML without a browser: the stories list, the story page, 404, the CSP and the
other security headers, and hostile report text escaped in the HTML and in the scripts' JSON."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():  # starlette's TestClient warns about its httpx
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from tests.serve.hostile_reports import IMG, SCRIPT, hostile_db
from triangulate.serve.app import create_app
from triangulate.serve.pages import CSP, STATIC

REPO = Path(__file__).resolve().parents[2]

DATA_BLOCK = re.compile(r'<script type="application/json" id="page-data">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def seeds_client(seeds_run: dict[str, Any]) -> Iterator[TestClient]:
    with TestClient(create_app(seeds_run["out"] / "triangulate.db"), base_url="http://127.0.0.1") as client:
        yield client


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with TestClient(create_app(hostile_db(tmp_path_factory.getbasetemp())), base_url="http://127.0.0.1") as client:
        yield client


def story_id(client: TestClient) -> str:
    found = re.search(r'href="/stories/([^"]+)"', client.get("/").text)
    assert found
    return found.group(1)


def test_every_page_response_sends_the_csp(seeds_client: TestClient) -> None:
    for path in ("/", "/?q=Balad", f"/stories/{story_id(seeds_client)}", "/stories/nope", "/static/page.js",
                 "/static/vendor/d3-geo.min.js"):
        response = seeds_client.get(path)
        assert response.headers["content-security-policy"] == CSP, path
        assert response.headers["x-content-type-options"] == "nosniff"
    for rule in ("default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'",
                 "frame-ancestors 'none'"):
        assert rule in CSP
    assert "unsafe" not in CSP


def test_the_stories_list_shows_the_story_with_its_counts(seeds_client: TestClient) -> None:
    html = seeds_client.get("/").text
    row = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "Israel Accused of Targeting Iranian Installations in Iraq" in row
    assert "2019-08-21 to 2019-08-23" in row and "TV7 Israel News" in row
    cells = re.findall(r'<td class="num[^"]*">(\d+)</td>', row)
    assert cells[0] == "2" and cells[-1] == "1"  # two reports, one contradiction


def test_search_finds_by_words_and_survives_query_syntax(seeds_client: TestClient) -> None:
    assert "1 story with a report matching" in seeds_client.get("/", params={"q": "Balad"}).text
    assert "No story found" in seeds_client.get("/", params={"q": "Kinshasa"}).text
    response = seeds_client.get("/", params={"q": '"AND ( NEAR* Balad'})
    assert response.status_code == 200
    assert seeds_client.get("/", params={"limit": 0}).status_code == 422


def test_an_unknown_story_is_a_404_page(seeds_client: TestClient) -> None:
    response = seeds_client.get("/stories/s0000000000000000")
    assert response.status_code == 404
    assert "No such story" in response.text and response.headers["content-type"].startswith("text/html")
    hostile = seeds_client.get("/stories/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    assert hostile.status_code == 404 and "<img" not in hostile.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in hostile.text


def test_the_story_page_has_its_panels_in_order_and_no_inline_script(seeds_client: TestClient) -> None:
    html = seeds_client.get(f"/stories/{story_id(seeds_client)}").text
    headings = re.findall(r'<h2 id="[a-z-]+">([^<]+)</h2>', html)
    assert headings == ["Who says who did it", "Timeline", "Map", "Who says what", "Contradictions", "Reports",
                        "Evidence"]
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    for attrs, body in scripts:  # code only from files; the one inline block is JSON, which never runs
        assert ('src="/static/' in attrs and not body) or 'type="application/json"' in attrs
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handler
    assert " style=" not in html
    data = json.loads(DATA_BLOCK.search(html).group(1))  # type: ignore[union-attr]
    assert any(p["name"] == "Balad Air Base" for p in data["points"])
    assert all(k in data["evidence"] for k in re.findall(r'data-ev="([^"]+)"', html))


def test_hostile_text_is_escaped_in_the_html_and_in_the_json(hostile_client: TestClient) -> None:
    listing = hostile_client.get("/").text
    assert SCRIPT not in listing and IMG not in listing
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Strike near Balad" in listing
    html = hostile_client.get(f"/stories/{story_id(hostile_client)}").text
    assert "alert(1)</script>" not in html and "<img" not in html and "<script>alert" not in html
    assert "A spokesman for &lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="javascript' not in html and "javascript:alert(1)" in html  # shown as text, not a link
    assert 'href="https://example.org/balad?a=1&amp;b=&lt;x&gt;"' in html  # an http(s) URL is a link, escaped
    raw = DATA_BLOCK.search(html).group(1)  # type: ignore[union-attr]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data = json.loads(raw)
    texts = " ".join(d["text"] for d in data["documents"].values())
    assert SCRIPT in texts and "</script><script>alert(2)" in texts  # the words themselves, kept
    assert all(d["url"] is None or d["url"].startswith("https://") for d in data["documents"].values())


def load_vendor_script() -> Any:
    spec = importlib.util.spec_from_file_location("vendor_static", REPO / "scripts" / "vendor_static.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_vendored_files_match_their_recorded_checksums() -> None:
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "vendor_static.py"), "--check"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((STATIC / "vendor" / "VENDOR.json").read_text(encoding="utf-8"))["files"]
    for entry in manifest:
        assert entry["source"].startswith("https://registry.npmjs.org/") and entry["license"] and entry["version"]
    # every vendored script the page loads is listed, with its license text beside it
    listed = {e["file"] for e in manifest}
    loaded = set(re.findall(r'src="/static/vendor/([^"]+)"', (STATIC.parent / "templates" / "story.html").read_text()))
    assert loaded and loaded <= listed
    assert {e["package"] for e in manifest if e["file"].startswith("LICENSE")} == {e["package"] for e in manifest}


def test_the_check_finds_a_changed_or_unlisted_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vendor = load_vendor_script()
    copy = tmp_path / "vendor"
    shutil.copytree(STATIC / "vendor", copy)
    monkeypatch.setattr(vendor, "VENDOR", copy)
    monkeypatch.setattr(vendor, "MANIFEST", copy / "VENDOR.json")
    assert vendor.check() == []
    with (copy / "d3-geo.min.js").open("a", encoding="utf-8") as handle:
        handle.write("\nalert(1);\n")
    (copy / "extra.js").write_text("alert(2);\n", encoding="utf-8")
    problems = vendor.check()
    assert any(p.startswith("d3-geo.min.js: sha256 differs") for p in problems)
    assert "extra.js: not listed in VENDOR.json" in problems


def test_the_page_scripts_set_text_never_html() -> None:
    for script in ("page.js", "map.js"):
        code = (STATIC / script).read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in code, f"{script} uses {sink}"


def test_the_page_docs_python_example_runs(
    seeds_run: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    (block,) = re.findall(r"```python\n(.*?)```", (REPO / "docs" / "page.md").read_text(encoding="utf-8"), re.S)
    (tmp_path / "out").mkdir()
    shutil.copy(seeds_run["out"] / "triangulate.db", tmp_path / "out" / "triangulate.db")
    monkeypatch.chdir(tmp_path)
    exec(compile(block, "docs/page.md", "exec"), {})
    printed = capsys.readouterr().out
    assert printed.startswith("Israel Accused of Targeting Iranian Installations in Iraq ")
    assert "Balad Air Base" in printed
    for screenshot in re.findall(r"\]\((screenshots/[^)]+)\)", (REPO / "docs" / "page.md").read_text()):
        assert (REPO / "docs" / screenshot).is_file()


def test_off_loopback_the_page_needs_the_token_like_the_api(seeds_run: dict[str, Any]) -> None:
    from triangulate.serve.auth import TOKEN_ENV, load_token

    db = seeds_run["out"] / "triangulate.db"
    app = create_app(db, host="0.0.0.0", token=load_token(db, environ={TOKEN_ENV: "page-token"}))
    with TestClient(app, base_url="http://10.1.2.3") as client:
        assert client.get("/").status_code == 401
        assert client.get("/", headers={"Authorization": "Bearer page-token"}).status_code == 200
