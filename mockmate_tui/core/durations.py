"""How a span of time reads in a sentence, shared by the screens and every export."""

from __future__ import annotations


def spoken_duration(seconds: float | None) -> str:
    """A duration as a person says it: '45 s', '12 min 05 s', '1 h 02 min'; '—' for none."""
    if seconds is None:
        return "—"
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"
