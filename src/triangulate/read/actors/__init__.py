"""actors: the curated dictionary, normalization, and within-report resolution.

`ActorDictionary.default()` loads `data/actors.yaml` (states expanded to <ISO3>.GOV and
<ISO3>.MIL, other actors as listed), `data/demonyms.yaml` and `data/agents.yaml` once.
`find_mentions` finds, in one parsed report:

- dictionary names and aliases ("PMF", "the Popular Mobilization Units"), matched through an
  index of lowercased token tuples built at load time;
- country names used as agents ("Israel was behind ...") but not as places ("in Iraq"), and
  capitals as metonyms of the government only as agents ("Washington said", "Moscow's");
- demonyms and country words on a noun ("Russian forces" -> RUS.MIL, "Iraqi police" -> IRQ.POL,
  "Israeli drones" -> ISR.MIL);
- generic group nouns ("protesters", "unidentified gunmen"), as actors created on demand with
  ids <ISO3>.<ROLE>; XXX stands for "country not stated";
- people with their titles ("Israeli Prime Minister Benjamin Netanyahu"), as person actors
  with id <organization id>.<name slug>, and later short forms and he/she pronouns (coref);
- "it" / "they" as the subject of what a group or state says ("Hamas said it fired the rockets"), as
  the one who says it (`how` speaker; `agents.yaml` `reporting_verbs`);
- every other named entity (ORG, NORP, PERSON, agentive GPE) as a provisional actor `prov:<slug>`;
- definite descriptions ("the group", "the Shiite militia", "the regime", "the North") as the most
  recent earlier actor whose kind fits the type noun and whose traits agree with the modifiers
  (`data/descriptions.yaml`); unresolved when none fits or two fit equally.

`ActorMention.how` is one of: dictionary, metonym (a capital), demonym, generic (a group noun),
title, coref, speaker (a pronoun standing for who says it), provisional, described (a definite description;
`antecedent` is the actor's mention).

Modules: `vocabulary` (constants, normalization, agents.yaml), `dictionary` (`ActorDictionary`),
`found` (a report pass's shared state), `mentions` (the finder's steps 1, 2 and 4), `people`
(steps 3 and 5: titles, coref, speakers' pronouns), `described` (step 6: definite descriptions), `syntax` (place or agent
role, a group noun's own country).
"""

from triangulate.read.actors.dictionary import ActorDictionary
from triangulate.read.actors.found import PlaceCountries
from triangulate.read.actors.syntax import stray_subject
from triangulate.read.actors.vocabulary import (
    UNKNOWN_COUNTRY,
    AgentVocabulary,
    IndexEntry,
    _norm,
    slugify,
)

__all__ = [
    "UNKNOWN_COUNTRY",
    "ActorDictionary",
    "AgentVocabulary",
    "IndexEntry",
    "PlaceCountries",
    "_norm",
    "slugify",
    "stray_subject",
]
