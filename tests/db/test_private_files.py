"""What MockMate keeps on disk is the person's alone: a 0700 data folder, 0600 files, and a
socket folder that is never one somebody else planted."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mockmate_tui.db.server import EmbeddedServer, private_directory
from mockmate_tui.db.server_host import ServiceAccount
from mockmate_tui.errors import DatabaseUnavailableError
from mockmate_tui.export.files import write_atomically

as_root = pytest.mark.skipif(os.geteuid() != 0, reason="needs root to plant another's folder")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def scratch() -> Iterator[Path]:
    # Under /tmp (not pytest's 0700 tmp_path), so a root run's service user can enter it.
    path = Path(tempfile.mkdtemp(prefix="mockmate-private-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_the_data_folder_and_its_files_are_private(scratch: Path) -> None:
    data_dir = scratch  # empty: a folder MockMate may take as its own
    server = EmbeddedServer(data_dir)
    try:
        server.acquire()
        assert mode(data_dir) == 0o700
        assert mode(data_dir / "clients.json") == 0o600
        assert mode(data_dir / "server.lock") == 0o600
    finally:
        server.release()


def test_a_folder_holding_other_files_is_not_given_away(scratch: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root gives the data folder to a service user")
    (scratch / "somebody-elses.txt").write_text("keep me")
    with pytest.raises(DatabaseUnavailableError, match="other files"):
        EmbeddedServer(scratch).acquire()
    assert os.stat(scratch).st_uid == 0


def test_a_planted_symlink_is_refused_and_its_target_untouched(scratch: Path) -> None:
    victim = scratch / "victim"
    victim.mkdir(mode=0o755)
    planted = scratch / "mockmate-socket"
    planted.symlink_to(victim)
    with pytest.raises(DatabaseUnavailableError, match="not a plain folder"):
        private_directory(planted, ServiceAccount.current())
    assert os.stat(victim).st_uid == os.geteuid()
    assert mode(victim) == 0o755


@as_root
def test_a_world_writable_folder_of_another_user_is_refused(scratch: Path) -> None:
    planted = scratch / "mockmate-socket"
    planted.mkdir()
    os.chown(planted, 65534, 65534)  # nobody
    planted.chmod(0o777)
    with pytest.raises(DatabaseUnavailableError, match="another user"):
        private_directory(planted, ServiceAccount.current())


def test_an_open_folder_of_our_own_is_refused(scratch: Path) -> None:
    planted = scratch / "mockmate-socket"
    planted.mkdir()
    planted.chmod(0o777)
    account = ServiceAccount.current()
    if account is not None:
        os.chown(planted, account.uid, account.gid)
    with pytest.raises(DatabaseUnavailableError, match="open to other users"):
        private_directory(planted, account)


def test_a_new_socket_folder_is_made_private(scratch: Path) -> None:
    made = private_directory(scratch / "mockmate-socket", ServiceAccount.current())
    assert mode(made) == 0o700


def test_an_exported_report_is_readable_by_its_owner_only(scratch: Path) -> None:
    report = write_atomically(scratch / "report.md", b"# My interview\n")
    assert mode(report) == 0o600
