"""Counting words: "1 answer", "2 answers". Here, not in averages.py, so the home screen's first
frame can say how many there are without importing pydantic (averages.py's models)."""

from __future__ import annotations


def plural(count: int, word: str) -> str:
    """'1 answer', '2 answers': the notes that say what an average covers count things."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
