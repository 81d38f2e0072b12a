"""The footer, narrowed to fit: below 100 columns its keys sit closer, below 80 the command
palette's own entry goes (ctrl+p still works, and help lists it), so F1 Help, always the last
key, stays on screen on a 60-column terminal."""

from __future__ import annotations

from textual.events import Resize
from textual.widgets import Footer

COMPACT_BELOW = 100
NO_PALETTE_BELOW = 80


class MockMateFooter(Footer):
    def on_resize(self, event: Resize) -> None:
        width = event.size.width
        compact, palette = width < COMPACT_BELOW, width >= NO_PALETTE_BELOW
        if self.compact != compact:
            self.compact = compact
        if self.show_command_palette != palette:
            self.show_command_palette = palette
