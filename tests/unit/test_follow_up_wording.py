"""A follow-up is worded as an interviewer asks it, never as the rubric's line read out."""

from __future__ import annotations

import pytest

from mockmate_tui.questions.bank import builtin_bank
from mockmate_tui.questions.follow_ups import _PLAIN_FORMS, follow_up_question


@pytest.mark.parametrize(("point", "category", "asked"), [
    ("What you did about it", "behavioral", "What did you do about it?"),
    ("How you coordinated and communicated with teammates", "behavioral",
     "How did you coordinate and communicate with teammates?"),
    ("Verify the signature on every webhook", "technical",
     "How would you verify the signature on every webhook?"),
    ("Ask a colleague early with specific questions", "situational",
     "How would you ask a colleague early with specific questions?"),
    ("The team, the project and the goal", "behavioral",
     "Could you tell me more about the team, the project and the goal?"),
    ("Versioning and backward compatibility", "technical",
     "And what about versioning and backward compatibility?"),
    ("DELETE, answering 204", "technical", "And what about DELETE, answering 204?"),
    ("What you achieved there before moving on", "introduction",
     "What did you achieve there before moving on?"),
    # A verb whose plain form is not known is never guessed at ("expedit"): asked as it is.
    ("How you expedited the fix", "behavioral", "Could you tell me how you expedited the fix?"),
    ("What you actually did", "behavioral", "What did you actually do?"),
    ("What you would do differently", "behavioral", "What would you do differently?"),
    ("What you have done about it", "behavioral", "What have you done about it?"),
    ("How you adapt to other styles", "behavioral", "How do you adapt to other styles?"),
    # A story's parts are asked about, never put as a claim ("You didn't touch on this:
    # “Learning you have done since.” Can you say how it applies here?").
    ("Learning you have done since", "introduction",
     "Could you tell me more about learning you have done since?"),
    ("Their objections", "behavioral", "Could you tell me more about their objections?"),
    ("The process and what was wrong with it", "behavioral",
     "Could you tell me more about the process and what was wrong with it?"),
    ("No blame on the current employer", "introduction",
     "Could you put that again, with no blame on the current employer?"),
    # An instruction the verb table did not know was read out as a topic ("And what about
    # assume good intent at first?").
    ("Assume good intent at first", "situational", "How would you assume good intent at first?"),
    ("Propagate the trace context through HTTP headers and message metadata", "technical",
     "How would you propagate the trace context through HTTP headers and message metadata?"),
    ("Expand, migrate the data, then contract, over separate releases", "technical",
     "How would you expand, migrate the data, then contract, over separate releases?"),
    # A label before a colon is asked about; the details are the answer's to give.
    ("Graceful shutdown: handle SIGTERM, drain connections, a preStop hook and grace period",
     "technical", "And what about graceful shutdown?"),
    ("Usual causes: unbounded caches or maps, listeners never removed, timers", "technical",
     "Could you tell me more about the usual causes?"),
    ("Measure lag per partition: is it every partition, or one hot partition?", "technical",
     "How would you measure lag per partition?"),
    ("Examples of tools: GitHub Actions, GitLab CI, Jenkins", "technical",
     "Could you give examples of tools?"),
    ("Definition: shortcuts whose cost grows over time", "technical", "How would you define it?"),
    # A name keeps its capitals ("And what about webSockets or long polling...?").
    ("WebSockets or long polling for live delivery", "technical",
     "And what about WebSockets or long polling for live delivery?"),
    ("Parsing HTML into the DOM and CSS into the CSSOM", "technical",
     "And what about parsing HTML into the DOM and CSS into the CSSOM?"),
    # A noun joined by a hyphen is no verb.
    ("Trade-offs in boilerplate and team size", "technical",
     "And what about trade-offs in boilerplate and team size?"),
])
def test_a_key_point_becomes_the_question_an_interviewer_would_ask(
        point: str, category: str, asked: str) -> None:
    assert follow_up_question(point, category) == asked  # type: ignore[arg-type]


@pytest.mark.parametrize("point", [
    "Breaking this loses entries in a HashMap or HashSet",
    "React.memo with stable props from useMemo and useCallback skips needless work",
    "OVER with PARTITION BY and ORDER BY defines the window",
])
def test_a_statement_is_put_to_the_person_never_asked_as_a_topic(point: str) -> None:
    """"And what about breaking this loses entries in a HashMap or HashSet?" reads as nothing
    an interviewer says; a statement is put to the person in quotation marks, its capitals
    kept ("react.memo")."""
    assert follow_up_question(point, "technical") == (
        f"You didn't touch on this: \u201c{point}.\u201d Can you say how it applies here?")


def test_a_claim_is_put_to_the_person_to_react_to() -> None:
    asked = follow_up_question("Sticky sessions are a crutch; prefer stateless services",
                               "technical")
    assert "\u201cSticky sessions are a crutch; prefer stateless services.\u201d" in asked
    assert asked.endswith("?")


def test_every_bank_point_reads_as_one_question() -> None:
    for question in builtin_bank():
        for point in question.key_points:
            asked = follow_up_question(point, question.category)
            assert asked.endswith("?") and asked.count("?") >= 1
            assert "left out" not in asked and "key point" not in asked
            assert asked[:1].isupper()
            if question.category in ("behavioral", "introduction"):
                assert "You didn't touch on this" not in asked, asked


def test_every_verb_a_bank_follow_up_turns_to_its_plain_form_is_a_known_one() -> None:
    """"What you achieved there..." was asked as "What did you achiev there...?": the plain
    forms come from a table, never from cutting "-ed" off."""
    plain = set(_PLAIN_FORMS.values())
    for question in builtin_bank():
        for point in question.key_points:
            asked = follow_up_question(point, question.category)
            told = point.split()[1:2] == ["you"]  # "What you achieved...", a past told
            if told and " did you " in asked:
                words = asked.split(" did you ", 1)[1].split()
                verb = words[1] if words[0] == "actually" else words[0]
                assert verb.strip(",?:") in plain, asked
