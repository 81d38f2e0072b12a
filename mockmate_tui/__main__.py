"""`python -m mockmate_tui` runs the same entry point as the `mockmate` command."""

from mockmate_tui.cli import main

raise SystemExit(main())
