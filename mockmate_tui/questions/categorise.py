"""A best guess at a question's category from its wording, for questions not in any bank
(e.g. `mockmate evaluate --question "..."` without --category)."""

from __future__ import annotations

import re

from mockmate_tui.models import Category

_PATTERNS: tuple[tuple[Category, re.Pattern[str]], ...] = (
    ("introduction", re.compile(
        r"^\W*(?:tell (?:me|us) about yourself|walk (?:me|us) through your (?:resume|cv|"
        r"background|career)|why (?:do you want|are you (?:leaving|interested|applying))|"
        r"why should we hire|what are your (?:greatest )?(?:strengths|weaknesses)|"
        r"where do you see yourself|what (?:do you know|drew you|motivates you)|"
        r"how would (?:your )?(?:colleagues|manager|friends) describe you)", re.IGNORECASE)),
    ("behavioral", re.compile(
        r"\b(?:tell (?:me|us) about a time|describe a (?:time|situation|project|moment)|"
        r"give (?:me |us )?an example of (?:a time|when)|have you ever|talk about a time|"
        r"share an example)\b", re.IGNORECASE)),
    ("situational", re.compile(
        r"\b(?:what would you do|how would you (?:handle|respond|deal|react|approach your)|"
        r"imagine|suppose|what if|if you (?:were|had|found|realised|realized|discovered)|"
        r"you (?:are|have been) asked|you (?:discover|find out|notice|inherit))\b",
        re.IGNORECASE)),
)


def guess_category(question: str) -> Category:
    """The category the wording suggests; technical when nothing else fits."""
    for category, pattern in _PATTERNS:
        if pattern.search(question):
            return category
    return "technical"
