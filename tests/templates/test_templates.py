"""The template workbooks: current with their builder, recalculated by the headless
engine to the values the Python API gives, well-formed, and readable by LibreOffice.

Oracles: the Python API (xlcc.erlang, xlcc.kpi, xlcc.roster), numpy's business-day
count for working days, and sums recomputed here from the workbooks' own inputs.
"""

import datetime as dt
import math
import os
from importlib import resources

import numpy as np
import openpyxl
import pytest
from openpyxl.utils import range_boundaries

from xlcc.erlang import erlang_a, staffing
from xlcc.kpi.acd import read_export, summarise
from xlcc.roster.design import DesignWeights, design_fixed_shifts
from xlcc.templates import TEMPLATES, build_all, paths, preview

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FOLDER = os.path.join(ROOT, "templates")
_INPUT = "FFFFF2CC"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    folder = tmp_path_factory.mktemp("templates")
    build_all(str(folder))
    return str(folder)


def _book(path, values=True):
    return openpyxl.load_workbook(path, data_only=values)


def _cells(ws):
    return {(c.row, c.column): c for row in ws.iter_rows() for c in row if c.value is not None}


@pytest.mark.parametrize("key, lang, path", paths(FOLDER))
def test_committed_template_is_current(fresh, key, lang, path):
    """Every sheet, formula, input, number format, validation, conditional format and
    print setting of templates/*.xlsx is what the builder makes today (cached values
    aside: ROSTER_DESIGN may pick another of several optimal designs)."""
    assert os.path.exists(path), f"{path} missing: run `xlcc templates`"
    old, new = _book(path, values=False), _book(os.path.join(fresh, os.path.basename(path)),
                                                values=False)
    assert old.sheetnames == new.sheetnames
    for a, b in zip(old.worksheets, new.worksheets):
        ca, cb = _cells(a), _cells(b)
        assert ca.keys() == cb.keys(), f"{a.title}: cells differ; run `xlcc templates`"
        # the other cells of an array formula's range hold its cached values
        cached = set()
        for c in ca.values():
            if hasattr(c.value, "text"):
                c1, r1, c2, r2 = range_boundaries(c.value.ref)
                cached |= {(r, cc) for r in range(r1, r2 + 1) for cc in range(c1, c2 + 1)}
                cached.discard((c.row, c.column))
        for k, c in ca.items():
            v, w = c.value, cb[k].value
            if k in cached:
                v = w = None
            if hasattr(v, "text"):  # array formulas
                v, w = (v.ref, v.text), (w.ref, w.text)
            assert v == w and c.number_format == cb[k].number_format, \
                f"{a.title}!{c.coordinate}: {v!r} != {w!r}; run `xlcc templates`"
        assert [str(d.sqref) for d in a.data_validations.dataValidation] == \
            [str(d.sqref) for d in b.data_validations.dataValidation]
        assert [str(r.sqref) for r in a.conditional_formatting] == \
            [str(r.sqref) for r in b.conditional_formatting]
        assert a.print_area == b.print_area and a.freeze_panes == b.freeze_panes


@pytest.mark.parametrize("key, lang, path", paths(FOLDER))
def test_templates_are_filled_examples_without_hard_coded_results(key, lang, path):
    """Inputs are styled; numbers outside the first column are inputs or formulas (the
    data sheet of the indicators, an ACD export, is all input); every template has
    drop-downs or number rules on its inputs, frozen headers and print areas."""
    wb = _book(path, values=False)
    validations = sum(len(ws.data_validations.dataValidation) for ws in wb.worksheets)
    assert validations >= 3
    inputs = 0
    for ws in wb.worksheets:
        spilled = set()  # cells of array formulas hold their values as Excel stores them
        for ref in ws.array_formulae.values():
            for row in ws[ref]:
                spilled.update(c.coordinate for c in (row if isinstance(row, tuple) else (row,)))
        for c in _cells(ws).values():
            if c.coordinate in spilled:
                continue
            entry = c.fill is not None and str(c.fill.fgColor.rgb)[-6:] == _INPUT[-6:]
            inputs += entry
            data_sheet = ws.title in ("Data", "Datos")
            if isinstance(c.value, (int, float)) and not isinstance(c.value, bool) \
                    and c.column > 1 and not entry and not data_sheet:
                raise AssertionError(f"{path} {ws.title}!{c.coordinate} = {c.value!r} is a "
                                     f"number that is neither an input nor a formula")
        if ws.max_row > 20 and ws.title not in ("requirements", "requerimientos"):
            assert ws.freeze_panes, f"{ws.title} has no frozen header"
    assert inputs >= 20
    main = wb.worksheets[0]
    assert main.print_area and main.page_setup.orientation in ("landscape", "portrait")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_checklist_summary_counts_the_items(lang):
    wb = _book(os.path.join(FOLDER, TEMPLATES["checklist"].NAMES[lang]))
    check, summary = wb.worksheets[0], wb.worksheets[1]
    done, na = ("Done", "Not applicable") if lang == "en" else ("Hecho", "No aplica")
    report_date = check["C5"].value
    items = [r for r in check.iter_rows(min_row=8, values_only=True) if r[0]]
    rows = {r[0]: r for r in summary.iter_rows(min_row=5, max_row=12, values_only=True)}
    total = [r for r in items if r[5] != na]
    for area, n, n_done, late, pct, _ in list(rows.values())[:-1]:
        mine = [r for r in total if r[1] == area]
        assert n == len(mine) and n_done == sum(r[5] == done for r in mine)
        assert late == sum(r[5] not in (done, na) and r[4] < report_date
                           for r in items if r[1] == area)
        assert pct == pytest.approx(n_done / n)
    overall = list(rows.values())[-1]
    assert overall[1] == len(total) and overall[4] == pytest.approx(
        sum(r[5] == done for r in total) / len(total))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_schedule_working_days_and_weekly_staffing(lang):
    wb = _book(os.path.join(FOLDER, TEMPLATES["schedule"].NAMES[lang]))
    ws, hol = wb.worksheets[0], wb.worksheets[1]
    holidays = [c[0].date() for c in hol.iter_rows(min_row=4, max_col=1, values_only=True)
                if c[0]]
    rows = [r for r in ws.iter_rows(min_row=15, max_row=25, values_only=True) if r[0]]
    assert len(rows) == len(TEMPLATES["schedule"].ACTIVITIES)
    for r in rows:
        start, end = r[4].date(), r[5].date()
        assert r[6] == np.busday_count(start, end + dt.timedelta(days=1), holidays=holidays)
    aht, sl, answer, interval, shrink = (ws[c].value for c in ("C9", "C7", "C8", "C10", "C11"))
    for col in range(10, 26):
        calls, hours = ws.cell(29, col).value, ws.cell(30, col).value
        per_interval = calls / (hours * 60 / interval) if hours else 0
        assert ws.cell(31, col).value == pytest.approx(per_interval)
        need = float(staffing.agents_for_service_level(per_interval * aht / (interval * 60),
                                                       aht, answer, sl))
        assert ws.cell(32, col).value == need
        assert ws.cell(33, col).value == math.ceil(round(need / (1 - shrink), 9))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_indicators_match_the_kpi_api(lang):
    wb = _book(os.path.join(FOLDER, TEMPLATES["indicators"].NAMES[lang]))
    daily = wb.worksheets[0]
    export = read_export(str(resources.files("xlcc.examples").joinpath("acd_export.csv")))
    days = {(s["queue"], s["period"]): s for s in summarise(export, level="day")}
    rows = [r for r in daily.iter_rows(min_row=8, values_only=True)
            if isinstance(r[0], dt.datetime)]
    inbound, outbound = rows[:6], rows[6:]
    assert len(outbound) == 6
    for r in inbound:
        s = days[("Servicio al cliente", r[0].date())]
        assert r[1] == s["offered"] and r[3] == s["answered_within"]
        assert r[10] == pytest.approx(s["service_level"], rel=1e-12)
        assert r[11] == pytest.approx(s["abandon_rate"], rel=1e-12)
        assert r[12] == pytest.approx(s["asa_s"], rel=1e-9)
        assert r[13] == pytest.approx(s["aht_s"], rel=1e-9)
    for r in outbound:
        s = days[("Ventas salientes", r[0].date())]
        assert r[1] == s["dialed"]
        assert r[5] == pytest.approx(s["contact_rate"], rel=1e-12)
        assert r[8] == pytest.approx(s["conversion"], rel=1e-12)
    lights = [v for r in daily.iter_rows(min_row=8, max_row=14, min_col=15, max_col=18,
                                         values_only=True) for v in r]
    assert set(lights) <= {1, 0, -1} and {1, -1} <= set(lights)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_roster_staffing_design_and_coverage(lang):
    mod = TEMPLATES["roster"]
    wb = _book(os.path.join(FOLDER, mod.NAMES[lang]))
    par, fc, st = wb.worksheets[0], wb.worksheets[1], wb.worksheets[2]
    sl, answer, aht, patience, shrink, interval = (par[f"C{r}"].value for r in range(4, 10))
    calls = np.array([[c for c in r] for r in fc.iter_rows(min_row=5, max_row=52, min_col=2,
                                                           max_col=8, values_only=True)], float)
    traffic = calls * aht / (interval * 60)
    erlang_c = np.array(list(st.iter_rows(min_row=5, max_row=52, min_col=2, max_col=8,
                                          values_only=True)), float)
    assert np.array_equal(erlang_c, staffing.agents_for_service_level(traffic, aht, answer, sl))
    erlang_a_block = np.array(list(st.iter_rows(min_row=5, max_row=52, min_col=10, max_col=16,
                                                values_only=True)), float)
    assert np.array_equal(erlang_a_block, erlang_a.erlang_a_agents_for_service_level(
        traffic, aht, patience, answer, sl))
    need = np.array(list(st.iter_rows(min_row=5, max_row=52, min_col=18, max_col=24,
                                      values_only=True)), float)
    assert np.array_equal(need, np.ceil(np.round(erlang_c / (1 - shrink), 9)))
    design = wb["Design" if lang == "en" else "Diseño"]
    n = len(mod.SHIFTS)
    counts = np.array(list(design.iter_rows(min_row=5, max_row=4 + n, min_col=3, max_col=9,
                                            values_only=True)), float)
    start = np.array([s[2] * 60.0 for s in mod.SHIFTS])
    length = np.array([s[3] * 60.0 for s in mod.SHIFTS])
    cover = np.zeros((48, 7))  # brute force: each agent present from start to end
    for j in range(n):
        for d in range(7):
            first = int(start[j] // interval)
            for k in range(int(length[j] // interval)):
                slot = d * 48 + first + k
                cover[slot % 48, (slot // 48) % 7] += counts[j, d]
    cov_ws = wb["Coverage" if lang == "en" else "Cobertura"]
    shown = np.array(list(cov_ws.iter_rows(min_row=5, max_row=52, min_col=2, max_col=8,
                                           values_only=True)), float)
    assert np.array_equal(shown, cover)
    # the design is optimal: the Python API reaches the same objective
    _, info = design_fixed_shifts(need.T, start, length, interval, time_limit_s=30,
                                  weights=DesignWeights(under=4.0, over=1.0))
    under = np.maximum(need - cover, 0).sum() * interval / 60
    over = np.maximum(cover - need, 0).sum() * interval / 60
    assert 4 * under + over == pytest.approx(info.objective, abs=1e-6)
    figures = [r[2] for r in cov_ws.iter_rows(min_row=54, max_row=60, values_only=True)]
    assert figures[0] == pytest.approx(need.sum() * interval / 60)
    assert figures[2] == pytest.approx(under) and figures[3] == pytest.approx(over)
    within = ((need > 0) & (np.abs(cover - need) <= 0.1 * need)).sum() / (need > 0).sum()
    assert figures[4] == pytest.approx(within)
    assert figures[5] == pytest.approx((counts.sum(axis=1) * length / 60).sum())


@pytest.mark.skipif(not preview.available(), reason="LibreOffice or pdftoppm not installed")
@pytest.mark.parametrize("key, lang, path", paths(FOLDER))
def test_libreoffice_renders_each_template(tmp_path, key, lang, path):
    pdf = preview.to_pdf(path, tmp_path)
    assert preview.pdf_pages(pdf) >= 1
    png = preview.render_png(pdf, 1, str(tmp_path / "p.png"), width=300)
    assert os.path.getsize(png) > 2000
