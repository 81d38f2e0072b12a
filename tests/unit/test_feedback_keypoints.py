"""Key points judged one by one, each with the sentence of the answer that covers it.

The two answers from the issue are judged right, every quote is an exact substring of the
answer and a whole sentence or clause of it, the feedback shows a tick or a cross per point, and
the decision's precision and recall on questions it was not fitted on (grouped cross-validation
over tests/keypoints/tune.toml, holdout.toml, fresh.toml and fresh2.toml) stay where they were
measured, on each file's questions too, and the shipped weights are the ones the labels give
(bench/keypoint_accuracy.py; FEEDBACK.md has the figures).
"""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from itertools import pairwise
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mockmate_tui.feedback import AnswerContext, evaluate_answer
from mockmate_tui.feedback.coverage import judge_key_points
from mockmate_tui.feedback.fitted import MODEL
from mockmate_tui.feedback.keypoints import clause_spans, sentence_spans
from mockmate_tui.feedback.keypoints.spans import candidate_spans
from mockmate_tui.questions.bank import builtin_bank

ROOT = Path(__file__).resolve().parents[2]
BANK = {question.id: question for question in builtin_bank()}

TEAM_ANSWER = (
    "Last spring our team of four built the checkout service for a shop redesign, with a six-week "
    "deadline. I owned the payment integration and the test suite. We met daily for ten minutes "
    "and I wrote a short design note so the frontend people knew the API early. We shipped two "
    "days early and checkout errors fell by 30%."
)

# The decision is fitted on tune.toml, holdout.toml, fresh.toml and fresh2.toml together, so
# the honest figure is the grouped cross-validation by question (FEEDBACK.md: 5 folds,
# 10 shuffles, P 0.913 R 0.784). The test runs 2 shuffles to stay fast; a regression below
# these less a small margin fails. Each file's questions, held out, keep at least these (the
# files differ in style; FEEDBACK.md has each one's figures).
CV_PRECISION = 0.91
CV_RECALL = 0.76
SOURCE_PRECISION = 0.85
SOURCE_RECALL = 0.62
MARGIN = 0.03


def labelled(split: str, question_id: str) -> list[dict[str, object]]:
    text = (ROOT / "tests" / "keypoints" / f"{split}.toml").read_text(encoding="utf-8")
    return [a for a in tomllib.loads(text)["answers"] if a["question_id"] == question_id]


def is_sentence_or_clause(quote: str, answer: str) -> bool:
    """The quote is one of the answer's sentences, two in a row, a clause of one, or a short
    one-line answer whole (the spans the key-point judge reads: keypoints/spans.py)."""
    spans = sentence_spans(answer)
    units = {span.text for span in spans} | {c.span.text for c in candidate_spans(answer)}
    units |= {answer[a.start:b.end] for a, b in pairwise(spans)}
    units |= {clause.text for span in spans for clause in clause_spans(span)}
    return quote in units


def test_the_issue_teamwork_answer_covers_all_four_points_with_exact_quotes() -> None:
    question = BANK["beh-easy-001"]
    results = judge_key_points(question.key_points, TEAM_ANSWER, question.category)
    assert [r.point for r in results] == list(question.key_points)
    for result in results:
        assert result.covered, result.point
        assert result.evidence is not None and result.evidence in TEAM_ANSWER
        assert is_sentence_or_clause(result.evidence, TEAM_ANSWER)
    by_point = {r.point: r.evidence for r in results}
    assert by_point["Your own role and contribution"] == (
        "I owned the payment integration and the test suite.")
    assert "We met daily" in (by_point["How you coordinated and communicated with teammates"]
                              or "")
    assert by_point["The result the team achieved"] == (
        "We shipped two days early and checkout errors fell by 30%.")


def test_the_teamwork_answer_without_its_result_is_told_the_result_is_missing() -> None:
    question = BANK["beh-easy-001"]
    answer = TEAM_ANSWER.replace(" We shipped two days early and checkout errors fell by 30%.", "")
    results = {r.point: r for r in judge_key_points(question.key_points, answer,
                                                     question.category)}
    missing = results["The result the team achieved"]
    assert not missing.covered and missing.evidence is None
    assert results["Your own role and contribution"].covered


def test_the_issue_kubernetes_star_answer_covers_every_point() -> None:
    question = BANK["beh-easy-014"]
    answers = [a for a in labelled("holdout", "beh-easy-014")
               if all(label["covered"] for label in a["labels"])]  # type: ignore[union-attr]
    assert answers, "the STAR answer about moving from VMs to Kubernetes is in holdout.toml"
    for item in answers:
        answer = str(item["answer"]).strip()
        results = judge_key_points(question.key_points, answer, question.category)
        assert len(results) == len(question.key_points)
        for result in results:
            assert result.covered, result.point
            assert result.evidence is not None and result.evidence in answer


def test_the_feedback_ticks_covered_points_with_the_quote_and_crosses_the_rest() -> None:
    question = BANK["beh-easy-001"]
    evaluation = evaluate_answer(AnswerContext(
        question.text, TEAM_ANSWER, category=question.category, key_points=question.key_points,
        expected_minutes=question.expected_minutes))
    assert ("✓ Your own role and contribution — “I owned the payment integration and the test "
            "suite.”") in evaluation.feedback
    weak = evaluate_answer(AnswerContext(
        question.text, "I am a team player and I always communicate well with everyone.",
        category=question.category, key_points=question.key_points))
    assert "✗ The result the team achieved" in weak.feedback


def test_a_generic_answer_covers_nothing() -> None:
    question = BANK["beh-easy-001"]
    results = judge_key_points(
        question.key_points,
        "In every project I have worked on we worked well together and achieved our goals. "
        "I always communicate well with my team and I believe teamwork is the key to success.",
        question.category)
    assert not any(r.covered for r in results)
    assert all(r.evidence is None for r in results)


def test_an_empty_answer_covers_nothing() -> None:
    results = judge_key_points(BANK["beh-easy-001"].key_points, "")
    assert results and not any(r.covered or r.evidence for r in results)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([
    "I owned the payment integration.", "We met daily; I wrote a note for the team.",
    "Errors fell by 30% — we shipped early.", "- first I listed the tasks\n",
    "The deadline was six weeks, so we cut scope, and I paired with QA.",
    "  Then I told my lead!  ", "Our team of 4 built the app (in Go).", "\n\n",
    "Why? Because the client asked: it had to be done by Friday.",
]), min_size=1, max_size=8))
def test_evidence_is_always_an_exact_sentence_or_clause_of_the_answer(parts: list[str]) -> None:
    answer = " ".join(parts)
    for result in judge_key_points(BANK["beh-easy-001"].key_points
                                   + BANK["beh-easy-003"].key_points, answer):
        if result.evidence is not None:
            assert result.evidence in answer
            assert result.evidence == result.evidence.strip()
            assert is_sentence_or_clause(result.evidence, answer)


def bench_module() -> ModuleType:
    path = ROOT / "bench" / "keypoint_accuracy.py"
    spec = importlib.util.spec_from_file_location("keypoint_accuracy", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_quote_is_exact_and_an_answer_is_judged_in_well_under_a_second() -> None:
    # The key-point model reads the answer's spans against every point: the budget, 300 ms
    # for a 150-word answer on 2 idle cores, is measured by bench/keypoint_judge.py; this is a
    # guard against a regression that holds on a loaded machine too (434 ms an answer with
    # four trainings running beside it). The word matcher alone took about 2 ms.
    tally, ms = bench_module().measure(("tune", "holdout"))
    report = f"precision {tally.precision:.3f}, recall {tally.recall:.3f}, {ms:.1f} ms/answer"
    assert tally.exact_quotes == tally.quotes
    assert ms < 1000, report


def test_on_questions_it_was_not_fitted_on_the_decision_keeps_precision_and_beats_the_old_one(
        ) -> None:
    bench = bench_module()
    fit = sys.modules["keypoint_fit"]
    tallies = bench.cross_validation(5, 2, [fit.BEFORE, fit.SHIPPED])
    shipped, before = tallies["shipped"], tallies["before"]
    report = f"precision {shipped.precision:.3f}, recall {shipped.recall:.3f}"
    assert shipped.precision >= CV_PRECISION - MARGIN, report
    assert shipped.recall >= CV_RECALL - MARGIN, report
    assert shipped.recall > before.recall, report
    for source in bench.TRAINING:
        part = tallies[f"shipped:{source}"]
        report = f"{source}: precision {part.precision:.3f}, recall {part.recall:.3f}"
        assert part.precision >= SOURCE_PRECISION - MARGIN, report
        assert part.recall >= SOURCE_RECALL - MARGIN, report


def test_the_shipped_weights_are_the_ones_the_labels_give() -> None:
    """fitted.py is refitted whenever the matcher or the labels change (bench --fit --write)."""
    bench = bench_module()
    fit = sys.modules["keypoint_fit"]
    assert fit.fit(bench.rows(bench.TRAINING), fit.SHIPPED) == MODEL


@pytest.mark.parametrize("split", ["tune", "holdout", "fresh", "fresh2"])
def test_every_quote_on_the_labelled_sets_is_an_exact_substring(split: str) -> None:
    text = (ROOT / "tests" / "keypoints" / f"{split}.toml").read_text(encoding="utf-8")
    for item in tomllib.loads(text)["answers"]:
        question = BANK[item["question_id"]]
        answer = item["answer"].strip()
        for result in judge_key_points(question.key_points, answer, question.category):
            if result.evidence is not None:
                assert result.evidence in answer
                assert is_sentence_or_clause(result.evidence, answer)
                assert not re.fullmatch(r"\W*", result.evidence)


WEBHOOK_QUESTION = "How would you handle incoming payment webhooks reliably?"
WEBHOOK_POINTS = ("Verify the signature on every webhook", "Store the event id to dedupe",
                  "Acknowledge fast and process asynchronously",
                  "Retry with backoff and reconcile")


@pytest.mark.parametrize("answer", [
    "webhook signature verify event id dedupe queue async retry backoff reconcile",
    "Verify signature store event id dedupe acknowledge fast process asynchronously retry",
])
def test_the_questions_keywords_strung_together_cover_no_point(answer: str) -> None:
    """A run of the question's own keywords with no sentence around them names every point and
    says none: no point is covered, however many of their words it holds."""
    results = judge_key_points(WEBHOOK_POINTS, answer, "technical", 3, WEBHOOK_QUESTION)
    assert not any(result.covered for result in results)


@pytest.mark.parametrize("answer", [
    "Verify the signature on every webhook, store the event id to dedupe.",
    "verify sig on every hook. dedupe on event id. ack 200 fast, process async from a queue",
    "- verify signature\n- dedupe on the event id\n- ack fast, process async",
])
def test_terse_notes_that_say_the_points_are_read_as_they_are(answer: str) -> None:
    results = judge_key_points(WEBHOOK_POINTS[:2], answer, "technical", 3, WEBHOOK_QUESTION)
    assert all(result.covered for result in results), results


def test_talking_points_pasted_back_are_not_an_answer_about_yourself() -> None:
    """F4 shows a question's talking points before answering. For a question about the
    person's own story or self, saying them back ("Your own role and contribution. How you
    coordinated with teammates.") tells nothing: over every such bank question it scores 4 or
    less in at least 95% of them (as a weak answer does), and never above 6."""
    scores = []
    for question in BANK.values():
        if question.category not in ("behavioral", "introduction"):
            continue
        pasted = ". ".join(question.key_points) + "."
        scores.append(evaluate_answer(AnswerContext(
            question.text, pasted, question.category, question.difficulty,
            tuple(question.key_points), "", question.expected_minutes)).score)
    assert len(scores) >= 100
    assert sum(score <= 4 for score in scores) >= 0.95 * len(scores), sorted(scores)
    assert max(scores) <= 6, sorted(scores)
