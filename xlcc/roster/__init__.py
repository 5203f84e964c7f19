"""Shift rosters ("malla de turnos"): shift catalogue, shift design, named rosters.

Requirements per interval -> :func:`design_shifts` (how many agents start which
shift on which day, a MILP solved by HiGHS) -> :func:`assign_roster` (who works
what, under labour rules) -> :mod:`report` and an independent :mod:`validate`.
"""
