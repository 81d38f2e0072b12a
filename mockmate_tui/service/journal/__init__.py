"""The offline journal: each step the database could not take, written and fsynced here
(`file`), as plain records (`entries`), and stored once the database is back, in order and
exactly once, into the database it was written for (`replay`, driven by `writes`)."""
