"""Keyword overlap between a job description and a question: how tailoring finds what fits.

Words are reduced to a rough stem (a few suffixes off, at most six letters) so "deploy",
"deployed" and "deployments" meet, and common words are dropped so only content words count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mockmate_tui.core.words import ENGLISH_STOPWORDS, STEM_LENGTH, STEM_SUFFIXES, word_list

_WORD = re.compile(r"[a-z0-9][a-z0-9+#./-]*[a-z0-9+#]|[a-z0-9]")
_SUFFIXES = STEM_SUFFIXES
_STEM_LENGTH = STEM_LENGTH
# Beyond common English: the words every job ad and question uses, which say nothing of fit.
_STOPWORDS = ENGLISH_STOPWORDS | frozenset(word_list("""
within across among using use used make made get got new one two
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
