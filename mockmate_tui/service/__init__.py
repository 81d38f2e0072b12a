"""The application: the design's commands over the database, and the interview engine.

No Textual, no argparse: the TUI and the CLI are front ends over this package.
"""

from mockmate_tui.service.mockmate import MockMate

__all__ = ["MockMate"]
