"""One decision per key point, with the sentence of the answer that backs it.

Each key point is judged against each sentence of the answer on its own, never against the
answer's whole bag of words: a point is covered when one sentence (or a sentence and the one
after it, for a point told over two) meets enough of what the point asks. A point's word is met
by the same word, by a word of its concept group, or, when the word names a kind of thing (a
result, one's own part, how people talked), by a sentence that shows that kind of thing
(concepts.py). A point whose first word names such a kind of thing needs a sentence that shows
it.

The decision (decision.py): the best sentence's match, with how much that sentence and the
whole answer say (length, figures, names, generic claims, how many of the points it touches),
gives the odds that an interviewer would tick the point, from a small logistic model fitted on
the labelled answers (fitted.py); below the match floor no sentence speaks to the point and it
is not covered whatever the rest of the answer says. The evidence is the best sentence, or its
clause that carries the match, quoted exactly from the answer. FEEDBACK.md has the method and
the measured precision and recall.

Deterministic and fast: a few regular expressions and set look-ups per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from mockmate_tui.core.words import word_list
from mockmate_tui.feedback.concepts import cues_asked, cues_shown, related
from mockmate_tui.feedback.decision import AnswerFacts, Found, odds, reaches_floor
from mockmate_tui.feedback.detail import Detail, detail, vague_share
from mockmate_tui.feedback.fitted import MODEL
from mockmate_tui.feedback.signals import read_signals
from mockmate_tui.feedback.text import (
    LIST_MARKER,
    content_words,
    related_stems,
    sentence_slices,
    stem,
)

# What a point's word earns from a sentence: the same stem, a word of its concept group, a cue
# of the kind of thing it names, or a word with the same first five letters.
_DIRECT = 1.0
_CONCEPT = 0.8
_CUE = 0.8
_PREFIX = 0.6
# What a sentence that misses a point's first word keeps of its score (see _score).
HEAD_MISSED = 0.5
# Two sentences in a row count for a little less than one that says it all.
_PAIR_FACTOR = 0.9
# A sentence with fewer content words than this, or a generic claim with no figure or name,
# counts for less (_substance).
_SUBSTANTIAL_WORDS = 5
_GENERIC_FACTOR = 0.6
_GENERIC = re.compile(
    r"\b(?:always|every|everyone|everybody|all the time|i believe|i think|key to|is key|"
    r"important|great|best|really|very|-driven|in general|generally|usually|whatever|"
    r"as needed|things|stuff)\b")
_NAMED = re.compile(r"(?<![.!?]\s)\b[A-Z][A-Za-z0-9]+")
# Scores this close count as a tie when choosing the quote.
_TIE = 0.1
# From a sentence this long, only the clause that carries the match is quoted.
_LONG_SENTENCE_WORDS = 28

# Words in key points that frame the point rather than carry it.
_FRAMING = frozenset(stem(word) for word in word_list("""
how what why which whether specific concrete clear clearly plain real own actual actually
ideally especially something someone step steps ways way thing things kind sort able
such example examples one need needed right keep kept happen happened new other others up
well main know take set done say give try like far two three sentence sentences brief briefly
"""))

_CLAUSE_BREAK = re.compile(r"(?:;|:|\s[—–-]\s|,\s(?=(?:and|so|but|which|then|because|while)\s))")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Unit:
    span: Span
    stems: frozenset[str]
    cues: frozenset[str]
    pair: bool = False


@dataclass(frozen=True)
class Judgement:
    point: str
    score: float
    """How likely an interviewer is to tick the point, 0..1 (decision.py)."""
    match: float
    """The share of the point its best sentence meets, 0..1."""
    evidence: str | None
    """That sentence or clause, an exact substring of the answer; None if nothing met it."""
    covered: bool


def _read_answer(answer: str, sentences: Sequence[_Unit]) -> AnswerFacts:
    signals = read_signals(answer)
    generic = sum(1 for unit in sentences if _GENERIC.search(unit.span.text.casefold()))
    return AnswerFacts(len(answer.split()), len(signals.figures), len(signals.named),
                       generic / max(1, len(sentences)),
                       vague_share([unit.span.text for unit in sentences]))


def sentence_spans(answer: str) -> list[Span]:
    """The answer's sentences (and list items), each an exact slice of it (text.py splits)."""
    return [span for start, end in sentence_slices(answer) for span in _trimmed(answer, start, end)]


def _trimmed(text: str, start: int, end: int) -> list[Span]:
    piece = text[start:end]
    stripped = piece.strip()
    marker = LIST_MARKER.match(stripped)
    if marker:  # a list item's "2." or "-" is not part of what it says
        stripped = stripped[marker.end():].strip()
    if not stripped or not re.search(r"[A-Za-z0-9]", stripped):
        return []
    offset = start + piece.index(stripped)
    return [Span(offset, offset + len(stripped), stripped)]


def clause_spans(sentence: Span) -> list[Span]:
    """The sentence's clauses, split at ";", ":", dashes and ", and/so/but/which...". """
    spans: list[Span] = []
    start = 0
    for match in _CLAUSE_BREAK.finditer(sentence.text):
        spans.extend(_shifted(sentence, start, match.start()))
        start = match.end()
    spans.extend(_shifted(sentence, start, len(sentence.text)))
    return spans


def _shifted(sentence: Span, start: int, end: int) -> list[Span]:
    return [Span(sentence.start + s.start, sentence.start + s.end, s.text)
            for s in _trimmed(sentence.text, start, end)]


_CAMEL_NAME = re.compile(r"\b[A-Za-z][a-z]+(?:[A-Z][a-z]+)+\b")
_CAMEL_PART = re.compile(r"[A-Z]?[a-z]+")


def _stem_list(text: str) -> list[str]:
    """The content stems of a text in order; a joined word ("async/await", "follow-up") also
    gives its parts."""
    stems: list[str] = []
    for word in content_words(text):
        stems.append(stem(word))
        if "/" in word or "-" in word:
            stems.extend(stem(part) for part in re.split(r"[/-]", word) if len(part) > 1)
    # A name written in camel case ("SharedPreferences", "readOnly") also gives its words.
    for name in _CAMEL_NAME.findall(text):
        stems.extend(stem(part) for part in _CAMEL_PART.findall(name) if len(part) > 2)
    return stems


def _stems(text: str) -> frozenset[str]:
    return frozenset(_stem_list(text))


def _unit(span: Span) -> _Unit:
    return _Unit(span, _stems(span.text), cues_shown(span.text))


# A point that asks what the person did ("What you did to adjust", "The actions you took")
# asks for their own actions, whatever its other words are.
_ASKS_FOR_ACTIONS = re.compile(
    r"\byou (?:\w+ly )?(?:did|took|handled|changed|responded|dealt|acted|do|would do)\b"
    r"|\byour (?:actions|steps)\b", re.IGNORECASE)
# A term standing for a cue rather than a word ("@own" is met by a sentence that shows "own").
_CUE_TERM = "@"


@lru_cache(maxsize=4096)
def point_terms(point: str) -> tuple[str, ...]:
    """The stems that carry a key point."""
    terms = dict.fromkeys(_stem_list(point))
    carried = [term for term in terms if term not in _FRAMING]
    if _ASKS_FOR_ACTIONS.search(point):
        carried.append(_CUE_TERM + "own")
    return tuple(carried or terms)


@lru_cache(maxsize=8192)
def _neighbours(term: str) -> frozenset[str]:
    return (related(term) | related_stems(term)) - {term}


def _term_credit(term: str, unit: _Unit) -> float:
    if term.startswith(_CUE_TERM):
        return _CUE if term[1:] in unit.cues else 0.0
    if term in unit.stems:
        return _DIRECT
    best = 0.0
    if not _neighbours(term).isdisjoint(unit.stems):
        best = _CONCEPT
    if best < _CUE and not cues_asked(term).isdisjoint(unit.cues):
        best = _CUE
    if best < _PREFIX and len(term) >= 5 and any(
            len(s) >= 5 and s[:5] == term[:5] for s in unit.stems):
        best = _PREFIX
    return best


def _score(terms: Sequence[str], weights: Sequence[float], unit: _Unit) -> float:
    total = sum(weights)
    if not total:
        return 0.0
    credits = [_term_credit(t, unit) for t in terms]
    score = sum(w * c for c, w in zip(credits, weights, strict=True)) / total
    # A key point is a phrase about its first word ("The result the team achieved" is about a
    # result): when that word asks for a kind of thing (a result, a lesson, one's own part), a
    # sentence that shows nothing of it meets the point only in passing.
    if credits[0] > 0 or not cues_asked(terms[0]):
        return score
    return score * HEAD_MISSED


def _misses_head(terms: Sequence[str], unit: _Unit) -> bool:
    """The point's first word asks for a kind of thing (a result, a lesson, one's own part)
    and the sentence shows nothing of it (see _score)."""
    return _term_credit(terms[0], unit) == 0 and bool(cues_asked(terms[0]))


def _weights(terms: Sequence[str]) -> list[float]:
    """Every word of a point counts the same (weighting rarer words did not help on tune)."""
    return [1.0] * len(terms)


_OPTIONS_START = re.compile(r":|\bsuch as\b|\be\.g\.|\blike\b")
_OPTIONS_SPLIT = re.compile(r",|\bor\b|\band\b")


@lru_cache(maxsize=4096)
def point_readings(point: str) -> tuple[tuple[str, ...], ...]:
    """The ways a point can be met: its whole text, and when it lists options after a colon or
    "such as", its head with any one of them ("How you learned it: resources, people,
    practice" is met by the head and any one of the three)."""
    whole = point_terms(point)
    match = _OPTIONS_START.search(point)
    if match is None:
        return _alternatives(point, whole)
    # A head of framing words only ("What happened: persuaded, compromised or...") asks
    # nothing of its own: any one option is enough.
    head = tuple(t for t in point_terms(point[: match.start()]) if t not in _FRAMING)
    readings = []
    for option in _OPTIONS_SPLIT.split(point[match.end():]):
        terms = tuple(dict.fromkeys(head + point_terms(option)))
        if point_terms(option):
            readings.append(terms)
    return tuple(readings) or ((whole,) if whole else ())


# Words joined by "or" ("What you cut, delegated or simplified", "The customer's need or
# problem"): the labelling rule takes any one of them as enough, as for options after a colon.
_OR_LIST = re.compile(r"\b[\w'-]+(?:, [\w'-]+)*,? or [\w'-]+\b")


def _alternatives(point: str, whole: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The point read with each word of its "or" list in place of the list."""
    match = _OR_LIST.search(point)
    if match is None:
        return (whole,) if whole else ()
    readings: list[tuple[str, ...]] = []
    for word in re.split(r",? or |, ", match.group()):
        terms = point_terms(point[: match.start()] + word + point[match.end():])
        # A reading left with no word of its own ("What you would do the same", where only
        # the asked-for action remains) would be met by any action.
        if any(not t.startswith(_CUE_TERM) for t in terms) and terms not in readings:
            readings.append(terms)
    return tuple(readings) or ((whole,) if whole else ())


def _windows(units: list[_Unit], answer: str) -> list[_Unit]:
    """Every sentence, and every two sentences in a row on one line (a point told over two);
    two list items or paragraphs are two things said, and a quote of both would carry the
    second one's "3." or the break between them."""
    pairs = [_Unit(Span(a.span.start, b.span.end, answer[a.span.start:b.span.end]),
                   a.stems | b.stems, a.cues | b.cues, True) for a, b in pairwise(units)
             if "\n" not in answer[a.span.end:b.span.start]]
    return units + pairs


@dataclass(frozen=True)
class Finding:
    """What the matcher found for one key point, before the decision."""

    point: str
    found: Found
    quote: str | None
    """The sentence or clause that meets the point best, an exact substring of the answer."""


def find_points(key_points: Sequence[str], answer: str, category: str | None = None,
                expected_minutes: int | None = None, question: str = "") -> tuple[Finding, ...]:
    """What each key point that has content words is met by, in the points' order. The
    question's own words, like words several points share, are its topic: any answer on the
    topic uses them, so meeting them says less than meeting a point's own words."""
    sentences = [_unit(span) for span in sentence_spans(answer)]
    windows = _windows(sentences, answer)
    whole = _read_answer(answer, sentences)
    judged = [(point, readings) for point in key_points if (readings := point_readings(point))]
    shared = _shared_terms([readings for _, readings in judged]) | _stems(question)
    findings: list[Finding] = []
    for index, (point, readings) in enumerate(judged):
        scored: list[tuple[float, _Unit, tuple[str, ...]]] = []
        for terms in readings:
            weights = _weights(terms)
            for unit in windows:
                score = _score(terms, weights, unit) * _substance(unit)
                if unit.pair:
                    score *= _PAIR_FACTOR
                if score > 0:
                    scored.append((score, unit, terms))
        top = max(scored, key=lambda item: item[0], default=None)
        best, top_unit, quote = 0.0, None, None
        if top is not None:
            best, unit, terms = top
            top_unit = _unit(_narrowed(terms, _weights(terms), unit))
            # The quote: among the sentences that meet the point about as well, the one where
            # an answer that follows the points in order would say it.
            expected = index / max(1, len(judged) - 1)
            _, unit, terms = min(
                (item for item in scored if item[0] >= best - _TIE),
                key=lambda item: (_place(item[1], len(answer)) - expected) ** 2 - item[0])
            quote = _narrowed(terms, _weights(terms), unit).text
        # How far the best sentence stands from where an answer that follows the points in
        # order would say it: people tend to answer a checklist in its order, so a point met
        # only out of place is more often met in passing.
        gap, head_missed, said = 1.0, False, Detail()
        if top is not None:
            gap = abs(_place(top[1], len(answer)) - index / max(1, len(judged) - 1))
            head_missed = _misses_head(top[2], top[1])
            said = detail(top[2], [_term_credit(t, top[1]) for t in top[2]], shared,
                          top[1].span.text)
        found = Found(min(1.0, best), len(top_unit.stems) if top_unit else 0,
                      top_unit is not None and "figure" in top_unit.cues, whole,
                      category, place_gap=gap, head_missed=head_missed, detail=said,
                      expected_minutes=expected_minutes)
        findings.append(Finding(point, found, quote))
    # How many of the question's points the answer speaks to at all: an answer that touches
    # most of them is a real attempt at the question, one that touches one is mostly elsewhere.
    touched = sum(reaches_floor(f.found) for f in findings) / max(1, len(findings))
    return tuple(Finding(f.point, replace(f.found, touched=touched), f.quote) for f in findings)


def _shared_terms(points: Sequence[tuple[tuple[str, ...], ...]]) -> frozenset[str]:
    """The words two or more of the question's points use: the question's topic."""
    seen: dict[str, int] = {}
    for readings in points:
        for term in {t for terms in readings for t in terms}:
            seen[term] = seen.get(term, 0) + 1
    return frozenset(term for term, count in seen.items() if count > 1)


def judge_points(key_points: Sequence[str], answer: str, category: str | None = None,
                 expected_minutes: int | None = None, question: str = "") -> tuple[Judgement, ...]:
    """One judgement per key point that has content words, in the points' order."""
    judgements: list[Judgement] = []
    for finding in find_points(key_points, answer, category, expected_minutes, question):
        chance = odds(finding.found, MODEL)
        judgements.append(Judgement(finding.point, chance, finding.found.match, finding.quote,
                                    chance >= MODEL.threshold))
    return tuple(judgements)


def _substance(unit: _Unit) -> float:
    """How much a sentence says: a generic claim or a few words count for less."""
    words = len(unit.stems)
    factor = 1.0 if words >= _SUBSTANTIAL_WORDS else 0.6 + 0.4 * words / _SUBSTANTIAL_WORDS
    generic = _GENERIC.search(unit.span.text.casefold()) is not None
    specific = "figure" in unit.cues or bool(_NAMED.search(unit.span.text[1:]))
    if generic and not specific:
        factor *= _GENERIC_FACTOR
    return factor


def _place(unit: _Unit, length: int) -> float:
    """Where in the answer a sentence stands, 0 (start) to 1 (end)."""
    return (unit.span.start + unit.span.end) / 2 / max(1, length)


def _narrowed(terms: Sequence[str], weights: Sequence[float], unit: _Unit) -> Span:
    """The clause of a long sentence that alone meets as much as the sentence, if one does."""
    if unit.pair or len(unit.span.text.split()) < _LONG_SENTENCE_WORDS:
        return unit.span
    score = _score(terms, weights, unit)
    for clause in clause_spans(unit.span):
        if _score(terms, weights, _unit(clause)) >= score:
            return clause
    return unit.span
