"""Management indicators ("indicadores de gestión") of an inbound and an outbound queue.

Sheets: the indicator catalogue (from :mod:`xlcc.kpi.catalogue`, the one source of
the definitions; goal, amber band and direction are inputs), the data sheet in the
importer's layout (``xlcc kpi`` reads the same columns; paste an ACD export over
the sample), and the daily sheet: per day and for the period, the sums of the
chosen queue and its indicators computed with the KPI_* worksheet functions, a
traffic light per indicator (KPI_STATUS against the catalogue goal, coloured by
conditional formatting) and trend charts.
"""

import csv
import datetime as dt
from importlib import resources

from openpyxl.chart import LineChart, Reference

from xlcc.kpi import catalogue
from xlcc.templates._book import AMBER, GREEN, RED, Book, quote

__all__ = ["build", "NAMES", "DATA_COLUMNS"]

NAMES = {"en": "indicators.xlsx", "es": "indicadores_de_gestion.xlsx"}
#: (key, English header, Spanish header): the importer's generic layout
DATA_COLUMNS = [("interval_start", "interval_start", "inicio_intervalo"),
                ("queue", "queue", "cola"), ("offered", "offered", "ofrecidas"),
                ("answered", "answered", "atendidas"),
                ("answered_within", "answered_within", "atendidas_en_umbral"),
                ("abandoned", "abandoned", "abandonadas"),
                ("abandoned_within", "abandoned_within", "abandonadas_en_umbral"),
                ("short_abandons", "short_abandons", "abandonos_cortos"),
                ("answer_wait", "answer_wait", "espera_total"),
                ("talk", "talk", "tiempo_conversacion"), ("hold", "hold", "tiempo_retencion"),
                ("wrap", "wrap", "tiempo_posllamada"),
                ("transferred", "transferred", "transferidas"),
                ("dialed", "dialed", "marcados"), ("contacted", "contacted", "contactados"),
                ("right_party", "right_party", "contacto_titular"),
                ("successful", "successful", "exitosas")]
_TIMES = {"answer_wait", "talk", "hold", "wrap"}
_QUEUES = {"Servicio al cliente": ("Customer service", "Servicio al cliente"),
           "Ventas salientes": ("Outbound sales", "Ventas salientes")}
_DIRECTION = {"higher": ("higher", "mayor"), "lower": ("lower", "menor")}
_LIGHT = '"●";"●";"●"'


def _sample():
    """The bundled ACD export (xlcc/examples/acd_export.csv) as rows of typed values."""
    text = resources.files("xlcc.examples").joinpath("acd_export.csv").read_text("utf-8")
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    index = {name: i for i, name in enumerate(rows[0])}
    out = []
    for raw in rows[1:]:
        row = {}
        for key, _, es in DATA_COLUMNS:
            v = raw[index[es]].strip()
            if key == "interval_start":
                row[key] = dt.datetime.strptime(v, "%Y-%m-%d %H:%M")
            elif key == "queue":
                row[key] = v
            elif not v:
                row[key] = None
            elif key in _TIMES:
                h, m, s = (int(p) for p in v.split(":"))
                row[key] = (h * 3600 + m * 60 + s) / 86400.0
            else:
                row[key] = int(v)
        out.append(row)
    return out


def build(path, lang):
    """Write the indicators template in ``lang`` to ``path``."""
    b = Book(lang, ("Management indicators", "Indicadores de gestión"))
    daily = b.sheet(("Daily", "Diario"), widths=(12,) + (11,) * 18)
    cat_ws, where = _catalogue(b)
    data_ws, last = _data(b)
    b.title(daily, ("Management indicators per day", "Indicadores de gestión por día"),
            ("Choose the queues; indicators use the KPI_* functions and the catalogue goals.",
             "Elija las colas; los indicadores usan las funciones KPI_* y las metas del "
             "catálogo."))
    queues = [b.t(q) for q in _QUEUES.values()]
    b.put(daily, 3, 1, ("Inbound queue", "Cola entrante"), bold=True)
    b.put(daily, 3, 3, queues[0], entry=True)
    b.put(daily, 4, 1, ("Outbound queue", "Cola saliente"), bold=True)
    b.put(daily, 4, 3, queues[1], entry=True)
    b.choices(daily, "C3:C4", list(_QUEUES.values()), ("A queue in the data sheet",
                                                       "Una cola de la hoja de datos"))
    d = quote(data_ws.title)
    col = {key: f"{d}${chr(65 + i)}$2:${chr(65 + i)}${last}" for i, (key, _, _) in
           enumerate(DATA_COLUMNS)}
    first_day = f"INT(MIN({col['interval_start']}))"

    def sums(row, key, queue_cell, seconds=False):
        f = (f"SUMIFS({col[key]},{col['interval_start']},\">=\"&$A{row},"
             f"{col['interval_start']},\"<\"&($A{row}+1),{col['queue']},{queue_cell})")
        return f"={f}*86400" if seconds else f"={f}"

    def goal(function, what):
        r = where[function]
        cell = {"goal": f"$F${r}", "band": f"$G${r}", "dir": f"$E${r}"}[what]
        return f"{quote(cat_ws.title)}{cell}"

    def direction(function):
        return f'IF({goal(function, "dir")}="{b.t(_DIRECTION["lower"])}","lower","higher")'

    # inbound block
    top, days = 7, 6  # the sample operates Monday to Saturday; add rows for a 7-day week
    head = [("Date", "Fecha"), ("Offered", "Ofrecidas"), ("Answered", "Atendidas"),
            ("Within threshold", "En umbral"), ("Abandoned", "Abandonadas"),
            ("Short abandons", "Abandonos cortos"), ("Wait (s)", "Espera (s)"),
            ("Talk (s)", "Conversación (s)"), ("Hold (s)", "Retención (s)"),
            ("Wrap (s)", "Posllamada (s)"), ("Service level", "Nivel de servicio"),
            ("Abandonment", "Abandono"), ("ASA (s)", "ASA (s)"), ("AHT (s)", "TMO (s)"),
            ("SL", "NS"), ("Abandon", "Aband."), ("ASA", "ASA"), ("AHT", "TMO")]
    b.put(daily, top - 1, 1, ("Inbound", "Entrante"), bold=True)
    b.header(daily, top, head)
    keys = ["offered", "answered", "answered_within", "abandoned", "short_abandons",
            "answer_wait", "talk", "hold", "wrap"]
    kpis = [("KPI_SERVICE_LEVEL", "=IF(B{r}=0,\"\",KPI_SERVICE_LEVEL(D{r},B{r}))", "pct"),
            ("KPI_ABANDON_RATE", "=IF(B{r}=0,\"\",KPI_ABANDON_RATE(E{r},B{r},F{r}))", "pct"),
            ("KPI_ASA", "=IF(C{r}=0,\"\",KPI_ASA(G{r},C{r}))", "num1"),
            ("KPI_AHT", "=IF(C{r}=0,\"\",KPI_AHT(H{r},I{r},J{r},C{r}))", "num1")]
    end = _block(b, daily, top, days, first_day, keys, kpis, "$C$3", sums, goal, direction)
    chart = LineChart()
    chart.title = b.t(("Service level and abandonment per day",
                       "Nivel de servicio y abandono por día"))
    chart.y_axis.number_format = "0%"
    chart.add_data(Reference(daily, min_col=11, max_col=12, min_row=top, max_row=top + days),
                   titles_from_data=True)
    chart.set_categories(Reference(daily, min_col=1, min_row=top + 1, max_row=top + days))
    chart.height, chart.width = 7, 14
    daily.add_chart(chart, f"A{end + 16}")

    # outbound block
    otop = end + 3
    ohead = [("Date", "Fecha"), ("Dialed", "Marcados"), ("Contacted", "Contactados"),
             ("Right party", "Contacto titular"), ("Successful", "Exitosas"),
             ("Contact rate", "Contactabilidad"), ("Right-party rate", "Contacto efectivo"),
             ("Effectiveness", "Efectividad"), ("Conversion", "Conversión"),
             ("Contact", "Contacto"), ("RPC", "Titular"), ("Effect.", "Efect."),
             ("Conv.", "Conv.")]
    b.put(daily, otop - 1, 1, ("Outbound", "Saliente"), bold=True)
    b.header(daily, otop, ohead)
    okpis = [("KPI_CONTACT_RATE", "=IF(B{r}=0,\"\",KPI_CONTACT_RATE(C{r},B{r}))", "pct"),
             ("KPI_RIGHT_PARTY_RATE", "=IF(C{r}=0,\"\",KPI_RIGHT_PARTY_RATE(D{r},C{r}))", "pct"),
             ("KPI_EFFECTIVENESS", "=IF(D{r}=0,\"\",KPI_EFFECTIVENESS(E{r},D{r}))", "pct"),
             ("KPI_CONVERSION", "=IF(B{r}=0,\"\",KPI_CONVERSION(E{r},B{r}))", "pct")]
    oend = _block(b, daily, otop, days, first_day, ["dialed", "contacted", "right_party",
                                                     "successful"], okpis, "$C$4", sums,
                  goal, direction)
    chart = LineChart()
    chart.title = b.t(("Contact rate and conversion per day",
                       "Contactabilidad y conversión por día"))
    chart.y_axis.number_format = "0%"
    for c in (6, 9):
        chart.add_data(Reference(daily, min_col=c, min_row=otop, max_row=otop + days),
                       titles_from_data=True)
    chart.set_categories(Reference(daily, min_col=1, min_row=otop + 1, max_row=otop + days))
    chart.height, chart.width = 7, 14
    daily.add_chart(chart, f"J{end + 16}")
    daily.freeze_panes = "B6"
    daily.print_area = f"A1:R{oend + 32}"
    return b.save(path)


def _block(b, ws, top, days, first_day, keys, kpis, queue_cell, sums, goal, direction):
    """Rows of sums and indicators per day, a period row, and the traffic lights;
    returns the period row."""
    n = len(keys)
    for k in range(days):
        r = top + 1 + k
        b.put(ws, r, 1, f"={first_day}" if k == 0 else f"=A{r - 1}+1", "date")
        for j, key in enumerate(keys):
            b.put(ws, r, 2 + j, sums(r, key, queue_cell, key in _TIMES), "int")
    period = top + days + 1
    b.put(ws, period, 1, ("Period", "Periodo"), bold=True)
    for j in range(n):
        letter = chr(66 + j)
        b.put(ws, period, 2 + j, f"=SUM({letter}{top + 1}:{letter}{period - 1})", "int",
              bold=True)
    for r in range(top + 1, period + 1):
        for j, (function, formula, kind) in enumerate(kpis):
            b.put(ws, r, 2 + n + j, formula.format(r=r), kind, bold=r == period)
            value = f"{chr(66 + n + j)}{r}"
            light = b.put(ws, r, 2 + n + len(kpis) + j,
                          f'=IF({value}="","",KPI_STATUS({value},{goal(function, "goal")},'
                          f'{direction(function)},{goal(function, "band")}))')
            light.number_format = _LIGHT
    area = f"{chr(66 + n + len(kpis))}{top + 1}:{chr(65 + n + 2 * len(kpis))}{period}"
    b.value_colour(ws, area, "equal", [1], GREEN)
    b.value_colour(ws, area, "equal", [0], AMBER)
    b.value_colour(ws, area, "equal", [-1], RED)
    return period


def _catalogue(b):
    ws = b.sheet(("Catalogue", "Catálogo"), widths=(26, 40, 40, 14, 10, 10, 10, 16, 20, 22, 22))
    b.title(ws, ("Indicator catalogue", "Catálogo de indicadores"),
            ("Goal, amber band and direction are inputs: set them per campaign.",
             "Meta, banda ámbar y sentido son datos de entrada: defínalos por campaña."))
    header, rows = catalogue.as_rows(b.lang)
    b.header(ws, 4, header)
    where = {}
    for i, row in enumerate(rows):
        r = 5 + i
        for j, value in enumerate(row):
            entry = j in (4, 5, 6)
            if j == 4:
                value = b.t(_DIRECTION[value])
            kind = None
            if j == 5 and value != "" and row[3] == "fraction":
                kind = "pct"
            elif j == 6:
                kind = "pct"
            b.put(ws, r, 1 + j, value if value != "" else None, kind, entry=entry)
        where[row[10]] = r
    last = 4 + len(rows)
    b.choices(ws, f"E5:E{last}", list(_DIRECTION.values()),
              ("Which way is better", "Qué sentido es mejor"))
    b.number_rule(ws, f"G5:G{last}", 0, 1, ("Amber band, fraction of the goal",
                                            "Banda ámbar, fracción de la meta"))
    ws.freeze_panes = "B5"
    ws.print_area = f"A1:K{last}"
    return ws, where


def _data(b):
    ws = b.sheet(("Data", "Datos"), widths=(17, 20) + (11,) * 15)
    b.header(ws, 1, [(en, es) for _, en, es in DATA_COLUMNS])
    rows = _sample()
    for i, row in enumerate(rows):
        r = 2 + i
        for j, (key, _, _) in enumerate(DATA_COLUMNS):
            value = row[key]
            if key == "queue":
                value = b.t(_QUEUES.get(value, (value, value)))
            c = ws.cell(r, 1 + j, value)
            if key == "interval_start":
                c.number_format = "yyyy-mm-dd hh:mm"
            elif key in _TIMES:
                c.number_format = "[h]:mm:ss"
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{chr(64 + len(DATA_COLUMNS))}{1 + len(rows)}"
    return ws, 1 + len(rows)
