"""English word lists shared by question tailoring and answer feedback: one place for the
common stopwords and the suffixes a rough stem drops."""

from __future__ import annotations


def word_list(text: str) -> list[str]:
    """A list of words written as one block of text: long word lists stay readable."""
    return text.split()


# Suffixes a rough stem drops (longest first), so "deployed", "deploying" and "deployment" meet.
STEM_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ers", "ed",
                 "es", "er", "ly", "s")
STEM_LENGTH = 6

ENGLISH_STOPWORDS = frozenset(word_list("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers him his how i if in into is it its itself just me more most my
no nor not of off on once only or other our ours out over own same she should so some such than
that the their theirs them then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours yourself
etc e.g i.e us via per
"""))
