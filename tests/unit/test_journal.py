"""The offline journal file on its own: entries come back in order, stored ones leave from the
front only, a live process's journal is never taken by another, and a torn last line (a crash
mid-write) costs only that line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mockmate_tui.service.journal.file import Journal, journal_folder, left_behind


def test_entries_come_back_in_order_and_stored_ones_leave_from_the_front(
        tmp_path: Path) -> None:
    journal = Journal(journal_folder(tmp_path))
    for number in range(5):
        journal.append({"n": number})
    assert journal.pending == 5
    read = journal.entries()
    journal.append({"n": 5})  # written while the first five were being stored
    journal.drop_first(len(read))
    assert journal.entries() == [{"n": 5}] and journal.pending == 1
    journal.drop_first(1)
    assert journal.pending == 0 and not journal.path.exists()
    journal.append({"n": 6})  # a new outage: a new file
    assert journal.entries() == [{"n": 6}]


def test_a_live_journal_is_never_taken_and_a_closed_one_is(tmp_path: Path) -> None:
    folder = journal_folder(tmp_path)
    live = Journal(folder)
    live.append({"kind": "draft"})
    with left_behind(folder) as found:
        assert found == []
    live.close()
    with left_behind(folder) as found:
        assert [entries for _, entries in found] == [[{"kind": "draft"}]]


def test_a_journal_held_by_another_running_process_is_left_to_it(tmp_path: Path) -> None:
    folder = journal_folder(tmp_path)
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from mockmate_tui.service.journal.file import Journal\n"
        "journal = Journal(Path(sys.argv[1]))\n"
        "journal.append({'kind': 'answer'})\n"
        "print('written', flush=True)\n"
        "time.sleep(30)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script, str(folder)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "written"
        with left_behind(folder) as found:
            assert found == []
    finally:
        child.kill()
        child.wait()
    with left_behind(folder) as found:  # its process is gone now
        assert [entries for _, entries in found] == [[{"kind": "answer"}]]


def test_a_torn_last_line_costs_only_that_line(tmp_path: Path) -> None:
    folder = journal_folder(tmp_path)
    folder.mkdir(mode=0o700)
    (folder / "1-torn.jsonl").write_text('{"n": 1}\n{"n": 2}\n{"n": 3, "te', encoding="ascii")
    with left_behind(folder) as found:
        assert [entries for _, entries in found] == [[{"n": 1}, {"n": 2}]]


def test_the_journal_and_its_folder_are_private(tmp_path: Path) -> None:
    journal = Journal(journal_folder(tmp_path / "data"))
    journal.append({"text": "what I typed"})
    assert (tmp_path / "data").stat().st_mode & 0o777 == 0o700
    assert journal.path.parent.stat().st_mode & 0o777 == 0o700
    assert journal.path.stat().st_mode & 0o777 == 0o600
