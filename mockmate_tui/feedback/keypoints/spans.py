"""The parts of an answer a key point is judged on, each an exact slice of the answer.

Sentences and list lines (words.sentence_spans: a list item's "2." or "-" left out), two
sentences in a row on one line (a point told over two), and the whole answer when it is short
and on one line (a terse answer in notes says a point across its fragments). The same function
builds the training pairs (training/keypoint_judge.py) and the spans judged at run time, so the
model is judged on what it was trained on. A point is never judged on a long answer as a whole:
how much the answer says elsewhere must not decide it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from mockmate_tui.feedback.keypoints.words import Span, sentence_spans
from mockmate_tui.feedback.text import STOPWORDS, content_stems, tokens

# The whole answer is a span of its own when it has at most this many words (and more than two
# sentences, or it would be a sentence or window already).
SHORT_ANSWER_WORDS = 45
# A run of at least this many words with no word of a sentence's glue ("I", "the", "to", "on")
# in it, most of whose words are the question's and its key points' own, is a list of their
# keywords: it names every point and says none.
KEYWORD_LIST_WORDS = 6
KEYWORD_LIST_SHARE = 0.75


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


_BARE_WORDS = re.compile(r"[\w'-]+(?: [\w'-]+)*[.!]?")
# Questions about the person's own story and self: their key points are asks ("Your own role
# and contribution"), so saying a point's words back answers nothing. (A technical or
# situational point is the answer itself: "Park off-topic items for later" said is said.)
_ASKS_ABOUT_YOU = frozenset({"behavioral", "introduction"})
# A span with at least this many content words, all but a tenth of them the question's own.
_ECHO_WORDS = 2
_ECHO_SHARE = 0.9


def says_nothing_new(text: str, question_words: frozenset[str], category: str | None) -> bool:
    """Does this span only say the question's and its key points' own words back? Such a span
    covers no point, however well the judge reads a point's words there: the question's
    keywords strung together ("disagreement stake listened understand view data evidence
    decide..."), or, for a question about the person, its talking points pasted back ("Your
    own role and contribution. How you coordinated with teammates."). A terse note keeps some
    glue ("verify the signature on every webhook"), its punctuation ("cursor = opaque token,
    max page size 200") or is short ("ack 200 fast"), and a story names its own things, so
    those are read as they are. `question_words` is question_vocabulary's."""
    stems = content_stems(text)
    if not stems:
        return False
    own = len(stems & question_words)
    if category in _ASKS_ABOUT_YOU and len(stems) >= _ECHO_WORDS \
            and own >= _ECHO_SHARE * len(stems):
        return True
    if not _BARE_WORDS.fullmatch(text.strip()):
        return False  # notes' punctuation ("states: a -> b", "page size = 200") says things
    words = tokens(text)
    if len(words) < KEYWORD_LIST_WORDS or any(word in STOPWORDS for word in words):
        return False
    return own >= KEYWORD_LIST_SHARE * len(stems)


def question_vocabulary(question: str, key_points: Sequence[str]) -> frozenset[str]:
    """The content stems of the question and its key points (says_nothing_new reads them)."""
    return content_stems(" ".join((question, *key_points)))
