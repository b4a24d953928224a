"""The records `check` answers with: the verdict and the stored statements for, against and about the claim."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from triangulate.link.stance import ReportStance

Verdict = Literal["supported", "refuted", "disputed", "unsupported"]


@dataclass
class Item:
    """One stored statement for or against the claim, with where it came from."""

    kind: str  # responsibility, claim, report
    doc_id: str
    speaker: str | None
    speaker_text: str | None
    stance: str | None
    factuality: str | None
    outlet: str | None
    title: str | None
    published: str | None
    via: list[str]
    evidence: list[dict[str, Any]]

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class CheckResult:
    claim: str
    verdict: Verdict
    reading: str  # how the claim was read: statement, responsibility, retraction, sentences, event, stance
    supports: list[Item] = field(default_factory=list)
    refutes: list[Item] = field(default_factory=list)
    discusses: list[Item] = field(default_factory=list)
    reports: list[ReportStance] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "claim": self.claim, "verdict": self.verdict, "reading": self.reading,
            "supports": [i.as_json() for i in self.supports], "refutes": [i.as_json() for i in self.refutes],
            "discusses": [i.as_json() for i in self.discusses], "reports": [r.as_json() for r in self.reports],
        }


def decide(result: CheckResult) -> CheckResult:
    """The verdict its items give: supported, refuted, disputed (both), unsupported (neither)."""
    if result.supports and result.refutes:
        result.verdict = "disputed"
    elif result.supports:
        result.verdict = "supported"
    elif result.refutes:
        result.verdict = "refuted"
    else:
        result.verdict = "unsupported"
    return result
