"""Running timers: the timers this process measures (`running`), what is stored of them and
how a transition is checked against it (`state`), the hours charged (`charges`), the
heartbeat that saves them (`heartbeat`), and their transitions while offline (`offline`)."""
