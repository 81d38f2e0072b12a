"""What an answer covers: the question's key points (the job description's terms are
job_terms.py's).

Each key point gets one decision, covered or not, with the span of the answer that covers it
quoted exactly: the key-point judge (keypoints/judge.py, a model trained here) reads each point
against each sentence of the answer (keypoints/spans.py), the word matcher (keypoints/words.py)
reads its words, and the combiner (keypoints/combine.py, fit here on the labelled answers)
decides from both and quotes the span that speaks to the point. When the model or the
combiner cannot load, the word matcher decides alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mockmate_tui.feedback.fitted import MODEL
from mockmate_tui.feedback.keypoints.combine import READ_KINDS, decide_points
from mockmate_tui.feedback.keypoints.judge import Judge, get_judge
from mockmate_tui.feedback.keypoints.spans import (
    Candidate,
    candidate_spans,
    question_vocabulary,
    says_nothing_new,
)
from mockmate_tui.feedback.keypoints.words import judge_points


@dataclass(frozen=True)
class KeyPointResult:
    point: str
    covered: bool
    evidence: str | None
    """When covered, the sentence or clause of the answer that covers the point, quoted exactly
    (an exact substring of the answer); otherwise None."""
    coverage: float = 0.0
    """How near the point its best span came, 0..1 (the judge's score, or the word matcher's
    odds)."""
    threshold: float = MODEL.threshold
    """The coverage at which the point is covered (the judge's or the word matcher's)."""


def judge_key_points(key_points: Sequence[str], answer: str, category: str | None = None,
                     expected_minutes: int | None = None,
                     question: str = "") -> tuple[KeyPointResult, ...]:
    """One decision per key point (points with no content words are left out), with evidence.
    The category ("technical", ...), the minutes the answer is expected to take and the
    question's text are the question's, when known: the word matcher weighs them; the judge
    reads only the point and the answer's spans."""
    judge = get_judge()
    if judge is not None:
        words = judge_points(key_points, answer, category, expected_minutes, question)
        points = [judgement.point for judgement in words]
        spans = candidate_spans(answer)
        scores = _read_spans(judge, points, spans, question_vocabulary(question, key_points),
                             category)
        return tuple(KeyPointResult(d.point, d.covered, d.quote, round(d.score, 3),
                                    judge.combiner.threshold)
                     for d in decide_points(spans, scores, words, judge.combiner))
    results: list[KeyPointResult] = []
    for judgement in judge_points(key_points, answer, category, expected_minutes, question):
        covered = judgement.covered
        results.append(KeyPointResult(judgement.point, covered,
                                      judgement.evidence if covered else None,
                                      round(judgement.score, 3)))
    return tuple(results)


def _read_spans(judge: Judge, points: Sequence[str], spans: Sequence[Candidate],
                vocabulary: frozenset[str], category: str | None) -> list[list[float]]:
    """Every point's score on the spans the combiner reads, in one run (0 on the others, and
    on a span that only says the question's own words back: spans.says_nothing_new)."""
    read = [j for j, c in enumerate(spans)
            if c.kind in READ_KINDS and not says_nothing_new(c.span.text, vocabulary, category)]
    scores = [[0.0] * len(spans) for _ in points]
    for i, row in enumerate(judge.scores(points, [spans[j].span.text for j in read])):
        for j, value in zip(read, row, strict=True):
            scores[i][j] = value
    return scores


def key_point_coverage(key_points: Sequence[str], answer: str, category: str | None = None,
                       expected_minutes: int | None = None,
                       question: str = "") -> tuple[KeyPointResult, ...]:
    return judge_key_points(key_points, answer, category, expected_minutes, question)
