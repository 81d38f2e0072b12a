"""A retried question's new answer beside the old one: what changed."""

from __future__ import annotations

from typing import Any

from mockmate_tui.core.weakness import Grade
from mockmate_tui.export.comparison import Comparison


def _covered(facts: dict[str, Any] | None) -> dict[str, bool]:
    if not facts:
        return {}
    return {str(p["text"]): bool(p["covered"]) for p in facts.get("key_points", [])}


def _findings(facts: dict[str, Any] | None) -> dict[str, str]:
    """Area key -> label, for the areas the answer missed."""
    if not facts:
        return {}
    return {key: str(area.get("label", key)) for key, area in facts.get("areas", {}).items()
            if int(area.get("grade", 0)) == int(Grade.AGAIN)}


def compare(question_number: int, question_text: str, old_session_name: str, old_answer: str,
            old_score: int | None, old_facts: dict[str, Any] | None, new_answer: str | None,
            new_score: int | None, new_facts: dict[str, Any] | None) -> Comparison:
    old_points, new_points = _covered(old_facts), _covered(new_facts)
    old_found, new_found = _findings(old_facts), _findings(new_facts)
    answered = new_answer is not None
    return Comparison(
        question_number=question_number,
        question_text=question_text,
        old_session_name=old_session_name,
        old_answer=old_answer,
        old_score=old_score,
        new_answer=new_answer,
        new_score=new_score,
        newly_covered=tuple(p for p, ok in new_points.items() if ok and not old_points.get(p)),
        still_missing=tuple(p for p, ok in new_points.items()
                            if not ok and not old_points.get(p))
        if answered else tuple(p for p, ok in old_points.items() if not ok),
        newly_missing=tuple(p for p, ok in new_points.items() if not ok and old_points.get(p)),
        fixed=tuple(label for key, label in old_found.items() if key not in new_found)
        if answered else (),
        still_there=tuple(label for key, label in old_found.items() if key in new_found)
        if answered else tuple(old_found.values()),
        new_findings=tuple(label for key, label in new_found.items() if key not in old_found),
    )
