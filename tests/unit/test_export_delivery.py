"""Every export shows how each answer was delivered: the text, Markdown, HTML and PDF reports
say the pace, fillers and long pauses (or thinking and typing time), JSON and CSV carry them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from mockmate_tui.core.delivery import TimedWord, spoken_delivery, typed_delivery
from mockmate_tui.export import ExportedReport, render_report
from mockmate_tui.export.bulk import COLUMNS, write_csv
from mockmate_tui.models import SessionReport
from tests.unit.test_export_formats import pdf_text, unicode_report


def _spoken_words() -> list[TimedWord]:
    text = "Um I moved the billing tables in small batches and nobody noticed it at all"
    words = [TimedWord(word, 0.4 * i, 0.4 * i + 0.3) for i, word in enumerate(text.split())]
    return [*words[:12], *(TimedWord(w.text, w.start + 3, w.end + 3) for w in words[12:])]


def delivered_report() -> SessionReport:
    report = unicode_report()
    spoken = spoken_delivery(_spoken_words(), expected_minutes=2)
    typed = typed_delivery("four words typed here", [7.0, 19.0])
    answers = [report.answers[0].model_copy(update={"answer_mode": "spoken",
                                                    "delivery": spoken}),
               report.answers[1].model_copy(update={"delivery": typed}),
               *report.answers[2:]]
    return report.model_copy(update={"answers": answers})


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_the_readable_reports_say_the_delivery(fmt: str) -> None:
    shown = render_report(delivered_report(), fmt).decode()
    assert "Spoken: 15 words" in shown
    assert "um ×1" in shown
    assert "after “noticed”" in shown.replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert "first keystroke after 0:07" in shown
    assert "Spoken answers" in shown and "1 filler, 1 long pause" in shown


def test_the_pdf_says_the_delivery(tmp_path: Path) -> None:
    shown = pdf_text(render_report(delivered_report(), "pdf"), tmp_path)
    assert "Spoken: 15 words" in shown and "first keystroke after 0:07" in shown


def test_json_and_csv_carry_the_delivery() -> None:
    report = delivered_report()
    document = json.loads(render_report(report, "json"))
    assert document["format_version"] == 3
    assert document["answers"][0]["answer_mode"] == "spoken"
    assert document["answers"][0]["delivery"]["long_pauses"][0]["after_word"] == "noticed"
    assert ExportedReport.model_validate_json(json.dumps(document)).to_report() == report
    out = io.BytesIO()
    write_csv([report], out)
    limit = csv.field_size_limit()
    csv.field_size_limit(2**24)  # the sample report holds a megabyte-long answer
    try:
        rows = list(csv.DictReader(io.StringIO(out.getvalue().decode())))
    finally:
        csv.field_size_limit(limit)
    assert set(COLUMNS) <= set(rows[0])
    answered = [row for row in rows if row["answered"] == "yes"]
    assert answered[0]["answer_mode"] == "spoken" and answered[0]["filler_count"] == "1"
    assert answered[0]["long_pauses"] == "1"
    assert answered[1]["answer_mode"] == "typed" and answered[1]["thinking_seconds"] == "7.0"
