"""The app's screens: home, first run, new session, interview, report, help and dialogs."""
