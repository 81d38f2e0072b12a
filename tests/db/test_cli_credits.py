"""`mockmate credits` from a terminal: see, top up, and list the ledger."""

from __future__ import annotations

import json

import pytest

from mockmate_tui import __version__
from mockmate_tui.cli import main
from mockmate_tui.service import MockMate


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"mockmate {__version__}"
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "credits" in capsys.readouterr().out


def test_credits_before_any_user_says_what_to_do(
    database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--database-url", database_url, "credits"]) == 2
    assert "Run `mockmate` once" in capsys.readouterr().err


def test_show_add_and_list_credits(
    service: MockMate, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    user = service.create_user("Ada Lovelace", "ada@example.com")
    assert main(["--database-url", database_url, "credits"]) == 0
    assert "10 credit(s)" in capsys.readouterr().out

    assert main(["--database-url", database_url, "credits", "add", "5", "--note", "gift"]) == 0
    assert "Balance: 15" in capsys.readouterr().out
    assert service.get_user(user.id).credit_balance == 15

    assert main(["--database-url", database_url, "credits", "history", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["balance"] == 15
    assert [(e["delta"], e["reason"], e["note"]) for e in listed["entries"]] == [
        (5, "top_up", "gift")
    ]
    assert main(["--database-url", database_url, "credits", "history"]) == 0
    assert "top-up" in capsys.readouterr().out


@pytest.mark.parametrize("amount", ["0", "-3", "lots", "2000000"])
def test_a_bad_top_up_is_refused_and_changes_nothing(
    service: MockMate, database_url: str, amount: str, capsys: pytest.CaptureFixture[str]
) -> None:
    user = service.create_user("Ada", "ada@example.com")
    with pytest.raises(SystemExit) as exit_info:
        main(["--database-url", database_url, "credits", "add", amount])
    assert exit_info.value.code == 2
    assert "credits add" in capsys.readouterr().err
    assert service.get_user(user.id).credit_balance == 10
    assert service.credit_history(user.id) == []


def test_an_unreachable_database_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql://postgres@127.0.0.1:1/nowhere?connect_timeout=2"
    assert main(["--database-url", url, "credits"]) == 2
    assert "Cannot connect to the database" in capsys.readouterr().err
