"""Why each rubric part got its score, in one line: what raised it and what lowered it.

Shown beside the part's percentage in "How the score was reached", so no figure stands alone
(a "Delivery 51%" always says it is the answer's length, not hedges, that held it back).
"""

from __future__ import annotations

from collections.abc import Sequence

from mockmate_tui.feedback.coverage import KeyPointResult
from mockmate_tui.feedback.job_terms import TermCoverage
from mockmate_tui.feedback.signals import Signals
from mockmate_tui.feedback.structure import Structure
from mockmate_tui.feedback.yardstick import Yardstick


def part_reasons(structure: Structure, points: Sequence[KeyPointResult], terms: TermCoverage,
                 signals: Signals, parts: dict[str, float],
                 length: Yardstick) -> dict[str, str]:
    return {
        "structure": _structure(structure),
        "key_points": _key_points(points),
        "job_terms": _job_terms(terms),
        "specificity": _specificity(signals),
        "length": _length(signals.words, length),
        "delivery": _delivery(signals, parts["delivery"], length),
    }


def _structure(structure: Structure) -> str:
    full = [p.name for p in structure.parts if p.credit >= 0.99]
    thin = [p.name for p in structure.parts if 0 < p.credit < 0.99]
    missing = [p.name for p in structure.parts if p.credit == 0]
    said = []
    if full:
        said.append(", ".join(full) + " told")
    if thin:
        said.append(", ".join(thin) + " partly")
    if missing:
        said.append(", ".join(missing) + " missing")
    return "; ".join(said)


def _key_points(points: Sequence[KeyPointResult]) -> str:
    covered = sum(1 for p in points if p.covered)
    return f"{covered} of {len(points)} key points covered"


def _job_terms(terms: TermCoverage) -> str:
    total = len(terms.matched) + len(terms.missing)
    if terms.credit >= 1.0:
        return (f"names {len(terms.matched)} of the {total} skills and technologies of the job "
                "that this question is about, enough for full marks")
    return (f"names {len(terms.matched)} of the {total} skills and technologies of the job that "
            "this question is about")


def _specificity(signals: Signals) -> str:
    found = [f"{len(signals.figures)} figure(s)" if signals.figures else "",
             f"{len(signals.named)} name(s)" if signals.named else "",
             f"{len(signals.examples)} example phrase(s)" if signals.examples else ""]
    shown = [item for item in found if item]
    if not shown:
        return "no figures, names or examples"
    lacking = "" if signals.figures else "; no figures"
    return ", ".join(shown) + lacking


def _length(words: int, length: Yardstick) -> str:
    return f"{words} words; {length.describe()}"


def _delivery(signals: Signals, credit: float, length: Yardstick) -> str:
    loose = len(signals.fillers) + len(signals.hedges)
    cliches = len(signals.cliches)
    if not loose and not cliches:
        reason = "no hedges, filler or cliches"
    else:
        found = [f"{loose} hedge(s) or filler" if loose else "",
                 f"{cliches} cliche(s)" if cliches else ""]
        reason = " and ".join(f for f in found if f) + f" in {signals.words} words"
    return reason
