"""Campaign activity schedule ("cronograma de actividades") with a Gantt view.

Sheets: the schedule (campaign header with type, dates, volumes and targets;
activities with owner, start, end, working-day duration from NETWORKDAYS over the
holiday list, % complete and a computed status; a weekly Gantt drawn by
conditional formatting, milestones in orange; a weekly staffing row sized with
ERLANGC_AGENTS from the weekly volume) and the holiday list. Status is judged on
the report date the user enters, so a recalculation any day gives the same answer.
"""

import datetime as dt

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from xlcc.templates._book import AMBER, GREEN, RED, Book, quote

__all__ = ["build", "NAMES", "TYPES", "ACTIVITIES"]

NAMES = {"en": "campaign_schedule.xlsx", "es": "cronograma_de_actividades.xlsx"}
TYPES = [("Inbound service", "Servicio entrante"), ("Outbound sales", "Ventas salientes"),
         ("Collections", "Cobranza"), ("Bilingual", "Bilingüe")]
_STATUS = {"done": ("Done", "Terminada"), "late": ("Late", "Atrasada"),
           "on": ("In progress", "En curso"), "wait": ("Not started", "Sin iniciar")}
# (phase, activity, owner, start offset in days, length in days, % complete, milestone)
ACTIVITIES = [
    (("Kick-off", "Arranque"), ("Kick-off meeting with the client", "Reunión de arranque con el cliente"), ("Account manager", "Gerente de cuenta"), 0, 1, 1.0, True),
    (("Kick-off", "Arranque"), ("Service agreement and indicators signed", "Acuerdo de servicio e indicadores firmados"), ("Account manager", "Gerente de cuenta"), 1, 6, 1.0, False),
    (("Staffing", "Dimensionamiento"), ("Forecast and staffing plan", "Pronóstico y dimensionamiento"), ("WFM", "WFM"), 3, 5, 1.0, False),
    (("Staffing", "Dimensionamiento"), ("Recruiting and selection", "Reclutamiento y selección"), ("HR", "Gestión humana"), 7, 14, 0.6, False),
    (("Training", "Formación"), ("Product and systems training", "Formación en producto y sistemas"), ("Training", "Formación"), 21, 10, 0.0, False),
    (("Technology", "Tecnología"), ("Telephony, IVR and CRM set-up", "Telefonía, IVR y CRM"), ("IT", "TI"), 7, 18, 0.5, False),
    (("Technology", "Tecnología"), ("Integration tests", "Pruebas de integración"), ("IT", "TI"), 24, 6, 0.0, False),
    (("Quality", "Calidad"), ("Scripts, monitoring form and calibration", "Guiones, formato de monitoreo y calibración"), ("QA", "Calidad"), 14, 10, 0.3, False),
    (("Launch", "Salida en vivo"), ("Pilot with 20% of the traffic", "Piloto con el 20% del tráfico"), ("Operations", "Operación"), 31, 5, 0.0, False),
    (("Launch", "Salida en vivo"), ("Go-live", "Salida en vivo"), ("Operations", "Operación"), 38, 1, 0.0, True),
    (("Follow-up", "Seguimiento"), ("First monthly results review", "Primer comité mensual de resultados"), ("Account manager", "Gerente de cuenta"), 66, 1, 0.0, True),
]
_WEEKS = 16
_HOLIDAYS = [dt.date(2027, 1, 1), dt.date(2027, 1, 11), dt.date(2027, 3, 22),
             dt.date(2027, 3, 25), dt.date(2027, 3, 26)]
_START = dt.date(2027, 1, 4)


def _workday(day, n):
    """The working day ``n`` working days after ``day`` (weekends and _HOLIDAYS skipped),
    as WORKDAY computes it; n = 0 is ``day`` itself."""
    while n > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in _HOLIDAYS:
            n -= 1
    return day


_VOLUMES = [0, 0, 0, 0, 0, 0, 0, 4200, 9800, 10500, 10500, 10800, 11200, 11000, 10900, 11300]


def build(path, lang):
    """Write the schedule template in ``lang`` to ``path``."""
    b = Book(lang, ("Campaign schedule", "Cronograma de actividades"))
    hol = b.sheet(("Holidays", "Festivos"), widths=(14, 34), landscape=False)
    b.title(hol, ("Holidays (not working days)", "Festivos (días no hábiles)"))
    b.header(hol, 3, [("Date", "Fecha"), ("Holiday", "Festivo")])
    for i, day in enumerate(_HOLIDAYS):
        b.put(hol, 4 + i, 1, day, "date", entry=True)
        b.put(hol, 4 + i, 2, "", entry=True)
    for r in range(4 + len(_HOLIDAYS), 24):
        b.put(hol, r, 1, None, "date", entry=True)
        b.put(hol, r, 2, "", entry=True)
    b.date_rule(hol, "A4:A23", ("A holiday", "Un festivo"))
    hol.freeze_panes = "A4"
    hol.print_area = "A1:B23"
    holidays = f"{quote(hol.title)}$A$4:$A$23"

    ws = b.sheet(("Schedule", "Cronograma"), widths=(5, 30, 40, 18, 12, 12, 9, 10, 13)
                 + (4.2,) * (_WEEKS * 1))
    b.wb.move_sheet(ws, offset=-1)
    b.title(ws, ("Campaign activity schedule", "Cronograma de actividades de la campaña"),
            ("Yellow cells are inputs. Status and working days are computed; the Gantt is "
             "drawn by conditional formatting.",
             "Las celdas amarillas son datos de entrada. Estado y días hábiles se calculan; "
             "el Gantt se dibuja con formato condicional."))
    info = [(("Campaign", "Campaña"), ("Retail bank - customer service", "Banca minorista - servicio al cliente"), None),
            (("Type", "Tipo"), TYPES[0], None),
            (("Start date", "Fecha de inicio"), _START, "date"),
            (("Report date", "Fecha de corte"), dt.date(2027, 2, 1), "date"),
            (("Service-level target", "Meta de nivel de servicio"), 0.8, "pct"),
            (("Answer time (s)", "Tiempo de respuesta (s)"), 20, "int"),
            (("Average handle time (s)", "Tiempo medio de operación (s)"), 240, "int"),
            (("Interval (min)", "Intervalo (min)"), 30, "int"),
            (("Shrinkage", "Ausentismo (shrinkage)"), 0.3, "pct")]
    for i, (label, value, kind) in enumerate(info):
        b.put(ws, 3 + i, 2, label, bold=True)
        b.put(ws, 3 + i, 3, value, kind, entry=True)
    b.choices(ws, "C4", TYPES, ("Kind of campaign", "Tipo de campaña"))
    b.date_rule(ws, "C5:C6", ("A date", "Una fecha"))
    b.number_rule(ws, "C7", 0, 1, ("Fraction, e.g. 80%", "Fracción, p. ej. 80%"))
    b.number_rule(ws, "C8:C9", 1, 3600, ("Seconds", "Segundos"))
    b.number_rule(ws, "C10", 5, 60, ("Minutes per interval", "Minutos por intervalo"), whole=True)
    b.number_rule(ws, "C11", 0, 0.9, ("Fraction of paid time lost", "Fracción del tiempo pagado perdido"))
    b.put(ws, 3, 5, ("End of last activity", "Fin de la última actividad"), bold=True)
    top = 15
    last = top + len(ACTIVITIES) - 1
    b.put(ws, 3, 8, f"=MAX(F{top}:F{last})", "date")
    b.put(ws, 4, 5, ("Overall % complete (weighted by days)",
                     "% de avance total (ponderado por días)"), bold=True)
    b.put(ws, 4, 8, f"=SUMPRODUCT(G{top}:G{last},H{top}:H{last})/SUM(G{top}:G{last})", "pct")
    b.put(ws, 5, 5, ("Late activities", "Actividades atrasadas"), bold=True)
    b.put(ws, 5, 8, f'=COUNTIF(I{top}:I{last},"{b.t(_STATUS["late"])}")', "int")
    b.put(ws, 6, 5, ("Working days to go-live", "Días hábiles para la salida en vivo"), bold=True)
    go_live = next(i for i, a in enumerate(ACTIVITIES) if a[1][0] == "Go-live")
    b.put(ws, 6, 8, f"=NETWORKDAYS(C6,E{top + go_live},{holidays})", "int")

    head = [("#", "#"), ("Phase", "Fase"), ("Activity", "Actividad"), ("Owner", "Responsable"),
            ("Start", "Inicio"), ("End", "Fin"), ("Working days", "Días hábiles"),
            ("% complete", "% avance"), ("Status", "Estado")]
    b.header(ws, top - 1, head)
    first_week = 10
    for k in range(_WEEKS):  # week columns: the Monday of each week, from the start date
        c = b.put(ws, top - 1, first_week + k, f"=$C$5-WEEKDAY($C$5,3)+{7 * k}", "date")
        c.number_format = "dd/mm" if lang == "es" else "mm-dd"
        c.alignment = Alignment(text_rotation=90, horizontal="center")
    status = {k: b.t(v) for k, v in _STATUS.items()}
    for i, (phase, act, owner, offset, length, done, milestone) in enumerate(ACTIVITIES):
        r = top + i
        b.put(ws, r, 1, i + 1)
        b.put(ws, r, 2, phase, entry=True)
        b.put(ws, r, 3, act, entry=True)
        b.put(ws, r, 4, owner, entry=True)
        start = _workday(_START, offset)
        b.put(ws, r, 5, start, "date", entry=True)
        b.put(ws, r, 6, _workday(start, length - 1), "date", entry=True)
        b.put(ws, r, 7, f"=NETWORKDAYS(E{r},F{r},{holidays})", "int")
        b.put(ws, r, 8, done, "pct", entry=True)
        b.put(ws, r, 9, f'=IF(H{r}>=1,"{status["done"]}",IF($C$6>F{r},"{status["late"]}",'
                        f'IF($C$6>=E{r},"{status["on"]}","{status["wait"]}")))')
        if milestone:
            ws.cell(r, 3).font = Font(bold=True, color="0000CC")
    b.number_rule(ws, f"H{top}:H{last}", 0, 1, ("Fraction done", "Fracción terminada"))
    b.date_rule(ws, f"E{top}:F{last}", ("A date", "Una fecha"))
    gantt = f"{get_column_letter(first_week)}{top}:{get_column_letter(first_week + _WEEKS - 1)}{last}"
    col = get_column_letter(first_week)
    week = f"{col}${top - 1}"
    bar = f"AND({week}+4>=$E{top},{week}<=$F{top})"
    ws.conditional_formatting.add(gantt, FormulaRule(
        formula=[f"AND({bar},$F{top}-$E{top}<=1)"],
        fill=PatternFill("solid", fgColor="ED7D31", bgColor="ED7D31"), stopIfTrue=True))
    ws.conditional_formatting.add(gantt, FormulaRule(
        formula=[f"AND({bar},{week}<$C$6-WEEKDAY($C$6,3)+7,$H{top}<1,$F{top}<$C$6)"],
        fill=PatternFill("solid", fgColor=RED, bgColor=RED), stopIfTrue=True))
    ws.conditional_formatting.add(gantt, FormulaRule(
        formula=[bar], fill=PatternFill("solid", fgColor="5B9BD5", bgColor="5B9BD5")))
    b.value_colour(ws, f"I{top}:I{last}", "equal", [f'"{status["done"]}"'], GREEN)
    b.value_colour(ws, f"I{top}:I{last}", "equal", [f'"{status["late"]}"'], RED)
    b.value_colour(ws, f"I{top}:I{last}", "equal", [f'"{status["on"]}"'], AMBER)

    _staffing(b, ws, last + 3, first_week)
    ws.freeze_panes = ws.cell(top, first_week)
    ws.print_area = f"A1:{get_column_letter(first_week + _WEEKS - 1)}{last + 10}"
    ws.print_title_rows = f"{top - 1}:{top - 1}"
    return b.save(path)


def _staffing(b, ws, row, first_week):
    """Weekly staffing plan: weekly volume -> average calls per interval -> agents."""
    b.put(ws, row, 2, ("Weekly staffing plan", "Plan semanal de personal"), bold=True)
    labels = [("Weekly calls (forecast)", "Llamadas por semana (pronóstico)"),
              ("Open hours per week", "Horas de atención por semana"),
              ("Average calls per interval", "Llamadas promedio por intervalo"),
              ("Agents needed (Erlang C)", "Asesores requeridos (Erlang C)"),
              ("Agents to schedule (with shrinkage)", "Asesores a programar (con ausentismo)")]
    for i, label in enumerate(labels):
        b.put(ws, row + 1 + i, 3, label, bold=True)
    for k in range(_WEEKS):
        c = first_week + k
        letter = get_column_letter(c)
        b.put(ws, row + 1, c, _VOLUMES[k], "int", entry=True)
        b.put(ws, row + 2, c, 84, "int", entry=True)
        b.put(ws, row + 3, c, f"=IF({letter}{row + 2}=0,0,{letter}{row + 1}/"
                              f"({letter}{row + 2}*60/$C$10))", "num1")
        b.put(ws, row + 4, c, f"=ERLANGC_AGENTS({letter}{row + 3},$C$9,$C$7,$C$8,$C$10)", "int")
        b.put(ws, row + 5, c, f"=SCHEDULED_AGENTS({letter}{row + 4},$C$11)", "int")
    b.number_rule(ws, f"{get_column_letter(first_week)}{row + 1}:"
                      f"{get_column_letter(first_week + _WEEKS - 1)}{row + 2}", 0, 10_000_000,
                  ("Calls or hours", "Llamadas u horas"))
