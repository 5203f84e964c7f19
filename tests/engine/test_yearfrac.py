"""YEARFRAC checks its basis before its dates (xlcc.engine.yearfrac). Expected values
are Excel's, as cached in pycel's yearfrac.xlsx (rows 3-11) and formulas' test.xlsx."""

import openpyxl
import pytest

from xlcc.engine import Model
from xlcc.engine.yearfrac import basis_first


@pytest.mark.parametrize("basis, start, excel", [
    (-1, "=1/0", "#NUM!"),          # a bad basis wins over an error in the dates
    ("plugh", "=1/0", "#VALUE!"),
    (True, 1, "#VALUE!"),           # a logical in the basis cell is not 1
    ("=NA()", "=1/0", "#N/A"),      # the basis's own error comes first
    (0, 1, 0.5472222222222223),     # 30/360 from 1900-01-01 to 1900-07-18
    (4, 1, 0.5472222222222223),
    (5, 1, "#NUM!"),
    (None, 1, 0.5472222222222223),  # a blank basis is 0
    (3.9, 1, "=C3"),                # truncated: the same as basis 3
    (0, "=1/0", "#DIV/0!"),         # a good basis: the dates' error
])
def test_basis_is_checked_first(tmp_path, basis, start, excel):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws["A1"], ws["B1"] = basis, start
    ws["C1"] = "=YEARFRAC(B1,200,A1)"
    ws["C2"] = '=YEARFRAC(1,200,"3")'  # a text number typed as the basis is that number
    ws["C3"] = "=YEARFRAC(1,200,3)"
    wb.save(tmp_path / "y.xlsx")
    m = Model(tmp_path / "y.xlsx")
    m.recalculate()
    got = m.get("S", "C1")
    excel = m.get("S", "C3") if excel == "=C3" else excel
    assert got == pytest.approx(excel) if isinstance(excel, float) else got == excel
    assert isinstance(m.get("S", "C3"), float) and m.get("S", "C2") == m.get("S", "C3")


def test_only_a_cell_or_a_typed_basis_is_rewritten():
    assert basis_first("YEARFRAC(A1,B1)") == "YEARFRAC(A1,B1)"
    assert basis_first("YEARFRAC(A1,B1,C1+1)") == "YEARFRAC(A1,B1,C1+1)"
    assert basis_first("YEARFRAC(A1,B1,TRUE)") == "YEARFRAC(A1,B1,TRUE)"
    assert basis_first("YEARFRAC(A1,B1,C1:C2)") == "YEARFRAC(A1,B1,C1:C2)"
    new = basis_first("1+YEARFRAC(A1,B1,$C$1)")
    assert new.startswith("1+IF(ISERROR($C$1),$C$1,") and new.endswith(
        "YEARFRAC(A1,B1,TRUNC(--($C$1))))))")
