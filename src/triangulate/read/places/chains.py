"""Chains and lists of names: parenthesised divisions, comma chains and ", Texas" qualifiers."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from triangulate.base.geo import haversine_km
from triangulate.read.gazetteer import Entry, Gazetteer, fold, name_variants
from triangulate.read.places.model import Mention
from triangulate.read.places.names import (
    AREA_CODES,
    LIST_CITY_POPULATION,
    NAME_CONNECTORS,
    holds,
    kind_hint,
    kind_words,
    loose_candidates,
    mention_for_text,
)

# a capitalized name after a comma: the possible end of a chain "in X, Y, Z state"
COMMA_SEGMENT_RE = re.compile(r"(?<=,)\s+[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|(?:al|el|de|del|da|do|la|de la)(?=\s+[A-Z])))*")
PAREN_RE = re.compile(r"\(([^()]{2,90})\)")
MAX_TOWN_SCOPES = 10
CHAIN_LEAD_WORDS = frozenset({"in", "on", "at", "by", "from", "near", "meanwhile", "and", "but", "still", "also", "the"})
CHAIN_LOCATIVES = frozenset({"in", "at", "near", "outside", "of", "from", "into", "around", "between", "to", "and"})
CHAIN_SCOPE_ORDER = ("ADM1", "PCLI", "ADM2", "PPLC", "PPL")


def admin_chain_mentions(gaz: Gazetteer, text: str) -> list[Mention]:
    """Names confined by the divisions in parentheses after them, widest last ("Al Madid (Nihm,
    Sanaa)"). A name the gazetteer lacks gets the point of the smallest known place that holds it."""
    found: list[Mention] = []
    for match in PAREN_RE.finditer(text):
        parts = paren_parts(text, match)
        widest = mention_for_text(gaz, *parts[-1], loose=True) if parts else None
        areas = [p for p in widest.candidates if gaz.entries[p].fcode in AREA_CODES] if widest else []
        heads = head_names(gaz, text, match.start())
        town_scope = widest is not None and not areas and not widest.loose and bool(heads) \
            and not parts[-1][2].isupper()  # "Virginia Rail Express (VRE)": an acronym, not a town
        if town_scope and widest is not None:
            # "Bamako (Bamako)", "Tangier (Tangier)": a town standing for its district; the
            # names before it are looked for in the town's division ("(Red Oak) -- The three ..."
            # names nothing before it)
            areas = [p for p in widest.candidates if gaz.entries[p].fclass == "P"][:MAX_TOWN_SCOPES]
        if widest is None or not areas:
            continue
        same = len(parts) == 1 and same_names(widest, heads)
        if same and not town_scope:  # "Asuncion (Asuncion)": the capital, not a district abroad of its name
            areas = areas + [p for p in widest.candidates if (e := gaz.entries[p]).fclass == "P"
                             and e.population >= LIST_CITY_POPULATION]
        best: tuple[tuple[int, int, int, int], list[Mention]] | None = None
        for area in areas:  # the division in which the most of the other names are found
            chain = resolve_chain(gaz, area, parts[:-1], heads)
            entry = gaz.entries[area]
            order = entry.population if same else -CHAIN_SCOPE_ORDER.index(entry.fcode)
            key = (sum(m.candidates[0] != area for m in chain), order, int(not widest.loose), entry.population)
            if best is None or key > best[0]:
                best = (key, chain)
        if best is None or (widest.loose and best[0][0] == 0):
            continue  # a look-alike division that holds none of the names: no evidence at all
        readings = {gaz.entries[a].country for a in areas}
        if best[0][0] == 0 and len(readings) > 1 and not same_names(widest, heads):
            continue  # "Freetown city (Western Area Urban, Western)": "Western" of which country?
        widest.candidates = [best[1][0].candidates[0]] if best[1] else widest.candidates
        found.append(widest)
        found.extend(best[1][1:])
    return found


def comma_chain_mentions(gaz: Gazetteer, text: str) -> list[Mention]:
    """Comma chains ending in a division: "in San Joaquin, Valencia, Carabobo state", "in Machiques
    de Perija, La Guajira, Zulia state": the widest (last) name is resolved first, then each name
    before it inside the one after it. A list of divisions or countries ("Syria, Iraq, Iran") is not
    a chain."""
    found: list[Mention] = []
    ends: set[int] = set()
    for match in COMMA_SEGMENT_RE.finditer(text):
        end = match.end()
        while True:  # its kind words: "Zulia state", "Valmore Rodriguez municipality"
            kind = re.match(r"\s+([a-z]+)", text[end:])
            if not kind or kind.group(1) not in kind_words(gaz):
                break
            end += kind.end()
        ends.add(end)
    chains = [names for names in (chain_names(gaz, text, end) for end in ends) if len(names) >= 2]
    taken: list[tuple[int, int]] = []
    for names in sorted(chains, key=lambda n: (-len(n), n[-1][0])):  # the longest chain first
        first, last = names[-1][0], names[0][1]
        if any(first < e and s < last for s, e in taken):
            continue
        start, stop, name, hint = names[0]
        widest = mention_for_text(gaz, start, stop, name)
        areas = [p for p in widest.candidates if gaz.entries[p].fcode in ("PCLI", "ADM1")] if widest else []
        if widest is None or not areas or hint == "city":
            continue
        heads = names[1:]
        if any(is_list_item(gaz, h[2], areas) for h in heads):
            continue
        best: tuple[tuple[int, int, int], list[Mention]] | None = None
        for area in areas:
            chain = resolve_chain(gaz, area, [], heads)
            entry = gaz.entries[area]
            key = (sum(m.candidates[0] != area for m in chain), int(entry.fcode == "ADM1"), entry.population)
            if best is None or key > best[0]:
                best = (key, chain)
        if best is None or (best[0][0] < len(heads) and not chain_told(text, names)):
            continue  # "Still, Hawaii's experience": an unknown name before a division is no chain
        widest.candidates, widest.hint = [best[1][0].candidates[0]], hint
        found.append(widest)
        found.extend(best[1][1:])
        taken.append((first, last))
    return found


def chain_names(gaz: Gazetteer, text: str, end: int) -> list[tuple[int, int, str, str | None]]:
    """The names of a comma chain ending at `end`, each trimmed to its place name ("In Klamath
    Falls" -> "Klamath Falls", "Dunbar of Austin" -> "Austin"); a chain is told by a locative or a
    kind word before or in it ("in X, Y, Z state", "X village, Y district, Z"), or by names the
    gazetteer knows in the division, not by a list of people's names before a country."""
    names = []
    for start, stop, name, hint in head_names(gaz, text, end):
        words = name.split()
        while len(words) > 1 and words[0].lower() in CHAIN_LEAD_WORDS:
            start += len(words[0]) + 1
            words = words[1:]
        if "of" in words[:-1]:
            cut = len(words) - 1 - words[::-1].index("of")
            start += len(" ".join(words[: cut + 1])) + 1
            words = words[cut + 1 :]
        names.append((start, stop, " ".join(words), hint))
    if len(names) < 2:
        return names
    return names


def chain_told(text: str, names: list[tuple[int, int, str, str | None]]) -> bool:
    """A locative before the chain or a kind word in it: "in X, Y, Z state", "X village, Y, Z"."""
    first_start = names[-1][0]
    before = text[max(0, first_start - 30) : first_start].split()
    return (bool(before) and before[-1].lower() in CHAIN_LOCATIVES) or any(h for _, _, _, h in names[1:])


def is_list_item(gaz: Gazetteer, name: str, areas: list[int]) -> bool:
    """A name that is itself a country or division outside every reading of the widest name:
    "Iraq" in "Syria, Iraq, Iran"."""
    mention = mention_for_text(gaz, 0, len(name), name)
    if mention is None:
        return False
    if any(holds(gaz, a, p) for a in areas for p in mention.candidates):
        return False
    countries = {gaz.entries[a].country for a in areas}
    return any(
        (e := gaz.entries[p]).fcode == "PCLI" or (e.fcode == "ADM1" and e.country in countries)
        or (e.fclass == "P" and e.population >= LIST_CITY_POPULATION)  # "Barcelona, Liverpool"
        for p in mention.candidates
    )


def same_names(widest: Mention, heads: list[tuple[int, int, str, str | None]]) -> bool:
    """ "Bamako (Bamako)", "Nangade village (Nangade, Cabo Delgado)": a place named for its division."""
    return any(fold(name) == widest.key or fold(name) in name_variants(widest.key) for _, _, name, _ in heads)


def resolve_chain(gaz: Gazetteer, area: int, inner: list[tuple[int, int, str]], heads: list[tuple[int, int, str, str | None]]
) -> list[Mention]:
    """The chain inside one candidate division: [the division, its districts..., the heads...]."""
    scope = gaz.entries[area]
    chain = [Mention(0, 0, scope.name, fold(scope.name), [area])]
    smallest = area
    for start, end, name in reversed(inner):
        mention = within(gaz, start, end, name, scope, None, "admin2")
        if mention is not None:
            chain.append(mention)
            smallest = mention.candidates[0]
    for start, end, name, hint in heads:  # nearest the parenthesis first: "Kotwali Nagar, Pratapgarh (UP)"
        mention = within(gaz, start, end, name, scope, gaz.entries[smallest], hint)
        if mention is None:  # unknown village: the smallest known place that holds it
            chain.append(Mention(start, end, name, fold(name), [smallest], hint=hint))
        else:
            chain.append(mention)
            smallest = mention.candidates[0]
    return chain


def paren_parts(text: str, match: re.Match[str]) -> list[tuple[int, int, str]]:
    parts: list[tuple[int, int, str]] = []
    offset = match.start(1)
    for piece in match.group(1).split(","):
        name = piece.strip()
        start = offset + piece.index(name) if name else offset
        offset += len(piece) + 1
        words = name.split()
        if not (1 <= len(words) <= 5 and name[:1].isalpha() and any(ch.isupper() for ch in name)) \
                or any(ch.isdigit() for ch in name):
            return []
        parts.append((start, start + len(name), name))
    return parts if len(parts) <= 4 else []


def head_names(gaz: Gazetteer, text: str, paren: int) -> list[tuple[int, int, str, str | None]]:
    """The names right before "(": "in Kerawa village, Kolofata subdivision" -> Kolofata, Kerawa."""
    window_start = max(0, paren - 160)
    window = text[window_start:paren]
    cut = max(window.rfind(". "), window.rfind(";"), window.rfind(":"), window.rfind(")"), window.rfind("]"))
    if cut >= 0:
        window_start, window = window_start + cut + 1, window[cut + 1 :]
    names: list[tuple[int, int, str, str | None]] = []
    end = len(window)
    for _ in range(3):
        segment_start = window.rfind(",", 0, end) + 1
        tokens = list(re.finditer(r"\S+", window[segment_start:end]))
        hint: str | None = None
        while tokens and tokens[-1].group().lower() in kind_words(gaz):
            hint = kind_hint(gaz, tokens.pop().group().lower())
        name_tokens: list[re.Match[str]] = []
        while tokens and (tokens[-1].group()[:1].isupper() or
                          (name_tokens and tokens[-1].group().lower() in NAME_CONNECTORS and len(tokens) > 1
                           and tokens[-2].group()[:1].isupper())):
            name_tokens.insert(0, tokens.pop())
        if not name_tokens:
            break
        start = window_start + segment_start + name_tokens[0].start()
        stop = window_start + segment_start + name_tokens[-1].end()
        names.append((start, stop, text[start:stop], hint))
        if tokens or segment_start == 0:
            break  # the segment held more than a name: the chain starts here
        end = segment_start - 1
    return names


def within(gaz: Gazetteer, start: int, end: int, name: str, scope: Entry, near: Entry | None, hint: str | None
) -> Mention | None:
    """The place of this name inside the division `scope`, nearest to `near` when several are."""
    def inside(positions: Iterable[int]) -> list[int]:
        return [
            p for p in positions
            if (e := gaz.entries[p]).country == scope.country and e.fcode != "PCLI" and e is not scope
            and (scope.fcode == "PCLI" or e.admin1_code == scope.admin1_code)
        ]

    mention = mention_for_text(gaz, start, end, name, loose=True)
    candidates = inside(mention.candidates) if mention else []
    if mention is not None and not candidates and not mention.loose:
        candidates = inside(loose_candidates(gaz, mention.key))
    if not candidates:  # "Machiques de Perija" is Machiques: the name's head inside the division
        words = name.split()
        for cut in range(len(words) - 1, 0, -1):
            head = " ".join(words[:cut])
            if len(head) < 5 or words[cut - 1] in NAME_CONNECTORS:
                continue
            shorter = mention_for_text(gaz, start, start + len(head), head)
            candidates = inside(shorter.candidates) if shorter else []
            if candidates:
                mention = shorter
                break
    if mention is None or not candidates:
        return None
    wanted = {"admin2": "ADM2", "admin1": "ADM1"}.get(hint or "", "P")
    if scope.fcode == "PCLI" and hint is None and not any(
            (e := gaz.entries[p]).fclass == "P" and e.population >= LIST_CITY_POPULATION for p in candidates):
        # "southern California, United States": the state, not a village named California
        divisions = [p for p in candidates if gaz.entries[p].fcode == "ADM1"]
        candidates = divisions or candidates

    def rank(p: int) -> tuple[int, float, int]:
        e = gaz.entries[p]
        kind = 0 if (e.fcode == wanted or (wanted == "P" and e.fclass == "P")) else 1
        far = haversine_km(e.lat, e.lon, near.lat, near.lon) if (
            near is not None and near.lat is not None and e.lat is not None and near.lon is not None
            and e.lon is not None) else 0.0
        return kind, far, -e.population

    mention.candidates, mention.hint = [min(candidates, key=rank)], hint
    return mention


def comma_qualifiers(gaz: Gazetteer, mentions: list[Mention], text: str) -> Iterable[Mention]:
    """ "in Juiz de Fora, Minas Gerais": the division after a place's comma, whatever NER said."""
    for mention in mentions:
        match = re.match(r",\s+([A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|" + "|".join(NAME_CONNECTORS) + r")){0,3})",
                         text[mention.end : mention.end + 60])
        if not match:
            continue
        name = match.group(1).rstrip(".")
        while name.split()[-1] in NAME_CONNECTORS:
            name = name.rsplit(" ", 1)[0]
        start = mention.end + match.start(1)
        after = mention_for_text(gaz, start, start + len(name), name, loose=True)
        if after is None:
            continue
        areas = [p for p in after.candidates if gaz.entries[p].fcode in ("PCLI", "ADM1")]
        if areas:
            after.candidates = areas
            yield after


def link_qualifiers(gaz: Gazetteer, mentions: list[Mention], text: str) -> None:
    """ "Paris, Texas": a division or country right after a comma qualifies the name before it."""
    for before, after in itertools.pairwise(mentions):
        gap = text[before.end : after.start].split(",")
        if len(gap) != 2 or gap[1].strip() or (gap[0].strip() and gap[0].strip().lower() not in kind_words(gaz)):
            continue  # only "Paris, Texas" or "Chora district, Uruzgan"
        qualifiers = [p for p in after.candidates if gaz.entries[p].fcode in ("PCLI", "ADM1")]
        if not qualifiers or before.site or any(gaz.entries[p].fcode in ("PCLI", "ADM1") for p in before.candidates):
            continue  # "China, Japan and Korea" is a list, not a qualified name
        before.qualifiers = qualifiers
        inside = [p for p in before.candidates if any(holds(gaz, q, p) for q in qualifiers)]
        if not inside and not before.loose:  # "Andar district, Ghazni": no such town there
            inside = [p for p in loose_candidates(gaz, before.key) if any(holds(gaz, q, p) for q in qualifiers)]
        before.candidates = inside or qualifiers
