"""One line under the answer box while an answer is spoken: the recording's clock and a level
meter, then the transcription's progress. Hidden otherwise."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from mockmate_tui.tui.formatting import countdown_text

METER_WIDTH = 20


class RecorderBar(Static):
    DEFAULT_CSS = """
    RecorderBar { height: 1; padding: 0 1; display: none; }
    """

    def show_recording(self, seconds: float, level: float) -> None:
        filled = round(max(0.0, min(1.0, level)) * METER_WIDTH)
        self.display = True
        self.update(Text.assemble(
            ("● REC ", "bold red"), (countdown_text(int(seconds)), "bold"), "  ",
            ("▮" * filled, "green" if level < 0.85 else "red"), ("▯" * (METER_WIDTH - filled),
                                                                   "dim"),
            ("  F6 stops and transcribes", "dim")))

    def show_transcribing(self, share: float) -> None:
        done = round(max(0.0, min(1.0, share)) * METER_WIDTH)
        self.display = True
        self.update(Text.assemble(
            ("Transcribing… ", "bold"), ("━" * done, "cyan"), ("─" * (METER_WIDTH - done), "dim"),
            f" {share:.0%}"))

    def hide(self) -> None:
        self.display = False
        self.update("")
