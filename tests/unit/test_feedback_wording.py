"""The feedback's words, as a person reads them: each line says something true and useful once."""

from __future__ import annotations

import pytest

from mockmate_tui.feedback import AnswerContext, evaluate_answer
from mockmate_tui.questions.bank import builtin_bank

BANK = {question.id: question for question in builtin_bank()}
# A typical week typed as notes, no "I" (intro-easy-010), seen as a newcomer.
WEEK_AS_NOTES = ("- mon: sprint planning w/ the 4 backend devs, pick tickets\n"
                 "- most days: build + review PRs on the billing service (python, pg, kafka)\n"
                 "- on-call 1 week in 5, fix alerts + write the postmortem\n"
                 "- fri: demo to product + retro, then 1:1 w/ my manager")

# A teamwork story that ends on how the work went, with only bare numbers in it (beh-easy-001).
CHECKOUT_STORY = ("I was one of the engineers on the checkout rewrite. I owned the payment step "
                  "and its tests, and we met every morning to agree who took which ticket. We "
                  "were 5 on the team and the goal was to replace the old flow before the sale "
                  "in 2021. It went live on time and the support team stopped getting the same "
                  "complaints.")


def evaluate(question_id: str, answer: str) -> tuple[str, list[str], list[str], int]:
    question = BANK[question_id]
    evaluation = evaluate_answer(AnswerContext(
        question.text, answer, question.category, question.difficulty,
        tuple(question.key_points), "", question.expected_minutes))
    return (evaluation.feedback, list(evaluation.strengths), list(evaluation.improvements),
            evaluation.score)


def test_a_goals_question_is_not_asked_for_a_self_introduction() -> None:
    goals = next(q for q in BANK.values() if q.text.startswith("Where do you see yourself"))
    answer = ("In three to five years I want to lead a small platform team. Over the last year I "
              "mentored two juniors and ran our on-call rota, which cut pages by 40%, so the next "
              "step is owning a team's roadmap. This role fits because you are building that "
              "team now.")
    _, _, improvements, _ = evaluate(goals.id, answer)
    assert not any(line.startswith("About you") for line in improvements)


def test_an_off_topic_answer_is_told_it_is_not_an_answer_to_the_question() -> None:
    feedback, _, _, score = evaluate(
        "beh-easy-001", "My sourdough starter needs feeding twice a day with rye flour and water "
                        "kept at twenty four degrees.")
    assert score == 1
    assert "there is no answer to judge" not in feedback
    assert "not an answer to the question" in feedback


def test_a_missed_point_earns_nothing_and_the_feedback_never_says_it_earns_a_little() -> None:
    feedback, _, _, _ = evaluate(
        "beh-easy-001", "Last year I worked on a payments project with four people. I wrote the "
                        "API tests and the integration with the card provider.")
    assert "earn a little" not in feedback


def test_a_bare_number_is_no_figure_but_a_number_with_its_unit_is() -> None:
    _, strengths, _, _ = evaluate(
        "tech-backend-easy-003",
        "An index is a B-tree the database keeps sorted, so a lookup reads a few pages instead "
        "of scanning the table. Our report query went down to 2.3. Later it took 2.3 seconds "
        "less on 40 million rows, at the cost of slower writes.")
    figures = next(line for line in strengths if line.startswith("Specific figures"))
    assert "2.3 seconds" in figures and "40 million rows" in figures
    assert "2.3," not in figures and not figures.endswith("2.3.")


def test_days_and_months_are_not_named_as_tools_or_places() -> None:
    _, strengths, _, _ = evaluate(
        "beh-easy-001", "On Monday in March our team of four had to ship a booking app for a "
                        "clinic. I owned the Stripe integration and wrote a design note so the "
                        "frontend knew the API early. We launched on Friday and payments "
                        "failed under 1% that month.")
    named = next(line for line in strengths if line.startswith("Names the tools"))
    assert "Stripe" in named
    for day in ("Monday", "March", "Friday"):
        assert day not in named


def test_the_score_is_said_once_beside_the_feedback_not_inside_it() -> None:
    feedback, _, _, score = evaluate(
        "beh-easy-001", "Last year I worked on a payments project with four people. I wrote the "
                        "API tests and the integration with the card provider.")
    assert f"{score}/10" not in feedback
    assert feedback.startswith("Judged by MockMate's built-in rubric, as a typed answer")


def test_an_introduction_typed_without_its_i_still_says_who_is_speaking() -> None:
    """Typed in a hurry, "started as a data analyst at a grocery chain..." was told "About you:
    missing, no sentence of the answer tells it" (seen as a newcomer)."""
    hurried = ("started as a data analyst at a grocery chain doing excel + sql reports, got "
               "annoyed at copy pasting the same queries every monday so i learned python and "
               "airflow and automated the weekly sales report (saved ~6h a week). then moved to "
               "a data eng role at a fintech, built kafka -> s3 -> snowflake ingestion for card "
               "events. kept learning via the dbt community and a spark course on coursera")
    notes = ("- data engineer at a fintech, 4 yrs\n- before that analyst, excel + sql\n"
             "- learned python + airflow to automate the weekly report (saved 6h/wk)")
    for answer in (hurried, notes):
        _, _, improvements, _ = evaluate("intro-easy-007", answer)
        assert not any(line.startswith("About you") for line in improvements), answer


def test_a_spoken_introduction_that_starts_with_a_filler_still_says_who_is_speaking() -> None:
    """Spoken, "so um I kind of fell into it, I was doing a physics degree..." was told "About
    you: missing, no sentence of the answer tells it" (seen as a newcomer): the opening "so um"
    hid the "I"."""
    spoken = ("so um I kind of fell into it, I was doing a physics degree and we had this huge "
              "pile of detector data and nobody wanted to clean it, so I wrote python scripts "
              "for it and uh, that was the first time I enjoyed the plumbing more than the "
              "physics. then I got a job at a logistics startup moving their reports off excel "
              "into postgres and airflow")
    for answer in (spoken, "um, my background is physics, then data work at a logistics "
                   "startup. I built their first airflow pipelines and cut the weekly report "
                   "from two days to an hour."):
        _, _, improvements, _ = evaluate("intro-easy-007", answer)
        assert not any(line.startswith("About you") for line in improvements), answer


def test_notes_that_define_each_term_and_give_a_reason_are_told_they_explain_and_reason() -> None:
    """Terse correct notes ("pod = 1+ containers...", "...so no state in them") covered every
    key point and were told "Explanation: missing, no sentence of the answer tells it" and
    "Reasoning: missing" (seen with one's own answers): a definition written with "=" or ":"
    and a reason with a bare "so" are how notes explain."""
    pods = ("- pod = 1+ containers, shared net + volumes, smallest thing k8s schedules\n"
            "- deployment = keeps N replicas up, does rolling updates\n"
            "- service = stable dns/ip in front of pods picked by label, load balances\n"
            "- pods die + get replaced anytime so no state in them")
    kafka = ("- one partition -> one consumer per group, so max parallelism = #partitions\n"
             "- order only within a partition, key picks the partition\n"
             "- consumer joins/leaves/crashes -> rebalance, partitions reassigned\n"
             "- each group tracks its own offsets so many groups can read the same topic")
    for question_id, answer in (("tech-k8s-easy-001", pods), ("tech-kafka-med-001", kafka)):
        _, strengths, improvements, score = evaluate(question_id, answer)
        assert not any(line.startswith(("Explanation", "Reasoning")) for line in improvements)
        assert any(line.startswith("Explanation") for line in strengths), strengths
        assert score >= 9, score


def test_a_question_about_the_week_or_a_reason_asks_for_no_self_introduction() -> None:
    """Notes on "What does a typical week look like in your current job?" were told "About you:
    missing... Start with a clear statement about yourself" (seen as a newcomer): "current job"
    named in passing asked for a self-introduction. Only questions that ask who you are do."""
    leaving = ("The team I joined to build a data platform was folded into finance reporting "
               "last spring, so the work is now mostly monthly reports. I want to get back to "
               "building pipelines, which is what this role is about.")
    for question_id, answer in (("intro-easy-010", WEEK_AS_NOTES), ("intro-med-002", leaving)):
        _, _, improvements, _ = evaluate(question_id, answer)
        assert not any(line.startswith("About you") for line in improvements), question_id
    introduction = "Most of my week goes on code review and planning for the payments team."
    _, _, improvements, _ = evaluate("intro-easy-001", introduction)
    assert any(line.startswith("About you") for line in improvements)


def test_notes_that_drop_the_i_still_tell_the_persons_own_actions() -> None:
    """Notes drop the "I": a story typed as bullets ("- traced it to a retry that double-posted,
    added an idempotency key", "- wrote a replay test") was told "Action: missing, no sentence
    of the answer tells it", and a week's notes ("- most days: build + review PRs") "Evidence:
    back each claim with something real you did" (seen as a newcomer)."""
    story = ("- context: checkout errors at 4% after the payments provider change, launch in 2 "
             "weeks\n- my job: own the fix as the only backend dev on it\n"
             "- traced it to a retry that double-posted, added an idempotency key\n"
             "- wrote a replay test from prod logs\n"
             "- result: errors down to 0.2%, launched on time")
    _, strengths, improvements, _ = evaluate("beh-easy-001", story)
    assert not any(line.startswith("Action") for line in improvements), improvements
    assert any(line.startswith("Action") for line in strengths), strengths
    _, _, improvements, _ = evaluate("intro-easy-010", WEEK_AS_NOTES)
    assert not any(line.startswith("Evidence") for line in improvements), improvements
    # An explanation's imperative is no action of the person's past: still told as missing.
    # Nor is a description that opens in -ed ("Based on...", "Experienced...").
    for answer in ("Check the logs. Fix the retry. Add a test.",
                   "Based on the data the team chose Kafka. Experienced people agreed with it."):
        _, _, improvements, _ = evaluate("beh-easy-001", answer)
        assert any(line.startswith("Action") for line in improvements), (answer, improvements)


def test_bare_numbers_are_not_quoted_back_as_figures_beside_real_ones() -> None:
    """The typical week's notes were told "Specific figures: 4 backend devs, 1 week, 5, 1."
    (seen with own answers): "in 5" and "1:1" quoted as figures. Alone, a number is still
    quoted."""
    _, strengths, _, _ = evaluate("intro-easy-010", WEEK_AS_NOTES)
    assert "Specific figures: 4 backend devs, 1 week." in strengths
    _, strengths, _, _ = evaluate("beh-easy-001", CHECKOUT_STORY)
    assert "Specific figures: 5, 2021." in strengths


@pytest.mark.parametrize(("question_id", "story"), [
    ("beh-med-005",
     "Last quarter sales wanted a custom export for a big client and support wanted a fix for a "
     "bug that was flooding their queue. I couldn't do both in the sprint. I looked at how many "
     "customers each affected and what it would cost us to wait, and the bug hit about 300 "
     "accounts a day while the export was for one deal closing next month. So I fixed the bug "
     "first and the export went in the next sprint."),
    ("beh-easy-001", CHECKOUT_STORY),
])
def test_a_story_that_ends_with_how_the_work_went_tells_a_result(
        question_id: str, story: str) -> None:
    """Both stories end by saying how things turned out ("the export went in the next
    sprint", "It went live on time and the support team stopped getting the same
    complaints") and were told "Result: missing, no sentence of the answer tells it" (seen
    with own answers). A result without a number is still asked for one."""
    _, _, improvements, _ = evaluate(question_id, story)
    assert not any(line.startswith("Result: missing") for line in improvements), improvements
    assert any(line.startswith("Result: no measurable outcome") for line in improvements)


def test_an_explanation_that_opens_its_case_with_say_gives_an_example() -> None:
    """"Say a field takes ages 18 to 65: I'd test 17, 18, 65 and 66..." was told "Example:
    missing, no sentence of the answer tells it" (seen with own answers)."""
    answer = ("Equivalence partitioning means you split the inputs into groups the system should "
              "treat the same way, and you test one value from each group. Boundary value "
              "analysis is testing right at the edges, because that's where off-by-one bugs "
              "hide. Say a field takes ages 18 to 65: I'd test 17, 18, 65 and 66, plus one "
              "value in the middle like 40.")
    _, strengths, improvements, _ = evaluate("tech-qa-med-004", answer)
    assert not any(line.startswith("Example") for line in improvements), improvements
    assert any(line.startswith('Example: "Say a field') for line in strengths), strengths


def test_the_kind_of_thing_is_no_filler_but_kind_of_slow_is() -> None:
    """"for this role: your payments api is exactly the kind of thing i've shipped" was told
    "Delivery: hedges and filler ("kind of"...)" (seen as a newcomer): after a determiner,
    "kind of" names a kind."""
    answer = ("- backend: python + go, 6 yrs, payments + billing\n"
              "- built the idempotent retry layer for card payments, double charges down to 0\n"
              "- run on-call + postmortems, cut pages ~40%\n"
              "- for this role: your payments api is exactly the kind of thing i've shipped")
    _, _, improvements, _ = evaluate("intro-easy-015", answer)
    assert not any(line.startswith("Delivery") for line in improvements), improvements
    hedged = answer.replace("exactly the kind of thing", "kind of the thing")
    _, _, improvements, _ = evaluate("intro-easy-015", hedged)
    assert any(line.startswith("Delivery") for line in improvements), improvements
