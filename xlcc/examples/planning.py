"""The bundled planning workbook: a forecast and staffing plan that uses xlcc functions.

``build(path, weeks=4, interval_min=30)`` writes a realistic workbook with openpyxl:
an ``Inputs`` sheet (service-level target, answer time, AHT, patience,
shrinkage), a ``Forecast`` of calls per interval, a ``Staffing`` sheet with
``ERLANGC_AGENTS``, ``ERLANGC_SL``, ``ERLANGA_AGENTS`` and ``ERLANGA_ABANDON``
per interval, and ``Daily`` and ``Weekly`` summaries with SUMIFS, SUMPRODUCT,
INDEX/MATCH, VLOOKUP and COUNTIF across sheets. About 8,000 formulas for 4
weeks of 30-minute intervals. It is the example ``xlcc recalc`` runs and the
workbook the recalculation benchmark times; its cached values are empty until
it is recalculated.

Run ``python -m xlcc.examples.planning PATH`` to write it.
"""

import datetime as dt
import math
import sys

__all__ = ["build", "EXAMPLE"]

EXAMPLE = "planning_4weeks.xlsx"
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _calls(day, slot, per_day):
    """A smooth two-peak daily profile (calls per interval), lower at weekends."""
    h = (slot + 0.5) * 24.0 / per_day
    shape = math.exp(-((h - 10.5) / 2.2) ** 2) + 0.8 * math.exp(-((h - 15.5) / 2.5) ** 2)
    level = 0.6 if day % 7 >= 5 else 1.0
    return round(4 + 150 * level * shape * (1 + 0.03 * ((day * 7 + slot) % 5 - 2)))


def build(path, weeks=4, interval_min=30, start=dt.date(2027, 1, 4)):
    """Write the planning workbook to ``path`` (``interval_min`` in minutes)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    per_day = 24 * 60 // interval_min
    days = 7 * weeks
    wb = Workbook()
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="FFF2CC")
    inputs = wb.active
    inputs.title = "Inputs"
    params = [("Service-level target (fraction)", 0.8), ("Answer time (s)", 20),
              ("Average handle time (s)", 240), ("Patience (s)", 90),
              ("Shrinkage (fraction)", 0.3), ("Interval (min)", interval_min)]
    for r, (label, value) in enumerate(params, 1):
        inputs.cell(r, 1, label).font = bold
        inputs.cell(r, 2, value).fill = fill
    inputs.column_dimensions["A"].width = 34
    for r, name in enumerate(_DAYS, 9):  # a lookup table for VLOOKUP
        inputs.cell(r, 1, r - 8)
        inputs.cell(r, 2, name)

    fc = wb.create_sheet("Forecast")
    st = wb.create_sheet("Staffing")
    for ws, head in ((fc, ["Date", "Time", "Calls"]),
                     (st, ["Time", "Calls", "Erlang C agents", "Service level",
                           "Erlang A agents", "Abandon rate", "Scheduled agents"])):
        for c, h in enumerate(head, 1):
            ws.cell(1, c, h).font = bold
        ws.freeze_panes = "A2"
    row = 2
    for day in range(days):
        date = start + dt.timedelta(days=day)
        for slot in range(per_day):
            fc.cell(row, 1, date).number_format = "yyyy-mm-dd"
            fc.cell(row, 2, dt.time(slot * interval_min // 60, slot * interval_min % 60))
            fc.cell(row, 3, _calls(day, slot, per_day))
            r = row
            st.cell(r, 1, dt.time(slot * interval_min // 60, slot * interval_min % 60))
            st.cell(r, 2, f"=Forecast!C{r}")
            st.cell(r, 3, f"=ERLANGC_AGENTS(B{r},Inputs!$B$3,Inputs!$B$1,Inputs!$B$2,"
                          f"Inputs!$B$6)")
            st.cell(r, 4, f"=ERLANGC_SL(C{r},B{r},Inputs!$B$3,Inputs!$B$2,Inputs!$B$6)")
            st.cell(r, 5, f"=ERLANGA_AGENTS(B{r},Inputs!$B$3,Inputs!$B$4,Inputs!$B$1,"
                          f"Inputs!$B$2,Inputs!$B$6)")
            st.cell(r, 6, f"=ERLANGA_ABANDON(E{r},B{r},Inputs!$B$3,Inputs!$B$4,Inputs!$B$6)")
            st.cell(r, 7, f"=ROUNDUP(E{r}/(1-Inputs!$B$5),0)")
            row += 1
    last = row - 1
    rng = lambda col: f"Staffing!${col}$2:${col}${last}"  # noqa: E731
    dates = f"Forecast!$A$2:$A${last}"

    daily = wb.create_sheet("Daily")
    head = ["Date", "Weekday", "Calls", "Agent-hours", "Service level", "Peak agents",
            "Peak time", "Intervals below target", "Abandon rate"]
    for c, h in enumerate(head, 1):
        daily.cell(1, c, h).font = bold
    for d in range(days):
        r = d + 2
        daily.cell(r, 1, start + dt.timedelta(days=d)).number_format = "yyyy-mm-dd"
        daily.cell(r, 2, f"=VLOOKUP(WEEKDAY(A{r},2),Inputs!$A$9:$B$15,2,FALSE)")
        daily.cell(r, 3, f"=SUMIFS({rng('B')},{dates},A{r})")
        daily.cell(r, 4, f"=SUMIFS({rng('G')},{dates},A{r})*Inputs!$B$6/60")
        first, end = 2 + d * per_day, 1 + (d + 1) * per_day
        daily.cell(r, 5, f"=IFERROR(SUMPRODUCT(Staffing!B{first}:B{end},"
                         f"Staffing!D{first}:D{end})/C{r},0)")
        daily.cell(r, 6, f"=MAX(Staffing!G{first}:G{end})")
        daily.cell(r, 7, f"=INDEX(Forecast!B{first}:B{end},MATCH(F{r},"
                         f"Staffing!G{first}:G{end},0))").number_format = "hh:mm"
        daily.cell(r, 8, f"=COUNTIF(Staffing!D{first}:D{end},\"<\"&Inputs!$B$1)")
        daily.cell(r, 9, f"=IFERROR(SUMPRODUCT(Staffing!B{first}:B{end},"
                         f"Staffing!F{first}:F{end})/C{r},0)")
    weekly = wb.create_sheet("Weekly")
    for c, h in enumerate(["Week", "From", "To", "Calls", "Agent-hours", "Service level",
                           "Peak agents"], 1):
        weekly.cell(1, c, h).font = bold
    for w in range(weeks):
        r, d1, d2 = w + 2, 2 + 7 * w, 8 + 7 * w
        weekly.cell(r, 1, w + 1)
        weekly.cell(r, 2, f"=Daily!A{d1}").number_format = "yyyy-mm-dd"
        weekly.cell(r, 3, f"=Daily!A{d2}").number_format = "yyyy-mm-dd"
        weekly.cell(r, 4, f"=SUM(Daily!C{d1}:C{d2})")
        weekly.cell(r, 5, f"=SUM(Daily!D{d1}:D{d2})")
        weekly.cell(r, 6, f"=SUMPRODUCT(Daily!C{d1}:C{d2},Daily!E{d1}:E{d2})/D{r}")
        weekly.cell(r, 7, f"=MAX(Daily!F{d1}:F{d2})")
    wb.save(path)
    return path


if __name__ == "__main__":
    build(sys.argv[1] if len(sys.argv) > 1 else EXAMPLE)
