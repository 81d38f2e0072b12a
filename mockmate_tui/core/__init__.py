"""The pure core: the clock, the interview timer, the credit rule, report statistics, progress.

Standard library and pydantic only: no I/O, no database, no UI.
"""
