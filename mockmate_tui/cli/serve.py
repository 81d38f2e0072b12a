"""`mockmate serve`: the same app in a web browser, through textual-serve (the Textual project's
own server; the optional extra `pip install 'mockmate-tui[serve]'`).

Each browser tab runs its own `mockmate` process on this computer, on the same database. The
server listens on loopback (127.0.0.1) unless told otherwise: whoever reaches the address uses
your MockMate as you, so a wider address is a choice made on purpose (--host 0.0.0.0), with a
warning.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys
from typing import Any

from mockmate_tui.errors import InvalidInputError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve", help="the app in a web browser (textual-serve), on this computer by default",
        description="Serve the MockMate app to a web browser through textual-serve. It listens "
        f"on {DEFAULT_HOST} (this computer only) unless --host says otherwise.",
    )
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help=f"address to listen on (default {DEFAULT_HOST}: this computer only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port to listen on (default {DEFAULT_PORT})")
    parser.add_argument("--public-url", metavar="URL",
                        help="the address browsers use, when it differs (behind a proxy)")
    parser.set_defaults(handler=run_serve)


def app_command(database_url: str | None) -> str:
    """The command each browser session runs: this MockMate, with this Python."""
    argv = [sys.executable, "-m", "mockmate_tui"]
    if database_url:
        argv += ["--database-url", database_url]
    return shlex.join(argv)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run_serve(args: argparse.Namespace) -> int:
    try:
        from textual_serve.server import Server
    except ImportError:
        raise InvalidInputError(
            "mockmate serve needs textual-serve: pip install 'mockmate-tui[serve]' "
            "(or pip install textual-serve).") from None
    if not 0 < args.port < 65536:
        raise InvalidInputError(f"--port must be 1-65535, not {args.port}.")
    if not is_loopback(args.host):
        print(f"mockmate: warning: listening on {args.host}; anyone who can reach it uses "
              "your MockMate (your answers and credits) without a password.", file=sys.stderr)
    server = Server(app_command(args.database_url), host=args.host, port=args.port,
                    title="MockMate", public_url=args.public_url)
    print(f"MockMate in your browser: {server.public_url}  (ctrl+c stops)", flush=True)
    server.serve()
    return 0
