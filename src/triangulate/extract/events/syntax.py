"""Dependency-parse helpers: subjects, agents, objects, prepositional objects and phrase ranges."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Token

from triangulate.extract.clauses import in_headline

# Closed grammatical sets (not curated knowledge).
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
TARGET_PREPS = frozenset({"on", "against", "at", "upon", "targeting", "toward", "towards", "into"})
CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "parataxis", "conj", "csubj", "acl", "appos", "mark"})
PHRASE_CUT_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "parataxis", "ccomp", "cc", "prep", "punct", "csubj", "nsubj"})
KEPT_PREPS = frozenset({"of"})
OWNER_ENTS = frozenset({"NORP", "ORG", "PERSON"})  # "the village of Dardara" names, not owns
ACTOR_ENTS = frozenset({"NORP", "GPE", "ORG", "PERSON"})
NOT_TARGET_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
PLACE_NOUNS = frozenset({"location", "area", "place", "locality", "spot", "vicinity", "region", "district"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "poss"})
TIME_MARKS = frozenset({"when", "while", "as", "before", "after", "until", "since", "once"})


def time_clause(token: Token) -> bool:
    """A clause of the time or place of something: "when the plane was shot down", "after the market was
    shelled", "(Kobani,) where Turkish forces have carried out operations"."""
    if token.dep_ == "relcl":
        return any(c.dep_ == "advmod" and c.lower_ in ("where", "when") for c in token.children)
    return token.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in TIME_MARKS
                                         for c in token.children)


DEFINITE_DETS = frozenset({"the", "this", "that", "these", "those"})


def is_definite(tok: Token) -> bool:
    """A noun with a definite determiner or an owner: "the attack", "Sunday's bombing"."""
    return any((c.dep_ == "det" and c.lower_ in DEFINITE_DETS) or c.dep_ == "poss" for c in tok.children)


def _keys(tok: Token) -> tuple[str, str]:
    return tok.lemma_.lower(), tok.lower_


def _pos_ok(tok: Token, pos: str) -> bool:
    if tok.pos_ == "PROPN" and tok.ent_type_ in ("DATE", "TIME"):
        return False  # a name of a date: "on March 3" is no march
    if pos == "noun":
        return tok.pos_ in ("NOUN", "PROPN")
    if pos == "verb":
        return tok.pos_ in ("VERB", "AUX")
    return tok.pos_ in ("NOUN", "PROPN", "VERB", "AUX", "ADJ")


def _is_nominal(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or tok.dep_ in ("nsubj", "dobj", "pobj", "nsubjpass")


def _clause_tokens(tok: Token) -> Iterator[Token]:
    """The token's subtree without the clauses hanging off it."""
    stack = [tok]
    while stack:
        cur = stack.pop()
        yield cur
        for child in cur.children:
            if child.dep_ in CLAUSE_DEPS and cur.i == tok.i and tok.pos_ in ("VERB", "AUX"):
                continue
            if child.dep_ in ("relcl", "ccomp", "parataxis", "advcl") :
                continue
            stack.append(child)


def _phrase_lemmas(anchor: Token) -> set[str]:
    """Lemmas a constraint may look at: the trigger's clause-bounded subtree and its head; each
    subtree lemma also as "lemma/pos" ("well/noun"), for a word one part of speech only names."""
    words: set[str] = set()
    for tok in _clause_tokens(anchor):
        words.update(_keys(tok))
        words.add(f"{tok.lemma_.lower()}/{tok.pos_.lower()}")
    if anchor.pos_ in ("VERB", "AUX"):
        # "gathered ... to demand", "blocked the road, denouncing": the purpose clause's verb
        words.update(k for c in anchor.children if c.dep_ == "advcl" and c.pos_ == "VERB" for k in _keys(c))
    head = anchor.head
    if head.i != anchor.i:
        words.update(_keys(head))
        if head.dep_ == "prep" or head.pos_ == "ADP":
            words.update(_keys(head.head))
    return words


# subordinators the parser reads as prepositions: "after militants attacked the college"
CLAUSE_PREPS = frozenset({"after", "before", "since", "until", "till", "once"})


def _misread_subject(verb: Token) -> Token | None:
    """ "... remained unaccounted for after militants from the group attacked the college": the parse
    hangs "militants" on "after" and "attacked" on the main clause; the phrase ending right before
    the verb is its subject, not the main clause's."""
    if verb.i == 0 or verb.dep_ not in ("advcl", "conj", "pcomp") or any(
            c.dep_ in SUBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS for c in verb.children):
        return None
    prev = verb.doc[verb.i - 1]
    for tok in (prev, *prev.ancestors):
        if tok.i >= verb.i or tok.right_edge.i != verb.i - 1:
            return None
        if tok.dep_ == "pobj" and tok.head.lower_ in CLAUSE_PREPS and tok.head.i < tok.i:
            return tok
    return None


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The verb's subject and whether the verb is passive, following conj/xcomp/relcl chains."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        # "get the military removed": a bare participle with its own subject
        verb.tag_ == "VBN"
        and verb.dep_ != "ROOT"  # a main verb with a subject is a past tense mis-tagged ("forces engaged in")
        and any(c.dep_ == "nsubj" for c in verb.children)
        and not any(c.dep_ == "aux" for c in verb.children)
    ) or _headline_passive(verb)
    passive_head = _passive_complement_head(verb)
    passive = passive or passive_head is not None
    misread = None if passive else _misread_subject(verb)
    if misread is not None:
        return _past_place(misread), passive
    cur: Token | None = verb
    for _ in range(4):
        if cur is None:
            break
        if cur is verb and passive_head is not None:
            cur = passive_head  # "X was ordered murdered": the passive verb's subject is the victim's
            continue
        for child in cur.children:
            if (
                (child.dep_ in SUBJECT_DEPS or child.dep_ in PASSIVE_SUBJECT_DEPS)
                and not _is_heading(child) and child.ent_type_ not in ("DATE", "TIME")  # "Around 6 May, a man was found"
            ):
                if child.lower_ in RELATIVE_PRONOUNS and cur.dep_ == "relcl":
                    return cur.head, passive
                # "79 were confirmed as injured", "he was arrested and charged": a participle sharing a passive
                # subject is passive too ("was forced to flee" is not: an infinitive)
                shared = cur is not verb and child.dep_ in PASSIVE_SUBJECT_DEPS and verb.tag_ == "VBN" \
                    and verb.dep_ in ("conj", "advcl")
                return _past_place(child), passive or shared
        if cur.dep_ == "relcl" or (cur.dep_ == "acl" and cur.tag_ == "VBG"):
            return cur.head, passive
        if cur.dep_ == "acl" and cur.tag_ == "VBN":
            return cur.head, True
        if cur.dep_ == "acl" and cur.tag_ == "VBD":
            # a finite verb is no clause of a noun: "IS militants killed X" misread as "IS [is] militants"
            return cur.head, passive
        if cur.dep_ in ("conj", "xcomp", "advcl") and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    return None, passive


def _passive_complement_head(verb: Token) -> Token | None:
    """ "X was ordered murdered", "was found killed", "was reported abducted", "were surrounded and
    killed", and in a headline "Journalist found murdered": a participle complement or conjunct (of no
    subject or auxiliary of its own) of a passive verb, whose subject is the participle's patient too.
    The passive verb, else None."""
    head = verb.head
    if verb.tag_ != "VBN" or verb.dep_ not in ("xcomp", "oprd", "ccomp", "conj") or head.i == verb.i:
        return None
    if any(c.dep_ in SUBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ in ("aux", "auxpass") for c in verb.children):
        return None
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children):
        return head
    headline = (
        head.tag_ in ("VBD", "VBN")
        and any(c.dep_ == "nsubj" for c in head.children)
        and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in head.children)
        and in_headline(head)
    )
    return head if headline else None


def _past_place(tok: Token, depth: int = 3) -> Token:
    """ "in Tijuana, Baja California, a police officer was shot": the parser makes the place the
    subject and the officer its apposition (of the place's apposition); that is the subject."""
    if tok.ent_type_ in PLACE_ENTS and depth:
        for child in tok.children:
            if child.dep_ == "appos" and child.i > tok.i:
                if child.pos_ == "NOUN":
                    return child
                found = _past_place(child, depth - 1)
                if found is not child:
                    return found
    return tok


def _headline_passive(verb: Token) -> bool:
    """Headlines drop the auxiliary of a passive: "Journalist shot dead in Jenin", "Tanker attacked off
    Oman". A past form with a subject, no auxiliary and no object in a headline is passive."""
    return (
        verb.tag_ in ("VBD", "VBN")
        and any(c.dep_ == "nsubj" for c in verb.children)
        and not any(c.dep_ in ("aux", "auxpass", "dobj", "ccomp", "xcomp") for c in verb.children)
        and in_headline(verb)
    )


def _is_heading(tok: Token) -> bool:
    """ "Movement of forces: On 4 May, Russian police conducted a patrol": a label before a colon
    at the start of the sentence is no subject."""
    doc = tok.doc
    end = tok.right_edge.i + 1
    return tok.left_edge.i == tok.sent.start and end < len(doc) and doc[end].text == ":"


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    passive_head = _passive_complement_head(verb)
    if passive_head is not None:
        # "X was ordered by the prince murdered": the "by" phrase of the passive verb it complements
        return _agent(passive_head)
    # "2 militants were killed and 7 were wounded by an airstrike": the agent the passives share
    for child in verb.children:
        if child.dep_ == "conj" and child.i > verb.i and (
            any(c.dep_ == "auxpass" for c in child.children)
            or not any(c.dep_ in SUBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS for c in child.children)
        ):  # "was shot and killed by X", "were killed and 7 were wounded by X"
            for sub in child.children:
                if sub.dep_ == "agent":
                    return next((o for o in sub.children if o.dep_ == "pobj"), None)
    return None


def _prep_objects(head: Token, preps: frozenset[str]) -> Iterator[Token]:
    for child in head.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            for obj in child.children:
                # "On 8 May", "at an unspecified location in X" are when and where, not whom.
                if obj.dep_ != "pobj" or obj.ent_type_ in NOT_TARGET_ENTS or obj.lemma_ in PLACE_NOUNS:
                    continue
                if obj.ent_type_ in PLACE_ENTS and child.lower_ in ("at", "into"):
                    continue
                yield obj
        elif child.dep_ in ("acl", "advcl", "xcomp") and child.lemma_.lower() == "target" and preps & TARGET_PREPS:
            # "an attack targeting X" is a target phrase, not a "by" or "with" one
            for obj in child.children:
                if obj.dep_ in OBJECT_DEPS:
                    yield obj


def _direct_object(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "obj"):
            return child
    return None


def _owner(noun: Token, mentioned: Callable[[Token], bool]) -> Token | None:
    """ "bases of the PMU", "an installation belonging to the PMF", "the PMU's bases"."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj" and (obj.ent_type_ in OWNER_ENTS or mentioned(obj)):
                    return obj
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in ("belong", "own", "operate", "run", "use", "control"):
            for sub in child.children:
                if sub.dep_ == "prep" and sub.lower_ == "to":
                    for obj in sub.children:
                        if obj.dep_ == "pobj":
                            return obj
                if sub.dep_ == "agent":
                    for obj in sub.children:
                        if obj.dep_ == "pobj":
                            return obj
    return None


def _phrase_range(head: Token, drop_conj: bool = False) -> tuple[int, int]:
    """Token range [i, j) of an argument phrase: the head with its modifiers, without clauses
    and locative preps hanging off it (but keeping "of" phrases and coordinated nouns)."""
    keep = {head.i}
    stack = [head]
    while stack:
        cur = stack.pop()
        for child in cur.children:
            kept = (child.dep_ == "prep" and child.lower_ in KEPT_PREPS) or child.tag_ in ("HYPH", "POS")
            if (child.dep_ in PHRASE_CUT_DEPS and not kept) or (drop_conj and cur.i == head.i and child.dep_ == "conj"):
                if child.dep_ == "cc" and cur.i != head.i:
                    keep.add(child.i)
                continue
            keep.add(child.i)
            stack.append(child)
    lo, hi = min(keep), max(keep)
    # Contiguous around the head: stop at the first gap on either side.
    i = head.i
    while i - 1 >= lo and (i - 1) in keep:
        i -= 1
    j = head.i
    while j + 1 <= hi and (j + 1) in keep:
        j += 1
    doc = head.doc
    while j > i and (doc[j].is_punct or doc[j].dep_ == "cc"):
        j -= 1
    while i < j and (doc[i].is_punct or doc[i].dep_ == "cc"):
        i += 1
    return i, j + 1


def _depth(tok: Token) -> int:
    """How many heads lie above the token (0: the sentence's root)."""
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok = tok.head
        depth += 1
    return depth


def _anchor(tokens: list[Token]) -> Token:
    """The phrase's syntactic head: the token whose head lies outside the phrase."""
    if len(tokens) == 1:
        return tokens[0]
    ids = {t.i for t in tokens}
    for tok in tokens:
        if tok.head.i not in ids or tok.head.i == tok.i:
            return tok
    return tokens[-1]


def _through_quantity(noun: Token) -> Token:
    """ "the series of airstrikes": the noun whose place in the clause counts."""
    while (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.pos_ == "NOUN"
        and noun.head.head.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass")
        and noun.head.head.ent_type_ in ("", "CARDINAL")
    ):
        noun = noun.head.head
    return noun


def _modifier_text(noun: Token, source: Token) -> str | None:
    """ "Saudi-led coalition airstrikes": the run of modifiers before the noun that holds the source."""
    first = source.left_edge.i
    for child in reversed([c for c in noun.lefts if c.i < source.i]):
        if child.dep_ not in MODIFIER_DEPS or child.right_edge.i + 1 != first:
            break
        first = child.left_edge.i
    last = source.right_edge.i
    if last >= noun.i:
        return None
    doc = noun.doc
    return doc[first : last + 1].text


def _is_actorish(tok: Token) -> bool:
    if tok.ent_type_ in ("DATE", "TIME"):
        return False
    return tok.ent_type_ in ACTOR_ENTS or (tok.dep_ == "poss" and tok.pos_ != "PRON")
