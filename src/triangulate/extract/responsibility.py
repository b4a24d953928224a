"""Statements of responsibility: which attributed claims say who did an event, and how.

A claim is a responsibility statement when its cue carries the stance ("blamed Iran for the
attacks", "denied any involvement", "admitted", "claimed responsibility") or when its content
says who did a violent event ("Russia was behind the blast", "Palestinian gunmen likely shot
her", "no IDF fire was directed at her"). The speaker's stance is one of claims, admits,
accuses, denies, uncertain; the accused is the actor the statement names as the doer (the
speaker itself for "denied any involvement" or "claimed responsibility"). The words live in
data/responsibility.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Span as TokenSpan

from triangulate.base.doers import done_to_doer
from triangulate.extract.accused import (
    SELF_WORDS,
    Accused,
    affiliated,
    alleges,
    as_country,
    behind_chunk,
    called_false,
    looked_up,
    members_owned,
    owned_words,
    patron,
    reports_denial,
    same_side,
    same_state,
    self_claimant,
    suffered,
    thing_owner,
    town_holder,
    undone,
    unheld,
    victim_first,
    widened,
)
from triangulate.extract.clauses import held_place
from triangulate.extract.deeds import (
    PERSONS,
    PRONOUNS,
    QUESTION_WORDS,
    SUBJECT_DEPS,
    THIRD_PERSON,
    backdrop,
    backs,
    bare_deed,
    charged_elsewhere,
    commanded,
    conditional,
    conjoined,
    content_subject,
    contrasted,
    cue_negated,
    cue_words,
    deed_target,
    did_it,
    doer_negated,
    doubting,
    first_person,
    for_event,
    grievance,
    habitual,
    has_phrase,
    held_origin,
    identified_doer,
    inside,
    intended,
    mention_on,
    names_violence,
    no_doer,
    no_grounds,
    own_gerund,
    prompted,
    scorned,
    stance_of_cue,
    told,
    tolled,
    unnamed,
    unproven,
    unsaid,
    with_previous,
)
from triangulate.extract.holders import holder_words, so_called
from triangulate.extract.implicated import (
    allegation,
    answered,
    apposed,
    implicated,
    linked,
    pronoun_owned,
    told_inside,
    unmodified,
    with_noun,
)
from triangulate.extract.judged import blamed, characterized, pleas, verdicts
from triangulate.extract.makers import document_maker, maker, no_part, own_side, shown_against
from triangulate.extract.relatives import relative_blames
from triangulate.extract.responsibility_words import ResponsibilityTable, default_table
from triangulate.read.nlp import doc_text
from triangulate.read.tokens import sentences, span_at, span_text, token_table
from triangulate.records import (
    Actor,
    ActorMention,
    Claim,
    Event,
    Place,
    ReadDoc,
    Responsibility,
    ResponsibilityStance,
    Span,
    is_generic_actor,
)

# "each side accused the other of shelling civilians": the accused is one of two sides the words do not name
RECIPROCALS = ("each other", "one another", "the other")
MAX_ACCUSED_CHARS = 120
QUOTES = re.compile("[\"\u201c\u201d]")
LEAD_CHARS = 40  # an accusing cue's object stands at the very start of its content ("Iran for ...")
RELATIVE_TAGS = frozenset({"WP", "WDT"})  # "who", "which", "that" opening a relative clause
PROVISIONAL = "prov:"  # a name no actor list knows: before an event noun, most often a place
MODIFIER_DEPS = frozenset({"amod", "compound"})
Lookup = Callable[[str], "Actor | None"]


class ResponsibilityFinder:
    """Responsibility statements of one report, from its claims, events and parse."""

    def __init__(self, table: ResponsibilityTable | None = None, lookup: Lookup | None = None) -> None:
        self.table = table or default_table()
        self.lookup = lookup  # the read stage's actor dictionary: a doer named but not found as a mention
        self.deed_words = self.table.event_nouns | self.table.words  # nouns of a deed, not of who did it

    def find(self, read: ReadDoc, claims: list[Claim], events: list[Event]) -> list[Responsibility]:
        found: list[Responsibility] = []
        for claim in [part for whole in claims for part in self._parts(read, whole)]:
            for mutual in self._mutual(read, claim, events):
                found.append(mutual.model_copy(update={"id": f"{read.document.id}:r{len(found) + 1}"}))
            made = self._statement(read, claim, events)
            if made is None or told_inside(claim, claims, made[0]):
                continue
            statement, also = made
            words = span_at(read.doc, claim.content.start, claim.content.end)
            if statement.stance == "denies" and words is not None and (
                    before := answered(words, found, self.table)) is not None:
                statement = statement.model_copy(update={"accused": before.accused, "accused_text": before.accused_text})
            alleged = allegation(read, claim, statement, self.table)
            if alleged is not None:
                found.append(alleged.model_copy(update={"id": f"{read.document.id}:r{len(found) + 1}"}))
            doers = [(statement.accused, statement.accused_text)]
            doers += [(a, t) for a, t in also if a not in {d for d, _ in doers}]
            for accused, accused_text in doers:
                found.append(statement.model_copy(update={
                    "id": f"{read.document.id}:r{len(found) + 1}", "accused": accused, "accused_text": accused_text}))
            if stance_of_cue(read.doc, claim, self.table.cues, self.table.cue_particles) is None and statement.stance != "uncertain":
                for stance, other in self._further(read, claim, {d for d, _ in doers}):
                    found.append(statement.model_copy(update={
                        "id": f"{read.document.id}:r{len(found) + 1}", "stance": stance, "accused": other.actor,
                        "accused_text": other.text}))
        told = {(r.speaker, r.accused, r.evidence[0].start if r.evidence else -1) for r in found}
        for called in [*characterized(read, events, self.table), *verdicts(read, events, self.table),
                       *blamed(read, events, self.table, self.lookup), *pleas(read, events, self.table),
                       *relative_blames(read, events, self.table)]:
            if (called.speaker, called.accused, called.evidence[0].start) not in told:
                found.append(called.model_copy(update={"id": f"{read.document.id}:r{len(found) + 1}"}))
        return found

    # -- one claim -----------------------------------------------------------------------

    def _parts(self, read: ReadDoc, claim: Claim) -> list[Claim]:
        """A content negative for a contrast ("were not from IS but were trained by two Gulf countries") as its two
        parts: the first denied, the second said."""
        content = span_at(read.doc, claim.content.start, claim.content.end)
        split = contrasted(read.doc, content) if content is not None and claim.factuality == "CT-" \
            and stance_of_cue(read.doc, claim, self.table.cues, self.table.cue_particles) != "denies" else None
        if split is None:
            return [claim]
        return [claim.model_copy(update={"factuality": factuality, "content": Span(
            doc_id=claim.doc_id, start=part.start_char, end=part.end_char, text=part.text)})
            for part, factuality in zip(split, ("CT-", "CT+"), strict=True)]

    def _statement(
        self, read: ReadDoc, claim: Claim, events: list[Event],
    ) -> tuple[Responsibility, tuple[tuple[str, str], ...]] | None:
        content = span_at(read.doc, claim.content.start, claim.content.end)
        if content is None or not len(content) or prompted(read.doc, claim, content, self.table.cues) \
                or unsaid(read.doc, claim, self.table.cues, self.table.refusals):
            return None
        cue_stance = stance_of_cue(read.doc, claim, self.table.cues, self.table.cue_particles)
        low = span_text(content).lower().replace("\u2019", "'")
        if cue_stance is None and any(has_phrase(QUOTES.sub("", low[:LEAD_CHARS]), p) for p in self.table.denying):
            cue_stance = "denies"  # "there was no truth to reports that the army had targeted the convoy"
        if content.root.lemma_.lower() in self.table.allegations and scorned(read.doc, claim, content, self.table):
            cue_stance = "denies"  # "describes accusations of Iran's involvement as ridiculous", "slams allegations"
        if cue_stance in (None, "claims") and called_false(content.root, self.table):
            cue_stance = "denies"  # "reports about its attack on the hospital are fake news"
        mentions = [m for m in read.actor_mentions if content.start_char <= m.start and m.end <= content.end_char]
        accused = self._accused(content, mentions, events, read.places)
        accused = self._owner(read, claim, content, accused, cue_stance)
        if accused is not None and not accused.negated and no_grounds(content, accused.text, self.table.grounds):
            accused = replace(accused, negated=True)  # "no reason to believe Israel was responsible": denied
        if claim.speaker is not None and accused is not None and accused.actor is None and (
                members_owned(accused, mentions) or ((accused.text or "").lower() in THIRD_PERSON
                                                     and content_subject(content, accused.text or ""))):
            # "Kyiv said it had nothing to do with the attack": the pronoun subject of what is said is its speaker
            held = shown_against(read, claim, self.table.showing)  # "dismissed evidence showing it was behind"
            accused = Accused(*((held.actor_id, held.text) if held else (claim.speaker, claim.speaker_text)),
                              accused.negated, accused.event_id)
        accused = as_country(read, claim, content, accused)  # "his country's air defences": his state
        if accused is not None and accused.actor is not None:
            deeds = [e for e in events if e.type in self.table.event_types and inside(e, content)
                     and accused.event_id in (None, e.id)]
            if deeds and all(first_person(e.target_text) for e in deeds) \
                    and accused.actor in (claim.speaker, own_side(read, claim)):
                return None  # "his response was to carry out military attacks against us": done to the speaker
        if accused is not None and first_person(accused.text):
            # "We didn't attack Putin," Zelenskyy said: the speaker's own side, a person's body
            accused = Accused(own_side(read, claim), claim.speaker_text, accused.negated, accused.event_id, own=True)
        if cue_stance == "denies" and content.root.lemma_.lower() in self.table.denial_nouns:
            holders = [m for m in mentions if m.start < content.root.idx and not is_generic_actor(m.actor_id)]
            if not holders:
                return None
            # "dismissed U.S. and Ukrainian denials of involvement": it accuses those who deny
            cue_stance, accused = "accuses", Accused(holders[0].actor_id, holders[0].text)
        plain = unmodified(content, low)  # once: it walks the content
        # "there is no proof its agents were behind it": of its own part, a denial; of another's, doubt
        if (doubted := unproven(content, self.table.proofs)) and accused and same_side(claim, accused, read.actors):
            cue_stance, doubted = "denies", False
        uncertain = (any(has_phrase(plain, p) for p in self.table.uncertain)
                     and not any(has_phrase(plain, p) for p in self.table.uncertain_exceptions)) \
            or doubting(read.doc, claim, self.table.doubting, self.table.cues, self.table.refusals) or doubted \
            or (self.table.cues.get(content.root.lemma_.lower()) == "denies"  # "X's part cannot be ruled out"
                and cue_negated(content.root, self.table.refusals))
        # a denial the content reports ("Hezbollah has been lying and denying responsibility") is the
        # denier's own claim: it makes the content negative, not the reporter's word on who did it
        negative = claim.factuality.endswith("-") and not reports_denial(content, self.table)
        stance: ResponsibilityStance | None = None
        if cue_stance == "claims" and any(habitual(t) for t in cue_words(read.doc, claim)):
            return None  # "the TTP has previously claimed attacks on party members": other deeds, before
        if cue_stance == "claims":
            # "claimed the shooting rampage in Vienna": a deed claimed by name is claimed as one's own
            deed = content.root.lower_ in self.table.event_nouns and content.root.pos_ == "NOUN" \
                and not any(t.pos_ in ("VERB", "AUX") for t in content)
            lead = next((t for t in content if t.dep_ not in ("det", "amod")), content[0])  # "the (full) responsibility"
            if lead.lower_ not in self.table.claimed_objects and not deed:
                cue_stance = None  # "claimed Iran did it" is an accusation, read below
            else:
                stance, accused = "claims", Accused(claim.speaker, claim.speaker_text)
        if stance is not None:
            pass
        elif uncertain and (accused is not None or self._about_event(content, low, events, blaming=True)):
            stance = "uncertain"
            if accused is None and claim.speaker is not None and (cue_stance == "denies" or unheld(content, self.table)):
                # "did not deny involvement", "have not confirmed any involvement in the killing": its own
                accused = Accused(own_side(read, claim), claim.speaker_text)
            elif accused is None:  # "not possible to determine which gunfire killed her, ... likely IDF fire"
                others = [m for m in mentions if m.actor_id != claim.speaker and not is_generic_actor(m.actor_id)
                          and not thing_owner(read.doc, m, self.table.event_nouns)
                          and not suffered(read.doc, m, self.table)]  # not "Haniyeh's killing": the victim
                accused = Accused(others[0].actor_id, others[0].text) if others else None
        elif cue_stance == "denies":
            # "rejected the report implicating the crown prince in the murder": the one the report accuses
            tied = implicated(content, read.actor_mentions, self.table) or linked(content, mentions, self.table)
            owned = pronoun_owned(read.doc, tied) if tied is not None else None
            if owned is not None:  # "rejected statements pinning the bombing on his organization": its own
                accused = Accused(own_side(read, claim), owned.text)
            elif tied is not None:
                accused = Accused(tied.actor_id, tied.text)
            elif claim.speaker is not None and own_gerund(content, accused.actor if accused else None, mentions):
                accused = Accused(own_side(read, claim), claim.speaker_text)  # "Ukraine denied launching an attack"
            # "denied the accusation": a denial of what it is accused of, even with no event named
            if accused is None and not self._about_event(content, low, events) \
                    and content.root.lemma_.lower() not in self.table.allegations:
                return None
            if accused is None and any(t.lemma_.lower() in self.table.backing_verbs and t.pos_ == "VERB" for t in content) \
                    and not any(e.type in self.table.event_types and inside(e, content) for e in events):
                return None  # "denies allegations of supporting the rebels": a tie denied, not a part in the deed
            stance = "denies"
            if (accused is None or (accused.text or "").lower() in THIRD_PERSON) \
                    and (claimant := self_claimant(content, read.actor_mentions, self.table)) is not None:
                accused = Accused(claimant.actor_id, claimant.text)  # "dismissed IS's claim that it downed the jet"
            # "Russia denied allegations that it had killed civilians": in a denial "it" is the denier
            if accused is None or (accused.text or "").lower() in THIRD_PERSON:
                if claim.speaker is None or (accused is None and no_part(read, claim, self.table.media_nouns)):
                    return None  # a denial of its own part by a speaker who is no known actor says little
                if accused is None and any(t.dep_ == "agent" and any(c.pos_ != "PRON" for c in t.children)
                                           for t in content):
                    return None  # "refuted that the attack was caused by mines": a means denied, not a part
                bare = None if unheld(content, self.table) or accused else undone(content, events, self.table)
                # "denied the base had been shelled": the deed itself, done by no one named, is denied ("it was")
                accused = Accused(None, bare.trigger.text, event_id=bare.id) if bare is not None and bare.trigger \
                    else Accused(own_side(read, claim), claim.speaker_text)  # "denied any involvement": its own
        elif cue_stance == "admits":
            # "acknowledged that the journalist died in its consulate": admitting a death is admitting a part in it
            if accused is None and not self._about_event(content, low, events) \
                    and not any(t.lemma_.lower() == "die" and t.pos_ == "VERB" for t in content):
                return None
            stance = "admits"
            accused = accused or Accused(claim.speaker, claim.speaker_text)
            if (accused.actor is not None and claim.speaker is not None and accused.actor != claim.speaker
                    and not is_generic_actor(accused.actor) and not same_side(claim, accused, read.actors)):
                stance = "accuses"  # "admitted that the United States may be responsible": it blames another
        elif cue_stance == "accuses":
            if low.startswith(RECIPROCALS):
                return None
            target = self._owner(read, claim, content, self._cue_object(content, mentions), cue_stance) or accused
            # "blamed Iran [on Thursday for the attacks]": the event may follow the content in its sentence; "accused
            # Poland of bias" after the attack is no part in it
            if target is None or not self._about_event(content.sent, low, events) \
                    or charged_elsewhere(content, events, self.table.charges, self.table.event_types):
                return None
            stance, accused = "accuses", target
        elif accused is not None and not unnamed(read.actors.get(accused.actor or ""), accused.text) \
                and any(self._names_violence(words, events)
                        for words in (with_previous(content.sent), next(iter(sentences(read.doc))))):
            # no responsibility cue: the sentence, the one before or the headline must name a violent event
            # ("Manafort was not involved", "an influential role in his campaign" are not about one)
            own = same_side(claim, accused, read.actors)
            root = content.root.lemma_.lower()
            if self.table.cues.get(root) == "denies" and not own:
                return None  # another's denial told: the denier's own statement carries it
            # the content's own negation also makes the claim's factuality negative: count it once; the speaker's
            # side disagreeing, or an accusation of it called something ("a political order"), denies it
            if accused.negated or negative or ((own or same_state(claim, accused, read.actors)) and (
                    self.table.cues.get(root) == "denies" or root in self.table.allegations)):
                stance = "denies"
            else:  # an organ of a state telling of "its army"'s deed takes it on for the state
                stance = "claims" if own or (same_state(claim, accused, read.actors) and owned_words(accused.text)) \
                    else "accuses"
        if stance is None:
            return None
        if stance in ("accuses", "claims") and accused is not None and accused.negated:
            stance = "denies"  # "blamed ... for nothing" aside: a negated doer is a denial
        if accused is not None and accused.actor is None and accused.text and self.lookup is not None:
            accused = looked_up(accused, self.lookup, read.actors)
        if accused is not None and ((accused.actor is None and no_doer(accused.text or "")) or tolled(accused.text or "")):
            return None  # "it", "several people", "at least three people": no side named
        source = maker(read, claim, self.table.documents, self.table.quantifiers, self.table.colleagues,
                       self.table.bodies)
        if source is not None and stance == "accuses" and accused is not None and accused.actor is not None \
                and accused.actor == source[0]:
            # nobody accuses itself: the participle hangs on the document the speaker answers
            # ("rejected a report by the watchdog, accusing Damascus"), else it is misread
            source = document_maker(read, claim, self.table.documents)
        if source is None or (source[0] is None and (source[1] or "").lower() in PRONOUNS):
            return None  # "We affirm ...", a quote no one is named for: no one known says it
        if accused is not None and (accused.actor, accused.text) == (claim.speaker, claim.speaker_text) \
                and source[0] is not None:
            accused = Accused(source[0], source[1], accused.negated, accused.event_id, accused.also)  # its own part
        if accused is not None and accused.person and (actor := read.actors.get(accused.actor or "")) and actor.provisional:
            read.actors[actor.id] = actor.model_copy(update={"kind": "person"})
        told = [e for e in events if e.type in self.table.event_types and inside(e, content)]
        made = Responsibility(
            id="",
            doc_id=read.document.id,
            event_id=(accused.event_id if accused and accused.event_id else (told[0].id if told else None)),
            speaker=source[0],
            speaker_text=source[1],
            stance=stance,
            accused=accused.actor if accused else None,
            accused_text=accused.text if accused else None,
            cue=claim.cue,
            # the denial the content reports is not this speaker's: its word on the doer stands as said
            factuality=claim.factuality if negative or not claim.factuality.endswith("-")
            else claim.factuality[:-1] + "+",
            claim_id=claim.id,
            via=source[2],
            published=read.document.published,
            evidence=list(claim.evidence),
        )
        return made, (accused.also if accused is not None else ())

    def _further(self, read: ReadDoc, claim: Claim, named: set[str | None]) -> list[tuple[ResponsibilityStance, Accused]]:
        """Other doers one content names with their own responsibility words: "ISIS bears sole responsibility
        for the attack and there was no Ukrainian involvement" also denies Ukraine's part."""
        content = span_at(read.doc, claim.content.start, claim.content.end)
        if content is None:
            return []
        mentions = [m for m in read.actor_mentions if content.start_char <= m.start and m.end <= content.end_char]
        found: list[tuple[ResponsibilityStance, Accused]] = []
        t = token_table(read.doc)  # `_holder` finds none for most words: no Token made for them
        for token in (read.doc[i] for i in range(content.start, content.end) if self.table.may_hold(t.lemma[i], t.lower[i])):
            holder = holder_words(token, content, self.table)
            if holder is None or holder[0].lower_ in QUESTION_WORDS or not for_event(token, [], self.table):
                continue
            other = self._named(holder, mentions, doer_negated(token, holder, self.table.negators))
            other = as_country(read, claim, content, other) or other
            if other.actor is None or other.actor in named or is_generic_actor(other.actor):
                continue
            named.add(other.actor)
            stance: ResponsibilityStance = "denies" if other.negated or claim.factuality.endswith("-") else (
                "claims" if same_side(claim, other, read.actors) else "accuses")
            found.append((stance, other))
        return found

    def _owner(self, read: ReadDoc, claim: Claim, content: TokenSpan, accused: Accused | None,
               cue_stance: ResponsibilityStance | None) -> Accused | None:
        """Whose "its"/"their" a doer's words are: the speaker's own ("acknowledged their role", "carried out by
        his agency"), but in an accusation the side named before it ("pointed the finger back at Ukraine,
        blaming its operations")."""
        if accused is None or accused.actor is not None \
                or (accused.text or "").lower().split()[:1] not in (["his"], ["her"], ["its"], ["their"]):
            return accused
        owner = claim.speaker
        if cue_stance == "accuses":
            speaker = claim.speaker_span
            before = [m for m in read.actor_mentions if content.sent.start_char <= m.start and m.end <= content.start_char
                      and not (speaker is not None and speaker.start <= m.start < speaker.end)
                      and m.actor_id != claim.speaker and not is_generic_actor(m.actor_id)]
            owner = max(before, key=lambda m: m.start).actor_id if before else None
            states = [p for p in read.places if content.sent.start_char <= p.start and p.end <= content.start_char
                      and (p.feature_code or "").startswith("PCL")]
            if states and self.lookup is not None and (not before or states[-1].start > before[-1].start):
                named = self.lookup(states[-1].text)  # "at Ukraine": a country read as a place
                if named is not None:
                    read.actors.setdefault(named.id, named)
                    owner = named.id
        return Accused(owner, accused.text, accused.negated, accused.event_id) if owner is not None else accused

    def _mutual(self, read: ReadDoc, claim: Claim, events: list[Event]) -> list[Responsibility]:
        """"The government and the rebels accuse each other of firing the missile": two accusations,
        each side's against the other, when the speaker names exactly two sides."""
        span = claim.speaker_span
        if span is None or not claim.content.text.lower().startswith(RECIPROCALS):
            return []  # most claims: no parse needed to tell
        content = span_at(read.doc, claim.content.start, claim.content.end)
        if (content is None or stance_of_cue(read.doc, claim, self.table.cues, self.table.cue_particles) != "accuses"
                or not self._about_event(content, span_text(content).lower(), events)):
            return []
        sides: dict[str, str] = {}
        for mention in read.actor_mentions:
            if span.start <= mention.start and mention.end <= span.end:
                sides.setdefault(mention.actor_id, mention.text)
        if len(sides) != 2:
            return []
        (a, a_text), (b, b_text) = sides.items()
        told = [e for e in events if e.type in self.table.event_types and inside(e, content)]
        return [Responsibility(
            id="", doc_id=read.document.id, event_id=told[0].id if told else None, speaker=speaker,
            speaker_text=speaker_text, stance="accuses", accused=accused, accused_text=accused_text, cue=claim.cue,
            factuality=claim.factuality, claim_id=claim.id, via=list(claim.via), published=read.document.published,
            evidence=list(claim.evidence),
        ) for (speaker, speaker_text), (accused, accused_text) in (((a, a_text), (b, b_text)), ((b, b_text), (a, a_text)))]

    def _about_event(self, content: TokenSpan, low: str, events: list[Event], blaming: bool = False) -> bool:
        """The content names a violent event or a part in one (`blaming`: or a blaming verb, "too early to blame")."""
        if any(t.lower_ in self.table.event_nouns or t.lemma_.lower() in self.table.words
               or (blaming and self.table.cues.get(t.lemma_.lower()) == "accuses") for t in content):
            return True
        return any(inside(e, content) and e.type in self.table.event_types for e in events)

    def _names_violence(self, words: TokenSpan, events: list[Event]) -> bool:
        return names_violence(words, events, self.table.event_nouns | self.table.doer_nouns, self.table.event_types)

    def _accused(self, content: TokenSpan, mentions: list[ActorMention], events: list[Event],
                 places: Sequence[Place] = ()) -> Accused | None:
        doc, t = content.doc, token_table(content.doc)  # words looked at in the table: a Token only when wanted
        for token in (doc[i] for i in range(content.start, content.end)
                      if t.lemma[i] in self.table.allegations and t.dep[i] in SUBJECT_DEPS):
            # "the accusations against the government cannot be true / are baseless": about the government
            against = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "against"
                       for g in c.children if g.dep_ == "pobj"]
            if against:
                words = content.doc[against[0].left_edge.i:against[0].right_edge.i + 1]
                # (its words whole: "are nothing but nonsense")
                called = {w.lemma_.lower() for c in token.head.children if c.dep_ in ("acomp", "attr") for w in c.subtree}
                return self._named(words, mentions, bool(called & self.table.false_words))
        for token in (doc[i] for i in range(content.start, content.end) if self.table.may_hold(t.lemma[i], t.lower[i])):
            holder = holder_words(token, content, self.table)
            if holder is not None and (not for_event(token, events, self.table) or backdrop(token, content)
                                       or grievance(token, content, self.table.grievances)):
                continue  # "a role in the campaign", "involved in the talks": responsibility for no violent event
            if holder is not None and town_holder(holder, places):
                continue  # "denies Mumbai involvement": where, not who
            if holder is not None and holder[0].lower_ not in QUESTION_WORDS:
                named = self._named(holder, mentions, doer_negated(token, holder, self.table.negators))
                if named.negated and any(c.dep_ == "dobj" and c.lemma_.lower() in self.table.crimes for c in token.children):
                    continue  # "did not commit any war crimes by conducting the attack": the label denied, not the deed
                if named.actor is None and holder[0].lower_ in self.table.negators:
                    return None  # "no other state could have been responsible" names nobody
                return named
        for token in (doc[i] for i in range(content.start, content.end)
                      if t.lower[i] in self.table.event_nouns and (t.pos[i] == "NOUN" or t.tag[i] == "VBG")):
            # "no IDF fire was directed at her", "Israeli gunfire killed her": the deed's own modifier names its doer
            # only a deed the content tells of ("Israeli gunfire killed her"), not one it mentions in
            # passing ("they planned to respond to Trump's attacks")
            if token.lemma_ != "death" and told(token, content) and not grievance(token, content, self.table.grievances):
                # "her death", "his killing": a pronoun there is the victim; so is any possessor of a
                # deed done to someone ("the journalist's murder")
                doers = [c for c in token.children
                         if c.dep_ in ("compound", "amod", "poss") and c.i < token.i and c.pos_ != "PRON"
                         and not (c.dep_ == "poss" and victim_first(token, self.table))]
                doers += [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                          for g in c.children if g.dep_ == "pobj"]  # "shelling by X", "a missile from X's air defence"
                for child in doers:
                    if any(p.start <= child.idx < p.end for p in places):
                        continue  # "the Crimean bridge attack", "the Gaza blast": a place, not a doer
                    if child.dep_ in MODIFIER_DEPS and held_place(child, self.table.place_holders):
                        continue  # "the Israeli-occupied Golan attack": who holds the place, not a doer
                    on = mention_on(child, mentions)  # (not "a [Western]-made missile": its maker)
                    if on is not None and not is_generic_actor(on.actor_id) and not backs(doc_text(content.doc), on) \
                            and not (on.actor_id.startswith(PROVISIONAL) and child.dep_ in MODIFIER_DEPS):
                        negated = any(c.dep_ == "det" and c.lower_ in self.table.negators for c in token.children)
                        return Accused(on.actor_id, on.text, negated)
        violent = [e for e in events if e.type in self.table.event_types]
        if (named_doer := identified_doer(content, self.table.doer_nouns | self.table.agent_nouns,
                                          self.table.member_nouns, violent)) is not None:  # "the attacker was X"
            body = named_doer.root.head.lower_ == "of"  # "members of X": a body, not a person
            return replace(self._named(named_doer, mentions, False), person=not body)
        ground = held_origin(content, self.table.origin_nouns, self.table.origin_verbs, self.table.place_holders,
                             self.table.event_nouns)
        for event in events:
            if event.type not in self.table.event_types or not inside(event, content) or done_to_doer(
                    event.target_text, event.evidence[0].text if event.evidence else "", self.table.doer_nouns,
                    event.source_text):
                continue  # (most of the report's events); "one of the attackers was shot dead by police": the answer
            doer = next((m for m in mentions if m.actor_id == event.source_actor and m.text == event.source_text), None)
            if (doer is not None and is_generic_actor(doer.actor_id)
                    and (tied := affiliated(content.doc, (doer.start, doer.end), mentions, self.table.ties))):
                return Accused(tied.actor_id, tied.text, False, event.id)  # "militants linked to IS": IS
            own = first_person(event.source_text)  # the speaker's own, resolved above
            # "Hamas said it fired the rockets": a pronoun the read stage resolved to who says it names a doer
            spoken = doer is not None and doer.how == "speaker"
            if (event.source_text
                    and (own or spoken or (event.source_actor and not is_generic_actor(event.source_actor)))
                    and event.source_text.lower() not in QUESTION_WORDS | (set() if spoken else THIRD_PERSON)):
                trigger = span_at(content.doc, event.trigger.start, event.trigger.end)  # type: ignore[union-attr]
                if trigger is not None and (not told(trigger.root, content)
                                            or grievance(trigger.root, content, self.table.grievances)):
                    continue
                if trigger is not None and (event.source_actor or "").startswith(PROVISIONAL) and any(
                        c.dep_ in MODIFIER_DEPS and c.text in event.source_text for c in trigger.root.children):
                    continue
                if trigger is not None and trigger.root.lemma_.lower() in self.table.unaccusatives \
                        and not any(c.dep_ == "dobj" for c in trigger.root.children):
                    continue  # "the Airbus exploded in midair": what broke, not who broke it
                if trigger is not None and (intended(trigger.root) or conditional(trigger.root) or habitual(trigger.root)
                                            or commanded(trigger.root)):
                    continue  # "vowed to bomb them", "homes will burn", "if they wanted him dead": no deed done
                negated = trigger is not None and doer_negated(trigger[0], None, self.table.negators)
                said = doc_text(doc)[doer.antecedent[0]:doer.antecedent[1]] if spoken and doer and doer.antecedent \
                    else event.source_text
                if (event.source_actor or "").startswith(PROVISIONAL) and ground is not None:
                    return self._named(ground, mentions, False)  # "a Grad launcher firing from rebel-held ground"
                return Accused(event.source_actor, said, negated, event.id)
        if ground is not None:
            return self._named(ground, mentions, False)  # "fired from territory controlled by the rebels"
        if (done := did_it(content)) is not None:  # "the Russians did this from their positions"
            return self._named(done, mentions, doer_negated(done.root.head, None, self.table.negators))
        return None

    def _cue_object(self, content: TokenSpan, mentions: list[ActorMention]) -> Accused | None:
        """The object of an accusing cue, at the start of its content: "[Iran] for the attacks";
        after "on" or "to" when the event comes first: "(blamed) the destruction on [Ukraine]",
        "(attributed) the assault to [a group]"."""
        if (called := so_called(content, self.table.characterizing)) is not None:
            # "accused what he called 'terrorist gangs' of carrying out the bombing": the ones so called
            return self._named(called, mentions, False) if any(
                called.start_char <= m.start < called.end_char for m in mentions) \
                else Accused(None, QUOTES.sub("", called.text).strip()[:MAX_ACCUSED_CHARS])
        lead_chunk = next((c for c in content.noun_chunks if c.start == content.start), None)  # "the high-profile X attack"
        if lead_chunk is not None and lead_chunk.root.lemma_.lower() in self.table.blame_nouns:
            return None  # "pointed the finger at X": the idiom is read whole (judged.blamed)
        if content[0].lower_ in self.table.event_nouns or content[:3].root.lower_ in self.table.event_nouns \
                or (lead_chunk is not None and lead_chunk.root.lower_ in self.table.event_nouns):
            # the first that names someone: "(blamed) the attack on the aid convoy on [Russia and Syria]"
            objects = [self._named(content.doc[o.left_edge.i:o.right_edge.i + 1], mentions, False) for t in content
                       if t.lower_ in ("on", "to") and t.dep_ in ("prep", "dative") for o in t.children if o.dep_ == "pobj"]
            known = [a for a in objects if a.actor or (self.lookup and looked_up(a, self.lookup, {}).actor)]
            if objects:
                return (known or objects)[0]
        doc = content.doc
        lead = [m for m in mentions if m.start - content.start_char <= LEAD_CHARS and not deed_target(doc, m)]
        lead = [m for m in lead if not backs(doc_text(doc), m)] or lead
        if lead:
            first = min(lead, key=lambda m: m.start)
            head = span_at(doc, first.start, first.end)
            if is_generic_actor(first.actor_id) and head is not None:
                phrase = doc[head.root.left_edge.i:head.root.right_edge.i + 1]
                if (named := apposed(phrase, self.lookup)) is not None:
                    return Accused(named[0], named[1])
            return widened(first, with_noun(doc, first, self.deed_words),
                            conjoined(content, first, mentions))
        for chunk in content.noun_chunks:
            if chunk.root.tag_ in RELATIVE_TAGS and chunk.root.head.dep_ == "relcl":
                # "blamed “evil elements who fled ...”": the relative pronoun stands for the noun it follows
                noun = chunk.root.head.head
                words = [t for t in doc[noun.left_edge.i:noun.i + 1] if not t.is_punct]
                if words:
                    return Accused(None, doc[words[0].i:noun.i + 1].text[:MAX_ACCUSED_CHARS])
            if chunk.start_char - content.start_char <= LEAD_CHARS and not bare_deed(chunk, self.table.event_nouns):
                # "terrorists recruited, trained & paid by a foreign regime" (not "blamed sabotage": a deed)
                end = min(behind_chunk(chunk, content) or chunk.end, content.end)
                return Accused(None, QUOTES.sub("", content.doc[chunk.start:end].text).strip()[:MAX_ACCUSED_CHARS])
        return None

    def _named(self, words: TokenSpan, mentions: list[ActorMention], negated: bool) -> Accused:
        if words[0].lower_ in PERSONS:  # "found him guilty": a person, not the arena the pronoun was resolved to
            mentions = [m for m in mentions if m.person]
        inside = [m for m in mentions if words.start_char <= m.start and m.end <= words.end_char]
        # "a previously unknown group, The Resistance Front": the group it names
        inside = [m for m in inside if not is_generic_actor(m.actor_id)] or inside
        text = doc_text(words.doc)
        # "the Iran-backed Houthi militia": the militia, not its backer (unless nothing else is named)
        inside = [m for m in inside if not backs(text, m)] or inside
        # "the US Gulf allies": the allies, whom no actor names
        inside = [] if all(patron(words.doc, m, self.table.proxies) for m in inside) else inside
        if inside:
            # "the Lebanese militant group Hezbollah": the group's name, not the country word before it
            names = [m for m in inside if m.how not in ("demonym", "generic") and not is_generic_actor(m.actor_id)]
            best = min(names if names and len(names) < len(inside) else inside, key=lambda m: m.start)
            if is_generic_actor(best.actor_id) and (named := apposed(words, self.lookup)) is not None:
                return Accused(named[0], named[1], negated)
            return widened(best, with_noun(words.doc, best, self.deed_words),
                            conjoined(words, best, inside), negated)
        if words[0].pos_ == "PRON" and words[0].lower_ not in SELF_WORDS:
            # "Tehran wanted to hide its involvement": a third-person possessive is the nearest actor before it,
            # but not the holder of an allegation ("dismissed Ukrainian allegations that it was behind"): that
            # side accuses, and "it" is the one it accuses
            before = [m for m in mentions if m.end <= words.start_char and not alleges(words.doc, m, self.table)]
            if before:
                nearest = max(before, key=lambda m: m.end)
                return Accused(nearest.actor_id, nearest.text, negated)
        text = words.text.strip()
        return Accused(None, text[:MAX_ACCUSED_CHARS] or None, negated)
