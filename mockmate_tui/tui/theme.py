"""MockMate's colours, and choosing them before the first stylesheet parse."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.theme import Theme

MOCKMATE_THEME = Theme(
    name="mockmate",
    primary="#4F9DDE",
    secondary="#7E6BC9",
    accent="#F0A35E",
    warning="#E8B339",
    error="#E5534B",
    success="#57AB5A",
    foreground="#D8DEE9",
    background="#161B22",
    surface="#1F2630",
    panel="#27303D",
    dark=True,
)


def use_mockmate_theme(app: App[Any]) -> None:
    """Make MockMate's theme the app's own, from the constructor.

    Setting `app.theme` would run the theme watcher, which makes Textual parse every stylesheet
    again and delays the first frame; this does what the watcher does, once, without that.
    """
    theme = MOCKMATE_THEME
    app.register_theme(theme)
    app.set_reactive(App.theme, theme.name)
    app.set_class(True, f"-theme-{theme.name}", update=False)
    app.set_class(theme.dark, "-dark-mode", update=False)
    app.set_class(not theme.dark, "-light-mode", update=False)
    app.stylesheet.set_variables(app.get_css_variables())
