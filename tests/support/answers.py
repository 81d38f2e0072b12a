"""Answers the tests type, written once."""

STRONG_STORY = (
    "At my last job I led the move of our billing service from a cron script to a queue. "
    "I measured the failures first: 3% of invoices were sent twice. I designed idempotent "
    "workers keyed by invoice id, wrote the tests, and rolled it out behind a flag over two "
    "weeks. Duplicate invoices fell to zero and the on-call pages dropped by half."
)
"""A complete, specific STAR story: what a strong typed answer looks like."""
