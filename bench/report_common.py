"""Shared by the report benchmarks: a throwaway database and realistic sessions made with the
real service (a FakeClock plays the interview's minutes, so building one takes no waiting).

The database is tests/support's bench_database: MOCKMATE_BENCH_DATABASE_URL, else
MOCKMATE_TEST_DATABASE_URL, else an embedded server in a temporary folder; the tables live in a
fresh schema dropped afterwards.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

# `python bench/x.py` puts bench/ on sys.path, not the repository root that holds tests/support
# (first, so this checkout's mockmate_tui is imported here too, not another installed copy).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from tests.support.database import bench_database as bench_database

QUESTIONS = [
    ("introduction", "easy", 2, "Tell me about yourself and what draws you to this role."),
    ("behavioral", "medium", 3,
     "Describe a time you disagreed with a teammate about a technical decision. What happened?"),
    ("technical", "medium", 4,
     "How would you design the database schema for a multi-tenant SaaS product?"),
    ("technical", "hard", 5,
     "A query that used to take 20 ms now takes 4 s in production. Walk me through how you "
     "would find out why."),
    ("situational", "medium", 3,
     "You are on call and the payment service starts returning errors at 2 a.m. What do you do "
     "in the first fifteen minutes?"),
    ("behavioral", "easy", 2, "What is the piece of work you are proudest of, and why?"),
    ("technical", "hard", 5,
     "Explain how you would make an HTTP API idempotent for retries from mobile clients."),
    ("situational", "hard", 4,
     "Your team's estimate for a launch is twice what the product manager promised to a "
     "customer. How do you handle it?"),
]

ANSWERS = [
    ("I'm a backend engineer with six years of experience, most recently at a logistics company "
     "where I led the move from a monolith to a handful of services on PostgreSQL. Before that I "
     "worked on billing at a fintech start-up in Lisbon, which is where I learnt to care about "
     "correctness: a rounding error there was someone's money.\n\nWhat draws me to this role is "
     "the scale of the data problems you describe, and that the team owns its services from "
     "design to on-call.", 95, 8, "Clear and well structured; you linked your past work to "
     "the role. Name one concrete result (a number) to make it memorable."),
    ("We disagreed about whether to introduce Kafka for order events. I thought a transactional "
     "outbox table in PostgreSQL was enough for our volume; my colleague wanted Kafka for future "
     "growth. I wrote a one-page comparison with the load we actually had, we ran both for a "
     "week in staging, and the outbox handled 40× our peak. We agreed to revisit at 10× "
     "growth, and wrote that trigger down.", 150, 9, "Excellent use of the STAR structure and "
     "of evidence instead of opinion. The agreed trigger for revisiting shows maturity."),
    ("I'd start from the isolation requirement. For most B2B products a shared schema with a "
     "tenant_id column on every table works, enforced with row-level security so a missing WHERE "
     "clause can't leak data. Composite primary keys (tenant_id, id) keep each tenant's rows "
     "together in indexes.\n\nFor the few very large tenants I'd keep the option of moving "
     "them to their own database, so the application resolves a tenant to a connection rather "
     "than assuming one database.", 260, 7, "Good trade-offs and a sensible default. You did "
     "not mention migrations across tenants or per-tenant backups and restores."),
    ("First I'd confirm it with data: pg_stat_statements for the query's mean time and calls, "
     "then EXPLAIN (ANALYZE, BUFFERS) on a production-like copy. The usual suspects are a plan "
     "change after statistics drifted, a missing index after a deploy, or bloat. I'd compare the "
     "plan with the old one if we log plans, check when the table was last analysed, and look "
     "for a change in the data distribution — a tenant that suddenly has 100× the rows.",
     340, 6, "Solid diagnostic path. It would be stronger with a clear hypothesis order and "
     "how you would fix each cause (e.g. extended statistics, a partial index)."),
    ("", 0, None, None),  # left unanswered
    ("The migration of our invoicing to an event-sourced design. It removed a whole class of "
     "reconciliation bugs — we went from about thirty support tickets a month to two.", 70, 5,
     "Good result, but the answer is short: say what you did personally and what was hard."),
    ("Give every mutating request an idempotency key chosen by the client. The server stores the "
     "key with the response in the same transaction as the change; a retry with the same key "
     "gets the stored response. Keys expire after a day. If the same key comes with a different "
     "body, return 422 so client bugs surface.", 230, 9, "Precise and complete, including the "
     "mismatched-body case that many candidates miss."),
    ("I'd go back to the product manager with the breakdown of the estimate and the options: cut "
     "scope to what fits the date, move the date, or add people early enough to help. I'd "
     "rather have that conversation this week than discover the gap the week before launch.",
     300, 7, "Constructive and honest. Mention how you would involve the customer-facing team "
     "and protect the team from overtime."),
]


@contextmanager
def bench_service(url: str) -> Iterator[tuple[MockMate, FakeClock]]:
    clock = FakeClock()
    settings = Settings(data_dir=Path(tempfile.gettempdir()), database_url=None,
                        starting_credits=100)
    with MockMate.open(url, clock, settings=settings, heartbeat=False) as service:
        yield service, clock


def build_session(service: MockMate, clock: FakeClock, questions: int = len(QUESTIONS), *,
                  user_name: str = "Zoë Martín", job_title: str = "Senior Backend Engineer",
                  session_name: str = "Practice round — payments platform",
                  answer_all: bool = False) -> str:
    """A completed interview of `questions` questions (cycling through the realistic ones),
    with a five-minute pause after the third; returns the session id. One question in eight
    is left unanswered unless `answer_all`."""
    users = service.list_users()
    user = users[0] if users else service.create_user(user_name, "zoe.martin@example.com")
    session = service.create_session(user.id, session_name, job_title,
                                     "Python, PostgreSQL, distributed systems.")
    service.start_interview_timer(session.id)
    for number in range(1, questions + 1):
        category, difficulty, minutes, text = QUESTIONS[(number - 1) % len(QUESTIONS)]
        if questions > len(QUESTIONS):
            text = f"{text} (variant {number})"
        question_id = service.save_interview_question(session.id, number, text, category,
                                                      difficulty, minutes)
        answer, seconds, score, feedback = ANSWERS[(number - 1) % len(ANSWERS)]
        if not answer and answer_all:
            answer, seconds, score, feedback = ANSWERS[0]
        clock.advance(max(seconds, 30))
        if answer:
            service.save_interview_answer(session.id, question_id, answer, seconds, feedback,
                                          score)
        if number == 3:
            service.pause_interview_timer(session.id)
            clock.advance(300)
            service.resume_interview_timer(session.id)
    service.stop_interview_timer(session.id)
    return session.id


def timed(function: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock seconds of `repeat` runs of `function` (after one warm-up run)."""
    return interleaved([function], repeat)[0]


def interleaved(functions: list[Callable[[], object]], repeat: int) -> list[list[float]]:
    """Wall-clock seconds of `repeat` rounds, each running every function once in turn, so a
    burst of load on a shared machine slows all of them alike (one warm-up round first)."""
    for function in functions:
        function()
    times: list[list[float]] = [[] for _ in functions]
    for _ in range(repeat):
        for index, function in enumerate(functions):
            start = time.perf_counter()
            function()
            times[index].append(time.perf_counter() - start)
    return times


def describe(times: list[float]) -> str:
    return (f"median {statistics.median(times) * 1000:.1f} ms, min {min(times) * 1000:.1f} ms, "
            f"max {max(times) * 1000:.1f} ms over {len(times)} runs")


def emit(figures: Mapping[str, object]) -> None:
    """The figures as one last line for bench/run_all.py (which writes BENCHMARKS.md)."""
    print("FIGURES " + json.dumps(figures), flush=True)
