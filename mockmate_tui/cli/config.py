"""`mockmate config`: show, get and set the preferences kept in the TOML config file (the same
ones the app's settings screen edits).

    mockmate config show                 every setting, its value and where it comes from
    mockmate config get KEY              one value, as the app uses it
    mockmate config set KEY VALUE        check and write it ("" goes back to the default)
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from mockmate_tui.config import config_file, load_settings
from mockmate_tui.config_file import EDITABLE, EDITABLE_KEYS, parse_value, read_file, save
from mockmate_tui.errors import InvalidInputError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "config", help="show, get or set your settings (the app's settings screen, as a command)",
        description="Show, get or set the settings kept in the config file "
        f"({config_file()}). Keys: {', '.join(EDITABLE_KEYS)}.",
    )
    commands = parser.add_subparsers(title="actions", metavar="ACTION")
    show = commands.add_parser("show", help="every setting, its value and where it comes from")
    show.set_defaults(handler=_show)
    get = commands.add_parser("get", help="one setting's value")
    get.add_argument("key", choices=EDITABLE_KEYS, metavar="KEY")
    get.set_defaults(handler=_get)
    put = commands.add_parser("set", help='set a setting ("" goes back to the default)')
    put.add_argument("key", choices=EDITABLE_KEYS, metavar="KEY")
    put.add_argument("value", metavar="VALUE",
                     help="a list takes commas (technical,behavioral); yes/no for follow_ups")
    put.set_defaults(handler=_set)
    parser.set_defaults(handler=_show)


def _shown(value: object) -> str:
    if isinstance(value, list | tuple):
        return ",".join(str(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def _show(args: argparse.Namespace) -> int:
    settings = load_settings()
    in_file = read_file()
    print(f"# {config_file()}")
    width = max(len(key) for key in EDITABLE_KEYS)
    for item in EDITABLE:
        value = settings.export_folder if item.key == "export_dir" else getattr(settings, item.key)
        env = f"MOCKMATE_{item.key.upper()}"
        source = ("environment" if env in os.environ else
                  "config file" if item.key in in_file else "default")
        print(f"{item.key:<{width}}  {_shown(value)}  ({source})")
    return 0


def _get(args: argparse.Namespace) -> int:
    settings = load_settings()
    key = args.key
    print(_shown(settings.export_folder if key == "export_dir" else getattr(settings, key)))
    return 0


def _set(args: argparse.Namespace) -> int:
    value = parse_value(args.key, args.value)
    if args.key == "theme" and value is not None:
        from textual.theme import BUILTIN_THEMES

        themes = {"mockmate", *BUILTIN_THEMES}
        if value not in themes:
            raise InvalidInputError(f"theme: choose one of {', '.join(sorted(themes))}.",
                                    field="theme")
    path = save({args.key: value})
    settings = load_settings()
    value = settings.export_folder if args.key == "export_dir" else getattr(settings, args.key)
    print(f"{args.key} = {_shown(value)}  (saved in {path})")
    return 0
