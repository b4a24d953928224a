"""Argument finding: the tokens of an event's source and target, for verb and noun triggers."""

from __future__ import annotations

from spacy.tokens import Token

from triangulate.extract.clauses import held_place, holds_place
from triangulate.extract.events.casualties import NONE_WORDS, _number
from triangulate.extract.events.matching import _Match, _match_at
from triangulate.extract.events.mentions import PARTNER_PREPS, _MentionIndex
from triangulate.extract.events.syntax import (
    KEPT_PREPS,
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    PLACE_ENTS,
    PLACE_NOUNS,
    SUBJECT_DEPS,
    TARGET_PREPS,
    _agent,
    _direct_object,
    _is_actorish,
    _keys,
    _prep_objects,
    _subject,
    _through_quantity,
)
from triangulate.extract.events.triggers import TriggerTable

TARGET_OF_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "RETREAT"})
# cooperative and consultative events whose partner is a "with"/"between" object ("restored ties
# with Gondor", "agrees with France", "talks between X and Y")
PARTNER_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE"})
CLASH_LEMMAS = frozenset({"clash", "fight", "battle", "exchange", "skirmish"})
PLANTED = frozenset({"plant", "lay", "place", "emplace", "install"})  # "a Taliban-planted mine": the planter's


def _arguments(table: TriggerTable, match: _Match, mentions: _MentionIndex | None = None) -> tuple[Token | None, Token | None]:
    anchor = match.anchor
    if anchor.pos_ in ("VERB", "AUX") and anchor.dep_ != "amod":
        return _verb_arguments(table, anchor, match.rule.type, {t.i for t in match.tokens})
    return _noun_arguments(table, anchor, match, mentions)


def _verb_arguments(
    table: TriggerTable, verb: Token, type_: str, phrase_ids: set[int] | None = None
) -> tuple[Token | None, Token | None]:
    subj, passive = _subject(verb)
    if subj is not None and _place_before_gerund(subj, verb):
        subj = None
    agent = _agent(verb)
    if passive and agent is None and type_ == "ASSAULT":
        agent = _passive_source(table, verb)
    if passive:
        source, target = agent, subj
    else:
        source, target = subj, _direct_object(verb)
    if target is not None and (
        (phrase_ids and target.i in phrase_ids) or _is_instrument(target, table)
        or (not passive and verb.lemma_.lower() in table.projectile_verbs)
    ):
        target = None  # "opened fire", "fired rockets at X", "fired IFVs at X": the object is not the target
    if target is None or (target.ent_type_ in ("DATE", "TIME")):
        # "fired with unspecified weapons on the positions": whom before what with.
        later = [o for o in _prep_objects(verb, TARGET_PREPS) if o.i > verb.i]
        if not later and verb.lemma_.lower() in table.projectile_verbs:
            later = _split_list_targets(verb)
        if type_ in ("ASSAULT", "PROTEST") or type_ in PARTNER_TYPES:  # "clashed with X", not "fired with weapons"
            # "exchanged fire with X": the "with" phrase may hang on the phrase's noun
            heads = [verb, *(verb.doc[i] for i in sorted(phrase_ids or ()) if i != verb.i)]
            later += [
                o for h in heads for o in _prep_objects(h, frozenset({"with"}))
                if o.i > verb.i and not _is_instrument(o, table)
                and not any(c.lower_ in NONE_WORDS for c in o.children)  # "with no report of casualties"
            ]
        if type_ in PARTNER_TYPES:  # "agrees with France on the plan": the partner first
            later = [o for o in _prep_objects(verb, PARTNER_PREPS) if o.i > verb.i] + later
        target = next(iter(later), None)
    if source is not None and _is_instrument(source, table):
        # "a drone struck ...", "an IED planted by Al Shabaab exploded": the instrument's owner.
        source = _instrument_owner(source, table)
    obj = _direct_object(verb)
    if (
        not passive and source is not None and obj is not None
        and verb.lemma_.lower() in table.device_victim_verbs and obj.lemma_.lower() in table.devices
    ):
        # "an army vehicle struck an IED": the vehicle was hit; who laid the device is not said
        source, target = None, subj
    if target is None and not passive:
        target = _misread_object(verb)
    if target is None:
        for child in verb.children:
            if child.dep_ in ("advcl", "xcomp", "conj") and child.lemma_.lower() == "target":
                target = _direct_object(child)
    if type_ == "ASSAULT" and source is not None and target is None:
        # "Burundian and Rwandan soldiers clashed": one side each.
        conj = next((c for c in source.children if c.dep_ == "conj"), None)
        if conj is not None and verb.lemma_.lower() in ("clash", "fight"):
            target = conj
        elif conj is None and verb.lemma_.lower() in ("clash", "fight", "exchange"):
            # "military forces of India and Pakistan exchanged fire": the other state of the "of" phrase
            target = next((c for o in _prep_objects(source, KEPT_PREPS) for c in o.children if c.dep_ == "conj"), None)
        if target is None and conj is None and verb.lemma_.lower() in CLASH_LEMMAS and _plural(source):
            target = source  # "militias from two clans clashed": both sides are of the kind
    return source, target


def _passive_source(table: TriggerTable, verb: Token) -> Token | None:
    """Who did a passive attack that names no agent, from the clash or operation it happened
    in: "X was killed after exchanging fire with the police" (the police), "militants were
    killed during operations carried out by the army" (the army), "... in a Turkish airstrike"."""
    for child in verb.children:
        clause: Token | None = None
        if child.dep_ == "advcl":
            clause = child
        elif child.dep_ == "prep" and child.lower_ in table.casualty_preps:
            clause = next((c for c in child.children if c.dep_ == "pcomp" and c.pos_ == "VERB"), None)
            for obj in child.children:
                if obj.dep_ != "pobj" or not (
                    _is_instrument(obj, table) or obj.lemma_.lower() in table.operation_nouns
                    or _match_at(table, obj, obj.sent.end) is not None
                ):
                    continue
                by = next(_prep_objects(obj, frozenset({"by"})), None)
                by = by or next((a for c in obj.children if c.dep_ == "acl" for a in [_agent(c)] if a is not None), None)
                if by is None:
                    by = next((c for c in obj.children if c.dep_ in ("amod", "compound", "poss") and _is_actorish(c)), None)
                if by is not None:
                    return by
        if clause is None or any(c.dep_ in SUBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS for c in clause.children):
            continue
        # the clause's own subject is the victim: its other party is the attacker
        heads = [clause, *(c for c in clause.children if c.dep_ == "dobj")]
        other = next(
            (o for h in heads for o in _prep_objects(h, frozenset({"with", "against"})) if not _is_instrument(o, table)),
            None,
        )
        if other is not None:
            return other
    return None


def _victim_first(noun: Token, table: TriggerTable) -> bool:
    """A deed done to someone whose possessor is its victim when no "of" names the victim."""
    return bool({noun.lower_, noun.lemma_.lower()} & table.patient_nouns) and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)


def _place_before_gerund(subj: Token, verb: Token) -> bool:
    """ "responsible for Vienna shooting": the parse makes the place the subject of a gerund that is a noun, with
    no object; it is where (a place doing something to someone, "Moscow shelling Kyiv", keeps its object)."""
    return verb.tag_ == "VBG" and subj.i == verb.i - 1 and subj.ent_type_ in PLACE_ENTS \
        and _direct_object(verb) is None and verb.dep_ in ("pcomp", "pobj")


def _noun_arguments(
    table: TriggerTable, noun: Token, match: _Match, mentions: _MentionIndex | None = None
) -> tuple[Token | None, Token | None]:
    type_ = match.rule.type
    source: Token | None = None
    target: Token | None = None
    phrase_ids = {t.i for t in match.tokens}
    for child in noun.children:
        if child.i in phrase_ids:
            continue
        if child.dep_ == "compound" and child.ent_type_ in PLACE_ENTS:
            continue  # "the Gaza hospital blast", "the Kerch bridge attack": where, not who
        if held_place(child, table.place_holders):
            continue  # "the Israeli-occupied Golan attack": a held place and its holder, not who attacked
        if child.dep_ == "poss" and _victim_first(noun, table):
            target = target or child  # "the journalist's murder": the one murdered
            continue
        if child.dep_ in ("poss", "compound", "amod", "nmod") and (
            _is_actorish(child) or _names_actor(child, table)
            or (mentions is not None and child.pos_ == "PROPN" and mentions.names(child))
        ):
            source = source or child
    for obj in _prep_objects(noun, frozenset({"by"})):
        source = obj
    if source is None:
        # "shells fired by LNA forces fell", "an IED planted by Al Shabaab": the agent of its clause
        source = next((a for c in noun.children if c.dep_ == "acl" for a in [_agent(c)] if a is not None), None)
    for obj in _prep_objects(noun, frozenset({"between"})):
        source = obj
        target = next((c for c in obj.children if c.dep_ == "conj"), None)
        if target is None:
            # "a clash between GNA and LNA forces": the coordinated modifiers are the sides
            for mod in obj.children:
                conj = next((c for c in mod.children if c.dep_ == "conj"), None)
                if mod.dep_ in ("compound", "amod", "nmod") and mod.i < obj.i and conj is not None:
                    source, target = mod, conj
                    break
    if target is None:
        target = next(
            (o for o in _prep_objects(noun, TARGET_PREPS | frozenset({"with"}))
             if not any(c.lower_ in NONE_WORDS for c in o.children)),  # "with no report of casualties"
            None,
        )
    of_obj = next(_prep_objects(noun, KEPT_PREPS), None)
    if of_obj is not None:
        if type_ in TARGET_OF_TYPES:
            target = target or of_obj
        else:
            source = source or of_obj
    noun = _through_quantity(noun)
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "pobj") and head.lemma_.lower() in table.light_verbs and not (
            head.lemma_.lower() == "claim" and any(t.dep_ == "agent" for t in noun.subtree)):
        # (not "the Kremlin claims explosions at the airfield caused by munitions detonation": a cause asserted)
        # "Israel carried out the strike", "the attacks were carried out by Israel".
        verb_source, _ = _verb_arguments(table, head, type_)
        if noun.dep_ == "nsubjpass":
            verb_source = _agent(head)
        if verb_source is not None and verb_source.i != noun.i and (
            # "Turkish forces brought military reinforcements": the named subject, not "military"
            source is None or (mentions is not None and mentions.names(verb_source) and not mentions.names(source))
        ):
            source = verb_source
    if noun.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX") and source is None:
        # "clashes took place between X and Y", "clashes were reported between X and Y on one
        # side and Z on the other"
        source, target = _between_sides(head, target)
    if (
        noun.dep_ == "pobj" and head.lower_ in ("in", "to") and head.head.pos_ in ("VERB", "AUX")
        and head.head.lemma_.lower() in table.engage_verbs
    ):
        # "the army engaged in a firefight with X", "the NPA and the army engaged in a firefight"
        verb = head.head
        subj, passive = _subject(verb)
        if subj is not None and not passive:
            source = source or subj
            conj = next((c for c in subj.children if c.dep_ == "conj"), None)
            target = target or next(_prep_objects(verb, frozenset({"with", "against"})), None) or conj
    if (
        noun.dep_ == "dobj" and head.lemma_.lower() in table.counter_verbs
        and (target is None or mentions is None or not mentions.names(target))
    ):
        # "Iraqi forces repelled an IS attack (on the city)": the attack was on those who repelled it
        target = _subject(head)[0] or target
    if noun.dep_ == "pobj" and head.lower_ in ("behind",) and head.head.pos_ in ("AUX", "VERB"):
        # "Israel was behind the airstrikes"; "identified the bomber behind the attack": the object is behind it
        behind = _direct_object(head.head)
        subj, _ = _subject(head.head)
        source = source or behind or subj
    if (
        noun.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_.lower() in table.device_victim_verbs
        and noun.lemma_.lower() in table.devices
    ):
        # "villagers stepped on a landmine": they were hit
        target = target or _subject(head.head)[0]
    if noun.dep_ == "dobj" and head.lemma_.lower() in table.projectile_verbs:
        # "militants threw a grenade at a mosque": the thrower and the "at" object
        subj, passive = _subject(head)
        if source is None and not passive:
            source = subj
        target = target or next(_prep_objects(head, TARGET_PREPS), None)
    if target is None and noun.dep_ == "nsubj" and head.lemma_.lower() in table.impact_verbs:
        target = _direct_object(head) or next(_prep_objects(head, TARGET_PREPS), None)
        if target is not None and target.lemma_.lower() in PLACE_NOUNS and target.dep_ == "dobj":
            target = None  # "a shoot-out took place": no one was hit
    if target is None:
        for child in noun.children:
            if child.dep_ == "relcl":
                subj, passive = _subject(child)
                if subj is not None and subj.i == noun.i and not passive:
                    target = _direct_object(child) or next(_prep_objects(child, TARGET_PREPS), None)
    if target is not None and target.ent_type_ in ("DATE", "TIME"):
        target = None
    return source, target


def _split_list_targets(verb: Token) -> list[Token]:
    """ "fired 82mm mortars and grenade launchers at X": a weapon of the list misread as a
    conjoined verb of no subject of its own took the "at" phrase; X is still what was fired at."""
    return [
        o for conj in verb.children
        if conj.dep_ == "conj" and conj.pos_ == "VERB" and not any(c.dep_ in SUBJECT_DEPS for c in conj.children)
        and any(c.dep_ in OBJECT_DEPS for c in conj.children)
        for o in _prep_objects(conj, TARGET_PREPS)
    ]


def _misread_object(verb: Token) -> Token | None:
    """ "the PMF shelled IS militants": "IS" (Islamic State) read as a copula that took the object
    away; the upper-case "IS" right after the verb is the object."""
    doc = verb.doc
    for k in range(verb.i + 1, min(verb.i + 3, verb.sent.end)):
        tok = doc[k]
        if tok.text == "IS" and tok.pos_ == "AUX":
            return tok  # its phrase takes in the noun ("IS militants")
        if not (tok.like_num or tok.dep_ == "det"):
            break
    return None


def _plural(tok: Token) -> bool:
    """ "militias", "two groups of villagers": a plural group, whose members may fight each other."""
    return tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "nummod" and (_number(c) or 0) > 1 for c in tok.children)


def _between_sides(verb: Token, target: Token | None) -> tuple[Token | None, Token | None]:
    """The sides of "X happened between A and B", "... between A against B", "... between A
    and B on one side and C on the other" (C a conjunct of the verb's clause)."""
    first = next(_prep_objects(verb, frozenset({"between"})), None)
    if first is None:
        return None, target
    against = next(_prep_objects(first, frozenset({"against", "with"})), None)
    if against is not None:
        return first, target or against  # "clashes took place between regime forces against rebels"
    sided = any(t.lemma_.lower() == "side" for t in verb.sent)
    other = None
    if sided:
        other = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")), None)
    if other is None:
        other = next((c for c in first.children if c.dep_ == "conj"), None)
    if other is None:
        other = next(_prep_objects(verb, frozenset({"against", "with"})), None)
    return first, target or other


def _names_actor(tok: Token, table: TriggerTable) -> bool:
    """ "Saudi-led coalition airstrikes", "army shelling": a modifier that names a group."""
    if holds_place(tok, table.place_holders):
        return False
    return tok.lemma_.lower() in table.actor_nouns or any(
        _is_actorish(c) for c in tok.children
        if (c.dep_ in ("amod", "compound") and c.ent_type_ not in PLACE_ENTS  # not "Gaza [hospital] blast"
            and not holds_place(c, table.place_holders))  # nor "[Russian-held] town"
        or (c.dep_ == "npadvmod" and tok.lemma_.lower() in PLANTED)
    )


def _is_instrument(tok: Token, table: TriggerTable) -> bool:
    if bool(set(_keys(tok)) & table.instruments) and tok.ent_type_ == "":
        return True
    weapons = table.instrument_heads.get(tok.lemma_.lower(), frozenset())
    return any(c.dep_ in ("compound", "amod") and c.lower_ in weapons for c in tok.children)


def _instrument_owner(tok: Token, table: TriggerTable) -> Token | None:
    weapons = table.instrument_heads.get(tok.lemma_.lower(), frozenset()) | table.instruments
    for child in tok.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod") and _is_actorish(child) and child.lower_ not in weapons:
            return child
        if child.dep_ == "acl":
            agent = _agent(child)
            if agent is not None:
                return agent
    return None
