"""`check` from the record: a claim read like a report, answered with the stored statements about it.

The claim is parsed as a one-sentence report. When it is a statement by someone ("Islamic State
claimed responsibility for ...", "the army acknowledged ..."), the stored statements of the same
speaker answer it. When it says who did an event ("Iran carried out the attacks"), the stored
responsibility statements answer it: those accusing, claiming or admitting the same side support
it, denials refute it, and accusations of another side dispute it when something supports it.
Otherwise the reports' own sentences that state the fact or its opposite answer it (`stated.py`); an attack
the reports tell with other means, on another weekday or with a lower toll is refuted by the story's main
event (`event_facts.py`); and only when none of these speaks, the FNC-1 stance model reads the stored reports
(its agree supports; its disagree alone refutes nothing). Verdict: supported (something asserts it, nothing contradicts), refuted (something contradicts it,
nothing asserts it), disputed (both), unsupported (neither).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from triangulate.extract import Extractor
from triangulate.link.check_result import CheckResult, Item, decide
from triangulate.link.event_facts import by_event, dated_otherwise
from triangulate.link.lexicon import load_lexicon
from triangulate.link.report_stance import RELEVANT_COVER, STANCE_MIN_SCORE, content_words, counted, cover
from triangulate.link.responsibility import ASSERTING
from triangulate.link.retracted import Retraction, retraction
from triangulate.link.sides import PROVISIONAL, same_side, same_speaker
from triangulate.link.stance import StanceModel, candidate_query, check_claim, load_model
from triangulate.link.stated import Stated, claim_deed, done_elsewhere, stated
from triangulate.link.store import StoryStore
from triangulate.read import Reader
from triangulate.read.nlp import parse_many
from triangulate.read.tokens import span_at
from triangulate.records import (
    Actor,
    ActorMention,
    AnalyzedDocument,
    Claim,
    Document,
    Extraction,
    ReadDoc,
    Responsibility,
    Span,
    Story,
    document_id,
)

_WORD = re.compile(r"[a-z0-9]+")
RELEVANT_REPORTS = 20  # the reports sharing most words with a claim; their stories are the ones asked about
STORY_SHARE = 0.5  # a story is asked about when its reports weigh at least this share of the best one's


@lru_cache(maxsize=1)
def _stages() -> tuple[Reader, Extractor]:
    reader = Reader.default()
    return reader, Extractor.default(reader.geoparser, reader.actors.lookup)


def _read(claim: str) -> tuple[ReadDoc, Extraction]:
    reader, extractor = _stages()
    document = Document(id=document_id(claim), external_id="claim", text=claim)
    (doc,) = parse_many([claim])
    read = reader.read(document, doc)
    return read, extractor.extract(read)


def read_claim(claim: str) -> AnalyzedDocument:
    """The claim analyzed as a one-sentence report."""
    return _analyzed(*_read(claim))


def _analyzed(read: ReadDoc, found: Extraction) -> AnalyzedDocument:
    return AnalyzedDocument(document=read.document, mentions=read.actor_mentions, actors=list(read.actors.values()),
                            events=found.events, claims=found.claims, responsibility=found.responsibility)


def _cue_lemmas(read: ReadDoc, claim: Claim) -> list[str]:
    span = span_at(read.doc, claim.cue_span.start, claim.cue_span.end) if claim.cue_span is not None else None
    return [t.lemma_.lower() for t in span or ()]


def _stance_cue(read: ReadDoc, claim: Claim, stances: tuple[str, ...] = ("denies", "admits")) -> str | None:
    """The stance a claim's cue says by itself ("denied carrying out the attack", "admitted using chemical
    weapons"): a statement by its speaker even when the attribution model, not the cue rules, found it."""
    cues = _stages()[1].responsibility.table.cues
    return next((stance for lemma in _cue_lemmas(read, claim) if (stance := cues.get(lemma)) in stances), None)


def _confirming(read: ReadDoc, claim: Claim) -> bool:
    """The claim's cue says its speaker established it ("confirmed", "verified"), not only that it said it."""
    return bool(load_lexicon().confirming_cues.intersection(_cue_lemmas(read, claim)))


def _own_part(read: ReadDoc, claim: Claim) -> Responsibility | None:
    """ "The government admitted using chemical weapons": with no event named for a statement of who did it,
    a cue that admits or denies speaks of the speaker's own part; so does a claim the speaker made of its own
    deed ("the affiliate claimed it brought down the airliner")."""
    stance = _stance_cue(read, claim)
    if stance is None and _by_itself(claim, read):
        stance = _stance_cue(read, claim, ("claims",))
    if stance is None or _told_of_another(claim, read):
        return None
    return Responsibility(id="claim:r0", doc_id=claim.doc_id, speaker=claim.speaker, speaker_text=claim.speaker_text,
                          stance=stance, accused=claim.speaker, accused_text=claim.speaker_text, cue=claim.cue,
                          factuality=claim.factuality, claim_id=claim.id)


PRONOUNS = frozenset({"it", "they", "we", "he", "she", "i"})
OWNERS = frozenset({"its", "their", "our", "his", "her", "my"})


def _told_of_another(claim: Claim, read: ReadDoc) -> bool:
    """What is admitted or denied has a doer of its own that is not the speaker ("acknowledged that the attackers
    came from its territory"; not "admitted using", "admitted that it used")."""
    doc, _ = _content_doc(claim, read)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.lemma_ == "be":
        return False
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.lower_ not in PRONOUNS


def _by_itself(claim: Claim, read: ReadDoc) -> bool:
    """What is claimed is a deed with the speaker's pronoun for its doer ("claimed it brought down ...")."""
    doc, _ = _content_doc(claim, read)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
    return root is not None and root.pos_ == "VERB" and subject is not None and subject.lower_ in PRONOUNS


def _own_men(said: Responsibility, content: str) -> Responsibility:
    """ "IS said one of its soldiers carried out the stabbing": the speaker's own men did it, a claim."""
    text = (said.accused_text or "").lower()
    at = content.lower().find(text) if text else -1
    words = set(_WORD.findall(text)) | set(_WORD.findall(content.lower()[max(0, at - 12):max(0, at)]))
    if said.stance != "accuses" or not words & OWNERS or said.speaker is None:
        return said
    return said.model_copy(update={"stance": "claims", "accused": said.speaker, "accused_text": said.speaker_text})


def _said_statement(said: Claim, statements: Sequence[Responsibility]) -> Responsibility | None:
    """The claim's statement of who did it made by the claim's speaker: the one read from its words, else one of
    the same speaker (a statement it reports, "the Czech allegations", is another speaker's)."""
    mine = [r for r in statements if (r.speaker, r.speaker_text) == (said.speaker, said.speaker_text)]
    own = [r for r in mine if r.claim_id == said.id] or mine or [r for r in statements if r.claim_id == said.id]
    return _own_men(own[0], said.content.text) if own else None


def _named_accused(said: Responsibility, claim: Claim, read: ReadDoc) -> Responsibility:
    """An accused no actor list knows (often a place: "blamed a Ukrainian missile for the damage to the Kyiv
    hospital" read "Kyiv") is the one known side the speaker's words name, when they name one other than it."""
    if not (said.accused or "").startswith(PROVISIONAL) or said.stance != "accuses":
        return said
    content = claim.content
    named = {m.actor_id: m.text for m in read.actor_mentions if content.start <= m.start and m.end <= content.end
             and m.actor_id and not m.actor_id.startswith(PROVISIONAL) and m.actor_id != said.speaker
             and not _done_to(read, m)}
    if len(named) != 1:
        return said
    ((actor, text),) = named.items()
    return said.model_copy(update={"accused": actor, "accused_text": text})


def _done_to(read: ReadDoc, mention: ActorMention) -> bool:
    """The mention is what a deed noun was done to ("the killing of the Russian ambassador", "the attack on
    the Kyiv hospital"): a victim, not a side said to have done it."""
    words = span_at(read.doc, mention.start, mention.end)
    root = words.root if words is not None else None
    return root is not None and root.dep_ == "pobj" and root.head.lower_ in ("of", "on", "against") \
        and root.head.head.pos_ == "NOUN"


def _asserted_doer(read: ReadDoc, found: Extraction) -> Responsibility | None:
    """Who the claim itself says did it, read as if a speaker said the whole sentence."""
    document = read.document
    words = document.text.rstrip(". ")
    said = Claim(id="claim:c0", doc_id=document.id, speaker_text="the claim", cue="says", factuality="CT+",
                 content=Span(doc_id=document.id, start=0, end=len(words), text=words))
    statements = _stages()[1].responsibility.find(read, [said], found.events)
    return statements[0] if statements and statements[0].stance in ASSERTING | {"denies"} else None


def check_verdict(store: StoryStore, claim: str, model: StanceModel | None = None) -> dict[str, Any]:
    """The claim's verdict with the stored statements behind it, as JSON-ready dict."""
    return check_record(store, claim, model).as_json()


def check_record(store: StoryStore, claim: str, model: StanceModel | None = None) -> CheckResult:
    """The verdict on a claim from the stored statements; `reports` always holds the stance model's reading."""
    result = _check(store, claim, model)
    if not result.reports:
        result.reports = check_claim(store, claim, model=model)
    return result


def _check(store: StoryStore, claim: str, model: StanceModel | None) -> CheckResult:
    read, found = _read(claim)
    analyzed = _analyzed(read, found)
    links = store.story_links()
    weighted = _weighted_stories(store, claim)
    relevant = _share_of(weighted, STORY_SHARE)
    wanted = None if relevant is None else {s.id for s in relevant}
    statements = [r for story_id, (_, sl) in links.items() if wanted is None or story_id in wanted
                  for r in sl.responsibility]
    docs = _documents(store, relevant)
    actors = _actors(docs, analyzed)
    taken_back = retraction(read.doc, read.actor_mentions, load_lexicon())
    if taken_back is not None:
        # the speaker's claim and its later denial may be told in reports the linking kept apart: every story
        # the claim's words reach
        reached = {s.id for s in _share_of(weighted, 0.0) or store.stories()}
        own = [r for story_id, (_, sl) in links.items() if story_id in reached for r in sl.responsibility]
        return _retraction(store, claim, taken_back, own, actors)
    # a statement by someone is told by a cue of saying; the attribution model's guesses ("X approved the
    # operation") are read as facts
    # ... and so is one the model found whose own words say who did it ("Sofia's investigators concluded that
    # Hizballah was responsible")
    told_by = {r.claim_id for r in analyzed.responsibility if r.stance != "uncertain"}
    spoken = [c for c in analyzed.claims if (c.speaker or c.speaker_text)
              and (c.found_by == "rules" or _stance_cue(read, c) is not None or c.id in told_by)]
    if spoken:
        # the sentence's own speaker, not one it reports ("Moscow rejected the Czech allegations")
        first = min(spoken, key=lambda c: (c.cue_span or c.content).start)
        said = _said_statement(first, analyzed.responsibility) or _own_part(read, first)
        said = _named_accused(said, first, read) if said is not None else None
        return _statement(store, claim, first, said, statements, docs, actors, model, read)
    doer = _asserted_doer(read, found)
    told: CheckResult | None = None
    # an attack told otherwise: its means, weekday or toll against the story's main event
    found_event = by_event(claim, analyzed, [m for story_id, (_, sl) in links.items()
                                           if wanted is not None and story_id in wanted for m in sl.merged_events], docs)
    if doer is not None and (doer.accused or doer.accused_text):
        told = _responsibility(store, claim, doer, statements, actors)
        if told.verdict != "unsupported":
            return dated_otherwise(told, found_event)
    # a fact: the reports' sentences that state it or its opposite; what states a fact is strict enough to be
    # looked for in every story the claim's words reach
    wide = _share_of(weighted, 0.0)
    by_sentences = _by_sentences(store, claim, read, docs if wide == relevant else _documents(store, wide))
    if by_sentences.verdict != "unsupported":
        return dated_otherwise(by_sentences, found_event)
    if found_event.verdict != "unsupported":
        return found_event
    # a doer no statement names stays unsupported; other facts go to the stance model over the reports
    return told or _by_stance(store, claim, model, docs)


def _weighted_stories(store: StoryStore, claim: str) -> list[tuple[float, Story]] | None:
    """Each story with how high the stored reports sharing content words with the claim rank in it (None: the
    claim has no such word, or the store no search); a story counts by how high its reports rank."""
    query = candidate_query(claim)
    if query is None:
        return None
    try:
        ranked = store.search(query, limit=RELEVANT_REPORTS)
    except sqlite3.OperationalError:
        return None
    weight = {d: 1.0 / (1 + rank) for rank, d in enumerate(ranked)}
    return [(sum(weight.get(d, 0.0) for d in s.doc_ids), s) for s in store.stories()]


def _share_of(weighted: list[tuple[float, Story]] | None, share: float) -> list[Story] | None:
    """The stories weighing at least `share` of the heaviest one (None: all). One that only a few low-ranked
    reports reach (a word in common with another event's coverage) is not what the claim is about."""
    if weighted is None:
        return None
    best = max((w for w, _ in weighted), default=0.0)
    return [s for w, s in weighted if w > 0 and w >= share * best]


# -- a statement by someone ------------------------------------------------------------


def _statement(
    store: StoryStore, claim: str, said: Claim, asked: Responsibility | None, statements: list[Responsibility],
    docs: list[AnalyzedDocument], actors: Mapping[str, Actor], model: StanceModel | None, read: ReadDoc,
) -> CheckResult:
    result = CheckResult(claim, "unsupported", "statement")
    if asked is not None:
        # what the speaker is said to have said, in its own sentences ("Saudi Arabia admitted that he was killed
        # in its consulate" is met by "the Saudi government acknowledged that he died in its consulate")
        # ("X denied S" is met by X's sentences holding the opposite of S)
        # ("X rejected the allegations over S" denies no S of its own: its statement answers it)
        for found in [] if _answers_statement(said, read) else _said_by(said, read, docs, actors):
            held = found.stance == "states"
            (result.supports if held != said.factuality.endswith("-") else result.refutes).append(found)
        deed = claim_deed(*_content_doc(said, read))  # read once for every statement below
        confirming = _confirming(read, said)
        for statement in statements:
            if not same_speaker(said.speaker, said.speaker_text, statement, actors):
                continue
            item = _item(store, statement)
            # the speaker's word of its own part meets the same speaker's word of its own part, whatever names
            # the two use ("Baloch separatists claimed", "the Baloch Liberation Army claimed")
            own = _side(asked) == (asked.speaker, asked.speaker_text) and \
                _side(statement) == (statement.speaker, statement.speaker_text) and \
                same_speaker(said.speaker, said.speaker_text, statement, actors, bodies=False)
            same = own or same_side(*_side(asked), statement.accused, statement.accused_text, actors)
            if same and _agrees(asked.stance, statement.stance) and not _elsewhere(deed, statement, docs):
                result.supports.append(item)
            elif same and statement.stance != "uncertain" and (statement.stance == "denies") != (asked.stance == "denies"):
                # only the opposite word about the same side contradicts: a denier may well accuse another side
                result.refutes.append(item)
            elif same and statement.stance == "uncertain" and asked.stance in ASSERTING and confirming:
                # "X confirmed that Y did it" against X's "we would need more information": X did not confirm it
                result.refutes.append(item)
            elif asked.stance in ASSERTING and _undone(statement, docs):
                # "denied that any attack took place": no side did it, in the speaker's word
                result.refutes.append(item)
            else:
                result.discusses.append(item)
        _too_late(result, claim, docs)
        # "X said / admitted S" is true once X said it: the opposite said on another day is a change of
        # position (a reversal, shown as such), not a contradiction of the claim
        said_on = {i.published for i in result.supports}
        told = {(i.doc_id, i.speaker or i.speaker_text) for i in result.supports}
        # ... and so is the opposite told by the same report of the same speaker ("initially rejected, but later
        # acknowledged")
        other_days = [i for i in result.refutes if (i.published and said_on and i.published not in said_on)
                      or (i.doc_id, i.speaker or i.speaker_text) in told]
        result.refutes = [i for i in result.refutes if i not in other_days]
        result.discusses += other_days
        _once(result)
        return decide(result)
    # the speaker's own sentences that state what it is said to have said, or its opposite
    for found in _said_by(said, read, docs, actors):
        held = found.stance == "states"
        (result.supports if held != said.factuality.endswith("-") else result.refutes).append(found)
    if result.supports or result.refutes:
        return decide(result)
    # what else the speaker said, read by the stance model against the claim's content
    model = model or load_model()
    theirs = [c for document in docs for c in document.claims
              if same_speaker(said.speaker, said.speaker_text, _as_statement(c), actors)]
    if theirs:
        wanted = content_words(said.content.text)
        stances = model.predict([(said.proposition, c.proposition) for c in theirs])
        for stored, stance in zip(theirs, stances, strict=True):
            item = _claim_item(store, stored)
            # as over the reports: the model's word counts on a statement about the same thing
            relevant = cover(wanted, stored.content.text) >= RELEVANT_COVER
            if stance.stance == "agree" and stance.score >= STANCE_MIN_SCORE and relevant:
                result.supports.append(item)
            elif stance.stance in ("agree", "disagree", "discuss"):
                result.discusses.append(item)
    return decide(result)


def _undone(statement: Responsibility, docs: list[AnalyzedDocument]) -> bool:
    """A denial of the deed itself, done by no one named ("denied the base had been shelled")."""
    if statement.stance != "denies" or statement.accused or not statement.event_id:
        return False
    document = next((d for d in docs if d.document.id == statement.doc_id), None)
    event = next((e for e in document.events if e.id == statement.event_id), None) if document else None
    return event is not None and event.trigger is not None and event.trigger.text == statement.accused_text


def _too_late(result: CheckResult, claim: str, docs: list[AnalyzedDocument]) -> None:
    """ "claimed it on the day it happened", "immediately acknowledged": a statement published later than the
    claim's words allow after the first report of the event does not meet it."""
    words = " ".join(_WORD.findall(claim.lower()))
    allowed = [days for phrase, days in load_lexicon().prompt_words.items() if re.search(rf"\b{phrase}\b", words)]
    first = min((d.document.published for d in docs if d.document.published), default=None)
    if not allowed or first is None:
        return
    late = [i for i in result.supports if i.published and (date.fromisoformat(i.published) - first).days > max(allowed)]
    result.supports = [i for i in result.supports if i not in late]
    result.discusses += late


def _once(result: CheckResult) -> None:
    """Each evidence span listed once, where it weighs most (a sentence and the statement read from it)."""
    seen: set[tuple[str, int]] = set()
    for name in ("supports", "refutes", "discusses"):
        kept = []
        for item in getattr(result, name):
            spans = {(str(e.get("doc_id", item.doc_id)), int(e.get("start", -1))) for e in item.evidence}
            if spans and spans <= seen:
                continue
            seen |= spans
            kept.append(item)
        setattr(result, name, kept)


def _side(statement: Responsibility) -> tuple[str | None, str | None]:
    """Whom a statement is about; one naming no known actor ("denied any role in the Arena bombing") is about
    its speaker: a denial, a claim or an admission speaks for oneself."""
    named = statement.accused is not None and not statement.accused.startswith(PROVISIONAL)
    if named or (statement.accused_text and not statement.accused) or statement.stance not in ("denies", "claims", "admits"):
        return statement.accused, statement.accused_text
    return statement.speaker, statement.speaker_text


def _agrees(asked: str, stored: str) -> bool:
    if asked in ("claims", "admits"):
        return stored in ("claims", "admits")
    return asked == stored


# -- who did it ------------------------------------------------------------------------


def _responsibility(
    store: StoryStore, claim: str, doer: Responsibility, statements: list[Responsibility],
    actors: Mapping[str, Actor],
) -> CheckResult:
    result = CheckResult(claim, "unsupported", "responsibility")
    negated = doer.stance == "denies"
    others: list[tuple[Item, str | None]] = []
    asserted: set[str | None] = set()  # the merged events the supporting statements are about
    for statement in statements:
        if statement.stance == "uncertain":
            continue
        # a claim is its speaker's own deed, whatever words name the doers ("our Mujahideen brothers")
        side = (statement.speaker, statement.speaker_text) if statement.stance in ("claims", "admits") \
            and statement.speaker else (statement.accused, statement.accused_text)
        same = same_side(doer.accused, doer.accused_text, *side, actors)
        item = _item(store, statement)
        if same and statement.stance in ASSERTING:
            (result.refutes if negated else result.supports).append(item)
            asserted.add(statement.merged_event_id)
        elif same and statement.stance == "denies":
            (result.supports if negated else result.refutes).append(item)
            if not negated and _answers_allegations(item):
                result.supports.append(_alleged(item))
        elif statement.stance in ASSERTING and (statement.accused or statement.accused_text):
            others.append((item, statement.merged_event_id))  # another side accused
    # a competing accusation about the same event disputes an asserted doer, unless its source also accuses
    # that doer ("held the U.S. and Israel responsible" names accomplices)
    supporters = {(i.speaker or i.speaker_text, i.doc_id) for i in result.supports}
    for item, about in others:
        competing = result.supports and not negated and about in asserted \
            and (item.speaker or item.speaker_text, item.doc_id) not in supporters
        (result.refutes if competing else result.discusses).append(item)
    return decide(result)


def _retraction(
    store: StoryStore, claim: str, taken: Retraction, statements: list[Responsibility], actors: Mapping[str, Actor],
) -> CheckResult:
    """ "X withdrew its claim of responsibility": met by X's own claim (or admission) and X's denial of its part
    told no earlier; a denial with no claim before it, or a claim never taken back, does not meet it."""
    result = CheckResult(claim, "unsupported", "retraction")
    own = [s for s in statements if same_speaker(taken.speaker, taken.speaker_text, s, actors)
           and same_side(*_side(s), taken.speaker, taken.speaker_text, actors)]
    said = [s for s in own if s.stance in ("claims", "admits")]
    first = min((s.published for s in said if s.published), default=None)
    for statement in own:
        if statement.stance == "denies":
            later = first is None or statement.published is None or statement.published >= first
            (result.supports if said and later else result.discusses).append(_item(store, statement))
    result.discusses += [_item(store, s) for s in said]
    _once(result)
    return decide(result)


def _answers_allegations(denial: Item) -> bool:
    """A denial of "allegations" or "accusations" ("denied Ukrainian allegations that it had killed ...")."""
    nouns = load_lexicon().allegation_nouns
    return any(nouns & set(_WORD.findall(str(e.get("text", "")).lower())) for e in denial.evidence)


def _alleged(denial: Item) -> Item:
    """The accusation a denial reports, as the denial's report tells it (its accusers may be unnamed)."""
    return Item("alleged", denial.doc_id, None, "the accusers the denial answers", "accuses", denial.factuality,
                denial.outlet, denial.title, denial.published, [*denial.via, denial.speaker_text or ""],
                denial.evidence)


# -- no statement to meet: the stance model over the stored reports -------------------------


def _by_stance(store: StoryStore, claim: str, model: StanceModel | None,
               docs: Sequence[AnalyzedDocument] = ()) -> CheckResult:
    result = CheckResult(claim, "unsupported", "stance")
    result.reports = check_claim(store, claim, model=model)
    for report, relation in zip(result.reports, counted(result.reports, claim, docs), strict=True):
        item = Item("report", report.doc_id, None, None, report.relation, None, report.outlet, report.title,
                    report.published, [], [e.model_dump() for e in report.stance.evidence])
        (result.supports if relation == "supports" else result.discusses).append(item)
    return decide(result)


def _by_sentences(store: StoryStore, claim: str, read: ReadDoc, docs: list[AnalyzedDocument]) -> CheckResult:
    result = CheckResult(claim, "unsupported", "sentences")
    for found in stated(read.doc, read.actor_mentions, docs):
        (result.supports if found.agrees else result.refutes).append(_sentence_item(found))
    return decide(result)


def _content_doc(said: Claim, read: ReadDoc) -> tuple[Doc, list[ActorMention]]:
    """What the speaker is said to have said, parsed alone, with its actor mentions at offsets into it."""
    content = said.content
    (doc,) = parse_many([content.text])
    mentions = [m.model_copy(update={"start": m.start - content.start, "end": m.end - content.start})
                for m in read.actor_mentions if content.start <= m.start and m.end <= content.end]
    return doc, mentions


def _said_by(said: Claim, read: ReadDoc, docs: list[AnalyzedDocument], actors: Mapping[str, Actor]) -> list[Item]:
    """The sentences of the claim's speaker (inside its stored claims) that state what it is said to have
    said, or its opposite."""
    doc, mentions = _content_doc(said, read)
    return [_sentence_item(found) for found in stated(doc, mentions, docs) if found.claim is not None
            and same_speaker(said.speaker, said.speaker_text, _as_statement(found.claim), actors)]


def _answers_statement(said: Claim, read: ReadDoc) -> bool:
    """What the speaker is said to have answered is someone's statement ("the Czech allegations over the blasts",
    "Tehran's claim that ..."), not a proposition of its own."""
    doc, _ = _content_doc(said, read)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    nouns = load_lexicon().allegation_nouns | {"claim", "claims"}
    return root is not None and root.pos_ in ("NOUN", "PROPN") and root.lower_ in nouns


def _elsewhere(deed: tuple[frozenset[str], frozenset[str]], statement: Responsibility,
               docs: list[AnalyzedDocument]) -> bool:
    """The statement's sentence does the deed the claim names to something else ("Russian forces had struck a
    depot" is no admission of striking the mall)."""
    document = next((d for d in docs if d.document.id == statement.doc_id), None)
    if document is None or not statement.evidence:
        return False
    return done_elsewhere(deed, document, statement.evidence[0].start, statement.evidence[0].end)


def _sentence_item(found: Stated) -> Item:
    document, holder = found.doc.document, found.claim
    return Item("sentence", document.id, holder.speaker if holder else None,
                holder.speaker_text if holder else (document.outlet or "the report"),
                "states" if found.agrees else "states the opposite", holder.factuality if holder else "CT+",
                document.outlet, document.title, document.published.isoformat() if document.published else None,
                [v.text for v in holder.via] if holder else [],
                [{"doc_id": document.id, "start": found.start, "end": found.end, "text": found.text}])


# -- records to items ----------------------------------------------------------------------


def _actors(docs: Iterable[AnalyzedDocument], analyzed: AnalyzedDocument) -> dict[str, Actor]:
    known = {a.id: a for a in analyzed.actors}
    for document in docs:
        known.update({a.id: a for a in document.actors})
    return known


def _documents(store: StoryStore, stories: list[Story] | None) -> list[AnalyzedDocument]:
    """The analyzed reports of the stories the claim is about (every report when that is not known)."""
    if stories is None:
        ids = [d.id for d in store.documents()]
    else:
        ids = sorted({d for s in stories for d in s.doc_ids})
    found = (store.analyzed(i) for i in ids)
    return [a for a in found if a is not None]


def _as_statement(claim: Claim) -> Responsibility:
    return Responsibility(id=claim.id, doc_id=claim.doc_id, speaker=claim.speaker, speaker_text=claim.speaker_text,
                          stance="uncertain", cue=claim.cue)


def _item(store: StoryStore, statement: Responsibility) -> Item:
    document = store.document(statement.doc_id)
    return Item("responsibility", statement.doc_id, statement.speaker, statement.speaker_text, statement.stance,
                statement.factuality, document.outlet if document else None, document.title if document else None,
                statement.published.isoformat() if statement.published else None, [v.text for v in statement.via],
                [e.model_dump() for e in statement.evidence])


def _claim_item(store: StoryStore, claim: Claim) -> Item:
    document = store.document(claim.doc_id)
    return Item("claim", claim.doc_id, claim.speaker, claim.speaker_text, None, claim.factuality,
                document.outlet if document else None, document.title if document else None,
                document.published.isoformat() if document and document.published else None,
                [v.text for v in claim.via], [e.model_dump() for e in claim.evidence])


__all__: Sequence[str] = ["CheckResult", "Item", "check_record", "check_verdict", "read_claim"]
