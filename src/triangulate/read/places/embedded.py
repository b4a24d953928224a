"""The further toponyms of recognition: names inside other names, demonyms and repeated names."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from triangulate.read.gazetteer import Gazetteer, fold, name_variants
from triangulate.read.places.mentions import PLACE_LABELS
from triangulate.read.places.model import Mention
from triangulate.read.places.names import DIRECTION_ADJECTIVES, mention_for_text, street_after
from triangulate.read.tokens import entities, token_table

BLOCKING_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})
# entities that may hold a place name of their own (not dates, numbers, languages)
EMBEDDING_LABELS = frozenset({"ORG", "FAC", "PERSON", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "NORP", "GPE", "LOC"})


def extra_mentions(gaz: Gazetteer, doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The toponyms `toponyms` adds to `geoparse`'s: embedded names, demonyms, repeated names."""
    # names NER itself tags as a place somewhere in the text: "Scott" found once after "in" is not enough
    place_chars = {i for ent in entities(doc) if ent.label_ in PLACE_LABELS for i in range(ent.start_char, ent.end_char)}
    known = {m.key for m in mentions if not m.site and m.start in place_chars and m.key not in DIRECTION_ADJECTIVES}
    # "Nelson" is the captain of "Capt. Roy A. Nelson said", whatever else the text calls Nelson
    known -= {fold(tok.text) for ent in entities(doc) if ent.label_ == "PERSON" and len(ent) > 1 for tok in ent}
    taken = [(m.start, m.end) for m in mentions]
    extra: list[Mention] = []

    def free(start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in taken)

    def keep(mention: Mention) -> None:
        extra.append(mention)
        taken.append((mention.start, mention.end))

    for ent in entities(doc):
        if ent.label_ not in EMBEDDING_LABELS or not free(ent.start_char, ent.end_char):
            continue
        if ent.label_ == "NORP":
            demonym = demonym_mention(gaz, ent)
            if demonym is not None:
                keep(demonym)
                continue
        for mention in embedded_names(gaz, ent, known):
            if free(mention.start, mention.end):
                keep(mention)
    blocked = {i for ent in entities(doc) for i in range(ent.start, ent.end)}
    table = token_table(doc)
    for i, word in enumerate(table.text):  # a name the text already uses as a place, outside any entity ("Fargo plans to")
        if i in blocked or not word[:1].isupper() or not free(table.idx[i], table.idx[i] + len(word)):
            continue
        for length in range(4, 0, -1):
            if i + length > len(table) or any(k in blocked or not table.text[k][:1].isupper()
                                              for k in range(i, i + length)):
                continue
            span = doc[i : i + length]
            repeated = mention_for_text(gaz, span.start_char, span.end_char, span.text)
            if repeated is not None and repeated.key in known and free(repeated.start, repeated.end) \
                    and not street_after(span):
                keep(repeated)
                break
    return extra


def demonym_mention(gaz: Gazetteer, ent: Span) -> Mention | None:
    text = re.sub(r"(?:['’]s|['’])$", "", ent.text)
    if ent[0].lower_ == "the":
        text = text[4:]
    start = ent.end_char - len(ent.text) + ent.text.index(text)
    mention = mention_for_text(gaz, start, start + len(text), text, demonyms=True)
    if mention is None or len(mention.candidates) != 1:
        return None
    return mention if gaz.entries[mention.candidates[0]].fcode == "PCLI" else None


def embedded_names(gaz: Gazetteer, ent: Span, known: set[str]) -> Iterable[Mention]:
    """Place names inside an entity that is not itself a place: a country or division anywhere
    ("Education Minnesota"), a name the text already uses as a place, or a known town leading an
    institution's name ("the Mansfield Police Department", "Parkers Prairie High School")."""
    first = ent.start + (1 if ent[0].lower_ == "the" else 0)
    i = first
    while i < ent.end:
        if not ent.doc[i].text[:1].isupper():
            i += 1
            continue
        found: Mention | None = None
        for end in range(min(ent.end, i + 4), i, -1):
            span = ent.doc[i:end]
            if not span[-1].text[:1].isupper():
                continue
            text = re.sub(r"(?:['’]s|['’])$", "", span.text)
            mention = mention_for_text(gaz, span.start_char, span.start_char + len(text), text)
            whole = i == first and end == ent.end
            if ent.label_ == "PERSON" and not whole:
                continue  # "Mary Wheeler", "Roy Jones": a person named like a town
            if mention is not None and mention.key not in name_variants(fold(text)):
                continue  # "Minnesota Department" stripped of its kind word: "Minnesota" comes next
            if mention is not None and not mention.site and not street_after(span) and embedded_place(gaz,
                    mention, known, leading=i == first, whole=whole):
                found = mention
                break
        if found is None:
            i += 1
            continue
        yield found
        i = end


def embedded_place(gaz: Gazetteer, mention: Mention, known: set[str], leading: bool, whole: bool) -> bool:
    if mention.key in known or mention.key in DIRECTION_ADJECTIVES:
        return mention.key in known
    main = [e for e in (gaz.entries[p] for p in mention.candidates) if fold(e.name) == mention.key]
    if any(e.fcode in ("PCLI", "ADM1") for e in main):
        return True
    return leading and not whole and any(e.fcode == "ADM2" or e.population >= 5_000 for e in main)
