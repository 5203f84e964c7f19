"""The headless engine on the bundled planning workbook and on small hand-made ones.

Oracles: mpmath Erlang C (tests/erlang/oracles.py) for the xlcc cells, the Python
API for "engine value == API value", Excel's documented behaviour for built-ins,
and the input file's own bytes for losslessness.
"""

import shutil
import zipfile
from importlib import resources

import openpyxl
import pytest

from tests.erlang.oracles import service_level_mp
from xlcc.engine import Model
from xlcc.engine.recalc import parse_assignment, recalc_file
from xlcc.erlang import erlang_a, staffing

EXAMPLE = str(resources.files("xlcc.examples").joinpath("planning_4weeks.xlsx"))


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    out = tmp_path_factory.mktemp("recalc") / "plan.xlsx"
    report = recalc_file(EXAMPLE, str(out))
    assert report.ok, report.error
    return report, out


def test_every_xlcc_cell_equals_the_python_api(planned):
    _, out = planned
    ws = openpyxl.load_workbook(out, data_only=True)["Staffing"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    calls = [r[1] for r in rows]
    traffic = [c * 240 / 1800 for c in calls]
    want_c = staffing.agents_for_service_level(traffic, 240, 20, 0.8)
    want_a = erlang_a.erlang_a_agents_for_service_level(traffic, 240, 90, 20, 0.8)
    assert [r[2] for r in rows] == list(want_c)
    assert [r[4] for r in rows] == list(want_a)
    abandon = erlang_a.erlang_a_abandon_probability([r[4] for r in rows], traffic, 240, 90)
    assert [r[5] for r in rows] == pytest.approx(list(abandon), rel=1e-12)
    # scheduled = ROUNDUP(agents / (1 - 0.3), 0) at Excel's 15 digits
    for r in rows[:200]:
        assert r[6] == -(-round(r[4] / 0.7, 9) // 1)


def test_service_level_cells_match_mpmath(planned):
    _, out = planned
    ws = openpyxl.load_workbook(out, data_only=True)["Staffing"]
    for r in list(ws.iter_rows(min_row=2, values_only=True))[::97]:
        n, calls, sl = r[2], r[1], r[3]
        assert sl == pytest.approx(float(service_level_mp(n, calls * 240 / 1800, 240, 20)),
                                   rel=1e-10, abs=1e-12)


def test_summaries_follow_the_interval_values(planned):
    report, out = planned
    wb = openpyxl.load_workbook(out, data_only=True)
    staff = list(wb["Staffing"].iter_rows(min_row=2, values_only=True))
    daily = list(wb["Daily"].iter_rows(min_row=2, values_only=True))
    assert report.formulas == 8312 and not report.errors and not report.unsupported
    assert daily[0][1] == "Monday" and daily[5][1] == "Saturday"
    day0 = staff[:48]
    assert daily[0][2] == sum(r[1] for r in day0)
    assert daily[0][5] == max(r[6] for r in day0)
    assert daily[0][4] == pytest.approx(sum(r[1] * r[3] for r in day0) / daily[0][2])
    assert daily[0][7] == sum(1 for r in day0 if r[3] < 0.8)


def test_write_back_is_lossless(planned):
    _, out = planned
    src, dst = zipfile.ZipFile(EXAMPLE), zipfile.ZipFile(out)
    assert [i.filename for i in src.infolist()] == [i.filename for i in dst.infolist()]
    changed = {n for n in src.namelist() if src.read(n) != dst.read(n)}
    assert changed <= {f"xl/worksheets/sheet{i}.xml" for i in range(1, 6)}
    for name in changed:  # outside <sheetData> every byte is the original's
        a, b = src.read(name), dst.read(name)
        assert a[:a.index(b"<sheetData")] == b[:b.index(b"<sheetData")]
        assert a[a.rindex(b"</sheetData>"):] == b[b.rindex(b"</sheetData>"):]
    f_in = openpyxl.load_workbook(EXAMPLE)
    f_out = openpyxl.load_workbook(out)
    for ws in f_in.worksheets:
        other = f_out[ws.title]
        for row in ws.iter_rows():
            for c in row:
                assert other[c.coordinate].value == c.value
                assert other[c.coordinate].number_format == c.number_format
    assert f_out["Staffing"].freeze_panes == "A2"


def test_what_if_api_recalculates_only_what_changed():
    m = Model(EXAMPLE)
    m.recalculate()
    before = m.get("Staffing", "C20")
    m.set("Forecast", "C20", 400)
    seconds = m.recalculate()
    traffic = 400 * 240 / 1800
    assert m.get("Staffing", "C20") == float(staffing.agents_for_service_level(traffic, 240, 20,
                                                                               0.8))
    assert m.get("Staffing", "C20") > before
    assert m.get("Daily", "C2") == sum(v[0] for v in m.values("Staffing", "B2:B49"))
    m.set("Inputs", "B3", 300)  # AHT for every interval
    m.recalculate()
    assert m.get("Staffing", "C20") == float(staffing.agents_for_service_level(
        400 * 300 / 1800, 300, 20, 0.8))
    assert seconds < 5  # sanity only; the timing claim lives in benchmarks/recalc_bench.py


def test_set_assignments_and_bad_targets(tmp_path):
    out = tmp_path / "o.xlsx"
    report = recalc_file(EXAMPLE, str(out), [parse_assignment("Inputs!B1=0.9")])
    assert report.ok
    ws = openpyxl.load_workbook(out, data_only=True)["Staffing"]
    assert ws["C20"].value == float(staffing.agents_for_service_level(
        ws["B20"].value * 240 / 1800, 240, 20, 0.9))
    bad = recalc_file(EXAMPLE, "", [("Nope", "A1", 1.0)])
    assert not bad.ok and "no worksheet named 'Nope'" in bad.error
    with pytest.raises(ValueError, match="SHEET!CELL=VALUE"):
        parse_assignment("B2=3")
    assert parse_assignment("'My sheet'!B2=TRUE") == ("My sheet", "B2", True)
    assert parse_assignment("S!B2=") == ("S", "B2", None)
    assert parse_assignment("S!B2=abc") == ("S", "B2", "abc")


def _book(tmp_path, name="t.xlsx", **cells):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    for ref, value in cells.items():
        ws[ref] = value
    path = tmp_path / name
    wb.save(path)
    return path


def test_range_call_spills_as_a_dynamic_array(tmp_path):
    path = _book(tmp_path, A1=100, A2=200, A3=None, A4=300,
                 C1="=ERLANGC_AGENTS(A1:A4,180,0.8,20)", E1="=SUM(C1:C4)")
    out = tmp_path / "o.xlsx"
    assert recalc_file(str(path), str(out)).ok
    want = [float(staffing.agents_for_service_level(c * 180 / 1800, 180, 20, 0.8))
            for c in (100, 200)]
    ws = openpyxl.load_workbook(out, data_only=True).active
    assert [ws["C1"].value, ws["C2"].value, ws["C3"].value] == want + [None]
    assert ws["E1"].value == sum(want) + float(staffing.agents_for_service_level(
        300 * 180 / 1800, 180, 20, 0.8))
    z = zipfile.ZipFile(out)
    sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert '<c r="C1" cm="1"><f t="array" ref="C1:C4">' in sheet
    assert "XLDAPR" in z.read("xl/metadata.xml").decode()
    assert "sheetMetadata" in z.read("xl/_rels/workbook.xml.rels").decode()
    assert "/xl/metadata.xml" in z.read("[Content_Types].xml").decode()


def test_xlcc_errors_are_real_error_values(tmp_path):
    path = _book(tmp_path, A1="=ERLANGC_AGENTS(100,180,150,20)", A2="=ERLANGC_AGENTS(\"x\",180,0.8,20)",
                 A3="=ISERROR(A1)", A4="=IFERROR(ERLANGC_AGENTS(100,-1,0.8,20),-1)")
    m = Model(path)
    m.recalculate()
    assert [m.get("S", c) for c in ("A1", "A2", "A3", "A4")] == ["#NUM!", "#VALUE!", True, -1.0]


def test_circular_reference_without_iteration_is_reported(tmp_path):
    path = _book(tmp_path, A1="=B1+1", B1="=A1/2", C1=5)
    report = recalc_file(str(path), str(tmp_path / "o.xlsx"))
    assert report.ok and sorted(report.cycles) == ["S!A1", "S!B1"]
    ws = openpyxl.load_workbook(tmp_path / "o.xlsx", data_only=True).active
    assert ws["A1"].value == 0 and ws["B1"].value == 0  # what Excel stores


def test_circular_reference_with_iteration_converges(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws["A1"], ws["B1"] = "=B1/2+1", "=A1"
    wb.calculation.iterate = True
    wb.calculation.iterateCount = 200
    wb.calculation.iterateDelta = 1e-9
    wb.save(tmp_path / "it.xlsx")
    m = Model(tmp_path / "it.xlsx")
    m.recalculate()
    assert m.get("S", "A1") == pytest.approx(2.0, abs=1e-6)


def test_unknown_function_is_name_error_and_listed(tmp_path):
    report = recalc_file(str(_book(tmp_path, A1="=NOSUCHFUNC(1)", A2="=A1+1")), "")
    assert report.ok and report.unsupported == ["NOSUCHFUNC"]
    assert report.errors == {"#NAME?": 2}


def test_macros_are_kept_byte_for_byte(tmp_path):
    src = _book(tmp_path, A1=2, B1="=A1*3")
    xlsm = tmp_path / "m.xlsm"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(xlsm, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info.filename))
        zout.writestr("xl/vbaProject.bin", b"\x00VBA-bytes\x01" * 100)
    out = tmp_path / "o.xlsm"
    report = recalc_file(str(xlsm), str(out))
    assert report.ok and "macros kept unchanged, not run" in report.notes
    assert zipfile.ZipFile(out).read("xl/vbaProject.bin") == b"\x00VBA-bytes\x01" * 100
    assert openpyxl.load_workbook(out, data_only=True).active["B1"].value == 6


def test_in_place_replaces_atomically(tmp_path):
    path = tmp_path / "p.xlsx"
    shutil.copy(EXAMPLE, path)
    report = recalc_file(str(path), str(path), [("Inputs", "B3", 200.0)])
    assert report.ok
    ws = openpyxl.load_workbook(path, data_only=True)["Staffing"]
    assert ws["C2"].value is not None
    assert [p.name for p in tmp_path.iterdir()] == ["p.xlsx"]  # no temporary left behind


def _edit_sheet(src, dest, edit):
    """A copy of workbook ``src`` at ``dest`` with its first sheet's XML passed through
    ``edit`` (bytes -> bytes)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = edit(data)
            zout.writestr(info.filename, data)
    return dest


def test_unusual_sheet_xml_takes_the_element_tree_path(tmp_path):
    """A part the byte scanner declines (here: CDATA in a comment) is read and written
    through the element tree with the same result."""
    src = _book(tmp_path, A1=2, B1="=A1*21", C1="=ERLANGC_AGENTS(100,180,0.8,20)")
    odd = _edit_sheet(src, tmp_path / "odd.xlsx", lambda data: data.replace(
        b"<sheetData>", b"<!--<![CDATA[ x ]]>--><sheetData>"))
    out = tmp_path / "o.xlsx"
    assert recalc_file(str(odd), str(out)).ok
    ws = openpyxl.load_workbook(out, data_only=True).active
    assert ws["B1"].value == 42 and ws["C1"].value == 14
    assert b"<![CDATA[ x ]]>" in zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml")


def test_cells_with_the_address_not_first_are_patched_too(tmp_path):
    """Excel writes ``<c r="A1" ...>``; a generator that puts ``s`` or ``t`` before ``r``
    takes the any-order path, with the same values and every other byte kept."""
    src = _book(tmp_path, A1=2, B1="=A1*21", C1="=A1&\"x\"")
    odd = _edit_sheet(src, tmp_path / "order.xlsx",
                      lambda data: data.replace(b'<c r="C1"', b'<c s="0" r="C1"', 1))
    assert b'<c s="0" r="C1"' in zipfile.ZipFile(odd).read("xl/worksheets/sheet1.xml")
    out = tmp_path / "o.xlsx"
    assert recalc_file(str(odd), str(out)).ok
    ws = openpyxl.load_workbook(out, data_only=True).active
    assert ws["B1"].value == 42 and ws["C1"].value == "2x"
    assert b'<c s="0" r="C1" t="str">' in zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml")


def test_cached_values_of_every_type_read_back(tmp_path):
    """Numbers (integral and not), text with XML's special characters, booleans, errors
    and a formula giving a blank (0 in Excel) are written so that a reader that does not
    recalculate sees them."""
    src = _book(tmp_path, A1=2, B1="=A1/4", C1='=A1&"<&>"', D1="=A1>1", E1="=1/0",
                F1="=A1*1e20", G1="=Z99")
    out = tmp_path / "o.xlsx"
    assert recalc_file(str(src), str(out)).ok
    ws = openpyxl.load_workbook(out, data_only=True).active
    assert [ws[c].value for c in ("B1", "C1", "D1", "E1", "F1", "G1")] == \
        [0.5, "2<&>", True, "#DIV/0!", 2e20, 0]
    assert openpyxl.load_workbook(out).active["C1"].value == '=A1&"<&>"'


def test_a_cached_value_with_attributes_is_read_and_replaced(tmp_path):
    """Excel writes ``<v xml:space="preserve">`` for a text with edge spaces (fixture
    CONCAT.xlsx A6): the old value is read and replaced, never left beside the new one."""
    src = _book(tmp_path, A1=2, B1='=A1&" x "')
    odd = _edit_sheet(src, tmp_path / "space.xlsx", lambda data: data.replace(
        b'<f>A1&amp;" x "</f>', b'<f>A1&amp;" x "</f><v xml:space="preserve"> old </v>', 1))
    sheet = zipfile.ZipFile(odd).read("xl/worksheets/sheet1.xml")
    assert b'<v xml:space="preserve"> old </v>' in sheet
    assert Model(str(odd)).formulas[next(iter(Model(str(odd)).formulas))][0].cached == " old "
    out = tmp_path / "o.xlsx"
    assert recalc_file(str(odd), str(out)).ok
    written = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml")
    assert written.count(b"<v") == 2 and b" old " not in written  # A1's and B1's
    assert openpyxl.load_workbook(out, data_only=True).active["B1"].value == "2 x "


def test_the_garbage_collector_is_off_only_while_a_file_is_done(tmp_path, monkeypatch):
    import gc

    from xlcc.engine import recalc

    from xlcc.engine import model as model_module

    seen = []

    original = model_module.Model.recalculate

    def spy(self):
        seen.append(gc.isenabled())
        return original(self)

    monkeypatch.setattr(model_module.Model, "recalculate", spy)
    src = tmp_path / "plan.xlsx"
    shutil.copy(EXAMPLE, src)
    assert gc.isenabled()
    report = recalc_file(src, tmp_path / "one.xlsx")
    assert report.ok and seen == [False] and gc.isenabled()
    # a batch: collected and restored between files, the same values as one by one
    monkeypatch.setattr(recalc, "_frozen", False)
    try:
        reports = list(recalc.recalc_batch([str(src), str(src)], out=str(tmp_path / "out")))
    finally:
        gc.unfreeze()  # the batch froze this test session's objects
    assert [r.ok for r in reports] == [True, True] and seen == [False] * 3
    assert gc.isenabled()
    one = openpyxl.load_workbook(tmp_path / "one.xlsx", data_only=True)["Staffing"]
    two = openpyxl.load_workbook(tmp_path / "out" / "plan.xlsx", data_only=True)["Staffing"]
    assert [c.value for c in one["C"]] == [c.value for c in two["C"]]
