"""ACD interval-report importer: a telephony export in, indicators per day and period out.

The export is a CSV with one row per queue (or campaign) and interval. Columns are
found by header through a layout (canonical field -> accepted headers, English
or Spanish, case and accents ignored); ``GENERIC_LAYOUT`` is the shipped one and
any platform's export maps onto it with ``layout=``. Files saved by a
Spanish-locale Excel (``;`` separator, decimal comma) are read as such, and times
may be seconds or ``hh:mm:ss`` / ``mm:ss``.

A blank count or time cell is 0: one export often mixes inbound queues and
outbound campaigns, whose rows leave each other's columns empty. Bad rows (a
missing or unreadable interval start, a row shorter than the header, negative
counts, a part larger than its whole such as answered > offered, unparsable
numbers or times) are reported with their line numbers; they are
skipped with a report, or make the import fail with ``strict=True``. Nothing is
dropped silently. Indicators are computed from summed totals (never averages of
percentages) with the default definitions of :mod:`xlcc.kpi`.
"""

import datetime as dt
import io
import unicodedata
from dataclasses import dataclass, field

import numpy as np

from xlcc._table import parse_number, read_rows
from xlcc._validate import ArgumentError, check_choice
from xlcc.kpi import inbound, outbound

__all__ = ["GENERIC_LAYOUT", "COUNTS", "TIMES", "LEVELS", "BadRow", "Export", "read_export",
           "summarise", "write_workbook"]

GENERIC_LAYOUT = {
    "interval_start": ("interval_start", "interval", "inicio_intervalo", "intervalo", "fecha_hora"),
    "queue": ("queue", "campaign", "cola", "campana", "servicio"),
    "offered": ("offered", "ofrecidas", "recibidas"),
    "answered": ("answered", "atendidas", "contestadas"),
    "answered_within": ("answered_within", "atendidas_en_umbral", "atendidas_umbral"),
    "abandoned": ("abandoned", "abandonadas"),
    "abandoned_within": ("abandoned_within", "abandonadas_en_umbral"),
    "short_abandons": ("short_abandons", "abandonos_cortos"),
    "answer_wait": ("answer_wait", "espera_total", "tiempo_espera_total"),
    "talk": ("talk", "talk_time", "conversacion", "tiempo_conversacion"),
    "hold": ("hold", "hold_time", "retencion", "tiempo_retencion"),
    "wrap": ("wrap", "wrap_time", "acw", "posllamada", "tiempo_posllamada"),
    "transferred": ("transferred", "transferidas"),
    "dialed": ("dialed", "marcados", "registros_marcados"),
    "contacted": ("contacted", "contactados"),
    "right_party": ("right_party", "rpc", "contacto_titular", "contactos_efectivos"),
    "successful": ("successful", "exitosas", "ventas", "acuerdos"),
}
COUNTS = ("offered", "answered", "answered_within", "abandoned", "abandoned_within",
          "short_abandons", "transferred", "dialed", "contacted", "right_party", "successful")
TIMES = ("answer_wait", "talk", "hold", "wrap")
_PARTS = (("answered", "offered"), ("answered_within", "answered"), ("abandoned", "offered"),
          ("abandoned_within", "abandoned"), ("short_abandons", "abandoned"),
          ("transferred", "answered"), ("contacted", "dialed"), ("right_party", "contacted"),
          ("successful", "right_party"))


@dataclass(frozen=True)
class BadRow:
    line: int
    reason: str


@dataclass
class Export:
    """Parsed rows: start times, queue names and one float array per field found."""

    starts: list
    queues: list
    totals: dict
    bad_rows: list = field(default_factory=list)


def _key(text):
    text = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in text if not unicodedata.combining(c)).replace(" ", "_")


def _seconds(text, decimal_comma):
    """Seconds from '754', '754,5' or 'hh:mm:ss' / 'mm:ss'."""
    text = text.strip()
    if ":" in text:
        parts = [float(p) for p in text.split(":")]
        if len(parts) > 3 or any(p < 0 for p in parts):
            raise ValueError(text)
        return sum(p * 60.0 ** i for i, p in enumerate(reversed(parts)))
    return parse_number(text, decimal_comma, blank=0.0)


def _start(text):
    text = text.strip()
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S",
                "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError(f"unreadable interval start {text!r} (use YYYY-MM-DD HH:MM or DD/MM/YYYY HH:MM)")


def read_export(path, layout=GENERIC_LAYOUT, strict=False):
    """Parse an ACD interval export; bad rows are reported in ``Export.bad_rows``
    (or raise ``ArgumentError`` listing them all when ``strict``)."""
    records, decimal_comma = read_rows(path)
    if not any(cell.strip() for row in records for cell in row):
        raise ArgumentError(f"{path}: the export is empty")
    rows = iter(records)
    header = [_key(h) for h in next(rows)]
    cols = {fld: next((i for i, h in enumerate(header) if h in names), None)
            for fld, names in layout.items()}
    if cols.get("interval_start") is None:
        raise ArgumentError(f"{path}: no interval-start column (accepted headers: "
                            f"{', '.join(layout['interval_start'])})")
    present = [f for f in COUNTS + TIMES if cols.get(f) is not None]
    export = Export([], [], {f: [] for f in present})
    for line, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        try:
            start = _start(row[cols["interval_start"]])
            queue = row[cols["queue"]].strip() if cols.get("queue") is not None else ""
            values = {f: _seconds(row[cols[f]], decimal_comma) if f in TIMES
                      else parse_number(row[cols[f]], decimal_comma, blank=0.0)
                      for f in present}
        except (ValueError, IndexError) as exc:
            export.bad_rows.append(BadRow(line, f"unreadable field: {exc}"))
            continue
        reason = _row_problem(values)
        if reason:
            export.bad_rows.append(BadRow(line, reason))
            continue
        export.starts.append(start)
        export.queues.append(queue)
        for f in present:
            export.totals[f].append(values[f])
    if strict and export.bad_rows:
        raise ArgumentError(f"{path}: {len(export.bad_rows)} bad rows: " + "; ".join(
            f"line {b.line}: {b.reason}" for b in export.bad_rows))
    export.totals = {f: np.array(v) for f, v in export.totals.items()}
    return export


def _row_problem(values):
    negative = [f for f, v in values.items() if v < 0 or v != v]
    if negative:
        return f"negative or missing {', '.join(negative)}"
    for part, whole in _PARTS:
        if part in values and whole in values and values[part] > values[whole]:
            return f"{part} ({values[part]:g}) > {whole} ({values[whole]:g})"
    return ""


def _indicators(t):
    """Indicators of one group of summed totals: those whose fields the export has,
    NaN where the denominator is 0."""
    def has(*names):
        return all(n in t for n in names)
    out = {}
    if has("answered_within", "offered"):
        out["service_level"] = inbound.service_level(t["answered_within"], t["offered"])
    if has("abandoned", "offered"):
        out["abandon_rate"] = inbound.abandon_rate(t["abandoned"], t["offered"],
                                                   t.get("short_abandons", 0.0))
    if has("answer_wait", "answered"):
        out["asa_s"] = inbound.asa(t["answer_wait"], t["answered"])
    handled = t.get("answered", 0.0) or t.get("contacted", 0.0)  # outbound: contacts handled
    if has("talk", "hold", "wrap"):
        out["aht_s"] = inbound.aht(t["talk"], t["hold"], t["wrap"], handled)
    if has("transferred", "answered"):
        out["transfer_rate"] = inbound.transfer_rate(t["transferred"], t["answered"])
    if has("contacted", "dialed"):
        out["contact_rate"] = outbound.contact_rate(t["contacted"], t["dialed"])
    if has("right_party", "contacted"):
        out["right_party_rate"] = outbound.right_party_rate(t["right_party"], t["contacted"])
    if has("successful", "right_party"):
        out["effectiveness"] = outbound.effectiveness(t["successful"], t["right_party"])
    if has("successful", "dialed"):
        out["conversion"] = outbound.conversion(t["successful"], t["dialed"])
    return {k: float(v) for k, v in out.items()}


LEVELS = ("interval", "day", "total")


def summarise(export, level="day"):
    """Indicators per queue and ``level``: each interval, each day, or the whole period.

    Returns a list of dicts: ``queue``, ``period`` (the interval start, the date or
    "total"), ``intervals`` (rows summed), every summed total and every indicator
    the export's fields allow. A zero denominator gives NaN (an inbound queue has
    no contact rate, an outbound campaign no service level).
    """
    level = check_choice("level", level, LEVELS)
    period_of = {"interval": lambda start: start, "day": lambda start: start.date(),
                 "total": lambda start: "total"}[level]
    groups = {}
    for i, (start, queue) in enumerate(zip(export.starts, export.queues)):
        groups.setdefault((queue, period_of(start)), []).append(i)
    result = []
    for (queue, period), idx in sorted(groups.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
        sums = {f: float(v[idx].sum()) for f, v in export.totals.items()}
        result.append(dict(queue=queue, period=period, intervals=len(idx), **sums,
                           **_indicators(sums)))
    return result


_FRACTIONS = ("service_level", "abandon_rate", "transfer_rate", "contact_rate", "right_party_rate",
              "effectiveness", "conversion")
_SHEETS = {"es": ("datos", "indicadores"), "en": ("data", "indicators")}


def write_workbook(export, path, language="es"):
    """Write the interval data (with each interval's indicators) and the daily and
    period indicators to an .xlsx at ``path``, atomically."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from xlcc._atomic import write_atomic

    language = check_choice("language", language, tuple(_SHEETS))
    wb = Workbook()
    data = wb.active
    data.title, indicators_title = _SHEETS[language]
    sheets = ((data, summarise(export, "interval")),
              (wb.create_sheet(indicators_title),
               summarise(export, "day") + summarise(export, "total")))
    for ws, rows in sheets:
        if not rows:
            continue
        header = list(rows[0])
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r in rows:
            ws.append([None if isinstance(v, float) and v != v else v for v in r.values()])
        for j, name in enumerate(header, start=1):
            if name in _FRACTIONS:
                for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                    cell.number_format = "0.0%"
        ws.freeze_panes = "C2"
    buffer = io.BytesIO()
    wb.save(buffer)
    write_atomic(path, buffer.getvalue())
