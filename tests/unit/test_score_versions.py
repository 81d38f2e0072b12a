"""Every evaluation says what scored it, and every report renders it the same way."""

from __future__ import annotations

import json
import re
from pathlib import Path

from mockmate_tui.export import ExportedReport, render_report
from mockmate_tui.export.content import build_content, scorer
from mockmate_tui.feedback import AnswerContext, evaluate_answer
from mockmate_tui.feedback.llm_evaluator import LLMEvaluator
from mockmate_tui.feedback.rubric import RUBRIC_VERSION
from mockmate_tui.models import InterviewAnswer
from tests.unit.test_export_formats import pdf_text, unicode_report
from tests.unit.test_llm import ANSWER, GOOD_REPLY, ChatServer, client_for, evaluate


def test_the_rubric_version_names_the_month_it_changed() -> None:
    # A letter after the month names a second (third...) change in the same month.
    assert re.fullmatch(r"rubric-\d{4}\.\d{2}[a-z]?", RUBRIC_VERSION)


def test_the_rubric_signs_answers_and_non_answers_alike() -> None:
    for answer in (ANSWER, "", "I don't know."):
        evaluation = evaluate_answer(AnswerContext("Why this job?", answer, "behavioral"))
        assert evaluation.version == RUBRIC_VERSION


def test_the_language_model_signs_its_scores_and_says_when_it_fell_back() -> None:
    with ChatServer() as server:
        server.reply(GOOD_REPLY)
        assert evaluate(LLMEvaluator(client_for(server.url))).version == "llm:tiny-model"
        server.reply("not json", "{still not json")
        fallback = evaluate(LLMEvaluator(client_for(server.url)))
    assert fallback.source == "rubric"
    assert fallback.version == f"llm:tiny-model (fell back to {RUBRIC_VERSION})"


def with_versions(*versions: str | None) -> list[InterviewAnswer]:
    report = unicode_report()
    return [answer.model_copy(update={"scored_by": version})
            for answer, version in zip(report.answers, versions, strict=False)]


def test_scorer_words_each_case() -> None:
    answer = unicode_report().answers[0]
    assert scorer(None) is None
    assert scorer(answer.model_copy(update={"scored_by": RUBRIC_VERSION})) == \
        f"scored by {RUBRIC_VERSION}"
    assert scorer(answer) == "scored before versions"
    assert scorer(answer.model_copy(update={"ai_score": None, "ai_feedback": None})) is None


def test_every_renderer_names_the_version_in_each_answers_line() -> None:
    report = unicode_report()
    versioned = report.model_copy(update={"answers": with_versions(RUBRIC_VERSION, "llm:m")
                                          + report.answers[2:]})
    entries = build_content(versioned).transcript
    answered = [entry for entry in entries if entry.answer is not None]
    assert answered[0].meta.endswith(f"· scored by {RUBRIC_VERSION}")
    assert answered[1].meta.endswith("· scored by llm:m")
    assert all(e.meta.endswith("· scored before versions") for e in answered[2:] if e.score)
    assert all("scored" not in e.meta for e in entries if e.answer is None)
    for fmt in ("text", "md", "html"):
        assert f"scored by {RUBRIC_VERSION}" in render_report(versioned, fmt).decode()


def test_the_json_report_is_format_3_and_still_reads_format_1() -> None:
    report = unicode_report()
    versioned = report.model_copy(update={"answers": with_versions(RUBRIC_VERSION)
                                          + report.answers[1:]})
    document = json.loads(render_report(versioned, "json"))
    assert document["format_version"] == 3
    assert document["answers"][0]["scored_by"] == RUBRIC_VERSION
    # What MockMate wrote before scores had versions (and before key points were marked).
    document["format_version"] = 1
    for answer in document["answers"]:
        del answer["scored_by"]
        del answer["key_point_marks"]
    old = ExportedReport.model_validate_json(json.dumps(document))
    assert all(answer.scored_by is None for answer in old.answers)


def test_the_apps_transcript_names_the_version_too() -> None:
    from rich.console import Console

    from mockmate_tui.tui.widgets.transcript import transcript_entry

    report = unicode_report()
    question, answer = report.questions[0], report.answers[0]
    console = Console(width=200, record=True, color_system=None)
    console.print(transcript_entry(question, answer.model_copy(
        update={"scored_by": RUBRIC_VERSION}), None))
    console.print(transcript_entry(question, answer, None))
    text = console.export_text()
    assert f"scored by {RUBRIC_VERSION}" in text and "scored before versions" in text


def test_the_pdf_names_the_version_too(tmp_path: Path) -> None:
    report = unicode_report()
    versioned = report.model_copy(update={"answers": with_versions(RUBRIC_VERSION)
                                          + report.answers[1:]})
    text = pdf_text(render_report(versioned, "pdf"), tmp_path, raw=True)
    assert f"scored by {RUBRIC_VERSION}" in text and "scored before versions" in text
