"""A model answer beside the person's: the bank's own when a question has one (imported banks
may carry `model_answer`), else the configured language model's, else none."""

from __future__ import annotations

from pathlib import Path

from mockmate_tui.config import Settings
from mockmate_tui.questions import import_bank, user_bank_dir
from mockmate_tui.questions.model_answers import model_answer

from .test_llm import ChatServer

QUESTION = "How would you roll out a risky database migration without downtime?"
ANSWER = ("I would expand and contract: add the new column, backfill it in batches while both "
          "versions write to it, switch reads behind a flag, and drop the old column a release "
          "later, with a rollback plan at every step.")
BANK = f'''
[[questions]]
text = "{QUESTION}"
category = "technical"
difficulty = "hard"
expected_minutes = 5
key_points = ["Expand and contract", "Rollback plan"]
model_answer = "{ANSWER}"
'''


def test_a_banks_model_answer_is_shown_and_none_is_invented(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url=None)
    source = tmp_path / "mine.toml"
    source.write_text(BANK, encoding="utf-8")
    import_bank(source, user_bank_dir(settings.data_dir))
    found = model_answer(settings, QUESTION.upper(), "technical", ())
    assert found is not None and found.source == "bank" and found.text == ANSWER
    unknown = "Tell me about a time you failed a kite-flying exam."
    assert model_answer(settings, unknown, "behavioral", ()) is None


def test_otherwise_the_language_model_writes_one(tmp_path: Path) -> None:
    words = " ".join(["I measured the duplicates first and fixed them."] * 8)
    with ChatServer() as server:
        settings = Settings(data_dir=tmp_path / "data", database_url=None,
                            llm_base_url=server.url, llm_model="tiny-model")
        server.reply({"answer": "too short"}, {"answer": words})
        found = model_answer(settings, "Tell me about a time you failed.", "behavioral",
                             ("The outcome, measured",))
        assert found is not None and found.source == "llm" and found.text == words
        prompt = server.requests[0]["messages"][1]["content"]
        assert "measured result" in prompt and "The outcome, measured" in prompt
        server.reply("down", "down", "down", status=500)
        assert model_answer(settings, "Why this job?", "behavioral", ()) is None
