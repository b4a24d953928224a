"""Comparing two event mentions (`link/mentions.py`): the comparer a story's table of comparisons uses,
each mention's facts worked out once, answers as `compare_events` does, on real reports."""

from __future__ import annotations

from itertools import combinations

from triangulate.link.lexicon import load_lexicon
from triangulate.link.mentions import Comparer, compare_events
from triangulate.records import AnalyzedDocument


def test_comparer_agrees_with_compare_events(ecb_sample: list[AnalyzedDocument]) -> None:
    lexicon = load_lexicon()
    actors = {actor.id: actor for item in ecb_sample for actor in item.actors}
    events = [e for item in ecb_sample for e in item.events]
    comparer = Comparer(actors, lexicon)
    kept = vetoed = 0
    for a, b in combinations(events, 2):
        if a.type != b.type:
            continue
        expected, found = compare_events(a, b, actors, lexicon), comparer(a, b)
        assert found.veto == expected.veto, (a.id, b.id)
        if expected.veto:  # a veto is all a table keeps of such a pair: the comparer stops there
            vetoed += 1
            continue
        kept += 1
        assert (found.score, found.conflicts) == (expected.score, expected.conflicts), (a.id, b.id)
    assert kept > 100 and vetoed > 100  # both kinds of pair were met
