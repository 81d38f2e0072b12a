"""Write a realistic interview's report in every format, to look at.

    python bench/report_sample.py [OUTPUT_FOLDER]     (default: ./report-sample)

Then, for the PDF: pdftoppm -png -r 60 OUTPUT_FOLDER/*.pdf OUTPUT_FOLDER/page
"""

from __future__ import annotations

import sys
from pathlib import Path

from report_common import bench_database, bench_service, build_session

from mockmate_tui.export import FORMATS, export_report


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "report-sample")
    folder.mkdir(parents=True, exist_ok=True)
    with bench_database() as url, bench_service(url) as (service, clock):
        report = service.get_interview_report(build_session(service, clock))
        for fmt in FORMATS:
            print(export_report(report, fmt, directory=folder))


if __name__ == "__main__":
    main()
