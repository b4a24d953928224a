"""Who a responsibility word names as the doer: "X was behind the attack", "Russian involvement", "the
perpetrator was X", "designed and ordered by X"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from triangulate.extract.accused import HOLDER_DEPS
from triangulate.extract.deeds import SUBJECT_DEPS, conj_cluster, first_conjunct, work_of_deed
from triangulate.extract.events.syntax import ACTOR_ENTS  # an adjective that names a side

if TYPE_CHECKING:
    from triangulate.extract.responsibility_words import ResponsibilityTable

DEALINGS = frozenset({"nothing", "anything", "something"})  # "had nothing (something) to do with"


def holder_words(token: Token, content: TokenSpan, table: ResponsibilityTable) -> TokenSpan | None:
    """The words naming who a responsibility word says did it, within the content."""
    lemma = token.lemma_.lower()
    if lemma == "do" and token.head.lower_ in DEALINGS and any(
            c.dep_ == "prep" and c.lower_ == "with" for c in token.children):
        # "X had nothing (something) to do with the attack": the one who has (nothing) to do with it
        us = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children
              if g.dep_ == "pobj" and g.lower_ in ("us", "me")]
        if us and content.start <= us[0].i < content.end:
            return content.doc[us[0].i:us[0].i + 1]  # "the breaches have nothing to do with us": the speaker's side
        owner = token.head.head
        subject = next((c for c in owner.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None and content.start <= subject.i < content.end:
            return content.doc[max(content.start, subject.left_edge.i):min(content.end, subject.right_edge.i + 1)]
        return None
    if token.dep_ == "aux" and token.lower_ == "to" and table.phrase_at(token):
        # "militants from the Caucasus were to blame": the subject of "be" the infinitive completes
        verb = token.head
        subject = next((c for c in verb.head.children if c.dep_ in SUBJECT_DEPS), None) \
            if verb.dep_ == "xcomp" and verb.head.lemma_ == "be" else None
        if subject is None or not content.start <= subject.i < content.end:
            return None
        return content.doc[max(content.start, subject.left_edge.i):min(content.end, subject.right_edge.i + 1)]
    # "was prepared / ordered by X", "X helped organise the attack" (not "X prepared a meal"): only with its agent
    bases = {lemma, token.lower_.removesuffix("d"), token.lower_.removesuffix("ed")}  # "staged": lemma "stag"
    named = lemma in table.words or token.lower_ in table.words
    work = lemma in table.work_nouns
    if not (named or work or bases & (table.passive_deeds | table.causing) or table.phrase_at(token)):
        return None  # most words: told before their coordinated words are gathered
    if token.pos_ == "VERB" and lemma in table.agent_nouns and lemma not in table.deeds:
        return None  # "we suspect Russia": the noun names a doer ("a suspect in the attack"), the verb a speaker
    cluster = conj_cluster(token)
    # ... or with a violent event as its object; a causing verb only so ("caused by a short circuit" is no doer)
    deed_object = any(c.dep_ == "dobj" and c.lower_ in table.event_nouns for v in cluster for c in v.children)
    with_agent = any(c.dep_ == "agent" for v in cluster for c in v.children)
    passive = (bool(bases & table.passive_deeds) and (with_agent or deed_object)) \
        or (bool(bases & table.causing) and deed_object)
    if passive and token.dep_ == "acl" and any(c.dep_ == "det" and c.lower_ in ("any", "every") for c in token.head.children):
        return None  # "to counter any strikes ordered by X": deeds that may come, none done
    if passive and token.dep_ == "acl" and token.head.lower_ not in table.event_nouns:
        return None  # "investigations conducted by a team": no violent deed is what was done
    if passive and any(c.dep_ == "nsubj" and c.lemma_.lower() in table.event_nouns for c in token.children):
        return None  # "the explosion caused a fire": one deed led to another, no doer is named
    if work:
        if not work_of_deed(token, table.event_nouns):
            return None
    elif not named and not passive and not table.phrase_at(token):
        return None
    candidates: list[Token] = []
    if token.pos_ == "NOUN" and lemma in table.agent_nouns:
        # "X is the perpetrator (of the attack)", "called X the culprit": the noun's referent is the doer
        if token.dep_ == "attr":
            candidates += [c for c in token.head.children if c.dep_ in SUBJECT_DEPS]
        elif token.dep_ in SUBJECT_DEPS and token.head.lemma_ == "be":  # "the main suspects are X"
            candidates += [c for c in token.head.children if c.dep_ == "attr"]
        elif token.dep_ == "oprd":
            candidates += [c for c in token.head.children if c.dep_ == "dobj"]
        elif token.dep_ == "appos":
            candidates.append(token.head)
        candidates += [c for c in token.children if c.dep_ == "poss"]
    elif (token.pos_ in ("ADJ", "ADP", "VERB", "AUX") or token.dep_ in ("acomp", "prep", "attr")) \
            and lemma not in table.work_nouns:
        head = first_conjunct(token)  # "was not aware of or involved in": "involved" hangs on "aware"
        head = head.head if head.dep_ in ("acomp", "prep", "attr", "advmod", "xcomp", "prt") else token
        # "were carried out by Israel": a deed's passive subject is the event, its agent the doer;
        # "troops were involved" names the doer as subject; "designed, carried out and ordered by X"
        agents = [c for v in (*cluster, head) for c in v.children if c.dep_ == "agent"]
        candidates += [g for a in agents for g in a.children if g.dep_ == "pobj"]
        # "was carried out under the guidance and leadership of British navy specialists": who led it
        candidates += [o for v in (*cluster, head) for u in v.children if u.dep_ == "prep" and u.lower_ == "under"
                       for g in u.children if g.dep_ == "pobj" and g.lemma_.lower() in table.guidance_nouns
                       for n in (g, *(c for c in g.children if c.dep_ == "conj"))
                       for p in n.children if p.dep_ == "prep" and p.lower_ == "of"
                       for o in p.children if o.dep_ == "pobj"]
        deed = lemma in table.deeds or passive or table.phrase_at(token)
        if token.dep_ == "prep" and head.pos_ == "VERB" and head.lemma_ != "be":
            # "identified the bomber behind the attack": the object is behind it, not who identified it
            candidates += [c for c in head.children if c.dep_ == "dobj" and c.i < token.i]
        candidates += [c for c in head.children if c.dep_ in SUBJECT_DEPS and not (deed and c.dep_ == "nsubjpass")]
        if head.dep_ == "acl" and head.tag_ in ("VBG", "VBN") and not any(
                c.dep_ in SUBJECT_DEPS | {"mark"} for c in head.children) \
                and head.head.lemma_.lower() not in table.origin_nouns:
            # "a North Korean torpedo having been responsible" (not "the presumption that a crime was committed",
            # nor "the areas involved in active fighting": ground, not a doer)
            candidates.append(head.head)
    if token.pos_ in ("NOUN", "PROPN") and lemma not in table.agent_nouns:
        # "Russian involvement", "Israel's role" (not "sole responsibility", "full responsibility")
        candidates += [c for c in token.children if c.dep_ in HOLDER_DEPS and c.pos_ in ("PROPN", "ADJ", "NOUN", "PRON")
                       and not (c.pos_ == "ADJ" and c.ent_type_ not in ACTOR_ENTS)]
        candidates += [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "by")  # not "of [the blast]"
                       for g in c.children if g.dep_ == "pobj" and g.lower_ not in table.event_nouns]
        if token.dep_ in ("dobj", "attr") and token.head.lemma_.lower() in ("bear", "have", "take"):
            candidates += [c for c in token.head.children if c.dep_ in SUBJECT_DEPS]
    for candidate in candidates:
        if candidate.lower_ in RELATIVE_WORDS and candidate.head.dep_ == "relcl" \
                and content.start <= candidate.head.head.i < content.end:
            # "identified nine officers who were involved in the attack": the officers, not the clause
            noun = candidate.head.head
            words = content.doc[max(content.start, noun.left_edge.i):noun.i + 1]
            # only a side named in them ("Russian officers"), not "people in six provinces who ..."
            return words if any(t.ent_type_ in NAMING_ENTS for t in words) else None
        if content.start <= candidate.i < content.end and candidate.ent_type_ not in ("DATE", "TIME"):
            left = max(content.start, candidate.left_edge.i)
            right = min(content.end, candidate.right_edge.i + 1)
            # "British specialists [in a drone strike on its Black Sea Fleet]": the doers, not the deed's phrase
            cut = next((c.i for c in candidate.children if c.dep_ == "prep" and c.i > candidate.i
                        and any(t.lower_ in table.event_nouns for t in c.subtree)), None)
            return content.doc[left:min(right, cut) if cut is not None else right]
    return None


RELATIVE_WORDS = frozenset({"who", "which", "that"})
NAMING_ENTS = frozenset({"NORP", "ORG", "PERSON", "GPE"})


def so_called(content: TokenSpan, calling: frozenset[str]) -> TokenSpan | None:
    """ "what he called 'terrorist gangs'", "what it described as foreign-backed terrorists": the words a
    free relative at the head of the content names its referent by."""
    what = content[0]
    verb = what.head
    if what.lower_ != "what" or what.dep_ != "dobj" or verb.lemma_.lower() not in calling:
        return None
    named = next((c for c in verb.children if c.dep_ in ("oprd", "xcomp") and c.i > what.i), None) or next(
        (g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"), None)
    if named is None or not content.start <= named.i < content.end:
        return None
    return content.doc[named.left_edge.i:named.i + 1]
