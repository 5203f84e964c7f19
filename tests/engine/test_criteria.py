"""Excel's criteria (xlcc.engine.criteria): matching, errors, arrays of criteria, and
the engine-copy rewriting that keeps the engine's fast functions for the rest.

Expected values are Excel's, as cached in the conformance fixtures (formulas'
test.xlsx, MATH & TRIG rows 73-74 and STATISTICAL rows 6-7 and 24-25) or as Excel's
documentation states them.
"""

import openpyxl
import pytest

from xlcc.engine import Model
from xlcc.engine.criteria import (averageif, averageifs, countif, countifs, guard,
                                  matcher, sumif, sumifs)

DIV = {"type": "Error", "kind": "Div"}
VALUE = {"type": "Error", "kind": "Value"}
NA = {"type": "Error", "kind": "Na"}

ROW = [[0.0, 1.0, 2.3, 10.0, -1.0, None, "ciao", True, VALUE, NA, DIV]]


@pytest.mark.parametrize("criterion, hits", [
    ("1", [1.0]), (1.0, [1.0]), (">1", [2.3, 10.0]), ("<>-1", None),
    ("<=TRUE", [True]), (True, [True]), ("=", [None]), ("", [None]),
    ("<>", [0.0, 1.0, 2.3, 10.0, -1.0, "ciao", True, VALUE, NA, DIV]),
    ("c*", ["ciao"]), ("C?AO", ["ciao"]), ("#N/A", [NA]), (VALUE, [VALUE]),
    (None, [0.0]),  # an empty criterion cell is 0
    (">b", ["ciao"]), ("1e0", [1.0]),
])
def test_matcher(criterion, hits):
    test = matcher(criterion)
    got = [v for v in ROW[0] if test(v)]
    if hits is None:
        assert -1.0 not in got and len(got) == len(ROW[0]) - 1
    else:
        assert got == hits


def test_number_criterion_matches_text_that_reads_as_that_number():
    assert countif([["1", 1.0, "1.0", "x"]], 1) == 3.0


def test_errors_in_matched_cells_and_error_criteria():
    criteria_range = [["ciao", True]]
    assert sumif(criteria_range, "ciao", [[VALUE, NA]]) == VALUE   # fixture Z73
    assert sumif([[True, VALUE]], True, [[NA, DIV]]) == NA         # AA73
    assert sumif([[VALUE, NA]], VALUE, [[DIV, 1.0]]) == DIV        # AB73
    assert countif([[VALUE, NA]], VALUE) == 1.0                    # AB24
    assert sumif(criteria_range, "<=TRUE", [[10.0, -1.0]]) == -1.0  # Y73
    assert sumif([[1.0, 2.0]], 5.0, [[VALUE, 1.0]]) == 0.0          # an unmatched error


def test_arrays_of_criteria_and_shapes():
    values = [[1.0, 2.3, 10.0, -1.0, None]]
    sums = [[2.3, 10.0, -1.0, None, "ciao"]]
    assert sumif(values, [[1.0, ">3"]], sums) == [[2.3, -1.0]]          # AG73
    assert countif(values, [[1.0, ">3"]]) == [[1.0, 1.0]]
    assert averageif(values, [[1.0, ">3"]], sums) == [[2.3, -1.0]]
    assert sumifs(sums, values, 1.0, [[0.0, 1.0]], 0.0) == VALUE     # shapes differ
    assert countifs(values, ">0", sums, ">0") == 2.0


def test_averages():
    assert averageif([[1.0, 1.0]], 1.0, [["x", None]]) == DIV            # V6
    assert averageifs([[2.0, 4.0, 9.0]], [["a", "a", "b"]], "a") == 3.0
    assert averageifs([[2.0]], [["a"]]) == VALUE                         # criterion missing


def test_sum_range_of_another_size_is_read_at_the_criteria_size():
    assert sumif([[1.0], [1.0], [2.0]], 1.0, [[5.0]]) == 5.0


@pytest.mark.parametrize("formula, rewritten", [
    ('SUMIF(A:A,"x",B:B)', 'IF(ISERROR(SUM(B:B)),XLCC.SUMIF(A:A,"x",B:B),SUMIF(A:A,"x",B:B))'),
    ("COUNTIF(A:A,C1)", "IF(ISERROR(C1),XLCC.COUNTIF(A:A,C1),COUNTIF(A:A,C1))"),
    ('COUNTIF(A:A,">"&C1)', 'COUNTIF(A:A,">"&C1)'),                 # nothing to guard
    ('COUNTIF(A:A,"<=TRUE")', 'XLCC.COUNTIF(A:A,"<=TRUE")'),
    ('COUNTIFS(A:A,{1,2})', "XLCC.COUNTIFS(A:A,{1,2})"),
    ("COUNTIF(A:A,C1:C3)", "XLCC.COUNTIF(A:A,C1:C3)"),
    ("SUMIFS(S!C:C,S!A:A,A2,S!B:B,\"<5\")",
     "IF(OR(ISERROR(SUM(S!C:C)),ISERROR(A2)),XLCC.SUMIFS(S!C:C,S!A:A,A2,S!B:B,\"<5\"),"
     "SUMIFS(S!C:C,S!A:A,A2,S!B:B,\"<5\"))"),
    ('"SUMIF(A:A,1)"', '"SUMIF(A:A,1)"'),
])
def test_guard(formula, rewritten):
    assert guard(formula) == rewritten


def test_a_workbook_sees_excels_criteria(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    for r, (day, agents) in enumerate([("Mon", 3.0), ("Mon", "=1/0"), ("Tue", 4.0)], 1):
        ws.cell(r, 1, day)
        ws.cell(r, 2, agents)
    ws["D1"] = '=SUMIFS(B1:B3,A1:A3,"Mon")'   # a matched #DIV/0!: Excel shows it
    ws["D2"] = '=SUMIFS(B1:B3,A1:A3,"Tue")'   # the error is not matched
    ws["D3"] = "=COUNTIF(B1:B3,B2)"           # an error criterion counts that error
    path = tmp_path / "criteria.xlsx"
    wb.save(path)
    m = Model(path)
    m.recalculate()
    assert [m.get("S", c) for c in ("D1", "D2", "D3")] == ["#DIV/0!", 4.0, 1.0]
