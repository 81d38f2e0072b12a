"""The interview engine (`engine`): the plan (`planning`), where the interview is (`model`),
and this window's own record of it while the database is away (`memory`, `offline`)."""
