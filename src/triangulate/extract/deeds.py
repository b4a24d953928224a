"""The syntax of deeds inside a claim's content: which deed it tells, whether it is done or still to
come, who a doer's words name, and which words name no side (used by `responsibility`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from triangulate.extract.events.syntax import time_clause
from triangulate.read.nlp import doc_text
from triangulate.read.tokens import span_at, token_table
from triangulate.records import Actor, ActorMention, Claim, Event, ResponsibilityStance

if TYPE_CHECKING:
    from triangulate.extract.responsibility_words import ResponsibilityTable

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
QUESTION_WORDS = frozenset({"who", "whom", "whose", "which", "what"})
FIRST_PERSON = frozenset({"we", "i", "us", "me", "our", "my"})
THIRD_PERSON = frozenset({"it", "he", "she", "they", "them", "its", "his", "her", "their"})
PRONOUNS = FIRST_PERSON | THIRD_PERSON | frozenset({"you"})  # a speaker named by a pronoun alone
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves"})
QUANTIFIERS = frozenset({"some", "others", "many", "few", "several", "all", "everyone", "anyone", "someone"})


def first_person(text: str | None) -> bool:
    """A first-person pronoun ("we", "us"), not the country written "US", or words it owns ("our brothers")."""
    words = text or ""
    return (words.lower() in FIRST_PERSON and not (words.isupper() and len(words) > 1)) \
        or words.lower().split()[:1] in (["our"], ["my"]) \
        or re.sub(r"['\u2019]s?$", "", words.lower()) in OWN_COUNTRY  # "Iran rejected the country's involvement"
OWN_COUNTRY = frozenset({"the country", "the nation"})
PERSONS = frozenset({"he", "him", "his", "she", "her"})  # pronouns that stand for a person only
TOLD_DEPS = frozenset({"nsubj", "nsubjpass", "ROOT", "attr", "csubj", "conj"})  # a deed the content is about
CIRCUMSTANCE_PREPS = frozenset({"in", "by", "after", "during", "amid", "following", "from"})  # "killed in a strike"
CAUSE_HEADS = frozenset({"result", "consequence", "due", "because", "owing"})  # "as a result of", "due to"
HABITUAL_ADVERBS = frozenset({"frequently", "often", "regularly", "routinely", "usually", "typically", "commonly",
                              "previously", "repeatedly"})
COMPLEMENT_PREPS = frozenset({"for", "in", "behind", "over"})  # what a responsibility word is about
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
VICTIM_PRONOUNS = frozenset({"he", "she", "they"})
POINTING = frozenset({"point"})  # "(evidence) pointed to an attack by X": the deed is what is said
PROMPTING_VERBS = frozenset({"make", "force", "compel", "urge", "press", "pressure", "push", "demand", "ask", "call",
                             "want", "require", "get"})
INTENT_VERBS = frozenset({"vow", "promise", "pledge", "threaten", "plan", "intend", "want", "seek", "aim", "hope",
                          "prepare", "try", "attempt", "need", "refuse", "decide", "urge", "call", "ask",
                          "demand", "propose", "consider"})
INTENT_NOUNS = frozenset({"order", "orders", "instruction", "instructions", "plan", "plans", "intention", "threat",
                          "vow", "pledge", "promise", "decision", "call", "permission", "authorization", "ban"})
COUNT_WORDS = frozenset({"several", "some", "many", "dozens", "hundreds", "at", "about", "around", "more", "up", "two",
                         "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a", "one", "eleven", "twelve",
                         "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
                         "dozen", "scores"})
DOER_WORDS = frozenset({"culprit", "culprits", "perpetrator", "perpetrators", "attacker", "attackers", "assailant",
                        "assailants", "bomber", "bombers", "gunman", "gunmen", "killer", "killers"})
TOLL_WORDS = frozenset({"dead", "killed", "wounded", "injured", "died", "casualties", "victims"})
PEOPLE_WORDS = frozenset({"people", "persons", "civilians", "others", "men", "women", "children", "gunmen", "attackers"})


def conjoined(words: TokenSpan, first: ActorMention, inside: list[ActorMention]) -> tuple[tuple[str, str], ...]:
    """Mentions joined to the first by "and" / "or" within the doer's words."""
    doc = words.doc
    head = span_at(doc, first.start, first.end)
    if head is None:
        return ()
    root = head.root
    found = []
    for mention in inside:
        span = span_at(doc, mention.start, mention.end)
        if mention is first or span is None:
            continue
        token = span.root
        while token.dep_ == "conj" and token.head != token:
            token = token.head
        if token == root:
            found.append((mention.actor_id, mention.text))
    return tuple(found)


def conj_cluster(token: Token) -> list[Token]:
    """The token and the words coordinated with it ("designed, carried out, and ordered")."""
    root = token
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    found, todo = [root], [root]
    while todo:
        for child in todo.pop().children:
            if child.dep_ == "conj":
                found.append(child)
                todo.append(child)
    return found


def with_previous(sent: TokenSpan) -> TokenSpan:
    """A sentence and the one before it ("The explosion ..." then "Sources said X was involved.")."""
    doc = sent.doc
    if sent.start == 0:
        return sent
    return doc[doc[sent.start - 1].sent.start:sent.end]


def no_doer(text: str) -> bool:
    """Words that name no side: a bare pronoun, or a count of people ("at least three people")."""
    words = text.lower().split()
    if len(words) == 1 and words[0] in THIRD_PERSON | DEMONSTRATIVES | REFLEXIVES | QUANTIFIERS:
        return True  # "this enables us to ...": a thing pointed at, no side; "himself", "some": no one named
    if 2 <= len(words) <= 3 and words[0] in ("the", "a", "an") and words[-1] in DOER_WORDS:
        return True  # "(close to finding) the culprits", "the suicide bomber": a doer no one has named
    counted = bool(words) and (words[0][:1].isdigit() or words[0] in COUNT_WORDS)
    # "at least three people"; a toll ("Thirty dead", "30") is what was done, not who did it
    return counted and (words[-1] in PEOPLE_WORDS | TOLL_WORDS or (len(words) == 1 and words[0][:1].isdigit()))


def tolled(text: str) -> bool:
    """The words are a count of the dead or wounded, whatever actor the place gave them ("Thirty dead")."""
    words = text.lower().split()
    return len(words) <= 3 and no_doer(text) and (words[-1] in TOLL_WORDS or words[0][:1].isdigit())


def unnamed(actor: Actor | None, text: str | None) -> bool:
    """Attackers described, not named: "the heavily armed masked gunmen" (an unidentified group whose country,
    if any, comes from the place), with no name or country word among the words."""
    words = (text or "").split()
    if not words or actor is None or "unidentified" not in actor.sectors:
        return False
    if any(w.lower().startswith(("anti-", "pro-")) for w in words):
        return False  # "anti-government gunmen": a side named by what it fights
    return not any(w[:1].isupper() for w in words[1:]) and (words[0].lower() in STOP_WORDS or words[0].islower())


def told(token: Token, content: TokenSpan) -> bool:
    """The content tells of this deed ("Israeli gunfire killed her", "findings showed no IDF fire", "killed
    in a Russian strike"), not mentions it in passing ("they planned to respond to Trump's attacks")."""
    if token == content.root or token.dep_ in TOLD_DEPS:
        return True
    if backdrop(token, content):
        return False
    if token.pos_ in ("VERB", "AUX"):  # a clause of the content, unless one describing a word of it
        # "reports that Indian jets had bombed the camp": the clause a content noun holds is what it says
        return token.dep_ not in ("relcl", "acl", "amod") or (token.dep_ == "acl" and token.head.pos_ == "NOUN"
                                                             and any(c.dep_ == "mark" and c.lower_ == "that"
                                                                     for c in token.children))
    if token.dep_ == "dobj":
        return token.head == content.root
    if token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lemma_.lower() in POINTING:
        return True  # "satellite imagery pointed to an attack by Ukrainian forces"
    if token.dep_ == "pobj" and token.head.lower_ in ("of", "to") and token.head.head.lower_ in CAUSE_HEADS:
        return True  # "wounded as a result of Armenian shelling", "died due to Russian shelling"
    return token.dep_ == "pobj" and token.head.lower_ in CIRCUMSTANCE_PREPS


def backdrop(token: Token, content: TokenSpan) -> bool:
    """The token stands in a clause giving the time of what is said ("its jets were home when the plane
    was shot down by X"): that deed is the setting, taken as known, not what is claimed or denied."""
    while token != content.root and content.start <= token.i < content.end:
        if time_clause(token) and not befell_subject(token):
            return True
        if token.head == token:
            break
        token = token.head
    return False


def grievance(token: Token, content: TokenSpan, words: frozenset[str]) -> bool:
    """The token stands in what a deed avenges or answers ("carried out in retaliation for the operations carried
    out by the army", "to avenge the killing of its leader"): another deed, done by the other side."""
    while token != content.root and content.start <= token.i < content.end and token.head != token:
        token = token.head
        if token.lemma_.lower() in words:
            return True
    return False


def befell_subject(clause: Token) -> bool:
    """A time clause telling what befell the subject of the clause it hangs on ("Haniyeh was in Iran ... when
    he was killed by an Israeli strike"): that deed is the news, not the setting."""
    victim = next((c for c in clause.children if c.dep_ == "nsubjpass"), None)
    if victim is None or victim.lower_ not in VICTIM_PRONOUNS:
        return False
    # the nearest clause above with a subject ("was in Iran [to attend ...] when he was killed")
    above = next((a for a in clause.ancestors if any(c.dep_ in SUBJECT_DEPS for c in a.children)), None)
    return above is not None and any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN")
                                     for c in above.children)


def intended(token: Token) -> bool:
    """A deed still to come: "will burn", "vowed to bomb", "wants to attack", "called for the army to launch a
    strike" (not "likely shot her")."""
    if token.dep_ == "dobj" and token.head.pos_ == "VERB":
        token = token.head  # a deed named by its object: "launch a strike"
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in token.children):
        return True
    to = next((c for c in token.children if c.dep_ == "aux" and c.lower_ == "to" and c.i < token.i), None)
    if to is not None:
        # "a plan to attack", "under strict orders not to shoot" (however the parse hangs the infinitive): the
        # deed is ordered or planned, not done
        before = to.i - 1 - (to.i > 0 and token.doc[to.i - 1].lower_ == "not")
        if (token.dep_ == "acl" and token.head.lemma_.lower() in INTENT_NOUNS) or (
                before >= 0 and token.doc[before].lower_ in INTENT_NOUNS and token.doc[before].pos_ == "NOUN"):
            return True
    while token.dep_ == "xcomp" or (token.dep_ == "advcl" and any(c.lower_ == "to" for c in token.children)):
        token = token.head  # "called for X to organize forces to fight": up the chain of purposes
        if token.lemma_.lower() in INTENT_VERBS:
            return True
    return False


def commanded(token: Token) -> bool:
    """A deed in a command: "Stop killing in the name of religion", "Do not attack civilians" (an imperative
    root: a bare verb with no subject)."""
    for t in (token, *token.ancestors):
        if t.dep_ in ("ROOT", "ccomp", "advcl"):  # the clause said, or the sentence
            return t.tag_ == "VB" and not any(c.dep_ in SUBJECT_DEPS | {"aux", "mark"} for c in t.children)
    return False


def habitual(token: Token) -> bool:
    """A deed told as a habit, no one deed: "separatists frequently attacked soft targets"."""
    return any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS for c in token.children)


def conditional(token: Token) -> bool:
    """A deed told under a condition: "if Russia wanted him dead, they would have finished it"."""
    for node in (token, *token.ancestors):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in node.children):
            return True
    return False


def cue_words(doc: Doc, claim: Claim) -> Iterable[Token]:
    """The words of a claim's cue ("denied", "could not confirm"); none where it has no span."""
    if claim.cue_span is None:
        return ()
    cue = span_at(doc, claim.cue_span.start, claim.cue_span.end)
    return cue if cue is not None else ()


def prompted(doc: Doc, claim: Claim, content: TokenSpan, cues: Mapping[str, str]) -> bool:
    """A word others want said ("make it admit its wrongdoings", "urged Russia [to acknowledge its role]"):
    nothing said yet."""
    root = content.root
    if cues.get(root.lemma_.lower()) and any(c.dep_ == "aux" and c.lower_ == "to" for c in root.children):
        return True
    return any(t.dep_ in ("ccomp", "xcomp") and t.head.lemma_.lower() in PROMPTING_VERBS for t in cue_words(doc, claim))


def content_subject(content: TokenSpan, word: str) -> bool:
    """Whether `word` is the subject of the content's main clause."""
    return any(c.dep_ in SUBJECT_DEPS and c.lower_ == word.lower() for c in content.root.children)


def unproven(content: TokenSpan, proofs: frozenset[str]) -> bool:
    """The content says the proof is missing: "does not have direct evidence proving their involvement", "there is
    no proof its agents were behind it"."""
    doc, table = content.doc, token_table(content.doc)
    return any((any(c.dep_ == "neg" for c in t.head.children)
                or any(c.dep_ == "det" and c.lower_ == "no" for c in t.children))
               for t in (doc[i] for i in range(content.start, content.end)
                         if table.lemma[i] in proofs and table.dep[i] in ("dobj", "attr", "nsubj")))


def scorned(doc: Doc, claim: Claim, content: TokenSpan, table: ResponsibilityTable) -> bool:
    """Allegations called false ("describes accusations of Iran's involvement as ridiculous") or answered with scorn
    ("Putin slams allegations of Russia's involvement"): denied."""
    lower = token_table(content.doc).lower
    return any(lower[i] in table.false_words for i in range(content.start, content.end)) \
        or any(t.lemma_.lower() in table.scorning for t in cue_words(doc, claim))


def bare_deed(chunk: TokenSpan, event_nouns: frozenset[str]) -> bool:
    """A deed named with no one's mark on it ("blamed sabotage"; not "its recent military operations")."""
    return chunk.root.lower_ in event_nouns and not any(c.dep_ in ("poss", "compound", "amod") for c in chunk.root.children)


def own_gerund(content: TokenSpan, accused: str | None, mentions: Sequence[ActorMention]) -> bool:
    """What is said is a deed with no subject of its own, the complement of the cue, naming no doer inside it
    ("denied [launching such an attack]"): the speaker's deed, whoever the parse made the gerund's subject ("the
    ministry provided no evidence and Ukraine denied ...")."""
    root = content.root
    return root.tag_ == "VBG" and root.dep_ in ("xcomp", "pcomp") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "poss") for c in root.children) \
        and (accused is None or accused not in {m.actor_id for m in mentions})


def stance_of_cue(doc: Doc, claim: Claim, cues: Mapping[str, ResponsibilityStance],
                  particles: Mapping[str, frozenset[str]] | None = None) -> ResponsibilityStance | None:
    """The stance the claim's cue says ("denied": denies), by its first word when no cue span was found. A cue
    that is one only with its particle (`particles`: "ruled out", not "ruled that") needs it."""
    particles = particles or {}
    if claim.cue_span is None:
        words = claim.cue.lower().split()
        if not words or (words[0] in particles and not set(words[1:2]) & particles[words[0]]):
            return None
        return cues.get(words[0])
    for token in cue_words(doc, claim):
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "NOUN", "AUX") and lemma in cues:
            if lemma in particles and not any(c.dep_ == "prt" and c.lower_ in particles[lemma] for c in token.children) \
                    and not (token.i + 1 < len(doc) and doc[token.i + 1].lower_ in particles[lemma]):
                continue
            return cues[lemma]
    return None


def cue_negated(token: Token, refusals: frozenset[str]) -> bool:
    """A cue said not to be done: "did not deny", "neither confirmed nor denied", "refused to rule out"."""
    if any(c.dep_ == "neg" for c in token.children):
        return True
    if token.dep_ == "conj" and any(c.lower_ == "nor" for c in (*token.head.children, *token.children)):
        return True
    if token.dep_ == "conj" and any(c.dep_ == "neg" for c in token.head.children) \
            and any(c.lower_ == "or" for c in token.head.children):
        return True  # "has not confirmed or denied": the negation holds for both
    return token.dep_ == "xcomp" and (token.head.lemma_.lower() in refusals
                                      or any(c.dep_ == "neg" for c in token.head.children))


def doubting(doc: Doc, claim: Claim, doubts: frozenset[str], cues: Mapping[str, str], refusals: frozenset[str]) -> bool:
    """A negated cue of knowing: "couldn't immediately confirm it was", "would not say who"; a denial not
    made: "did not deny", "neither confirmed nor denied", "refused to rule out"."""
    words = list(cue_words(doc, claim))
    return any(t.lemma_.lower() in doubts and cue_negated(t, refusals) for t in words) \
        or any(t.lemma_.lower() in refusals and any(c.dep_ == "xcomp" and c.lemma_.lower() in doubts for c in t.children)
               for t in words) \
        or negated_cue(doc, claim, cues, refusals, ("denies",))  # "refused to comment on reports that ..."


def negated_cue(doc: Doc, claim: Claim, cues: Mapping[str, str], refusals: frozenset[str],
                stances: tuple[str, ...]) -> bool:
    """A cue of one of these stances said not to be done ("did not deny", "has not blamed", "refused to claim")."""
    return any(cues.get(t.lemma_.lower()) in stances and cue_negated(t, refusals) for t in cue_words(doc, claim))


def no_grounds(content: TokenSpan, named: str | None, grounds: frozenset[str]) -> bool:
    """The named side comes after grounds said to be missing, in their clause: "has no reason to believe [Israel]
    was responsible", "no indication at all that [Israel] was involved"."""
    if not named:
        return False
    doc, table = content.doc, token_table(content.doc)
    text = doc_text(doc)
    for token in (doc[i] for i in range(content.start, content.end) if table.lemma[i] in grounds):
        if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
            clause = list(token.head.subtree)
            if named in text[token.idx:min(clause[-1].idx + len(clause[-1]), content.end_char)]:
                return True
    return False


def unsaid(doc: Doc, claim: Claim, cues: Mapping[str, str], refusals: frozenset[str]) -> bool:
    """A word of blaming, claiming or admitting said not to be said: "Iran has not blamed the U.S.", "did not
    accuse anyone", "refused to claim it": nobody is named by it."""
    return negated_cue(doc, claim, cues, refusals, ("accuses", "claims", "admits"))


def work_of_deed(token: Token, event_nouns: frozenset[str]) -> bool:
    """A noun of making ("work", "doing") said of a deed: "the bombing was the work of X", "it was X's
    doing" (not "the work of the Red Cross")."""
    if token.dep_ != "attr" or token.head.lemma_ != "be":
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in event_nouns or c.lower_ in ("it", "this", "that"))
               for c in token.head.children)


def inside(event: Event, content: TokenSpan) -> bool:
    return event.trigger is not None and content.start_char <= event.trigger.start and \
        event.trigger.end <= content.end_char


def doer_negated(token: Token, holder: TokenSpan | None, negators: Iterable[str]) -> bool:
    """The doer is denied: a negation on the predicate ("was not involved"), a "no" on the doer
    ("no IDF fire"), or "nothing to do with"."""
    words = frozenset(negators)
    first = first_conjunct(token)  # "not aware of or involved in": the negation on the first
    head = first.head if first.dep_ in ("acomp", "prep", "attr", "advmod", "xcomp", "prt") else token
    verb = token.head if token.dep_ == "aux" and token.head.dep_ == "xcomp" else token
    if verb is not token:
        head = verb.head  # "were not to blame": the negation on "be" or on the infinitive
    if any(c.dep_ == "neg" or c.lower_ in ("never",)
           for c in (*head.children, *token.children, *first.children, *verb.children)):
        return True
    if holder is not None and any(t.dep_ == "det" and t.lower_ in words for t in holder):
        return True
    if token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in words for c in token.children):
        return True  # "no Ukrainian involvement", "no Russian role"
    if any(c.dep_ == "dobj" and any(g.dep_ in ("det", "nummod") and g.lower_ in words for g in c.children)
           for c in head.children):
        return True  # "carried out no missions in the area"
    if token.lemma_.lower() == "do" and token.head.lower_ == "nothing":
        return True  # "had nothing to do with"
    return any(c.dep_ in SUBJECT_DEPS and (c.lower_ in ("nothing", "none", "nobody", "no one") or any(
        g.lower_ == "neither" and g.dep_ in ("det", "preconj", "cc") for g in c.subtree))  # "neither X nor Y jets"
        for c in head.children)


def first_conjunct(token: Token) -> Token:
    """The first of the words coordinated with this one ("aware" for "aware of or involved in"), not across a
    contrast ("were not from IS but were trained by X")."""
    while token.dep_ == "conj" and token.head != token and not any(
            c.dep_ == "cc" and c.lower_ in ("but", "yet") and token.head.i < c.i < token.i for c in token.head.children):
        token = token.head
    return token


def mention_on(token: Token, mentions: list[ActorMention]) -> ActorMention | None:
    """The actor mention within a token's phrase, the one nearest its head."""
    left, right = token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)
    inside = [m for m in mentions if left <= m.start and m.end <= right]
    return min(inside, key=lambda m: abs(m.start - token.idx)) if inside else None


# "Iran-backed", "Saudi-led", "Russian-controlled"; a maker or a holder: "Western-made", "Russian-held"
BACKING = re.compile(r"-(?:[a-z]+ed|made|built|sold|held|run)\b")


def backs(text: str, mention: ActorMention) -> bool:
    """The mention is the first part of a hyphenated participle ("[Iran]-backed militia", "[Israeli]-occupied
    Golan"): it names a sponsor or a ruler of the noun, not the noun itself."""
    return BACKING.match(text, mention.end, mention.end + 24) is not None


def has_phrase(text: str, phrase: str) -> bool:
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        start = text.find(phrase, start + 1)
    return False


def names_violence(words: TokenSpan, events: Iterable[Event], event_nouns: frozenset[str],
                   event_types: frozenset[str]) -> bool:
    """The words name a violent event: one of its nouns, or a violent event coded inside them (a
    responsibility word alone is not one)."""
    lower = token_table(words.doc).lower
    if any(lower[i] in event_nouns for i in range(words.start, words.end)):
        return True
    return any(inside(e, words) and e.type in event_types for e in events)


def mention_words(doc: Doc, mention: ActorMention) -> TokenSpan | None:
    """The tokens of a mention; None where its characters hold none."""
    words = span_at(doc, mention.start, mention.end)
    return words if words is not None and len(words) else None


def deed_target(doc: Doc, mention: ActorMention) -> bool:
    """The mention is what a deed was against ("operations against separatists"), not its doer."""
    words = mention_words(doc, mention)
    return words is not None and words.root.dep_ == "pobj" \
        and words.root.head.lower_ in ("against", "on", "at")


IDENTIFYING = frozenset({"identify", "name"})  # "identified / named the bomber as X"


def identified_doer(content: TokenSpan, doer_nouns: frozenset[str], member_nouns: frozenset[str] = frozenset(),
                    deeds: Iterable[Event] = ()) -> TokenSpan | None:
    """Who the content says the doer is: "the attacker was X", "confirmed the attacker to be X",
    "the bomber has been identified as X", "police named the gunman as X", "named X as the mastermind";
    a noun whose relative clause tells one of the violent `deeds` is a doer noun there ("the man who
    opened fire has been identified as X")."""
    doc = content.doc
    told_at = {e.trigger.start for e in deeds if e.trigger is not None}
    t = token_table(doc)  # a Token only for a doer noun or a word with a relative clause
    for token in (doc[i] for i in range(content.start, content.end) if t.lemma[i] in doer_nouns
                  or t.lower[i] in doer_nouns or any(t.dep[c] == "relcl" for c in t.children[i])):
        if token.lemma_.lower() not in doer_nouns and token.lower_ not in doer_nouns and not any(
                c.dep_ == "relcl" and any(s.dep_ == "nsubj" and s.lower_ in ("who", "that") for s in c.children)
                and any(t.idx in told_at for t in c.subtree) for c in token.children):
            continue
        verb = token.head
        named: list[Token] = []
        if verb.lemma_ == "be" and token.dep_ in SUBJECT_DEPS:
            named = [c for c in verb.children if c.dep_ == "attr"]  # "the attacker was X"
        elif token.dep_ in ("dobj", "nsubj") and verb.lemma_ != "be":
            # "confirmed the attacker to be X": the attribute of the "to be" after it
            named = [a for c in verb.children if c.lemma_ == "be" and c.dep_ in ("xcomp", "ccomp", "oprd")
                     for a in c.children if a.dep_ == "attr"]
        if not named and verb.lemma_ == "be" and token.dep_ in SUBJECT_DEPS:  # "the attackers were from IS"
            named = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children
                     if g.dep_ == "pobj"]
        if not named and verb.lemma_.lower() in IDENTIFYING and token.dep_ in ("dobj", "nsubjpass"):
            named = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                     for g in c.children if g.dep_ == "pobj"]
        if not named and token.dep_ == "pobj" and verb.lower_ == "as" and verb.i > 0:
            # "police named X as the bomber", "identified X as the mastermind of the attack": the name right
            # before "as", after a verb of naming (wherever the parse hung the "as")
            before = doc[verb.i - 1]
            if before.pos_ == "PROPN" and any(t.lemma_.lower() in IDENTIFYING for t in doc[before.sent.start:before.i]):
                named = [before]
        # "were (reportedly) members of the Sipah-e-Sahaba": the body they belong to
        named = [g for h in named for g in ([h] if h.lemma_.lower() not in member_nouns and h.lower_ not in member_nouns
                                            else [o for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
                                                  and not any(n.dep_ == "neg" for n in c.children)  # "not of IS"
                                                  for o in c.children if o.dep_ == "pobj"])]
        for head in named:
            if head.pos_ == "PROPN" and content.start <= head.i < content.end:
                # the name only: "Karim Haddad", not "Karim Haddad, 24" nor its apposition
                first = min([head.i, *(c.i for c in head.children if c.dep_ in ("compound", "flat"))])
                return doc[first:head.i + 1]
    return None


def for_event(token: Token, events: list[Event], table: ResponsibilityTable) -> bool:
    """What a responsibility word is about, when it says ("responsible for [the attack]", "a role in
    [the talks]", "carried out [the bombing]"), names a violent event; a word saying nothing passes."""
    heads = [token]
    if token.dep_ in ("dobj", "attr") and token.head.lemma_.lower() in ("play", "have", "bear", "take"):
        heads.append(token.head)  # "played a role in the talks": the verb holds the complement
    # "responsible for [the attack]", "responsible for [backing Assad]" (a gerund is the preposition's pcomp)
    about = [g for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in COMPLEMENT_PREPS
             for g in c.children if g.dep_ in ("pobj", "pcomp")
             and g.ent_type_ not in ("GPE", "LOC", "DATE", "TIME")]  # "directed by IS in Syria": where, not what
    if token.lower_ == "behind" or token.lemma_.lower() in table.deeds:
        about += [c for c in token.children if c.dep_ in ("pobj", "dobj")]
    if not about:
        return True
    doc = token.doc
    for head in about:
        words = doc[head.left_edge.i:head.right_edge.i + 1]
        if any(t.lower_ in table.event_nouns for t in words):
            return True
        if any(e.type in table.event_types and inside(e, words) for e in events):
            return True
    return False


def contrasted(doc: Doc, content: TokenSpan) -> tuple[TokenSpan, TokenSpan] | None:
    """ "the attackers were not from IS but were trained by two Gulf countries": what is said not to be, and what
    is said instead, as two parts of the content; None without such a contrast."""
    table = token_table(doc)
    for token in (doc[i] for i in range(content.start, content.end) if table.lower[i] == "but"
                  and table.dep[i] == "cc"):
        if not any(c.dep_ == "neg" for c in token.head.children):
            continue
        instead = next((c for c in token.head.children if c.dep_ == "conj" and c.i > token.i), None)
        if instead is None or instead.pos_ not in ("VERB", "AUX") or not content.start < token.i < content.end - 1:
            continue
        end = token.i
        while end > content.start + 1 and doc[end - 1].is_punct:
            end -= 1
        return doc[content.start:end], doc[token.i + 1:content.end]
    return None


DEED_PRONOUNS = frozenset({"this", "it", "that"})


def did_it(content: TokenSpan) -> TokenSpan | None:
    """ "the Russians did this", "Ukraine did not do it": the subject of "do" with a pronoun object standing
    for a deed told before (the caller asks that the sentence, the one before or the headline tell of one)."""
    doc, table = content.doc, token_table(content.doc)
    # the table's lemma is lower-cased: a token whose lemma is "do" is among those it holds as "do"
    for token in (doc[i] for i in range(content.start, content.end) if table.lemma[i] == "do"
                  and table.pos[i] == "VERB"):
        if token.lemma_ == "do" and any(c.dep_ == "dobj" and c.lower_ in DEED_PRONOUNS for c in token.children):
            subject = next((c for c in token.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
            if subject is not None and content.start <= subject.i:
                return content.doc[subject.left_edge.i:subject.right_edge.i + 1]
    return None


def held_origin(content: TokenSpan, nouns: frozenset[str], verbs: frozenset[str],
                holding: frozenset[str], shots: frozenset[str] = frozenset()) -> TokenSpan | None:
    """ "the rockets were fired from the territory controlled by pro-Russian rebels", "came from separatist-held
    areas": who holds the ground a shot came from is said to have fired it (`holding`: the participles of holding a
    place, responsibility.yaml `place_holders`); a shot (`shots`: "the missiles") that came from a country or its
    territory ("from neighboring Armenia", "from Armenian territory") names that country."""
    doc, table = content.doc, token_table(content.doc)
    for token in (doc[i] for i in range(content.start, content.end) if table.lower[i] == "from"
                  and table.dep[i] == "prep"):
        if token.head.lemma_.lower() not in verbs:
            continue
        shot = any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in shots for c in token.head.children)
        for ground in (g for g in token.children if g.dep_ == "pobj"):
            country = _country_of(ground, nouns)
            if shot and country is not None and country.i >= content.start:
                first = min([c.i for c in country.lefts if c.dep_ == "compound"], default=country.i)
                return content.doc[first:country.i + 1]  # "from the [United States]", "from [Armenian] territory"
            if ground.lower_ not in nouns:
                continue
            for c in ground.children:
                if c.dep_ == "acl" and c.lemma_.lower() in holding:  # "territory controlled by X"
                    agent = next((g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"), None)
                    if agent is not None and agent.i < content.end:
                        return content.doc[agent.left_edge.i:agent.i + 1]
                if c.dep_ == "amod" and c.lemma_.lower() in holding:  # "separatist-held areas"
                    holder = next((g for g in c.children if g.dep_ in ("npadvmod", "compound", "nmod")
                                   and g.i < c.i), None)
                    if holder is not None and holder.i >= content.start:
                        return content.doc[holder.left_edge.i:holder.i + 1]
    return None


def _country_of(ground: Token, nouns: frozenset[str]) -> Token | None:
    """The country a shot came from: "from [Armenia]", "from [Armenian] territory", "from [Armenia]'s territory"."""
    if ground.ent_type_ == "GPE" and ground.pos_ == "PROPN":
        return ground
    if ground.lower_ not in nouns:
        return None
    return next((c for c in ground.children if c.dep_ in ("poss", "amod") and c.ent_type_ in ("GPE", "NORP")), None)


CHARGE_PREPOSITIONS = frozenset({"of", "for"})  # "accused X of ...", "blamed X for ..."
ANAPHORS = frozenset({"it", "this", "that", "them", "these", "those"})


def charged_elsewhere(content: TokenSpan, events: Iterable[Event], charges: frozenset[str],
                      event_types: frozenset[str]) -> bool:
    """An accusing cue charges its object with no part in a violent deed: "accused Poland [of bias]", "accused
    the West of making up the story" ("of carrying out the attack", "of terrorism", "for it" are parts)."""
    start = content.start
    prep = next((t for t in content if t.lower_ in CHARGE_PREPOSITIONS and t.dep_ == "prep"
                 # on the cue, or on its named object ("Poland of bias"), not inside a deed ("the destruction of")
                 and (t.head.i < start or (t.head.head.i < start and t.head.pos_ in ("PROPN", "PRON")))), None)
    deed = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if deed is None:
        return False
    # the deed's own words, not what it was for ("of making up the story [to justify air strikes]")
    aside = {s.i for c in deed.children if c.dep_ in ("advcl", "xcomp") for s in c.subtree}
    words = [t for t in deed.subtree if t.i not in aside]
    if deed.lower_ in ANAPHORS or any(t.lemma_.lower() in charges or t.lower_ in charges for t in words):
        return False
    return not any(e.type in event_types and e.trigger is not None and any(
        t.idx <= e.trigger.start < t.idx + len(t) for t in words) for e in events)
