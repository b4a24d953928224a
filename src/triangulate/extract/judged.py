"""Responsibility said by judging a deed rather than telling it: a deed called a crime, a court's verdict, a
suspect's plea."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from triangulate.extract.clauses import floated
from triangulate.extract.deeds import (
    PERSONS,
    QUESTION_WORDS,
    inside,
    mention_on,
    names_violence,
    no_doer,
    with_previous,
)
from triangulate.read.tokens import TokenTable, sentences, span_text, token_table
from triangulate.records import (
    Actor,
    ActorMention,
    Event,
    ReadDoc,
    Responsibility,
    ResponsibilityStance,
    Span,
    is_generic_actor,
)

CHARGE_PREPS = frozenset({"with", "for", "over", "in"})  # what a charge is for: "charged X with", "in connection with"

if TYPE_CHECKING:
    from triangulate.extract.responsibility_words import ResponsibilityTable


def characterized(read: ReadDoc, events: list[Event], table: ResponsibilityTable) -> list[Responsibility]:
    """ "Zelenskyy called the actions of Russian troops genocide", "Kyiv described the shelling by
    Russian forces as a war crime": calling what a named doer did a crime accuses the doer."""
    found = []
    words = token_table(read.doc)
    for i, pos in enumerate(words.pos):
        if pos != "VERB" or words.lemma[i] not in table.characterizing:
            continue
        verb = read.doc[i]
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None and verb.dep_ == "xcomp":  # "channels began dismissing the attack as ..."
            subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        deed = next((c for c in verb.children if c.dep_ == "dobj"), None)
        pronoun = deed is not None and deed.lower_ in ("it", "this", "that")  # "called it a Russian war crime"
        if subject is None or deed is None or not (pronoun or deed.lower_ in table.event_nouns | table.actions):
            continue
        called = [c for c in verb.children if c.dep_ in ("oprd", "attr")]
        called += [g for h in (verb, deed) for c in h.children if c.dep_ == "prep" and c.lower_ == "as"
                   for g in c.children if g.dep_ == "pobj"]
        if not any(_crime(c, table) for c in called):
            continue
        doers = [g for c in deed.children if c.dep_ == "prep" and c.lower_ in ("of", "by") for g in c.children
                 if g.dep_ == "pobj"] + [c for c in deed.children if c.dep_ == "poss"]
        # ... or the crime's own word for its doer: "a Russian war crime", "an Israeli massacre"
        doers += [m for c in called if _crime(c, table) for m in c.lefts if m.dep_ in ("amod", "compound", "poss")]
        speaker = mention_on(subject, read.actor_mentions)
        doer = next((m for d in doers if (m := mention_on(d, read.actor_mentions)) is not None), None)
        if doer is None or is_generic_actor(doer.actor_id) or subject.lower_ in QUESTION_WORDS:
            continue
        event = next((e for e in events if e.type in table.event_types and e.trigger is not None
                      and deed.idx <= e.trigger.start < deed.idx + len(deed.text)), None)
        found.append(_judged(read, verb, subject, speaker, "accuses", doer.actor_id, doer.text, event))
    return found


def blamed(read: ReadDoc, events: list[Event], table: ResponsibilityTable,
           lookup: Callable[[str], Actor | None] | None = None) -> list[Responsibility]:
    """Blame put on someone by an idiom: "laid the blame for the cyber-attack at Russia's door", "put the
    blame on Iran", "pointed the finger at Hamas" accuse Russia, Iran, Hamas; where the sentence, the one before
    it or the headline tells of a violent event."""
    found = []
    headline = next(iter(sentences(read.doc)), None)
    words = token_table(read.doc)
    for i, pos in enumerate(words.pos):
        if pos != "VERB" or words.lemma[i] not in table.blame_verbs:
            continue
        verb = read.doc[i]
        noun = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in table.blame_nouns), None)
        subject = next((floated(c) for c in verb.children if c.dep_ == "nsubj"), None)
        if noun is None or subject is None or subject.lower_ in QUESTION_WORDS:
            continue
        # "the blame for the attack on Iran": the parse may hang the "on" on the deed
        holders = [verb, noun, *(g for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"
                                 for g in c.children if g.dep_ == "pobj")]
        put_on = [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("on", "at", "upon")
                  for g in c.children if g.dep_ == "pobj"]
        # "at Russia's door": the door's owner
        put_on = [next((c for c in g.children if c.dep_ == "poss"), g) if g.lemma_.lower() in table.door_nouns else g
                  for g in put_on]
        doer = next(((m.actor_id, m.text) for g in put_on if (m := mention_on(g, read.actor_mentions)) is not None),
                    None)
        if doer is None and lookup is not None:  # "on Iran" read as a place: the state it names
            doer = next(((a.id, g.text) for g in put_on if g.pos_ == "PROPN" and (a := lookup(g.text)) is not None),
                        None)
        if doer is None or is_generic_actor(doer[0]):
            continue
        if not _about_violence(verb, headline, events, table):
            continue
        event = next((e for e in events if e.type in table.event_types and inside(e, verb.sent)), None)
        found.append(_judged(read, verb, subject, mention_on(subject, read.actor_mentions), "accuses",
                             doer[0], doer[1], event))
    return found


def _crime(noun: Token, table: ResponsibilityTable) -> bool:
    """A crime word: "genocide", "a massacre", "a war crime", "an act of terrorism" (a bare "crime" is
    too common: "the crime bill")."""
    words = noun.doc[noun.left_edge.i:noun.right_edge.i + 1]
    phrase = " ".join(t.lemma_.lower() for t in words if t.pos_ not in ("DET", "PUNCT"))
    if any(f" {c} " in f" {phrase} " for c in table.crimes if " " in c):
        return True
    return noun.lemma_.lower() in table.crimes and noun.lemma_.lower() != "crime"


def verdicts(read: ReadDoc, events: list[Event], table: ResponsibilityTable) -> list[Responsibility]:
    """A court's verdict over a violent event: "a French court convicted X", "X was handed a whole-life
    sentence by a French court", "the jury found X guilty of the bombing" accuse X; "acquitted X" denies.
    Only a named judge speaks (a verdict with no court in the sentence is left to the claims), and only
    where the sentence, the one before it or the headline tells of a violent event."""
    found = []
    headline = next(iter(sentences(read.doc)), None)
    t = token_table(read.doc)
    for i, pos in enumerate(t.pos):
        if pos != "VERB":
            continue
        stance = _verdict(t, i, table)
        if stance is None:
            continue
        verb = read.doc[i]
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive:
            judge = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            judged = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        else:
            judge = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            judged = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None) or next(
                (g for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.lower_ == "guilty"
                 for g in c.children if g.dep_ == "nsubj"), None)  # "found [three men guilty]": the clause's subject
        if passive and judge is None and stance is not None and verb.lemma_.lower() not in table.charging:
            # "At the trial of ..., four defendants were found guilty": the court the sentence sets it in
            judge = next((g for t in verb.sent if t.dep_ == "prep" and t.lower_ in ("at", "in", "by")
                          for g in t.children if g.dep_ == "pobj" and g.lemma_.lower() in table.judges), None)
        charged = verb.lemma_.lower() in table.charging or suspected(verb)
        if judge is not None and judge.pos_ == "PRON" and verb.dep_ == "ccomp":
            # "prosecutors said they are investigating him on suspicion of murder": who says it of themselves
            judge = next((c for c in verb.head.children if c.dep_ == "nsubj"), judge)
        if judge is None or judged is None or not (charged or _judge(judge, table)) \
                or (charged and judge.pos_ not in ("NOUN", "PROPN")):
            continue  # a verdict's judge by title; a charge's bringer, named ("they charged him" is no one known)
        if not _about_violence(verb, headline, events, table):
            continue
        doer = mention_on(judged, read.actor_mentions)
        if doer is not None and judged.lower_ in PERSONS and (not doer.person or doer.actor_id == (
                (judging := mention_on(judge, read.actor_mentions)) and judging.actor_id)):
            doer = None  # "found him guilty", "him" resolved to the arena named before, or to the judge: no one known
        # the one judged, without what the phrase adds ("three men [of murder]", "member [of a cell that ...]")
        extra = {t.i for c in judged.children if c.dep_ in ("prep", "relcl", "acl") or c.lower_ == "guilty"
                 for t in c.subtree}
        kept = [t for t in judged.subtree if t.i not in extra]
        while len(kept) > 1 and (kept[-1].is_punct or kept[-1].is_space):
            kept.pop()
        words = read.doc[kept[0].i:kept[-1].i + 1].text
        accused = doer.actor_id if doer is not None and not is_generic_actor(doer.actor_id) else None
        if accused is None and suspected(verb) and no_doer(words):
            continue  # "detained 12 people on suspicion of links to IS": no one named
        event = next((e for e in events if e.type in table.event_types and inside(e, verb.sent)), None)
        found.append(_judged(read, verb, judge, mention_on(judge, read.actor_mentions), stance, accused, words, event,
                             set_in=judge.dep_ == "pobj"))
    return found


def pleas(read: ReadDoc, events: list[Event], table: ResponsibilityTable) -> list[Responsibility]:
    """A suspect's own word on the charge: "pleaded not guilty", "maintained her innocence", "denied the charges"
    deny the speaker's part, where the sentence, the one before it or the headline tells of a violent event."""
    found = []
    headline = next(iter(sentences(read.doc)), None)
    words = token_table(read.doc)  # the verbs looked at in the table: a Token only for a plea's verb
    for i, lemma in enumerate(words.lemma):
        if words.pos[i] != "VERB" or not (
                lemma in table.pleading or lemma in table.professing or table.cues.get(lemma) == "denies"):
            continue
        verb = read.doc[i]
        objects = [c for c in verb.children if c.dep_ in ("dobj", "prep", "acomp", "advmod", "oprd", "ccomp")]
        guilty = lemma in table.pleading and any(t.lower_ == "guilty" for c in objects for t in c.subtree)
        # "pleaded not guilty" denies; "pleaded guilty" admits
        pleaded = guilty and any(t.dep_ == "neg" for c in objects for t in c.subtree)
        innocent = lemma in table.professing and any(t.lemma_.lower() in table.innocence for c in objects
                                                      for t in c.subtree)
        # "denied the charges" (not "denied the charges against Russia": another's)
        charged = table.cues.get(lemma) == "denies" and any(
            c.dep_ == "dobj" and c.lemma_.lower() == "charge" and not any(g.dep_ == "prep" for g in c.children)
            for c in verb.children)
        subject = next((floated(c) for c in verb.children if c.dep_ == "nsubj"), None)
        if not (guilty or innocent or charged) or subject is None or subject.lower_ in QUESTION_WORDS:
            continue
        if not _about_violence(verb, headline, events, table):
            continue
        who = mention_on(subject, read.actor_mentions)
        accused = who.actor_id if who is not None and not is_generic_actor(who.actor_id) else None
        named = read.doc[subject.left_edge.i:subject.right_edge.i + 1].text
        event = next((e for e in events if e.type in table.event_types and inside(e, verb.sent)), None)
        stance: ResponsibilityStance = "admits" if guilty and not pleaded else "denies"
        found.append(_judged(read, verb, subject, who, stance, accused, named, event))
    return found


def _about_violence(verb: Token, headline: TokenSpan | None, events: list[Event], table: ResponsibilityTable) -> bool:
    """The verb's sentence, the one before it or the headline tells of a violent event."""
    return any(names_violence(words, events, table.event_nouns, table.event_types)
               for words in (with_previous(verb.sent), headline) if words is not None)


def _judge(token: Token, table: ResponsibilityTable) -> bool:
    """A judging body, or a person named with a judge's title: "the court", "Chief Magistrate Francis
    Andanyi", "Judge Amy Berman Jackson"."""
    return token.lemma_.lower() in table.judges or any(
        c.dep_ == "compound" and c.lemma_.lower() in table.judges for c in token.children)


def _verdict(t: TokenTable, verb: int, table: ResponsibilityTable) -> ResponsibilityStance | None:
    """The stance of a verdict told by the verb (by index; read in the token table: this asks every verb)."""
    lemma = t.lemma[verb]
    if lemma in table.convicting:
        return "accuses"
    if lemma in table.acquitting:
        return "denies"
    dep, lower, children = t.dep, t.lower, t.children
    if lemma in table.charging and any(dep[c] == "prep" and lower[c] in CHARGE_PREPS for c in children[verb]):
        return "accuses"
    if _suspected(t, verb):  # "arrested / investigating X on suspicion of murder"
        return "accuses"
    if lemma not in ("find", "hand", "give"):
        return None
    # "found X guilty", "handed X a life sentence"
    objects = [c for c in children[verb] if dep[c] in ("oprd", "acomp", "dobj", "ccomp", "xcomp")]
    if lemma == "find" and any(lower[c] == "guilty" or any(lower[g] == "guilty" for g in children[c]) for c in objects):
        return "accuses"
    if lemma in ("hand", "give") and any(t.lemma[c] == "sentence" for c in objects):
        return "accuses"
    return None


def suspected(verb: Token) -> bool:
    """The verb is done to someone "on suspicion of" something: "detained two men on suspicion of the bombing"."""
    return _suspected(token_table(verb.doc), verb.i)


def _suspected(t: TokenTable, verb: int) -> bool:
    dep, lower, lemma, children = t.dep, t.lower, t.lemma, t.children
    return any(dep[c] == "prep" and lower[c] == "on" and any(lemma[g] == "suspicion" for g in children[c])
               for c in children[verb])


def _judged(read: ReadDoc, verb: Token, speaker_token: Token, speaker: ActorMention | None,
            stance: ResponsibilityStance, accused: str | None, accused_text: str, event: Event | None,
            set_in: bool = False) -> Responsibility:
    # a court set in a phrase is named without what follows it ("the trial [of the men accused of the attack]")
    end = speaker_token.i + 1 if set_in else speaker_token.right_edge.i + 1
    words = read.doc[speaker_token.left_edge.i:end].text
    sent = verb.sent
    return Responsibility(
        id="", doc_id=read.document.id, event_id=event.id if event else None,
        speaker=speaker.actor_id if speaker else None, speaker_text=words, stance=stance, accused=accused,
        accused_text=accused_text, cue=verb.text, factuality="CT+", claim_id=None, published=read.document.published,
        evidence=[Span(doc_id=read.document.id, start=sent.start_char, end=sent.end_char, text=span_text(sent))],
    )
