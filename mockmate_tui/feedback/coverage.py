"""What an answer covers: the question's key points (the job description's terms are
job_terms.py's).

Each key point gets one decision, covered or not, with the span of the answer that covers it
quoted exactly: the key-point judge (keypoints/judge.py, a model trained here) reads each point
against each sentence of the answer (keypoints/spans.py), the word matcher (keypoints/words.py)
reads its words, and the combiner (keypoints/combine.py, fit here on the labelled answers)
decides from both and quotes the span that speaks to the point. Without the combiner's file,
the judge's threshold decides beside the words (keypoints/decide.py); when the model cannot
load, the word matcher decides alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mockmate_tui.feedback.fitted import MODEL
from mockmate_tui.feedback.keypoints.combine import READ_KINDS, decide_points
from mockmate_tui.feedback.keypoints.decide import (
    Policy,
    WordVerdict,
    decide,
    open_points,
    with_words,
)
from mockmate_tui.feedback.keypoints.judge import Judge, get_judge
from mockmate_tui.feedback.keypoints.spans import Candidate, candidate_spans
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
        if judge.combiner is not None:
            scores = _read_spans(judge, points, spans)
            return tuple(KeyPointResult(d.point, d.covered, d.quote, round(d.score, 3),
                                        judge.combiner.threshold)
                         for d in decide_points(spans, scores, words, judge.combiner))
        policy = Policy(judge.config.threshold, judge.config.both, judge.config.words_floor)
        scores = _span_scores(judge, points, spans, [w.covered for w in words], policy)
        decided = with_words(decide(points, spans, scores, policy),
                             [WordVerdict(w.covered, w.evidence) for w in words], policy)
        return tuple(KeyPointResult(d.point, d.covered, d.quote if d.covered else None,
                                    round(d.score, 3), judge.config.threshold)
                     for d in decided)
    results: list[KeyPointResult] = []
    for judgement in judge_points(key_points, answer, category, expected_minutes, question):
        covered = judgement.covered
        results.append(KeyPointResult(judgement.point, covered,
                                      judgement.evidence if covered else None,
                                      round(judgement.score, 3)))
    return tuple(results)


def _read_spans(judge: Judge, points: Sequence[str],
                spans: Sequence[Candidate]) -> list[list[float]]:
    """Every point's score on the spans the combiner reads, in one run (0 on the others)."""
    read = [j for j, c in enumerate(spans) if c.kind in READ_KINDS]
    scores = [[0.0] * len(spans) for _ in points]
    for i, row in enumerate(judge.scores(points, [spans[j].span.text for j in read])):
        for j, value in zip(read, row, strict=True):
            scores[i][j] = value
    return scores


def _span_scores(judge: Judge, points: Sequence[str], spans: Sequence[Candidate],
                 said: Sequence[bool], policy: Policy) -> list[list[float]]:
    """Every point's score on every span, in two runs: sentences (and a short answer whole)
    first, then two-sentence windows for the points still open (no sentence reaches the
    threshold, and the words do not already carry them past the floor). A settled point's
    windows count as 0: half the work on a long answer, where windows are most of the text."""
    scores = [[0.0] * len(spans) for _ in points]
    first = [j for j, c in enumerate(spans) if c.kind != "window"]
    later = [j for j, c in enumerate(spans) if c.kind == "window"]
    for i, row in enumerate(judge.scores(points, [spans[j].span.text for j in first])):
        for j, value in zip(first, row, strict=True):
            scores[i][j] = value
    still_open = open_points(scores, spans, said, policy)
    if still_open and later:
        rows = judge.scores([points[i] for i in still_open],
                            [spans[j].span.text for j in later])
        for i, row in zip(still_open, rows, strict=True):
            for j, value in zip(later, row, strict=True):
                scores[i][j] = value
    return scores


def key_point_coverage(key_points: Sequence[str], answer: str, category: str | None = None,
                       expected_minutes: int | None = None,
                       question: str = "") -> tuple[KeyPointResult, ...]:
    return judge_key_points(key_points, answer, category, expected_minutes, question)
