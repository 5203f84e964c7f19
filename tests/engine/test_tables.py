"""Excel tables and structured references (xlcc.engine.tables), against Excel's values
as cached in pycel's excelcompiler.xlsx (sheet sref: Table1 over D1:F4 with a totals
row) and Excel's documented meaning of each specifier."""

import openpyxl
from openpyxl.worksheet.table import Table as XlTable

from xlcc.engine import Model
from xlcc.engine.tables import Table, this_row

T = Table("Plan", "S", 1, 2, 5, 4, ("Day", "Agents", "Hours"), True, True)


def test_this_row_becomes_the_rows_cells():
    assert this_row("Plan[[#This Row],[Agents]]*2", 3, 9, "S", [T]) == "'S'!$C$3*2"
    assert this_row("SUM(Plan[#This Row])", 2, 9, "S", [T]) == "SUM('S'!$B$2:$D$2)"
    assert this_row("SUM(Plan[[#This Row],[Agents]:[Hours]])", 4, 9, "S", [T]) == \
        "SUM('S'!$C$4:$D$4)"
    assert this_row("[@Hours]", 3, 3, "S", [T]) == "'S'!$D$3"      # inside the table
    assert this_row("Plan[@Hours]", 5, 9, "S", [T]) == "#VALUE!"   # the totals row
    assert this_row('"Plan[@Hours]"&[1]Sheet1!A1', 3, 3, "S", [T]) == '"Plan[@Hours]"&[1]Sheet1!A1'
    assert this_row("SUBTOTAL(109,[Hours])", 5, 4, "S", [T]) == "SUBTOTAL(109,Plan[Hours])"
    assert this_row("SUM(Plan[Agents])", 3, 9, "S", [T]) == "SUM(Plan[Agents])"


def test_workbook_with_a_table_evaluates_structured_references(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    rows = [("Day", "Agents", "Hours"), ("Mon", 10, 80), ("Tue", 12, 96), ("Wed", 8, 64)]
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row, 2):
            ws.cell(r, c, v)
    ws.add_table(XlTable(displayName="Plan", ref="B1:D4"))
    ws["F1"] = "=SUM(Plan[Agents])"
    ws["F2"] = "=Plan[[#This Row],[Hours]]/Plan[[#This Row],[Agents]]"
    ws["F3"] = "=ROWS(Plan[#All])"
    ws["F4"] = '=COUNTIF(Plan[Day],"T*")'
    path = tmp_path / "table.xlsx"
    wb.save(path)
    m = Model(path)
    m.recalculate()
    assert [m.get("S", c) for c in ("F1", "F2", "F3", "F4")] == [30.0, 8.0, 4.0, 1.0]
    assert m.tables[0].name == "Plan" and m.tables[0].columns == ("Day", "Agents", "Hours")
