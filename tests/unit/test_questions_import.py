"""Importing a person's own questions: TOML, JSON or CSV; every bad row named with its line;
nothing half-imported; imported questions join the bank."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mockmate_tui.errors import InvalidInputError
from mockmate_tui.questions import QuestionRequest, import_bank, load_bank, select_questions
from mockmate_tui.questions.bank import builtin_bank

TOML_BANK = """\
category = "technical"
roles = ["backend"]

[[questions]]
text = "How would you shard a multi-tenant PostgreSQL database?"
difficulty = "hard"
expected_minutes = 6
key_points = ["Tenant id as shard key", "Rebalancing", "Cross-shard queries"]

[[questions]]
id = "my-intro"
text = "What brought you to backend development?"
category = "introduction"
roles = []
difficulty = "easy"
expected_minutes = 2
key_points = ["First project", "What kept you"]
"""

JSON_BANK = {"questions": [
    {"text": "Tell me about a time you improved on-call for your team.",
     "category": "behavioral", "difficulty": "medium", "expected_minutes": 3,
     "key_points": ["Pages before and after", "Your changes"]},
    {"text": "What would you do if a deploy broke checkout at midnight?",
     "category": "situational", "difficulty": "hard", "expected_minutes": 4},
]}

CSV_BANK = (
    "text,category,difficulty,expected_minutes,key_points,roles\n"
    "Explain how a B-tree index speeds up range queries.,technical,medium,3,"
    "Sorted keys;Page splits;Range scans,backend;data-engineer\n"
    "\"Describe a time you simplified a build, step by step.\",behavioral,easy,3,,\n"
)


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    return tmp_path / "data" / "questions"


def test_a_toml_bank_is_validated_and_stored_with_file_defaults(tmp_path: Path,
                                                                bank_dir: Path) -> None:
    result = import_bank(write(tmp_path, "My Backend.toml", TOML_BANK), bank_dir)
    assert result.destination == bank_dir / "my-backend.json"
    assert not result.replaced
    first, second = result.questions
    assert (first.category, first.roles, first.id) == ("technical", ("backend",),
                                                       "user-my-backend-001")
    assert (second.id, second.category, second.roles) == ("my-intro", "introduction", ())
    stored = json.loads(result.destination.read_text(encoding="utf-8"))
    assert [q["id"] for q in stored["questions"]] == ["user-my-backend-001", "my-intro"]


def test_json_and_csv_banks_import_too(tmp_path: Path, bank_dir: Path) -> None:
    from_json = import_bank(write(tmp_path, "stories.json", json.dumps(JSON_BANK)), bank_dir)
    from_csv = import_bank(write(tmp_path, "extra.csv", CSV_BANK), bank_dir)
    assert [q.category for q in from_json.questions] == ["behavioral", "situational"]
    btree, build = from_csv.questions
    assert btree.key_points == ("Sorted keys", "Page splits", "Range scans")
    assert btree.roles == ("backend", "data-engineer")
    assert build.text == "Describe a time you simplified a build, step by step."
    assert build.key_points == ()


def test_imported_questions_join_the_bank_and_can_be_selected(tmp_path: Path,
                                                              bank_dir: Path) -> None:
    import_bank(write(tmp_path, "mine.toml", TOML_BANK), bank_dir)
    bank = load_bank(bank_dir)
    assert len(bank) == len(builtin_bank()) + 2
    only_mine = [q for q in bank if q.id.startswith(("user-", "my-"))]
    chosen = select_questions(QuestionRequest("Backend engineer", count=2, seed=1), only_mine)
    assert [q.id for q in chosen] == ["my-intro", "user-mine-001"]


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("bad.toml", TOML_BANK.replace('difficulty = "hard"', 'difficulty = "brutal"'),
     "line 4: difficulty"),
    ("bad.toml", TOML_BANK.replace("expected_minutes = 2", "expected_minutes = 0"),
     "line 10: expected_minutes"),
    ("bad.json", json.dumps(JSON_BANK, indent=2).replace('"situational"', '"trivia"'),
     "line 13: category"),
    ("bad.json", '[\n  {"text": "A fine question about caching?", "category": "technical",\n'
     '   "difficulty": "easy", "expected_minutes": 2},\n  {"text": "Short?"}\n]',
     "line 4: text"),
    ("bad.csv", CSV_BANK + "Why?,technical,medium,3,,\n", "line 4: text"),
    ("bad.csv", CSV_BANK.replace("technical,medium,3", "technical,medium,lots"),
     "line 2: expected_minutes"),
    ("bad.toml", TOML_BANK + '\n[[questions]]\ntext = "How would you shard a multi-tenant '
     'PostgreSQL database?"\ndifficulty = "hard"\nexpected_minutes = 5\n',
     "line 19: repeats the question at line 4"),
    ("bad.toml", TOML_BANK.replace("key_points = [\"First", "colour = \"red\"\nkey_points = "
                                   "[\"First"), "unknown field 'colour'"),
])
def test_a_bad_row_is_reported_with_its_line_and_nothing_is_imported(
        tmp_path: Path, bank_dir: Path, name: str, content: str, expected: str) -> None:
    with pytest.raises(InvalidInputError, match="nothing was imported") as error:
        import_bank(write(tmp_path, name, content), bank_dir)
    assert expected in str(error.value)
    assert not bank_dir.exists() or not any(bank_dir.iterdir())


def test_every_problem_is_listed_not_only_the_first(tmp_path: Path, bank_dir: Path) -> None:
    content = CSV_BANK.replace("medium", "tough").replace("easy", "simple")
    with pytest.raises(InvalidInputError) as error:
        import_bank(write(tmp_path, "two.csv", content), bank_dir)
    assert "2 problem(s)" in str(error.value)
    assert "line 2" in str(error.value) and "line 3" in str(error.value)


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("broken.toml", "[[questions]\ntext = ", "not valid TOML"),
    ("broken.json", '{"questions": [', "not valid JSON at line 1"),
    ("empty.csv", "", "needs a header row"),
    ("columns.csv", "question,type\nWhat?,technical\n", "unknown column(s) question, type"),
    ("none.toml", 'category = "technical"\n', "no questions found"),
    ("notes.txt", "hello", "use a .toml, .json or .csv file"),
])
def test_an_unreadable_file_is_refused_with_a_clear_message(
        tmp_path: Path, bank_dir: Path, name: str, content: str, expected: str) -> None:
    with pytest.raises(InvalidInputError) as error:
        import_bank(write(tmp_path, name, content), bank_dir)
    assert expected in str(error.value)
    assert not bank_dir.exists()


def test_a_missing_file_is_refused(tmp_path: Path, bank_dir: Path) -> None:
    with pytest.raises(InvalidInputError, match="no such file"):
        import_bank(tmp_path / "absent.toml", bank_dir)


def test_importing_the_same_file_name_again_replaces_that_bank(tmp_path: Path,
                                                               bank_dir: Path) -> None:
    import_bank(write(tmp_path, "mine.json", json.dumps(JSON_BANK)), bank_dir)
    smaller = {"questions": JSON_BANK["questions"][:1]}
    result = import_bank(write(tmp_path, "mine.json", json.dumps(smaller)), bank_dir)
    assert result.replaced
    assert [p.name for p in bank_dir.iterdir()] == ["mine.json"]  # no temporary files left
    assert len(load_bank(bank_dir)) == len(builtin_bank()) + 1


def test_an_id_already_used_by_another_bank_is_refused(tmp_path: Path, bank_dir: Path) -> None:
    clash = TOML_BANK.replace('id = "my-intro"', 'id = "intro-easy-001"')
    with pytest.raises(InvalidInputError, match="intro-easy-001"):
        import_bank(write(tmp_path, "clash.toml", clash), bank_dir)
    import_bank(write(tmp_path, "first.toml", TOML_BANK), bank_dir)
    with pytest.raises(InvalidInputError, match="my-intro"):
        import_bank(write(tmp_path, "second.toml", TOML_BANK), bank_dir)
    # Re-importing the same bank is not a clash with itself.
    assert import_bank(write(tmp_path, "first.toml", TOML_BANK), bank_dir).replaced


def test_a_stored_bank_that_no_longer_validates_is_skipped_not_fatal(
        tmp_path: Path, bank_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    import_bank(write(tmp_path, "good.toml", TOML_BANK), bank_dir)
    (bank_dir / "edited.json").write_text('{"questions": [{"text": "oops"}]}', encoding="utf-8")
    bank = load_bank(bank_dir)
    assert len(bank) == len(builtin_bank()) + 2
    assert "Skipping the question bank" in caplog.text


TAGGED_TOML = """\
category = "technical"
roles = ["backend"]
technologies = ["Postgres"]

[[questions]]
id = "my-vacuum"
text = "When would you run VACUUM FULL on a PostgreSQL table, and what does it lock?"
difficulty = "hard"
expected_minutes = 5
core = true
key_points = ["Rewrites the table", "Takes an exclusive lock", "pg_repack as an alternative"]

[[questions]]
id = "my-topics"
text = "How would you name Kafka topics across many teams?"
difficulty = "easy"
expected_minutes = 2
technologies = ["k8s", "kafka", "Apache Kafka"]
key_points = ["A naming scheme", "Ownership", "Retention per topic"]
"""


def test_technology_tags_are_normalised_stored_and_read_back(tmp_path: Path,
                                                             bank_dir: Path) -> None:
    result = import_bank(write(tmp_path, "tagged.toml", TAGGED_TOML), bank_dir)
    vacuum, topics = result.questions
    assert (vacuum.technologies, vacuum.core) == (("postgresql",), True)
    assert (topics.technologies, topics.core) == (("kubernetes", "kafka"), False)
    stored = json.loads(result.destination.read_text(encoding="utf-8"))["questions"]
    assert stored[0]["technologies"] == ["postgresql"] and stored[0]["core"] is True
    by_id = {q.id: q for q in load_bank(bank_dir)}
    assert by_id["my-vacuum"] == vacuum and by_id["my-topics"] == topics


def test_a_csv_bank_lists_technologies_like_roles(tmp_path: Path, bank_dir: Path) -> None:
    csv_bank = ("text,category,difficulty,expected_minutes,technologies\n"
                "How do you size a Kafka consumer group?,technical,medium,4,kafka;k8s\n")
    (question,) = import_bank(write(tmp_path, "tags.csv", csv_bank), bank_dir).questions
    assert question.technologies == ("kafka", "kubernetes")


def test_an_unknown_technology_is_refused_with_its_line(tmp_path: Path, bank_dir: Path) -> None:
    content = TAGGED_TOML.replace('"k8s", ', '"cobol", ')
    with pytest.raises(InvalidInputError, match="nothing was imported") as error:
        import_bank(write(tmp_path, "tagged.toml", content), bank_dir)
    assert "line 13: technologies" in str(error.value)
    assert "unknown technology 'cobol'" in str(error.value)
