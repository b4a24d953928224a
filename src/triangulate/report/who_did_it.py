"""The "Who says who did it" panel of a story: per disputed or attributed event, the candidates and
who accuses, claims, admits or denies, with outlet, date and cue, and the event's status."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from triangulate.report.markdown_text import date_text, md_escape, quote

STATUS_WORDS = {
    "disputed": "disputed: the sources disagree on who did it",
    "claimed": "claimed by the doer",
    "alleged": "alleged: accused, not claimed, not denied",
    "stated": "stated by the reports as fact",
    "unknown": "unknown",
}
ROLES = (("claimed_by", "claimed or admitted by"), ("accused_by", "accused by"), ("denied_by", "denied by"))


def who_did_it(
    story: dict[str, Any], dossier: Mapping[str, Any], docs: Mapping[str, dict[str, Any]],
    seen: set[str] | None = None,
) -> list[str]:
    """Lines of the panel, the event told by the most reports first; `seen` collects the sentences
    quoted, so that none is quoted twice in a story."""
    seen = set() if seen is None else seen
    wanted = set(story.get("merged_event_ids", []))
    merged = [m for m in dossier.get("merged_events", []) if m["id"] in wanted
              and (m.get("perpetrator") or {}).get("candidates")]
    statements = {r["id"]: r for r in dossier.get("responsibility", []) if r.get("story_id") == story["id"]}
    if not merged:
        return ["**Who says who did it**", "", "- no statement of who did it found", ""]
    merged.sort(key=lambda m: (-len(set(m["doc_ids"])), m["id"]))
    lines = ["**Who says who did it**", ""]
    for item in merged:
        perpetrator = item["perpetrator"]
        what = item["type"] + (f"/{item['mode']}" if item.get("mode") else "")
        when = date_text(item.get("date"))  # days, not TimeML's parts of a day ("2019-06-13TAF")
        where = (item.get("place") or {}).get("name") or "place unknown"
        lines.append(f"- {md_escape(what)}, {md_escape(when)}, {md_escape(where)} — "
                     f"**{STATUS_WORDS[perpetrator['status']]}**")
        for candidate in perpetrator["candidates"]:
            lines.append(f"  - **{md_escape(candidate['name'])}**")
            for key, role in ROLES:
                said = [statements[i] for i in candidate.get(key, []) if i in statements]
                if said:
                    lines.append(f"    - {role}: " + "; ".join(_who(s, docs, seen) for s in said))
    lines.append("")
    return lines


def _who(statement: dict[str, Any], docs: Mapping[str, dict[str, Any]], seen: set[str]) -> str:
    doc = docs.get(statement["doc_id"], {})
    via = "".join(f" via {md_escape(link['text'])}" for link in statement.get("via", []))
    outlet = md_escape(doc.get("outlet")) or md_escape(doc.get("external_id")) or "outlet unknown"
    day = statement.get("published") or "date unknown"
    evidence = statement["evidence"][0]["text"] if statement.get("evidence") else ""
    key = " ".join(evidence.split())
    if key in seen:
        evidence = ""
    seen.add(key)
    return (f"{md_escape(statement['speaker_text'])}{via} ({outlet}, {day}, *{md_escape(statement['cue'])}*"
            f"{': ' + quote(evidence) if evidence else ''})")
