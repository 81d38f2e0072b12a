"""The pure core: the clock, the interview timer, the credit rule and report statistics.

Standard library and pydantic only: no I/O, no database, no UI.
"""
