"""The PLOVER coder: who did what to whom, where and when, one sentence at a time."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from triangulate.extract.events.anchoring import EventPoints, _date, _nearest, counted_many, part_of_another
from triangulate.extract.events.arguments import PARTNER_TYPES, _arguments, _is_instrument
from triangulate.extract.events.casualties import _casualties, _only_casualties
from triangulate.extract.events.matching import _fold, _Match, _matches
from triangulate.extract.events.mentions import (
    _argument,
    _conjunct_actors,
    _MentionIndex,
    _owner_if_thing,
    _partner,
    _past_number,
    _person,
)
from triangulate.extract.events.named import Thing, named_thing, resolve
from triangulate.extract.events.polarity import negative_agent, scope_modality
from triangulate.extract.events.sides import ImplicitSides
from triangulate.extract.events.syntax import (
    MODIFIER_DEPS,
    _clause_tokens,
    _depth,
    _keys,
    _modifier_text,
    _phrase_lemmas,
    is_definite,
    time_clause,
)
from triangulate.extract.events.triggers import TriggerTable
from triangulate.read.actors import ActorDictionary
from triangulate.read.nlp import doc_text
from triangulate.read.places import Geoparser
from triangulate.read.structure import RegionIndex
from triangulate.read.tokens import sentences, span_text, token_table
from triangulate.records import Event, Modality, Place, ReadDoc, Span

NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST"})


class EventCoder:
    """Codes a read document's events.

    Triggers (verb lemmas, nouns, short phrases) come from data/triggers.yaml; who did what to
    whom comes from the dependency parse; actor ids, places and dates come from the read stage's
    mentions that overlap the argument phrases. Modality is judged from the sentence itself;
    reported speech is the claims stage's business (see extract/__init__.py). The geoparser
    (the read stage's) files an event at a place: a province's event at its seat.
    """

    def __init__(
        self, table: TriggerTable, actors: ActorDictionary | None = None, geoparser: EventPoints | None = None
    ) -> None:
        self.table = table
        self.actors = actors or ActorDictionary.default()
        self.geoparser: EventPoints = geoparser if geoparser is not None else Geoparser.default()
        self.sides = ImplicitSides(table, self.actors)

    @classmethod
    def default(cls, geoparser: EventPoints | None = None) -> EventCoder:
        return cls(TriggerTable.default(), geoparser=geoparser)

    # ---------------------------------------------------------------- public
    def code(self, read: ReadDoc) -> list[Event]:
        doc = read.doc
        doc_id = read.document.id
        mentions = _MentionIndex.build(read.actor_mentions, doc)
        marked = RegionIndex.of(read.regions)
        # a dateline says where the report was filed, not where an event happened
        places = [p for p in read.places if not marked.covers(p.start)]
        events: list[Event] = []
        things: dict[int, Thing | None] = {}  # id(event) -> the thing it hit, as its sentence tells it
        last: list[Event] = []  # the violent events of the last sentence that told events
        for sent in sentences(doc):
            # a trigger inside a byline, dateline or caption names no event of the report's
            matches = [m for m in _matches(self.table, sent) if not marked.covers(m.tokens[0].idx)]
            _fold(self.table, matches)
            counts = _casualties(self.table, sent)
            sent_events: list[Event] = []
            depths: list[int] = []
            for match in matches:
                if match.host is not None:
                    continue
                event, thing = self._event(match, matches, read, mentions, doc_id, sent, marked, places)
                more = _per_conjunct(event, match.source_conjuncts, match.target_conjuncts)
                for copy in [event, *more]:
                    things[id(copy)] = thing
                    sent_events.append(copy)
                    depths.append(_depth(match.anchor))
            if sent_events and not events:
                # the report's main event first: the one highest in its sentence's main clause,
                # not a background one ("drivers, supported by a union, protested")
                main = min(range(len(sent_events)), key=lambda k: (depths[k], k))
                protests = [k for k, e in enumerate(sent_events) if e.type == "PROTEST"]
                if protests and sent_events[main].type in self.table.voiced_types:
                    main = protests[0]  # "workers protested ... and demanded X": the protest, not the demand
                sent_events.insert(0, sent_events.pop(main))
            if sent_events and events and events[-1].type in VIOLENT_TYPES and _only_casualties(
                    self.table, sent, matches, sent_events, read):
                # "No one was injured." / "Two soldiers died." after the event's own sentence
                sent_events = []
            if sent_events:
                for event in sent_events:
                    if event.type in VIOLENT_TYPES and event.modality != "hypothetical":
                        counts.give(event)  # a deed only weighed or threatened has killed no one
            else:
                # "1 killed, 7 injured." / "No casualties reported." after the event's own sentence:
                # the violent events of that sentence, as counts in it would have been.
                for event in last:
                    counts.give(event, only_missing=True)
            if sent_events:
                last = [e for e in sent_events if e.type in VIOLENT_TYPES and e.modality != "hypothetical"]
            events.extend(sent_events)
        for n, (event, name) in enumerate(zip(events, resolve([things.get(id(e)) for e in events], self.table.thing_heads), strict=True),
                                          start=1):
            event.id = f"{doc_id}:e{n}"
            event.target_name = name
        self.sides.fill(events, read, self.sides.violent_protests(events, doc_text(doc)))
        return events

    # ---------------------------------------------------------------- the event
    def _event(
        self,
        match: _Match,
        matches: list[_Match],
        read: ReadDoc,
        mentions: _MentionIndex,
        doc_id: str,
        sent: SpacySpan,
        marked: RegionIndex,
        places: list[Place],
    ) -> tuple[Event, Thing | None]:
        rule, anchor = match.rule, match.anchor
        source, target = _arguments(self.table, match, mentions)
        if target is None:
            target = match.extra_target
        if source is None and match.extra_source is not None and match.extra_source.i != anchor.i:
            source = match.extra_source
        if source is not None and marked.covers(source.idx):
            # "Tehran, June 14: Iran rejects ...": the dateline is no side of the event; a second
            # subject of the same verb outside it is
            source = next((c for c in source.head.children if c.dep_ == source.dep_ and c.i != source.i
                           and c.head.i != c.i and not marked.covers(c.idx)), None)
        target = None if target is not None and marked.covers(target.idx) else target
        if target is not None:
            target = _past_number(target, mentions)
        thing = named_thing(target, anchor, mentions, self.table.thing_heads)
        if target is not None and target.lemma_.lower() not in self.table.person_heads:
            target = _owner_if_thing(target, mentions)  # "the officer of X" is no thing of X's
        if rule.type in PARTNER_TYPES and (target is None or not mentions.names(target)):
            # "welcomed a resumption of ties with Osgiliath": the partner inside the object
            target = _partner(target if target is not None else anchor, mentions) or target
        split = source is not None and target is not None and target.dep_ == "conj" and target.head.i == source.i
        source_text, source_actor = _argument(source, mentions, drop_conj=split)
        teller = read.actors.get(source_actor or "") or self.actors.get(source_actor or "")
        if rule.type == "ASSAULT" and teller is not None and "media" in teller.sectors:
            source_text, source_actor = None, None  # "Associated Press: an air strike killed ...": an outlet tells it
        if source is not None and source.head.i == anchor.i and source.dep_ in MODIFIER_DEPS:
            source_text = _modifier_text(anchor, source) or source_text
        target_text, target_actor = _argument(target, mentions)
        if (
            source is not None and target is not None and source_actor
            and target.dep_ == "conj" and target.head.dep_ == "pobj" and target.head.head.head.i == source.i
        ):
            state = read.actors.get(target_actor or "") or self.actors.lookup(target.text)
            if state is not None:
                target_actor = self._same_organ(state.id, source_actor)
                organ = self.actors.get(target_actor)
                if organ is not None:
                    read.actors.setdefault(organ.id, organ)
        if not split:
            match.source_conjuncts = _conjunct_actors(source, source_actor, mentions)
            match.target_conjuncts = _conjunct_actors(target, target_actor, mentions)
        doc = read.doc
        start, end = match.tokens[0].idx, match.tokens[-1].idx + len(match.tokens[-1].text)
        folded = [m for m in matches if m.host is match]
        modality = self._modality(anchor)
        # where: its own sentence's alone for a deed only weighed or for many counted together ("33 attacks since
        # August"); when: its own words alone for a deed only weighed
        own_place = modality == "hypothetical" or counted_many(anchor)
        return Event(
            id="",
            doc_id=doc_id,
            type=rule.type,
            mode=self._mode(match, sent, target),
            source_actor=source_actor,
            target_actor=target_actor,
            source_text=source_text,
            target_text=target_text,
            # a town read as a person ("the attack on Majdal Shams") names no victim
            target_person=None if target is None or any(p.start <= target.idx < p.end for p in places)
            else _person(target, mentions),
            # a deed only weighed, threatened or doubted happens nowhere the report went on to tell of
            place=_nearest(self.geoparser, places, anchor, sent, [f.anchor for f in folded], read.actor_mentions,
                           self.table.projectile_verbs | self.table.origin_verbs if rule.type == "ASSAULT"
                           else frozenset(),
                           own_sentence=own_place, sayings=self.table.saying_verbs),
            date=_date(read.times, anchor, sent, own=modality == "hypothetical",
                       inside=part_of_another(anchor, self.table.deed_collectives)),
            modality=modality,
            trigger=Span(doc_id=doc_id, start=start, end=end, text=doc_text(doc)[start:end]),
            evidence=[Span(doc_id=doc_id, start=sent.start_char, end=sent.end_char, text=span_text(sent))],
        ), thing

    def _mode(self, match: _Match, sent: SpacySpan, target: Token | None) -> str | None:
        rule = match.rule
        if rule.mode != "auto":
            return rule.mode
        cues = self.table.threaten_modes if rule.type == "THREATEN" else self.table.mode_cues.get(rule.type, [])
        if rule.modes:
            cues = [cue for cue in cues if cue.mode in rule.modes]
        phrase = _phrase_lemmas(match.anchor) - self._side_words(match.anchor)
        if target is not None and not _is_instrument(target, self.table) \
                and not (target.dep_ == "nsubj" and target.head.i == match.anchor.i):
            # firing at a drone is no drone attack (but a "target" that is the verb's own subject is a misparse:
            # "when fragments of a rocket fired from a Tochka-U fell" tells a rocket fired)
            phrase -= {k for t in target.subtree for k in _keys(t)}
        for tok in match.tokens:
            phrase.update(_keys(tok))
        sentence: set[str] | None = None
        if rule.type == "ASSAULT":
            # "accused the outlawed armed group of the bombing that killed six": the group is armed, the
            # killing was not told as a shooting (an "air force" still tells its means)
            t = token_table(sent.doc)  # the sentence's words read in the token table, as `_keys` reads them
            lemma, lower, dep, head = t.lemma, t.lower, t.dep, t.head
            modifiers = self.table.body_modifiers
            sentence = {k for i in range(sent.start, sent.end)
                        if not (dep[i] in ("amod", "compound") and (lemma[head[i]] in self.table.group_heads
                                                                   or lower[head[i]] in modifiers.get(lower[i], ())))
                        for k in (lemma[i], lower[i])}
            # "fired" where the sentence names a rocket is the rocket's firing
            sentence_modes = {cue.mode for cue in cues if sentence & cue.words}
            yielded = {word for word, modes in self.table.yielding_cues.items() if modes & sentence_modes}
            phrase -= yielded
            sentence -= yielded
        for words in (phrase, sentence or set()):
            for cue in cues:
                if words & cue.words:
                    return cue.mode
        return rule.default_mode

    def _names_body(self, token: Token) -> bool:
        """The word names a state's body with the noun it modifies ("[Armed] Forces"), not a means."""
        return token.dep_ in ("amod", "compound") and token.head.lower_ in self.table.body_modifiers.get(token.lower_, ())

    def _side_words(self, anchor: Token) -> set[str]:
        """The means words that name a state's body in the trigger's clause ("the Armed Forces striking the city"),
        unless the clause also tells the means with the same word ("armed men attacked the Armed Forces")."""
        clause = list(_clause_tokens(anchor))
        bodies = {k for t in clause if self._names_body(t) for k in _keys(t)}
        return bodies - {k for t in clause if not self._names_body(t) for k in _keys(t)}

    def _same_organ(self, state_actor: str, organ_actor: str) -> str:
        """ "military forces of India and Pakistan": Pakistan there stands for its military too."""
        iso3, _, role = state_actor.partition(".")
        organ_role = organ_actor.partition(".")[2]
        if role != "GOV" or organ_role == "GOV":
            return state_actor
        organ = self.actors.get(f"{iso3}.{organ_role}")
        return organ.id if organ is not None else state_actor

    # ---------------------------------------------------------------- modality
    def _modality(self, anchor: Token) -> Modality:
        table = self.table
        nodes = [anchor]
        # Light verbs carry the negation and modals of the noun they govern.
        head = anchor.head
        # (not a subject told something of: "the attack would be the deadliest" says the attack happened)
        described = anchor.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ in ("attr", "acomp") for c in head.children)
        if anchor.pos_ not in ("VERB", "AUX") and head.lemma_.lower() in table.light_verbs and head.i != anchor.i \
                and not described:
            nodes.append(head)
        # Climb xcomp/ccomp/pcomp chains: "alleged to have attacked", "denied attacking".
        cur = anchor
        chain: list[Token] = []
        for _ in range(3):
            if time_clause(cur):
                break  # "denied its troops were there when the market was shelled": the shelling is not denied
            if cur.dep_ in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "acl", "advcl") and cur.head.i != cur.i:
                cur = cur.head
                if cur.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
                    chain.append(cur)
            else:
                break
        chain_lemmas = [c.lemma_.lower() for c in chain]
        scope = scope_modality(anchor, table)
        if any(lemma in table.denied for lemma in chain_lemmas) or scope == "denied":
            return "denied"
        if negative_agent(anchor, table):
            return "negated"  # "no munitions targeting the area", "no one was killed"
        for node in nodes:
            for child in node.children:
                if child.dep_ == "neg" or (child.lower_ in NEGATORS and child.dep_ in ("det", "advmod", "preconj")):
                    return "negated"
        if any(lemma in table.negated_heads for lemma in chain_lemmas):
            return "negated"
        if scope == "hypothetical":
            return "hypothetical"  # "it is unclear whether", "could not independently verify who"
        if anchor.dep_ == "dobj" and head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in table.planning_verbs \
                and not any(c.dep_ in ("oprd", "xcomp", "ccomp", "acomp") for c in head.children):
            return "hypothetical"  # "weighs a military strike": not done yet
        # "the attack in Burgas may have been carried out by Israel": the light verb's modal hedges who did
        # the attack its definite subject names, not whether it happened
        if _doer_hedged(anchor):
            nodes = [anchor]
        modifiers = {c.lower_ for n in nodes for c in n.children if c.dep_ in ("amod", "advmod", "aux", "mark")}
        if modifiers & table.alleged or any(lemma in table.alleged for lemma in chain_lemmas):
            return "alleged"
        chain_modals = {c.lower_ for n in chain for c in n.children if c.dep_ in ("aux", "mark")}
        if (modifiers | chain_modals) & table.hypothetical or any(lemma in table.hypothetical for lemma in chain_lemmas):
            return "hypothetical"
        return "asserted"


def _doer_hedged(anchor: Token) -> bool:
    """A definite event noun ("the attack", "Sunday's bombing") that is the passive subject of a verb
    with a stated doer ("was carried out by X"): the verb tells who did it."""
    if anchor.dep_ != "nsubjpass" or anchor.pos_ not in ("NOUN", "PROPN") or anchor.head.i == anchor.i:
        return False
    return is_definite(anchor) and any(c.dep_ == "agent" for c in anchor.head.children)


def _per_conjunct(event: Event, sources: list[str], targets: list[str]) -> list[Event]:
    """One event per further coordinated source and target, as event coders count them: "Fornost
    and Gondor welcomed ..." is Fornost's and Gondor's. The event itself stays the first
    conjunct's. Violence keeps one event: "X and Y clashed" has a side each."""
    if event.type in VIOLENT_TYPES:
        return []
    copies: list[Event] = []
    for source in [event.source_actor, *sources]:
        for target in [event.target_actor, *targets]:
            if (source, target) == (event.source_actor, event.target_actor) or (source and source == target):
                continue
            copies.append(event.model_copy(update={"source_actor": source, "target_actor": target}))
    return copies
