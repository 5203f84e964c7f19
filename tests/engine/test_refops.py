"""Reference operators, left-out defined names, INDEX over arrays of positions,
SUMPRODUCT of different sizes, SWITCH and day-first text dates, through the engine.

Expected values are Excel's, as cached in formulas' test.xlsx (sheets CORE, LOOKUP,
MATH & TRIG, STATISTICAL) and pycel's logical.xlsx, or as Excel's documentation
states them; each test names the behaviour.
"""

import datetime

import openpyxl
import pytest
from hypothesis import given, settings, strategies as st
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.formula import ArrayFormula

from xlcc.engine import Model
from xlcc.engine.builtins import day_first, switch, text_number
from xlcc.engine.index import index, index_areas, route
from xlcc.engine.refops import ReferenceRewriter
from xlcc.engine.sumproduct import sizes_error

NA = {"type": "Error", "kind": "Na"}
REF = {"type": "Error", "kind": "Ref"}
VALUE = {"type": "Error", "kind": "Value"}


def _grid(ws):
    """B2:E5 = 1..16 row by row, G2:H5 = 17..24, as a fixture's CORE sheet."""
    for k in range(16):
        ws.cell(2 + k // 4, 2 + k % 4, k + 1)
    for k in range(8):
        ws.cell(2 + k // 2, 7 + k % 2, 17 + k)


def _model(tmp_path, formulas, names=(), arrays=(), day=False, fill=_grid):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "CORE"
    fill(ws)
    for name, text in names:
        wb.defined_names[name] = DefinedName(name, attr_text=text)
    for cell, formula in formulas.items():
        ws[cell] = formula
    for ref, formula in arrays:
        ws[ref.split(":")[0]] = ArrayFormula(ref, formula)
    wb.save(tmp_path / "b.xlsx")
    m = Model(tmp_path / "b.xlsx", day_first=day)
    m.recalculate()
    return m


@pytest.mark.parametrize("formula, rewritten", [
    ("SUM(B2:E5 C3:D4)", "SUM($C$3:$D$4)"),                 # intersection
    ("J8:K10 L6:M7", "#NULL!"),                              # areas that do not meet
    ("SUM(E3:G4 (B2:E5,G2:H5))", "SUM($E$3:$E$4,$G$3:$G$4)"),  # with a union: both parts
    ("SUM((A1,B2:C3))", "SUM(A1,B2:C3)"),                    # a union given to SUM
    ("ROWS((A1,B2))", "ROWS((A1,B2))"),                      # ... not to other functions
    ("A1:INDEX(B:B,3)", "A1:INDEX(B:B,3)"),                  # not fixed: the engine's
    ("CORE!A1:B2 'x y'!A1", "CORE!A1:B2 'x y'!A1"),          # two sheets: left alone
    ('"B2:E5 C3:D4"&A1', '"B2:E5 C3:D4"&A1'),                # inside a text
    ("SUM(A:A 3:3)", "SUM($A$3)"),                           # whole column and row
    ("SUM(A1:A2 B1:B2 C1)", "SUM(#NULL!)"),                  # #NULL! goes on
    # AREAS, which the engine lacks (Excel's cache, formulas' test.xlsx LOOKUP!R4:AH4)
    ("AREAS(C4:F4)", "1"), ("AREAS((D4:G4,I4:J4,K4:N4))", "3"),
    ("AREAS((E4:H4 J4:K4 L4:O4))", "#NULL!"),
    ("AREAS(((F4:G4,G4:I4,F6:G6,G6:I6) G3:G11))", "4"),    # repeated areas count
    ("AREAS(INDEX(A1:B2,1,1))", "AREAS(INDEX(A1:B2,1,1))"),  # not fixed: left alone
])
def test_reference_operators_between_fixed_references(formula, rewritten):
    assert ReferenceRewriter().rewrite(formula, "CORE") == rewritten


def test_range_operator_with_a_name_and_left_out_names_written_in_place():
    kept = [{"name": "f", "scope": "workbook", "kind": "range", "sheet": "CORE",
             "end_sheet": "CORE", "start_row": 2, "start_col": 7, "end_row": 5, "end_col": 8}]
    omitted = [{"name": "h", "definition": "CORE!$K$4:$K$6 CORE!$J$5:$L$5",
                "scope_sheet": None},
               {"name": "i", "definition": "SUM(CORE!$M$4:$N$5,h)", "scope_sheet": None},
               {"name": "rel", "definition": "CORE!A1+1", "scope_sheet": None},
               {"name": "loop", "definition": "loop+1", "scope_sheet": None},
               {"name": "lam", "definition": "_xlfn.LAMBDA(_xlpm.x,_xlpm.x+1)",
                "scope_sheet": None}]
    r = ReferenceRewriter(omitted, kept)
    assert r.rewrite("=SUM(B2:E5:f)", "CORE") == "=SUM(CORE!$B$2:$H$5)"
    assert r.rewrite("=h", "CORE") == "=(CORE!$K$5)"
    assert r.rewrite("=i*2", "CORE") == "=(SUM(CORE!$M$4:$N$5,(CORE!$K$5)))*2"
    # relative, cyclic and LAMBDA definitions stay as they are (the engine's #NAME?)
    assert r.rewrite("=rel", "CORE") == "=rel"
    assert r.rewrite("=loop", "CORE") == "=loop"
    assert r.rewrite("=lam(1)", "CORE") == "=lam(1)"


def test_workbook_with_intersections_and_names_built_on_them(tmp_path):
    names = [("f", "CORE!$G$2:$H$5"), ("h", "CORE!$C$2:$C$5 CORE!$B$3:$E$3"),
             ("i", "SUM(CORE!$B$2:$C$3,h)"), ("l", "h+i")]
    m = _model(tmp_path, {"A10": "=SUM(B2:E5 C3:D4)", "A11": "=SUM(B2:E5:f)",
                          "A12": "=h", "A13": "=i", "A14": "=l",
                          "A15": "=SUM(C2:D3 (B2:C5,D2:E5))", "A16": "=B2:C3 D4:E5"},
               names=names)
    assert m.get("CORE", "A10") == 6 + 7 + 10 + 11
    assert m.get("CORE", "A11") == sum(range(1, 17)) + sum(range(17, 25)) - 0  # B2:H5
    assert m.get("CORE", "A12") == 6                  # C3
    assert m.get("CORE", "A13") == 1 + 2 + 5 + 6 + 6
    assert m.get("CORE", "A14") == 6 + 20
    assert m.get("CORE", "A15") == 2 + 3 + 6 + 7
    assert m.get("CORE", "A16") == "#NULL!"


def test_areas_evaluates_and_is_not_reported_unsupported(tmp_path):
    m = _model(tmp_path, {"A10": "=AREAS((B2:C3,E5))*10", "A11": "=AREAS(B2:C3 E5)"})
    assert m.get("CORE", "A10") == 20.0 and m.get("CORE", "A11") == "#NULL!"
    assert "AREAS" not in m.unsupported
    m = _model(tmp_path, {"A10": "=AREAS(INDEX(B2:C3,1,1))"})
    assert "AREAS" in m.unsupported  # a reference the rewrite cannot fix


def test_index_over_arrays_of_positions_element_by_element():
    area = [[-1.1, 2.1], [-2.0, 1.1], [3.0, 4.0]]
    assert index(3, area, [[2.0], [1.0]], 1.0) == [[-2.0], [-1.1]]
    # one index on a 2-D array picks the row (its first element), on a range it is #REF!
    assert index(0, [[2.0, 3.0], [4.0, 5.0]], [[3.0], [2.0], [1.0]], 0.0) == \
        [[REF], [4.0], [2.0]]
    assert index(1, [[2.0, 3.0], [4.0, 5.0]], [[1.0]], 0.0) == [[REF]]
    assert index(0, [[2.0, 3.0], [4.0, 5.0]], [[1.0, 2.0]], 0.0) == [[2.0, 4.0]]
    assert index(0, [[2.0, 3.0, 4.0]], [[2.0, -1.0, NA]], 0.0) == [[3.0, VALUE, NA]]
    first, second = [[-1.1], [2.0], [3.0]], [[2.1], [1.1], [4.0]]
    assert index_areas(1.0, 1.0, [[3.0], [2.0], [1.0]], 1, first, second) == \
        [[REF], [2.1], [-1.1]]
    assert index_areas([[3.0], [2.0]], 1.0, [[3.0], [2.0]], 1, first, second) == \
        [[REF], [1.1]]
    assert index_areas(1.0, 1.0, [[0.0]], 1, first, second) == [[VALUE]]


@pytest.mark.parametrize("formula, routed", [
    ("INDEX(C52:H54,E53:E54,1)", "XLCC.INDEX(3,C52:H54,E53:E54,1)"),
    ("INDEX({2,3;4,5},{1,2})", "XLCC.INDEX(0,{2,3;4,5},{1,2},0)"),
    ("INDEX((C52:C54,D52:D54),1,1,E52:E54)",
     "XLCC.INDEXAREAS(1,1,E52:E54,1,C52:C54,D52:D54)"),
    ("INDEX(A1:A5,3)", "INDEX(A1:A5,3)"),                 # one position: the engine's
    ("SUM(INDEX(A1:C5,0,{1,2}))", "SUM(INDEX(A1:C5,0,{1,2}))"),  # whole columns: too
])
def test_index_route_in_array_formulas(formula, routed):
    assert route(formula) == routed


def _lookup_rows(ws):
    for r, row in enumerate([[-1.1, 2.1, 3], [-2, 1.1, 2], [3.1, 4.1, 1]], start=52):
        for c, v in enumerate(row, start=3):
            ws.cell(r, c, v)
    ws["N54"] = "=1/0"


def test_index_rules_through_the_engine(tmp_path):
    m = _model(tmp_path, {"R53": "=INDEX(C52:E53,2)", "R54": "=INDEX(C52:E53,-1)",
                          "S53": "=INDEX(D52:F52,2)", "AB54": "=INDEX({2,3,4,5},1,1,N54)",
                          "AC54": "=INDEX({2,3,4,5},2,1,1)"},
               arrays=[("AH52:AH53", "=INDEX(C52:E54,E53:E54,1)"),
                       ("AQ52:AQ54", "=INDEX((C52:C54,D52:D54),1,1,E52:E54)")],
               fill=_lookup_rows)
    assert m.get("CORE", "R53") == "#REF!"     # a 2-D range given only a row
    assert m.get("CORE", "R54") == "#VALUE!"
    assert m.get("CORE", "S53") == 3.0         # one row: the index runs along it
    assert m.get("CORE", "AB54") == "#DIV/0!"  # an error area number is that error
    assert m.get("CORE", "AC54") == "#REF!"    # an array has one area
    assert [m.get("CORE", c) for c in ("AH52", "AH53")] == [-2.0, -1.1]
    assert [m.get("CORE", c) for c in ("AQ52", "AQ53", "AQ54")] == ["#REF!", 2.1, -1.1]


def test_sumproduct_of_different_sizes_gives_their_first_error():
    assert sizes_error("SUMPRODUCT(P75:Q75,H75:I75,I75:K75)") == (
        "IF(ISERROR(SUM(P75:Q75)),SUM(P75:Q75),IF(ISERROR(SUM(H75:I75)),SUM(H75:I75),"
        "IF(ISERROR(SUM(I75:K75)),SUM(I75:K75),#VALUE!)))")
    assert sizes_error("SUMPRODUCT(A1:A3,B1:B3)") == "SUMPRODUCT(A1:A3,B1:B3)"
    assert sizes_error("SUMPRODUCT(A1:A3*2,B1:B4)") == "SUMPRODUCT(A1:A3*2,B1:B4)"


def test_sumproduct_sizes_through_the_engine(tmp_path):
    def fill(ws):
        ws["A1"], ws["A2"], ws["B1"], ws["B2"], ws["B3"] = 1, "=SQRT(-1)", 2, 3, 4
    m = _model(tmp_path, {"D1": "=SUMPRODUCT(A1:A2,B1:B3)", "D2": "=SUMPRODUCT(B1:B2,B1:B3)",
                          "D3": "=SUMPRODUCT(B1:B3,B1:B3)"}, fill=fill)
    assert m.get("CORE", "D1") == "#NUM!"
    assert m.get("CORE", "D2") == "#VALUE!"
    assert m.get("CORE", "D3") == 29.0


@pytest.mark.parametrize("args, excel", [
    ((True, 1.0, "match"), NA),             # a logical is never a number
    ((False, None, "match"), NA),           # a blank is 0, not FALSE
    ((0.0, None, "match"), "match"),
    ((None, "", "match"), NA),              # ... nor ""
    (("UPPER", "Upper", "match"), "match"),  # text without regard to case
    ((2.0, 1.0, "a", 2.0, "b"), "b"),
    ((3.0, 1.0, "a", "other"), "other"),    # the default
    ((3.0, 1.0, "a"), NA),
    ((VALUE, 1.0, "a", "other"), VALUE),    # an error expression is the result
    ((2.0, NA, "a", 2.0, "b"), NA),         # and so is an error met before a match
])
def test_switch_follows_excel(args, excel):
    assert switch(*args) == excel


def test_switch_over_a_range_goes_element_by_element():
    assert switch([[False, False, True]], False, 0.0, True, 1.0) == [[0.0, 0.0, 1.0]]


def test_day_first_text_dates():
    assert text_number("26/08/1987") is None          # month first: no 26th month
    assert text_number("8/26/1987") == 32015.0
    with day_first(True):
        assert text_number("26/08/1987") == 32015.0
        assert text_number("29/02/1900") == 60.0       # Excel's 29 February 1900
        assert text_number("26-08-87 12:00") == 32015.5
        assert text_number("31/02/2020") is None
        assert text_number("1.5") == 1.5               # a number, not a date
        assert text_number("2024-01-05") == 45296.0    # ISO dates are not affected
        year = datetime.date.today().year
        assert text_number("26/08") == text_number(f"26/08/{year}")
    assert text_number("26/08/1987") is None           # the block restores the order


def test_day_first_model(tmp_path):
    formulas = {"A1": '=AVERAGE(10,"29/02/1900")', "A2": '=COUNT(1,TRUE,"26/08/2026","x")',
                "A3": '=DATEVALUE("26/08/1987 10:00")', "A4": '=VALUE("1/2/2026")',
                "A5": '=_xlfn.STDEV.S(1,"3")'}
    m = _model(tmp_path, formulas, day=True, fill=lambda ws: None)
    assert m.get("CORE", "A1") == 35.0
    assert m.get("CORE", "A2") == 3.0   # COUNT counts a number typed as text, skips "x"
    assert m.get("CORE", "A3") == 32015.0
    assert m.get("CORE", "A4") == float((datetime.date(2026, 2, 1)
                                         - datetime.date(1899, 12, 30)).days)
    assert m.get("CORE", "A5") == pytest.approx(2 ** 0.5)
    us = _model(tmp_path, formulas, fill=lambda ws: None)
    assert us.get("CORE", "A1") == "#VALUE!"
    assert us.get("CORE", "A4") == float((datetime.date(2026, 1, 2)
                                          - datetime.date(1899, 12, 30)).days)


_AREA = st.tuples(st.integers(1, 8), st.integers(1, 8), st.integers(1, 8), st.integers(1, 8))


def _text(a):
    r1, c1, r2, c2 = a
    return f"{'ABCDEFGH'[c1 - 1]}{r1}:{'ABCDEFGH'[c2 - 1]}{r2}"


def _cells(a):
    r1, c1, r2, c2 = a
    return {(r, c) for r in range(min(r1, r2), max(r1, r2) + 1)
            for c in range(min(c1, c2), max(c1, c2) + 1)}


@settings(max_examples=5, deadline=None)
@given(st.lists(st.tuples(_AREA, _AREA, st.sampled_from(" :")), min_size=20, max_size=20))
def test_reference_operators_match_cell_sets(tmp_path_factory, pairs):
    """Second method: the operators as sets of cells (intersection: cells in both;
    range: the bounding box of both), summed over cells holding 100 * row + column."""
    def fill(ws):
        for r in range(1, 9):
            for c in range(1, 9):
                ws.cell(r, c, 100 * r + c)
    formulas = {f"J{i + 1}": f"=SUM({_text(a)}{op}{_text(b)})"
                for i, (a, b, op) in enumerate(pairs)}
    m = _model(tmp_path_factory.mktemp("ops"), formulas, fill=fill)
    for i, (a, b, op) in enumerate(pairs):
        if op == " ":
            cells = _cells(a) & _cells(b)
        else:
            both = _cells(a) | _cells(b)
            rows, cols = [r for r, _ in both], [c for _, c in both]
            cells = _cells((min(rows), min(cols), max(rows), max(cols)))
        expected = sum(100 * r + c for r, c in cells) if cells else "#NULL!"
        assert m.get("CORE", f"J{i + 1}") == expected, formulas[f"J{i + 1}"]


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.lists(st.integers(-1, 5), min_size=1, max_size=4),
       st.lists(st.integers(0, 5), min_size=1, max_size=3))
def test_index_element_by_element_matches_direct_indexing(rows, cols, row_numbers, col_numbers):
    """Second method: plain list indexing, with Excel's rules for 0 (the whole row or
    column, whose first element shows), negative (#VALUE!) and too large (#REF!)."""
    grid = [[float(10 * r + c) for c in range(cols)] for r in range(rows)]
    got = index(3, grid, [[float(n)] for n in row_numbers], [[float(n) for n in col_numbers]])
    for i, r in enumerate(row_numbers):
        for j, c in enumerate(col_numbers):
            if r < 0:
                want = VALUE
            elif r > rows or c > cols:
                want = REF
            else:
                want = grid[max(r, 1) - 1][max(c, 1) - 1]
            assert got[i][j] == want, (r, c)
