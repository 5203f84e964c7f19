"""Shift roster ("malla de turnos"): forecast -> agents per interval -> shifts -> named roster.

Sheets, in the order a coordinator works:

* Parameters: service-level target, answer time, AHT, patience, shrinkage,
  interval, solver limits, and how to re-solve;
* Forecast: calls per half hour and day (inputs);
* Staffing: agents per interval with ERLANGC_AGENTS and ERLANGA_AGENTS over the
  whole forecast range (one array formula each), and the agents to schedule
  with shrinkage (SCHEDULED_AGENTS);
* requirements / requerimientos: the same agents to schedule, one row per
  interval, the table ``xlcc roster`` reads;
* shifts / turnos: the shift catalogue in ``xlcc roster``'s layout (code, name,
  start, length, days); breaks / descansos likewise;
* Design: ROSTER_DESIGN's optimal agents starting each shift each day, paid hours;
* Coverage: ROSTER_COVERAGE per interval and day, over/under against the
  requirement, quality figures and a chart for the day chosen;
* Roster: the named agent x day grid of shift codes (coloured per code), each
  agent's hours and days, and per shift and day the roster's headcount against
  the design.

In Excel the design is solved by the worksheet function when its inputs change
(kept per input set for the session, so recalculation does not re-solve). The
named roster is solved by ``xlcc roster FILE.xlsx --out roster.xlsx``, which reads
this workbook's requirements, shifts and breaks sheets; paste its grid into the
Roster sheet. ``xlcc recalc`` recalculates the whole workbook headless.
"""

import datetime as dt

from openpyxl.chart import LineChart, Reference
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula

from xlcc.examples.planning import _calls
from xlcc.templates._book import GREEN, RED, Book, quote

__all__ = ["build", "NAMES", "SHIFTS"]

NAMES = {"en": "shift_roster.xlsx", "es": "malla_de_turnos.xlsx"}
_DAYS = [("Mon", "Lun"), ("Tue", "Mar"), ("Wed", "Mié"), ("Thu", "Jue"), ("Fri", "Vie"),
         ("Sat", "Sáb"), ("Sun", "Dom")]
# code, name, start hour, length (h), colour
SHIFTS = [("M6", ("Morning 06-14", "Mañana 06-14"), 6, 8, "DDEBF7"),
          ("M7", ("Morning 07-15", "Mañana 07-15"), 7, 8, "BDD7EE"),
          ("M8", ("Morning 08-16", "Mañana 08-16"), 8, 8, "9BC2E6"),
          ("D9", ("Day 09-17", "Día 09-17"), 9, 8, "E2EFDA"),
          ("D10", ("Day 10-18", "Día 10-18"), 10, 8, "C6E0B4"),
          ("T12", ("Afternoon 12-20", "Tarde 12-20"), 12, 8, "FFF2CC"),
          ("T14", ("Afternoon 14-22", "Tarde 14-22"), 14, 8, "FFE699"),
          ("T15", ("Afternoon 15-23", "Tarde 15-23"), 15, 8, "FFD966"),
          ("N16", ("Evening 16-24", "Noche 16-24"), 16, 8, "F8CBAD"),
          ("P9", ("Part-time 09-13", "Medio tiempo 09-13"), 9, 4, "EDEDED"),
          ("P17", ("Part-time 17-21", "Medio tiempo 17-21"), 17, 4, "D9D9D9")]
_OFF = ("OFF", "LIB")
_SLOTS = 48
_OPEN, _CLOSE = 12, 46  # calls arrive from 06:00 to 23:00


def _forecast(day, slot):
    return _calls(day, slot, _SLOTS) if _OPEN <= slot < _CLOSE else 0


def build(path, lang):
    """Write the shift-roster template in ``lang`` to ``path``."""
    b = Book(lang, ("Shift roster", "Malla de turnos"))
    days = [b.t(d) for d in _DAYS]
    par = _parameters(b)
    p = quote(par.title)
    sl, answer, aht, patience, shrink, interval, limit, under = (
        f"{p}$C${r}" for r in range(4, 12))
    fc = _forecast_sheet(b, days)
    st = _staffing(b, days, fc.title, sl, answer, aht, patience, shrink, interval)
    _requirements_long(b, days, st.title)
    sh = _shift_sheets(b)
    n = len(SHIFTS)
    table = f"{quote(sh.title)}$C$2:$D${1 + n}"
    scheduled = f"{quote(st.title)}$R$5:$X${4 + _SLOTS}"
    de = _design(b, days, table, scheduled, interval, limit, under, sh.title)
    _coverage(b, days, de.title, table, scheduled, interval)
    _roster(b, days, de.title, sh.title)
    return b.save(path)


def _parameters(b):
    ws = b.sheet(("Parameters", "Parámetros"), widths=(3, 44, 14, 70), landscape=False)
    b.title(ws, ("Shift roster - campaign parameters", "Malla de turnos - parámetros de la campaña"))
    rows = [(("Service-level target", "Meta de nivel de servicio"), 0.8, "pct", (0, 1)),
            (("Answer time (s)", "Tiempo de respuesta (s)"), 20, "int", (1, 600)),
            (("Average handle time (s)", "Tiempo medio de operación, TMO (s)"), 240, "int", (1, 3600)),
            (("Patience before abandoning (s)", "Paciencia antes de abandonar (s)"), 90, "int", (1, 3600)),
            (("Shrinkage (absence, breaks, training)", "Ausentismo (shrinkage)"), 0.3, "pct", (0, 0.9)),
            (("Interval (min)", "Intervalo (min)"), 30, "int", (30, 30)),
            (("Design: time limit (s)", "Diseño: tiempo máximo de búsqueda (s)"), 20, "int", (1, 600)),
            (("Design: cost of an hour short vs an hour over", "Diseño: costo de una hora faltante frente a una sobrante"), 4, "num1", (0, 100))]
    for i, (label, value, kind, (lo, hi)) in enumerate(rows):
        r = 4 + i
        b.put(ws, r, 2, label, bold=True)
        b.put(ws, r, 3, value, kind, entry=True)
        b.number_rule(ws, f"C{r}", lo, hi, label, whole=kind == "int")
    notes = [
        ("How it is solved", "Cómo se resuelve"),
        ("Staffing: ERLANGC_AGENTS and ERLANGA_AGENTS over the whole forecast (one formula each).",
         "Dimensionamiento: ERLANGC_AGENTS y ERLANGA_AGENTS sobre todo el pronóstico (una fórmula cada una)."),
        ("Design: ROSTER_DESIGN solves the shift counts when its inputs change; a recalculation with the same inputs does not solve again.",
         "Diseño: ROSTER_DESIGN resuelve los turnos cuando cambian sus datos; recalcular con los mismos datos no vuelve a resolver."),
        ("Named roster: run  xlcc roster THIS_FILE.xlsx --out roster.xlsx  and paste its grid into the Roster sheet.",
         "Malla con nombres: ejecute  xlcc roster ESTE_ARCHIVO.xlsx --out malla.xlsx  y pegue la grilla en la hoja Malla."),
        ("Without Excel: xlcc recalc THIS_FILE.xlsx --in-place recalculates every formula.",
         "Sin Excel: xlcc recalc ESTE_ARCHIVO.xlsx --in-place recalcula todas las fórmulas.")]
    for i, text in enumerate(notes):
        c = ws.cell(14 + i, 2, b.t(text))
        if i == 0:
            c.font = Font(bold=True)
    ws.print_area = "A1:D20"
    return ws


def _forecast_sheet(b, days):
    ws = b.sheet(("Forecast", "Pronóstico"), widths=(9,) + (9,) * 7)
    b.title(ws, ("Calls offered per interval", "Llamadas ofrecidas por intervalo"))
    b.header(ws, 4, [("Interval", "Intervalo")] + days)
    for s in range(_SLOTS):
        r = 5 + s
        b.put(ws, r, 1, dt.time(s // 2, 30 * (s % 2)), "time")
        for d in range(7):
            b.put(ws, r, 2 + d, _forecast(d, s), "int", entry=True)
    last = 4 + _SLOTS
    b.put(ws, last + 1, 1, ("Total", "Total"), bold=True)
    for d in range(7):
        letter = get_column_letter(2 + d)
        b.put(ws, last + 1, 2 + d, f"=SUM({letter}5:{letter}{last})", "int", bold=True)
    b.number_rule(ws, f"B5:H{last}", 0, 100000, ("Calls in the interval", "Llamadas en el intervalo"))
    ws.freeze_panes = "B5"
    ws.print_area = f"A1:H{last + 1}"
    return ws


def _staffing(b, days, fc, sl, answer, aht, patience, shrink, interval):
    ws = b.sheet(("Staffing", "Dimensionamiento"), widths=(9,) + (7.5,) * 23)
    b.title(ws, ("Agents needed per interval", "Asesores requeridos por intervalo"),
            ("Erlang C (no abandonment), Erlang A (callers abandon) and agents to schedule "
             "with shrinkage.",
             "Erlang C (sin abandono), Erlang A (con abandono) y asesores a programar con "
             "ausentismo."))
    last = 4 + _SLOTS
    forecast = f"{quote(fc)}B5:H{last}"
    blocks = [(2, ("Erlang C agents", "Asesores Erlang C"),
               f"=ERLANGC_AGENTS({forecast},{aht},{sl},{answer},{interval})"),
              (10, ("Erlang A agents", "Asesores Erlang A"),
               f"=ERLANGA_AGENTS({forecast},{aht},{patience},{sl},{answer},{interval})"),
              (18, ("Agents to schedule", "Asesores a programar"),
               f"=SCHEDULED_AGENTS(B5:H{last},{shrink})")]
    b.header(ws, 4, [("Interval", "Intervalo")])
    for s in range(_SLOTS):
        b.put(ws, 5 + s, 1, dt.time(s // 2, 30 * (s % 2)), "time")
    for col, label, formula in blocks:
        ws.cell(3, col, b.t(label)).font = Font(bold=True)
        b.header(ws, 4, days, col=col)
        first, end = get_column_letter(col), get_column_letter(col + 6)
        ws[f"{first}5"] = ArrayFormula(f"{first}5:{end}{last}", formula)
        for r in range(5, last + 1):
            for c in range(col, col + 7):
                b.put(ws, r, c, ws.cell(r, c).value, "int")
        b.put(ws, last + 1, col - 1 if col > 2 else 1, ("Peak", "Pico"), bold=True)
        b.put(ws, last + 2, col - 1 if col > 2 else 1, ("Agent-hours", "Horas-asesor"), bold=True)
        for c in range(col, col + 7):
            letter = get_column_letter(c)
            b.put(ws, last + 1, c, f"=MAX({letter}5:{letter}{last})", "int", bold=True)
            b.put(ws, last + 2, c, f"=SUM({letter}5:{letter}{last})*{interval}/60", "num1")
    ws.freeze_panes = "B5"
    ws.print_area = f"A1:X{last + 2}"
    return ws


def _requirements_long(b, days, st):
    """One row per interval (Mon 00:00 ... Sun 23:30): the table ``xlcc roster`` reads."""
    ws = b.sheet(("requirements", "requerimientos"), widths=(14, 10, 60), landscape=False)
    ws["A1"], ws["B1"] = b.t(("interval", "intervalo")), b.t(("agents", "agentes"))
    ws["C1"] = b.t(("Read by xlcc roster; computed from the Staffing sheet.",
                    "Lo lee xlcc roster; se calcula desde la hoja Dimensionamiento."))
    q = quote(st)
    for d in range(7):
        for s in range(_SLOTS):
            r = 2 + d * _SLOTS + s
            ws.cell(r, 1, f"{days[d]} {s // 2:02d}:{30 * (s % 2):02d}")
            ws.cell(r, 2, f"={q}{get_column_letter(18 + d)}{5 + s}")
    ws.freeze_panes = "A2"


def _shift_sheets(b):
    ws = b.sheet(("shifts", "turnos"), widths=(8, 24, 14, 12, 14, 12, 10, 50), landscape=False)
    head = [("code", "codigo"), ("name", "nombre"), ("earliest_start", "inicio_min"),
            ("min_length", "duracion_min"), ("latest_start", "inicio_max"),
            ("max_length", "duracion_max"), ("days", "dias")]
    b.header(ws, 1, head)
    for i, (code, name, start, length, colour) in enumerate(SHIFTS):
        r = 2 + i
        b.put(ws, r, 1, code, entry=True).fill = PatternFill("solid", fgColor=colour)
        b.put(ws, r, 2, name, entry=True)
        b.put(ws, r, 3, dt.time(start, 0), "time", entry=True)
        b.put(ws, r, 4, length, "num1", entry=True)
        b.put(ws, r, 5, f"=C{r}", "time")
        b.put(ws, r, 6, f"=D{r}", "num1")
        b.put(ws, r, 7, "*", entry=True)
    last = 1 + len(SHIFTS)
    ws.cell(2, 8, b.t(("Fixed shifts: start (Excel time) and length (hours). Read by "
                              "ROSTER_DESIGN and by xlcc roster.",
                              "Turnos fijos: inicio (hora de Excel) y duración (horas). Los "
                              "leen ROSTER_DESIGN y xlcc roster.")))
    b.number_rule(ws, f"D2:D{last}", 1, 12, ("Hours", "Horas"))
    ws.freeze_panes = "A2"
    br = b.sheet(("breaks", "descansos"), widths=(8, 16, 10, 20, 18, 8, 12), landscape=False)
    b.header(br, 1, [("shift", "turno"), ("name", "nombre"), ("duration", "duracion"),
                     ("earliest_after_start", "despues_de_inicio"),
                     ("latest_before_end", "antes_de_fin"), ("paid", "pagado"),
                     ("min_gap", "separacion")])
    r = 2
    for code, _, _, length, _ in SHIFTS:
        if length >= 6:
            for value, col in ((code, 1), (b.t(("lunch", "almuerzo")), 2), (30, 3), (120, 4),
                               (120, 5), (b.t(("no", "no")), 6), (0, 7)):
                b.put(br, r, col, value, entry=True)
            r += 1
    return ws


def _design(b, days, table, scheduled, interval, limit, under, shifts):
    ws = b.sheet(("Design", "Diseño"), widths=(8, 24) + (8,) * 7 + (12,))
    b.title(ws, ("Optimal shift design (agents starting each shift)",
                 "Diseño óptimo de turnos (asesores que inician cada turno)"),
            ("ROSTER_DESIGN: minimum cost of hours short (weighted) and over.",
             "ROSTER_DESIGN: costo mínimo de horas faltantes (ponderadas) y sobrantes."))
    n = len(SHIFTS)
    b.header(ws, 4, [("Shift", "Turno"), ("Name", "Nombre")] + days +
             [("Paid hours", "Horas pagadas")])
    s = quote(shifts)
    for i in range(n):
        r = 5 + i
        b.put(ws, r, 1, f"={s}A{2 + i}")
        b.put(ws, r, 2, f"={s}B{2 + i}")
    last = 4 + n
    ws["C5"] = ArrayFormula(f"C5:I{last}", f"=ROSTER_DESIGN({scheduled},{table},{interval},"
                                           f"{limit},{under})")
    for r in range(5, last + 1):
        for c in range(3, 10):
            b.put(ws, r, c, ws.cell(r, c).value, "int")
        b.put(ws, r, 10, f"=SUM(C{r}:I{r})*{s}D{2 + r - 5}", "num1")
    b.put(ws, last + 1, 2, ("Agents starting", "Asesores que inician"), bold=True)
    b.put(ws, last + 2, 2, ("Paid hours", "Horas pagadas"), bold=True)
    for c in range(3, 10):
        letter = get_column_letter(c)
        b.put(ws, last + 1, c, f"=SUM({letter}5:{letter}{last})", "int", bold=True)
        b.put(ws, last + 2, c, f"=SUMPRODUCT({letter}5:{letter}{last},{s}$D$2:$D${1 + n})",
              "num1")
    b.put(ws, last + 2, 10, f"=SUM(J5:J{last})", "num1", bold=True)
    ws.freeze_panes = "C5"
    ws.print_area = f"A1:J{last + 2}"
    return ws


def _coverage(b, days, design, table, scheduled, interval):
    ws = b.sheet(("Coverage", "Cobertura"), widths=(9,) + (7.5,) * 15 + (3, 10, 10, 10))
    b.title(ws, ("Coverage against requirement", "Cobertura frente al requerimiento"),
            ("Agents present (ROSTER_COVERAGE, breaks not deducted) and over (+) / under (-).",
             "Asesores presentes (ROSTER_COVERAGE, sin descontar descansos) y exceso (+) / "
             "faltante (-)."))
    n = len(SHIFTS)
    last = 4 + _SLOTS
    b.header(ws, 4, [("Interval", "Intervalo")] + days, col=1)
    b.header(ws, 4, days, col=10)
    ws.cell(3, 2, b.t(("Agents present", "Asesores presentes")))
    ws.cell(3, 10, b.t(("Over / under", "Exceso / faltante")))
    d = quote(design)
    ws["B5"] = ArrayFormula(f"B5:H{last}", f"=ROSTER_COVERAGE({d}$C$5:$I${4 + n},{table},"
                                           f"{interval})")
    req_sheet, req_area = scheduled.split("!")
    for s in range(_SLOTS):
        r = 5 + s
        b.put(ws, r, 1, dt.time(s // 2, 30 * (s % 2)), "time")
        for k in range(7):
            b.put(ws, r, 2 + k, ws.cell(r, 2 + k).value, "int")
            req = f"{req_sheet}!{get_column_letter(18 + k)}{r}"
            b.put(ws, r, 10 + k, f"={get_column_letter(2 + k)}{r}-{req}", "int")
    ws.conditional_formatting.add(f"J5:P{last}", CellIsRule(
        operator="lessThan", formula=["0"], fill=PatternFill("solid", fgColor=RED, bgColor=RED)))
    ws.conditional_formatting.add(f"J5:P{last}", CellIsRule(
        operator="greaterThan", formula=["2"],
        fill=PatternFill("solid", fgColor="FCE4D6", bgColor="FCE4D6")))
    # quality figures
    q = last + 2
    cov, req = f"B5:H{last}", scheduled
    figures = [
        (("Required agent-hours", "Horas-asesor requeridas"), f"=SUM({req})*{interval}/60", "num1"),
        (("Present agent-hours", "Horas-asesor presentes"), f"=SUM({cov})*{interval}/60", "num1"),
        (("Hours short", "Horas faltantes"),
         f"=SUMPRODUCT(({req}>{cov})*({req}-{cov}))*{interval}/60", "num1"),
        (("Hours over", "Horas sobrantes"),
         f"=SUMPRODUCT(({cov}>{req})*({cov}-{req}))*{interval}/60", "num1"),
        (("Intervals within ±10% of requirement", "Intervalos dentro de ±10% del requerimiento"),
         f"=SUMPRODUCT(({req}>0)*({cov}-{req}<=0.1*{req})*({req}-{cov}<=0.1*{req}))"
         f"/COUNTIF({req},\">0\")", "pct"),
        (("Paid hours (design)", "Horas pagadas (diseño)"), f"={d}J{6 + n}", "num1"),
        (("Paid / required hours", "Horas pagadas / requeridas"), f"=C{q + 5}/C{q}", "num2")]
    for i, (label, formula, kind) in enumerate(figures):
        b.put(ws, q + i, 1, label, bold=True)
        ws.merge_cells(start_row=q + i, start_column=1, end_row=q + i, end_column=2)
        b.put(ws, q + i, 3, formula, kind)
    b.traffic_lights(ws, f"C{q + 4}", f"C{q + 4}>=0.8", f"AND(C{q + 4}>=0.6,C{q + 4}<0.8)",
                     f"C{q + 4}<0.6")
    # chart for the chosen day
    b.put(ws, 3, 18, ("Day (1 = Monday)", "Día (1 = lunes)"), bold=True)
    b.put(ws, 3, 20, 1, "int", entry=True)
    b.number_rule(ws, "T3", 1, 7, ("1 to 7", "1 a 7"), whole=True)
    b.header(ws, 4, [("Required", "Requerido"), ("Present", "Presentes")], col=19)
    for s in range(_SLOTS):
        r = 5 + s
        b.put(ws, r, 18, f"=A{r}", "time")
        b.put(ws, r, 19, f"=INDEX({req},{s + 1},$T$3)", "int")
        b.put(ws, r, 20, f"=INDEX({cov},{s + 1},$T$3)", "int")
    chart = LineChart()
    chart.title = b.t(("Required vs present agents, chosen day",
                       "Asesores requeridos frente a presentes, día elegido"))
    chart.add_data(Reference(ws, min_col=19, max_col=20, min_row=4, max_row=last),
                   titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=18, min_row=5, max_row=last))
    chart.x_axis.number_format = "hh:mm"
    chart.height, chart.width = 8, 18
    ws.add_chart(chart, f"E{q}")
    ws.freeze_panes = "B5"
    ws.print_area = f"A1:T{q + 18}"
    return ws


def _roster(b, days, design, shifts):
    ws = b.sheet(("Roster", "Malla"), widths=(24, 10) + (7,) * 7 + (9, 9))
    b.title(ws, ("Named roster (agent x day)", "Malla de turnos con nombres (asesor x día)"),
            ("Shift codes from the shifts sheet; OFF = day off. Produced by xlcc roster; the "
             "sample is a first draft to improve.",
             "Códigos de la hoja de turnos; LIB = día libre. Lo produce xlcc roster; el "
             "ejemplo es un primer borrador."))
    off = b.t(_OFF)
    codes = [c for c, *_ in SHIFTS]
    b.header(ws, 4, [("Agent", "Asesor"), ("Contract h/week", "Contrato h/sem")] + days +
             [("Hours", "Horas"), ("Days", "Días")])
    names = ["Ana", "Bruno", "Carla", "Diego", "Elena", "Felipe", "Gloria", "Hugo", "Inés",
             "Jorge", "Karen", "Luis", "María", "Nicolás", "Olga", "Pablo", "Quique", "Rosa",
             "Sergio", "Tatiana", "Ulises", "Valeria", "Walter", "Ximena", "Yolanda", "Zoe",
             "Andrés", "Beatriz", "Camilo", "Daniela", "Esteban", "Fernanda", "Gabriel",
             "Helena", "Iván", "Julia", "Kevin", "Laura", "Mateo", "Natalia"]
    full = [c for c, _, _, length, _ in SHIFTS if length == 8]
    part = [c for c, _, _, length, _ in SHIFTS if length == 4]
    s = quote(shifts)
    lookup = f"{s}$A$2:$D${1 + len(SHIFTS)}"
    for i, name in enumerate(names):
        r = 5 + i
        is_part = i >= 32
        b.put(ws, r, 1, name, entry=True)
        b.put(ws, r, 2, 20 if is_part else 40, "int", entry=True)
        code = part[i % len(part)] if is_part else full[(i * 5) % len(full)]
        rest = {(i % 7), ((i + 1) % 7)} if not is_part else {(i % 7), ((i + 2) % 7)}
        for d in range(7):
            b.put(ws, r, 3 + d, off if d in rest else code, entry=True)
        terms = "+".join(f"IFERROR(VLOOKUP({get_column_letter(3 + d)}{r},{lookup},4,FALSE),0)"
                         for d in range(7))
        b.put(ws, r, 10, f"={terms}", "num1")
        b.put(ws, r, 11, f'=COUNTA(C{r}:I{r})-COUNTIF(C{r}:I{r},"{off}")', "int")
    last = 4 + len(names)
    b.choices(ws, f"C5:I{last}", codes + [off], ("A shift code or the day-off code",
                                                 "Un código de turno o el de día libre"))
    for code, _, _, _, colour in SHIFTS:
        ws.conditional_formatting.add(f"C5:I{last}", CellIsRule(
            operator="equal", formula=[f'"{code}"'],
            fill=PatternFill("solid", fgColor=colour, bgColor=colour)))
    ws.conditional_formatting.add(f"J5:J{last}", CellIsRule(
        operator="notEqual", formula=["$B5"],
        fill=PatternFill("solid", fgColor="FFEB9C", bgColor="FFEB9C")))
    # headcount per shift and day against the design
    top = last + 3
    ws.cell(top - 1, 1, b.t(("Roster headcount minus design (0 = as designed)",
                             "Asesores de la malla menos el diseño (0 = como el diseño)")))
    b.header(ws, top, [("Shift", "Turno"), ""] + days)
    dq = quote(design)
    for i, code in enumerate(codes):
        r = top + 1 + i
        b.put(ws, r, 1, f"={s}A{2 + i}")
        for d in range(7):
            col = get_column_letter(3 + d)
            b.put(ws, r, 3 + d, f'=COUNTIF({col}$5:{col}${last},$A{r})-{dq}{col}{5 + i}',
                  "int")
    end = top + len(codes)
    b.value_colour(ws, f"C{top + 1}:I{end}", "lessThan", [0], RED)
    b.value_colour(ws, f"C{top + 1}:I{end}", "equal", [0], GREEN)
    ws.freeze_panes = "C5"
    ws.print_area = f"A1:K{end}"
    ws.print_title_rows = "4:4"
