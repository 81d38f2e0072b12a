"""Where exports go, what they are called, and writing them so a failure leaves nothing."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from mockmate_tui.errors import InvalidInputError
from mockmate_tui.models import SessionReport

EXTENSIONS = {"text": "txt", "md": "md", "html": "html", "json": "json", "pdf": "pdf",
              "csv": "csv"}
_SLUG_LENGTH = 40


def default_export_dir() -> Path:
    """Where an export goes when no folder is given: the settings' export folder (`export_dir`,
    else a MockMate folder in the documents or data folder), made if missing. Never the
    current directory, unless the person set it so."""
    from mockmate_tui.config import Settings, load_settings

    try:
        folder = load_settings().export_folder
    except InvalidInputError:
        folder = Settings().export_folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InvalidInputError(f"Cannot make the export folder {folder}: "
                                f"{error.strerror or error}.") from error
    return folder


def slug(text: str) -> str:
    """A file-name-safe version of `text`: ASCII letters and digits joined by dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:_SLUG_LENGTH].rstrip("-")


def default_filename(report: SessionReport, fmt: str) -> str:
    """mockmate-report-<job title>-<date>-<session id prefix>.<ext>.

    The id prefix keeps two sessions for the same job on the same day from overwriting each
    other's report, while exporting the same session again replaces its own file.
    """
    session = report.session
    date = (session.started_at or session.created_at).astimezone().date().isoformat()
    title = slug(session.job_title) or "session"
    return f"mockmate-report-{title}-{date}-{session.id[:8]}.{EXTENSIONS[fmt]}"


def resolve_target(path: Path | None, directory: Path | None, default_name: str) -> Path:
    """The file to write: `path` (a folder means the default name inside it), else the default
    name in `directory` (else the default export folder). The folder must exist."""
    if path is None:
        target = (directory or default_export_dir()) / default_name
    else:
        target = path.expanduser()
        if target.is_dir():
            target = target / default_name
    folder = target.parent
    if not folder.is_dir():
        raise InvalidInputError(f"Cannot write {target}: the folder {folder} does not exist.")
    return target


def write_atomically(target: Path, data: bytes) -> Path:
    with open_atomically(target) as handle:
        handle.write(data)
    return target


@contextlib.contextmanager
def open_atomically(target: Path) -> Iterator[IO[bytes]]:
    """A file that appears at `target` complete or not at all: written beside it under a
    temporary name, then renamed over it. On any error the temporary file is removed."""
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                                 dir=target.parent)
    except OSError as error:
        raise InvalidInputError(f"Cannot write {target}: {error.strerror or error}.") from error
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
        # A report holds a person's answers: for their eyes only, like everything MockMate keeps.
        os.chmod(temporary, 0o600)
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise InvalidInputError(
                f"Cannot write {target}: {error.strerror or error}."
            ) from error
        raise


def _umask() -> int:
    """The process's umask, read without setting it (os.umask would change it for a moment,
    racing with other threads creating files)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022
