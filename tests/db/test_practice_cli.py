"""`mockmate practice --weak-spots`, `mockmate weak-areas`, `mockmate retry` and `mockmate
compare`, run in process as a person would, with the real rubric, on a real database."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from mockmate_tui.service import MockMate

VAGUE = ("We had a problem and we worked on it as a team. We talked about it and maybe it "
         "got better. Everyone was happy in the end.\n")
BETTER = ("I owned the billing migration when 3% of invoices went out twice. I measured the "
          "duplicates first, then I made the workers idempotent, keyed by invoice id, and I "
          "rolled it out behind a flag over two weeks. I tested it against a copy of "
          "production, I explained the trade-off to the finance lead, and duplicates fell to "
          "zero; on-call pages dropped by half.\n")



def test_weak_spots_retry_and_compare_from_the_command_line(
        cli: Callable[..., str], tmp_path: Path, database_url: str) -> None:
    first = cli("practice", "--job-title", "Product manager", "--questions", "3",
                "--no-follow-ups", "--name", "Ada Lovelace", "--email", "ada@example.com",
                stdin=(VAGUE + "\n") * 3)
    assert "Interview complete: 3 answered" in first
    first_id = re.search(r"mockmate report ([0-9a-f-]{36})", first)
    assert first_id is not None

    weak = cli("weak-areas")
    assert "No measurable result" in weak and "due" in weak

    spots = cli("practice", "--weak-spots", "--questions", "3", stdin=(VAGUE + "\n") * 3)
    assert spots.count("(Why this question: ") == 3
    assert "Weak spot: " in spots

    planned = cli("retry", first_id[1], "--question", "2")
    retry_id = re.search(r"--resume ([0-9a-f-]{36})", planned)
    assert retry_id is not None and "Retry of question 2" in planned
    answered = cli("practice", "--resume", retry_id[1], stdin="/points\n" + BETTER + "\n")
    assert "Talking points: " in answered
    assert "(Why this question: Retry of question 2" in answered

    out = tmp_path / "compare.md"
    cli("compare", retry_id[1], "--format", "markdown", "-o", str(out))
    markdown = out.read_text(encoding="utf-8")
    assert "## Question 1:" in markdown and "### Before (Practice: Product manager)" in markdown
    score = re.search(r"\*\*Score (\d+)/10 → (\d+)/10 \(([+-]\d+)\)\*\*", markdown)
    assert score is not None and int(score[2]) > int(score[1])
    assert "**Fixed:**" in markdown and "- No measurable result" in markdown
    assert "> I owned the billing migration" in markdown
    with MockMate.open(database_url, heartbeat=False) as service:
        assert service.practice.points_shown(retry_id[1]) == (1,)
    text = cli("compare", retry_id[1])
    assert "Fixed: " in text and "No measurable result" in text

    focused = cli("practice", "--job-title", "Backend engineer", "--job-description",
                  "PostgreSQL and Python; Kafka.", "--questions", "3", "--no-follow-ups",
                  "--focus", "system design", stdin="I index the PostgreSQL tables.\n\n")
    assert "Question 1 of 3" in focused
    coverage = cli("coverage")
    assert coverage.startswith("Backend engineer: 1 of 3 skills shown")
    assert "✓ PostgreSQL: “I index the PostgreSQL tables.”" in coverage
    assert "✗ Kafka: none yet" in coverage

    with MockMate.open(database_url, heartbeat=False) as service:
        user = service.local_user()
        assert user is not None
        sessions = service.list_session_summaries(user.id)
    assert len(sessions) == 4  # the retry is a session of its own, billed like any other
    assert all(s.session.credits_used == 1 for s in sessions)
