"""How a span of time reads, in a sentence or on a stopwatch, shared by the screens and every
export. Standard library only: the app's first frame imports this."""

from __future__ import annotations


def stopwatch(seconds: float, *, always_hours: bool = False, pad_minutes: bool = False) -> str:
    """Whole seconds on a stopwatch: '2:05', '1:02:03'. A stopwatch never shows a second before
    it has passed, so part of a second is dropped, and less than nothing reads as 0:00.

    `always_hours` gives a fixed width, '00:02:05', for a running timer whose digits must not
    move; `pad_minutes` gives '02:05' under an hour, for a countdown that keeps its width.
    """
    hours, minutes, secs = _clock_parts(seconds)
    if always_hours:
        return f"{hours:02d}:{minutes:02d}:{secs:02d}"
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}" if pad_minutes else f"{minutes}:{secs:02d}"


def spoken_duration(seconds: float | None) -> str:
    """A duration as a person says it: '45 s', '12 min 05 s', '1 h 02 min'; '—' for none."""
    if seconds is None:
        return "—"
    hours, minutes, secs = _clock_parts(round(seconds))
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"


def _clock_parts(seconds: float) -> tuple[int, int, int]:
    """(hours, minutes, seconds) of the whole seconds in `seconds`; negative counts as 0."""
    hours, rest = divmod(max(0, int(seconds)), 3600)
    minutes, secs = divmod(rest, 60)
    return hours, minutes, secs
