"""Who a claim says took back their own word: "X withdrew (retracted) its claim of responsibility"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from triangulate.link.lexicon import LinkLexicon
from triangulate.records import ActorMention

SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True)
class Retraction:
    speaker: str | None  # the actor who took it back, when the words name a known one
    speaker_text: str


def retraction(doc: Doc, mentions: Sequence[ActorMention], lexicon: LinkLexicon) -> Retraction | None:
    """The one the sentence says withdrew its claim (acknowledgement, admission), or None."""
    for verb in doc:
        if verb.lemma_.lower() not in lexicon.retraction_verbs or verb.pos_ not in ("VERB", "AUX"):
            continue
        taken = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in lexicon.retracted_nouns]
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        # "withdrew its claim", not "withdrew troops"; one who names themselves, not "it" left unread
        if not taken or subject is None or subject.pos_ == "PRON":
            continue
        words = doc[subject.left_edge.i:subject.right_edge.i + 1]
        on = [m for m in mentions if words.start_char <= m.start < words.end_char]
        return Retraction(on[0].actor_id if on else None, words.text)
    return None
