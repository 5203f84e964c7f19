"""Implicit intersection in plain formulas for the element-by-element built-ins
(xlcc/engine/intersect.py), against Excel's rule: a plain formula given a range where
one value is expected uses the cell of that range in the formula's own row or column;
an array formula goes element by element."""

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

from xlcc.engine import Model
from xlcc.engine.intersect import intersect_plain


@pytest.mark.parametrize("formula, rewritten", [
    ("ROUND(B:B,0)", "ROUND(@B:B,0)"),
    ("ROUND(A1:A9*2,0)+SUM(A1:A9)", "ROUND(@A1:A9*2,0)+SUM(A1:A9)"),  # SUM takes ranges
    ("ROUND(SUM(A1:A9),0)", "ROUND(SUM(A1:A9),0)"),  # a nested call's own range
    ("SUMPRODUCT(ROUND(A1:A3,0))", "SUMPRODUCT(ROUND(A1:A3,0))"),  # array context
    ("ROUND(INDEX(A1:A3,2),0)", "ROUND(INDEX(A1:A3,2),0)"),
    ("IF(A1>0,HOUR('My S'!B2:B9),0)", "IF(A1>0,HOUR(@'My S'!B2:B9),0)"),
    ("DATE(C3,D3,E3:H3)", "DATE(C3,D3,@E3:H3)"),
    ("ROUNDUP(Sheet1!$C$2:$C$49/(1-$B$1),0)", "ROUNDUP(@Sheet1!$C$2:$C$49/(1-$B$1),0)"),
    ('ROUND("A1:A3",0)', 'ROUND("A1:A3",0)'), ("ABS({1,2;3,4})", "ABS({1,2;3,4})"),
    ("ROUND(A1,0)", "ROUND(A1,0)"), ("ROUND(2:2,0)", "ROUND(@2:2,0)"),
])
def test_ranges_in_scalar_positions_get_the_intersection_operator(formula, rewritten):
    assert intersect_plain(formula) == rewritten


def test_plain_formulas_intersect_and_array_formulas_go_element_by_element(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    for r, v in enumerate([1.4, 2.6, 3.5, 4.2, 5.5], start=1):
        ws[f"A{r}"] = v
    ws["B4"] = "=ROUND(A1:A5,0)"  # row 4: A4, as every Excel computes a plain formula
    ws["C1"] = ArrayFormula("C1:C3", "=ROUND(A1:A3,0)")  # Ctrl+Shift+Enter over C1:C3
    ws["D2"] = "=SUMPRODUCT(ROUND(A1:A5,0))"  # array context: element by element
    ws["E3"] = "=HOUR(A1:A5/24)"  # A3/24 is 3.5 hours
    path = tmp_path / "ii.xlsx"
    wb.save(path)
    m = Model(path)
    m.recalculate()
    assert m.get("S", "B4") == 4.0
    assert [m.get("S", f"C{r}") for r in (1, 2, 3)] == [1.0, 3.0, 4.0]
    assert m.get("S", "D2") == 1.0 + 3.0 + 4.0 + 4.0 + 6.0
    assert m.get("S", "E3") == 3.0


@pytest.mark.parametrize("formula, rewritten", [
    ("A1:A9*2", "@A1:A9*2"), ("-(B:B)+1", "-(@B:B)+1"), ("SUM(A1:A9)", "SUM(A1:A9)"),
    ("_XLFN.COVARIANCE.P(D26:F26,F26:H26)", "_XLFN.COVARIANCE.P(D26:F26,F26:H26)"),
    ("IF(A1,C1:C9)", "IF(A1,C1:C9)"),
])
def test_top_level_ranges_of_a_plain_formula(formula, rewritten):
    assert intersect_plain(formula, top=True) == rewritten


def test_a_plain_formula_shows_one_value_and_never_spills(tmp_path):
    """Excel shows a formula not entered as an array as one value: ranges an operator
    gets are intersected with the formula's row, an array result shows its first
    element (formulas' test.xlsx, CORE!K6 ={1,2;1,2} is 1 and CORE!J6 =J4:K5 is
    #VALUE!), and the neighbours keep their own values."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    for r in range(1, 6):
        ws[f"A{r}"] = float(r)
    ws["B3"] = "=A1:A5*2"
    ws["C1"] = "={1,2;3,4}"
    ws["D1"] = "=C2+1"  # C2 stays empty: C1 does not spill
    ws["E7"] = "=A1:B2"
    ws["F2"] = "=SEQUENCE(2)"  # an array built-in still spills
    path = tmp_path / "one.xlsx"
    wb.save(path)
    m = Model(path)
    m.recalculate()
    assert m.get("S", "B3") == 6.0
    assert m.get("S", "C1") == 1.0 and m.get("S", "C2") is None
    assert m.get("S", "D1") == 1.0
    assert m.get("S", "E7") == "#VALUE!"
    assert m.get("S", "F3") == 2.0
