"""Text layout for the PDF: line breaking, font fallback, right-to-left lines, page breaks.

fpdf2's own multi_cell measures a line by re-measuring it character by character, which takes
over a minute for a one-megabyte answer with fallback fonts. Here each word is measured once
(and remembered), lines are filled greedily, and each line is drawn as a few runs of one font
each with `FPDF.text`, which is linear in the text: a megabyte answer takes seconds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.bidi import BidiParagraph, auto_detect_base_direction
from fpdf.enums import TextDirection

from mockmate_tui.export.pdf_fonts import FontSet, clean

RGB = tuple[int, int, int]
INK: RGB = (31, 36, 48)
MUTED: RGB = (92, 99, 112)

_CJK = (
    "\u2e80-\u2fff\u3000-\u30ff\u3100-\u31ff\u3200-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\uff00-\uffef\U00020000-\U0003ffff"
)
# A break opportunity after each word (with the spaces that follow it) and after each CJK
# character, since those scripts do not separate words with spaces.
_TOKEN = re.compile(rf"[{_CJK}]\s*|[^\s{_CJK}]+\s*|\s+")
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
# Baseline position in a line box, as fpdf2's cell places it.
_BASELINE = 0.3


@dataclass(frozen=True)
class Style:
    size: float = 10.0
    bold: bool = False
    colour: RGB = INK
    line_height: float | None = None  # mm; None: 1.45 x the font size

    @property
    def font_style(self) -> str:
        return "B" if self.bold else ""

    def leading(self, pdf: FPDF) -> float:
        return self.line_height or self.size / pdf.k * 1.45


class Writer:
    """Flows text down the pages of one document."""

    def __init__(self, pdf: FPDF, fonts: FontSet) -> None:
        self.pdf = pdf
        self.fonts = fonts
        self._char_width: dict[tuple[str, str], float] = {}
        self._token_width: dict[tuple[str, str], float] = {}

    # -- measuring --------------------------------------------------------------------------

    def width(self, text: str, style: Style) -> float:
        """Width of `text` in mm."""
        return self._units(text, style.font_style) * style.size / 1000 / self.pdf.k

    def _units(self, text: str, font_style: str) -> float:
        key = (text, font_style)
        cached = self._token_width.get(key)
        if cached is not None:
            return cached
        total = 0.0
        for char in text:
            char_key = (char, font_style)
            width = self._char_width.get(char_key)
            if width is None:
                faces = self.fonts.faces(font_style)
                face = faces[self.fonts.face_index(char, font_style)]
                width = face.widths[ord(char)]
                self._char_width[char_key] = width
            total += width
        if len(text) < 40:  # words repeat; long strings rarely do
            self._token_width[key] = total
        return total

    def printable(self, text: str) -> str:
        """`text` as it will be printed: cleaned, and what no font draws made visible."""
        return self.fonts.placeholders(clean(text))

    def wrap(self, text: str, style: Style, width: float) -> list[tuple[str, bool]]:
        """Lines of `text` no wider than `width` mm, each with whether its paragraph reads
        right to left."""
        return self._wrap(self.printable(text), style, width)

    def _wrap(self, text: str, style: Style, width: float) -> list[tuple[str, bool]]:
        limit = width * 1000 * self.pdf.k / style.size  # in font units
        font_style = style.font_style
        lines: list[tuple[str, bool]] = []
        for paragraph in text.split("\n"):
            rtl = bool(_RTL.search(paragraph)) and \
                auto_detect_base_direction(paragraph) == TextDirection.RTL
            if not paragraph.strip():
                lines.append(("", rtl))
                continue
            current: list[str] = []
            used = 0.0
            for token in _TOKEN.findall(paragraph):
                token_units = self._units(token, font_style)
                stripped = token.rstrip()
                visible = self._units(stripped, font_style) if stripped != token else token_units
                if used + visible <= limit:
                    current.append(token)
                    used += token_units
                    continue
                if current:
                    lines.append(("".join(current).rstrip(), rtl))
                    current, used = [], 0.0
                if not stripped:
                    continue  # spaces at a line break are not carried to the next line
                if visible <= limit:
                    current, used = [token], token_units
                    continue
                pieces = self._split_long(stripped, font_style, limit)
                lines.extend((piece, rtl) for piece in pieces[:-1])
                current = [pieces[-1]]
                used = self._units(pieces[-1], font_style)
            if current:
                lines.append(("".join(current).rstrip(), rtl))
        return lines

    def _split_long(self, word: str, font_style: str, limit: float) -> list[str]:
        """A word wider than a line, cut between characters."""
        pieces: list[str] = []
        start, used = 0, 0.0
        for index, char in enumerate(word):
            width = self._units(char, font_style)
            if used + width > limit and index > start:
                pieces.append(word[start:index])
                start, used = index, 0.0
            used += width
        pieces.append(word[start:])
        return pieces

    # -- drawing ----------------------------------------------------------------------------

    def ensure(self, height: float) -> None:
        """Start a new page unless `height` mm still fits on this one."""
        if self.pdf.get_y() + height > self.pdf.page_break_trigger:
            self.pdf.add_page()

    def paragraph(self, text: str, style: Style = Style(), *, indent: float = 0.0,
                  width: float | None = None, bar: RGB | None = None,
                  space_after: float = 1.5) -> None:
        """Flow `text` from the current position, breaking pages as needed. `bar` draws a
        coloured rule down the left of the text (a quotation mark for answers)."""
        pdf = self.pdf
        left = pdf.l_margin + indent
        available = width if width is not None else pdf.w - pdf.r_margin - left
        leading = style.leading(pdf)
        pdf.set_text_color(*style.colour)
        for line, rtl in self.wrap(text, style, available):
            self.ensure(leading)
            top = pdf.get_y()
            if bar is not None:
                pdf.set_fill_color(*bar)
                pdf.rect(left - 3.2, top, 1.1, leading, style="F")
            if line:
                self._draw_line(line, style, left, top, available, rtl)
            pdf.set_y(top + leading)
        pdf.set_y(pdf.get_y() + space_after)

    def draw_line(self, text: str, style: Style, left: float, top: float, width: float,
                  rtl: bool = False, align: str = "L") -> None:
        """One line of text (no wrapping) in the box starting at `left`, `top`."""
        self._draw_line(self.printable(text), style, left, top, width, rtl, align)

    def _draw_line(self, line: str, style: Style, left: float, top: float, width: float,
                   rtl: bool = False, align: str = "L") -> None:
        pdf = self.pdf
        if _RTL.search(line):
            direction = TextDirection.RTL if rtl else TextDirection.LTR
            line = BidiParagraph(line, base_direction=direction).get_reordered_string()
        line_width = self.width(line, style)
        if rtl or align == "R":
            x = left + width - line_width
        elif align == "C":
            x = left + (width - line_width) / 2
        else:
            x = left
        baseline = top + style.leading(pdf) / 2 + _BASELINE * style.size / pdf.k
        pdf.set_text_color(*style.colour)
        for face_index, run in self._runs(line, style.font_style):
            face = self.fonts.faces(style.font_style)[face_index]
            pdf.set_font(face.family, face.style, style.size)
            pdf.text(x, baseline, run)
            x += self.width_in_face(run, face_index, style)

    def width_in_face(self, run: str, face_index: int, style: Style) -> float:
        widths = self.fonts.faces(style.font_style)[face_index].widths
        return sum(widths[ord(char)] for char in run) * style.size / 1000 / self.pdf.k

    def _runs(self, line: str, font_style: str) -> list[tuple[int, str]]:
        """`line` cut into runs drawn by one face each: runs of the main face are found by a
        regex, and only the characters between them are looked up one by one."""
        runs: list[tuple[int, str]] = []
        position = 0
        for match in self.fonts.main_runs(font_style).finditer(line):
            if match.start() > position:
                self._fallback_runs(line[position:match.start()], font_style, runs)
            runs.append((0, match.group()))
            position = match.end()
        if position < len(line):
            self._fallback_runs(line[position:], font_style, runs)
        return runs

    def _fallback_runs(self, text: str, font_style: str, runs: list[tuple[int, str]]) -> None:
        start, current = 0, -1
        for position, char in enumerate(text):
            index = self.fonts.face_index(char, font_style)
            if index != current:
                if position > start:
                    runs.append((current, text[start:position]))
                start, current = position, index
        runs.append((current, text[start:]))

    def table(self, header: Sequence[str] | None, rows: Sequence[Sequence[str]],
              widths: Sequence[float], *, aligns: Sequence[str] | None = None,
              style: Style = Style(size=9.5), bold_columns: Sequence[int] = ()) -> None:
        """A table with a shaded header and a rule under each row; cells wrap."""
        pdf = self.pdf
        aligns = aligns or ["L"] * len(widths)
        padding = 1.3
        leading = style.leading(pdf)
        head_style = Style(size=style.size, bold=True, colour=INK)
        rule = (213, 217, 224)

        def draw_row(cells: Sequence[str], shaded: bool) -> None:
            wrapped = [
                self.wrap(cell, head_style if shaded or i in bold_columns else style,
                          widths[i] - 2 * padding)
                for i, cell in enumerate(cells)
            ]
            height = max(len(lines) for lines in wrapped) * leading + 2 * padding
            self.ensure(height)
            top = pdf.get_y()
            left = pdf.l_margin
            if shaded:
                pdf.set_fill_color(236, 239, 244)
                pdf.rect(left, top, sum(widths), height, style="F")
            for i, lines in enumerate(wrapped):
                cell_style = head_style if shaded or i in bold_columns else style
                for number, (line, rtl) in enumerate(lines):
                    if line:
                        self._draw_line(line, cell_style, left + padding,
                                       top + padding + number * leading,
                                       widths[i] - 2 * padding, rtl, aligns[i])
                left += widths[i]
            pdf.set_draw_color(*rule)
            pdf.set_line_width(0.2)
            pdf.line(pdf.l_margin, top + height, pdf.l_margin + sum(widths), top + height)
            pdf.set_y(top + height)

        if header is not None:
            draw_row(header, shaded=True)
        for row in rows:
            draw_row(row, shaded=False)
        pdf.set_y(pdf.get_y() + 3)
