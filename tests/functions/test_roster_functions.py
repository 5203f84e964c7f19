import numpy as np
import pytest

import xlcc.functions as fx
from xlcc.functions import BY_NAME
from xlcc.functions.errors import CellError, XlError
from xlcc.functions import roster as roster_functions


def test_coverage_counts_agents_slot_by_slot():
    # 2 agents 06:00-14:00 on Monday, 1 on Tuesday; one 22:00-06:00 night on Sunday
    out = fx.ROSTER_COVERAGE([[2, 1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 1]],
                             [[0.25, 8], [22 / 24, 8]], 60)
    grid = np.array(out)  # 24 intervals down, 7 days across
    assert grid.shape == (24, 7)
    want = np.zeros((24, 7))
    want[6:14, 0], want[6:14, 1] = 2, 1
    want[22:, 6] = 1
    want[:6, 0] += 1  # Sunday's night runs into Monday: the week wraps
    np.testing.assert_array_equal(grid, want)
    open_week = np.array(fx.ROSTER_COVERAGE([[2, 1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 1]],
                                            [[0.25, 8], [22 / 24, 8]], 60, False))
    assert open_week[:6, 0].sum() == 0


def test_design_covers_a_block_exactly_and_is_not_resolved_on_recalculation(monkeypatch):
    req = [[0]] * 6 + [[3]] * 8 + [[0]] * 10
    assert fx.ROSTER_DESIGN(req, [[0.25, 8], [0.375, 8]], 60) == [[3.0], [0.0]]
    calls = []
    monkeypatch.setattr("xlcc.roster.design.design_fixed_shifts",
                        lambda *a, **k: calls.append(a) or (np.zeros((2, 1)), None))
    assert fx.ROSTER_DESIGN(req, [[0.25, 8], [0.375, 8]], 60) == [[3.0], [0.0]]
    assert calls == []  # same inputs: the kept design, no solve
    fx.ROSTER_DESIGN(req, [[0.25, 8], [0.375, 8]], 60, 10)
    assert len(calls) == 1  # a changed option solves again
    assert len(roster_functions._KEPT) <= roster_functions._KEEP


@pytest.mark.parametrize("call, expected", [
    (lambda: fx.ROSTER_COVERAGE([[2, "x"]], [[0.25, 8]], 60),
     "#VALUE! shift_starts must be a number (agents); got text 'x'"),
    (lambda: fx.ROSTER_COVERAGE([[2, -1]], [[0.25, 8]], 60),
     "#NUM! shift_starts must be in [0, inf] (agents); got -1"),
    (lambda: fx.ROSTER_COVERAGE([[2]], [[0.26, 8]], 60),
     "#NUM! shift 1: start 374.4 minutes is not on the 60-minute grid"),
    (lambda: fx.ROSTER_COVERAGE([[2]], [[0.25]], 60),
     "#NUM! shift_table must have two columns"),
    (lambda: fx.ROSTER_COVERAGE([[2]], [[0.25, 8]], 45),
     "#NUM! interval must be one of 5, 10, 15, 20, 30, 60 minutes; got 45"),
    (lambda: fx.ROSTER_COVERAGE([[2], [1]], [[0.25, 8]], 60),
     "#NUM! shift counts must have one row per shift (1 shifts)"),
    (lambda: fx.ROSTER_DESIGN([[1]] * 24, [[0.25, 8], [0.25, 8]], 60),
     "#NUM! shifts 1 and 2 are the same shift (06:00, 480 minutes)"),
    (lambda: fx.ROSTER_DESIGN([[1]] * 20, [[0.25, 8]], 60),
     "#NUM! requirements must have a whole number of days of 24 60-minute slots"),
    (lambda: fx.ROSTER_DESIGN([["#N/A"]] * 24, [[0.25, 8]], 60), "#N/A"),
])
def test_bad_tables_give_one_error_with_the_reason(call, expected):
    assert call().startswith(expected)


def test_blank_cells_in_a_table_are_zero_and_errors_are_typed_for_the_engine():
    out = fx.ROSTER_COVERAGE([[2, None]], [[0.25, 8]], 60, None)
    assert out[6] == [2.0, 0.0]
    spec = BY_NAME["ROSTER_COVERAGE"]
    assert spec.evaluate([[XlError.DIV0]], [[0.25, 8]]) == CellError(XlError.DIV0)
