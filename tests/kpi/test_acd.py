import datetime as dt

import openpyxl
import pytest

from xlcc._validate import ArgumentError
from xlcc.cli import main
from xlcc.kpi import acd

MESSY = """\ufeffInicio intervalo;Cola;Ofrecidas;Atendidas;Atendidas en umbral;Abandonadas;Espera total;Tiempo conversación;Retención;Posllamada

02/11/2026 08:00;Soporte;10;9;9;1;00:01:30;0:27:00;0:01:30;1.500,5
02/11/2026 08:30;Soporte;300;280;180;20;01:10:00;14:00:00;0:20:00;2:20:00

02/11/2026 09:00;Soporte;50;48;45;2;00:04:00;2:24:00;0:00:00;0:24:00
02/11/2026 09:30;Soporte;40;45;30;0;00:01:00;1:00:00;0:00:00;0:10:00
02/11/2026 10:00;Soporte;-3;0;0;0;00:00:00;0:00:00;0:00:00;0:00:00
02/11/2026 10:30;Soporte;20;20;20;0;ab:cd;0:30:00;0:00:00;0:05:00
03/11/2026 08:00;Soporte;100;95;90;5;00:08:00;4:45:00;0:05:00;0:30:00
"""


@pytest.fixture
def messy(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(MESSY, encoding="utf-8")
    return path


def test_messy_spanish_export_is_read_and_bad_rows_reported(messy):
    e = acd.read_export(messy)
    # file lines, blank lines included: the header is line 1, line 2 is blank
    assert [(b.line, b.reason.split(" ")[0]) for b in e.bad_rows] == [
        (7, "answered"), (8, "negative"), (9, "unreadable")]
    assert "answered (45) > offered (40)" in e.bad_rows[0].reason
    assert len(e.starts) == 4 and e.starts[0] == dt.datetime(2026, 11, 2, 8, 0)
    assert e.totals["wrap"][0] == 1500.5          # decimal comma and thousands dot
    assert e.totals["answer_wait"][1] == 4200.0   # 01:10:00
    assert e.totals["talk"][1] == 14 * 3600.0


def test_strict_mode_rejects_with_every_line_listed(messy):
    with pytest.raises(ArgumentError, match="3 bad rows: line 7: .*; line 8: .*; line 9: "):
        acd.read_export(messy, strict=True)


def test_daily_indicators_come_from_summed_totals(messy):
    e = acd.read_export(messy)
    day = {str(r["period"]): r for r in acd.summarise(e, "day")}["2026-11-02"]
    # 9 + 180 + 45 answered within of 10 + 300 + 50 offered: 234 / 360, not the mean 0.8
    assert day["service_level"] == pytest.approx(234 / 360)
    assert day["intervals"] == 3
    assert day["abandon_rate"] == pytest.approx(23 / 360)
    assert day["asa_s"] == pytest.approx((90 + 4200 + 240) / (9 + 280 + 48))
    total = acd.summarise(e, "total")[0]
    assert total["period"] == "total" and total["offered"] == 460
    assert "contact_rate" not in total  # the export has no outbound columns


def test_english_comma_export_with_seconds(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("interval_start,queue,offered,answered,answered_within,abandoned,talk,hold,wrap\n"
                    "2026-11-02 08:00,Help,100,90,80,10,16200,900,2700\n")
    row = acd.summarise(acd.read_export(path), "interval")[0]
    assert row["service_level"] == 0.8 and row["aht_s"] == pytest.approx(220.0)


def test_missing_interval_column_is_an_error(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("queue,offered\nA,3\n")
    with pytest.raises(ArgumentError, match="no interval-start column"):
        acd.read_export(path)


def test_workbook_has_data_and_indicators(messy, tmp_path):
    out = tmp_path / "kpi.xlsx"
    acd.write_workbook(acd.read_export(messy), out, "en")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["data", "indicators"]
    ws = wb["indicators"]
    header = [c.value for c in ws[1]]
    sl = header.index("service_level") + 1
    assert ws.cell(2, sl).number_format == "0.0%"
    assert ws.cell(2, sl).value == pytest.approx(234 / 360)
    assert ws.max_row == 1 + 2 + 1  # two days and the period
    assert wb["data"].max_row == 1 + 4


def test_cli_on_the_bundled_sample(tmp_path, capsys):
    out = tmp_path / "indicadores.xlsx"
    assert main(["kpi", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Servicio al cliente: 432 intervals, service_level" in text
    assert "Ventas salientes: 432 intervals, contact_rate" in text
    assert "864 rows read, 0 skipped" in text
    assert openpyxl.load_workbook(out).sheetnames == ["datos", "indicadores"]


def test_cli_reports_skipped_lines(messy, capsys):
    assert main(["kpi", str(messy)]) == 0
    captured = capsys.readouterr()
    assert "line 7 skipped: answered (45) > offered (40)" in captured.err
    assert main(["kpi", str(messy), "--strict"]) == 2
