"""VLOOKUP/HLOOKUP of an error value give that error (Excel), through the engine."""

import openpyxl
import pytest

from xlcc.engine import Model
from xlcc.engine.lookup_errors import propagate_lookup_errors
from xlcc.engine.recalc import recalc_file


@pytest.mark.parametrize("formula, rewritten", [
    ("VLOOKUP(J$3,$C$5:$E$9,1)", "IF(ISERROR(J$3),J$3,VLOOKUP(J$3,$C$5:$E$9,1))"),
    ("SUM(1,HLOOKUP('My sheet'!$A$1,T,2,0))",
     "SUM(1,IF(ISERROR('My sheet'!$A$1),'My sheet'!$A$1,HLOOKUP('My sheet'!$A$1,T,2,0)))"),
    ("HLOOKUP(A1,B1:C9,VLOOKUP(B2,X:Y,2,0),0)",
     "IF(ISERROR(A1),A1,HLOOKUP(A1,B1:C9,IF(ISERROR(B2),B2,VLOOKUP(B2,X:Y,2,0)),0))"),
    ('"VLOOKUP(A1,B:C,2)"&A1', '"VLOOKUP(A1,B:C,2)"&A1'),  # inside a text: not a call
    ("VLOOKUP(A1+1,B:C,2)", "VLOOKUP(A1+1,B:C,2)"),  # an expression: left alone
    ("XVLOOKUP(A1,B:C)", "XVLOOKUP(A1,B:C)"), ("VLOOKUP(A1,B:C", "VLOOKUP(A1,B:C"),
])
def test_rewrite(formula, rewritten):
    assert propagate_lookup_errors(formula) == rewritten


def test_lookup_of_an_error_value_is_that_error(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    for r, (k, v) in enumerate([(1, "one"), (2, "two"), (3, "three")], start=1):
        ws.cell(r, 1, k)
        ws.cell(r, 2, v)
    ws["D1"] = "=1/0"
    ws["D2"] = 2
    ws["E1"] = "=VLOOKUP(D1,A1:B3,2,FALSE)"
    ws["E2"] = "=VLOOKUP(D2,A1:B3,2,FALSE)"
    ws["E3"] = "=VLOOKUP(9,A1:B3,2,FALSE)"
    ws["E4"] = "=HLOOKUP(D1,A1:B3,2,FALSE)"
    ws["E5"] = "=IFERROR(VLOOKUP(D1,A1:B3,2,FALSE),\"none\")"
    src = tmp_path / "l.xlsx"
    wb.save(src)
    m = Model(src)
    m.recalculate()
    assert [m.get("S", f"E{r}") for r in range(1, 6)] == ["#DIV/0!", "two", "#N/A", "#DIV/0!",
                                                          "none"]
    out = tmp_path / "o.xlsx"
    assert recalc_file(str(src), str(out)).ok
    assert openpyxl.load_workbook(out)["S"]["E1"].value == "=VLOOKUP(D1,A1:B3,2,FALSE)"
