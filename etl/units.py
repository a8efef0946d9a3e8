"""The number reader's unit table, for code outside the reader: `etl/numbers/units.toml`, loaded.

Surface form after a number -> ``(canonical unit, category)``; see the README's
"Units" table for what each canonical unit means.
"""

from __future__ import annotations

from etl.numbers.lexicon import ASCII_UNITS, CLASSIFIERS, PERCENT_SCALE, UNITS, words

__all__ = ["ASCII_UNITS", "CLASSIFIERS", "PERCENT_SCALE", "UNITS", "words"]
