"""Getting each program to the state a benchmark measures, in tmux: the bare Textual app with a
focused TextArea, and `mockmate` in a running interview (timer ticking, answer box focused)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tui_common import (
    Program,
    TmuxProcess,
    bare_program,
    mockmate_environment,
    mockmate_program,
)


@contextmanager
def running_bare(*, text_area: bool = True) -> Iterator[TmuxProcess]:
    program = bare_program(text_area=text_area)
    process = TmuxProcess(program, {})
    try:
        process.wait_for(program.ready_text)
        yield process
    finally:
        process.close()


@contextmanager
def running_interview(program: Program | None = None,
                      extra_env: dict[str, str] | None = None) -> Iterator[TmuxProcess]:
    """`mockmate` on its home screen, then Enter (open the session), then F5 (start)."""
    program = program or mockmate_program()
    with mockmate_environment() as env:
        process = TmuxProcess(program, {**env, **(extra_env or {})})
        try:
            process.wait_for("Benchmark round")
            process.keys("Enter")
            process.wait_for("Ready when you are")
            process.keys("F5")
            process.wait_for("RUNNING")
            process.wait_for("Question 1 of 2")  # the first question is on screen
            yield process
        finally:
            process.close()
