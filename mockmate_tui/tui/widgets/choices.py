"""A checkbox and a selection list whose state shows by its glyph, not only its colour: ✓ when
chosen, an empty box when not (Textual draws an X in both states, dimmer when off), so the state
reads in a monochrome terminal, in a screen reader's text and for people who cannot tell the
colours apart."""

from __future__ import annotations

from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

ON, OFF = "✓", " "


class MarkedSelectionList(SelectionList[str]):
    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        _, scroll_y = self.scroll_offset
        try:
            selection = self.get_option_at_index(scroll_y + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != self.BUTTON_INNER:
            return strip
        mark = ON if selection.value in self._selected else OFF
        segments[1] = segments[1]._replace(text=mark)
        return Strip(segments, strip.cell_length)

    BUTTON_INNER = "X"  # what Textual draws inside the box (ToggleButton.BUTTON_INNER)


class MarkedCheckbox(Checkbox):
    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = ON if self.value else OFF
        button: Content = super()._button
        return button
