"""Which sentence of the answer each part of its structure quotes.

A part's evidence is always one whole sentence (or a clause of one) of the answer, an exact
substring of it, never a summary or a list of words: feedback that says "Situation: ..." shows
the person what they wrote. In a STAR answer each part gets a sentence (or clause) of its own.
One sentence cannot be both the scene and the result; when it would be, the part that has no
other sentence is reported as missing, which is what an interviewer would notice too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from mockmate_tui.feedback.keypoints import Span, clause_spans
from mockmate_tui.feedback.text import sentence_slices

# Only the few best units per part are tried together: 4 parts x 7 choices (2,401 tries) stays
# instant on a 3,000-word answer and loses nothing a person would notice.
_CHOICES_PER_PART = 6


@dataclass(frozen=True)
class Unit:
    """A sentence, or a clause of one, as an exact slice of the answer."""

    start: int
    end: int
    text: str
    whole: bool = True
    """A whole sentence, not a clause of one."""

    def overlaps(self, other: Unit) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Want:
    """What one part is looking for: the units that would do, best first."""

    name: str
    weight: float
    candidates: tuple[int, ...]
    """Indices into the answer's units, in order of preference."""


def answer_units(answer: str) -> list[Unit]:
    """The answer's sentences, then the clauses of those that have several: a part may quote a
    clause when another part needs the rest of its sentence ("Last year our deploys took 45
    minutes, so I rebuilt the pipeline")."""
    spans = [Span(start, end, answer[start:end]) for start, end in sentence_slices(answer)]
    units = [Unit(s.start, s.end, s.text) for s in spans]
    for span in spans:
        clauses = clause_spans(span)
        if len(clauses) > 1:
            units.extend(Unit(c.start, c.end, c.text, whole=False) for c in clauses)
    return units


def sentence_units(units: Sequence[Unit]) -> list[Unit]:
    """Only the whole sentences (they come first, in order, and do not overlap)."""
    return [unit for unit in units if unit.whole]


def matching(units: Sequence[Unit], cues: tuple[str, ...]) -> list[int]:
    """The indices of the units where any cue matches, sentences before clauses."""
    pattern = _cue_pattern(cues)
    return [index for index, unit in enumerate(units)
            if pattern.search(unit.text.replace("’", "'")) is not None]


@lru_cache(maxsize=64)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    """All of a part's cues as one pattern. Capitalised-name cues (company names) keep their
    case; the rest ignore it."""
    return re.compile("|".join(f"(?:{cue})" if "[A-Z]" in cue else f"(?i:{cue})"
                               for cue in cues), re.MULTILINE)


def assign(units: Sequence[Unit], wants: Sequence[Want]) -> dict[str, int | None]:
    """A different sentence (or clause) for each part, none overlapping another: the choice
    that quotes the most weight of parts, then the most preferred units. A part left without
    one gets None."""
    best: list[tuple[tuple[float, int], tuple[int | None, ...]]] = []

    def choose(index: int, picked: tuple[int | None, ...], covered: float, rank: int) -> None:
        if index == len(wants):
            key = (round(covered, 6), -rank)
            if not best or key > best[0][0]:
                best[:] = [(key, picked)]
            return
        want = wants[index]
        for position, candidate in enumerate(want.candidates[:_CHOICES_PER_PART]):
            unit = units[candidate]
            if not any(c is not None and unit.overlaps(units[c]) for c in picked):
                choose(index + 1, (*picked, candidate), covered + want.weight, rank + position)
        choose(index + 1, (*picked, None), covered, rank)

    choose(0, (), 0.0, 0)
    chosen = best[0][1]
    return {want.name: c for want, c in zip(wants, chosen, strict=True)}


def ranked(indices: Sequence[int], key: Callable[[int], tuple[float, ...]]) -> tuple[int, ...]:
    """The indices sorted best first by key (higher is better), ties kept in order."""
    return tuple(sorted(indices, key=lambda i: tuple(-k for k in key(i))))
