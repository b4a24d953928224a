"""claims: attributed statements, their speakers, cues, factuality and chains.

One pass over the sentences of a parsed document. A cue is a reporting verb from
`data/cues.yaml` (or "according to"); its speaker is the verb's subject (or, for a
participle such as "claiming that", the speaker of the clause it hangs on); its content is
the complement clause, an object noun phrase, or a quotation next to the attribution
(found on the characters, so a quotation may run over a sentence break).

Conventions:
- `speaker_text` holds the words used; when they only refer back ("he", "the source",
  "one of the sources") the nearest full phrase they refer to follows in parentheses:
  "he (One of the sources)". `speaker_span` always covers the words used, `speaker` is the
  actor id of the mention on the phrase's head, else on a modifier ("U.S. officials"), else
  of a government or country mention inside it, else the antecedent's.
- `cue` is the cue words as written ("strongly hinted", "revealed to TV7", "held
  responsible", "quoted ... as saying"); `cue_span` covers the contiguous words around the
  verb (degree adverb, verb, "to" + addressee).
- `via` lists who passed the claim on, outermost first: the reporter of "X quoted Y as
  saying", the reporter of "Y confirmed ..., X reported", and the citing outlet of "X,
  citing Y, reported".
- `kind`: direct (a quotation), indirect (a clause or noun phrase), mixed (a clause that
  holds quoted words), according_to.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, cast

import yaml
from spacy.tokens import Doc, Token

from triangulate.records import Actor, ActorMention, ChainLink, Claim, Factuality, ReadDoc, Span

CUES_PATH = Path(__file__).resolve().parents[1] / "data" / "cues.yaml"

FACTUALITY_VALUES: frozenset[str] = frozenset({"CT+", "PR+", "PS+", "CT-", "PR-", "PS-", "Uu"})
LEVELS: tuple[str, ...] = ("PS", "PR", "CT")  # weakest first

ClaimKind = Literal["direct", "indirect", "according_to", "mixed"]

# Closed grammatical sets: subjects that never speak, pronouns that refer back.
NON_SPEAKER_SUBJECTS = frozenset({"that", "this", "these", "those", "there", "what", "which", "who"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
PLURAL_PRONOUNS = frozenset({"they", "them"})
THING_PRONOUNS = frozenset({"it"})
PARTITIVE_HEADS = frozenset({"one", "some", "many", "several", "two", "three", "most", "none", "each", "all"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
SEPARATORS = ",:;–—-"
QUOTE_GAP = re.compile(r"[\s,:;–—-]*")
ATTRIBUTION_GAP = re.compile(r"[\s,;–—-]*")
# Dependents that carry a noun-phrase content ("refuted any coordination ... regarding Iraq").
CONTENT_DEPS = frozenset({"dobj", "oprd", "acomp", "attr", "prep", "xcomp", "ccomp", "dative"})
TEMPORAL_ENTS = frozenset({"DATE", "TIME"})
GOVERNMENT_KINDS = frozenset({"state", "government", "military", "country"})
GOVERNMENT_SECTORS = frozenset({"government", "military", "state"})
ANAPHORA_WINDOW = 3  # sentences a pronoun or "the source" may look back
MAX_QUOTE_CHARS = 3000

OPENERS = {"“": "”", "«": "»", "„": "“"}


# ----------------------------------------------------------------------------- data

@dataclass(frozen=True)
class VerbCue:
    factuality: str
    takes_object: bool = False
    chain: bool = False


@dataclass(frozen=True)
class PredicateCue:
    words: frozenset[str]
    factuality: str


@dataclass(frozen=True)
class CueTable:
    """The cue vocabulary of `data/cues.yaml`, indexed for lookups by lemma."""

    verbs: dict[str, VerbCue]
    predicates: dict[str, PredicateCue]
    addressee_to: frozenset[str]
    addressee_object: frozenset[str]
    according_to: str
    raise_adverbs: frozenset[str]
    lower_adverbs: frozenset[str]
    content_modals: dict[str, str]
    content_hedges: dict[str, str]
    source_nouns: frozenset[str]
    generic_source_nouns: frozenset[str]
    person_nouns: frozenset[str]

    @classmethod
    def load(cls, path: Path = CUES_PATH) -> CueTable:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        verbs = {
            str(lemma): VerbCue(
                factuality=_checked(entry["factuality"], lemma),
                takes_object=bool(entry.get("object", False)),
                chain=bool(entry.get("chain", False)),
            )
            for lemma, entry in raw["verbs"].items()
        }
        predicates = {
            str(lemma): PredicateCue(
                words=frozenset(w.lower() for w in entry["words"]),
                factuality=_checked(entry["factuality"], lemma),
            )
            for lemma, entry in raw["predicates"].items()
        }
        for table in ("content_modals", "content_hedges"):
            for word, level in raw[table].items():
                if level not in LEVELS:
                    raise ValueError(f"cues.yaml {table}.{word}: level {level!r} not in {LEVELS}")
        return cls(
            verbs=verbs,
            predicates=predicates,
            addressee_to=_words(raw["addressee_to"]),
            addressee_object=_words(raw["addressee_object"]),
            according_to=_checked(raw["according_to"]["factuality"], "according_to"),
            raise_adverbs=_words(raw["adverbs"]["raise"]),
            lower_adverbs=_words(raw["adverbs"]["lower"]),
            content_modals={str(k): str(v) for k, v in raw["content_modals"].items()},
            content_hedges={str(k): str(v) for k, v in raw["content_hedges"].items()},
            source_nouns=_words(raw["source_nouns"]),
            generic_source_nouns=_words(raw["generic_source_nouns"]),
            person_nouns=_words(raw["person_nouns"]),
        )


def _checked(value: Any, where: object) -> str:
    if value not in FACTUALITY_VALUES:
        raise ValueError(f"cues.yaml {where}: factuality {value!r} not in {sorted(FACTUALITY_VALUES)}")
    return str(value)


def _words(values: list[Any]) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values)


@lru_cache(maxsize=1)
def default_table() -> CueTable:
    return CueTable.load()


# ----------------------------------------------------------------------------- factuality

def adjust_factuality(
    base: str, *, negated_cue: bool = False, raise_level: bool = False, lower_level: bool = False,
    negated_content: bool = False, content_level: str | None = None,
) -> Factuality:
    """The speaker's commitment: the cue's value moved by its adverbs, negation and the content."""
    if negated_cue or base == "Uu":
        return "Uu"
    level, polarity = base[:2], base[2]
    rank = LEVELS.index(level)
    if raise_level and rank < LEVELS.index("PR"):
        rank += 1  # a strong hint is probable, never certain
    if lower_level and rank > 0:
        rank -= 1
    if content_level is not None:
        rank = min(rank, LEVELS.index(content_level))
    if negated_content:
        polarity = "-" if polarity == "+" else "+"
    return cast(Factuality, f"{LEVELS[rank]}{polarity}")


# ----------------------------------------------------------------------------- quotations

@dataclass(frozen=True)
class Quote:
    start: int  # the opening mark
    end: int  # just after the closing mark (or the paragraph end when never closed)
    inner_start: int
    inner_end: int


def find_quotes(text: str) -> list[Quote]:
    """Quotations: curly, straight and guillemet double quotes, curly single quotes.

    A closing curly single quote must not be followed by a letter ("Yesterday’s"), and a
    quotation never runs over a blank line.
    """
    quotes: list[Quote] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        closer: str | None = None
        if ch in OPENERS:
            closer = OPENERS[ch]
        elif ch == '"':
            closer = '"'
        elif ch == "‘" and (i == 0 or not text[i - 1].isalnum()):
            closer = "’"
        if closer is None:
            i += 1
            continue
        limit = min(n, i + MAX_QUOTE_CHARS)
        para = text.find("\n\n", i, limit)
        stop = para if para != -1 else limit
        j = i + 1
        found = -1
        while j < stop:
            c = text[j]
            if c == closer and not (closer == "’" and j + 1 < n and text[j + 1].isalpha()):
                found = j
                break
            j += 1
        if found != -1:
            quotes.append(Quote(i, found + 1, i + 1, found))
            i = found + 1
        elif para != -1 and closer != "’":  # wire style: an unclosed quote ends with its paragraph
            quotes.append(Quote(i, para, i + 1, para))
            i = para
        else:
            i += 1
    return quotes


# ----------------------------------------------------------------------------- working records

@dataclass
class _Speaker:
    start: int
    end: int
    text: str  # the words used
    label: str  # speaker_text: the words, with the antecedent in parentheses when they refer back
    head: Token
    noun: Token  # "sources" in "One of the sources"
    actor: str | None
    plural: bool
    personal: bool
    anonymous: bool
    sentence: int
    antecedent: _Speaker | None = None


@dataclass
class _Draft:
    cue_token: Token
    cue_text: str
    cue_start: int
    cue_end: int
    speaker: _Speaker
    content_start: int
    content_end: int
    kind: ClaimKind
    factuality: Factuality
    own_subject: bool
    content_root: Token | None  # the clause the cue governs, for chains ("X reported that Y said")
    via: list[ChainLink] = field(default_factory=list)
    folded: bool = False


@dataclass
class _Content:
    start: int
    end: int
    head: Token | None  # the predicate whose negation and modals count
    kind: ClaimKind
    root: Token | None  # the governed clause head


@dataclass
class _DocState:
    read: ReadDoc
    doc: Doc
    text: str
    quotes: list[Quote]
    sent_starts: list[int]
    sent_bounds: list[tuple[int, int]]
    mentions: list[ActorMention]
    mention_starts: list[int]
    drafts: list[_Draft] = field(default_factory=list)
    by_cue: dict[int, _Draft] = field(default_factory=dict)
    speakers: list[_Speaker] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)  # tokens already used by a chain cue

    def sentence_of(self, char: int) -> int:
        return max(0, bisect_right(self.sent_starts, char) - 1)


# ----------------------------------------------------------------------------- extractor

class ClaimExtractor:
    def __init__(self, table: CueTable) -> None:
        self.table = table

    @classmethod
    def default(cls) -> ClaimExtractor:
        return cls(default_table())

    def extract(self, read: ReadDoc) -> list[Claim]:
        doc = read.doc
        text = doc.text
        sents = list(doc.sents)
        mentions = sorted(read.actor_mentions, key=lambda m: (m.start, m.end))
        st = _DocState(
            read=read, doc=doc, text=text, quotes=find_quotes(text),
            sent_starts=[s.start_char for s in sents],
            sent_bounds=[(s.start_char, s.end_char) for s in sents],
            mentions=mentions, mention_starts=[m.start for m in mentions],
        )
        for sent in sents:
            later: list[Token] = []
            for tok in sent:
                if tok.lower_ == "according":
                    self._add(st, self._according(tok, st))
                elif self._is_cue(tok):
                    if self._subject(tok) is None and tok.dep_ != "relcl":
                        later.append(tok)  # inherits its speaker: wait for the clause it hangs on
                    else:
                        self._add(st, self._verb_claim(tok, st))
            for tok in later:
                self._add(st, self._verb_claim(tok, st))
        self._fold_chains(st)
        return self._records(st)

    # -- cue detection -------------------------------------------------------------------------

    def _is_cue(self, tok: Token) -> bool:
        if tok.pos_ != "VERB":
            return False
        lemma = tok.lemma_.lower()
        return lemma in self.table.verbs or lemma in self.table.predicates

    @staticmethod
    def _subject(tok: Token) -> Token | None:
        return next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)

    @staticmethod
    def _add(st: _DocState, draft: _Draft | None) -> None:
        if draft is None:
            return
        st.drafts.append(draft)
        st.by_cue[draft.cue_token.i] = draft
        if draft.own_subject:
            st.speakers.append(draft.speaker)

    # -- verb cues -----------------------------------------------------------------------------

    def _verb_claim(self, verb: Token, st: _DocState) -> _Draft | None:
        if verb.i in st.consumed or verb.dep_ == "amod":
            return None
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            return None  # "have not been claimed by any side": no speaker to hold to it
        lemma = verb.lemma_.lower()
        cue = self.table.verbs.get(lemma)
        predicate_word = self._predicate_word(verb)
        if cue is None and predicate_word is None:
            return None
        speaker, own = self._speaker_of(verb, st)
        if speaker is None:
            return None
        via: list[ChainLink] = []
        cue_tokens = [verb]
        content_verbs = [verb]
        extra_cue = ""
        if cue is not None and cue.chain:
            if verb.tag_ == "VBG":
                return None  # "citing X" is read with the verb it hangs on
            quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if quoted is None:
                return None
            saying = self._saying_of(verb, quoted)
            exclude = set()
            if saying is not None:
                st.consumed.add(saying.i)
                content_verbs.insert(0, saying)
                exclude = {t.i for t in saying.subtree}
                as_word = saying.head if saying.head.lower_ == "as" else None
                extra_cue = f" ... {as_word.text + ' ' if as_word is not None else ''}{saying.text}"
            via.append(self._link(speaker, verb.text))
            speaker = self._phrase_speaker(quoted, st, exclude)
            own = True
        else:
            cited = self._cited(verb, speaker)
            if cited is not None:
                citing, source = cited
                st.consumed.add(citing.i)
                via.append(self._link(speaker, citing.text))
                speaker = self._phrase_speaker(source, st, set())
        cue_tokens.extend(
            a for a in verb.children
            if a.dep_ == "advmod" and a.lower_ in self._degree_words and abs(a.i - verb.i) == 1
        )
        inherits_from_bare_cue = (
            not own and verb.dep_ == "advcl" and self._is_cue(verb.head) and verb.head.i not in st.by_cue
        )
        if inherits_from_bare_cue and 0 < verb.i - verb.head.i <= 2:
            cue_tokens.append(verb.head)  # "reported, saying": one cue
        addressee = self._addressee_to(verb)
        if addressee is not None:
            cue_tokens.extend(addressee.subtree)
        first = min(t.i for t in cue_tokens)
        last = max(t.i for t in cue_tokens)
        cue_start, cue_end = st.doc[first].idx, st.doc[last].idx + len(st.doc[last])
        cue_text = st.text[cue_start:cue_end]
        if predicate_word is not None:
            cue_text += f" {predicate_word.text}"
        cue_text += extra_cue

        content = self._content(verb, content_verbs, cue_end, speaker, predicate_word, st)
        if content is None:
            return None
        content.start, content.end = _clip_to_paragraph(st.text, content.start, content.end, verb.idx)
        if content.end <= content.start:
            return None
        adverbs = {c.lower_ for c in verb.children if c.dep_ == "advmod"}
        base = cue.factuality if cue is not None else self.table.predicates[lemma].factuality
        factuality = adjust_factuality(
            base,
            negated_cue=any(c.dep_ == "neg" or c.lower_ in ("never",) for c in verb.children),
            raise_level=bool(adverbs & self.table.raise_adverbs),
            lower_level=bool(adverbs & self.table.lower_adverbs),
            negated_content=self._negated(content.head),
            content_level=self._content_level(content.head),
        )
        return _Draft(
            cue_token=verb, cue_text=cue_text, cue_start=cue_start, cue_end=cue_end, speaker=speaker,
            content_start=content.start, content_end=content.end, kind=content.kind,
            factuality=factuality, own_subject=own, content_root=content.root, via=via,
        )

    @property
    def _degree_words(self) -> frozenset[str]:
        return self.table.raise_adverbs | self.table.lower_adverbs

    def _predicate_word(self, verb: Token) -> Token | None:
        predicate = self.table.predicates.get(verb.lemma_.lower())
        if predicate is None:
            return None
        return next((c for c in verb.children if c.lower_ in predicate.words), None)

    @staticmethod
    def _saying_of(verb: Token, quoted: Token) -> Token | None:
        """ "quoted X as saying" / "quoted X saying": the participle that opens the quote."""
        for child in quoted.children:
            if child.dep_ == "acl" and child.tag_ == "VBG":
                return child
        for prep in verb.children:
            if prep.lower_ == "as":
                for child in prep.children:
                    if child.tag_ == "VBG":
                        return child
        return None

    def _cited(self, verb: Token, speaker: _Speaker) -> tuple[Token, Token] | None:
        """ "Reuters, citing the state news agency SANA, reported": the cited phrase."""
        candidates = [*verb.children, *speaker.head.children]
        for citing in candidates:
            if citing.tag_ == "VBG" and self.table.verbs.get(citing.lemma_.lower(), VerbCue("Uu")).chain:
                source = next((c for c in citing.children if c.dep_ in ("dobj", "ccomp", "pobj")), None)
                if source is not None:
                    return citing, source
        return None

    def _addressee_to(self, verb: Token) -> Token | None:
        if verb.lemma_.lower() not in self.table.addressee_to:
            return None
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "to" and child.i > verb.i:
                between = verb.doc[verb.i + 1 : child.i]
                if all(t.dep_ == "advmod" for t in between) and any(c.dep_ == "pobj" for c in child.children):
                    return child
        return None

    @staticmethod
    def _link(speaker: _Speaker, cue: str) -> ChainLink:
        return ChainLink(text=speaker.label, actor=speaker.actor, cue=cue)

    # -- speakers ------------------------------------------------------------------------------

    def _speaker_of(self, verb: Token, st: _DocState) -> tuple[_Speaker | None, bool]:
        """The verb's speaker, and whether it is the verb's own subject (not inherited)."""
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            low = subject.lower_
            if low in RELATIVE_PRONOUNS and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
                return self._phrase_speaker(verb.head, st, {t.i for t in verb.subtree}), True
            if low in NON_SPEAKER_SUBJECTS or subject.pos_ == "DET" or _negative(subject):
                return None, False  # "That said, ...", "no one reported"
            return self._phrase_speaker(subject, st, set()), True
        if verb.dep_ == "conj":
            head_draft = st.by_cue.get(verb.head.i)
            if head_draft is not None:
                return head_draft.speaker, False
            speaker, _ = self._speaker_of(verb.head, st)
            return speaker, False
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and verb.tag_ == "VBG":
            if verb.head.dep_ == "dobj" and self._is_chain(verb.head.head):
                return None, False  # "quoted X saying": read with the chain verb
            return self._phrase_speaker(verb.head, st, {t.i for t in verb.subtree}), True
        if verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG":
            return self._inherited(verb, st), False
        return None, False

    def _is_chain(self, tok: Token) -> bool:
        cue = self.table.verbs.get(tok.lemma_.lower())
        return cue is not None and cue.chain

    def _inherited(self, verb: Token, st: _DocState) -> _Speaker | None:
        """A participle ("claiming that", "emphasizing that") speaks for the clause above it."""
        ancestors = list(verb.ancestors)
        for anc in ancestors:
            draft = st.by_cue.get(anc.i)
            if draft is not None:
                return draft.speaker
        for anc in ancestors:
            subject = next((c for c in anc.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in NON_SPEAKER_SUBJECTS:
                return self._phrase_speaker(subject, st, set())
        return None

    def _phrase_speaker(self, head: Token, st: _DocState, exclude: set[int]) -> _Speaker:
        tokens = [t for t in head.subtree if t.i not in exclude]
        # a participle cue inside the phrase ("Reuters, citing SANA,") is not part of the name
        for t in list(tokens):
            citing = t.tag_ == "VBG" and t.dep_ in ("acl", "advcl") and self._is_cue(t)
            # a relative clause set off by a comma describes the speaker, it does not name them
            aside = t.dep_ == "relcl" and t.left_edge.i > 0 and st.doc[t.left_edge.i - 1].text == ","
            if (t.head == head and citing) or aside:
                cut = {s.i for s in t.subtree}
                tokens = [x for x in tokens if x.i not in cut]
        tokens = [t for t in tokens if t.i <= head.i or t.i - head.i < 40]
        i0, i1 = _trim_tokens(st.doc, min(t.i for t in tokens), max(t.i for t in tokens))
        i0, i1 = _within_line(st.doc, i0, i1, head.i)
        i0, i1 = _balance_quotes(st.doc, i0, i1)
        start, end = st.doc[i0].idx, st.doc[i1].idx + len(st.doc[i1])
        noun = head
        plural = head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children)
        partitive = head.lower_ in PARTITIVE_HEADS
        if partitive:
            of = next((c for c in head.children if c.lower_ == "of"), None)
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if pobj is not None:
                noun = pobj
                plural = head.lower_ != "one" and head.lower_ != "each"
        lemma = noun.lemma_.lower()
        words = st.text[start:end]
        personal = (
            noun.ent_type_ == "PERSON" or lemma in self.table.source_nouns
            or lemma in self.table.person_nouns or head.lower_ in PERSON_PRONOUNS
        )
        speaker = _Speaker(
            start=start, end=end, text=words, label=words, head=head, noun=noun,
            actor=self._actor_for(head, noun, start, end, st),
            plural=plural or head.lower_ in PLURAL_PRONOUNS,
            personal=personal, anonymous=lemma in self.table.source_nouns,
            sentence=st.sentence_of(start),
        )
        antecedent = self._antecedent(speaker, partitive, st)
        if antecedent is not None and antecedent.head.pos_ == "PRON" and antecedent.antecedent is None:
            antecedent = None  # a pronoun that was itself left unresolved
        if antecedent is not None:
            # name the nearest phrase that is neither a pronoun nor our own words again:
            # "he (One of the sources)", and "The source" after "The source" names the first one
            while antecedent.antecedent is not None and (
                antecedent.head.pos_ == "PRON" or antecedent.text.lower() == words.lower()
            ):
                antecedent = antecedent.antecedent
            speaker.antecedent = antecedent
            speaker.label = f"{words} ({antecedent.text})"
            if speaker.actor is None:
                speaker.actor = antecedent.actor
            speaker.personal = speaker.personal or antecedent.personal
        return speaker

    def _antecedent(self, speaker: _Speaker, partitive: bool, st: _DocState) -> _Speaker | None:
        head, noun = speaker.head, speaker.noun
        low = head.lower_
        if head.pos_ == "PRON" and low in PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS:
            return self._resolve_pronoun(head, speaker, st)
        # "the source", "the officials", "one of the sources": a bare definite source noun
        if noun.lemma_.lower() not in self.table.source_nouns:
            return None
        modifiers = [c for c in noun.children if c.dep_ not in ("punct",)]
        if len(modifiers) != 1 or modifiers[0].lower_ != "the":
            return None
        want_plural = True if partitive else noun.tag_ in ("NNS", "NNPS")
        lemma = noun.lemma_.lower()
        generic = lemma in self.table.generic_source_nouns
        for prior in reversed(st.speakers):
            if speaker.sentence - prior.sentence > ANAPHORA_WINDOW:
                break
            if prior.start >= speaker.start or not prior.anonymous or prior.plural != want_plural:
                continue
            if generic or prior.noun.lemma_.lower() == lemma:
                return prior
        return None

    def _resolve_pronoun(self, pron: Token, speaker: _Speaker, st: _DocState) -> _Speaker | None:
        low = pron.lower_
        wants_person = low in PERSON_PRONOUNS
        wants_plural = low in PLURAL_PRONOUNS

        def fits(cand: _Speaker) -> bool:
            if wants_plural:
                return cand.plural
            return not cand.plural and cand.personal == wants_person

        # 1. a subject earlier in the same sentence: "al-Shammari visited the site, during which he told"
        sent = pron.sent
        for tok in reversed(sent[: pron.i - sent.start]):
            if tok.dep_ == "nsubj" and tok.pos_ != "PRON" and tok.lower_ not in NON_SPEAKER_SUBJECTS:
                cand = self._phrase_speaker(tok, st, set())
                if fits(cand):
                    return cand
        # 2. the last speaker that fits, a few sentences back
        for prior in reversed(st.speakers):
            if speaker.sentence - prior.sentence > ANAPHORA_WINDOW:
                break
            if prior.start < speaker.start and fits(prior):
                return prior
        # 3. the last named person (or organization for "it")
        labels = ("PERSON",) if wants_person else ("ORG", "GPE", "NORP") if not wants_plural else ()
        window_start = st.sent_bounds[max(0, speaker.sentence - ANAPHORA_WINDOW)][0]
        for ent in reversed(st.doc.ents):
            if ent.start_char < window_start:
                break
            if ent.end_char <= speaker.start and ent.label_ in labels:
                return self._phrase_speaker(ent.root, st, set())
        return None

    def _actor_for(self, head: Token, noun: Token, start: int, end: int, st: _DocState) -> str | None:
        """The actor of the mention on the head, else on a modifier, else a government mention inside."""
        inside = self._mentions_within(start, end, st)
        if not inside:
            return None

        def on(tok: Token) -> ActorMention | None:
            hits = [m for m in inside if m.start <= tok.idx < m.end]
            return min(hits, key=lambda m: m.end - m.start) if hits else None

        for tok in (head, noun):
            m = on(tok)
            if m is not None:
                return m.actor_id
        for tok in (head, noun):
            for child in tok.children:
                if child.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod"):
                    m = on(child)
                    if m is not None:
                        return m.actor_id
        for m in inside:
            actor: Actor | None = st.read.actors.get(m.actor_id)
            if actor is not None and (actor.kind in GOVERNMENT_KINDS or GOVERNMENT_SECTORS & set(actor.sectors)):
                return m.actor_id
        return None

    @staticmethod
    def _mentions_within(start: int, end: int, st: _DocState) -> list[ActorMention]:
        lo = bisect_right(st.mention_starts, start - 1)
        # a mention may start before the phrase and still cover its head: look a little back
        back = max(0, lo - 4)
        found = []
        for m in st.mentions[back:]:
            if m.start >= end:
                break
            if m.end > start:
                found.append(m)
        return found

    # -- content -------------------------------------------------------------------------------

    def _content(
        self, verb: Token, content_verbs: list[Token], cue_end: int, speaker: _Speaker,
        predicate_word: Token | None, st: _DocState,
    ) -> _Content | None:
        doc = st.doc
        sent = verb.sent
        # 1. a complement clause
        for cv in content_verbs:
            comps = [c for c in cv.children if c.dep_ == "ccomp" and c != predicate_word]
            if comps:
                comp = max(comps, key=lambda c: c.i > verb.i)  # prefer the one after the verb
                i0, i1 = comp.left_edge.i, self._cut_participles(comp, st)
                has_that = any(t.dep_ == "mark" and t.lower_ == "that" for t in comp.children) or (
                    doc[i0].lower_ == "that"
                )
                return self._finish(i0, i1, comp, verb.idx, st, quoted_kind=not has_that)
        # 2. "held X responsible for Y", "accused X of Y", "refuted any coordination ..."
        cue = self.table.verbs.get(verb.lemma_.lower())
        if predicate_word is not None or (cue is not None and cue.takes_object):
            span = self._object_span(verb, predicate_word)
            if span is not None:
                return self._finish(span[0], span[1], None, verb.idx, st, quoted_kind=False, nominal=True)
        # 3. "that" left without a clause by the parser: "told the state television that several ..."
        after = self._after_cue_token(verb, st)
        if after is not None and after.lower_ == "that" and after.i + 1 < sent.end:
            return self._finish(after.i + 1, self._sentence_last(sent, st), None, verb.idx, st,
                                quoted_kind=False)
        # 4. a quotation right after the attribution: 'X said: "..."'
        attribution_end = max(cue_end, speaker.end if speaker.start > verb.idx else cue_end)
        quote = self._quote_after(attribution_end, st)
        if quote is not None:
            return self._quote_content(quote, "direct", st)
        # 5. an unquoted colon: "X told TV7: the attack was ..."
        if after is not None and after.text == ":" and after.i + 1 < sent.end:
            return self._finish(after.i + 1, self._sentence_last(sent, st), None, verb.idx, st,
                                quoted_kind=True)
        # 6. a quotation or clause before the attribution: '"...," X said' / '... – a source said'
        attribution_start = min(verb.idx, speaker.start)
        quote = self._quote_before(attribution_start, st)
        if quote is not None and self._ends_sentence(verb, st):
            return self._quote_content(quote, "direct", st)
        if self._ends_sentence(verb, st):
            first = sent.start
            sep = self._last_before(attribution_start, st)
            if sep is not None and sep.text in SEPARATORS and sep.i > first:
                return self._finish(first, sep.i - 1, None, verb.idx, st, quoted_kind=True)
        return None

    def _after_cue_token(self, verb: Token, st: _DocState) -> Token | None:
        """The first token after the cue, its adverbs, its "to" addressee and a told addressee."""
        last = verb.i
        for child in verb.children:
            if child.i <= verb.i:
                continue
            told = child.dep_ in ("dobj", "dative") and verb.lemma_.lower() in self.table.addressee_object
            attached = child.dep_ == "advmod" or told or (child.dep_ == "prep" and child.lower_ == "to")
            if attached and child.left_edge.i == last + 1:
                last = child.right_edge.i
        nxt = last + 1
        return st.doc[nxt] if nxt < verb.sent.end else None

    def _object_span(self, verb: Token, predicate_word: Token | None) -> tuple[int, int] | None:
        if not any(c.dep_ == "dobj" for c in verb.children):
            return None
        start: int | None = None
        end: int | None = None
        for child in verb.rights:
            dep = child.dep_
            if dep == "prep" and child.lower_ == "to" and verb.lemma_.lower() in self.table.addressee_to:
                if start is None:
                    continue  # the addressee: "confirmed to TV7 the ..."
                break  # "confirmed the story to the Gateway Pundit"
            if dep == "prep" and any(c.ent_type_ in TEMPORAL_ENTS for c in child.children):
                break  # "on Monday"
            if child == predicate_word and dep == "prt":
                continue  # "ruled out"
            if dep in CONTENT_DEPS or child == predicate_word:
                start = child.left_edge.i if start is None else start
                end = child.right_edge.i
                continue
            if start is not None:
                break
        if start is None or end is None:
            return None
        return start, end

    def _cut_participles(self, comp: Token, st: _DocState) -> int:
        """The clause's last token, before a trailing participle cue that speaks for itself."""
        end = comp.right_edge.i
        for tok in comp.subtree:
            participle = tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp") and tok.i > comp.i
            if participle and self._is_cue(tok) and not any(c.dep_ == "nsubj" for c in tok.children):
                end = min(end, tok.left_edge.i - 1)
        return end

    def _finish(
        self, i0: int, i1: int, head: Token | None, anchor: int, st: _DocState, *,
        quoted_kind: bool, nominal: bool = False,
    ) -> _Content | None:
        """Content from a token range: trimmed, and fitted to a quotation it lies in or holds.

        `anchor` is the cue's position: a cue inside a quotation ("... no one reported a streak
        of light") has its content inside it too, not the whole quotation.
        """
        doc = st.doc
        kind: ClaimKind
        i0, i1 = _trim_tokens(doc, i0, i1)
        if i0 < i1 and doc[i0].lower_ == "that" and doc[i0].dep_ in ("mark", "nsubj"):
            i0, i1 = _trim_tokens(doc, i0 + 1, i1)
        if i1 < i0:
            return None
        i0, i1 = _balance_quotes(doc, i0, i1)
        start, end = doc[i0].idx, doc[i1].idx + len(doc[i1])
        root = head
        if head is None and not nominal:
            head = _clause_head(doc[i0 : i1 + 1])
        inside = [q for q in st.quotes if q.start < end and q.end > start and not q.start <= anchor < q.end]
        if len(inside) == 1:
            q = inside[0]
            outside = st.text[start:q.start] + st.text[q.end:end] if start < q.start else st.text[q.end:end]
            if (start >= q.start and end <= q.end) or not outside.strip(" \n,.;:“”\"‘’"):
                return self._quote_content(q, "direct" if quoted_kind else "mixed", st, root=root)
            if end < q.end and start < q.start:
                end = q.end  # a partial quotation runs past the clause: keep its closing mark
            kind = "mixed"
        elif len(inside) > 1:
            kind = "mixed"
        else:
            kind = "indirect"
        return _Content(start, end, None if nominal else head, kind, root)

    def _quote_content(self, q: Quote, kind: ClaimKind, st: _DocState, root: Token | None = None) -> _Content:
        start, end = q.inner_start, q.inner_end
        while end > start and st.text[end - 1] in " \n,;:":
            end -= 1
        while start < end and st.text[start].isspace():
            start += 1
        span = st.doc.char_span(start, end, alignment_mode="expand")
        head = _clause_head(span) if span is not None else None
        return _Content(start, end, head, kind, root)

    @staticmethod
    def _quote_after(pos: int, st: _DocState) -> Quote | None:
        for q in st.quotes:
            if q.start >= pos:
                gap = st.text[pos:q.start]
                return q if QUOTE_GAP.fullmatch(gap) and "\n\n" not in gap else None
        return None

    @staticmethod
    def _quote_before(pos: int, st: _DocState) -> Quote | None:
        best: Quote | None = None
        for q in st.quotes:
            if q.end <= pos:
                best = q
            else:
                break
        if best is None:
            return None
        return best if ATTRIBUTION_GAP.fullmatch(st.text[best.end:pos]) else None

    @staticmethod
    def _ends_sentence(verb: Token, st: _DocState) -> bool:
        """Nothing but the cue's own dependents (speaker, time, place) follows it in the sentence."""
        sent = verb.sent
        tail = [t for t in st.doc[verb.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
        return all(t.head == verb or verb in t.ancestors for t in tail) and not any(
            t.dep_ in ("ccomp", "dobj") for t in verb.rights
        )

    @staticmethod
    def _last_before(pos: int, st: _DocState) -> Token | None:
        span = st.doc.char_span(max(0, pos - 1), pos, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        tok = span[0]
        while tok.i > 0 and (tok.is_space or tok.idx >= pos):
            tok = st.doc[tok.i - 1]
        return tok

    @staticmethod
    def _sentence_last(sent: Any, st: _DocState) -> int:
        return int(sent.end) - 1

    def _negated(self, head: Token | None) -> bool:
        if head is None:
            return False
        for child in head.children:
            if child.dep_ == "neg" or child.lower_ == "never":
                return True
            if child.dep_ in ("nsubj", "nsubjpass") and any(
                d.dep_ == "det" and d.lower_ == "no" for d in child.children
            ):
                return True
        return False

    def _content_level(self, head: Token | None) -> str | None:
        if head is None:
            return None
        levels = []
        for child in head.children:
            low = child.lower_
            if child.dep_ == "aux" and low in self.table.content_modals:
                levels.append(self.table.content_modals[low])
            elif child.dep_ == "advmod" and low in self.table.content_hedges:
                levels.append(self.table.content_hedges[low])
        return min(levels, key=LEVELS.index) if levels else None

    # -- according to ----------------------------------------------------------------------------

    def _according(self, tok: Token, st: _DocState) -> _Draft | None:
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None:
            return None
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            return None
        speaker = self._phrase_speaker(source, st, set())
        clause = tok.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
            clause = clause.head
        sent = tok.sent
        lo = max(clause.left_edge.i, sent.start)
        hi = min(clause.right_edge.i, sent.end - 1)
        phrase_lo, phrase_hi = tok.left_edge.i, tok.right_edge.i
        before = _trim_tokens(st.doc, lo, phrase_lo - 1)
        after = _trim_tokens(st.doc, phrase_hi + 1, hi)
        if before[1] < before[0]:
            i0, i1 = after
        elif after[1] < after[0]:
            i0, i1 = before
        else:
            i0, i1 = lo, hi  # "The strike, according to X, killed five": the whole clause
        content = self._finish(i0, i1, clause, tok.idx, st, quoted_kind=True)
        if content is None:
            return None
        content.start, content.end = _clip_to_paragraph(st.text, content.start, content.end, tok.idx)
        if content.end <= content.start:
            return None
        cue_start, cue_end = tok.idx, to.idx + len(to)
        factuality = adjust_factuality(
            self.table.according_to,
            negated_content=self._negated(content.head),
            content_level=self._content_level(content.head),
        )
        return _Draft(
            cue_token=tok, cue_text=st.text[cue_start:cue_end], cue_start=cue_start, cue_end=cue_end,
            speaker=speaker, content_start=content.start, content_end=content.end, kind="according_to",
            factuality=factuality, own_subject=True, content_root=clause,
        )

    # -- chains and records ----------------------------------------------------------------------

    @staticmethod
    def _fold_chains(st: _DocState) -> None:
        """ "Y confirmed that ..., X reported": one claim of Y's, passed on by X."""
        for outer in st.drafts:
            root = outer.content_root
            if root is None or outer.folded:
                continue
            inner = st.by_cue.get(root.i)
            if inner is None or inner is outer or not inner.own_subject or inner.folded:
                continue
            link = ChainLink(text=outer.speaker.label, actor=outer.speaker.actor, cue=outer.cue_text)
            inner.via = [*outer.via, link, *inner.via]
            outer.folded = True

    def _records(self, st: _DocState) -> list[Claim]:
        doc_id = st.read.document.id
        drafts = [d for d in st.drafts if not d.folded]
        drafts.sort(key=lambda d: (min(d.content_start, d.cue_start, d.speaker.start), d.cue_start))
        claims = []
        for n, d in enumerate(drafts, start=1):
            lo = min(d.content_start, d.cue_start, d.speaker.start)
            hi = max(d.content_end, d.cue_end, d.speaker.end)
            claims.append(Claim(
                id=f"{doc_id}:c{n}",
                doc_id=doc_id,
                speaker=d.speaker.actor,
                speaker_text=d.speaker.label,
                speaker_span=_span(st, d.speaker.start, d.speaker.end),
                cue=d.cue_text,
                cue_span=_span(st, d.cue_start, d.cue_end),
                factuality=d.factuality,
                content=_span(st, d.content_start, d.content_end),
                via=list(d.via),
                evidence=self._evidence(st, lo, hi),
                kind=d.kind,
            ))
        return claims

    @staticmethod
    def _evidence(st: _DocState, lo: int, hi: int) -> list[Span]:
        first = st.sentence_of(lo)
        spans = []
        for s_start, s_end in st.sent_bounds[first:]:
            if s_start >= hi:
                break
            text = st.text[s_start:s_end]
            stripped = text.rstrip()
            if stripped:
                spans.append(_span(st, s_start, s_start + len(stripped)))
        return spans


def _span(st: _DocState, start: int, end: int) -> Span:
    return Span(doc_id=st.read.document.id, start=start, end=end, text=st.text[start:end])


def _negative(subject: Token) -> bool:
    """"no one", "nobody", "none of them": a subject that says nobody spoke."""
    low = subject.lower_
    return low in ("nobody", "none", "noone") or (
        low == "one" and any(c.lower_ == "no" for c in subject.children)
    ) or any(c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def _within_line(doc: Doc, i0: int, i1: int, keep: int) -> tuple[int, int]:
    """Cut a phrase at a line break or colon around `keep`: captions and credits run into names."""
    for k in range(keep - 1, i0 - 1, -1):
        if "\n" in doc[k].text_with_ws or doc[k].text == ":":
            i0 = k + 1
            break
    for k in range(keep, i1 + 1):
        if "\n" in doc[k].whitespace_ + (doc[k + 1].text if k + 1 < len(doc) and doc[k + 1].is_space else ""):
            i1 = k
            break
        if doc[k].text == ":" and k > keep:
            i1 = k - 1
            break
    return _trim_tokens(doc, i0, i1)


def _balance_quotes(doc: Doc, i0: int, i1: int) -> tuple[int, int]:
    """Take back a quotation mark or bracket the trimming cut off ('“credible intelligence” reports')."""
    if i1 < i0:
        return i0, i1
    text = doc[i0 : i1 + 1].text
    for opener, closer in (("“", "”"), ("‘", "’"), ("(", ")")):
        if text.count(closer) > text.count(opener) and i0 > 0 and doc[i0 - 1].text == opener:
            i0 -= 1
        elif text.count(opener) > text.count(closer) and i1 + 1 < len(doc) and doc[i1 + 1].text == closer:
            i1 += 1
    return i0, i1


def _clip_to_paragraph(text: str, start: int, end: int, anchor: int) -> tuple[int, int]:
    """Content never runs over a blank line: keep the paragraph on the cue's side."""
    para = text.find("\n\n", start, end)
    if para == -1:
        return start, end
    if anchor >= para:
        start = text.rfind("\n\n", start, end) + 2
    else:
        end = para
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _trim_tokens(doc: Doc, i0: int, i1: int) -> tuple[int, int]:
    while i0 <= i1 and (doc[i0].is_punct or doc[i0].is_space):
        i0 += 1
    while i1 >= i0 and (doc[i1].is_punct or doc[i1].is_space):
        i1 -= 1
    return i0, i1


def _clause_head(tokens: Any) -> Token | None:
    """The first predicate of a stretch whose head lies outside it (or is a sentence root)."""
    if tokens is None or len(tokens) == 0:
        return None
    lo, hi = tokens[0].i, tokens[-1].i
    for tok in tokens:
        if tok.pos_ in ("VERB", "AUX") and (tok.head == tok or not lo <= tok.head.i <= hi):
            return cast(Token, tok)
    return None
