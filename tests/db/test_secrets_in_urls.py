"""A password is never shown, however badly it is written in the URL (issue 18, case 9): an
unencoded `@` in it makes libpq read the rest as the host name, and quote that back."""

from __future__ import annotations

import pytest

from mockmate_tui.cli import main
from mockmate_tui.config import Settings
from mockmate_tui.db.pool import Database, redact
from mockmate_tui.errors import DatabaseUnavailableError

URL = "postgresql://u:s3c@retPW@127.0.0.1:1/db"
SECRETS = ("s3c", "retPW")


def test_a_password_with_an_unencoded_at_sign_never_reaches_a_message(
        settings: Settings) -> None:
    with pytest.raises(DatabaseUnavailableError) as raised:
        Database.open(settings, URL)
    message = str(raised.value)
    assert not any(secret in message for secret in SECRETS), message
    assert "\n" not in message


def test_a_password_with_an_unencoded_at_sign_never_reaches_the_cli(
        settings: Settings, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOCKMATE_DATA_DIR", str(settings.data_dir))
    assert main(["--database-url", URL, "history"]) == 2
    shown = capsys.readouterr()
    assert "mockmate:" in shown.err
    assert not any(secret in shown.err + shown.out for secret in SECRETS), shown.err


@pytest.mark.parametrize(("text", "expected"), [
    (URL, "postgresql://u:***@127.0.0.1:1/db"),
    ("postgresql://u:a@b@c@host/db?x=1", "postgresql://u:***@host/db?x=1"),
    ("postgresql://u:p/w@rd@host:5/db", "postgresql://u:***@host:5/db"),
])
def test_the_whole_password_is_redacted_up_to_the_last_at_sign(text: str,
                                                                expected: str) -> None:
    assert redact(text) == expected
