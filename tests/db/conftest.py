"""Fixtures the practice tests share: a person whose answers are scripted through the real
engine, and a user with credits to practise."""

from __future__ import annotations

import pytest

from mockmate_tui.models import User
from mockmate_tui.service import MockMate
from tests.support.practice import ScriptedPerson, scripted_engine


@pytest.fixture
def person(service: MockMate) -> ScriptedPerson:
    scripted = ScriptedPerson()
    service._interviews = scripted_engine(service, scripted)
    return scripted


@pytest.fixture
def user(service: MockMate) -> User:
    user = service.create_user("Ada Lovelace", "ada@example.com")
    service.add_credits(user.id, 100)
    return user
