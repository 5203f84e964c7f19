"""Excel's lookup searching (xlcc.engine.lookups) and the routing of calls to it.

Expected values are Excel's own, as cached in the conformance fixtures (formulas'
test.xlsx, sheet LOOKUP) or as Excel's documentation states them; each test names
the behaviour.
"""

import pytest

from xlcc.engine import lookups
from xlcc.engine.lookups import hlookup, lookup, match, route, vlookup, xlookup, xmatch

NA = {"type": "Error", "kind": "Na"}
VALUE = {"type": "Error", "kind": "Value"}
REF = {"type": "Error", "kind": "Ref"}


def row(*values):
    return [list(values)]


@pytest.mark.parametrize("value, array, expected", [
    (4.1, row("c bau c", 4.1, "a", 1.1), 2.0),   # an equal value at the first middle ends it
    (4.1, row("a", 2.1, "c bau c", 4.1), 4.0),   # text met at the middle is stepped over
    (4.0, row("a", 2.1, "c bau c", 4.1), 2.0),
    (1.1, row("a", 2.1, "c bau c", 4.1), NA),
    (True, row(False, 2.1, True, 4.1), 3.0),      # only logicals are compared with TRUE
    (True, row(True, 4.1, False, "c bau c"), 3.0),  # binary search: not the first TRUE
    (True, row(-1.1, 2.1, 3.1, 4.1), NA),         # TRUE is not 1
    (None, row(-1.1, 2.1, 3.1, 4.1), 1.0),         # an empty lookup value is 0
    ("*b?u*", row("", 4.1, "a", 1.1), 1.0),        # no wildcards in approximate mode
    (4.0, row(4.1, 3.1, 2.1, 1.1), 4.0),           # unsorted data: what bisection finds
    (3.0, row(4.1, 3.1, 2.1, 1.1), NA),
])
def test_match_approximate_is_excels_binary_search(value, array, expected):
    assert match(value, array) == expected


def test_match_approximate_returns_the_last_of_equal_values():
    assert match(2.0, row(1.0, 2.0, 2.0, 2.0, 3.0), 1) == 4.0


@pytest.mark.parametrize("value, array, expected", [
    (-2.0, row(-1.1, 2.1, 3.1, 4.1), 4.0),       # every value is above: the last one
    (1.1, row(-1.1, 2.1, 3.1, 4.1), NA),         # the first value is already below
    (3.0, row(4.1, 3.1, 2.1, 1.1), 2.0),
    (3.0, row("c bau c", 4.1, "a", 1.1), 2.0),   # other types passed over
    ("*b?u*", row("a", 2.1, "c bau c", 4.1), 3.0),
    (True, row(True, 4.1, False, 1.1), 1.0),
])
def test_match_descending_scans_from_the_first(value, array, expected):
    assert match(value, array, -1) == expected


def test_match_exact_with_wildcards_and_errors():
    assert match("c*c", row("a", "C BAU C"), 0) == 2.0
    assert match("~*", row("a", "*"), 0) == 2.0
    assert match({"type": "Error", "kind": "Div"}, row(1.0), 0)["kind"] == "Div"
    assert match(1.0, [[1.0, 2.0], [3.0, 4.0]]) == NA        # a 2-D lookup array
    assert match("x", row("x"), "one") == VALUE               # a mode that is not a number


def test_vlookup_and_hlookup_index_errors_and_modes():
    table = [[-1.1, 5.0], [2.1, 6.0], [3.1, 7.0], [4.1, 8.0]]
    assert vlookup(3.0, table, 2) == 6.0
    assert vlookup(3.0, table, 2, -2) == 6.0       # any number but 0 is TRUE
    assert vlookup(3.0, table, 2, False) == NA
    assert vlookup(3.0, table, 0) == VALUE
    assert vlookup(3.0, table, 3) == REF
    assert vlookup(True, table, 2, True) == NA
    assert vlookup(3.0, table, 2, "maybe") == VALUE
    across = [[-1.1, 2.1, 3.1, 4.1], [5.0, 6.0, 7.0, 8.0]]
    assert hlookup(4.0, across, 2, True) == 7.0
    assert hlookup(None, across, 2, True) == 5.0    # an empty lookup value is 0
    assert vlookup([[3.0], [4.1]], table, [[2, 1]]) == [[6.0, 2.1], [8.0, 4.1]]


RET = row("L", "ML", "MR", "R")


@pytest.mark.parametrize("args, expected", [
    ((-2.0, row("a", 2.1, "b", 4.1), RET, 3.0, 1), "ML"),     # next larger
    ((-2.0, row("b", 4.1, "a", 1.1), RET, 2.0, 1), "R"),      # the smallest larger one
    ((3.0, row(4.1, 2.1, 3.1, 1.1), RET, 2.0, -1), "ML"),     # the largest smaller one
    ((-2.0, row(4.1, 2.1, 3.1, 1.1), RET, 4.0, -1), 4.0),     # none: if_not_found
    ((4.0, row(True, 4.1, False, 1.1), RET, 1.0, 1, 2), "L"),  # binary, sort order
    (("b", row(True, 4.1, False, 1.1), RET, 1.0, 1, 2), "MR"),
    ((True, row(True, 4.1, False, 1.1), RET, 1.0, 1, 2), 1.0),
    ((None, row("", 4.1, "a", 1.1), RET, 1.0, 1, 1), 1.0),    # empty after everything
    (("b", row(True, False, "a", "b"), RET, 1.0, 2, 1), "R"),  # wildcard mode, exact
    ((4.0, row("a", 2.1, "b", 4.1), RET), NA),
    # a fractional mode is rounded down, as INT does: search mode -1.1 is the
    # descending binary search -2 (LOOKUP!AH162), not the last-to-first scan -1
    ((-1.1, row(-1.1, 2.1, 3.1, 4.1), RET, 1.0, 1, -1.1), "R"),
    ((-1.1, row(-1.1, 2.1, 3.1, 4.1), RET, 1.0, 1, -1), "L"),
    ((3.0, row(-1.1, 2.1, 3.1, 4.1), RET, 1.0, 1.9, 1), "MR"),
])
def test_xlookup_modes(args, expected):
    assert xlookup(*args) == expected


def test_xmatch_sort_order_and_descending_binary():
    assert xmatch("*b?u*", row(False, 2.1, True, 4.1), -1) == 4.0  # numbers before text
    assert xmatch(None, row(False, 2.1, True, 4.1), -1) == 3.0
    assert xmatch(3.5, row(9.0, 4.1, 3.0, 2.1, 2.0), -1, -2) == 3.0
    assert xmatch(-2.0, row(True, 4.1, False, "c bau c"), -1, -2) == NA
    assert xmatch("ß", row(1.0, "ss"), 2) == NA                     # no case folding
    assert xmatch(1.0, row(1.0), 3) == VALUE
    # wildcards cannot be searched by bisection (LOOKUP!R183:Y184 cache #VALUE! for all)
    assert xmatch(4.1, row(4.1, 3.1, 2.1, 1.1), 2, 2) == VALUE
    assert xmatch("a", row("c bau c", 4.1, "a", 1.1), 2, -2) == VALUE
    assert xlookup("a", row("a", "b"), row(1.0, 2.0), None, 2, 2) == VALUE


def test_xlookup_returns_the_row_of_a_2d_return_array():
    keys = [["a"], ["b"]]
    assert xlookup("B", keys, [[1.0, 2.0], [3.0, None]]) == [[3.0, 0.0]]
    assert xlookup("c", keys, [[1.0], [2.0], [3.0]]) == VALUE       # sizes differ


@pytest.mark.parametrize("formula, routed", [
    ("MATCH(A1,B1:B9,0)", "MATCH(A1,B1:B9,0)"),                     # exact: the engine's
    ("MATCH(A1,B1:B9)", "XLCC.MATCH(A1,B1:B9)"),
    ("MATCH(A1,B1:B9,C1)", "XLCC.MATCH(A1,B1:B9,C1)"),              # not a literal
    ("VLOOKUP(A1,T,2,FALSE)+VLOOKUP(A1,T,2)", "VLOOKUP(A1,T,2,FALSE)+XLCC.VLOOKUP(A1,T,2)"),
    ("VLOOKUP(A1,T,2,)", "VLOOKUP(A1,T,2,)"),                        # omitted: FALSE
    ("_xlfn.XLOOKUP(A1,B:B,C:C,,1)", "XLCC.XLOOKUP(A1,B:B,C:C,,1)"),
    ("_xlfn.XLOOKUP(A1,B:B,C:C)", "_xlfn.XLOOKUP(A1,B:B,C:C)"),
    ("_xlfn.XMATCH(A1,B:B,0,2)", "XLCC.XMATCH(A1,B:B,0,2)"),
    ('"MATCH(A1,B1:B9)"&HLOOKUP(1,{1;2},2)', '"MATCH(A1,B1:B9)"&XLCC.HLOOKUP(1,{1;2},2)'),
    ("INDEX(R,MATCH(A1,IF(B1:B9>0,B1:B9),1))", "INDEX(R,XLCC.MATCH(A1,IF(B1:B9>0,B1:B9),1))"),
])
def test_route_renames_the_calls_that_need_excels_search(formula, routed):
    assert route(formula) == routed


def test_route_takes_every_lookup_of_an_array_formula():
    assert route("MATCH(A1:A3,B1:B9,0)", array=True) == "XLCC.MATCH(A1:A3,B1:B9,0)"


def test_recalculated_workbook_uses_excels_search(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from xlcc.engine import Model

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    for i, v in enumerate(["c bau c", 4.1, "a", 1.1], 1):
        ws.cell(i, 1, v)
        ws.cell(i, 2, f"R{i}")
    ws["D1"] = "=MATCH(4.1,A1:A4)"
    ws["D2"] = "=VLOOKUP(4.1,A1:B4,2,TRUE)"
    ws["D3"] = "=MATCH(1.1,A1:A4,0)"
    path = tmp_path / "lookups.xlsx"
    wb.save(path)
    model = Model(path)
    model.recalculate()
    assert [model.get("S", c) for c in ("D1", "D2", "D3")] == [2.0, "R2", 4.0]
    assert model.file_formula("S", next(fc for fc in model.formulas["S"]
                                        if fc.address == "D1")) == "MATCH(4.1,A1:A4)"
    assert set(lookups.FUNCTIONS) == {"XLCC.MATCH", "XLCC.VLOOKUP", "XLCC.HLOOKUP",
                                      "XLCC.XLOOKUP", "XLCC.XMATCH", "XLCC.LOOKUP"}


def test_lookup_vector_and_array_forms():
    """LOOKUP's cases as Excel cached them (formulas' test.xlsx, sheet LOOKUP; pycel's
    lookup.xlsx): MATCH's binary search, the array form's first row or column."""
    keys = row(-1.1, 2.1, 3.1, 4.1)
    labels = row("L", "ML", "MR", "R")
    assert lookup(3.0, keys) == 2.1
    assert lookup(-2.0, keys) == NA                          # below every value
    assert lookup(20.0, row("a", 2.1, "b", 4.1), labels) == "R"  # text stepped over
    assert lookup(2.0, row(False, 2.1, True, 4.1)) == NA
    assert lookup(20.0, row(True, False, "a", "b"), labels) == NA
    table = [[0.0, "a"], [1.0, "e"], [2.0, "i"], [3.0, "o"], [4.0, "u"]]
    assert lookup(2.0, table) == "i"                          # taller: last column
    wide = [[0.0, 1.0, 2.0, 3.0, 4.0], ["a", "e", "i", "o", "u"]]
    assert lookup(3.0, wide) == "o"                           # wider: last row
    assert lookup(2.0, table, [[1.0, 2.0], [3.0, 4.0]]) == NA  # a 2-D result
    assert lookup(4.0, table, [[1.0], [2.0]]) == NA           # a result too short
    assert lookup({"type": "Error", "kind": "Div"}, keys)["kind"] == "Div"
    assert lookup([[3.0], [-5.0]], keys, labels) == [["ML"], [NA]]
    assert route("LOOKUP(A1,B1:B9)") == "XLCC.LOOKUP(A1,B1:B9)"
    assert route("VLOOKUP(A1,B1:C9,2,0)") == "VLOOKUP(A1,B1:C9,2,0)"
