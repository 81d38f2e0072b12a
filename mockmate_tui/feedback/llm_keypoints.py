"""A language model's key-point verdicts, taken only where the answer bears them out.

The built-in rubric judges key points by words and so misses points told in the person's own
words (FEEDBACK.md: recall about 0.7 on questions it has never seen). A language model reads
meaning: one labelling 72 of the labelled answers afresh agreed with their labels on 98% of
297 key points (FEEDBACK.md). So when a model is configured it judges each key point too, and
its verdict replaces the rubric's on one condition: a point it calls covered comes with a
quote that is the person's own words, found in the answer. A quote that is not there (a
paraphrase, an invention) is not shown as theirs: the rubric's verdict stands for that point.
A point the model leaves out, or names in other words than the question's, keeps the rubric's
verdict too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from mockmate_tui.feedback.evaluation import KeyPointVerdict

# Quotation marks and spaces a model may put around a quote it copied.
_QUOTE_EDGES = " \t\n\"'“”‘’«»"
_SPACES = re.compile(r"\s+")


class ModelKeyPoint(BaseModel):
    """One key point as the model judged it."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    point: str = Field(default="", max_length=1000)
    covered: bool
    evidence: str | None = Field(default=None, max_length=4000)


def usable_key_points(items: object) -> list[ModelKeyPoint]:
    """The well-formed entries of a reply's key points; a malformed one is dropped rather than
    costing the whole reply (its point keeps the rubric's verdict)."""
    if not isinstance(items, list):
        return []
    usable: list[ModelKeyPoint] = []
    for item in items:
        try:
            usable.append(ModelKeyPoint.model_validate(item))
        except ValueError:
            continue
    return usable


def merged_verdicts(answer: str, rubric: Sequence[KeyPointVerdict],
                    model: Sequence[ModelKeyPoint]) -> tuple[KeyPointVerdict, ...]:
    """The rubric's verdicts, each replaced by the model's where the model judged that point
    and, when it says covered, quoted words of the answer."""
    by_text = {_plain(item.point): item for item in model if item.point}
    in_order = len(model) == len(rubric)
    merged: list[KeyPointVerdict] = []
    for index, verdict in enumerate(rubric):
        judged = by_text.get(_plain(verdict.text))
        if judged is None and in_order and not model[index].point:
            judged = model[index]
        merged.append(verdict if judged is None else _checked(answer, verdict, judged))
    return tuple(merged)


def _checked(answer: str, rubric: KeyPointVerdict, model: ModelKeyPoint) -> KeyPointVerdict:
    if not model.covered:
        return KeyPointVerdict(rubric.text, False, None)
    quote = found_quote(answer, model.evidence or "")
    if quote is None:
        return rubric
    return KeyPointVerdict(rubric.text, True, quote)


def found_quote(answer: str, quote: str) -> str | None:
    """The answer's own words for a quote: the exact slice of the answer it copies, allowing
    for the quotation marks, line breaks and spacing a model may change. None if the answer
    does not hold it (or it is too short to say anything)."""
    wanted = _SPACES.sub(" ", quote.strip(_QUOTE_EDGES).rstrip(".…")).strip()
    if len(wanted.split()) < 2:
        return None
    words = [re.escape(word) for word in wanted.split(" ")]
    match = re.search(r"\s+".join(words), answer, re.IGNORECASE)
    return answer[match.start():match.end()] if match else None


def _plain(text: str) -> str:
    return _SPACES.sub(" ", text).strip().strip(".").casefold()
