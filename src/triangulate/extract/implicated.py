"""Whom the words around a statement name where the parse hides it: the one a report implicates, the other end of a link to the event, a known group set beside a generic one, the holder of an allegation a denial answers."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from triangulate.extract.accused import HOLDER_DEPS
from triangulate.extract.responsibility_words import ResponsibilityTable
from triangulate.read.tokens import span_at, token_table
from triangulate.records import Actor, ActorMention, Claim, ReadDoc, Responsibility, is_generic_actor

NOUN_MODIFIERS = frozenset({"amod", "compound", "nmod"})  # a word on a noun after it
OWNING_PRONOUNS = frozenset({"his", "her", "its", "their", "our", "my"})
ANSWER_CHARS = 600  # how far back a bare "dismissed the claim" looks for the claim it answers


def implicated(content: TokenSpan, mentions: Sequence[ActorMention], table: ResponsibilityTable) -> ActorMention | None:
    """Whom an allegation or a report the content names is said to accuse: "the report implicating
    [the crown prince] in the murder", "allegations blaming [Kyiv] for the blast"."""
    noun = content.root
    if noun.lemma_.lower() not in table.allegations | table.documents:
        return None
    # "rejected the report released on Friday implicating X": a participle right after the noun, with no
    # comma before it, is the noun's even when the parser hangs it on the verb
    end = noun.right_edge.i
    after = [c for c in noun.head.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i == end + 1]
    for verb in [*noun.children, *after]:
        if verb.dep_ not in ("acl", "relcl", "advcl") or table.cues.get(verb.lemma_.lower()) != "accuses":
            continue
        for obj in verb.children:
            if obj.dep_ == "dobj":
                words = content.doc[obj.left_edge.i:obj.right_edge.i + 1]
                named = [m for m in mentions if words.start_char <= m.start and m.end <= words.end_char
                         and not is_generic_actor(m.actor_id)]
                if named:
                    return named[0]
    return None


def pronoun_owned(doc: Doc, mention: ActorMention) -> TokenSpan | None:
    """The phrase a possessive pronoun owns around the mention: "(pinning the bombing on) [his Lebanese
    organization]": in a speaker's denial, the speaker's own side."""
    words = span_at(doc, mention.start, mention.end)
    if words is None:
        return None
    noun = words.root.head if words.root.dep_ in NOUN_MODIFIERS else words.root
    if any(c.dep_ == "poss" and c.lower_ in OWNING_PRONOUNS for c in noun.children):
        return doc[noun.left_edge.i:noun.i + 1]
    return None


def answered(content: TokenSpan, earlier: Sequence[Responsibility], table: ResponsibilityTable) -> Responsibility | None:
    """The statement a denial of a bare "the claim", "these accusations" answers: the nearest claim or accusation
    just before it ("Qaedat al-Jihad claimed the bombing. Bulgaria dismissed the claim": Qaedat's part denied)."""
    root = content.root
    if root.lemma_.lower() not in table.allegations | table.documents \
            or any(t.pos_ not in ("DET", "ADJ") for t in content if t != root):
        return None
    before = [r for r in earlier if r.stance in ("claims", "accuses") and r.accused and r.evidence
              and r.evidence[0].start < content.start_char <= r.evidence[0].start + ANSWER_CHARS]
    return max(before, key=lambda r: r.evidence[0].start, default=None)


def linked(content: TokenSpan, mentions: Sequence[ActorMention], table: ResponsibilityTable) -> ActorMention | None:
    """The one a tie to the event is about: "(denies) any link between the attack and [the banned
    outfit LeT]", "(rejected the claim of) a connection between [Hamas] and the bombing"."""
    for noun in content:
        if noun.lemma_.lower() not in table.link_nouns:
            continue
        for prep in noun.children:
            if prep.dep_ != "prep" or prep.lower_ != "between":
                continue
            ends = [o for o in prep.children if o.dep_ == "pobj"]
            ends += [c for o in ends for c in o.conjuncts]
            if not any(e.lower_ in table.event_nouns for e in ends):
                continue
            for end in ends:
                if end.lower_ not in table.event_nouns:
                    words = content.doc[end.left_edge.i:end.right_edge.i + 1]
                    inside = [m for m in mentions if words.start_char <= m.start and m.end <= words.end_char]
                    if inside:
                        return inside[0]
    return None


def apposed(words: TokenSpan, lookup: Callable[[str], Actor | None] | None) -> tuple[str, str] | None:
    """A known actor set beside a group noun: "a previously unknown group, 'The Resistance Front'"
    (an apposition, or the name right after the comma when the parse hung it elsewhere)."""
    if lookup is None:
        return None
    doc = words.doc
    spans = [doc[t.left_edge.i:t.right_edge.i + 1] for t in words if t.dep_ == "appos"]
    k = words.end
    if k < len(doc) and doc[k].text == ",":
        k += 1
        while k < len(doc) and doc[k].is_punct:
            k += 1
        end = k
        while end < len(doc) and (doc[end].pos_ == "PROPN" or (end == k and doc[end].lower_ == "the")):
            end += 1
        if end > k:
            spans.append(doc[k:end])
    for span in spans:
        name = span.text.strip(" '\"\u2018\u2019\u201c\u201d")
        actor = lookup(name)
        if actor is not None:
            return actor.id, name
    return None


def unmodified(content: TokenSpan, low: str) -> str:
    """The content's lowered text without the words that only describe a named one: "a previously unknown
    group, 'The Resistance Front'" says who did it ("unknown gunmen" does not)."""
    t = token_table(content.doc)  # a Token made only for the modifiers
    for tok in (content.doc[i] for i in range(content.start, content.end) if t.dep[i] == "amod"):
        named = tok.head.pos_ == "PROPN" or any(c.dep_ == "appos" for c in tok.head.children)
        if named or any(c.lower_ == "previously" for c in tok.children):
            start = tok.idx - content.start_char
            low = low[:start] + " " * len(tok.text) + low[start + len(tok.text):]
    return low


def with_noun(doc: Doc, mention: ActorMention, deeds: frozenset[str]) -> tuple[str, bool]:
    """A country word's mention with the noun it modifies ("Venezuelan" -> "Venezuelan ultra-right",
    "Iranian" -> "Iranian hackers"): the words say whom; a deed's noun ("Israeli strikes", "Western
    involvement") is left out. True when the noun is one of a whole, not people ("the ultra-right", "the
    left"): no agents of the country's state, as "Ukrainian special services" or "Saudi agents" may be."""
    words = span_at(doc, mention.start, mention.end)
    if words is None or len(words) != 1:
        return mention.text, False
    word = words[0]
    head = word.head.i
    if word.ent_type_ != "NORP" and word.pos_ != "ADJ":
        return mention.text, False  # a group's own name on a noun ("Hamas militants") is the group
    if word.dep_ not in NOUN_MODIFIERS or not 0 < head - word.i <= 3 or word.head.pos_ not in ("NOUN", "PROPN", "ADJ") \
            or word.head.lower_ in deeds or word.head.lemma_.lower() in deeds:
        return mention.text, False
    # a hyphenated word the tagger cut ("ultra - right") stays whole
    while head + 1 < len(doc) and doc[head].whitespace_ == "" and "-" in (doc[head].text, doc[head + 1].text):
        head += 1
    return doc[word.i:head + 1].text, doc[head].tag_ not in ("NNS", "NNPS")


def says_who(noun: Token, mentions: Sequence[ActorMention]) -> ActorMention | None:
    """ "reports from Kyiv [that Russian troops had shelled the dam]": the known doer of the report's clause."""
    for clause in noun.children:
        if clause.dep_ not in ("acl", "ccomp") or not any(c.lower_ == "that" and c.dep_ == "mark" for c in clause.children):
            continue
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        found = [m for s in subjects for m in mentions if m.start <= s.idx < m.end and not is_generic_actor(m.actor_id)]
        if found:
            return found[0]
    return None


def told_inside(claim: Claim, claims: Sequence[Claim], statement: Responsibility) -> bool:
    """The doer is named inside another speaker's words the claim reports ("the United States had not verified
    that it was conducted by X, an official said"): that inner statement is the one about X, not the outer."""
    outer, named, mine = claim.content, statement.accused_text, statement.speaker or ""
    # (a denial answers the words it reports: "Peskov said the Kremlin disagrees with the Czech conclusions")
    return named is not None and statement.stance not in ("denies", "uncertain") and any(
        other.cue_span is not None and other.speaker_text and other.speaker_text != statement.speaker_text
        # one's own body asserting it ("the minister said the army confirmed ...") is still the speaker's word
        and not (mine and other.speaker and (mine + ".").startswith(other.speaker + ".")
                 and other.factuality == "CT+")
        and outer.start <= other.cue_span.start < outer.end and outer.start <= other.content.start
        and other.content.end <= outer.end
        and named in other.content.text for other in claims)


def allegation(read: ReadDoc, claim: Claim, denial: Responsibility, table: ResponsibilityTable) -> Responsibility | None:
    """The accusation a denial answers, when the content names its holder: "denied [Ukrainian]
    allegations that it had killed civilians" -> Ukraine accuses the accused of the denial."""
    if denial.stance != "denies" or (denial.accused is None and not denial.accused_text):
        return None
    content = span_at(read.doc, claim.content.start, claim.content.end)
    kinds = table.allegations | table.documents
    if content is None or not len(content) or content.root.lemma_.lower() not in kinds:
        return None
    noun = content.root
    doer = says_who(noun, read.actor_mentions)
    if noun.lemma_.lower() in table.documents and implicated(content, read.actor_mentions, table) is None \
            and doer is None:
        return None  # "rejected the report": a report accuses only when it is said to implicate someone
    # "Ukrainian allegations", "the U.S. intelligence report": the holder stands before the noun
    holders = [t for t in content.doc[noun.left_edge.i:noun.i] if t.dep_ in HOLDER_DEPS]
    holders += [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")
                for g in c.children if g.dep_ == "pobj"]
    for holder in holders:
        named = [m for m in read.actor_mentions if m.start < holder.idx + len(holder.text) and holder.idx < m.end
                 and not is_generic_actor(m.actor_id)]
        if named and named[0].actor_id != denial.accused:
            return denial.model_copy(update={
                "speaker": named[0].actor_id, "speaker_text": named[0].text, "stance": "accuses",
                "cue": noun.text, "factuality": "CT+", "via": [],
                **({"accused": doer.actor_id, "accused_text": doer.text} if doer is not None else {}),
            })
    return None
