"""What an answer got wrong, in terms that recur across questions: the weak areas.

A score says how an answer went; it does not say what to practise. Two answers to different
questions share their weaknesses only when these are named the same way, so each answer is
read into observations of a fixed set of areas:

- criterion: how it was told (no measurable result, no first-person action, a STAR part
  missing, hedging, too short or too long for the question's time);
- theme: the kind of key point it missed ("trade-offs", "testing"...), not only the text;
- skill: a skill or technology of the job description the question was about but the answer
  did not show;
- category and difficulty: how answers of that kind score.

Each observation carries a grade (the review's rating, core/schedule.py) and why. Pure: the
caller hands in the facts (the evaluation's rubric parts and key-point verdicts, the job terms
it found); nothing here reads a clock or a database.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Literal

from mockmate_tui.records import Category, Difficulty

AreaKind = Literal["criterion", "theme", "skill", "category", "difficulty"]
AREA_KINDS: tuple[AreaKind, ...] = ("criterion", "theme", "skill", "category", "difficulty")


class Grade(IntEnum):
    """How an answer did on one area: the rating of that area's review (FSRS's four)."""

    AGAIN = 1
    """Missed it: the weakness showed."""
    HARD = 2
    """Partly there."""
    GOOD = 3
    """Done well."""
    EASY = 4
    """Done very well (a high-scoring answer of the category or difficulty)."""


@dataclass(frozen=True)
class Area:
    """One weak area, named so it recurs: `key` is stable ("criterion:measurable_result",
    "skill:Kafka"), `label` is what a person reads."""

    key: str
    kind: AreaKind
    label: str


@dataclass(frozen=True)
class Observation:
    area: Area
    grade: Grade
    why: str


@dataclass(frozen=True)
class KeyPointFact:
    text: str
    covered: bool
    evidence: str | None = None


@dataclass(frozen=True)
class AnswerFacts:
    """What is known of one answer, from its evaluation: everything `observe` reads."""

    category: Category
    difficulty: Difficulty
    score: int
    answer_text: str
    rubric: Mapping[str, float] = field(default_factory=dict)
    """The evaluation's rubric parts (0..1), e.g. "star.result", "delivery", "length"."""
    key_points: tuple[KeyPointFact, ...] = ()
    skills_asked: tuple[str, ...] = ()
    """Job-description skills the question was about."""
    skills_shown: tuple[str, ...] = ()
    """Of those, the ones the answer named."""
    expected_minutes: int = 3
    hinted: bool = False
    """The talking points (the key points) were shown before answering: a key point covered
    then was seen, not recalled, and counts as partly there (Hard), never as done (Good)."""


CRITERIA: dict[str, str] = {
    "measurable_result": "No measurable result",
    "first_person": "No first-person action",
    "star.situation": "STAR: situation missing",
    "star.task": "STAR: task missing",
    "star.action": "STAR: action missing",
    "star.result": "STAR: result missing",
    "hedging": "Hedging",
    "too_short": "Too short",
    "too_long": "Too long",
}

# Key points are grouped by what they ask for, so "says what changed in numbers" and "the
# outcome, measured" are one theme across questions. First match wins; stems, not words.
THEMES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("tradeoffs", "Trade-offs", ("trade-off", "tradeoff", "trade off", "alternative", "pros and",
                                 "cons", "cost", "versus", " vs")),
    ("metrics", "Measured outcome", ("measur", "metric", "outcome", "impact", "result", "quantif",
                                     "number", "percent")),
    ("testing", "Testing", ("test", "verif", "validat")),
    ("failure", "Failure handling", ("failure", "fail", "retry", "retries", "rollback",
                                     "roll back", "error", "fallback", "idempot", "timeout")),
    ("scale", "Scale and performance", ("scal", "load", "throughput", "partition", "shard",
                                        "capacity", "latency", "cache", "caching", "perform")),
    ("data", "Data and consistency", ("consisten", "transaction", "isolation", "index", "schema",
                                      "replica", "durab", "query", "queries")),
    ("observability", "Monitoring", ("monitor", "alert", "observab", "logging", "logs",
                                     "tracing", "dashboard")),
    ("security", "Security", ("secur", "auth", "encrypt", "secret", "permission", "vulnerab")),
    ("stakeholders", "Stakeholders and communication", ("stakeholder", "communicat", "manager",
                                                         "customer", "align", "expectation",
                                                         "explain")),
    ("reflection", "Reflection and learning", ("learn", "lesson", "differently", "reflect",
                                               "improve", "retrospect", "growth")),
    ("collaboration", "Collaboration", ("team", "colleague", "conflict", "disagree", "feedback",
                                        "listen", "empath")),
    ("ownership", "Ownership", ("own", "responsib", "initiative", "decision", "decide", "led ",
                                "lead")),
    ("priorities", "Prioritisation", ("priorit", "deadline", "scope", "urgent", "plan")),
)

_FIGURE = re.compile(
    r"\d|\b(?:twice|half|double[ds]?|halved|tripled|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|twenty|thirty|forty|fifty|hundred|thousand|million|percent)\b", re.IGNORECASE)
_FIRST_SINGULAR = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|myself)\b", re.IGNORECASE)
_FIRST_PLURAL = re.compile(r"\b(?:we|we're|we've|we'd|us|our|ourselves)\b", re.IGNORECASE)
_HEDGE = re.compile(r"\b(?:i think|i guess|i suppose|maybe|probably|perhaps|hopefully|"
                    r"not sure|i believe|i feel like|more or less|somewhat|sort of|kind of)\b",
                    re.IGNORECASE)
_WORD = re.compile(r"[\w'’-]+")
# A full typed answer: 20 to 67 words per expected minute (feedback/yardstick.py's figures).
_LOW_WORDS_PER_MINUTE, _HIGH_WORDS_PER_MINUTE = 20, 200 / 3
# A category or difficulty is weak where its answers score at most this, strong from GOOD_SCORE.
WEAK_SCORE = 5
GOOD_SCORE = 7
EASY_SCORE = 9
# A rubric part (0..1) below this is missed, below PART_GOOD only partly there.
_PART_MISSED = 0.4
_PART_GOOD = 0.7
# Stories: where a measurable result and the person's own action are asked of an answer.
_STORY_CATEGORIES: frozenset[str] = frozenset({"behavioral", "situational"})


def criterion(name: str) -> Area:
    return Area(f"criterion:{name}", "criterion", CRITERIA[name])


def theme_area(slug: str) -> Area:
    label = next(label for key, label, _ in THEMES if key == slug)
    return Area(f"theme:{slug}", "theme", f"Key points: {label.lower()}")


def skill_area(name: str) -> Area:
    return Area(f"skill:{name}", "skill", f"Skill not shown: {name}")


def category_area(category: str) -> Area:
    return Area(f"category:{category}", "category", f"{category.capitalize()} questions")


def difficulty_area(difficulty: str) -> Area:
    return Area(f"difficulty:{difficulty}", "difficulty", f"{difficulty.capitalize()} questions")


def area_from_key(key: str) -> Area:
    """The area a stored key names (the inverse of Area.key)."""
    kind, _, name = key.partition(":")
    if kind == "criterion" and name in CRITERIA:
        return criterion(name)
    if kind == "theme" and any(slug == name for slug, _, _ in THEMES):
        return theme_area(name)
    if kind == "skill" and name:
        return skill_area(name)
    if kind == "category" and name:
        return category_area(name)
    if kind == "difficulty" and name:
        return difficulty_area(name)
    raise ValueError(f"not an area key: {key!r}")


def theme_of(key_point: str) -> str | None:
    """The theme a key point asks for, or None when it names none of them."""
    text = f" {key_point.casefold()} "
    for slug, _, stems in THEMES:
        if any(stem in text for stem in stems):
            return slug
    return None


def _grade_part(credit: float) -> Grade:
    if credit < _PART_MISSED:
        return Grade.AGAIN
    return Grade.HARD if credit < _PART_GOOD else Grade.GOOD


def _grade_score(score: int) -> Grade:
    if score <= WEAK_SCORE:
        return Grade.AGAIN
    if score < GOOD_SCORE:
        return Grade.HARD
    return Grade.EASY if score >= EASY_SCORE else Grade.GOOD


def observe(facts: AnswerFacts) -> tuple[Observation, ...]:
    """Every area this answer exercised, graded, in a stable order (one per area)."""
    found: dict[str, Observation] = {}

    def add(area: Area, grade: Grade, why: str) -> None:
        kept = found.get(area.key)
        if kept is None or grade < kept.grade:  # the worst showing of an area counts
            found[area.key] = Observation(area, grade, why)

    text = facts.answer_text
    words = len(_WORD.findall(text))
    if facts.category in _STORY_CATEGORIES:
        if _FIGURE.search(text):
            add(criterion("measurable_result"), Grade.GOOD, "says what changed, in figures")
        else:
            add(criterion("measurable_result"), Grade.AGAIN, "no figure says what changed")
        plain = _HEDGE.sub(" ", text)  # "I think" is no action of one's own
        mine, ours = len(_FIRST_SINGULAR.findall(plain)), len(_FIRST_PLURAL.findall(plain))
        if mine == 0:
            add(criterion("first_person"), Grade.AGAIN, "never says what you did (no 'I')")
        elif ours > 2 * mine:
            add(criterion("first_person"), Grade.HARD,
                f"'we' {ours} times, 'I' {mine}: your own part is hard to see")
        else:
            add(criterion("first_person"), Grade.GOOD, "says what you did")
    for part, credit in sorted(facts.rubric.items()):
        if part.startswith("star.") and part in CRITERIA:
            grade = _grade_part(credit)
            add(criterion(part), grade, f"{part.split('.')[1]} part {credit:.0%} there")
    hedges = len(_HEDGE.findall(text))
    if words:
        per_hundred = 100 * hedges / max(words, 20)
        if per_hundred >= 3:
            add(criterion("hedging"), Grade.AGAIN, f"{hedges} hedges in {words} words")
        elif hedges:
            add(criterion("hedging"), Grade.HARD, f"{hedges} hedge(s) in {words} words")
        else:
            add(criterion("hedging"), Grade.GOOD, "said plainly")
    minutes = max(1, facts.expected_minutes)
    low, high = round(_LOW_WORDS_PER_MINUTE * minutes), round(_HIGH_WORDS_PER_MINUTE * minutes)
    if words < low:
        add(criterion("too_short"), Grade.AGAIN if words < low / 2 else Grade.HARD,
            f"{words} words; a full answer is {low}-{high}")
    else:
        add(criterion("too_short"), Grade.GOOD, f"{words} words")
    if words > high:
        add(criterion("too_long"), Grade.AGAIN if words > 2 * high else Grade.HARD,
            f"{words} words; a full answer is {low}-{high}")
    elif words >= low:
        add(criterion("too_long"), Grade.GOOD, f"{words} words")
    for point in facts.key_points:
        slug = theme_of(point.text)
        if slug is None:
            continue
        if point.covered and facts.hinted:
            add(theme_area(slug), Grade.HARD, f"covered after seeing it: {point.text}")
        elif point.covered:
            add(theme_area(slug), Grade.GOOD, f"covered: {point.text}")
        else:
            add(theme_area(slug), Grade.AGAIN, f"missed: {point.text}")
    shown = set(facts.skills_shown)
    for skill in facts.skills_asked:
        if skill in shown:
            add(skill_area(skill), Grade.GOOD, f"named {skill}")
        else:
            add(skill_area(skill), Grade.AGAIN, f"the question was about {skill}; not named")
    grade = _grade_score(facts.score)
    add(category_area(facts.category), grade, f"scored {facts.score}/10")
    add(difficulty_area(facts.difficulty), grade, f"scored {facts.score}/10")
    return tuple(found.values())


def missed(observations: tuple[Observation, ...]) -> tuple[Observation, ...]:
    """The findings: the areas the answer missed (graded AGAIN)."""
    return tuple(o for o in observations if o.grade is Grade.AGAIN)
