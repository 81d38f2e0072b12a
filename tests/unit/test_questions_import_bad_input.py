"""An imported question bank with text PostgreSQL cannot store, or nested past what the readers
can recurse, is refused whole with one clear message: through `mockmate questions import` and
through the Python API, never a traceback, nothing written (issue "Nothing lost, nobody billed
wrongly": bad input)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from mockmate_tui.cli import main
from mockmate_tui.questions import import_bank, load_bank
from mockmate_tui.questions.parsing import BankFormatError, parse_bank

GOOD = {"text": "Tell me about a project you are proud of.", "category": "behavioral",
        "difficulty": "easy", "expected_minutes": 3, "key_points": ["Impact"]}


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MOCKMATE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MOCKMATE_CONFIG_FILE", str(tmp_path / "absent.toml"))
    return tmp_path


def bank_dir(tmp_path: Path) -> Path:
    return tmp_path / "data" / "questions"


def json_bank(tmp_path: Path, *questions: dict[str, object]) -> Path:
    """One question a line, from line 2 on. json.dumps escapes a lone surrogate as "\ud800",
    which is how one arrives in a real file (raw, it is not UTF-8 and is refused as such)."""
    path = tmp_path / "mine.json"
    lines = ",\n".join(json.dumps(question) for question in questions)
    path.write_text(f'{{"questions": [\n{lines}\n]}}\n', encoding="utf-8")
    return path


def run_import(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["questions", "import", str(path)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err


BAD_TEXTS = [
    ("NUL in the text", {**GOOD, "text": "Tell me about a pro\x00ject you are proud of."},
     "text: Value error, The question text contains a NUL character"),
    ("surrogate in the text", {**GOOD, "text": "Tell me about a project \ud800 you like."},
     "text: Value error, The question text contains an invalid character ('\\ud800'"),
    ("NUL in a key point", {**GOOD, "key_points": ["Impact", "Sco\x00pe"]},
     "key_points: Value error, The key point contains a NUL character"),
    ("surrogate in a key point", {**GOOD, "key_points": ["\udfff"]},
     "key_points: Value error, The key point contains an invalid character"),
]


@pytest.mark.parametrize(("name", "question", "message"), BAD_TEXTS,
                         ids=[case[0] for case in BAD_TEXTS])
def test_unstorable_text_is_refused_naming_line_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
    question: dict[str, object], message: str,
) -> None:
    path = json_bank(tmp_path, GOOD | {"text": "What did you learn from your last project?"},
                     question)
    code, err = run_import(path, capsys)
    assert code == 2
    assert "1 problem(s); nothing was imported." in err
    assert f"line 3: {message}" in err
    assert not bank_dir(tmp_path).exists()
    with pytest.raises(BankFormatError, match="line 3"):
        import_bank(path, bank_dir(tmp_path))
    assert not bank_dir(tmp_path).exists()


def test_a_nul_in_a_csv_row_is_refused_with_its_line(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("text,category,difficulty,expected_minutes\n"
                    "Tell me about a project you are proud of.,behavioral,easy,3\n"
                    "Why do you want this j\x00ob at all?,behavioral,easy,2\n", encoding="utf-8")
    code, err = run_import(path, capsys)
    assert code == 2
    assert "line 3: text: Value error, The question text contains a NUL character" in err


DEEP = 100_000


def deep_files(tmp_path: Path) -> list[Path]:
    deep_json = tmp_path / "deep.json"
    deep_json.write_text("[" * DEEP + "]" * DEEP, encoding="utf-8")
    deep_toml = tmp_path / "deep.toml"
    deep_toml.write_text("key_points = " + "[" * 5_000 + "]" * 5_000 + "\n", encoding="utf-8")
    inline_toml = tmp_path / "inline.toml"
    inline_toml.write_text("a = " + "{b = " * 5_000 + "1" + "}" * 5_000 + "\n",
                           encoding="utf-8")
    return [deep_json, deep_toml, inline_toml]


def test_a_deeply_nested_file_gets_one_line_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in deep_files(tmp_path):
        code, err = run_import(path, capsys)
        assert code == 2
        assert err.strip().splitlines() == [
            f"mockmate: {path}: nested too deeply to read (a question bank needs at most 4 "
            "levels of brackets); nothing was imported."
        ]
    assert not bank_dir(tmp_path).exists()


def test_a_deeply_nested_file_is_refused_through_the_python_api(tmp_path: Path) -> None:
    for path in deep_files(tmp_path):
        with pytest.raises(BankFormatError, match="nested too deeply"):
            import_bank(path, bank_dir(tmp_path))
    with pytest.raises(BankFormatError, match="nested too deeply"):
        parse_bank("[" * DEEP, "json", "pasted", "p")
    assert not bank_dir(tmp_path).exists()


def test_a_stored_bank_with_a_nul_is_skipped_not_asked(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A bank imported before NUL was refused is left out of the bank with a warning, so no
    interview plans a question it could never store (and retry it for ever)."""
    folder = bank_dir(tmp_path)
    folder.mkdir(parents=True)
    poisoned = {**GOOD, "text": "An old import with a N\x00UL in it, stored last year."}
    (folder / "old.json").write_text(json.dumps({"questions": [poisoned]}), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        texts = [q.text for q in load_bank(folder)]
    assert texts and not any("\x00" in text for text in texts)
    assert "NUL" in caplog.text
