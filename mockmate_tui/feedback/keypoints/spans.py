"""The parts of an answer a key point is judged on, each an exact slice of the answer.

Sentences and list lines (words.sentence_spans: a list item's "2." or "-" left out), two
sentences in a row on one line (a point told over two), and the whole answer when it is short
and on one line (a terse answer in notes says a point across its fragments). The same function
builds the training pairs (training/keypoint_judge.py) and the spans judged at run time, so the
model is judged on what it was trained on. A point is never judged on a long answer as a whole:
how much the answer says elsewhere must not decide it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from mockmate_tui.feedback.keypoints.words import Span, sentence_spans

# The whole answer is a span of its own when it has at most this many words (and more than two
# sentences, or it would be a sentence or window already).
SHORT_ANSWER_WORDS = 45


@dataclass(frozen=True)
class Candidate:
    span: Span
    kind: str
    """"sentence", "window" (two in a row) or "whole" (a short answer)."""


def candidate_spans(answer: str) -> list[Candidate]:
    """Every span a point may be judged on, sentences first, without repeats."""
    sentences = sentence_spans(answer)
    found = [Candidate(span, "sentence") for span in sentences]
    seen = {(span.start, span.end) for span in sentences}
    for a, b in pairwise(sentences):
        if "\n" in answer[a.end:b.start]:
            continue  # two list items or paragraphs are two things said
        if (a.start, b.end) not in seen:
            seen.add((a.start, b.end))
            found.append(Candidate(Span(a.start, b.end, answer[a.start:b.end]), "window"))
    if len(sentences) > 2:
        first, last = sentences[0], sentences[-1]
        text = answer[first.start:last.end]
        if "\n" not in text and len(text.split()) <= SHORT_ANSWER_WORDS \
                and (first.start, last.end) not in seen:
            found.append(Candidate(Span(first.start, last.end, text), "whole"))
    return found
