"""`mockmate questions list|import|roles` and `mockmate evaluate`, run through the real entry
point. Neither needs the database."""

from __future__ import annotations

import io
import json
import socket
from pathlib import Path

import pytest

from mockmate_tui.cli import main
from mockmate_tui.questions.bank import builtin_bank
from mockmate_tui.questions.categorise import guess_category

STORY = (
    "Last year at Fintrack I was the backend lead, and a colleague wanted to move reconciliation "
    "to streaming before quarter end. My task was to keep it reliable. I asked her to walk me "
    "through the design, I pulled three months of logs and I proposed a shadow run. As a result "
    "we switched in April and the job now finishes in 25 minutes instead of 4 hours."
)
CONFLICT = "Tell me about a time you disagreed with a colleague. How did you resolve it?"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data dir of its own, no config file, no language model."""
    monkeypatch.setenv("MOCKMATE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MOCKMATE_CONFIG_FILE", str(tmp_path / "absent.toml"))
    for name in ("BASE_URL", "MODEL", "API_KEY"):
        monkeypatch.delenv(f"MOCKMATE_LLM_{name}", raising=False)
    return tmp_path


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_list_filters_by_category_difficulty_and_role(capsys: pytest.CaptureFixture[str]) -> None:
    listed = run_json(capsys, "questions", "list", "--category", "technical",
                      "--difficulty", "hard", "--role", "backend", "--json")
    assert isinstance(listed, list) and listed
    assert {q["category"] for q in listed} == {"technical"}
    assert {q["difficulty"] for q in listed} == {"hard"}
    assert all(q["roles"] in ([], ["backend"]) for q in listed)
    assert any(q["roles"] == ["backend"] for q in listed)
    assert set(listed[0]) == {"id", "text", "category", "difficulty", "expected_minutes",
                              "key_points", "roles"}


def test_list_accepts_a_job_title_as_the_role(capsys: pytest.CaptureFixture[str]) -> None:
    listed = run_json(capsys, "questions", "list", "--role", "Senior iOS Developer",
                      "--category", "technical", "--json")
    assert isinstance(listed, list)
    assert {tuple(q["roles"]) for q in listed} == {(), ("mobile",)}


def test_list_refuses_an_unknown_role(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questions", "list", "--role", "astronaut"]) == 2
    assert "No role matches 'astronaut'" in capsys.readouterr().err


def test_list_prints_a_table_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questions", "list", "--category", "introduction", "--difficulty", "easy"]) == 0
    out = capsys.readouterr().out
    assert "21 question(s)" in out and "intro-easy-001" in out


def test_roles_lists_every_role_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questions", "roles"]) == 0
    out = capsys.readouterr().out
    for slug in ("backend", "frontend", "data-scientist", "devops", "product-manager", "qa",
                 "mobile", "data-engineer"):
        assert slug in out


def test_import_stores_a_bank_that_list_then_shows(isolated: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    source = isolated / "team.csv"
    source.write_text("text,category,difficulty,expected_minutes,key_points\n"
                      "How do you review a pull request from a new joiner?,technical,easy,3,"
                      "Kindness;Correctness\n"
                      "Tell me about yourself.,introduction,easy,2,\n", encoding="utf-8")
    assert main(["questions", "import", str(source)]) == 0
    out = capsys.readouterr().out
    assert "Imported 2 question(s)" in out
    assert "1 of them are already in the built-in bank" in out
    assert (isolated / "data" / "questions" / "team.json").exists()
    listed = run_json(capsys, "questions", "list", "--json")
    assert isinstance(listed, list) and len(listed) == len(builtin_bank()) + 1
    assert any(q["id"] == "user-team-001" for q in listed)


def test_a_bad_import_names_the_line_and_writes_nothing(isolated: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    source = isolated / "bad.csv"
    source.write_text("text,category,difficulty,expected_minutes\n"
                      "How do you review a pull request?,technical,easy,3\n"
                      "What is a monad?,technical,impossible,3\n", encoding="utf-8")
    assert main(["questions", "import", str(source)]) == 2
    err = capsys.readouterr().err
    assert "line 3: difficulty" in err and "nothing was imported" in err
    assert not (isolated / "data" / "questions").exists()


def test_evaluate_prints_json_with_score_feedback_and_rubric(
        capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(capsys, "evaluate", "--question", CONFLICT, "--answer", STORY, "--json")
    assert isinstance(result, dict)
    assert {"score", "feedback", "strengths", "improvements", "rubric", "source"} <= set(result)
    assert result["source"] == "rubric"
    assert result["version"].startswith("rubric-")  # which rubric scored it, as stored answers say
    assert result["question_id"] == "beh-med-001"  # a bank question brings its key points
    assert result["category"] == "behavioral" and len(result["key_points"]) == 4
    assert 7 <= result["score"] <= 10
    assert "built-in rubric" in result["feedback"]
    assert result["rubric"]["star.action"] == 1.0


def test_evaluate_reads_the_answer_from_stdin_and_prints_text_without_json(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("pass"))
    assert main(["evaluate", "--question", CONFLICT, "--answer", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Score: 1/10")


def test_evaluate_an_unknown_question_guesses_its_category_or_takes_one(
        capsys: pytest.CaptureFixture[str]) -> None:
    guessed = run_json(capsys, "evaluate", "--question",
                       "Describe a time you shipped something you were proud of.",
                       "--answer", STORY, "--json")
    assert isinstance(guessed, dict) and guessed["category"] == "behavioral"
    assert guessed["question_id"] is None
    given = run_json(capsys, "evaluate", "--question", "Explain your favourite data structure.",
                     "--answer", "A hash map stores keys in buckets chosen by a hash function, "
                     "so lookups are O(1) on average; the trade-off is memory and worst cases.",
                     "--category", "technical", "--key-point", "Hashing", "--key-point",
                     "Collisions", "--json")
    assert isinstance(given, dict)
    assert given["category"] == "technical"
    assert [point["text"] for point in given["key_points"]] == ["Hashing", "Collisions"]


def test_evaluate_with_an_unreachable_model_falls_back_with_a_notice(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("MOCKMATE_LLM_BASE_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("MOCKMATE_LLM_MODEL", "tiny")
    result = run_json(capsys, "evaluate", "--question", CONFLICT, "--answer", STORY, "--json")
    assert isinstance(result, dict) and result["source"] == "rubric"
    assert "connection refused" in result["notice"]
    offline = run_json(capsys, "evaluate", "--question", CONFLICT, "--answer", STORY,
                       "--offline", "--json")
    assert isinstance(offline, dict) and offline["notice"] is None


@pytest.mark.parametrize(("question", "category"), [
    ("Tell me about yourself.", "introduction"),
    ("Why should we hire you?", "introduction"),
    ("Give me an example of a time you led a team.", "behavioral"),
    ("What would you do if your build broke on release day?", "situational"),
    ("How would you handle a customer who is shouting at you?", "situational"),
    ("How does a hash map handle collisions?", "technical"),
])
def test_categories_are_guessed_from_the_wording(question: str, category: str) -> None:
    assert guess_category(question) == category


TEAMWORK = "Tell me about a time you worked well as part of a team."
TEAMWORK_ANSWER = (
    "Last spring our team of four built the checkout service for a shop redesign, with a "
    "six-week deadline. I owned the payment integration and the test suite. We met daily for "
    "ten minutes and I wrote a short design note so the frontend people knew the API early. "
    "We shipped two days early and checkout errors fell by 30%."
)


def test_evaluate_json_judges_each_key_point_with_a_quote_of_the_answer(
        capsys: pytest.CaptureFixture[str]) -> None:
    result = run_json(capsys, "evaluate", "--question", TEAMWORK, "--answer", TEAMWORK_ANSWER,
                      "--json")
    assert isinstance(result, dict)
    points = result["key_points"]
    assert [point["text"] for point in points] == [
        "The team, the project and the goal", "Your own role and contribution",
        "How you coordinated and communicated with teammates", "The result the team achieved"]
    assert all(point["covered"] for point in points), points
    for point in points:
        assert point["evidence"] and point["evidence"] in TEAMWORK_ANSWER
    role = points[1]["evidence"]
    assert "I owned the payment integration" in role
