"""What an answer covers: the question's key points, and the job description's important terms.

Each key point gets one decision, covered or not, with the span of the answer that covers it
quoted exactly: the key-point judge (keypoints/judge.py, a model trained here) reads each point
against each span of the answer (keypoints/spans.py) and keypoints/decide.py picks, for each
point, the span that speaks to it; a point the word matcher (keypoints/words.py) covers stays
covered unless the judge scores it low. When the model cannot load, the word matcher decides
alone. The job
description's important terms are the words that say what this job is about (tools, named
things, repeated content words), not the boilerplate every job advert shares.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mockmate_tui.core.words import word_list
from mockmate_tui.feedback.fitted import MODEL
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
from mockmate_tui.feedback.signals import KNOWN_TOOLS
from mockmate_tui.feedback.text import (
    STOPWORDS,
    meets,
    raw_tokens,
    sentences,
    stem,
)

# A key point not covered still earns up to this much credit for how near its best sentence came.
_NEAR_MISS_CREDIT = 0.4
# Mentioning this many of the job's important terms earns the whole job-terms part.
_JOB_TERMS_FOR_FULL_CREDIT = 4
MAX_JOB_TERMS = 10

# Words every job advert uses; they say nothing about this job.
_ADVERT_WORDS = frozenset(stem(word) for word in word_list("""
we you our team teams role roles join joining looking candidate candidates ideal experience
experienced years year strong ability able skills skill work working works company companies
opportunity opportunities responsibilities responsibility requirements requirement required
preferred plus bonus nice must including include includes environment great excellent good
knowledge understanding familiarity hiring hire will within across help position salary
benefits remote office based apply engineer engineers engineering developer developers
new day days level senior junior mid lead staff principal minimum least etc well highly
passionate motivated fast-paced dynamic exciting world-class closely collaborate wide range
"""))


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


@dataclass(frozen=True)
class TermCoverage:
    matched: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def credit(self) -> float:
        total = len(self.matched) + len(self.missing)
        if total == 0:
            return 0.0
        return min(1.0, len(self.matched) / min(total, _JOB_TERMS_FOR_FULL_CREDIT))


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


def key_point_credit(results: Sequence[KeyPointResult]) -> float:
    """0..1: a covered point earns 1, a missed one a little for how near it came."""
    if not results:
        return 0.0
    return sum(1.0 if r.covered else _NEAR_MISS_CREDIT * min(1.0, r.coverage / r.threshold)
               for r in results) / len(results)


def important_terms(job_description: str, limit: int = MAX_JOB_TERMS) -> tuple[str, ...]:
    """The words that say what this job is about, most telling first."""
    scores: dict[str, float] = {}
    shown: dict[str, str] = {}
    first_seen: dict[str, int] = {}
    position = 0
    for sentence in sentences(job_description):
        for index, word in enumerate(raw_tokens(sentence)):
            lowered = word.casefold().replace("’", "'")
            position += 1
            if lowered in STOPWORDS or (len(lowered) < 3 and lowered not in KNOWN_TOOLS):
                continue
            if lowered.replace(".", "").replace(",", "").isdigit():
                continue
            key = stem(lowered)
            if key in _ADVERT_WORDS:
                continue
            bonus = 0.0
            if lowered in KNOWN_TOOLS:
                bonus += 2.0
            elif index > 0 and word[0].isupper():
                bonus += 1.0
            scores[key] = scores.get(key, 0.0) + 1.0 + bonus
            shown.setdefault(key, word if (bonus or word.isupper()) else lowered)
            first_seen.setdefault(key, position)
    ranked = sorted(scores, key=lambda k: (-scores[k], first_seen[k]))
    return tuple(shown[key] for key in ranked[:limit])


def job_term_coverage(job_description: str, answer_stems: frozenset[str]) -> TermCoverage:
    matched: list[str] = []
    missing: list[str] = []
    for term in important_terms(job_description):
        (matched if meets(stem(term), answer_stems) else missing).append(term)
    return TermCoverage(tuple(matched), tuple(missing))
