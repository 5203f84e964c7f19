"""Staffing plan for a forecast: agents needed per interval, with totals.

A forecast is a CSV with one row per interval and the columns ``interval``
(a label such as ``Mon 09:30``), ``calls`` (calls offered in the interval) and
``aht`` (average handle time, seconds). Spanish headers ``intervalo``,
``llamadas`` and ``tmo`` are accepted too, and so are files exported by a
Spanish-locale Excel: ``;`` as separator and ``,`` as decimal mark.
"""

import csv
import io
from dataclasses import dataclass

import numpy as np

from xlcc._atomic import write_atomic
from xlcc._table import parse_number, read_rows
from xlcc._validate import ArgumentError
from xlcc.erlang import (agents_for_service_level, asa, erlang_a_abandon_probability,
                         erlang_a_agents_for_service_level, erlang_a_asa, erlang_a_occupancy,
                         erlang_a_service_level, occupancy, scheduled_agents, service_level,
                         traffic_erl)

__all__ = ["Forecast", "StaffingPlan", "read_forecast", "staff_forecast", "write_plan_csv"]

_ALIASES = {
    "interval": ("interval", "intervalo", "franja", "time", "hora"),
    "calls": ("calls", "llamadas", "volume", "volumen", "offered"),
    "aht": ("aht", "tmo", "aht_s", "handle_time"),
}


@dataclass(frozen=True)
class Forecast:
    """Interval labels, calls offered per interval and AHT in seconds."""

    labels: tuple
    calls: np.ndarray
    aht_s: np.ndarray


@dataclass(frozen=True)
class StaffingPlan:
    """Agents per interval for a forecast and the service they deliver.

    ``agents`` are agents on the phones; ``scheduled`` adds shrinkage.
    ``service_level`` and ``occupancy`` are fractions 0-1, ``asa_s`` seconds;
    ``abandon`` is the abandonment fraction (zero under Erlang C).
    """

    forecast: Forecast
    interval_min: float
    model: str
    traffic_erl: np.ndarray
    agents: np.ndarray
    scheduled: np.ndarray
    service_level: np.ndarray
    asa_s: np.ndarray
    occupancy: np.ndarray
    abandon: np.ndarray

    @property
    def agent_hours(self):
        """Scheduled agent-hours over the whole forecast."""
        return float(self.scheduled.sum() * self.interval_min / 60.0)

    @property
    def total_calls(self):
        return float(self.forecast.calls.sum())

    def weighted(self, values):
        """Call-weighted mean of a per-interval measure (NaN without calls)."""
        calls = self.forecast.calls
        total = calls.sum()
        return float((values * calls).sum() / total) if total > 0 else float("nan")


def read_forecast(path):
    """Read a forecast CSV; raises ArgumentError naming the file, row and column."""
    rows, decimal_comma = read_rows(path)
    if not rows:
        raise ArgumentError(f"{path}: the forecast file is empty")
    header = [h.strip().lower() for h in rows[0]]
    cols = {}
    for key, names in _ALIASES.items():
        found = [i for i, h in enumerate(header) if h in names]
        if not found:
            raise ArgumentError(f"{path}: no '{key}' column (accepted headers: {', '.join(names)}); "
                                f"found {', '.join(header)}")
        cols[key] = found[0]
    labels, calls, aht = [], [], []
    for line_no, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        try:
            calls.append(parse_number(row[cols["calls"]], decimal_comma))
            aht.append(parse_number(row[cols["aht"]], decimal_comma))
        except (ValueError, IndexError):
            raise ArgumentError(f"{path}, line {line_no}: calls and aht must be numbers; "
                                f"got {row!r}") from None
        labels.append(row[cols["interval"]].strip())
    if not labels:
        raise ArgumentError(f"{path}: the forecast has a header but no intervals")
    return Forecast(tuple(labels), np.array(calls), np.array(aht))


def staff_forecast(forecast, sl_target=0.8, answer_time_s=20.0, interval_min=30.0,
                   patience_s=None, max_occupancy=1.0, shrinkage=0.0, definition="offered"):
    """Agents per interval: Erlang C, or Erlang A when ``patience_s`` is given.

    Parameters
    ----------
    forecast : Forecast
        Calls per interval and AHT (seconds).
    sl_target : float
        Service-level target, fraction in [0, 1).
    answer_time_s : float
        Answer-time threshold, seconds.
    interval_min : float
        Interval length, minutes.
    patience_s : float or None
        Mean caller patience, seconds; None for Erlang C (nobody abandons).
    max_occupancy : float
        Occupancy cap, fraction in (0, 1].
    shrinkage : float
        Fraction of paid time off the phones, in [0, 1); applied to ``scheduled``.
    definition : str
        Erlang A service-level definition: offered, answered or virtual.

    Returns
    -------
    StaffingPlan
    """
    a = traffic_erl(forecast.calls, forecast.aht_s, interval_min)
    h = forecast.aht_s
    if patience_s is None:
        n = agents_for_service_level(a, h, answer_time_s, sl_target, max_occupancy)
        measures = (service_level(n, a, h, answer_time_s), asa(n, a, h), occupancy(n, a),
                    np.zeros_like(a))
        model = "Erlang C"
    else:
        n = erlang_a_agents_for_service_level(a, h, patience_s, answer_time_s, sl_target,
                                              max_occupancy=max_occupancy, definition=definition)
        measures = (erlang_a_service_level(n, a, h, patience_s, answer_time_s, definition),
                    erlang_a_asa(n, a, h, patience_s), erlang_a_occupancy(n, a, h, patience_s),
                    erlang_a_abandon_probability(n, a, h, patience_s))
        model = f"Erlang A (patience {patience_s:g} s, SL over {definition})"
    return StaffingPlan(forecast, float(interval_min), model, a, n,
                        scheduled_agents(n, shrinkage), *measures)


def plan_rows(plan):
    """Header and rows of the plan as they are written to CSV."""
    header = ["interval", "calls", "aht_s", "traffic_erl", "agents", "scheduled",
              "service_level", "asa_s", "occupancy", "abandon"]
    f = plan.forecast
    rows = [[label, f"{c:g}", f"{h:g}", f"{a:.4f}", f"{n:g}", f"{s:g}", f"{sl:.4f}",
             f"{asa:.2f}", f"{occ:.4f}", f"{ab:.4f}"]
            for label, c, h, a, n, s, sl, asa, occ, ab in zip(
                f.labels, f.calls, f.aht_s, plan.traffic_erl, plan.agents, plan.scheduled,
                plan.service_level, plan.asa_s, plan.occupancy, plan.abandon)]
    return header, rows


def write_plan_csv(plan, path):
    """Write the plan to ``path`` atomically (temp file in the same folder + rename)."""
    header, rows = plan_rows(plan)
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    write_atomic(path, text.getvalue().encode("utf-8"))
