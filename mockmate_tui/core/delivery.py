"""How an answer was delivered, measured: pure functions over plain data, no audio, no I/O.

Spoken answers are measured from a transcript's word timestamps (voice/ makes them): pace,
filler words and their rate, long pauses with the word they came after, and the answer's
length against the question's expected duration. Typed answers are measured from keystroke
times: thinking time (to the first keystroke), typing time and typing pace.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from mockmate_tui.models import Delivery, FillerCount, LongPause

LONG_PAUSE_SECONDS = 2.0
"""A silence longer than this between two words is a long pause."""
MIN_PACE_SECONDS = 3.0
"""Below this much speaking or typing, a words-per-minute figure says nothing: None."""
# This many words or more, all arrived within a second, were pasted, not typed.
_PASTED_WORDS = 5

SINGLE_FILLERS = frozenset({
    "um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "hmm", "mm", "basically",
})
"""Fillers that are fillers wherever they stand."""
PHRASE_FILLERS: tuple[tuple[str, ...], ...] = (
    ("you", "know"), ("sort", "of"), ("kind", "of"), ("i", "mean"),
)
"""Two-word fillers, counted as one."""
# "like" is a filler only set off by punctuation ("and, like, it failed"; Whisper writes the
# filler with commas), not as a verb or a comparison ("I like Go", "like a queue").
_WORD = re.compile(r"[a-z']+")


@dataclass(frozen=True)
class TimedWord:
    """One word of a transcript and when it was said, in seconds from the recording's start."""

    text: str
    start: float
    end: float


def _bare(word: str) -> str:
    match = _WORD.search(word.lower().replace("\u2019", "'"))
    return match.group(0) if match else ""


def word_count(text: str) -> int:
    """Words in `text` as a person counts them (a number or a hyphenated word is one; a dash,
    a plus or an arrow standing alone in notes is none, as the rubric counts them)."""
    return sum(1 for word in text.split() if any(character.isalnum() for character in word))


def count_fillers(words: Sequence[str]) -> tuple[FillerCount, ...]:
    """Filler words and phrases in `words` (as transcribed, punctuation attached), most said
    first, then alphabetically."""
    bare = [_bare(word) for word in words]
    counts: Counter[str] = Counter()
    index = 0
    while index < len(bare):
        pair = tuple(bare[index:index + 2])
        if len(pair) == 2 and pair in PHRASE_FILLERS:
            counts[" ".join(pair)] += 1
            index += 2
            continue
        word = bare[index]
        if word in SINGLE_FILLERS:
            counts[word] += 1
        elif word == "like" and _set_off(words, index):
            counts["like"] += 1
        index += 1
    return tuple(FillerCount(filler=filler, count=count)
                 for filler, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _set_off(words: Sequence[str], index: int) -> bool:
    """Whether words[index] ("like") stands between commas, or after a comma or before one."""
    before = words[index - 1].rstrip() if index > 0 else ""
    return words[index].rstrip().endswith(",") or before.endswith(",")


def spoken_delivery(words: Sequence[TimedWord], *, expected_minutes: int | None = None,
                    recording_start: float = 0.0) -> Delivery:
    """The delivery of a spoken answer from its timed words (in the order said)."""
    expected = expected_minutes * 60 if expected_minutes else None
    if not words:
        return Delivery(mode="spoken", words=0, words_per_minute=None, answer_seconds=0.0,
                        expected_seconds=expected)
    pauses = tuple(
        LongPause(after_word=_strip(before.text), at_seconds=round(before.end, 2),
                  seconds=round(after.start - before.end, 2))
        for before, after in pairwise(words)
        if after.start - before.end > LONG_PAUSE_SECONDS
    )
    answer_seconds = max(0.0, words[-1].end - words[0].start)
    speaking = answer_seconds - sum(pause.seconds for pause in pauses)
    fillers = count_fillers([word.text for word in words])
    filler_total = sum(filler.count for filler in fillers)
    return Delivery(
        mode="spoken",
        words=len(words),
        words_per_minute=_per_minute(len(words), speaking),
        answer_seconds=round(answer_seconds, 2),
        expected_seconds=expected,
        thinking_seconds=round(max(0.0, words[0].start - recording_start), 2),
        fillers=fillers,
        filler_count=filler_total,
        fillers_per_minute=_per_minute(filler_total, speaking),
        long_pauses=pauses,
    )


def typed_delivery(text: str, keystrokes: Sequence[float], *,
                   expected_minutes: int | None = None) -> Delivery:
    """The delivery of a typed answer: `keystrokes` are the times (seconds since the question
    was shown, in any order) at which the answer box changed."""
    times = sorted(keystrokes)
    words = word_count(text)
    expected = expected_minutes * 60 if expected_minutes else None
    if not times:
        return Delivery(mode="typed", words=words, words_per_minute=None, answer_seconds=0.0,
                        expected_seconds=expected)
    typing = times[-1] - times[0]
    return Delivery(mode="typed", words=words, words_per_minute=_per_minute(words, typing),
                    answer_seconds=round(typing, 2), expected_seconds=expected,
                    thinking_seconds=round(max(0.0, times[0]), 2))


def _per_minute(count: int, seconds: float) -> float | None:
    if seconds < MIN_PACE_SECONDS:
        return None
    return round(count * 60 / seconds, 1)


def _strip(word: str) -> str:
    return word.strip().strip(".,;:!?\"'")


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def delivery_lines(delivery: Delivery) -> list[str]:
    """The delivery as a few short lines for a person (feedback pane, report, exports)."""
    if delivery.mode == "typed":
        parts = [f"Typed: {delivery.words} words"]
        if delivery.thinking_seconds is not None:
            parts.append(f"first keystroke after {_clock(delivery.thinking_seconds)}")
        if delivery.answer_seconds < 1 and delivery.words >= _PASTED_WORDS:
            parts.append("pasted in at once")  # nobody types five words in under a second
        else:
            parts.append(f"typing {_clock(delivery.answer_seconds)}")
        if delivery.words_per_minute is not None:
            parts.append(f"{delivery.words_per_minute:.0f} words a minute")
        return [", ".join(parts) + "."]
    lines = []
    pace = (f"{delivery.words_per_minute:.0f} words a minute"
            if delivery.words_per_minute is not None else "too short to time")
    length = f"spoke {_clock(delivery.answer_seconds)}"
    if delivery.expected_seconds:
        length += f" of {_clock(delivery.expected_seconds)} expected"
    lines.append(f"Spoken: {delivery.words} words, {pace}, {length}.")
    if delivery.fillers:
        said = ", ".join(f"{f.filler} ×{f.count}" for f in delivery.fillers)
        rate = (f", {delivery.fillers_per_minute:.1f} a minute"
                if delivery.fillers_per_minute is not None else "")
        lines.append(f"Fillers: {delivery.filler_count} ({said}){rate}.")
    else:
        lines.append("Fillers: none heard.")
    if delivery.long_pauses:
        where = "; ".join(f"{p.seconds:.1f} s after “{p.after_word}” at {_clock(p.at_seconds)}"
                          for p in delivery.long_pauses[:5])
        more = f" and {len(delivery.long_pauses) - 5} more" if len(delivery.long_pauses) > 5 else ""
        lines.append(f"Long pauses (over {LONG_PAUSE_SECONDS:.0f} s): {where}{more}.")
    return lines


def delivery_summary(delivery: Delivery) -> str:
    """The delivery in one line (history, compact views)."""
    if delivery.mode == "typed":
        pace = (f"{delivery.words_per_minute:.0f} wpm typed"
                if delivery.words_per_minute is not None else "typed")
        return pace
    pace = (f"{delivery.words_per_minute:.0f} wpm" if delivery.words_per_minute is not None
            else "spoken")
    return (f"{pace}, {delivery.filler_count} filler{'s' if delivery.filler_count != 1 else ''}"
            f", {len(delivery.long_pauses)} long pause"
            f"{'s' if len(delivery.long_pauses) != 1 else ''}")
