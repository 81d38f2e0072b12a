"""Kept for service until it moves; remove after merge (use core.report_stats directly)."""

from mockmate_tui.core.report_stats import report_average_response_time as average_response_time
from mockmate_tui.core.report_stats import report_average_score as average_score

__all__ = ["average_response_time", "average_score"]
