"""Validation of what a browser sends to a callback or puts in a URL: anything JSON can carry.

Callbacks take their inputs through these helpers, so a crafted request (a number where text
is expected, a list, a megabyte of text) gets an ordinary answer, never an exception.
"""

from __future__ import annotations

MAX_TEXT = 200  # ids, searches, query values: longer ones are cut (ids: refused)
MAX_ITEMS = 1000


def short_text(value, max_chars: int = MAX_TEXT) -> str | None:
    """`value` if it is a string, cut to `max_chars`; else None."""
    return value[:max_chars] if isinstance(value, str) else None


def an_id(value, max_chars: int = MAX_TEXT) -> str | None:
    """A non-empty string of at most `max_chars`, or None."""
    return value if isinstance(value, str) and 0 < len(value) <= max_chars else None


def id_list(values, max_items: int = MAX_ITEMS) -> list[str]:
    """The ids in a list (non-empty strings, at most MAX_TEXT long), at most `max_items`;
    anything that is not a list (or tuple) gives []."""
    if not isinstance(values, list | tuple):
        return []
    out = [v for v in values[:max_items] if an_id(v)]
    return out
