"""How much a sentence says about a key point beyond its topic word (keypoints.py, decision.py).

A loose mention of a topic ("For the database probably RDS") and a sentence that says what the
point asks ("RDS Postgres with Multi-AZ and backups kept 14 days") can meet the same share of a
point's words. What tells them apart: how many of the point's words the sentence meets itself
rather than through a related word, whether the words it meets are only the ones other points
of the question share (the topic), whether the sentence explains (a causal connective), and
whether it hedges ("maybe", "I think", "not sure"): an answer that hedges is more often touching
a topic than saying it. Each is an input of the decision (decision.py); grouped
cross-validation kept the ones here (a named thing in the sentence, how many words it meets,
how much of the point the whole answer meets and each "and"-joined ask on its own did not
help).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# A sentence that explains or ties a step to its effect.
_CAUSAL = re.compile(
    r"\b(?:because|so that|so we|so i|so it|so the|which (?:means|meant|let|made|cut|gave)|"
    r"otherwise|in order to|that way|since|therefore|as a result|which is why|instead of|"
    r"unless|until|by (?:\w+ing))\b", re.IGNORECASE)
# Hedged or vague wording: the person is not sure, or names a thing without saying it.
_VAGUE = re.compile(
    r"\b(?:maybe|probably|perhaps|i think|i guess|i suppose|not sure|never sure|i believe|"
    r"something like|some kind of|or something|stuff|things like|etc|and so on|"
    r"i don'?t (?:know|remember)|kind of|sort of)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Detail:
    """What a point's best sentence says beyond the share of the point's words it meets."""

    direct: float = 0.0
    """The share of the point's words the sentence uses itself (same stem)."""
    own: float = 0.0
    """The share of the point's own words (those no other point of the question uses) met."""
    causal: bool = False
    vague: bool = False


def detail(terms: Sequence[str], credits: Sequence[float], shared: frozenset[str],
           text: str) -> Detail:
    """The point's terms, what the sentence earns for each, the terms other points of the
    question use too, and the sentence's text."""
    if not terms:
        return Detail()
    direct = sum(1 for c in credits if c >= 1.0) / len(terms)
    own_credits = [c for t, c in zip(terms, credits, strict=True) if t not in shared]
    own = sum(own_credits) / len(own_credits) if own_credits else sum(credits) / len(terms)
    return Detail(direct, own, _CAUSAL.search(text) is not None,
                  _VAGUE.search(text) is not None)


def vague_share(texts: Sequence[str]) -> float:
    """The share of the answer's sentences that hedge or stay vague."""
    if not texts:
        return 0.0
    return sum(1 for text in texts if _VAGUE.search(text)) / len(texts)

