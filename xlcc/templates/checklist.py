"""Launch-readiness checklist ("lista de chequeo") with a continuous-improvement sheet.

Sheets: the checklist (items grouped by area, owner, due date, status from a
drop-down, evidence, comments, and computed "done" and "overdue" columns), a
summary (completion per area and overall, with traffic lights and a chart) and a
plan-do-check-act sheet ("PHVA"). Overdue is judged against the report date the
user enters, not TODAY(), so that the workbook gives the same answer whenever it
is recalculated.
"""

import datetime as dt

from openpyxl.chart import BarChart, Reference

from xlcc.templates._book import AMBER, GREEN, RED, Book, quote

__all__ = ["build", "NAMES", "STATUSES", "AREAS"]

NAMES = {"en": "launch_checklist.xlsx", "es": "lista_de_chequeo.xlsx"}
STATUSES = [("Pending", "Pendiente"), ("In progress", "En curso"), ("Done", "Hecho"),
            ("Not applicable", "No aplica")]
_DONE, _NA = STATUSES[2], STATUSES[3]
AREAS = [
    (("Infrastructure and telephony", "Infraestructura y telefonía"), [
        ("Workstations, headsets and network tested", "Puestos, diademas y red probados"),
        ("IVR tree and queues configured", "Árbol de IVR y colas configurados"),
        ("Call recording active and stored", "Grabación de llamadas activa y almacenada"),
        ("Contingency site and power backup tested", "Sitio de contingencia y respaldo eléctrico probados"),
        ("Toll-free number and routing validated", "Línea gratuita y enrutamiento validados")]),
    (("Staffing and training", "Dimensionamiento y capacitación"), [
        ("Staffing plan approved (Erlang C)", "Dimensionamiento aprobado (Erlang C)"),
        ("Agents hired and contracts signed", "Asesores contratados y contratos firmados"),
        ("Product and systems training delivered", "Capacitación en producto y sistemas impartida"),
        ("Certification test passed (>= 80%)", "Prueba de certificación aprobada (>= 80%)"),
        ("Shift roster published", "Malla de turnos publicada")]),
    (("Technology and CRM", "Tecnología y CRM"), [
        ("CRM fields and typifications loaded", "Campos y tipificaciones del CRM cargados"),
        ("User accounts and profiles created", "Usuarios y perfiles creados"),
        ("Integration with client systems tested", "Integración con sistemas del cliente probada"),
        ("Database / leads uploaded and deduplicated", "Base de datos cargada y depurada")]),
    (("Scripts and quality", "Guiones y calidad"), [
        ("Greeting, script and closing approved", "Saludo, guion y cierre aprobados"),
        ("Quality monitoring form agreed", "Formato de monitoreo de calidad acordado"),
        ("Calibration session held", "Sesión de calibración realizada"),
        ("Data-protection notice in script", "Aviso de protección de datos en el guion")]),
    (("Escalation flow", "Flujo de escalamiento"), [
        ("Escalation matrix with names and phones", "Matriz de escalamiento con nombres y teléfonos"),
        ("Complaint (PQR) procedure documented", "Procedimiento de PQR documentado"),
        ("Back-office response times agreed", "Tiempos de respuesta del back office acordados")]),
    (("Indicators and reporting", "Indicadores e informes"), [
        ("Indicator catalogue and goals signed", "Catálogo de indicadores y metas firmados"),
        ("ACD export and report automated", "Exportación del ACD e informe automatizados"),
        ("Daily and weekly report recipients set", "Destinatarios de informes diarios y semanales definidos")]),
    (("Email handling", "Gestión de correo electrónico"), [
        ("Prompt: reply within the agreed time", "Pronto: respuesta en el tiempo acordado"),
        ("Polite: greeting and courtesy templates", "Cortés: plantillas de saludo y cortesía"),
        ("Personal: name and case reference used", "Personal: nombre y número de caso"),
        ("Professional: spelling and tone checked", "Profesional: ortografía y tono revisados"),
        ("Promotional: offer or survey included", "Promocional: oferta o encuesta incluida")]),
]
# sample statuses, cycling, so the example shows every state
_SAMPLE = [2, 2, 1, 0, 2, 2, 2, 1, 0, 2, 2, 1, 3, 2, 2, 0, 1, 2, 2, 0, 2, 1, 0, 2, 2, 2, 1, 0, 3]
_OWNERS = ["IT", "WFM", "HR", "Training", "QA", "Operations", "Client"]
_OWNERS_ES = ["TI", "WFM", "Gestión humana", "Formación", "Calidad", "Operación", "Cliente"]


def build(path, lang):
    """Write the checklist template in ``lang`` to ``path``."""
    b = Book(lang, ("Launch readiness checklist", "Lista de chequeo de lanzamiento"))
    ws = b.sheet(("Checklist", "Lista de chequeo"), widths=(5, 30, 46, 16, 13, 15, 26, 26, 8, 9))
    b.title(ws, ("Launch readiness checklist", "Lista de chequeo de lanzamiento"),
            ("Yellow cells are inputs; status from the drop-down list.",
             "Las celdas amarillas son datos de entrada; el estado se elige de la lista."))
    b.put(ws, 3, 2, ("Campaign", "Campaña"), bold=True)
    b.put(ws, 3, 3, ("Inbound customer service - Retail bank",
                     "Servicio al cliente entrante - Banca minorista"), entry=True)
    b.put(ws, 4, 2, ("Go-live date", "Fecha de salida en vivo"), bold=True)
    b.put(ws, 4, 3, dt.date(2027, 3, 1), "date", entry=True)
    b.put(ws, 5, 2, ("Report date (overdue is judged on it)",
                     "Fecha de corte (para marcar vencidos)"), bold=True)
    b.put(ws, 5, 3, dt.date(2027, 2, 15), "date", entry=True)
    b.date_rule(ws, "C4:C5", ("A date", "Una fecha"))
    head = [("#", "#"), ("Area", "Área"), ("Item", "Ítem"), ("Owner", "Responsable"),
            ("Due date", "Fecha límite"), ("Status", "Estado"), ("Evidence", "Evidencia"),
            ("Comments", "Comentarios"), ("Done", "Hecho"), ("Overdue", "Vencido")]
    first = 8
    b.header(ws, first - 1, head)
    statuses = [b.t(s) for s in STATUSES]
    row, n = first, 0
    for area, items in AREAS:
        for item in items:
            k = _SAMPLE[n % len(_SAMPLE)]
            b.put(ws, row, 1, n + 1)
            b.put(ws, row, 2, area, entry=True)
            b.put(ws, row, 3, item, entry=True)
            owners = _OWNERS if lang == "en" else _OWNERS_ES
            b.put(ws, row, 4, owners[n % len(owners)], entry=True)
            b.put(ws, row, 5, dt.date(2027, 2, 1) + dt.timedelta(days=(n * 3) % 27), "date",
                  entry=True)
            b.put(ws, row, 6, statuses[k], entry=True)
            b.put(ws, row, 7, ("Test record / minutes", "Acta / registro de prueba")
                  if k == 2 else "", entry=True)
            b.put(ws, row, 8, "", entry=True)
            b.put(ws, row, 9, f'=IF(F{row}="{b.t(_DONE)}",1,0)')
            b.put(ws, row, 10, f'=IF(AND(F{row}<>"{b.t(_DONE)}",F{row}<>"{b.t(_NA)}",'
                               f'E{row}<$C$5),1,0)')
            row, n = row + 1, n + 1
    last = row - 1
    b.choices(ws, f"F{first}:F{last}", STATUSES, ("Status of the item", "Estado del ítem"))
    b.date_rule(ws, f"E{first}:E{last}", ("Due date", "Fecha límite"))
    area = f"F{first}:F{last}"
    b.value_colour(ws, area, "equal", [f'"{statuses[2]}"'], GREEN)
    b.value_colour(ws, area, "equal", [f'"{statuses[1]}"'], AMBER)
    b.value_colour(ws, area, "equal", [f'"{statuses[0]}"'], RED)
    b.value_colour(ws, f"J{first}:J{last}", "equal", [1], RED)
    ws.freeze_panes = f"A{first}"
    ws.auto_filter.ref = f"A{first - 1}:J{last}"
    ws.print_area = f"A1:J{last}"
    ws.print_title_rows = f"{first - 1}:{first - 1}"

    _summary(b, ws.title, first, last)
    _pdca(b)
    return b.save(path)


def _summary(b, check, first, last):
    ws = b.sheet(("Summary", "Resumen"), widths=(34, 11, 11, 11, 13, 11), landscape=False)
    b.title(ws, ("Readiness by area", "Avance por área"),
            ("Items marked not applicable are left out of the percentage.",
             "Los ítems que no aplican no cuentan en el porcentaje."))
    b.header(ws, 4, [("Area", "Área"), ("Items", "Ítems"), ("Done", "Hechos"),
                     ("Overdue", "Vencidos"), ("% complete", "% de avance"),
                     ("Light", "Semáforo")])
    q = quote(check)
    na = b.t(_NA)
    areas, stat = f"{q}$B${first}:$B${last}", f"{q}$F${first}:$F${last}"
    done, late = f"{q}$I${first}:$I${last}", f"{q}$J${first}:$J${last}"
    r = 5
    for area, _ in AREAS:
        b.put(ws, r, 1, area)
        b.put(ws, r, 2, f'=COUNTIFS({areas},A{r},{stat},"<>{na}")', "int")
        b.put(ws, r, 3, f"=SUMIFS({done},{areas},A{r})", "int")
        b.put(ws, r, 4, f"=SUMIFS({late},{areas},A{r})", "int")
        b.put(ws, r, 5, f"=IF(B{r}=0,1,C{r}/B{r})", "pct")
        b.put(ws, r, 6, f'=IF(ISNUMBER(E{r}),"●","")')  # coloured by the rule below
        r += 1
    total = r
    b.put(ws, total, 1, ("Overall", "Total"), bold=True)
    for col, letter in ((2, "B"), (3, "C"), (4, "D")):
        b.put(ws, total, col, f"=SUM({letter}5:{letter}{total - 1})", "int", bold=True)
    b.put(ws, total, 5, f"=IF(B{total}=0,1,C{total}/B{total})", "pct", bold=True)
    b.put(ws, total, 6, f'=IF(ISNUMBER(E{total}),"●","")')
    b.traffic_lights(ws, f"E5:F{total}", "$E5>=0.9", "AND($E5>=0.6,$E5<0.9)", "$E5<0.6")
    b.put(ws, total + 2, 1, ("Days to go-live", "Días para la salida en vivo"), bold=True)
    b.put(ws, total + 2, 2, f"={q}C4-{q}C5", "int")
    chart = BarChart()
    chart.type = "bar"
    chart.title = b.t(("% complete by area", "% de avance por área"))
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
    chart.add_data(Reference(ws, min_col=5, min_row=4, max_row=total - 1), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=5, max_row=total - 1))
    chart.legend = None
    chart.height, chart.width = 8, 16
    ws.add_chart(chart, f"A{total + 4}")
    ws.freeze_panes = "A5"
    ws.print_area = f"A1:F{total + 20}"


def _pdca(b):
    ws = b.sheet(("Improvement (PDCA)", "Mejora continua (PHVA)"),
                 widths=(5, 30, 30, 26, 26, 26, 15, 13, 15, 24))
    b.title(ws, ("Continuous improvement: plan - do - check - act",
                 "Mejora continua: planear - hacer - verificar - actuar"))
    b.header(ws, 3, [("#", "#"), ("Finding", "Hallazgo"), ("Plan", "Planear"), ("Do", "Hacer"),
                     ("Check", "Verificar"), ("Act", "Actuar"), ("Owner", "Responsable"),
                     ("Due date", "Fecha límite"), ("Status", "Estado"),
                     ("Indicator", "Indicador")])
    rows = [
        (("Service level 71% in the 10:00-12:00 peak", "Nivel de servicio 71% en el pico 10:00-12:00"),
         ("Add two part-time shifts 09:30-13:30", "Agregar dos turnos parciales 09:30-13:30"),
         ("Hire and train 4 part-time agents", "Contratar y formar 4 asesores de medio tiempo"),
         ("Service level per interval, 2 weeks", "Nivel de servicio por intervalo, 2 semanas"),
         ("Keep the shifts if SL >= 80%", "Mantener los turnos si NS >= 80%"),
         ("WFM", "WFM"), dt.date(2027, 3, 15), 1, ("Service level", "Nivel de servicio")),
        (("Repeated calls about card delivery", "Llamadas repetidas por entrega de tarjetas"),
         ("Proactive SMS with tracking", "SMS proactivo con seguimiento"),
         ("Pilot with 10% of new cards", "Piloto con el 10% de tarjetas nuevas"),
         ("First-contact resolution of the pilot", "Resolución al primer contacto del piloto"),
         ("Roll out if FCR +5 points", "Extender si la RPC sube 5 puntos"),
         (("Client", "Cliente")), dt.date(2027, 4, 1), 0,
         ("First-contact resolution", "Resolución al primer contacto")),
        (("After-call work above 60 s", "Posllamada por encima de 60 s"),
         ("Shorter typification tree", "Árbol de tipificación más corto"),
         ("Change the CRM form", "Cambiar el formulario del CRM"),
         ("AHT and wrap time per agent", "TMO y posllamada por asesor"),
         ("Coach the outliers", "Acompañar a los asesores atípicos"),
         ("QA", "Calidad"), dt.date(2027, 3, 30), 2, ("Average handle time", "Tiempo medio de operación")),
    ]
    for i, (finding, plan, do, check, act, owner, due, status, kpi) in enumerate(rows):
        r = 4 + i
        b.put(ws, r, 1, i + 1)
        for col, value in zip(range(2, 8), (finding, plan, do, check, act, owner)):
            b.put(ws, r, col, value, entry=True)
        b.put(ws, r, 8, due, "date", entry=True)
        b.put(ws, r, 9, b.t(STATUSES[status]), entry=True)
        b.put(ws, r, 10, kpi, entry=True)
    for r in range(4 + len(rows), 16):
        for col in range(2, 11):
            b.put(ws, r, col, "", entry=True)
    b.choices(ws, "I4:I15", STATUSES, ("Status of the action", "Estado de la acción"))
    b.date_rule(ws, "H4:H15", ("Due date", "Fecha límite"))
    ws.freeze_panes = "A4"
    ws.print_area = "A1:J15"
