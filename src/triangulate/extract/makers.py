"""Who makes a statement whose speaker is a thing: a report, a statement, footage, and the one who issued it."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from triangulate.extract.deeds import mention_on
from triangulate.read.nlp import doc_text
from triangulate.read.tokens import span_at
from triangulate.records import ActorMention, ChainLink, Claim, ReadDoc, is_generic_actor

Source = tuple[str | None, str, list[ChainLink]]  # speaker actor id, its words, the chain it came through


def maker(read: ReadDoc, claim: Claim, documents: frozenset[str], quantifiers: frozenset[str],
          colleagues: frozenset[str] = frozenset(), bodies: frozenset[str] = frozenset()) -> Source | None:
    """Who makes the statement: the speaker, unless it is a thing (evidence, a report, footage); then
    the thing's maker ("the army's investigation" -> the army), else, for a thing that is also a body (`bodies`:
    "a public inquiry has found"), the thing itself, else whoever cites it (the chain's innermost link: "New York
    Times: evidence suggests ..."), else nobody (None)."""
    via = list(claim.via)
    span = claim.speaker_span
    head = span_at(read.doc, span.start, span.end) if span is not None else None
    if head is not None and len(head) and claim.speaker is None and head.root.lower_ in quantifiers:
        return None  # "some blamed Ukraine", "each side accused": no source
    if head is not None and len(head) == 1 and claim.speaker is None and head.root.lemma_.lower() in colleagues \
            and via and via[-1].actor is not None:
        return via[-1].actor, via[-1].text, via[:-1]  # "a spokesman ... said officials believe ...": his word
    if head is None or not len(head) or head.root.lemma_.lower() not in documents:
        return claim.speaker, claim.speaker_text, via
    made_by = [m for m in read.actor_mentions if span is not None and span.start <= m.start and m.end <= span.end
               and not is_generic_actor(m.actor_id)]
    # a known actor before a name met only here: "a message on a Telegram channel of the Islamic State"
    made_by.sort(key=lambda m: m.actor_id.startswith("prov:"))
    if made_by:
        return made_by[0].actor_id, claim.speaker_text, via
    issued = issuer(head.root, read.actor_mentions)  # "the ministry issued a statement accusing ..."
    if issued is None and any(c.lower_ == "the" for c in head.root.children):
        issued = earlier_issuer(head.root, read.actor_mentions)  # '"...," the statement said'
    if issued is not None:
        return issued[0], issued[1], via
    if head.root.lemma_.lower() in bodies:
        return claim.speaker, claim.speaker_text, via
    if via:
        cited = via[-1]
        return cited.actor, cited.text, via[:-1]
    return None


def document_maker(read: ReadDoc, claim: Claim, documents: frozenset[str]) -> Source | None:
    """The maker of the document a participle cue follows: "rejected [a report by the watchdog],
    accusing ..." -> the watchdog; None when the cue hangs on no such document."""
    if claim.cue_span is None:
        return None
    cue = span_at(read.doc, claim.cue_span.start, claim.cue_span.end)
    if cue is None or not len(cue) or cue.root.tag_ != "VBG" or cue.root.dep_ != "advcl":
        return None
    report = next((c for c in cue.root.head.children if c.dep_ == "dobj"
                   and c.lemma_.lower() in documents and c.i < cue.root.i), None)
    if report is None:
        return None
    by = [t for c in report.children if c.lower_ == "by" for t in c.subtree]
    if not by:
        return None
    lo, hi = by[0].idx, by[-1].idx + len(by[-1])
    makers = [m for m in read.actor_mentions if lo <= m.start and m.end <= hi and not is_generic_actor(m.actor_id)]
    if not makers:
        return None
    return makers[0].actor_id, doc_text(read.doc)[by[1].idx:hi] if len(by) > 1 else makers[0].text, []


def issuer(document: Token, mentions: Sequence[ActorMention]) -> tuple[str, str] | None:
    """Who issued a document: the subject of the verb it is the object of ("Russia's defence ministry
    issued a statement"), when that subject names an actor."""
    if document.dep_ != "dobj":
        return None
    return _subject_named(document.head, mentions)


def earlier_issuer(document: Token, mentions: Sequence[ActorMention]) -> tuple[str, str] | None:
    """Who issued "the statement" (or report) a claim cites: the issuer of the latest earlier one of its
    kind in the report, "X issued a statement" or "X said in a statement" ('"This crime was committed by
    ...," the statement said' is the ministry's)."""
    doc, lemma = document.doc, document.lemma_.lower()
    for token in reversed(doc[:document.i]):
        if token.lemma_.lower() != lemma or token.pos_ != "NOUN":
            continue
        issued = issuer(token, mentions)
        if issued is None and token.dep_ == "pobj" and token.head.lower_ == "in":
            issued = _subject_named(token.head.head, mentions)  # "the ministry said in a statement"
        return issued
    return None


def _subject_named(verb: Token, mentions: Sequence[ActorMention]) -> tuple[str, str] | None:
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    words = list(subject.subtree)
    lo, hi = words[0].idx, words[-1].idx + len(words[-1])
    named = [m for m in mentions if lo <= m.start and m.end <= hi and not is_generic_actor(m.actor_id)]
    return (named[0].actor_id, doc_text(subject.doc)[lo:hi]) if named else None


def no_part(read: ReadDoc, claim: Claim, media_nouns: frozenset[str]) -> bool:
    """A speaker with no part of its own to deny: an outlet, known ("state television") or named for one
    ("pro-Kremlin Telegram channels")."""
    actor = read.actors.get(claim.speaker or "")
    if actor is None:
        return True
    words = (claim.speaker_text or "").lower().split()
    last = words[-1] if words else ""
    return "media" in actor.sectors or last in media_nouns or last.removesuffix("s") in media_nouns


def own_side(read: ReadDoc, claim: Claim) -> str | None:
    """The side a speaker speaks for: a person's body ("Zelenskyy denied involvement": Ukraine's government), and
    that body's own ("Kremlin spokesman Dmitry Peskov denied any attacks": the Kremlin's, Russia's government)."""
    return side_of(read, claim.speaker)


def side_of(read: ReadDoc, actor_id: str | None) -> str | None:
    """The side an actor stands for: a person's body, and an organ's state (see `own_side`)."""
    person = read.actors.get(actor_id or "")
    if person is None or person.kind != "person" or not person.affiliation:
        return actor_id
    side = person.affiliation
    body = read.actors.get(side)
    state = read.actors.get(body.affiliation or "") if body is not None else None
    # an organ's state (the Kremlin is Russia's government), not a group's parent (al-Shabaab's al-Qaeda)
    return state.id if state is not None and state.kind == "government" and state.id != side else side


def shown_against(read: ReadDoc, claim: Claim, showing: frozenset[str]) -> ActorMention | None:
    """Whom evidence is held against: the subject of the verb the evidence is the object of ("[Iran] dismissed
    Western intelligence showing it was behind the attack"), when the claim's cue is what the evidence shows."""
    cue = span_at(read.doc, claim.cue_span.start, claim.cue_span.end) if claim.cue_span is not None else None
    if cue is None or not len(cue) or cue.root.lemma_.lower() not in showing \
            or cue.root.dep_ not in ("ccomp", "acl", "xcomp"):
        return None
    subject = next((c for c in cue.root.head.children if c.dep_ == "nsubj"), None)
    return mention_on(subject, read.actor_mentions) if subject is not None else None
