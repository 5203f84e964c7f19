"""Shift-roster worksheet functions (ROSTER_*): whole tables in, a table out.

Sheet layout (the one a planner keeps): a requirement or coverage table has one
row per interval of the day and one column per day (Monday first); a shift table
has one row per shift with its start as an Excel time (07:00 is 0.2917; a start
after midnight of the next day may go up to 2, i.e. 48:00) and its length in
hours; shift counts have one row per shift and one column per day.

A solve does not rerun on recalculation: ``ROSTER_DESIGN`` keeps the designs it
has solved in this Excel session, keyed by its inputs, so recalculating (F9,
opening the workbook, editing another cell) returns the kept design at once and
only a change in the requirements, the shift table or the options solves again.
To freeze a design, copy it and paste values. Named rosters under labour rules
are solved by ``xlcc roster`` (see the README), not in a cell.
"""

from collections import OrderedDict

import numpy as np

from xlcc._validate import ArgumentError
from xlcc.functions.spec import Arg, Spec

_DAY_MIN = 1440.0
_KEPT = OrderedDict()  # inputs -> design counts, most recent last
_KEEP = 32


def _shifts(shift_table):
    """(start_min, length_min) from a shift table (start as day fraction, hours)."""
    table = np.atleast_2d(shift_table)
    if table.shape[1] < 2:
        raise ArgumentError(f"shift_table must have two columns, start (time) and length "
                            f"(hours); got {table.shape[1]} column(s)")
    return np.round(table[:, 0] * _DAY_MIN, 6), np.round(table[:, 1] * 60.0, 6)


def coverage(shift_starts, shift_table, interval, cyclic):
    from xlcc.roster import report  # scipy and the solver load on first use, not with Excel

    start, length = _shifts(shift_table)
    return report.shift_coverage(np.atleast_2d(shift_starts), start, length,
                                 float(interval), bool(cyclic)).T


def design(requirements, shift_table, interval, time_limit, under_weight):
    from xlcc.roster import design as roster_design

    start, length = _shifts(shift_table)
    req = np.atleast_2d(requirements).T  # Excel: intervals down, days across
    key = (req.tobytes(), req.shape, start.tobytes(), length.tobytes(), float(interval),
           float(time_limit), float(under_weight))
    if key not in _KEPT:
        counts, _ = roster_design.design_fixed_shifts(
            req, start, length, float(interval), time_limit_s=float(time_limit),
            weights=roster_design.DesignWeights(under=float(under_weight), over=1.0))
        _KEPT[key] = counts + 0.0  # no -0.0 in a cell
        while len(_KEPT) > _KEEP:
            _KEPT.popitem(last=False)
    _KEPT.move_to_end(key)
    return _KEPT[key]


SHIFT_TABLE = Arg("shift_table", "time, hours",
                  "One row per shift: start (Excel time) and length (hours)",
                  "Una fila por turno: inicio (hora de Excel) y duración (horas)")
INTERVAL = Arg("interval", "minutes", "Interval length (default 30)",
               "Duración del intervalo (predeterminado 30)", default=30.0)

SPECS = (
    Spec("ROSTER_COVERAGE", coverage,
         "Agents present per interval (rows) and day (columns) for the shift counts given, "
         "breaks not deducted.",
         "Agentes presentes por intervalo (filas) y día (columnas) para los turnos dados, sin "
         "descontar descansos.",
         (Arg("shift_starts", "agents", "Agents starting each shift (rows) on each day "
                                        "(columns, Monday first)",
              "Agentes que inician cada turno (filas) cada día (columnas, lunes primero)"),
          SHIFT_TABLE, INTERVAL,
          Arg("cyclic", "TRUE/FALSE", "The week wraps: Sunday's night shift covers Monday "
                                      "(default TRUE)",
              "La semana es cíclica: el turno nocturno del domingo cubre el lunes "
              "(predeterminado VERDADERO)", default=1.0)),
         ([[2, 1]], [[0.25, 8]], 60), ranges=True),
    Spec("ROSTER_DESIGN", design,
         "Optimal agents to start each shift (rows) on each day (columns) for a table of "
         "required agents per interval and day; solved once per set of inputs.",
         "Agentes óptimos que inician cada turno (filas) cada día (columnas) para una tabla de "
         "agentes requeridos por intervalo y día; se resuelve una vez por cada conjunto de "
         "datos.",
         (Arg("requirements", "agents", "Required agents: one row per interval of the day, "
                                        "one column per day (Monday first)",
              "Agentes requeridos: una fila por intervalo del día, una columna por día "
              "(lunes primero)"),
          SHIFT_TABLE, INTERVAL,
          Arg("time_limit", "seconds", "Longest time to search (default 20)",
              "Tiempo máximo de búsqueda (predeterminado 20)", default=20.0),
          Arg("under_weight", "ratio", "Cost of an agent-hour short vs 1 for an hour over "
                                       "(default 4)",
              "Costo de una hora-agente faltante frente a 1 por una sobrante (predeterminado 4)",
              default=4.0)),
         ([[0]] * 6 + [[3]] * 8 + [[0]] * 10, [[0.25, 8], [0.375, 8]], 60), ranges=True),
)
