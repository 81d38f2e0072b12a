"""core/delivery.py: spoken and typed delivery from timed words and keystroke times."""

from __future__ import annotations

import pytest

from mockmate_tui.core.delivery import (
    TimedWord,
    count_fillers,
    delivery_lines,
    delivery_summary,
    spoken_delivery,
    typed_delivery,
)
from mockmate_tui.feedback.text import tokens


def _timed(text: str, *, start: float = 0.5, step: float = 0.4,
           gaps: dict[int, float] | None = None) -> list[TimedWord]:
    words, at = [], start
    for index, word in enumerate(text.split()):
        words.append(TimedWord(word, at, at + step * 0.8))
        at += step + (gaps or {}).get(index, 0.0)
    return words


def test_fillers_single_and_two_word_and_like_only_when_set_off() -> None:
    said = "Um, I like Go, and, like, you know, it was sort of fast. Uh, um"
    words = said.split(" ")
    counts = {f.filler: f.count for f in count_fillers(words)}
    assert counts == {"um": 2, "uh": 1, "like": 1, "you know": 1, "sort of": 1}
    assert count_fillers(["I", "like", "queues", "like", "Kafka"]) == ()


def test_spoken_pace_fillers_and_a_long_pause_after_its_word() -> None:
    words = _timed("Um I moved forty tables in two weeks and nobody noticed it at all ok",
                   gaps={10: 3.0})  # after "noticed"
    delivery = spoken_delivery(words, expected_minutes=2)
    assert delivery.mode == "spoken" and delivery.words == 15
    assert [(p.after_word, p.seconds) for p in delivery.long_pauses] == [("noticed", 3.08)]
    # 15 words from the first start to the last end, less the 3.08 s pause: 5.84 s.
    assert delivery.words_per_minute == pytest.approx(15 * 60 / 5.84, abs=0.1)
    assert delivery.thinking_seconds == 0.5 and delivery.expected_seconds == 120
    assert delivery.filler_count == 1
    lines = delivery_lines(delivery)
    assert "of 2:00 expected" in lines[0] and "um ×1" in lines[1]
    assert "after “noticed”" in lines[2]
    assert delivery_summary(delivery).endswith("1 filler, 1 long pause")


def test_short_or_silent_answers_have_no_pace() -> None:
    assert spoken_delivery([]).words == 0
    assert spoken_delivery(_timed("yes")).words_per_minute is None


def test_typed_thinking_typing_and_pace() -> None:
    delivery = typed_delivery("one two three four five six", [12.0, 13.0, 42.0, 20.0])
    assert delivery.mode == "typed" and delivery.words == 6
    assert delivery.thinking_seconds == 12.0 and delivery.answer_seconds == 30.0
    assert delivery.words_per_minute == 12.0
    assert "first keystroke after 0:12" in delivery_lines(delivery)[0]
    assert typed_delivery("pasted", []).words_per_minute is None


def test_a_typed_answer_counts_the_words_the_feedback_counts() -> None:
    """"Typed: 44 words" stood above "Length fits ... (42 words)" in one feedback: a dash or a
    plus standing alone in notes is no word."""
    notes = "sure - curious: traced a flaky test. careful: rollback script + tests, 0 incidents"
    delivery = typed_delivery(notes, [1.0, 20.0])
    assert delivery.words == len(tokens(notes)) == 12  # the rubric's words (signals.words)


def test_delivery_round_trips_as_json() -> None:
    from mockmate_tui.models import Delivery

    delivery = spoken_delivery(_timed("Um so I did it, uh, twice", gaps={2: 2.5}))
    assert Delivery.model_validate_json(delivery.model_dump_json()) == delivery


def test_an_answer_that_arrived_at_once_says_it_was_pasted() -> None:
    """69 words pasted in showed "typing 0:00", as if typed in no time (seen as a newcomer)."""
    pasted = typed_delivery(" ".join(["word"] * 69), [6.0, 6.2])
    assert delivery_lines(pasted) == ["Typed: 69 words, first keystroke after 0:06, pasted in at "
                                      "once."]
    # A word or two typed quickly is still typing.
    assert "typing 0:00" in delivery_lines(typed_delivery("yes", [3.0, 3.4]))[0]
