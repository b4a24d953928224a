"""Whether a deed was done to the doer of an attack, read from the words naming whom it was done to.

"One of the attackers was shot dead by police", "the gunmen were killed by security forces", and, after
an attacker is named, "another was killed by security forces": such a deed answers the attack. Its doer
did not do the attack, and its dead are not the attack's victims.
"""

from __future__ import annotations

import re
from collections.abc import Collection

# words that stand for a noun named before them: "one attacker ... and three others", "another"
ELLIPTIC_WORDS = frozenset({"another", "other", "others", "second", "third", "rest", "remaining"})
_WORDS = re.compile(r"[a-z]+(?:-[a-z]+)*")


def done_to_doer(target_text: str | None, sentence: str, nouns: Collection[str], source_text: str | None = None) -> bool:
    """The target's last word is a doer's noun ("the attackers"), or stands for one that the sentence names
    before it ("one attacker blew himself up and another was shot") other than the deed's own doer ("the
    gunman killed one and wounded another")."""
    words = _WORDS.findall((target_text or "").lower())
    if not words:
        return False
    if words[-1] in nouns:
        return True
    if words[-1] not in ELLIPTIC_WORDS:
        return False
    low = sentence.lower()
    at = low.find((target_text or "").lower())
    before = _WORDS.findall(low[:at] if at >= 0 else "")
    own = set(_WORDS.findall((source_text or "").lower()))
    return any(w in nouns and w not in own for w in before)
