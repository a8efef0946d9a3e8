"""The record the number reader returns for each numeric expression, and its vocabularies."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = (
    "statistic",
    "count",
    "date",
    "duration",
    "ordinal",
    "list_marker",
    "contact",
    "code",
    "idiom",
    "vague",
)
QUALIFIERS = ("approx", "more_than", "at_least", "less_than", "at_most", "range")


@dataclass(frozen=True, slots=True)
class Mention:
    """One numeric expression found in the text; see `etl.numbers` for the rules."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    unit_mult: int
    qualifier: str | None
    kind: str
    iso: str | None


#: A mention while scanning: the Mention fields as a tuple, in field order.  Tuples are
#: several times cheaper to build than frozen dataclass instances, and the CLI needs
#: no objects at all.
Row = tuple[int, int, str, float | None, float | None, float | None, str | None, int,
            str | None, str, str | None]  # fmt: skip


def bare(row: Row) -> bool:
    """A number printed without unit or qualifier (3.1 in 3.1、4.5和6.2个百分点, a table's cell)."""
    return row[9] == "statistic" and row[6] is None and row[8] is None and row[3] is not None
