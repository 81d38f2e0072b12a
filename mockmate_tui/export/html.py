"""The report as one self-contained HTML file: inline style and an inline SVG chart, no links.

Text a person typed is escaped and shown with its line breaks (`white-space: pre-wrap`), and
each block takes its direction from its own text (`dir="auto"`), so right-to-left answers read
the right way round.
"""

from __future__ import annotations

from html import escape

from mockmate_tui.core.report_stats import ReportStatistics
from mockmate_tui.export.content import UNANSWERED, ReportContent, build_content, score
from mockmate_tui.models import SessionReport

_STYLE = """
:root { --ink: #1f2430; --muted: #5c6370; --rule: #d5d9e0; --accent: #2b59c3;
        --good: #2e8540; --fair: #c98a00; --poor: #c0392b; }
* { box-sizing: border-box; }
body { font: 15px/1.5 "DejaVu Sans", "Segoe UI", system-ui, sans-serif; color: var(--ink);
       max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
header { border-bottom: 3px solid var(--accent); margin-bottom: 1.5rem; }
header h1 { margin: 0; font-size: 1.8rem; }
header p { margin: .25rem 0 1rem; color: var(--muted); font-size: 1.1rem; }
h2 { border-bottom: 1px solid var(--rule); padding-bottom: .2rem; margin-top: 2rem; }
h3 { margin-bottom: .4rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid var(--rule);
         vertical-align: top; }
td.num, th.num { text-align: right; }
table.pairs th { width: 14rem; font-weight: 600; }
.note { color: var(--muted); font-style: italic; margin: .2rem 0; }
.chart svg { width: 100%; height: auto; border: 1px solid var(--rule); }
.question { font-weight: 600; white-space: pre-wrap; }
.answer { white-space: pre-wrap; overflow-wrap: anywhere; margin: .5rem 0 .5rem 0;
          padding: .4rem .8rem; border-left: 4px solid var(--rule); background: #f7f8fa; }
.answer.missing { color: var(--poor); font-style: italic; }
.meta { color: var(--muted); font-size: .9rem; }
.feedback { white-space: pre-wrap; margin: .3rem 0 0; }
.score-good { color: var(--good); } .score-fair { color: var(--fair); }
.score-poor { color: var(--poor); }
section.entry { border-top: 1px solid var(--rule); padding-top: .5rem; margin-top: 1rem; }
@media print { body { margin: 0; max-width: none; } section.entry { break-inside: avoid-page; } }
"""


def render_html(report: SessionReport, statistics: ReportStatistics | None = None) -> bytes:
    content = build_content(report, statistics)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(content.title)}: {_e(content.subtitle)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f'<header><h1>{_e(content.title)}</h1><p dir="auto">{_e(content.subtitle)}</p></header>',
        "<h2>Session details</h2>",
        _pairs(content.details),
        "<h2>Statistics</h2>",
        _pairs(content.summary),
        *(f'<p class="note">{_e(note)}</p>' for note in content.coverage),
        *_groups(content),
        "<h3>Score per question</h3>",
        f'<div class="chart">{score_chart_svg(content.score_series)}</div>',
        *(["<h3>Time per question</h3>",
           _table(content.timing_header, content.timing_rows, numeric_from=3)]
          if content.timing_rows else []),
        "<h3>Score trend</h3>",
        f"<p>{_e(content.trend)}</p>",
        *_highlights(content),
        "<h2>Transcript</h2>",
        *_transcript(content),
        "</body>",
        "</html>",
    ]
    return ("\n".join(parts) + "\n").encode("utf-8")


def score_chart_svg(series: list[tuple[int, int | None]]) -> str:
    """Bars of the score per question, 0 to 10; an unanswered or unscored question is a dot."""
    if not series:
        return '<p class="note">No questions were asked.</p>'
    width, height, left, bottom, top = 720, 220, 34, 24, 10
    plot_w, plot_h = width - left - 8, height - bottom - top
    step = plot_w / len(series)
    bar = max(step * 0.7, 0.5)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           'role="img" aria-label="Score per question">']
    for level in (0, 2, 4, 6, 8, 10):
        y = top + plot_h * (1 - level / 10)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 8}" y2="{y:.1f}" '
                   'stroke="#e3e6eb" stroke-width="1"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
                   f'fill="#5c6370">{level}</text>')
    label_every = max(1, round(len(series) / 20))
    for index, (number, value) in enumerate(series):
        x = left + index * step + (step - bar) / 2
        centre = left + index * step + step / 2
        if value is None:
            out.append(f'<circle cx="{centre:.2f}" cy="{top + plot_h - 3:.1f}" r="2" '
                       f'fill="#9aa1ab"><title>Question {number}: no score</title></circle>')
        else:
            bar_h = plot_h * value / 10
            out.append(f'<rect x="{x:.2f}" y="{top + plot_h - bar_h:.1f}" width="{bar:.2f}" '
                       f'height="{bar_h:.1f}" fill="{_colour(value)}">'
                       f"<title>Question {number}: {score(value)}</title></rect>")
        if index % label_every == 0:
            out.append(f'<text x="{centre:.2f}" y="{height - 8}" font-size="10" '
                       f'text-anchor="middle" fill="#5c6370">{number}</text>')
    out.append("</svg>")
    return "".join(out)


def _e(text: str) -> str:
    return escape(text, quote=True)


def _colour(value: float) -> str:
    if value >= 8:
        return "#2e8540"
    if value >= 5:
        return "#c98a00"
    return "#c0392b"


def _score_class(value: float | None) -> str:
    if value is None:
        return ""
    return "score-good" if value >= 8 else "score-fair" if value >= 5 else "score-poor"


def _pairs(rows: list[tuple[str, str]]) -> str:
    body = "".join(f'<tr><th scope="row">{_e(key)}</th><td dir="auto">{_e(value)}</td></tr>'
                   for key, value in rows)
    return f'<table class="pairs">{body}</table>'


def _groups(content: ReportContent) -> list[str]:
    out = []
    for title, rows in (("By category", content.per_category),
                        ("By difficulty", content.per_difficulty)):
        if rows:
            out += [f"<h3>{title}</h3>", _table(content.group_header, rows, numeric_from=1)]
    return out


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]], numeric_from: int) -> str:
    numeric = ' class="num"'
    head = "".join(f'<th{numeric if i >= numeric_from else ""} scope="col">{_e(name)}</th>'
                   for i, name in enumerate(header))
    body = "".join(
        "<tr>" + "".join(f"<td{numeric if i >= numeric_from else ''}>{_e(cell)}</td>"
                         for i, cell in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _highlights(content: ReportContent) -> list[str]:
    out = []
    for title, items in (("Strongest answers", content.strongest),
                         ("Weakest answers", content.weakest)):
        if items:
            out.append(f"<h3>{title}</h3><ul>"
                       + "".join(f'<li dir="auto">{_e(item)}</li>' for item in items) + "</ul>")
    return out


def _transcript(content: ReportContent) -> list[str]:
    out = []
    for entry in content.transcript:
        if entry.answer is None:
            answer = f'<div class="answer missing">{UNANSWERED}</div>'
        else:
            answer = f'<div class="answer" dir="auto">{_e(entry.answer)}</div>'
        feedback = (f'<p class="feedback" dir="auto"><strong>Feedback:</strong> '
                    f"{_e(entry.feedback)}</p>" if entry.feedback else "")
        out.append(
            f'<section class="entry" id="q{entry.number}">'
            f"<h3>{_e(entry.heading)}</h3>"
            f'<p class="question" dir="auto">{_e(entry.question)}</p>'
            f"{answer}"
            f'<p class="meta {_score_class(entry.score)}">{_e(entry.meta)}</p>'
            f"{_delivery(entry.delivery)}{feedback}</section>"
        )
    return out


def _delivery(lines: tuple[str, ...]) -> str:
    """How the answer was delivered, one line each (nothing when not measured)."""
    if not lines:
        return ""
    return ('<ul class="delivery">' + "".join(f"<li>{_e(line)}</li>" for line in lines)
            + "</ul>")
