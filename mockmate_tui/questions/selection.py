"""Pick the questions for one interview: the requested count, mix and difficulty, tailored to the
job, with no repeats, and questions from recent sessions used only when nothing else fits.

The plan comes first: which category and difficulty each slot gets. An engineering job gets
mostly technical questions and any other job a balanced mix, unless the person chose the
categories themselves. Then the technologies the job names (PostgreSQL, Kafka, payments, ...)
claim technical slots: each one gets a question, its core question first and the most prominent
technology first, and they keep claiming slots until they hold at least half of the technical
ones. Every other slot takes the best remaining question. "Best" is a sort key, so the choice is
explainable:
1. difficulty: the requested one exactly (a fixed difficulty is a requirement; "mixed" ramps
   easy -> medium -> hard and may borrow a neighbour);
2. not asked in a recent session;
3. topic fit: the detected role's set, then questions for any role or about a named technology;
   last, questions for another role or about a specific technology the job does not name (a Java
   question has no place in a Go interview);
4. a technology not asked about yet in this interview, so one topic does not fill it;
5. keyword overlap with the job title and description;
6. a seeded random draw, so sessions vary but one seed always gives the same interview.
With "mixed" difficulty the questions after the introduction are finally put easiest first.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

from mockmate_tui.errors import InvalidInputError
from mockmate_tui.models import (
    CATEGORIES,
    DIFFICULTIES,
    MAX_QUESTIONS,
    MIN_QUESTIONS,
    Category,
    Difficulty,
)
from mockmate_tui.questions.bank import load_bank
from mockmate_tui.questions.company import with_company, without_company_questions
from mockmate_tui.questions.keywords import content_stems, overlap
from mockmate_tui.questions.model import (
    BankQuestion,
    QuestionRequest,
    normalise_text,
)
from mockmate_tui.questions.roles import (
    detect_role,
    detect_technologies,
    is_technical_job,
    technology_named,
)

# After the introduction, categories take turns in this order: a realistic interview alternates
# story questions with technical ones rather than asking all of one kind in a row.
_ROTATION: tuple[Category, ...] = ("behavioral", "technical", "situational")
# An engineering interview is mostly technical: this share of the questions after the
# introduction, the rest alternating between these two.
_TECHNICAL_SHARE = Fraction(2, 3)
_NON_TECHNICAL: tuple[Category, ...] = ("behavioral", "situational")
# Technologies the job names keep claiming technical slots until they hold this share of them.
_NAMED_SHARE = Fraction(1, 2)
# With "mixed" difficulty a named technology's question may take a slot this many steps easier
# or harder (the final easiest-first order restores the ramp); further would spoil the warm-up.
_MAX_BORROW = 1
# More overlap than this stops counting, so one keyword-stuffed question does not always win.
_MAX_OVERLAP_COUNTED = 3

# How a question on a named technology ranks (smaller first): technologies it newly covers,
# prominence of the first, core, difficulty distance, role fit, keyword overlap, random draw.
_NamedKey = tuple[int, int, int, int, int, int, float]


@dataclass(frozen=True)
class _Slot:
    category: Category
    difficulty: Difficulty


@dataclass(frozen=True)
class _Context:
    role: str | None
    technical_job: bool
    named: tuple[str, ...]
    """The technologies the job names, most prominent first."""
    recent: frozenset[str]
    fixed_difficulty: bool
    matched: Mapping[str, int]
    """Question id -> keyword overlap with the job (capped)."""
    draw: Mapping[str, float]
    """Question id -> its seeded random draw."""


@dataclass
class _Picks:
    """The questions chosen so far, by slot, and what they use up."""

    by_slot: dict[int, BankQuestion] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    texts: set[str] = field(default_factory=set)
    technologies: set[str] = field(default_factory=set)

    def add(self, slot: int, question: BankQuestion) -> None:
        self.by_slot[slot] = question
        self.ids.add(question.id)
        self.texts.add(normalise_text(question.text))
        self.technologies.update(question.technologies)

    def repeats_a_topic(self, question: BankQuestion) -> bool:
        return any(slug in self.technologies for slug in question.technologies)

    def unused(self, question: BankQuestion) -> bool:
        return question.id not in self.ids and normalise_text(question.text) not in self.texts

    def in_order(self) -> list[BankQuestion]:
        return [self.by_slot[slot] for slot in sorted(self.by_slot)]


def select_questions(request: QuestionRequest,
                     bank: Sequence[BankQuestion] | None = None) -> list[BankQuestion]:
    """The questions for one interview, in the order to ask them (an introduction first)."""
    validate_request(request)
    whole = list(bank) if bank is not None else load_bank()
    # The questions about the company are never picked on their merits: asked only when the
    # session names a company, and then placed and worded for it (below).
    pool = without_company_questions(whole)
    context = _context(request, whole)  # the whole bank: a seed draws as it did before
    slots = plan_slots(request)
    picks = _Picks()
    _cover_named_technologies(slots, pool, context, picks)
    _fill_slots(slots, pool, context, request.categories, picks)
    chosen = picks.in_order()
    if len(chosen) < request.count:
        raise InvalidInputError(
            f"The question bank holds only {len(chosen)} different questions; "
            f"ask for {len(chosen)} or fewer, or import more."
        )
    chosen = _with_personal(chosen, request.personal)
    chosen = chosen if context.fixed_difficulty else _easiest_first(chosen)
    if request.company:
        chosen = with_company(chosen, request.company, whole, request.personal)
    return chosen


def _with_personal(chosen: list[BankQuestion],
                   personal: Sequence[BankQuestion]) -> list[BankQuestion]:
    """The first personal question (from the CV) in place of the last story question, or of
    the last question after the introduction when there is no story."""
    if not personal or len(chosen) < 2:
        return chosen
    stories = [i for i, q in enumerate(chosen) if q.category in _NON_TECHNICAL]
    place = stories[-1] if stories else len(chosen) - 1
    return [*chosen[:place], personal[0], *chosen[place + 1:]]


def validate_request(request: QuestionRequest) -> None:
    if not isinstance(request.count, int) or isinstance(request.count, bool):
        raise InvalidInputError("The number of questions must be a whole number.")
    if not MIN_QUESTIONS <= request.count <= MAX_QUESTIONS:
        raise InvalidInputError(
            f"Ask for between {MIN_QUESTIONS} and {MAX_QUESTIONS} questions, not {request.count}."
        )
    if not request.categories:
        raise InvalidInputError(
            f"Choose at least one question category: {', '.join(CATEGORIES)}."
        )
    unknown = sorted(str(c) for c in request.categories if c not in CATEGORIES)
    if unknown:
        raise InvalidInputError(
            f"Unknown category {', '.join(unknown)}; choose from {', '.join(CATEGORIES)}."
        )
    if request.difficulty != "mixed" and request.difficulty not in DIFFICULTIES:
        raise InvalidInputError(
            f"Unknown difficulty {request.difficulty!r}; "
            f"choose {', '.join(DIFFICULTIES)} or mixed."
        )
    if not isinstance(request.job_title, str) or not isinstance(request.job_description, str):
        raise InvalidInputError("The job title and description must be text.")


def _context(request: QuestionRequest, pool: Sequence[BankQuestion]) -> _Context:
    rng = random.Random(request.seed)
    draw = {question.id: rng.random() for question in pool}  # one draw per question, fixed order
    wanted = content_stems(f"{request.job_title} {request.job_description}")
    matched = {
        question.id: min(overlap(_question_stems(question), wanted), _MAX_OVERLAP_COUNTED)
        for question in pool
    }
    role = detect_role(request.job_title, request.job_description)
    return _Context(
        role=role,
        technical_job=is_technical_job(request.job_title, role),
        named=_named(request),
        recent=frozenset(normalise_text(text) for text in request.recently_asked),
        fixed_difficulty=request.difficulty != "mixed",
        matched=matched,
        draw=draw,
    )


def _named(request: QuestionRequest) -> tuple[str, ...]:
    """The technologies to cover: the focus's first (in its order), then the job's, most
    prominent first."""
    focus = [slug for item in request.focus for slug in detect_technologies("", item)]
    return tuple(dict.fromkeys((*focus, *detect_technologies(request.job_title,
                                                             request.job_description))))


# Stemming every question's words is most of a selection's cost, and a question's words never
# change: remember them (the built-in bank plus a few imports fit well within the limit).
@lru_cache(maxsize=4096)
def _question_stems(question: BankQuestion) -> frozenset[str]:
    return content_stems(" ".join((question.text, *question.key_points)))


# -- the plan -----------------------------------------------------------------------------------

def plan_slots(request: QuestionRequest) -> list[_Slot]:
    """Category and difficulty of each question, in order."""
    categories: list[Category] = ["introduction", *_category_mix(request, request.count - 1)]
    return [_Slot(category, _slot_difficulty(request, index))
            for index, category in enumerate(categories)]


def _category_mix(request: QuestionRequest, size: int) -> list[Category]:
    """The categories of the `size` questions after the introduction."""
    chosen = [c for c in _ROTATION if c in request.categories]
    # With every kind allowed the person left the mix to us, so the job decides it; a narrower
    # choice is theirs to make and is shared out evenly.
    if len(chosen) == len(_ROTATION) and _is_engineering(request):
        return _mostly_technical(size)
    rest = chosen or ["introduction"]
    return [rest[i % len(rest)] for i in range(size)]


def _is_engineering(request: QuestionRequest) -> bool:
    role = detect_role(request.job_title, request.job_description)
    return is_technical_job(request.job_title, role)


def _mostly_technical(size: int) -> list[Category]:
    """Two in three technical; the others alternate behavioural and situational, spread evenly
    so that story questions break up the technical ones instead of bunching at one end."""
    others = size - math.ceil(size * _TECHNICAL_SHARE)
    mix: list[Category] = []
    for index in range(size):
        placed = index * others // size
        if (index + 1) * others // size > placed:  # this slot's even share of the others is due
            mix.append(_NON_TECHNICAL[placed % len(_NON_TECHNICAL)])
        else:
            mix.append("technical")
    return mix


def _slot_difficulty(request: QuestionRequest, index: int) -> Difficulty:
    if request.difficulty != "mixed":
        return request.difficulty
    if index == 0:
        return "easy"  # a gentle opener
    # Ramp across the questions after the opener: the first third easy, then medium, then hard,
    # the way a real interview warms up.
    third = 3 * (index - 1) // max(request.count - 1, 1)
    ramp: tuple[Difficulty, ...] = ("easy", "medium", "hard")
    return ramp[min(third, 2)]


# -- named technologies -------------------------------------------------------------------------

def _cover_named_technologies(slots: Sequence[_Slot], pool: Sequence[BankQuestion],
                              context: _Context, picks: _Picks) -> None:
    """Give the technologies the job names their technical slots first: one question for each
    while slots last, then more until they hold at least half of the technical slots."""
    if not context.named:
        return
    free = [index for index, slot in enumerate(slots) if slot.category == "technical"]
    quota = math.ceil(len(free) * _NAMED_SHARE)
    covered: set[str] = set()
    claimed = 0
    while free:
        uncovered = tuple(slug for slug in context.named if slug not in covered)
        best = _best_named_question(pool, slots, free, context, picks, uncovered)
        if best is None:
            return
        question, slot, new = best
        if not new and claimed >= quota:
            return  # every named technology that can be covered is, and the share is reached
        picks.add(slot, question)
        free.remove(slot)
        covered.update(question.technologies)
        claimed += 1


def _best_named_question(pool: Sequence[BankQuestion], slots: Sequence[_Slot],
                         free: Sequence[int], context: _Context, picks: _Picks,
                         uncovered: tuple[str, ...],
                         ) -> tuple[BankQuestion, int, tuple[str, ...]] | None:
    """The next question on a named technology, the free slot it takes and the technologies it
    newly covers; None when no unused, not recently asked question fits a free slot."""
    options: list[tuple[_NamedKey, BankQuestion, int, tuple[str, ...]]] = []
    for question in pool:
        if not _named_candidate(question, context, picks):
            continue
        nearest = _nearest_slot(question, slots, free, context)
        if nearest is None:
            continue
        distance, slot = nearest
        new = tuple(slug for slug in uncovered if slug in question.technologies)
        prominence = context.named.index(new[0]) if new else len(context.named)
        # While covering, a technology's core question comes first even from a neighbouring
        # difficulty; once all are covered, more questions should just fit their slots.
        core = int(question.core) if new else 0
        key = (-len(new), prominence, -core, distance,
               -_role_fit(question, context.role), -context.matched[question.id],
               context.draw[question.id])
        options.append((key, question, slot, new))
    if not options:
        return None
    _, question, slot, new = min(options, key=lambda option: option[0])
    return question, slot, new


def _named_candidate(question: BankQuestion, context: _Context, picks: _Picks) -> bool:
    return (question.category == "technical"
            and _names_a_job_technology(question, context)
            and _may_ask(question, context)
            and picks.unused(question)
            and normalise_text(question.text) not in context.recent)


def _nearest_slot(question: BankQuestion, slots: Sequence[_Slot], free: Sequence[int],
                  context: _Context) -> tuple[int, int] | None:
    """(difficulty distance, slot) of the closest free slot the question may take, earliest
    first on a tie; None if it fits none. A fixed difficulty allows no borrowing."""
    allowed = 0 if context.fixed_difficulty else _MAX_BORROW
    fits = [(_distance(question, slots[slot]), slot) for slot in free]
    fits = [fit for fit in fits if fit[0] <= allowed]
    return min(fits) if fits else None


# -- every other slot ---------------------------------------------------------------------------

def _fill_slots(slots: Sequence[_Slot], pool: Sequence[BankQuestion], context: _Context,
                categories: frozenset[Category], picks: _Picks) -> None:
    for index, slot in enumerate(slots):
        if index in picks.by_slot:
            continue
        fallbacks = [slot.category, *sorted(categories), *CATEGORIES]
        for category in dict.fromkeys(fallbacks):  # the slot's own category first
            candidates = [q for q in pool if q.category == category and picks.unused(q)]
            if candidates:
                picks.add(index, min(candidates, key=lambda q: _rank(q, slot, context, picks)))
                break


def _rank(question: BankQuestion, slot: _Slot, context: _Context,
          picks: _Picks) -> tuple[int, int, int, int, int, float]:
    distance = _distance(question, slot)
    recent = int(normalise_text(question.text) in context.recent)
    fit = _topic_fit(question, context)
    repeat = int(picks.repeats_a_topic(question))
    matched = context.matched[question.id]
    draw = context.draw[question.id]
    if context.fixed_difficulty:
        return (distance, recent, -fit, repeat, -matched, draw)
    return (recent, distance, -fit, repeat, -matched, draw)


def _topic_fit(question: BankQuestion, context: _Context) -> int:
    """2: written for this role; 1: for any role, or about a technology the job names;
    0: for another role, or about a specific technology the job does not name."""
    if _off_the_stack(question, context.named):
        return 0
    fit = _role_fit(question, context.role)
    if _names_a_job_technology(question, context) and _may_ask(question, context):
        return max(fit, 1)
    return fit


def _role_fit(question: BankQuestion, role: str | None) -> int:
    """2: written for this role; 1: for any role; 0: for another role."""
    if not question.roles:
        return 1
    return 2 if role is not None and role in question.roles else 0


def _names_a_job_technology(question: BankQuestion, context: _Context) -> bool:
    return any(slug in context.named for slug in question.technologies)


def _may_ask(question: BankQuestion, context: _Context) -> bool:
    """Whether a question on a named technology suits the job: in an engineering job any
    engineer's question on its stack does (a devops job naming PostgreSQL may hear a backend
    PostgreSQL question); otherwise only one written for the role or for any role (a product
    manager whose job mentions Kafka is not quizzed on consumer groups)."""
    if context.technical_job or not question.roles:
        return True
    return context.role is not None and context.role in question.roles


def _off_the_stack(question: BankQuestion, named: tuple[str, ...]) -> bool:
    """About specific technologies only, none of which the job names."""
    return bool(question.technologies) and all(
        slug not in named and _is_specific(slug) for slug in question.technologies
    )


def _is_specific(slug: str) -> bool:
    # A tag the table does not know (a hand-built question) is treated as broad: better to keep
    # a question than to bury it for a reason nobody can see.
    technology = technology_named(slug)
    return technology is not None and not technology.broad


def _distance(question: BankQuestion, slot: _Slot) -> int:
    return abs(DIFFICULTIES.index(question.difficulty) - DIFFICULTIES.index(slot.difficulty))


def _easiest_first(questions: list[BankQuestion]) -> list[BankQuestion]:
    """The opener stays first and the rest go from easy to hard. The sort is stable, so
    questions of one difficulty keep the planned order of categories."""
    if not questions:
        return questions
    opener, *rest = questions
    return [opener, *sorted(rest, key=lambda q: DIFFICULTIES.index(q.difficulty))]
