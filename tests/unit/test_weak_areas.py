"""Weak areas: what an answer missed, named so it recurs, and FSRS's schedule over a month.

Pure: times are FakeClock readings, so a month of practice runs in milliseconds."""

from __future__ import annotations

import time
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.schedule import (
    STRONG_STABILITY_DAYS,
    WeakArea,
    due_areas,
    review,
    weak_areas,
)
from mockmate_tui.core.weakness import (
    AnswerFacts,
    Grade,
    KeyPointFact,
    area_from_key,
    criterion,
    missed,
    observe,
    theme_of,
)

VAGUE_STORY = ("We had a problem with the release and we worked on it together as a team. "
               "We talked to people and maybe it got better in the end, I think. Our team "
               "fixed the pipeline and we shipped it and everyone was happy with what we did.")
STRONG_STORY = ("I led the billing migration when invoices were sent twice. I measured it first: "
                "3% of invoices were duplicated. I added an idempotency key and I ran both "
                "systems side by side for two weeks. Duplicates fell to zero and on-call pages "
                "dropped by half, which I reported to the finance lead.")


def story(text: str, score: int, **rubric: float) -> AnswerFacts:
    return AnswerFacts(category="behavioral", difficulty="medium", score=score, answer_text=text,
                       rubric={f"star.{name}": credit for name, credit in rubric.items()},
                       key_points=(KeyPointFact("the outcome, measured", False),
                                   KeyPointFact("what you would do differently", True, "x")),
                       expected_minutes=3)


def keys(observations: tuple[object, ...]) -> set[str]:
    return {o.area.key for o in observations}  # type: ignore[attr-defined]


def test_a_vague_story_is_read_into_areas_that_recur_across_questions() -> None:
    findings = missed(observe(story(VAGUE_STORY, 4, situation=0.8, action=0.2, result=0.0)))
    assert keys(findings) == {
        "criterion:measurable_result", "criterion:first_person", "criterion:hedging",
        "criterion:star.action", "criterion:star.result", "theme:metrics",
        "category:behavioral", "difficulty:medium",
    }
    # The reflection key point was covered: a theme done well is no finding.
    assert "theme:reflection" not in keys(findings)


def test_a_strong_story_has_no_findings_and_its_areas_are_graded_good() -> None:
    observations = observe(story(STRONG_STORY, 9, situation=1, action=1, result=1))
    graded = {o.area.key: o.grade for o in observations}
    assert graded["criterion:measurable_result"] is Grade.GOOD
    assert graded["criterion:first_person"] is Grade.GOOD
    assert graded["category:behavioral"] is Grade.EASY
    assert keys(missed(observations)) == {"theme:metrics"}  # that key point was marked missed


def test_skills_asked_and_not_shown_and_length_are_findings() -> None:
    facts = AnswerFacts(category="technical", difficulty="hard", score=3,
                        answer_text="Use a queue.", skills_asked=("Kafka", "PostgreSQL"),
                        skills_shown=("PostgreSQL",), expected_minutes=4)
    findings = keys(missed(observe(facts)))
    assert {"skill:Kafka", "criterion:too_short", "category:technical",
            "difficulty:hard"} <= findings
    assert "skill:PostgreSQL" not in findings
    # No story, so no measurable result or first person is asked of a technical answer.
    assert "criterion:measurable_result" not in keys(observe(facts))


def test_key_points_are_grouped_by_theme_and_keys_round_trip() -> None:
    assert theme_of("Names the trade-off between consistency and latency") == "tradeoffs"
    assert theme_of("How you tested the fix") == "testing"
    assert theme_of("Says what changed, in numbers") == "metrics"
    for key in ("criterion:star.result", "theme:testing", "skill:Kafka", "category:technical"):
        assert area_from_key(key).key == key


def simulate(start: FakeClock, grades_by_day: dict[int, Grade]) -> list[tuple[int, WeakArea]]:
    """One area reviewed on the given days (an answer each); its state after each review."""
    area = criterion("measurable_result")
    known: WeakArea | None = None
    history = []
    origin = start.now()
    for day in sorted(grades_by_day):
        start.advance((origin + timedelta(days=day) - start.now()).total_seconds())
        known = review(known, area, grades_by_day[day], start.now())
        assert known is not None
        history.append((day, known))
    return history


def test_a_simulated_month_a_weak_area_becomes_strong_then_comes_back_when_it_slips() -> None:
    clock = FakeClock()
    began = time.perf_counter()
    area = criterion("measurable_result")
    known = review(None, area, Grade.AGAIN, clock.now())
    assert known is not None and not known.strong
    strong_on: int | None = None
    slipped_on: int | None = None
    day = 0
    intervals: list[int] = []
    # A month, answering once a day when it is due: well until day 20, then the slip.
    while day < 30:
        clock.advance(86_400)
        day += 1
        if not known.is_due(clock.now()) and not (day == 21 and strong_on is not None):
            continue
        grade = Grade.AGAIN if day == 21 else Grade.GOOD
        before = known.due
        known = review(known, area, grade, clock.now())
        assert known is not None
        intervals.append((known.due - before).days)
        if known.strong and strong_on is None:
            strong_on = day
        if grade is Grade.AGAIN:
            slipped_on = day
            assert not known.strong, "a slip makes it weak again"
            assert known.due - clock.now() <= timedelta(days=7), "and it comes back within a week"
            assert known.lapses == 1
    assert strong_on is not None and strong_on <= 14, "strong after spaced successes"
    assert known.stability >= 0
    assert slipped_on == 21
    # The schedule lengthens with each success before the slip.
    assert intervals[:3] == sorted(intervals[:3])
    assert time.perf_counter() - began < 0.5


def test_done_well_the_same_day_again_does_not_make_it_strong() -> None:
    clock = FakeClock()
    area = criterion("first_person")
    known = review(None, area, Grade.AGAIN, clock.now())
    for _ in range(6):
        clock.advance(600)
        known = review(known, area, Grade.GOOD, clock.now())
    assert known is not None and known.stability < STRONG_STABILITY_DAYS
    assert not known.strong


def test_never_weak_is_not_tracked_and_due_lists_most_overdue_first() -> None:
    clock = FakeClock()
    assert review(None, criterion("hedging"), Grade.GOOD, clock.now()) is None
    a = review(None, criterion("hedging"), Grade.AGAIN, clock.now())
    clock.advance(3600)
    b = review(None, criterion("too_long"), Grade.HARD, clock.now())
    assert a is not None and b is not None
    assert due_areas([b, a], clock.now()) == []
    clock.advance(10 * 86_400)
    assert [w.area.key for w in due_areas([b, a], clock.now())] == [
        "criterion:hedging", "criterion:too_long"]
    assert len(weak_areas([a, b])) == 2


def test_key_points_covered_after_seeing_the_talking_points_count_as_seen_not_recalled() -> None:
    facts = story(STRONG_STORY, 9, situation=1, action=1, result=1)
    recalled = {o.area.key: o.grade for o in observe(facts)}
    from dataclasses import replace

    seen = {o.area.key: o.grade for o in observe(replace(facts, hinted=True))}
    assert recalled["theme:reflection"] is Grade.GOOD
    assert seen["theme:reflection"] is Grade.HARD


def test_the_due_count_of_past_days_is_replayed_from_the_reviews() -> None:
    from mockmate_tui.core.schedule import due_history

    clock = FakeClock()
    start = clock.now()
    day = timedelta(days=1)
    reviews = [
        ("criterion:hedging", Grade.AGAIN, start),              # due from day 1
        ("criterion:too_short", Grade.AGAIN, start),            # due from day 1
        ("criterion:hedging", Grade.GOOD, start + day),         # done well: due day 3
        ("theme:testing", Grade.GOOD, start + day),             # never weak: not tracked
    ]
    days = [start + n * day for n in range(5)]
    assert due_history(reviews, days) == [0, 1, 1, 2, 2]


def test_a_review_time_in_any_zone_is_taken_as_utc() -> None:
    from zoneinfo import ZoneInfo

    at = FakeClock().now().astimezone(ZoneInfo("Etc/UTC"))
    known = review(None, criterion("hedging"), Grade.AGAIN, at)
    assert known is not None and known.last_reviewed == at
    berlin = review(known, criterion("hedging"), Grade.GOOD,
                    (at + timedelta(days=1)).astimezone(ZoneInfo("Europe/Berlin")))
    assert berlin is not None and berlin.reviews == 2


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list(Grade)), st.integers(0, 40 * 86_400)),
                min_size=1, max_size=30))
def test_any_history_of_reviews_keeps_the_schedule_sound(
        history: list[tuple[Grade, int]]) -> None:
    """Whatever the grades and gaps: a miss is never strong and comes back sooner, a
    lapse is counted for each miss after the first review, and nothing is due in the past of
    its own last review."""
    clock = FakeClock()
    area = criterion("measurable_result")
    known: WeakArea | None = None
    misses = 0
    for grade, gap in history:
        clock.advance(gap)
        before = known
        known = review(known, area, grade, clock.now())
        if before is None and known is None:
            assert grade >= Grade.GOOD  # never weak: not tracked
            continue
        assert known is not None
        if before is not None and grade is Grade.AGAIN:
            misses += 1
        assert known.lapses == misses
        assert known.due > known.last_reviewed
        if grade is Grade.AGAIN:
            assert not known.strong
            # A slip shortens the wait: never longer than the interval it had reached.
            reached = before.due - before.last_reviewed if before else timedelta(days=1)
            assert known.due - clock.now() <= max(reached, timedelta(days=1)) + timedelta(days=1)
