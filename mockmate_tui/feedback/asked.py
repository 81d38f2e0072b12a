"""Which parts of an answer's shape this question asks for.

structure.py reads every answer of a category against one shape (STAR for a story or a plan;
explanation, reasoning, example and trade-offs for a technical answer; about you, evidence and a
link to the role for an introduction). Not every question asks for every part: "Where do you
see yourself in three to five years?" asks for no self-introduction, "What is
overfitting, and how do you prevent it?" asks for no trade-offs, "What do you enjoy most about
your work?" for no link to this job, and most good stories carry their task inside the
situation ("I was the only backend dev free"). Among the labelled answers (tests/keypoints/,
`python bench/score_calibration.py`), strong answers lacked the STAR task nine times in ten and
a technical example seven times in ten: counting those parts as missing marked good answers
down for what the question never asked.

So such a part is optional: it counts when the answer gives it, and is left out (neither
scored nor reported missing) when the answer does not and the question or its key points do
not ask for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from mockmate_tui.feedback.structure import Structure

# For each shape, its optional parts and what in a question or its key points asks for each
# (None: never asked for on its own, counted only when the answer gives it).
_OPTIONAL: dict[str, dict[str, re.Pattern[str] | None]] = {
    "STAR": {"Task": None},
    "explanation": {
        "Example": re.compile(
            r"\b(?:example|instance|when (?:have|did) you|have you|you (?:used|built|worked)|"
            r"your (?:experience|project|team)|tell me about|walk me through|describe a|"
            r"case|scenario|in practice)\b", re.IGNORECASE),
        "Trade-offs": re.compile(
            r"\b(?:trade-?offs?|pros|cons|downsides?|drawbacks?|costs?|vs\.?|versus|compare|"
            r"comparison|differen(?:ce|t)|choose|choice|instead|alternatives?|limitations?|"
            r"risks?|when (?:would|should|to|not)|why not|over (?:a|an|the)|better|worse|"
            r"slower|faster|cheaper)\b", re.IGNORECASE),
    },
    "introduction": {
        # Only a question that asks who you are asks for a self-introduction. "Where do you
        # see yourself in five years?" asks for goals, "What does a typical week look like in
        # your current job?" for the week, "Why are you leaving your current role?" for a
        # reason: an answer to them is not marked down for no "I'm a backend engineer
        # with..." (a key point's "Relevant experience" or "your current job" named in passing
        # asked for one on 30 of the bank's 62 introduction questions; 10 ask it).
        "About you": re.compile(
            r"\b(?:tell me about yourself|(?:describe|introduce) yourself|who you are|"
            r"background|walk me through your (?:resume|cv|career)|"
            r"(?:what is|describe|working on in) your current (?:role|job|position)|"
            r"your education|get started|overview|professional identity)\b", re.IGNORECASE),
        "Link to the role": re.compile(
            r"\b(?:this (?:role|job|position|team|company)|our (?:company|team|product)|us|"
            r"here|join|yourself|fit|looking for|next (?:step|role|job|move)|why (?:do you|"
            r"are you|should we)|where do you see|in (?:five|three|\d) years|hire)\b",
            re.IGNORECASE),
    },
}


# What a part that is not optional is asked by: anything.
_ALWAYS = re.compile("")


def _asked(asks: re.Pattern[str] | None, text: str) -> bool:
    return asks is not None and asks.search(text) is not None


def parts_asked(structure: Structure, question: str, key_points: Sequence[str]) -> Structure:
    """The structure with only the parts that count for this question, their weights scaled
    back to a sum of 1 (the structure's score stays 0..1)."""
    optional = _OPTIONAL.get(structure.kind, {})
    asked_text = " ".join((question, *key_points))
    kept = [part for part in structure.parts
            if part.credit > 0 or _asked(optional.get(part.name, _ALWAYS), asked_text)]
    total = sum(part.weight for part in kept)
    if not kept or total >= 0.999:
        return structure
    return replace(structure, parts=tuple(replace(part, weight=part.weight / total)
                                          for part in kept))
