"""Simple xlcc calls computed before the first pass (xlcc.engine.prefill).

The oracle is the engine without the prefill (the batch-and-re-evaluate path) and,
for the values, the Python API: the prefill may only save passes, never change a value.
"""

import re
import zipfile
from importlib import resources

import openpyxl
import pytest

from xlcc.engine import Model, model as model_module
from xlcc.engine.recalc import recalc_file
from xlcc.erlang import service_level, staffing

EXAMPLE = str(resources.files("xlcc.examples").joinpath("planning_4weeks.xlsx"))


def _values(path, prefill=True, monkeypatch=None):
    if not prefill:
        monkeypatch.setattr(model_module, "prefill", lambda model, calls_xlcc: 0)
    m = Model(path)
    m.recalculate()
    values = {(r.sheet, r.row, r.col): (r.value, r.spilled) for r in m.results()}
    if not prefill:
        monkeypatch.undo()
    return m, values


def test_the_bundled_workbook_is_calculated_in_one_pass(monkeypatch):
    fast, with_prefill = _values(EXAMPLE)
    slow, without = _values(EXAMPLE, prefill=False, monkeypatch=monkeypatch)
    assert fast.passes == 1 and fast.prefilled_calls > 400
    assert slow.passes == 3 and slow.prefilled_calls == 0
    assert with_prefill == without


def _shared(path, sheet_part, column, first, last):
    """Rewrite the formulas of ``column`` rows first..last as one shared formula."""
    tmp = path.with_suffix(".tmp.xlsx")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == sheet_part:
                text = data.decode()
                for row in range(first, last + 1):
                    cell = re.search(f'<c r="{column}{row}"[^>]*>.*?</c>', text).group(0)
                    formula = re.search(r"<f>(.*?)</f>", cell).group(1)
                    ref = f"{column}{first}:{column}{last}"
                    new = (f'<f t="shared" ref="{ref}" si="0">{formula}</f>'
                           if row == first else '<f t="shared" si="0"/>')
                    text = text.replace(cell, cell.replace(f"<f>{formula}</f>", new))
                data = text.encode()
            zout.writestr(info, data)
    tmp.replace(path)


def test_shared_formulas_quoted_sheets_chains_and_odd_inputs(tmp_path, monkeypatch):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    params = wb.create_sheet("My Sheet")
    params["B1"] = 180
    ws["E1"] = 0.8
    calls = [100, 250, None, "x", 40]
    for row, value in enumerate(calls, start=2):
        ws[f"A{row}"] = value
        ws[f"C{row}"] = f"=ERLANGC_AGENTS(A{row},'My Sheet'!$B$1,$E$1,20)"  # becomes shared
        ws[f"F{row}"] = f"=C{row}"  # a bare reference ...
        ws[f"G{row}"] = f"=ERLANGC_SL(F{row},A{row}+0,180,20)"  # ... into a non-simple call
        ws[f"H{row}"] = f"=ERLANGC_SL(F{row},10,180,20)"  # ... into a simple one (1 Erlang)
        ws[f"I{row}"] = f'=ERLANGC_AGENTS(A{row},180,0.8,20,30,TRUE,"0")'
    path = tmp_path / "shared.xlsx"
    wb.save(path)
    _shared(path, "xl/worksheets/sheet1.xml", "C", 2, 6)
    sheet = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert '<f t="shared" si="0"/>' in sheet

    fast, with_prefill = _values(path)
    slow, without = _values(path, prefill=False, monkeypatch=monkeypatch)
    assert with_prefill == without
    assert fast.prefilled_calls >= 6 and fast.passes < slow.passes

    def value(col, row):
        return with_prefill[("S", row, col)][0]

    for row, c in enumerate(calls, start=2):
        if isinstance(c, (int, float)):
            agents = float(staffing.agents_for_service_level(c * 180 / 1800, 180, 20, 0.8))
            assert value(3, row) == agents
            assert value(8, row) == float(service_level(agents, 1.0, 180, 20))
            assert value(7, row) == pytest.approx(
                float(service_level(agents, c * 180 / 1800, 180, 20)), rel=1e-15)
    assert value(3, 4) == ""  # a blank input gives a blank result, as in the add-in
    assert value(3, 5) == "#VALUE!"  # text


def test_a_guess_into_a_spill_range_is_harmless(tmp_path):
    """C2 has no formula in the file (the spill of C1 fills it), so the prefill guesses
    it blank; the engine then passes the spilled value, and that call is computed."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    for ref, value in {"A1": 100, "A2": 200, "A3": 300,
                       "C1": "=ERLANGC_AGENTS(A1:A3,180,0.8,20)",
                       "E2": "=ERLANGC_SL(C2,20,180,20)"}.items():
        ws[ref] = value
    path = tmp_path / "spill.xlsx"
    wb.save(path)
    out = tmp_path / "o.xlsx"
    assert recalc_file(str(path), str(out)).ok
    got = openpyxl.load_workbook(out, data_only=True).active
    agents = float(staffing.agents_for_service_level(20, 180, 20, 0.8))
    assert got["C2"].value == agents
    assert got["E2"].value == float(service_level(agents, 2.0, 180, 20))
