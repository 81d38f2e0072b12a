"""`mockmate labels export [--output FILE]`: the key points people marked "I covered this", as a
labelled file in the tests/keypoints format, for a labeller to review before training
(service/key_point_labels.py says what is in it)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from mockmate_tui.export.files import write_atomically
from mockmate_tui.service import MockMate


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "labels", help="export the key points you marked as covered, as labels",
        description="Key-point labels from the marks made on answers (\"I covered this\").",
    )
    parser.set_defaults(handler=lambda args: _help(parser))
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    exporting = actions.add_parser(
        "export", help="write the marks as a labelled TOML file (tests/keypoints format)",
        description="Write every answer with a key point marked \"I covered this\" as a "
        "labelled TOML file in the tests/keypoints format: one label per key point of its "
        "question, the marked points covered with the sentence quoted as evidence, the others "
        "as the judge said, quality derived from the judge's score. The file needs a "
        "labeller's review before it is trained on.",
    )
    exporting.add_argument("-o", "--output", metavar="FILE",
                           help="write to FILE (default: print it)")
    exporting.set_defaults(handler=run_export)


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def run_export(args: argparse.Namespace) -> int:
    with MockMate.open(args.database_url, heartbeat=False) as service:
        labels = service.export_key_point_labels()
    if args.output is None or args.output == "-":
        sys.stdout.write(labels.text)
        sys.stdout.flush()
        return 0
    path = write_atomically(Path(args.output), labels.text.encode("utf-8"))
    left_out = (f"; {labels.left_out} marked answers left out (question not in the bank)"
                if labels.left_out else "")
    print(f"Wrote {labels.answers} answers, {labels.labels} labels ({labels.marked} your "
          f"marks) to {path}{left_out}. Review it before training on it.", file=sys.stderr)
    return 0
