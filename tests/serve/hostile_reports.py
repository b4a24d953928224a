"""A store holding hostile reports (script tags, an onerror image, a javascript: URL in every field a report
has), analyzed by the real pipeline once per test session: for the page's escaping tests, with and without a
browser. (A helper module, not a conftest, so that the test folders stay free for other fixtures.)"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from triangulate.cli import main

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE = [
    {"id": "hostile-1", "title": f"{SCRIPT} Strike near Balad", "outlet": IMG, "url": "javascript:alert(1)",
     "published": "2019-08-20",
     "text": f"😀 {SCRIPT} Several explosions hit a weapons depot at Balad air base north of Baghdad on Tuesday, "
             f"the Iraqi army said.\n\nA spokesman for {IMG} said that Israeli drones had struck the depot.\n\n"
             "The U.S. military said it was not involved in the strike near Balad. </script><script>alert(2)"},
    {"id": "hostile-2", "title": "Depot blast at Balad", "outlet": "Tigris Wire", "published": "2019-08-21",
     "url": "https://example.org/balad?a=1&b=<x>",
     "text": "An explosion destroyed a weapons depot at Balad air base north of Baghdad on Tuesday, officials "
             "said. The Iraqi army said Israeli drones had struck the depot. Iraqi officials said that Israel "
             "was not behind the attack."},
]


def hostile_db(base: Path) -> Path:
    """The store of `triangulate run` on the hostile reports, under `base` (the session's temp root): made
    once, then found there."""
    folder = base / "hostile"
    if (folder / "out" / "triangulate.db").is_file():
        return folder / "out" / "triangulate.db"
    folder.mkdir(exist_ok=True)
    (folder / "reports.jsonl").write_text("\n".join(json.dumps(r) for r in HOSTILE) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(folder / "reports.jsonl"), "--out", str(folder / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    return folder / "out" / "triangulate.db"
