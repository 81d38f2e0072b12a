"""Markdown escaping: whatever a person typed reads back the same once the Markdown is rendered."""

from __future__ import annotations

import html
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from mockmate_tui.export.markdown import escape_cell, quote

RENDERER = MarkdownIt("commonmark").enable("table")
SPECIALS = "\\`*_{}[]<>()#+-.!|~&=:\"' \n\t"
typed = st.text(
    alphabet=st.one_of(st.sampled_from(SPECIALS), st.characters(
        codec="utf-8", categories=("L", "N", "P", "S", "Zs"))),
    max_size=80,
)


def shown(markdown: str) -> str:
    """The text a reader sees: rendered, tags removed, entities decoded, spaces ignored."""
    rendered = RENDERER.render(markdown)
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", rendered)))


def plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


@settings(max_examples=300, deadline=None)
@given(typed)
@example("# not a heading\n- not a list\n1. not ordered\n    not code\n---\n===")
@example("*a* _b_ `c` [d](e) <b>f</b> &amp; \\ g | h ~~i~~ ![j](k)")
@example("line one\\\nline two")
def test_a_quoted_answer_renders_exactly_as_typed(text: str) -> None:
    assert shown(quote(text)) == plain(text)


@settings(max_examples=200, deadline=None)
@given(typed)
def test_a_table_cell_keeps_its_text_and_its_table(text: str) -> None:
    table = f"| a | b |\n|---|---|\n| {escape_cell(text)} | x |\n"
    rendered = RENDERER.render(table)
    assert rendered.count("<td") == 2  # a pipe in the text never makes a new column
    assert shown(table) == plain("ab" + text + "x")


def test_line_breaks_survive_in_a_quote() -> None:
    rendered = RENDERER.render(quote("first\nsecond\n\nnew paragraph"))
    assert "first<br />\nsecond" in rendered
    assert rendered.count("<p>") == 2
