"""Keyword overlap between a job description and a question: how tailoring finds what fits.

Words are reduced to a rough stem (a few suffixes off, at most six letters) so "deploy",
"deployed" and "deployments" meet, and common words are dropped so only content words count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def word_list(text: str) -> list[str]:
    """A list of words written as one block of text: long word lists stay readable."""
    return text.split()


_WORD = re.compile(r"[a-z0-9][a-z0-9+#./-]*[a-z0-9+#]|[a-z0-9]")
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ers", "ed",
             "es", "er", "ly", "s")
_STEM_LENGTH = 6
_STOPWORDS = frozenset(word_list("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers him his how i if in into is it its itself just me more most my
no nor not of off on once only or other our ours out over own same she should so some such than
that the their theirs them then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours yourself
etc e.g i.e us via per within across among using use used make made get got new one two
tell describe explain give example walk time times way ways work working job role team company
candidate candidates looking strong ability able experience experienced years year skills
responsibilities responsible requirements required preferred plus including include includes
knowledge understanding familiarity good great excellent environment opportunity join help
"""))


def stem(word: str) -> str:
    word = word.casefold()
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:_STEM_LENGTH]


def content_stems(text: str) -> frozenset[str]:
    """The stems of a text's content words."""
    return frozenset(
        stem(word) for word in _WORD.findall(text.casefold())
        if word not in _STOPWORDS and len(word) > 1 and not word.isdigit()
    )


def overlap(question_words: Iterable[str], wanted: frozenset[str]) -> int:
    return len(wanted.intersection(question_words))
