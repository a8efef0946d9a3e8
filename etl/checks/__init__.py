"""Checks of the page's figures: consistency within the page, agreement with the credited bodies.

    load_checks(folder) -> ChecksCatalog       # etl/catalog/pages/<page_id>/{checks,corroborations}.yml
    run_checks(observations, catalog, declared, derived) -> list[Check]

Figures are intervals (intervals.py) of what their printed rounding allows; each kind of
check is implemented once (kinds.py) and declared as data beside the catalog.
"""

from etl.checks.catalog import ChecksCatalog, load_checks
from etl.checks.run import Check, run_checks

__all__ = ["Check", "ChecksCatalog", "load_checks", "run_checks"]
