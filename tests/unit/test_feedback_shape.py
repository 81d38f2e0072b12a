"""Good answers typed the way people type them are read as good answers.

A plan typed as numbered steps, a story told in the present tense, a list with "e.g." in it,
a paragraph wrapped by hand, a technical answer to a question that asks for no trade-offs:
each was marked down for its form, not its substance (bench/score_calibration.py measures the
whole effect on the labelled answers). And a fluent answer that says none of what the
question is about is a weak answer, whatever its shape.
"""

from __future__ import annotations

import re

from mockmate_tui.feedback import AnswerContext, Evaluation, evaluate_answer
from mockmate_tui.feedback.keypoints import sentence_spans
from mockmate_tui.feedback.rubric import assess
from mockmate_tui.feedback.signals import read_signals
from mockmate_tui.feedback.structure import read_structure
from mockmate_tui.feedback.text import sentences
from mockmate_tui.questions.bank import builtin_bank

BANK = {question.id: question for question in builtin_bank()}


def evaluate(question_id: str, answer: str) -> Evaluation:
    question = BANK[question_id]
    return evaluate_answer(AnswerContext(
        question.text, answer, question.category, question.difficulty, question.key_points,
        expected_minutes=question.expected_minutes))


# "How would you handle being given a task you do not know how to do?"
NUMBERED_PLAN = """1. Check with my lead what finished looks like and by when, so I build it right
2. Spend half a day on the docs and on similar code in our repo, and note what is still unclear
3. Take that list to the person who knows the area the same day instead of losing a week
4. Post a two-line update in the team channel every second day so nobody is surprised"""


def test_a_plan_typed_as_numbered_steps_is_a_plan_and_scores_as_one() -> None:
    found = assess(AnswerContext(BANK["sit-easy-002"].text, NUMBERED_PLAN, "situational",
                                 key_points=BANK["sit-easy-002"].key_points,
                                 expected_minutes=BANK["sit-easy-002"].expected_minutes))
    assert found.structure is not None
    assert {"check", "spend", "take", "post"} <= set(found.structure.own_actions)
    assert not any("no plan was told" in reason for _, reason in found.caps)
    assert found.evaluation.score >= 8, found.evaluation.feedback


def test_a_list_items_number_is_neither_a_sentence_nor_part_of_one() -> None:
    for split in (sentences(NUMBERED_PLAN), [s.text for s in sentence_spans(NUMBERED_PLAN)]):
        assert len(split) == 4
        assert split[0].startswith("Check with my lead")
        assert all(not text.endswith(("2", "3", "4", ".")) for text in split[:3])


def test_e_g_does_not_end_a_sentence() -> None:
    text = "Tag the first 50 tickets (e.g. all Android, all saved cards) and find the pattern."
    assert sentences(text) == [text]
    assert [span.text for span in sentence_spans(text)] == [text]


def test_a_paragraph_wrapped_by_hand_is_quoted_in_whole_sentences() -> None:
    wrapped = ("Last spring our team of four had six weeks to launch a booking app. I owned the\n"
               "payment integration and the API tests. I set up a short daily sync and wrote a\n"
               "one-page design note so the frontend knew the endpoints early.\n"
               "We launched two days early and failed payments stayed under 1%.")
    spans = [span.text for span in sentence_spans(wrapped)]
    assert spans[1] == "I owned the\npayment integration and the API tests."
    assert len(spans) == 4
    evaluation = evaluate("beh-easy-001", wrapped)
    for point in evaluation.key_points:
        assert point.evidence is None or point.evidence in wrapped
        assert point.evidence is None or not point.evidence[0].islower(), point.evidence


def test_a_story_told_in_the_present_tense_has_actions() -> None:
    present = ("So I'm leading five backend devs and one senior guy starts missing his sprint "
               "commitments, three sprints in a row, and the mobile team is blocked. In our "
               "one-on-one I ask what's going on, and it turns out he's on call for a legacy "
               "system nobody else knows. I split his tickets so none is over two days, I move "
               "the pager to a rota of three, and we check in every Friday for six weeks. By "
               "the second month he's delivering again and he wrote the runbook himself.")
    found = assess(AnswerContext(BANK["beh-hard-006"].text, present, "behavioral",
                                 key_points=BANK["beh-hard-006"].key_points,
                                 expected_minutes=BANK["beh-hard-006"].expected_minutes))
    assert found.structure is not None
    assert {"ask", "split", "move"} <= set(found.structure.own_actions)
    assert not any("no story was told" in reason for _, reason in found.caps)


def test_a_definition_opening_with_its_counts_as_the_explanation() -> None:
    answer = ("It's when a model learns the noise in its training rows, so it looks great on "
              "data it has seen and falls apart on new data. You catch it by keeping a "
              "validation fold aside and watching its error climb while training error keeps "
              "falling. To prevent it, add L2 or dropout, cut features or tree depth, get more "
              "examples, and stop training early when the validation loss stops improving.")
    evaluation = evaluate("tech-ds-easy-002", answer)
    assert evaluation.rubric["explanation.explanation"] == 1.0


def test_a_technical_question_that_asks_for_no_trade_offs_is_not_told_they_are_missing() -> None:
    question = BANK["tech-ds-easy-002"]  # "What is overfitting, and how do you prevent it?"
    answer = ("Overfitting is when a model memorises noise in the training data, so it scores "
              "well there and badly on new data, because it learned quirks, not the pattern. "
              "Keep a validation set, and regularise, simplify or add data.")
    evaluation = evaluate(question.id, answer)
    assert "explanation.trade-offs" not in evaluation.rubric
    assert not any(line.startswith("Trade-offs:") for line in evaluation.improvements)
    # A question that asks for them still does.
    compare = evaluate("tech-backend-easy-001", "SQL is relational. NoSQL is not relational.")
    assert compare.rubric["explanation.trade-offs"] == 0.0


def test_an_introduction_question_not_about_this_job_asks_for_no_link_to_it() -> None:
    started = BANK["intro-easy-007"]  # "How did you get started in your field?"
    assert "role" not in " ".join((started.text, *started.key_points)).casefold()
    answer = ("I started in accounting and kept automating my own spreadsheets. In 2019 I "
              "wrote a Python script that cut our month-end close from three days to one, "
              "and a year later I moved to the data team full time.")
    evaluation = evaluate(started.id, answer)
    assert "introduction.link to the role" not in evaluation.rubric
    assert not any(line.startswith("Link to the role:") for line in evaluation.improvements)
    yourself = evaluate("intro-easy-001", answer)  # "Tell me about yourself." asks for it
    assert "introduction.link to the role" in yourself.rubric


def test_a_fluent_answer_that_covers_none_of_the_key_points_is_capped_at_3() -> None:
    beside_the_point = (
        "Last year at my previous company I worked on the mobile app with a great team. I "
        "designed the onboarding screens, I wrote most of the tests and I presented the demo "
        "to the client, who was very happy. We shipped on time and downloads grew by 20%.")
    question = BANK["sit-med-020"]  # a process that slows the team down
    evaluation = evaluate(question.id, beside_the_point)
    assert not any(point.covered for point in evaluation.key_points)
    assert evaluation.score <= 3
    assert any("says none of the question's" in line for line in evaluation.improvements)


def test_an_answer_that_says_none_of_the_points_is_praised_for_nothing() -> None:
    """Figures, names, a fluent shape and a fitting length were listed as strengths beside its
    3 ("+ Specific figures: 4 million events...", "+ About you: ..."), as if padding were the
    skill to practise; it is told once what they are worth without the points."""
    padded = ("At my last company, Acme Data, we processed 4 million events a day on Kafka, "
              "Spark and Snowflake running on Kubernetes. I led a team of 6 engineers and "
              "improved pipeline reliability by 35% while cutting costs by 20% in 2023. I "
              "believe strongly in ownership, collaboration and clear communication, and I "
              "always align with stakeholders so that everyone wins.")
    evaluation = evaluate("intro-easy-020", padded)  # a good day at work
    assert BANK["intro-easy-020"].text.startswith("What does a good day at work look like")
    assert not any(point.covered for point in evaluation.key_points)
    assert evaluation.score <= 3
    assert evaluation.strengths == ()
    assert "Strengths:" not in evaluation.feedback
    worth = [line for line in evaluation.improvements if line.startswith("Figures and names")]
    assert len(worth) == 1 and "4 million events" in worth[0] and "Kafka" in worth[0]
    assert any(line.startswith("Key points not covered (4 of 4)")
               for line in evaluation.improvements)
    # A short miss that names a tool or two is no padding: not told about them.
    short = evaluate("intro-easy-020", "Mostly coding in Python, some PostgreSQL, quiet day.")
    assert not any(point.covered for point in short.key_points)
    assert short.strengths == ()
    assert not any(" do not make up for the points" in line for line in short.improvements)


def test_a_story_that_opens_on_its_scene_without_a_date_has_a_situation() -> None:
    story = ("Our nightly backup of the analytics database had been failing silently for three "
             "weeks. I noticed it when a restore for a test found nothing newer than the 2nd. I "
             "traced it to an expired service key, rotated it, and added an alert on the job. "
             "Backups have run every night since, and a restore drill now runs monthly.")
    evaluation = evaluate("beh-med-006", story)  # ownership of a problem not yours
    assert evaluation.rubric["star.situation"] == 1.0
    assert any(line.startswith("Situation:") and "nightly backup" in line
               for line in evaluation.strengths)


PAGINATION = """1. Use keyset pagination: WHERE id > last_id ORDER BY id LIMIT 50, so page 20,000
costs the same as page one.
2. Return an opaque next_cursor token and a has_more flag.
3. Add an index on (created_at, id) so each page is an index range scan."""


def test_a_how_would_you_answer_typed_as_steps_has_an_explanation_and_reasoning() -> None:
    evaluation = evaluate("tech-api-med-001", PAGINATION)
    assert evaluation.rubric["explanation.explanation"] == 1.0, evaluation.feedback
    assert evaluation.rubric["explanation.reasoning"] == 1.0, evaluation.feedback


def test_a_list_items_number_is_no_figure_and_a_figure_keeps_no_trailing_comma() -> None:
    figures = assess(AnswerContext("How would you paginate?", PAGINATION, "technical")) \
        .signals.figures
    assert "50" in figures and "20,000" in figures
    assert not any(figure.endswith(",") for figure in figures)
    assert "1" not in figures and "3" not in figures


def test_a_figure_inside_a_larger_one_as_text_is_still_a_figure_of_its_own() -> None:
    figures = assess(AnswerContext(
        "How would you paginate?", "Each call fetches 50, and nobody jumps to page 500.",
        "technical")).signals.figures
    assert figures == ("50", "500")


def test_a_key_point_quote_never_runs_from_one_list_item_into_the_next() -> None:
    evaluation = evaluate("tech-api-med-001", PAGINATION)
    for point in evaluation.key_points:
        assert point.evidence is None or not re.search(r"\n\s*\d[.)]", point.evidence), \
            point.evidence


def test_a_step_the_person_took_is_their_action_not_the_stories_result() -> None:
    # "I shipped the fix" says what the person did, not how it ended: a story that never says
    # how it ended has no Result, however its last action is worded.
    story = ("Last year our checkout kept failing during sales. I read the logs, found a pool "
             "exhaustion and added a queue. Then I shipped the fix to every region.")
    structure = read_structure(story, "behavioral", read_signals(story))
    parts = {part.name: part.evidence for part in structure.parts}
    assert parts["Result"] is None
    assert parts["Action"] is not None and "shipped" not in parts["Action"]
    # With what came of it, the same verb tells a result.
    measured = story.replace("to every region.", "to every region, and failed checkouts "
                             "dropped from 5% to 0.2%.")
    structure = read_structure(measured, "behavioral", read_signals(measured))
    assert {part.name: part.evidence for part in structure.parts}["Result"] is not None
