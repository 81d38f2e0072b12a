"""The pure parts of "I covered this": reading the judge's ticks back from its stored feedback,
showing a person's marks in it, cutting an answer into quotable sentences, and the labels file's
quality and strings."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime

from mockmate_tui.export.content import feedback_with_marks, mark_line, marks_note
from mockmate_tui.models import KeyPointMark
from mockmate_tui.service.key_point_labels import _multiline, _string, quality
from mockmate_tui.service.key_point_marks import answer_sentences, ticked_points

AT = datetime(2026, 12, 6, 20, 0, tzinfo=UTC)


def mark(point: str, quote: str) -> KeyPointMark:
    return KeyPointMark(key_point=point, quote=quote, marked_at=AT)


def test_ticks_are_read_with_their_quotes_and_a_prefix_claims_no_other_line() -> None:
    feedback = ("Strengths:\n+ Key points covered (2 of 3):\n"
                "  ✓ Rollback plan — “I keep the old table for a week.”\n"
                "  ✓ Backfill\n- Key points not covered (1 of 3):\n  ✗ Backfill in batches")
    points = ["Backfill", "Backfill in batches", "Rollback plan", "Dual writes"]
    assert ticked_points(feedback, points) == {
        "Rollback plan": "I keep the old table for a week.", "Backfill": None}
    assert ticked_points(None, points) == {}
    assert ticked_points("  ✓ Backfill in batchesXYZ", points) == {}


def test_a_mark_replaces_the_judges_cross_and_is_said_as_the_persons() -> None:
    feedback = "To improve:\n- Key points not covered (2 of 2):\n  ✗ Rollback plan\n  ✗ Backfill"
    shown = feedback_with_marks(feedback, [mark("Backfill", "We copy 10k rows a batch.")])
    assert shown == ("To improve:\n- Key points not covered (2 of 2):\n  ✗ Rollback plan\n"
                     "  ✓ (your mark) Backfill — “We copy 10k rows a batch.”")
    assert feedback_with_marks(feedback, []) == feedback
    # No cross to replace (no feedback stored, or worded otherwise): listed at the end.
    assert feedback_with_marks(None, [mark("Backfill", "x y")]) == (
        "Marked covered by you:\n  " + mark_line(mark("Backfill", "x y")))
    assert marks_note(1) == "1 key point marked covered by you"
    assert marks_note(2) == "2 key points marked covered by you"


def test_sentences_are_exact_substrings() -> None:
    text = "First one. Second? Third!\n- a bullet\n\n  indented line…  then more"
    sentences = answer_sentences(text)
    assert sentences == ("First one.", "Second?", "Third!", "- a bullet", "indented line…",
                         "then more")
    assert all(sentence in text for sentence in sentences)


def test_quality_follows_the_score() -> None:
    assert [quality(s) for s in (10, 8, 7, 5, 4, 1, None)] == [
        "strong", "strong", "partial", "partial", "weak", "weak", "weak"]


def test_strings_read_back_exactly() -> None:
    for text in ('plain', 'quotes "" and """ three', "back\\slash \\n not a newline",
                 "tab\tcr\r\nnewline\nend", "ctrl \x01 \x7f", "ends with a quote\"",
                 "ends with a backslash\\", "\nstarts with a newline", ""):
        document = f"a = {_string(text)}\nb = {_multiline(text)}\n"
        assert tomllib.loads(document) == {"a": text, "b": text}, text
