import csv
import os

import pytest

from tests.erlang.oracles import service_level_mp
from xlcc.cli import main
from xlcc.erlang.plan import read_forecast, staff_forecast


def test_staff_runs_on_the_bundled_example(capsys):
    assert main(["staff", "--rows", "3"]) == 0
    out = capsys.readouterr().out
    assert "Erlang C: 210 intervals, 13,411 calls" in out
    assert "Mon 07:00" in out and "207 more intervals" in out


def test_staff_writes_a_plan_that_meets_the_target(tmp_path):
    out = tmp_path / "plan.csv"
    assert main(["staff", "--sl", "80%", "--answer-time", "20", "--rows", "0",
                 "--out", str(out)]) == 0
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 210
    for r in rows[:40]:
        n, a, aht = float(r["agents"]), float(r["traffic_erl"]), float(r["aht_s"])
        if a > 0:
            assert service_level_mp(n, a, aht, 20) >= 0.8
            assert service_level_mp(n - 1, a, aht, 20) < 0.8 or n - 1 <= a
    assert [p for p in os.listdir(tmp_path) if p.startswith(".xlcc-")] == []


def test_spanish_excel_export_is_read(tmp_path):
    path = tmp_path / "pronostico.csv"
    path.write_text("Intervalo;Llamadas;TMO\nLun 08:00;100;180,0\nLun 08:30;1.250;200,5\n",
                    encoding="utf-8")
    f = read_forecast(path)
    assert f.labels == ("Lun 08:00", "Lun 08:30")
    assert list(f.calls) == [100.0, 1250.0] and list(f.aht_s) == [180.0, 200.5]
    plan = staff_forecast(f, 0.8, 20, shrinkage=0.3)
    assert list(plan.agents[:1]) == [14.0] and list(plan.scheduled[:1]) == [20.0]


def test_erlang_a_option(capsys):
    assert main(["staff", "--patience", "90", "--rows", "0"]) == 0
    assert "Erlang A (patience 90 s, SL over offered)" in capsys.readouterr().out


@pytest.mark.parametrize("text, message", [
    ("interval,calls\nMon,3\n", "no 'aht' column"),
    ("interval,calls,aht\nMon,many,180\n", "line 2: calls and aht must be numbers"),
    ("interval,calls,aht\nMon,-3,180\n", "calls must be in [0, inf)"),
    ("interval,calls,aht\n", "has a header but no intervals"),
])
def test_bad_forecast_is_reported_with_exit_code_2(tmp_path, capsys, text, message):
    path = tmp_path / "f.csv"
    path.write_text(text)
    assert main(["staff", str(path)]) == 2
    assert message in capsys.readouterr().err


def test_missing_file(capsys):
    assert main(["staff", "/nonexistent/forecast.csv"]) == 2
    assert "No such file" in capsys.readouterr().err


def test_the_command_exits_with_main_s_code_and_its_output_flushed(tmp_path):
    """``xlcc`` (cli.entry) skips the interpreter's teardown: the file is written, the
    summary printed and the exit code main's, for a good run, a failed file and a
    usage error."""
    import subprocess
    import sys

    from xlcc.examples.planning import build

    src = build(str(tmp_path / "plan.xlsx"))
    out = tmp_path / "out.xlsx"

    def run(*args):
        return subprocess.run([sys.executable, "-m", "xlcc.cli", *args], capture_output=True,
                              text=True, timeout=300)

    ok = run("recalc", src, "-o", str(out))
    assert ok.returncode == 0 and "8,312 formulas" in ok.stdout and out.exists()
    bad = run("recalc", str(tmp_path / "missing.xlsx"))
    assert bad.returncode == 1 and "missing.xlsx" in bad.stdout + bad.stderr
    usage = run("no-such-command")
    assert usage.returncode == 2 and "invalid choice" in usage.stderr


def test_recalc_day_first_reads_text_dates_day_first(tmp_path):
    import openpyxl

    src = tmp_path / "dates.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "S"
    wb.active["A1"] = '=DATEVALUE("26/08/2026")'
    wb.save(src)
    for flags, expected in (([], "#VALUE!"), (["--day-first"], 46260)):
        out = tmp_path / f"out{len(flags)}.xlsx"
        assert main(["recalc", str(src), "-o", str(out), *flags]) == 0
        assert openpyxl.load_workbook(out, data_only=True)["S"]["A1"].value == expected


def test_the_command_module_loads_without_numpy():
    # entry() sets up a recalculation (collector off, one BLAS thread) before numpy
    # loads: the module itself must not import it
    import subprocess
    import sys

    code = "import sys, xlcc.cli; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "False", out.stderr
