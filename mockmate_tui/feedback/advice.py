"""What the rubric's feedback says: strengths, what to improve, and how the score was reached,
written from what the rubric measured (rubric.py decides the score; this only words it)."""

from __future__ import annotations

import re

from mockmate_tui.feedback.coverage import KeyPointResult
from mockmate_tui.feedback.evaluation import Evaluation
from mockmate_tui.feedback.job_terms import TermCoverage
from mockmate_tui.feedback.signals import Signals
from mockmate_tui.feedback.structure import Structure
from mockmate_tui.feedback.yardstick import Yardstick
from mockmate_tui.models import Category

_PART_LABELS = {"structure": "Structure", "key_points": "Key points", "job_terms": "Job terms",
                "specificity": "Specificity", "length": "Length", "delivery": "Delivery"}
_STRUCTURE_LABELS = {"STAR": "STAR structure", "explanation": "Explanation structure",
                     "introduction": "Introduction structure"}
# An answer that says no point and gives at least this many figures and names leans on them
# (padding): it is told what they are worth. One or two names in a short miss are no pattern.
_LEANS_ON_DETAIL = 3


def advice(category: Category, structure: Structure, points: tuple[KeyPointResult, ...],
            terms: TermCoverage, signals: Signals, parts: dict[str, float], length: Yardstick,
            response_seconds: int | None, *, says_no_point: bool = False,
            ) -> tuple[list[str], list[str]]:
    """What to keep and what to improve. An answer that says none of the question's points
    (`says_no_point`, capped for it) is praised for nothing: its shape, figures, names, length
    and delivery were listed as strengths beside a 3, which read as if padding were the skill
    to practise; it keeps the advice and is told once what its figures and names are worth."""
    strengths, improvements = _advice(category, structure, points, terms, signals, parts,
                                      length, response_seconds)
    if not says_no_point:
        return strengths, improvements
    if len(signals.figures) + len(signals.named) >= _LEANS_ON_DETAIL:
        what = ("Figures and names" if signals.figures and signals.named
                else "Figures" if signals.figures else "Names")
        shown = [", ".join(signals.figures[:4]), ", ".join(signals.named[:4])]
        told = "; ".join(part for part in shown if part)
        improvements.append(f"{what} ({told}) do not make up for the points: say what the "
                            "question asks first, then back it with them.")
    return [], improvements


def _advice(category: Category, structure: Structure, points: tuple[KeyPointResult, ...],
            terms: TermCoverage, signals: Signals, parts: dict[str, float], length: Yardstick,
            response_seconds: int | None) -> tuple[list[str], list[str]]:
    minutes, low, high = length.minutes, length.low, length.high
    strengths: list[str] = []
    improvements: list[str] = []
    story = structure.kind == "STAR"
    for part in structure.parts:
        if part.credit >= 0.75 and part.evidence:
            if part.name == "Action":
                strengths.append(f"Action: your own steps: "
                                 f"\"{part.evidence}\"")
            else:
                strengths.append(f"{part.name}: \"{part.evidence}\"")
        elif part.name == "Action" and story and structure.only_we:
            told = f": \"{part.evidence}\"" if part.evidence else ""
            improvements.append(f"Action: told only as \"we\"{told}. Say which of those steps "
                                "were yours, with \"I\".")
        elif part.name == "Result" and story and structure.result_found \
                and not structure.measurable_result:
            improvements.append(
                "Result: no measurable outcome. Add a number such as time saved, error rate, "
                "revenue, or users affected." if category == "behavioral" else
                "Result: say how you would measure success, with a number to watch "
                "(response time, churn, error rate).")
        elif part.evidence is None:
            # Each part quotes a sentence of its own: a part with none is missing, and saying
            # so is truer than quoting a sentence another part already used.
            what = part.advice.split(": ", 1)[-1]
            improvements.append(f"{part.name}: missing, no sentence of the answer tells it. "
                                f"{what[:1].upper()}{what[1:]}")
        elif part.credit < 0.75:
            improvements.append(part.advice)
    if story and structure.measurable_result:
        strengths.append("Result is measurable: it gives numbers, not only \"it went well\".")

    covered = [p for p in points if p.covered]
    missing = [p for p in points if not p.covered]
    if covered:
        strengths.append(f"Key points covered ({len(covered)} of {len(points)}):\n"
                         + "\n".join(key_point_line(p) for p in covered))
    if missing:
        improvements.append(f"Key points not covered ({len(missing)} of {len(points)}):\n"
                            + "\n".join(key_point_line(p) for p in missing))
    if terms.matched:
        strengths.append("Job description terms used: " + ", ".join(terms.matched) + ".")
    if terms.missing and terms.credit < 1.0:
        improvements.append("Job description terms not mentioned: " + ", ".join(terms.missing)
                            + ". Connect your experience to them where it is true.")

    if signals.figures:
        # A bare whole number ("in 5", "1:1") still counts as specific, but quoted back beside
        # "4 backend devs" and "1 week" it reads as noise: shown only when nothing else is.
        shown = [figure for figure in signals.figures if not figure.isdigit()] \
            or list(signals.figures)
        strengths.append("Specific figures: " + ", ".join(shown[:5]) + ".")
    elif category != "situational":
        improvements.append("Specificity: no figures. Quantify scale or impact (how many "
                            "users, how much faster, what percentage).")
    if signals.named:
        strengths.append("Names the tools, systems, teams or places involved: "
                         + ", ".join(signals.named[:5]) + ".")
    elif category in ("technical", "behavioral"):
        improvements.append("Specificity: name the tools, systems or teams involved.")

    if signals.words < 0.35 * low and not (points and all(p.covered for p in points)):
        pass  # already said by the length cap
    elif signals.words < low and points and all(p.covered for p in points):
        strengths.append(f"Concise: {signals.words} words cover every key point "
                         f"({length.describe()}; more detail could still help).")
    elif signals.words < low:
        improvements.append(f"Length: {signals.words} words is short for a {minutes}-minute "
                            f"question ({length.describe()}); aim for about {low}-{high} words.")
    elif signals.words > high:
        improvements.append(f"Length: {signals.words} words is long for a {minutes}-minute "
                            f"question ({length.describe()}); keep to about {high} words and "
                            "cut background.")
    else:
        strengths.append(f"Length fits a {minutes}-minute answer ({signals.words} words; "
                         f"{length.describe()}).")

    loose = list(dict.fromkeys(signals.fillers + signals.hedges))
    if loose:
        count = len(signals.fillers) + len(signals.hedges)
        improvements.append("Delivery: hedges and filler ("
                            + ", ".join(f"\"{as_said(w)}\"" for w in loose[:8])
                            + f"; {count} in {signals.words} words). Say it plainly.")
    elif parts["delivery"] >= 0.9:
        strengths.append("Delivery: plain, confident wording with no hedges or filler.")

    if response_seconds is not None and response_seconds > 2 * minutes * 60 + 60:
        improvements.append(f"Time: {response_seconds // 60} min on a {minutes}-minute "
                            "question. Practise a tighter version (not scored).")
    return strengths, improvements


def key_point_line(result: KeyPointResult) -> str:
    """One key point with its verdict: a tick and the answer's own words that cover it, or a
    cross."""
    if result.covered and result.evidence:
        return f"  ✓ {result.point} — “{result.evidence}”"
    if result.covered:
        return f"  ✓ {result.point}"
    return f"  ✗ {result.point}"


def as_said(phrase: str) -> str:
    return re.sub(r"\bi\b", "I", phrase)


def non_answer_evaluation(score: int, reason: str, category: Category,
                           points: tuple[KeyPointResult, ...], terms: TermCoverage,
                           length: Yardstick | None = None) -> Evaluation:
    improvements = [reason]
    if points:
        improvements.append("A strong answer would cover: "
                            + "; ".join(p.point for p in points) + ".")
    rubric = {"structure": 0.0, "key_points": 0.0, "specificity": 0.0, "length": 0.0,
              "delivery": 0.0}
    if terms.matched or terms.missing:
        rubric["job_terms"] = 0.0
    lines = [header(length), "", "To improve:", *(f"- {line}" for line in improvements), "",
             "Rubric: every part scores 0% because this is not an answer to the question, so "
             f"the score is {score}, the lowest."]
    return Evaluation(score, "\n".join(lines), (), tuple(improvements), rubric, "rubric")


def header(length: Yardstick | None) -> str:
    """Who judged the answer, and by which yardstick. The score itself is shown beside the
    feedback (the pane's headline, the report's line, the command's first line), once."""
    mode = f", as a {length.mode} answer" if length is not None else ""
    return f"Judged by MockMate's built-in rubric{mode} (offline; no language model was used)."


def feedback_text(length: Yardstick, strengths: list[str], improvements: list[str],
                   structure: Structure, weights: dict[str, float],
                   parts: dict[str, float], reasons: dict[str, str]) -> str:
    lines = [header(length), ""]
    if strengths:
        lines += ["Strengths:", *(f"+ {line}" for line in strengths), ""]
    if improvements:
        lines += ["To improve:", *(f"- {line}" for line in improvements), ""]
    lines.append("How the score was reached (part score x weight):")
    for name, weight in weights.items():
        label = _STRUCTURE_LABELS[structure.kind] if name == "structure" else _PART_LABELS[name]
        lines.append(f"  {label:<24}{parts[name]:>5.0%}  x {weight:.0%} — {reasons[name]}")
    details = ", ".join(f"{p.name} {p.credit:.0%}" for p in structure.parts)
    lines.append(f"  ({_STRUCTURE_LABELS[structure.kind]}: {details})")
    return "\n".join(lines)
