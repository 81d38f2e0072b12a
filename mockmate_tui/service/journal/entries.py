"""What the offline journal holds: each write the database could not take, as plain data.

Every entry is idempotent when stored: the ids in it (of the answer, of the question shown)
were made here before the first try, and a timer entry names the stored timer it was made on
and the one it leaves, so storing an entry twice (a replay cut short by a crash) changes
nothing the second time.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID, uuid4

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from mockmate_tui.db.timer_repo import SessionTimerColumns
from mockmate_tui.models import AnswerMode, Category, Delivery, Difficulty
from mockmate_tui.service.timer.state import TimerBasis


class _Entry(BaseModel):
    model_config = ConfigDict(frozen=True)

    entry_id: UUID = Field(default_factory=uuid4)
    session_id: UUID
    at: datetime


class TimerEntry(_Entry):
    """A start, pause, resume, stop or heartbeat: stored at once, or journaled while the
    database is away (a start never is) and stored when it is back, by timer/store.py."""

    kind: Literal["timer"] = "timer"
    action: Literal["start", "pause", "resume", "stop", "heartbeat"]
    before: TimerBasis
    """The stored timer the transition was made on, and (after) the one it leaves: how a replay
    tells whether the entry is stored already, or was overtaken."""
    after: TimerBasis
    columns: SessionTimerColumns
    interval: Literal["none", "save", "close", "open"]
    """What happens to the running interval: saved (a heartbeat), closed, or one opened."""
    interval_seconds: float = 0.0
    """The open interval's running seconds when it is saved or closed (before any cut to the
    paid hours, which only the database can decide)."""
    settles: bool = False
    """A heartbeat that charges the hours entered (online); a close always does."""
    owner_id: UUID
    owner_host: str
    owner_pid: int
    owner_started: float
    owner_heartbeat_seconds: float | None = None
    draft: str | None = None
    """A pause or a stop: the answer typed so far, kept with its question by the same record,
    in the same transaction (journal/store.py store_draft, called by timer/store.py), so the
    draft and the step are stored together or not at all. None: none came with it."""
    draft_question: int | None = None
    """The question the draft is for, as this window shows it (None: the question on screen
    as the database knows it)."""


class KeyPointEntry(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    covered: bool
    evidence: str | None = None


class AnswerEntry(_Entry):
    """An answer, scored (its feedback is already on screen): stored at once, or journaled
    while the database is away and stored when it is back, by journal/store.py."""

    kind: Literal["answer"] = "answer"
    question_number: int
    question_id: UUID
    answer_id: UUID
    answer_text: str
    response_seconds: int
    feedback: str
    score: int
    scored_by: str | None
    # How it was given and its delivery (defaults: entries journaled before they were kept).
    answer_mode: AnswerMode = "typed"
    delivery: Delivery | None = None
    # What its weak areas are read from (the evaluation's public parts): with the answer, so
    # an answer stored at replay records them as one stored at once does. None: journaled
    # before they were kept (its weak areas start with the next answer, as they did then).
    source: Literal["rubric", "llm"] | None = None
    rubric: dict[str, float] = Field(default_factory=dict)
    key_points: tuple[KeyPointEntry, ...] = ()


class SkipEntry(_Entry):
    kind: Literal["skip"] = "skip"
    question_number: int


class ShowEntry(_Entry):
    """The next question of the plan, shown while offline."""

    kind: Literal["show"] = "show"
    question_number: int
    question_id: UUID
    question_text: str
    category: Category
    difficulty_level: Difficulty
    expected_duration: int
    shown_at_seconds: float


class DraftEntry(_Entry):
    kind: Literal["draft"] = "draft"
    question_number: int | None
    """None: whichever question is on screen (online, where the database knows it)."""
    text: str


class PointsShownEntry(_Entry):
    """The talking points of a question shown before answering (the report says so, and the
    points its answer then covers count as seen, not recalled): stored at once, or journaled
    while the database is away, ahead of the answer that follows, by journal/store.py."""

    kind: Literal["points_shown"] = "points_shown"
    question_number: int


JournalEntry = Annotated[
    TimerEntry | AnswerEntry | SkipEntry | ShowEntry | DraftEntry | PointsShownEntry,
    Field(discriminator="kind"),
]
ENTRY = TypeAdapter(JournalEntry)
