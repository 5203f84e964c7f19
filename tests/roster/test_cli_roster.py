import csv

from openpyxl import Workbook, load_workbook

from xlcc.cli import main


def test_roster_on_the_bundled_example_writes_a_workbook(tmp_path, capsys):
    out = tmp_path / "malla.xlsx"
    assert main(["roster", "--time-limit", "8", "--out", str(out), "--lang", "es"]) == 0
    text = capsys.readouterr().out
    assert "design (" in text and "roster (" in text and "written to" in text
    wb = load_workbook(out)
    assert wb.sheetnames == ["malla", "turnos", "descansos", "cobertura", "calidad"]
    grid = list(wb["malla"].iter_rows(values_only=True))
    assert grid[0][1:8] == ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    coverage = list(wb["cobertura"].iter_rows(values_only=True))
    assert len(coverage) == 1 + 7 * 48


def test_roster_from_a_workbook_with_agents_column_to_csv(tmp_path):
    src = tmp_path / "plan.xlsx"
    wb = Workbook()
    req = wb.active
    req.title = "requerimientos"
    req.append(["intervalo", "agentes"])
    for day in ("Lun", "Mar"):
        for h in range(8, 16):
            req.append([f"{day} {h:02d}:00", 2])
    sh = wb.create_sheet("turnos")
    sh.append(["codigo", "nombre", "inicio_min", "inicio_max", "duracion_min", "duracion_max",
               "dias"])
    sh.append(["D", "Día", "08:00", "08:00", "8", "8", "Lun-Vie"])
    wb.create_sheet("descansos").append(["turno", "nombre", "duracion", "despues_de_inicio",
                                          "antes_de_fin", "pagado", "separacion"])
    wb.save(src)
    out = tmp_path / "malla.csv"
    assert main(["roster", str(src), "--interval", "60", "--time-limit", "5",
                 "--out", str(out)]) == 0
    rows = list(csv.reader(out.open()))
    assert rows[0][0] == "agent" and len(rows) >= 3
    worked = [r[1:8] for r in rows[1:]]
    assert sum(c == "D 08:00-16:00" for r in worked for c in r[:1]) == 2  # Monday: 2 agents


def test_roster_bad_shift_table_is_a_clear_error(tmp_path, capsys):
    shifts = tmp_path / "s.csv"
    shifts.write_text("code,earliest_start,latest_start,min_length,max_length\n"
                      "M,7am,08:00,8,8\n", encoding="utf-8")
    assert main(["roster", "--shifts", str(shifts)]) == 2
    assert "line 2: earliest_start must be HH:MM; got '7am'" in capsys.readouterr().err
