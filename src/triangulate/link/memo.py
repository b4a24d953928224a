"""What linking a story found that linking it again takes back: comparisons of two event mentions, and
what each claim is about and says (`claims.ClaimTerms`).

When a report joins a story, the story's links are made again whole - its merged events, claim groups
and contradictions come out exactly as if it were linked for the first time - but the costly parts that
depend on no more than two mentions or one claim are not worked out again: they are remembered per
story (`LinkMemo`, stored with the story's links) and looked up by id. So linking a report compares
its own mentions and reads its own claims; the rest of the work (clustering, grouping, the disputes) is
fast passes over what is remembered.

A remembered result is taken back only while what it was made from is the same: the linking rules
(`story_links.links_rules`), each report's analysis (its analyzer version) and each actor record
read (a digest of it, or its absence). Anything else is forgotten and worked out again.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from triangulate.link.claims import ClaimTerms
from triangulate.link.compared import Compared, Known
from triangulate.link.lexicon import LinkLexicon
from triangulate.link.mentions import Comparer
from triangulate.link.pairs import KnownPairs, PairBook
from triangulate.records import Actor, AnalyzedDocument, Claim, Document, Event

MEMO_FORMAT = 3  # bump when what is remembered, or how, changes (3: actors' digests of what is read of them)


def actor_digest(actor: Actor | None) -> str:
    """A short fingerprint of what the remembered results read of an actor record ("" for none): whether there is
    one, its country, sectors and affiliation. Comparing two mentions (`mentions`), the main event's pair verdicts
    (`events._pair`) and a claim's terms (`claims.claim_terms`) read nothing else of it, so a record that only
    changes its name or kind, as a provisional actor's does when another report spells or reads it otherwise
    (20 of 27 changed records in the probes at 10^4), keeps them; they were all worked out again (docs/performance.md,
    twentieth session). Reading another field of an actor in those means adding it here."""
    if actor is None:
        return ""
    read = json.dumps([actor.country, actor.sectors, actor.affiliation])
    return hashlib.blake2b(read.encode("utf-8"), digest_size=8).hexdigest()


def _read_actors(doc: AnalyzedDocument) -> set[str]:
    """The actor ids whose records comparing the report's mentions or reading its claims looks up."""
    found = {m.actor_id for m in doc.mentions}
    for event in doc.events:
        found.update(a for a in (event.source_actor, event.target_actor) if a)
    return found


@dataclass
class LinkMemo:
    """Remembered comparisons (`compared.Known`) and claim terms (by claim id), with what they were made
    from; `hits` and `misses` count the claim terms and comparisons taken back and made anew."""

    rules: str = ""
    versions: dict[str, str | None] = field(default_factory=dict)  # report -> analyzer version
    actors: dict[str, str] = field(default_factory=dict)  # actor id read -> its digest ("" absent)
    compared: Known = field(default_factory=Known)
    terms: dict[str, ClaimTerms] = field(default_factory=dict)
    pairs: KnownPairs = field(default_factory=KnownPairs)  # the main event's pair verdicts (`pairs`)
    hits: int = 0
    misses: int = 0
    # the table `comparisons` made last, made into `compared` only when that is read: its columns are not
    # copied while the story is linked (6 MB for the 800,000 pairs of a story of 3,900 mentions)
    _table: Compared | None = field(default=None, repr=False, compare=False)

    def _settle(self) -> None:
        if self._table is not None:
            self.compared, self._table = self._table.known(), None

    def fit(self, rules: str, versions: Mapping[str, str | None]) -> None:
        """Keep only what holds for these rules and these reports (each at its analyzer version)."""
        self._settle()
        if rules != self.rules:
            self._forget()
        kept = {d for d, v in versions.items() if d in self.versions and self.versions[d] == v}
        self.compared.ids = [i if _doc(i) in kept else "" for i in self.compared.ids]  # "": not a mention now
        self.terms = {claim_id: t for claim_id, t in self.terms.items() if _doc(claim_id) in kept}
        self.pairs.forget(doc_ids=kept)
        self.rules = rules
        self.versions = dict(versions)

    def check(self, docs: Sequence[AnalyzedDocument], actors: Mapping[str, Actor]) -> None:
        """Forget what read an actor record that has changed, or appeared (a report new to the story brought
        the record of an actor the others only named); then note the records read now."""
        self._settle()
        read = set().union(*(_read_actors(d) for d in docs)) if docs else set()
        now = {actor_id: actor_digest(actors.get(actor_id)) for actor_id in read}
        changed = {actor_id for actor_id, digest in self.actors.items()
                   if now.get(actor_id, actor_digest(actors.get(actor_id))) != digest}
        if changed:
            stale = {e.id for d in docs for e in d.events if {e.source_actor, e.target_actor} & changed}
            self.compared.ids = ["" if i in stale else i for i in self.compared.ids]
            self.pairs.forget(event_ids=stale)
            unread = {d.document.id for d in docs if any(m.actor_id in changed for m in d.mentions)}
            self.terms = {claim_id: t for claim_id, t in self.terms.items() if _doc(claim_id) not in unread}
        self.actors = now

    def _forget(self) -> None:
        self._table = None
        self.compared = Known()
        self.terms = {}
        self.pairs = KnownPairs()
        self.actors = {}

    def comparisons(self, events: Sequence[Event], actors: dict[str, Actor], lexicon: LinkLexicon) -> Compared:
        """The table of the story's comparisons, those remembered taken back; remembered for next time."""
        self._settle()
        known = self.compared if all(_doc(e.id) == e.doc_id for e in events) else None
        table = Compared(events, Comparer(actors, lexicon), known)
        made = table.made
        total = sum(n * (n - 1) // 2 for n in Counter(e.type for e, ok in zip(events, table.comparable, strict=True)
                                                      if ok).values())
        self.hits += total - made
        self.misses += made
        self._table = table
        return table

    def pair_book(self, events: Sequence[Event], documents: Mapping[str, Document]) -> PairBook:
        """The main event's pair verdicts remembered, for `merge_events`, which adds the ones it makes; `keep_pairs`
        remembers them after it. None taken back where mention ids do not name their reports."""
        known = self.pairs if all(_doc(e.id) == e.doc_id for e in events) else KnownPairs()
        return PairBook(known, documents)

    def keep_pairs(self, book: PairBook, events: Sequence[Event]) -> None:
        """Remember the verdicts of a linking (`pair_book`)."""
        self.pairs = book.kept() if all(_doc(e.id) == e.doc_id for e in events) else KnownPairs()

    def claim_terms(self, claim: Claim, read: Callable[[], ClaimTerms]) -> ClaimTerms:
        """The claim's terms, remembered or `read` now."""
        found = self.terms.get(claim.id)
        if found is not None:
            self.hits += 1
            return found
        self.misses += 1
        found = read()
        if _doc(claim.id) == claim.doc_id:
            self.terms[claim.id] = found
        return found

    def to_json(self) -> str:
        """The memo as compact JSON: the comparisons' columns written straight in (`Known.json_parts`)."""
        self._settle()
        compact = (",", ":")
        head = json.dumps({"format": MEMO_FORMAT, "rules": self.rules, "versions": self.versions,
                           "actors": self.actors}, separators=compact)
        terms = {claim_id: [sorted(t.speakers), sorted(t.anchors), sorted(t.predicates), sorted(t.weak_predicates),
                            sorted(t.words)]
                 for claim_id, t in sorted(self.terms.items())}
        return "".join([head[:-1], ',"compared":', *self.compared.json_parts(), ',"terms":',
                        json.dumps(terms, separators=compact), ',"pairs":', *self.pairs.json_parts(), "}"])

    @classmethod
    def from_json(cls, text: str | None) -> LinkMemo:
        """A memo read back; an empty one for none, or one in another format."""
        data = json.loads(text) if text else {}
        if data.get("format") != MEMO_FORMAT:
            return cls()
        terms = {claim_id: ClaimTerms(*(frozenset(part) for part in parts)) for claim_id, parts in data["terms"].items()}
        return cls(rules=data["rules"], versions=data["versions"], actors=data["actors"],
                   compared=Known.from_json(data["compared"]), terms=terms, pairs=KnownPairs.from_json(data.get("pairs")))


def _doc(item_id: str) -> str:
    """The report an event or claim id belongs to ("<doc id>:e3")."""
    return item_id.rsplit(":", 1)[0]
