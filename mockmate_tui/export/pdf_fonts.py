"""The PDF's fonts: which shipped font draws each character, and how wide it is.

Three fonts ship in fonts/ (licences beside them): DejaVu Sans (Latin, Greek, Cyrillic, Hebrew,
Arabic, Armenian, Georgian, many symbols), Droid Sans Fallback (Chinese, Japanese kana, Korean
Hangul) and Symbola (emoji up to Unicode 9 and other symbols). Each character is drawn with the
first font that has it; a character none has becomes PLACEHOLDER (U+FFFD, shown as a visible
replacement mark), so any text can be printed and nothing crashes. The fallback fonts are only
loaded when a report needs them, so a Latin-only report stays quick to build.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import TTFFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
MAIN_FAMILY = "dejavu"
MAIN_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
# In the order they are tried when the main font lacks a character.
FALLBACK_FILES = (("droidfallback", "DroidSansFallback.ttf"), ("symbola", "Symbola.ttf"))
PLACEHOLDER = "\ufffd"

# Invisible characters no font draws: controls (but the line feed), format characters (zero
# width joiners, directional marks, the byte order mark, soft hyphens) and variation selectors.
# They are dropped rather than shown as placeholders, since a reader never saw them either.
_INVISIBLE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\ufe00-\ufe0f\ufeff\ufff9-\ufffb\U000e0000-\U000e0fff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")

# Coverage of each fallback font, read once per process (a font's cmap does not change).
_COVERAGE: dict[str, frozenset[int]] = {}


@dataclass
class Face:
    """One loaded font: its fpdf2 family and style, what it covers and its glyph widths."""

    family: str
    style: str
    coverage: frozenset[int]
    widths: dict[int, float]


@dataclass
class FontSet:
    """The fonts of one PDF document."""

    pdf: FPDF
    _faces: dict[str, list[Face]] = field(default_factory=dict)
    _fallbacks: list[Face] = field(default_factory=list)
    _face_of: dict[tuple[str, str], int] = field(default_factory=dict)
    _main_runs: dict[str, re.Pattern[str]] = field(default_factory=dict)

    @classmethod
    def for_document(cls, pdf: FPDF, texts: list[str]) -> FontSet:
        """Register the main font, and each fallback font that some character of `texts`
        needs (`texts` should already be `clean`ed)."""
        fonts = cls(pdf)
        main = {style: fonts._add(MAIN_FAMILY, style, name) for style, name in MAIN_FILES.items()}
        needed: set[str] = set()
        for text in texts:
            needed.update(text)
        missing = {ord(char) for char in needed} - main[""].coverage
        for family, name in FALLBACK_FILES:
            if not missing:
                break
            known = _COVERAGE.get(family)
            if known is not None and not missing & known:
                continue
            # Loading a font is the only way to learn what it covers; the first document that
            # needs to know keeps the font even if it then turns out not to need it.
            face = fonts._add(family, "", name)
            fonts._fallbacks.append(face)
            missing -= face.coverage
        fonts._faces = {
            "": [main[""], *fonts._fallbacks],
            "B": [main["B"], main[""], *fonts._fallbacks],
        }
        return fonts

    def covers(self, char: str) -> bool:
        code = ord(char)
        return char == "\n" or any(code in face.coverage for face in self._faces[""])

    def faces(self, style: str) -> list[Face]:
        return self._faces[style]

    def main_runs(self, style: str) -> re.Pattern[str]:
        """A pattern matching runs of characters the main face of `style` draws."""
        pattern = self._main_runs.get(style)
        if pattern is None:
            pattern = self._main_runs[style] = _runs_pattern(self._faces[style][0].coverage)
        return pattern

    def face_index(self, char: str, style: str) -> int:
        """Which face of `style` draws `char` (the placeholder's face if none does)."""
        key = (char, style)
        index = self._face_of.get(key)
        if index is None:
            code = ord(char)
            for position, face in enumerate(self._faces[style]):
                if code in face.coverage:
                    index = position
                    break
            else:
                index = 0
            self._face_of[key] = index
        return index

    def placeholders(self, text: str) -> str:
        """`text` with every character no font draws replaced by PLACEHOLDER."""
        unknown = {char for char in set(text) if not self.covers(char)}
        if not unknown:
            return text
        return text.translate({ord(char): PLACEHOLDER for char in unknown})

    def _add(self, family: str, style: str, filename: str) -> Face:
        self.pdf.add_font(family, style, str(FONT_DIR / filename))
        font = self.pdf.fonts[family.lower() + style.upper()]
        assert isinstance(font, TTFFont)  # add_font always makes one
        coverage = frozenset(font.cmap)
        _COVERAGE.setdefault(family.lower() + style.upper(), coverage)
        return Face(family, style, coverage, font.cw)


@functools.lru_cache(maxsize=8)
def _runs_pattern(coverage: frozenset[int]) -> re.Pattern[str]:
    # One character class of the covered code points, as ranges: a few hundred of them for
    # DejaVu Sans, which lets the regex engine cut a line into runs at C speed.
    ranges: list[str] = []
    codes = sorted(code for code in coverage if code > 0x20 or code == 0x20)
    start = previous = -2
    for code in [*codes, -1]:
        if code == previous + 1:
            previous = code
            continue
        if start >= 0:
            ranges.append(_escape(start) if start == previous
                          else f"{_escape(start)}-{_escape(previous)}")
        start = previous = code
    return re.compile(f"[{''.join(ranges)}]+")


def _escape(code: int) -> str:
    return f"\\U{code:08x}"


def clean(text: str) -> str:
    """Text ready to print: composed (NFC), one kind of line break, tabs as spaces, invisible
    characters dropped and lone surrogates (which cannot be encoded) made visible."""
    text = unicodedata.normalize("NFC", _SURROGATE.sub(PLACEHOLDER, text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _INVISIBLE.sub("", text)
