"""The built-in question bank: enough real questions in every cell, each with what a strong
answer covers and a realistic duration."""

from __future__ import annotations

from collections import Counter

from mockmate_tui.models import CATEGORIES, DIFFICULTIES
from mockmate_tui.questions import ROLE_SLUGS, find_question, load_bank
from mockmate_tui.questions.bank import builtin_bank
from mockmate_tui.questions.model import normalise_text

# Sensible answer times per category, in minutes.
DURATIONS = {"introduction": (1, 3), "behavioral": (2, 5), "situational": (2, 5),
             "technical": (2, 8)}


def test_the_bank_has_at_least_240_questions_and_20_in_every_category_and_difficulty() -> None:
    bank = builtin_bank()
    cells = Counter((q.category, q.difficulty) for q in bank)
    assert len(bank) >= 240
    for category in CATEGORIES:
        for difficulty in DIFFICULTIES:
            assert cells[(category, difficulty)] >= 20, (category, difficulty)


def test_eight_roles_have_technical_sets_across_difficulties() -> None:
    by_role = Counter((role, q.difficulty) for q in builtin_bank() for role in q.roles)
    assert len(ROLE_SLUGS) >= 8
    for role in ROLE_SLUGS:
        total = sum(by_role[(role, d)] for d in DIFFICULTIES)
        assert total >= 10, role
        assert all(by_role[(role, d)] >= 3 for d in DIFFICULTIES), role


def test_only_technical_questions_are_tied_to_a_role() -> None:
    assert all(q.category == "technical" for q in builtin_bank() if q.roles)
    assert {r for q in builtin_bank() for r in q.roles} <= set(ROLE_SLUGS)


def test_every_question_has_3_to_6_key_points_and_a_realistic_duration() -> None:
    for q in builtin_bank():
        assert 3 <= len(q.key_points) <= 6, q.id
        low, high = DURATIONS[q.category]
        assert low <= q.expected_minutes <= high, q.id


def test_ids_and_texts_are_unique() -> None:
    bank = builtin_bank()
    assert len({q.id for q in bank}) == len(bank)
    assert len({normalise_text(q.text) for q in bank}) == len(bank)


def test_questions_read_like_questions() -> None:
    for q in builtin_bank():
        assert q.text[0].isupper() and q.text.rstrip()[-1] in "?.", q.id


def test_find_question_looks_up_the_exact_text_ignoring_case_and_spacing(tmp_path) -> None:
    bank = load_bank(tmp_path / "no-imports")
    found = find_question("  tell me about   YOURSELF. ", bank)
    assert found is not None and found.id == "intro-easy-001"
    assert find_question("Tell me about your cat.", bank) is None


def test_load_bank_without_imports_is_the_built_in_bank(tmp_path) -> None:
    assert load_bank(tmp_path) == list(builtin_bank())
