"""Fixtures shared by the tests and the benchmarks: a throwaway PostgreSQL schema on a real
server, and a program running in a sized tmux session.

pytest imports this as `tests.support`: with --import-mode=importlib it names every module
under tests/ from the repository root (tests/conftest.py is `tests.conftest`). A benchmark run
as `python bench/x.py` puts the repository root on sys.path first (bench/*_common.py). Nothing
here imports pytest, so a benchmark needs none of the test tools.
"""
