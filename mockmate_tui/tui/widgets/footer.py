"""The footer, narrowed to fit: below 100 columns its keys sit closer, and the command palette's
own entry goes when the screen's keys would not fit beside it (ctrl+p still works, and help
lists it), so F1 Help, always the last key, stays whole on screen: at 80 columns the interview's
eight keys ("f6 Speak f7 Mark ✓ ... f1 Help") left "f1 Hel" beside "^p palette"."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.events import Resize
from textual.widgets import Footer

COMPACT_BELOW = 100
NO_PALETTE_BELOW = 80
# What one compact key takes beyond its key and description: the space between them and the
# margin after it; the palette's entry takes its border instead of the margin.
_COMPACT_KEY_EXTRA = 2


class MockMateFooter(Footer):
    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self.set_reactive(Footer.show_command_palette, self._palette_fits(self.size.width))
        yield from super().compose()

    def on_resize(self, event: Resize) -> None:
        width = event.size.width
        compact = width < COMPACT_BELOW
        if self.compact != compact:
            self.compact = compact
        palette = self._palette_fits(width)
        if self.show_command_palette != palette:
            self.show_command_palette = palette
            self.call_after_refresh(self.recompose)

    def _palette_fits(self, width: int) -> bool:
        """Whether the palette's entry fits beside the keys the screen shows (compact, as
        below COMPACT_BELOW columns; wider, everything fits)."""
        if width >= COMPACT_BELOW or not self._bindings_ready:
            return width >= NO_PALETTE_BELOW or not width
        if width < NO_PALETTE_BELOW:
            return False
        shown: dict[str, int] = {}  # one key per action, as the footer shows them
        palette = 0
        for _node, binding, _enabled, _tooltip in self.screen.active_bindings.values():
            size = (cell_len(self.app.get_key_display(binding)) + cell_len(binding.description)
                    + _COMPACT_KEY_EXTRA)
            if binding.key == self.app.COMMAND_PALETTE_BINDING:
                palette = size
            elif binding.show:
                shown.setdefault(binding.action, size)
        return sum(shown.values()) + palette <= width
