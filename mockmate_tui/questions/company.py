"""The questions about the company: asked only in a session that names one, and in its name.

"What do you know about our company so far?" and "Why do you want to work here rather than
somewhere else?" make sense only when the person practises for a particular company. Without
one, selection never picks them; with one, the plan asks the first right after the opener (and
the second too in a longer interview), worded with the company's name: "What do you know about
Acme so far?". The question's id and key points stay the bank's, and `bank_question` finds the
bank's question again from the worded text (its model answer, its key points).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from mockmate_tui.questions.model import BankQuestion, normalise_text

# Bank id -> (the words naming the company in the bank's text, what they become; "{company}" is
# the name). In the order they are asked: what the person knows about the company first.
_WORDING: dict[str, tuple[str, str]] = {
    "intro-easy-011": ("our company", "{company}"),
    "intro-med-001": ("work here", "work at {company}"),
}
COMPANY_QUESTION_IDS: tuple[str, ...] = tuple(_WORDING)
BOTH_FROM = 5
"""An interview of this many questions or more asks both; a shorter one only the first."""
_STORIES = frozenset({"introduction", "behavioral", "situational"})


def is_company_question(question: BankQuestion) -> bool:
    return question.id in _WORDING


def _parts(question: BankQuestion) -> tuple[str, str] | None:
    """The bank text before and after the company's name, once worded; None if the bank's text
    no longer holds the words to replace."""
    words, becomes = _WORDING[question.id]
    before, found, after = question.text.partition(words)
    if not found:
        return None
    head, _, tail = becomes.partition("{company}")
    return before + head, tail + after


def company_text(question: BankQuestion, company: str) -> str:
    """The question as the person reads it: the company named in place of "our company" or
    "here". The bank's own text when it is not one of the company questions."""
    parts = _parts(question) if is_company_question(question) else None
    if parts is None:
        return question.text
    return parts[0] + " ".join(company.split()) + parts[1]


def without_company_questions(pool: Sequence[BankQuestion]) -> list[BankQuestion]:
    return [question for question in pool if not is_company_question(question)]


def with_company(chosen: Sequence[BankQuestion], company: str,
                 bank: Sequence[BankQuestion],
                 personal: Sequence[BankQuestion] = ()) -> list[BankQuestion]:
    """`chosen` with the company questions asked right after the opener, in the company's name,
    the same number of questions in all: each takes the place of the last story question (else
    the last question) that is not a personal one. One question only: the company's is it."""
    count = len(chosen)
    known = {question.id: question for question in bank if is_company_question(question)}
    asked = [replace(known[qid], text=company_text(known[qid], company))
             for qid in COMPANY_QUESTION_IDS if qid in known]
    asked = asked[:1] if count < BOTH_FROM else asked
    rest = [question for question in chosen if not is_company_question(question)]
    if not asked or count == 0:
        return list(chosen)
    if count == 1 or not rest:
        return asked[:count]
    opener, *others = rest
    asked = asked[:count - 1]
    kept = set(personal)
    while len(others) + len(asked) > count - 1:
        stories = [i for i, q in enumerate(others) if q.category in _STORIES and q not in kept]
        movable = stories or [i for i, q in enumerate(others) if q not in kept] \
            or list(range(len(others)))
        others.pop(movable[-1])
    return [opener, *asked, *others]


def bank_question(text: str, bank: Sequence[BankQuestion]) -> BankQuestion | None:
    """The company question whose worded text this is ("What do you know about Acme so
    far?" is intro-easy-011), or None."""
    key = normalise_text(text)
    for question in bank:
        if not is_company_question(question) or (parts := _parts(question)) is None:
            continue
        head, tail = normalise_text(parts[0]), normalise_text(parts[1])
        name = key[len(head):len(key) - len(tail)] if len(key) > len(head) + len(tail) else ""
        if key.startswith(head) and key.endswith(tail) and name.strip():
            return question
    return None
