"""Run the public conformance cases (tests/data/conformance) against etl.numbers.

Scope and comparison rules are stated in tests/conformance.py: every in-scope case
must pass; every excluded case runs as a strict xfail with its reason, so an
exclusion that starts to pass fails the suite until it is moved back into scope.
"""

from __future__ import annotations

import pytest
from conformance import EXCLUDED, FILES, REASONS, Case, check, in_scope_ids, load_cases, pass_rates


def _params() -> list[object]:
    params: list[object] = []
    for case in load_cases():
        if case.in_scope:
            params.append(pytest.param(case, id=case.id))
        else:
            reason = REASONS[EXCLUDED[case.id]]
            params.append(pytest.param(case, id=case.id, marks=pytest.mark.xfail(reason=reason, strict=True)))
    return params


@pytest.mark.parametrize("case", _params())
def test_case(case: Case) -> None:
    assert check(case) is None


def test_exclusions_name_real_cases() -> None:
    ids = {case.id for case in load_cases()}
    assert set(EXCLUDED) <= ids
    assert set(EXCLUDED.values()) <= set(REASONS)


def test_pass_rates_shape() -> None:
    rates = pass_rates()
    assert list(rates) == list(FILES)
    for passed, in_scope, total in rates.values():
        assert 0 <= passed <= in_scope <= total
    assert sum(t for _, _, t in rates.values()) == len(load_cases()) == 896
    # every in-scope case passes (the per-case tests say which one does not)
    assert all(p == s for p, s, _ in rates.values())


def test_bench_scores_ours_on_the_same_in_scope_cases() -> None:
    # bench/scoring.py scores every tool on in_scope_ids(); its one-to-one pairing rule is
    # stricter than some rules here, so check that ours passes every in-scope case there too.
    import sys
    from pathlib import Path

    bench = Path(__file__).resolve().parent.parent / "bench"
    sys.path.insert(0, str(bench))
    try:
        import peers
        import scoring
    finally:
        sys.path.remove(str(bench))
    from etl.numbers import find_numbers, parse_number

    cases = scoring.load_cases(bench.parent / "tests" / "data" / "conformance")
    in_scope, _ = scoring.in_scope_ids(cases)
    assert in_scope <= in_scope_ids()
    scores = scoring.score(peers.ours_tool(find_numbers, parse_number).ask, [c for c in cases if c.id in in_scope])
    assert {suite: s.failed for suite, s in scores.items() if s.failed} == {}
    assert sum(s.total for s in scores.values()) == len(in_scope) > 600
