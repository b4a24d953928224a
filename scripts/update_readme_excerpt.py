"""Rewrite the README's dossier.md excerpt from a fresh run on the seed reports.

    .venv/bin/python scripts/update_readme_excerpt.py

Keeps the story heading, the "who says who did it" panel, the timeline lines of the July 19
strike and the Balad explosions, and a few claims; tests/e2e/test_seeds.py checks each line is real.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from triangulate.evaluate.common import default_data_dir
from triangulate.pipeline import run

REPO = Path(__file__).resolve().parents[1]
WANTED_EVENTS = (r"^- \*\*2019-07-19\*\* ASSAULT", r"^- \*\*2019-08-20\*\* ASSAULT")
WANTED_CLAIMS = (r"\*refuted\*", r"\*strongly hinted\*", r"via the New York Times", r"Asharq al-Awsat")


def excerpt(markdown: str) -> list[str]:
    lines = markdown.splitlines()
    heading = next(i for i, line in enumerate(lines) if line.startswith("## "))
    story = lines[heading:]
    end = next((i for i, line in enumerate(story[1:], 1) if line.startswith("## ")), len(story))
    story = story[:end]
    panel = story[story.index("**Who says who did it**") + 1: story.index("**Reports**")]
    events = [next(line for line in story if re.search(p, line)) for p in WANTED_EVENTS]
    claims_at = story.index("**Who says what**")
    claims = [next(line for line in story[claims_at:] if re.search(p, line)) for p in WANTED_CLAIMS]
    return [story[0], "", "**Who says who did it**", *[line for line in panel if line.strip()], "",
            "**Timeline**", "", *events, "", "**Who says what**", "", *claims]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        run([default_data_dir() / "seeds"], Path(tmp))
        markdown = (Path(tmp) / "dossier.md").read_text(encoding="utf-8")
    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- excerpt:start -->\n", "<!-- excerpt:end -->"
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    readme.write_text(before + start + "\n".join(excerpt(markdown)) + "\n" + end + after, encoding="utf-8")


if __name__ == "__main__":
    main()
