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

from triangulate.extract.claims.cues import (
    CUES_PATH,
    FACTUALITY_VALUES,
    LEVELS,
    CueTable,
    PredicateCue,
    VerbCue,
    adjust_factuality,
    default_table,
)
from triangulate.extract.claims.extractor import ClaimExtractor
from triangulate.extract.claims.quotes import Quote, find_quotes
from triangulate.extract.claims.state import ClaimKind

__all__ = [
    "CUES_PATH",
    "FACTUALITY_VALUES",
    "LEVELS",
    "ClaimExtractor",
    "ClaimKind",
    "CueTable",
    "PredicateCue",
    "Quote",
    "VerbCue",
    "adjust_factuality",
    "default_table",
    "find_quotes",
]
