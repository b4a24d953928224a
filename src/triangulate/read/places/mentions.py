"""Finding a text's place mentions: sites, entities, chains and the names NER missed."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from triangulate.read.gazetteer import Gazetteer, fold
from triangulate.read.nlp import doc_text
from triangulate.read.places.chains import (
    admin_chain_mentions,
    comma_chain_mentions,
    comma_qualifiers,
    link_qualifiers,
)
from triangulate.read.places.model import Mention
from triangulate.read.places.names import AREA_CODES, DIRECTION_ADJECTIVES, mention_for_text, name_candidates
from triangulate.read.tokens import entities, span_text, token_table

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# NER often calls a little-known town a person or an organization; after "in" it is still a place
MISLABELED_LABELS = frozenset({"ORG", "PERSON", "WORK_OF_ART", "NORP", "PRODUCT", "EVENT"})
LOCATIVE_PREPOSITIONS = frozenset({"in", "near", "at", "outside", "from", "of", "into", "around", "across"})
MAX_SITE_TOKENS = 7
ALT_NAME_MIN_POPULATION = 5_000
# "the western countryside of Dar'a", "the outskirts of Sirte": the name after "of" is a place
PLACE_OF_NOUNS = frozenset({"countryside", "outskirts", "vicinity", "suburbs", "outskirt", "centre", "center", "capital",
                            "environs", "periphery", "countrysides", "villages", "towns"})
CITY_AFTER = frozenset({"city", "town"})  # "close to Ghazni city": a place whatever NER called it
# where NER runs one entity over several names: "Santa Fe, Ocotepeque", "Bamako (Bamako",
# "Air Force Intelligence in Da'el"
_ENTITY_BREAKS = frozenset({",", "(", ")", ";", "in"})


# A compass word alone names a region only with its kind after it ("Cameroon's West region").
COMPASS_NAMES = frozenset({"west", "east", "north", "south", "northwest", "northeast", "southwest", "southeast",
                           "north-west", "north-east", "south-west", "south-east", "midwest"})


def entity_pieces(ent: Span) -> list[Span]:
    """An entity cut at its commas, parentheses and "in": spaCy's small model often tags
    "Alagoinha, Pernambuco" or "the Spanish Consulate in Tangier (Tangier" as one entity; each piece
    keeps the entity's label."""
    doc = ent.doc
    text = token_table(doc).text
    if _ENTITY_BREAKS.isdisjoint(text[ent.start:ent.end]):
        return [ent]
    pieces: list[Span] = []
    start = ent.start
    for i in range(ent.start, ent.end + 1):
        if i == ent.end or text[i] in _ENTITY_BREAKS:
            if i > start:
                pieces.append(Span(doc, start, i, label=ent.label_))
            start = i + 1
    return pieces


def find_mentions(gaz: Gazetteer, doc: Doc) -> list[Mention]:
    mentions = site_mentions(gaz, doc)
    taken = [(m.start, m.end) for m in mentions]

    def free(start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in taken)

    for mention in admin_chain_mentions(gaz, doc_text(doc)):
        if free(mention.start, mention.end):
            mentions.append(mention)
            taken.append((mention.start, mention.end))
    words = token_table(doc).text
    for whole in entities(doc):
        # an entity run over several names ("Santa Fe, Ocotepeque") is read piece by piece
        # unless the gazetteer knows it whole ("Washington, D.C.")
        known = words[whole.start] not in _ENTITY_BREAKS and words[whole.end - 1] not in _ENTITY_BREAKS \
            and bool(name_candidates(gaz, span_text(whole))[1])
        pieces = [whole] if known else entity_pieces(whole)
        located = follows_locative(whole)  # "in Barangay Daro, Dumaguete": every piece is a place
        for ent in pieces:
            if not free(ent.start_char, ent.end_char):
                continue
            found = entity_place(gaz, ent, located)
            if found:
                mentions.append(found)
                taken.append((found.start, found.end))
    for mention in missed_names(gaz, doc):
        if free(mention.start, mention.end):
            mentions.append(mention)
            taken.append((mention.start, mention.end))
    for mention in comma_chain_mentions(gaz, doc_text(doc)):
        # a chain's reading goes to the name the recognizers found there (their span: "Ala.",
        # "Newton County"); a name they missed joins as it is
        overlapping = [m for m in mentions if m.start < mention.end and mention.start < m.end]
        if overlapping and all(mention.start <= m.start and m.end <= mention.end and not m.site
                               for m in overlapping) and any(m.end - m.start < mention.end - mention.start
                                                             for m in overlapping):
            # the chain read the whole name NER cut ("Sao Sebastiao da Boa Vista", "Tlacotepec de ...")
            mentions = [m for m in mentions if not any(m is o for o in overlapping)]
            overlapping = []
        if not overlapping:
            mentions.append(mention)
            taken.append((mention.start, mention.end))
        elif len(overlapping) == 1 and not overlapping[0].site:
            overlapping[0].candidates = mention.candidates
            overlapping[0].hint = overlapping[0].hint or mention.hint
    mentions.sort(key=lambda m: m.start)
    for mention in comma_qualifiers(gaz, mentions, doc_text(doc)):
        if free(mention.start, mention.end):
            mentions.append(mention)
            taken.append((mention.start, mention.end))
    mentions.sort(key=lambda m: m.start)
    link_qualifiers(gaz, mentions, doc_text(doc))
    surnames = {fold(e[-1].text) for e in entities(doc) if e.label_ == "PERSON" and len(e) > 1}
    return [m for m in mentions if not (surnames and _surname(m, doc, surnames))]


def _surname(mention: Mention, doc: Doc, surnames: set[str]) -> bool:
    """A one-word name that is the last name of a person the text names in full ("Capt. Roy Nelson ...
    Nelson said"), not after "in" or "near": the person again, not a place of that name (a person named by
    one word only is left to the place reading: NER calls too many towns persons for that)."""
    words = doc_text(doc)[mention.start:mention.end].split()
    if len(words) != 1 or mention.site or fold(words[0]) not in surnames:
        return False
    ents = [e for e in entities(doc) if e.start_char <= mention.start < e.end_char]
    return not (ents and follows_locative(ents[0]))


def entity_place(gaz: Gazetteer, ent: Span, located: bool = False) -> Mention | None:
    found: Mention | None = None
    if ent.label_ in PLACE_LABELS or named_as_place(gaz, ent):
        found = entity_mention(gaz, ent, loose=True)
    elif ent.label_ in MISLABELED_LABELS and (located or follows_locative(ent) or before_deed(gaz, ent)
                                              or struck(gaz, ent)):
        found = entity_mention(gaz, ent, loose=True)  # "in Quamishli city" tagged a person
        if found is not None and not plausible_unlabeled(gaz, found):
            found = None
    return found


def before_deed(gaz: Gazetteer, ent: Span) -> bool:
    """A name that modifies a deed's noun: "the Lahore blast", "the Kerman bombings" (not a nationality)."""
    doc = ent.doc
    return (ent.end < len(doc) and ent.root.dep_ in ("compound", "amod", "nmod")
            and ent.root.head.i >= ent.end and doc[ent.root.head.i].lower_ in gaz.deed_after_words
            and fold(ent.text) not in gaz.demonyms)


STRUCK_POPULATION = 100_000


def struck(gaz: Gazetteer, ent: Span) -> bool:
    """A city the recognizer called a person, the object of a verb of striking with a weapon as its subject: "a
    missile hit [Ganja]"."""
    root = ent.root
    return root.dep_ == "dobj" and root.head.lemma_.lower() in gaz.struck_words \
        and any(c.dep_ == "nsubj" and c.lower_ in gaz.struck_by_words for c in root.head.children) \
        and any(e.population >= STRUCK_POPULATION for e in gaz.lookup(ent.text))


_LOCATIVE_BEFORE = LOCATIVE_PREPOSITIONS - {"of", "from"}


def follows_locative(ent: Span) -> bool:
    """ "in Tangier", "near the Yusufiyah", "in central Thessaloniki"."""
    lower = token_table(ent.doc).lower
    start = ent.start + (1 if lower[ent.start] == "the" else 0)
    if start > 1 and lower[start - 1] in DIRECTION_ADJECTIVES:
        start -= 1
    return start > 0 and lower[start - 1] in _LOCATIVE_BEFORE


def plausible_unlabeled(gaz: Gazetteer, mention: Mention) -> bool:
    """A name NER did not call a place: a division, or a town the gazetteer knows by that name."""
    entries = [gaz.entries[p] for p in mention.candidates]
    if mention.loose:
        return any(e.fcode in AREA_CODES or e.population >= 5_000 for e in entries)
    return any(e.fcode in AREA_CODES or e.population >= 1_000 or e.site_id for e in entries)


def site_mentions(gaz: Gazetteer, doc: Doc) -> list[Mention]:
    """Curated site phrases, longest first: "Balad air base", "the Balad Air Force' base"."""
    found: list[Mention] = []
    table = token_table(doc)
    words = [(k, folded) for k, word in enumerate(table.text) if (folded := fold(word))]
    i = 0
    while i < len(words):
        k = words[i][0]
        first = table.text[k][:1]
        if not (first.isupper() or first.isdigit()) or words[i][1].split(" ", 1)[0] not in gaz.site_firsts:
            i += 1
            continue
        best: tuple[int, tuple[int, ...]] | None = None
        for length in range(1, min(MAX_SITE_TOKENS, len(words) - i) + 1):
            phrase = " ".join(w for _, w in words[i : i + length])
            hit = gaz.site_phrases.get(phrase)
            if hit:
                best = (length, hit)
        if best:
            length, hit = best
            last = words[i + length - 1][0]
            start, end = table.idx[k], table.idx[last] + len(table.text[last])
            text = doc_text(doc)[start:end]
            found.append(Mention(start, end, text, fold(text), list(hit), site=True))
            i += length
        else:
            i += 1
    return found


def named_as_place(gaz: Gazetteer, ent: Span) -> bool:
    """An entity NER took for a person or group after "the village of", "the province of", "the
    western countryside of", or before "city" ("close to Ghazni city")."""
    lower = token_table(ent.doc).lower
    if ent.end < len(lower) and lower[ent.end] in CITY_AFTER and ent.label_ in ("ORG", "GPE", "LOC", "FAC"):
        return True
    if ent.start < 2 or lower[ent.start - 1] != "of":
        return False
    noun = lower[ent.start - 2]
    return noun in gaz.city_words or noun in gaz.admin1_words or noun in gaz.part_words \
        or noun in PLACE_OF_NOUNS


def entity_mention(gaz: Gazetteer, ent: Span, loose: bool = False) -> Mention | None:
    t = token_table(ent.doc)
    start, end, text = ent.start_char, ent.end_char, span_text(ent)
    if t.lower[ent.start] == "the" and len(ent) > 1:
        start, text = t.idx[ent.start + 1], span_text(ent[1:])
    text = re.sub(r"(?:['’]s|['’])$", "", text)
    end = start + len(text)
    nxt = t.lower[ent.end] if ent.end < len(t) else None  # the next word, lower-cased
    if fold(text) in COMPASS_NAMES and not (nxt is not None and nxt in gaz.admin1_words | gaz.admin2_words):
        return None  # "the West", "the North": a bloc or a side, not Cameroon's West region
    mention = mention_for_text(gaz, start, end, text, loose=loose)
    if mention is None:
        return None
    if fold(text).split()[0] in gaz.part_prefixes:
        mention.hint = "part"  # "Colonia El Pedregal": a part of the report's town, not Colonia
    if nxt is not None:
        _kind_after(gaz, mention, nxt)
    return mention


def _kind_after(gaz: Gazetteer, mention: Mention, word: str) -> None:
    """The kind the word after a name gives it, unless it has one: "Donetsk region", "Kherson city"."""
    if mention.hint is not None:
        return
    if word in gaz.part_words:
        mention.hint = "part"
    elif word in gaz.admin1_words:
        mention.hint = "admin1"
    elif word in gaz.admin2_words:
        mention.hint = "admin2"
    elif word in gaz.city_words:
        mention.hint = "city"


def missed_names(gaz: Gazetteer, doc: Doc) -> Iterable[Mention]:
    """Capitalized names outside any entity that the gazetteer knows well enough."""
    blocked = {i for ent in entities(doc) for i in range(ent.start, ent.end)}
    persons = {ent.start for ent in entities(doc) if ent.label_ == "PERSON"}
    table = token_table(doc)
    n = len(table)
    i = 0
    while i < n:
        if i in blocked or not table.title[i] or table.pos[i] != "PROPN":
            i += 1
            continue
        j = i
        while j + 1 < n and j + 1 - i < 4 and table.title[j + 1] and table.pos[j + 1] == "PROPN" \
                and j + 1 not in blocked:
            j += 1
        if j + 1 in persons or (j + 2 in persons and table.text[j + 1] == "."):
            i = j + 1  # a title before a person's name ("Gen. Qasem Soleimani", "Col Smith"), not a place
            continue
        start, end = table.idx[i], table.idx[j] + len(table.text[j])
        mention = mention_for_text(gaz, start, end, doc_text(doc)[start:end])
        after_locative = i > 0 and table.lower[i - 1] in LOCATIVE_PREPOSITIONS
        if mention and not mention.site and well_known(gaz, mention, multi=j > i, after_locative=after_locative):
            if j + 1 < n:
                _kind_after(gaz, mention, table.lower[j + 1])  # "Donetsk region" where NER saw no name
            yield mention
        i = j + 1


def well_known(gaz: Gazetteer, mention: Mention, multi: bool, after_locative: bool) -> bool:
    main_name = [gaz.entries[p] for p in mention.candidates if fold(gaz.entries[p].name) == mention.key]
    if not main_name and after_locative:  # "in the city of Idleb": a spelling GeoNames lists as another name
        return any(gaz.entries[p].population >= ALT_NAME_MIN_POPULATION for p in mention.candidates)
    if not main_name:
        return False
    if any(e.fcode in ("PCLI", "ADM1") or e.population >= 1_000_000 for e in main_name):
        return True
    return (multi or after_locative) and max(e.population for e in main_name) >= 1_000
