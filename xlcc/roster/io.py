"""Reading roster inputs (CSV files or a workbook's sheets) and writing rosters.

Tables, one header row each, English or Spanish headers:

* shift types — ``code, name, earliest_start, latest_start, min_length, max_length,
  days`` (``codigo, nombre, inicio_min, inicio_max, duracion_min, duracion_max,
  dias``). Times ``HH:MM``; lengths ``HH:MM`` or hours (``8``, ``8.5``); days
  ``*``, ``Mon-Fri``, ``Sat,Sun`` (or ``Lun-Vie``, ``Sáb,Dom``).
* breaks — ``shift, name, duration, earliest_after_start, latest_before_end, paid,
  min_gap`` (``turno, nombre, duracion, despues_de_inicio, antes_de_fin, pagado,
  separacion``), minutes; ``paid`` yes/no (sí/no, 1/0).
* requirements — ``interval`` labels ``Mon 07:00`` and an ``agents`` column
  (``intervalo``, ``agentes``), or a forecast with ``calls`` and ``aht`` that is
  staffed with Erlang C first. Intervals not listed need 0 agents.

A workbook holds the same tables on sheets named ``shifts``/``turnos``,
``breaks``/``descansos`` and ``requirements``/``requerimientos`` (or
``forecast``/``pronostico``).
"""

import csv
import io
import re

import numpy as np

from xlcc._atomic import write_atomic
from xlcc._table import parse_number, read_rows
from xlcc._validate import ArgumentError
from xlcc.roster.catalogue import DAY_NAMES, Break, ShiftType, clock

__all__ = ["read_tables", "shift_types", "requirements_from", "write_roster"]

_DAYS = {**{d.lower(): i for i, d in enumerate(DAY_NAMES)},
         **{d: i for i, d in enumerate(("lun", "mar", "mié", "jue", "vie", "sáb", "dom"))},
         "mie": 2, "sab": 5}
_SHEETS = {"shifts": ("shifts", "turnos"), "breaks": ("breaks", "descansos"),
           "requirements": ("requirements", "requerimientos", "forecast", "pronostico",
                            "pronóstico")}
_COLUMNS = {
    "code": ("code", "codigo", "código"), "name": ("name", "nombre"),
    "earliest_start": ("earliest_start", "inicio_min"), "latest_start": ("latest_start",
                                                                         "inicio_max"),
    "min_length": ("min_length", "duracion_min", "duración_min"),
    "max_length": ("max_length", "duracion_max", "duración_max"), "days": ("days", "dias", "días"),
    "shift": ("shift", "turno"), "duration": ("duration", "duracion", "duración"),
    "earliest_after_start": ("earliest_after_start", "despues_de_inicio", "después_de_inicio"),
    "latest_before_end": ("latest_before_end", "antes_de_fin"), "paid": ("paid", "pagado"),
    "min_gap": ("min_gap", "separacion", "separación"),
    "interval": ("interval", "intervalo"), "agents": ("agents", "agentes", "required",
                                                      "requeridos"),
}


def read_tables(path):
    """{"shifts"|"breaks"|"requirements": (rows, decimal_comma, where)} from a workbook
    (its sheets) or {"requirements": ...} from a CSV file."""
    if str(path).lower().endswith((".xlsx", ".xlsm")):
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
        out = {}
        for key, names in _SHEETS.items():
            # names in order of preference: a requirements sheet wins over a forecast one
            by_name = {n.strip().lower(): n for n in wb.sheetnames}
            sheet = next((wb[by_name[name]] for name in names if name in by_name), None)
            if sheet is not None:
                rows = [["" if v is None else _cell_text(v) for v in row]
                        for row in sheet.iter_rows(values_only=True)]
                out[key] = (rows, False, f"{path} sheet {sheet.title!r}")
        wb.close()
        return out
    rows, comma = read_rows(path)
    return {"requirements": (rows, comma, str(path))}


def _cell_text(v):
    if hasattr(v, "hour") and hasattr(v, "minute"):  # a time cell
        return f"{v.hour:02d}:{v.minute:02d}"
    if isinstance(v, float) and 0 <= v < 1:  # an Excel time as a day fraction
        return clock(round(v * 1440))
    return str(v)


def _header(rows, where, needed):
    if not rows:
        raise ArgumentError(f"{where}: the table is empty")
    head = [h.strip().lower() for h in rows[0]]
    cols = {}
    for key in needed:
        found = [i for i, h in enumerate(head) if h in _COLUMNS[key]]
        if found:
            cols[key] = found[0]
    return head, cols


def _require(cols, keys, head, where):
    for key in keys:
        if key not in cols:
            raise ArgumentError(f"{where}: no '{key}' column (accepted headers: "
                                f"{', '.join(_COLUMNS[key])}); found {', '.join(head)}")


def _minutes(text, where, what, hours=False):
    t = text.strip()
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", t)
    if m:
        return int(m.group(1)) * 60 + int(m.group(2))
    try:
        value = float(t.replace(",", "."))
    except ValueError:
        raise ArgumentError(f"{where}: {what} must be HH:MM{' or hours' if hours else ''}; "
                            f"got {text!r}") from None
    return round(value * 60) if hours else round(value)


def _days(text, where):
    t = text.strip().lower()
    if t in ("*", "", "all", "todos"):
        return tuple(range(7))
    out = []
    for part in t.split(","):
        ends = [p.strip() for p in part.split("-")]
        try:
            idx = [_DAYS[e[:3]] for e in ends]
        except KeyError:
            raise ArgumentError(f"{where}: days must be *, Mon-Fri or Sat,Sun (Lun-Vie, "
                                f"Sáb,Dom); got {text!r}") from None
        out += list(range(idx[0], idx[-1] + 1)) if idx[-1] >= idx[0] else \
            list(range(idx[0], 7)) + list(range(0, idx[-1] + 1))
    return tuple(sorted(set(out)))


def _getter(row, cols):
    """get(column, default): the row's cell under a header, or ``default``."""
    return lambda key, default="": row[cols[key]] if key in cols and cols[key] < len(row) \
        else default


def shift_types(shift_rows, break_rows=None):
    """The catalogue (tuple of ShiftType) from shift-type and break tables."""
    rows, _, where = shift_rows
    head, cols = _header(rows, where, ("code", "name", "earliest_start", "latest_start",
                                       "min_length", "max_length", "days"))
    _require(cols, ("code", "earliest_start", "latest_start", "min_length", "max_length"), head,
             where)
    brk = {}
    if break_rows is not None:
        brows, comma, bwhere = break_rows
        bhead, bcols = _header(brows, bwhere, ("shift", "name", "duration",
                                               "earliest_after_start", "latest_before_end",
                                               "paid", "min_gap"))
        _require(bcols, ("shift", "duration", "earliest_after_start", "latest_before_end"),
                 bhead, bwhere)
        for n, row in enumerate(brows[1:], start=2):
            if not any(c.strip() for c in row):
                continue
            at = f"{bwhere}, line {n}"
            get = _getter(row, bcols)
            try:
                brk.setdefault(get("shift").strip(), []).append(Break(
                    round(parse_number(get("duration"), comma)),
                    round(parse_number(get("earliest_after_start"), comma)),
                    round(parse_number(get("latest_before_end"), comma)),
                    get("paid", "yes").strip().lower() not in ("no", "0", "false", "falso"),
                    round(parse_number(get("min_gap", "0"), comma, blank=0.0)),
                    get("name", "break").strip() or "break"))
            except ValueError:
                raise ArgumentError(f"{at}: break minutes must be numbers; got {row!r}") from None
    types = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        at = f"{where}, line {n}"
        get = _getter(row, cols)
        code = get("code").strip()
        start, latest = (_minutes(get(k), at, k) for k in ("earliest_start", "latest_start"))
        if latest < start:  # a window across midnight: 22:00 to 01:00
            latest += 1440
        types.append(ShiftType(code, start, latest, _minutes(get("min_length"), at, "min_length",
                                                              True),
                               _minutes(get("max_length"), at, "max_length", True),
                               _days(get("days", "*"), at), tuple(brk.pop(code, ())),
                               get("name").strip()))
    if brk:
        raise ArgumentError(f"breaks name unknown shift types: {', '.join(sorted(brk))}")
    return tuple(types)


def _slot_of(label, slot_min, where):
    m = re.fullmatch(r"\s*(\w{3})\w*\.?\s+(\d{1,2}):(\d{2})\s*", label.lower())
    if not m or m.group(1) not in _DAYS:
        raise ArgumentError(f"{where}: interval must look like 'Mon 09:30' (or 'Lun 09:30'); "
                            f"got {label!r}")
    minute = int(m.group(2)) * 60 + int(m.group(3))
    if minute % slot_min:
        raise ArgumentError(f"{where}: interval {label!r} is not on the {slot_min}-minute grid")
    return _DAYS[m.group(1)] * (1440 // slot_min) + minute // slot_min


def requirements_from(table, slot_min, staff=None):
    """Agents needed per slot, (7, slots per day), from a requirements table; a
    forecast (calls, aht) is staffed by ``staff(calls, aht)`` (agents per row)."""
    rows, comma, where = table
    head, cols = _header(rows, where, ("interval", "agents"))
    _require(cols, ("interval",), head, where)
    calls_col = next((i for i, h in enumerate(head) if h in ("calls", "llamadas")), None)
    aht_col = next((i for i, h in enumerate(head) if h in ("aht", "tmo")), None)
    if "agents" not in cols and (calls_col is None or aht_col is None or staff is None):
        raise ArgumentError(f"{where}: needs an 'agents' column, or 'calls' and 'aht' to staff "
                            f"with Erlang C; found {', '.join(head)}")
    slots, values = [], []
    for n, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        at = f"{where}, line {n}"
        slots.append(_slot_of(row[cols["interval"]], slot_min, at))
        try:
            if "agents" in cols:
                values.append(parse_number(row[cols["agents"]], comma))
            else:
                values.append((parse_number(row[calls_col], comma),
                               parse_number(row[aht_col], comma)))
        except (ValueError, IndexError):
            raise ArgumentError(f"{at}: numbers expected; got {row!r}") from None
    if "agents" not in cols:
        calls, aht = np.array(values).T
        values = staff(calls, aht)
    req = np.zeros(7 * 1440 // slot_min)
    req[np.array(slots, dtype=np.int64)] = values
    return req.reshape(7, -1)


def write_roster(path, design, roster, breaks, quality, lang="en"):
    """Write the roster atomically: ``.csv`` the agent x day grid; ``.xlsx`` a
    workbook with the grid, shift counts, breaks, coverage and quality."""
    from xlcc.roster.report import coverage_rows

    days = [f"{DAY_NAMES[d % 7]} {d // 7 + 1}" if roster.grid.shape[1] > 7 else DAY_NAMES[d]
            for d in range(roster.grid.shape[1])]
    codes = roster.codes()
    hours = roster.paid_hours()
    names = [a.name for a in roster.problem.agents]
    grid = [["agent"] + days + ["paid hours"]] + [[n] + list(r) + [f"{h:g}"] for n, r, h in
                                                   zip(names, codes, hours)]
    if str(path).lower().endswith(".csv"):
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(grid)
        write_atomic(path, buf.getvalue().encode("utf-8"))
        return
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    es = lang == "es"
    wb = Workbook()
    ws = wb.active
    ws.title = "malla" if es else "roster"
    fills = {}
    palette = ("FFF2CC", "DDEBF7", "E2EFDA", "FCE4D6", "EDE7F6", "D9D9D9")
    for r, row in enumerate(grid, start=1):
        for c, v in enumerate(row, start=1):
            cell = ws.cell(r, c, float(v) if r > 1 and c == len(row) else v)
            if r == 1:
                cell.font = Font(bold=True)
            elif 1 < c < len(row) and v:
                kind = v.split()[0]
                fills.setdefault(kind, PatternFill("solid", fgColor=palette[len(fills) %
                                                                            len(palette)]))
                cell.fill = fills[kind]
    ws.freeze_panes = "B2"
    cand = design.candidates
    sh = wb.create_sheet("turnos" if es else "shifts")
    sh.append(["shift", "type", "start", "end", "paid hours"] + list(DAY_NAMES[:design.days]))
    for j in design.shifts_used:
        sh.append([cand.code(j), cand.catalogue[cand.type_index[j]].code,
                   clock(cand.start_min[j]), clock(cand.start_min[j] + cand.length_min[j]),
                   (cand.length_min[j] - cand.unpaid_min(j)) / 60.0]
                  + [int(v) for v in design.counts[j]])
    br = wb.create_sheet("descansos" if es else "breaks")
    br.append(["agent", "day", "breaks"])
    for (agent, d), items in sorted(breaks.items()):
        br.append([agent, days[d], ", ".join(items)])
    cv = wb.create_sheet("cobertura" if es else "coverage")
    header, rows = coverage_rows(design)
    cv.append(list(header))
    for row in rows:
        cv.append([row[0]] + [float(v) for v in row[1:]])
    qs = wb.create_sheet("calidad" if es else "quality")
    for key, value in vars(quality).items():
        qs.append([key, value])
    qs.append(["design status", design.status])
    qs.append(["roster status", roster.status])
    buf = io.BytesIO()
    wb.save(buf)
    write_atomic(path, buf.getvalue())
