"""A PDF of 100 answered questions. Target: under 1 s.

    python bench/report_pdf.py [--questions 100] [--repeat 10]

The report is read once from the database; the figure is `render_report(report, "pdf")` alone
(statistics, layout, font embedding and subsetting, compression), in a process that has already
imported fpdf2. Measured twice: with the realistic English session (DejaVu Sans only), and with
CJK and emoji added to every answer, which loads the two fallback fonts as well.
"""

from __future__ import annotations

import argparse
import statistics

from report_common import bench_database, bench_service, build_session, describe, interleaved

from mockmate_tui.export import render_report
from mockmate_tui.models import SessionReport

UNICODE_TAIL = "\n日本語でも説明できます。한국어도 가능합니다. Done 🚀👍"


def with_unicode(report: SessionReport) -> SessionReport:
    answers = [answer.model_copy(update={"answer_text": answer.answer_text + UNICODE_TAIL})
               for answer in report.answers]
    return report.model_copy(update={"answers": answers})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    with bench_database() as url, bench_service(url) as (service, clock):
        report = service.get_interview_report(
            build_session(service, clock, args.questions, answer_all=True))
    unicode_report = with_unicode(report)
    sizes = {name: len(render_report(r, "pdf")) for name, r in
             (("latin", report), ("unicode", unicode_report))}
    latin, mixed = interleaved([lambda: render_report(report, "pdf"),
                                lambda: render_report(unicode_report, "pdf")], args.repeat)
    print(f"{report.total_questions} questions, {report.total_answers} answers")
    print(f"PDF, English text ({sizes['latin'] // 1024} KiB):       {describe(latin)}")
    print(f"PDF, with CJK and emoji ({sizes['unicode'] // 1024} KiB): {describe(mixed)}")
    print(f"target: under 1 s (median {statistics.median(latin):.2f} s and "
          f"{statistics.median(mixed):.2f} s)")


if __name__ == "__main__":
    main()
