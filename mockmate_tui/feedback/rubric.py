"""The built-in rubric: an honest, offline, deterministic score and feedback for one answer.

What an answer says decides its score; how it is told refines it. The score is
1 + 9 x (weighted sum of parts), each part 0..1:
  key points    the share of the question's key points the answer covers (coverage.py, each
                point judged on the span of the answer that speaks to it): 65% of the score
  form, the other 35%:
    structure     STAR / explanation / introduction shape (structure.py), the parts the
                  question asks for (asked.py)
    specificity   figures, named tools and systems, concrete examples
    length        words against what the expected duration calls for, typed or spoken: the
                  only part that judges length
    delivery      free of hedges, filler and cliches
  job terms     the job description's skills and technologies that the question is about,
                named in the answer (job_terms.py; only when there are some): 10%
Then guard rails and caps, each stated in the feedback when it applies:
  nothing, a refusal, a copy of the question or an unrelated answer scores 1 (every part 0);
  any real answer to the question scores at least 2, so it always outscores an unrelated one;
  none of two or more key points covered, above 3 (however fluent, long or full of figures:
  a padded answer is told what it did not say); under a third of them, above 4;
  a few words cannot score above 3; far too short, above 4, unless it covers the points;
  cliches with no evidence or a story with no actions, above 4; actions told only as "we",
  above 5.
Without key points (a custom question), the form parts share the whole score.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from mockmate_tui.core.words import word_list
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.feedback.advice import advice, feedback_text, non_answer_evaluation
from mockmate_tui.feedback.asked import parts_asked
from mockmate_tui.feedback.coverage import KeyPointResult, key_point_coverage
from mockmate_tui.feedback.decision import TYPICAL_MINUTES
from mockmate_tui.feedback.evaluation import AnswerContext, Evaluation, KeyPointVerdict
from mockmate_tui.feedback.job_terms import TermCoverage, important_terms, term_coverage
from mockmate_tui.feedback.reasons import part_reasons
from mockmate_tui.feedback.signals import Signals, read_signals
from mockmate_tui.feedback.structure import Structure, read_structure
from mockmate_tui.feedback.text import content_stems, related_stems, shorten, stem, tokens
from mockmate_tui.feedback.yardstick import Yardstick, yardstick
from mockmate_tui.models import CATEGORIES, DIFFICULTIES, MAX_SCORE, MIN_SCORE, Category

MAX_ANSWER_CHARS = 20_000

# Which rubric scored an answer: stored with every score (interview_answers.scored_by), so a
# report says what made it and `mockmate rescore` knows which scores are stale. Bump it (the
# year and month of the change, with a letter for a second change in the same month) whenever
# the same answer could get a different score or feedback: weights, caps, guard rails, the word
# lists, the wording of the feedback. Not for a refactor that leaves every result the same.
RUBRIC_VERSION = "rubric-2026.12q"

# What the answer says carries most of the score: a fluent answer that says none of the key
# points is weak however long or number-filled, and a terse one that says them all is strong.
_KEY_POINTS_SHARE = 0.65
# How it is told shares the rest. Length is judged here once, against the answer's mode.
_FORM_WEIGHTS: dict[str, dict[str, float]] = {
    "behavioral": {"structure": .45, "specificity": .25, "length": .15, "delivery": .15},
    "situational": {"structure": .45, "specificity": .20, "length": .15, "delivery": .20},
    "technical": {"structure": .30, "specificity": .25, "length": .20, "delivery": .25},
    "introduction": {"structure": .40, "specificity": .30, "length": .15, "delivery": .15},
}
_JOB_TERMS_WEIGHT = 0.10
# A question with this many key points caps an answer that covers none of them at 3, and one
# that covers under a third of them at 4 (_caps).
_POINTS_FOR_CAP = 2
_FEW_POINTS_SHARE = 0.34
# An answer this short is not capped as too short when it covers this share of the points: a
# terse note that says every point is a strong answer typed quickly.
_COVERS_ENOUGH = 0.75
# An answer that covers this share of the key points shows its substance: how it is told no
# longer caps it.
_SHOWS_THE_SUBSTANCE = 0.5
# ...but a story told only as "we" is capped here even so.
_ONLY_WE_WITH_SUBSTANCE = 7
# Any real answer to the question scores at least this: above an unrelated answer, always.
_ANSWER_FLOOR = MIN_SCORE + 1
_REFUSALS = re.compile(
    r"^(?:i (?:do not|don't|dont) know|no idea|i have no idea|idk|pass|skip|next|next question"
    r"|n/?a|no comment|not sure|i'm not sure|i can't answer(?: that)?|nothing|no|none|dunno"
    r"|i (?:do not|don't) have (?:an answer|one|any)|no answer)$"
)
_CATEGORY_WORDS: dict[str, frozenset[str]] = {
    category: frozenset(stem(word) for word in words.split())
    for category, words in {
        "behavioral": "team project colleague manager customer client deadline stakeholder "
                      "release deploy meeting users product service company role goal task "
                      "decided result data plan problem delivered",
        "situational": "team project colleague manager customer client deadline stakeholder "
                       "release meeting users product company priority goal risk plan problem "
                       "options escalate communicate management process",
        "technical": "system data code performance design test api server database service "
                     "latency scale cache queue request user error memory network model "
                     "pipeline deploy",
        "introduction": "experience years role work team company currently skills career job "
                        "engineer developer manager project background learned",
    }.items()
}
# Words of software and product work that any interview answer may use whatever the question:
# an answer about an app migration or a Postgres mailing list is about work, even when it
# shares no word with "Which project are you proudest of?". Everyday words ("team", "work",
# "home") are left out, so talk of a football team or working from home is not taken for it.
_WORK_WORDS = frozenset(stem(word) for word in word_list("""
app application feature features screen screens code codebase migration migrate rewrite rewrote
refactor component components release shipped launch launched database query queries service
services system systems server api bug bugs incident production deploy deployment customer
customers client clients user users stakeholder stakeholders manager colleague colleagues
sprint project product engineer engineering developer software tests testing review reviews
course courses conference meetup learned learning tool tools presentation presentations
"""))
# A short answer is a copy of the question when this share of its words are the question's.
_COPIED_SHARE = 0.75
# An answer touches the question with at least this share of its content words (and two).
_ON_TOPIC_SHARE = 0.06
# The words that frame a question rather than name its topic ("Tell me about a time...").
_QUESTION_FRAME = frozenset(stem(word) for word in word_list("""
tell time describe explain give example talk walk handle would like when think new situation
happened
"""))
# Verbs of everyday life that touch work only by chance ("she is called Biscuit").
_EVERYDAY = frozenset(stem(word) for word in word_list("call called like likes get got make go "
                                                       "take have said say"))
# Below this many content words one touching word is enough: a one-liner has no room for more.
_FEW_WORDS = 12
_POLITE = re.compile(r"\b(?:please|sorry|thanks|thank you|um+|uh+|well|so|honestly)\b")


@dataclass(frozen=True)
class Assessment:
    """Everything the rubric found: the evaluation and the features behind it (a language
    model's prompt is given these too)."""

    evaluation: Evaluation
    structure: Structure | None
    key_points: tuple[KeyPointResult, ...]
    job_terms: TermCoverage
    """The job description's terms the answer uses and misses, whatever the category (the
    rubric scores and lists them only for technical and situational answers)."""
    signals: Signals
    caps: tuple[tuple[int, str], ...] = field(default=())
    """(highest score allowed, why) for each guard rail that applied."""

    @property
    def is_answer(self) -> bool:
        """False for nothing, a refusal, a copy of the question or an unrelated answer."""
        return self.structure is not None

    def verdicts(self) -> tuple[KeyPointVerdict, ...]:
        """The key points as an Evaluation reports them."""
        return tuple(KeyPointVerdict(point.point, point.covered, point.evidence)
                     for point in self.key_points)

    @property
    def score_limit(self) -> int:
        return min((limit for limit, _ in self.caps), default=MAX_SCORE)


def evaluate_answer(context: AnswerContext) -> Evaluation:
    """Score one answer with the built-in rubric. The same input always gets the same result."""
    assessment = assess(context)
    return replace(assessment.evaluation, key_points=assessment.verdicts())


class RubricEvaluator:
    """The offline evaluator as an AnswerEvaluator."""

    def evaluate(self, context: AnswerContext) -> Evaluation:
        return evaluate_answer(context)


def assess(context: AnswerContext) -> Assessment:
    _validate(context)
    answer = context.answer_text.strip()
    minutes = context.expected_minutes or TYPICAL_MINUTES[context.category]
    points = key_point_coverage(context.key_points, answer, context.category, minutes,
                                context.question_text)
    return assess_with_points(context, points)


def assess_with_points(context: AnswerContext,
                       points: tuple[KeyPointResult, ...]) -> Assessment:
    """The assessment given the key points' verdicts (assess judges them; a bench gives the
    labelled ones, to measure the score apart from the judge)."""
    question_text, category = context.question_text, context.category
    key_points, job_description = context.key_points, context.job_description
    response_seconds = context.response_seconds
    answer = context.answer_text.strip()
    minutes = context.expected_minutes or TYPICAL_MINUTES[category]
    signals = read_signals(answer)
    answer_stems = content_stems(answer)
    # Every term the job names is found (a language model's prompt is given them), but an
    # answer is scored on, and asked for, only those its question is about.
    found_terms = term_coverage(job_description, answer, asked_only=False)
    terms = _terms_asked(job_description, answer, question_text, key_points, category)
    not_an_answer = _not_an_answer(question_text, answer, category, signals, answer_stems,
                                   key_points, job_description,
                                   answers_its_one_point=len(points) == 1
                                   and points[0].covered)
    if not_an_answer is not None:
        score, reason = not_an_answer
        evaluation = replace(non_answer_evaluation(score, reason, category, points, terms,
                                                   yardstick(minutes, context.mode)),
                             version=RUBRIC_VERSION)
        return Assessment(evaluation, None, points, found_terms, signals, ((score, reason),))

    structure = parts_asked(read_structure(answer, category, signals), question_text,
                            key_points)
    length = yardstick(minutes, context.mode)
    low, high = length.low, length.high
    parts = {
        "structure": structure.score,
        "key_points": point_share(points),
        "job_terms": terms.credit,
        "specificity": _specificity(signals),
        "length": _length_credit(signals.words, low, high),
        "delivery": _delivery(signals),
    }
    weights = _weights(category, has_key_points=bool(points),
                       has_job_terms=bool(terms.matched or terms.missing))
    total = sum(weights[name] * parts[name] for name in weights)
    raw = MIN_SCORE + (MAX_SCORE - MIN_SCORE) * total
    caps = _caps(category, structure, signals, length, points)
    score = int(raw + 0.5)
    for limit, _ in caps:
        score = min(score, limit)
    score = max(MIN_SCORE, min(MAX_SCORE, score))
    floor_note: list[str] = []
    if score < _ANSWER_FLOOR:
        score = _ANSWER_FLOOR
        floor_note.append(f"Raised to {_ANSWER_FLOOR}: an answer to the question scores at least "
                          f"{_ANSWER_FLOOR}, above one that does not address it.")

    strengths, improvements = advice(category, structure, points, terms, signals, parts,
                                      length, response_seconds,
                                      says_no_point=_says_no_point(points))
    improvements = [reason for _, reason in caps] + floor_note + improvements
    rubric = {name: round(parts[name], 2) for name in weights}
    for part in structure.parts:
        rubric[f"{structure.kind.lower()}.{part.name.lower()}"] = round(part.credit, 2)
    reasons = part_reasons(structure, points, terms, signals, parts, length)
    feedback = feedback_text(length, strengths, improvements, structure, weights, parts, reasons)
    evaluation = Evaluation(score, feedback, tuple(strengths), tuple(improvements), rubric,
                            "rubric", version=RUBRIC_VERSION)
    return Assessment(evaluation, structure, points, found_terms, signals, tuple(caps))


def point_share(points: Sequence[KeyPointResult]) -> float:
    """0..1: the share of the key points covered. A point is covered or not: coming near one
    earns nothing, so wording close to a point without saying it is not rewarded."""
    return sum(1 for point in points if point.covered) / len(points) if points else 0.0


# -- validation -----------------------------------------------------------------------------------

def _validate(context: AnswerContext) -> None:
    # The context's types are not checked at run time, and scripts build it from loose input:
    # each field is checked as an object so a wrong type gets a clear message.
    question: object = context.question_text
    answer: object = context.answer_text
    category: object = context.category
    difficulty: object = context.difficulty
    key_points: object = context.key_points
    job_description: object = context.job_description
    if not isinstance(question, str) or not question.strip():
        raise InvalidInputError("The question to evaluate against is empty.")
    if not isinstance(answer, str):
        raise InvalidInputError("The answer must be text.")
    if len(answer) > MAX_ANSWER_CHARS:
        raise InvalidInputError(
            f"The answer is {len(answer):,} characters; the limit is {MAX_ANSWER_CHARS:,}."
        )
    if category not in CATEGORIES:
        raise InvalidInputError(
            f"Unknown category {category!r}; choose one of {', '.join(CATEGORIES)}."
        )
    if difficulty not in DIFFICULTIES:
        raise InvalidInputError(
            f"Unknown difficulty {difficulty!r}; choose one of {', '.join(DIFFICULTIES)}."
        )
    if isinstance(key_points, str) or not all(isinstance(p, str) for p in key_points):  # type: ignore[attr-defined]
        raise InvalidInputError("Key points must be a list of texts.")
    if not isinstance(job_description, str):
        raise InvalidInputError("The job description must be text.")
    for value, what in ((context.expected_minutes, "expected minutes"),
                        (context.response_seconds, "response seconds")):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                                  or value < (1 if what == "expected minutes" else 0)):
            raise InvalidInputError(f"The {what} must be a whole number of at least "
                                    f"{1 if what == 'expected minutes' else 0}.")


# -- guard rails ----------------------------------------------------------------------------------

def _not_an_answer(question: str, answer: str, category: Category, signals: Signals,
                   answer_stems: frozenset[str], key_points: Sequence[str],
                   job_description: str, *,
                   answers_its_one_point: bool) -> tuple[int, str] | None:
    """(score, reason) if this is not an answer at all; None if it should be scored.
    `answers_its_one_point`: the question asks one key point (a follow-up does) and the answer
    covers it, which is read by meaning."""
    if signals.words == 0:
        return 1, ("No answer was given. Even a rough first attempt can be scored and improved: "
                   "answer in a few sentences.")
    bare = _POLITE.sub(" ", " ".join(tokens(answer))).strip()
    bare = " ".join(bare.split())
    if _REFUSALS.match(bare):
        return 1, (f"\"{shorten(answer, 8)}\" is not an answer. Say what you do know, or how you "
                   "would find out, and give one example from your experience.")
    question_stems = content_stems(question)
    novel = answer_stems - question_stems
    ratio = difflib.SequenceMatcher(None, " ".join(tokens(question)),
                                    " ".join(tokens(answer))).ratio()
    # A copy of the question mostly repeats the question's own words: a short answer that
    # shares its topic words ("SQL", "NoSQL") but says something of its own is an answer.
    copied = len(answer_stems & question_stems) / max(1, len(answer_stems))
    if question_stems and (ratio >= 0.8 or (copied >= _COPIED_SHARE and len(novel) <= 2)):
        return 1, ("The answer repeats the question instead of answering it. Copying the "
                   "question back earns nothing: answer it in your own words.")
    if signals.words < 3:
        return 1, (f"{signals.words} word(s) is not an answer. Answer in full sentences: what "
                   "you did or would do, and why.")
    # A question alone has too few words to judge relevance by; the words any answer of this
    # kind uses fill in, so a good answer in other words is not called off-topic.
    reference = question_stems | {stem(w) for p in key_points for w in tokens(p)} \
        | {stem(t) for t in important_terms(job_description)} | _CATEGORY_WORDS[category] \
        | _WORK_WORDS
    reference = frozenset(r for r in reference if len(r) > 2)
    # Shared words are only a stand-in for relevance. A follow-up asks one point in a few
    # words ("What did you do, step by step?"): a reply that says that point addresses it,
    # whatever words it shares. With several points they still decide: a sourdough story
    # off the topic had one point ticked by the judge ("Measure the slowdown with data").
    if len(reference) >= 3 and not answers_its_one_point:
        # The answer's own words that touch the question, directly or by concept. One shared
        # word in a long answer ("I keep the starter in a jar") is chance, not relevance.
        # A word of the question's own topic ("outage", "deadline") is enough on its own.
        touching = [s for s in answer_stems - _EVERYDAY
                    if not related_stems(s).isdisjoint(reference)]
        topic = answer_stems & (question_stems - _QUESTION_FRAME)
        needed = 1 if len(answer_stems) < _FEW_WORDS else max(2, _ON_TOPIC_SHARE
                                                                * len(answer_stems))
        if not topic and len(touching) < needed:
            return 1, ("The answer does not address the question: it shares almost no words or "
                       f"ideas with what was asked (\"{shorten(question, 12)}\"). Re-read the "
                       "question and answer that.")
    return None


def _says_no_point(points: Sequence[KeyPointResult]) -> bool:
    """The answer says none of the question's key points (and is capped at 3 for it)."""
    return len(points) >= _POINTS_FOR_CAP and point_share(points) == 0


def _caps(category: Category, structure: Structure, signals: Signals,
          length: Yardstick, points: Sequence[KeyPointResult]) -> list[tuple[int, str]]:
    caps: list[tuple[int, str]] = []
    share = point_share(points)
    # What the answer says is the verdict: a fluent, long or number-filled answer that says
    # none of the points (or almost none) is weak, and is told what it did not say.
    if _says_no_point(points):
        caps.append((3, f"Capped at 3: the answer says none of the question's {len(points)} key "
                        "points (listed below), however it is told."))
    elif len(points) >= _POINTS_FOR_CAP and share < _FEW_POINTS_SHARE:
        covered = sum(1 for point in points if point.covered)
        caps.append((4, f"Capped at 4: the answer covers only {covered} of the question's "
                        f"{len(points)} key points (listed below)."))
    covers_the_points = bool(points) and share >= _COVERS_ENOUGH
    if signals.words < 10:
        caps.append((3, f"Capped at 3: {signals.words} words cannot show enough; "
                        "a strong answer takes several sentences."))
    elif signals.words < 0.35 * length.low and not covers_the_points:
        caps.append((4, f"Capped at 4: {signals.words} words is far too short for this question "
                        f"({length.describe()})."))
    # The shape's caps read how a story is told ("I did..."): notes and hurried typing often
    # drop the "I" and the verbs. Where the key points show what was done, the shape is advice,
    # not a cap; but a story told only as "we" still hides the person's own part.
    if share >= _SHOWS_THE_SUBSTANCE:
        if category in ("behavioral", "situational") and structure.only_we:
            caps.append((_ONLY_WE_WITH_SUBSTANCE, _only_we(_ONLY_WE_WITH_SUBSTANCE)))
        return caps
    if signals.cliches and not structure.own_actions and not signals.figures:
        claims = ", ".join(f"\"{c}\"" for c in dict.fromkeys(signals.cliches))
        caps.append((4, f"Capped at 4: claims without evidence ({claims}). Replace each with a "
                        "moment that shows it."))
    if (category in ("behavioral", "situational") and not structure.own_actions
            and not structure.team_actions):
        what, verb = ("story", "did") if category == "behavioral" else ("plan", "would do")
        caps.append((4, f"Capped at 4: no {what} was told: there is no action anyone took "
                        f"or would take. Describe what you {verb}, step by step."))
    elif category in ("behavioral", "situational") and structure.only_we:
        caps.append((5, _only_we(5)))
    return caps


def _only_we(limit: int) -> str:
    return (f"Capped at {limit}: every action is told as \"we\" and none as \"I\". The "
            "interviewer is hiring you: say what you yourself did (\"I wrote...\", "
            "\"I decided...\").")


# -- parts ----------------------------------------------------------------------------------------

def _terms_asked(job_description: str, answer: str, question: str, key_points: Sequence[str],
                 category: Category) -> TermCoverage:
    """The job's terms this answer is scored on and asked for: those its question is about.
    A story or an introduction is not asked to name the job's technologies at all."""
    if category not in ("technical", "situational"):
        return TermCoverage((), ())
    return term_coverage(job_description, answer, question, key_points)


def _weights(category: Category, *, has_key_points: bool, has_job_terms: bool) -> dict[str, float]:
    form = _FORM_WEIGHTS[category]
    if has_key_points:
        weights = {"key_points": _KEY_POINTS_SHARE,
                   **{name: w * (1 - _KEY_POINTS_SHARE) for name, w in form.items()}}
    else:
        weights = dict(form)
    if has_job_terms:
        weights = {name: w * (1 - _JOB_TERMS_WEIGHT) for name, w in weights.items()}
        weights["job_terms"] = _JOB_TERMS_WEIGHT
    total = sum(weights.values())
    return {name: w / total for name, w in weights.items()}


def _length_credit(words: int, low: int, high: int) -> float:
    if words < low:
        return words / low
    if words <= high:
        return 1.0
    return max(0.5, 1.0 - (words - high) / (2 * high))


def _specificity(signals: Signals) -> float:
    return min(1.0, 0.125 * min(len(signals.figures), 4) + 0.1 * min(len(signals.named), 3)
               + 0.15 * min(len(signals.examples), 2))


def _delivery(signals: Signals) -> float:
    """Plain wording: hedges, filler and cliches per hundred words (length is judged once, by
    the length part, so a short answer is not marked down here again)."""
    issues = len(signals.fillers) + len(signals.hedges) + 2 * len(signals.cliches)
    per_hundred = 100 * issues / max(signals.words, 20)
    return max(0.0, 1.0 - per_hundred / 6)


# -- feedback ---------------------------------------------------------------------------------
