"""From a shift design to a named roster of a contact center.

The design fixes how many agents start each shift on each weekday; the roster
gives those shifts to named agents over one or more weeks under their rules
(rest hours between shifts, days off, weekends, contract hours), then hands out
each shift's breaks: for every shift and day the agents, in roster order, take
the break times the design placed, earliest to earliest — the design's ordering
constraints make that pairing respect every break's gap.
"""

import numpy as np

from xlcc._validate import ArgumentError
from xlcc.roster.catalogue import clock
from xlcc.roster.rules import Agent, RosterProblem, RosterShift

__all__ = ["roster_problem", "team", "break_times"]


def team(n, *, weeks=1, max_week_hours=48.0, min_week_hours=0.0, max_consecutive_days=6,
         min_consecutive_days_off=1, max_weekends=None, shift_types=(), prefix="Agent",
         first=1):
    """``n`` agents with the same contract: paid hours within [``min_week_hours``,
    ``max_week_hours``] in every week of the ``weeks`` weeks (and so over them), at most
    ``max_consecutive_days`` working days in a row, days off in runs of at least
    ``min_consecutive_days_off``, at most ``max_weekends`` weekends worked (default
    all), only ``shift_types`` (default all); named "Agent 001" from ``first``."""
    if n < 1:
        raise ArgumentError(f"the team needs at least 1 agent; got {n}")
    return tuple(Agent(f"{prefix} {i:03d}", min_minutes=min_week_hours * 60 * weeks,
                       max_minutes=max_week_hours * 60 * weeks,
                       min_week_minutes=min_week_hours * 60,
                       max_week_minutes=max_week_hours * 60,
                       max_consecutive_days=max_consecutive_days,
                       min_consecutive_days_off=min_consecutive_days_off,
                       max_weekends=weeks if max_weekends is None else max_weekends,
                       shift_types=tuple(shift_types))
                 for i in range(first, first + n))


def roster_problem(design, agents, *, weeks=1, min_rest_hours=12.0, under_weight=100.0,
                   over_weight=10.0, fairness=None):
    """The :class:`RosterProblem` that staffs ``design``'s shifts for ``weeks`` weeks.

    Each shift used by the design is a roster shift (code "M 07:00-15:00", its
    clock times and paid minutes); the cover of weekday ``d`` repeats every week.
    ``under_weight``/``over_weight`` are the cost of a design shift left unstaffed
    or staffed once too often; ``fairness`` weights the spread of nights, late
    shifts and weekends (default 1 each).
    """
    cand = design.candidates
    used = design.shifts_used
    if design.days % 7:
        raise ArgumentError(f"a weekly roster needs a design of whole weeks; got {design.days} "
                            "days")
    shifts = tuple(RosterShift(cand.code(j), int(cand.start_min[j]), int(cand.length_min[j]),
                               int(cand.length_min[j] - cand.unpaid_min(j)),
                               type_code=cand.catalogue[cand.type_index[j]].code) for j in used)
    counts = design.counts[used].T  # (design days, shifts)
    reps = max(1, weeks * 7 // design.days)
    cover = np.tile(counts, (reps, 1))
    return RosterProblem(days=cover.shape[0], shifts=shifts, agents=tuple(agents), cover=cover,
                         under_weight=under_weight, over_weight=over_weight,
                         min_rest_hours=min_rest_hours,
                         fairness={"night": 1.0, "late": 1.0, "weekend": 1.0}
                         if fairness is None else fairness)


def break_times(design, roster):
    """{(agent, day): ["lunch 12:30", ...]}: each agent's breaks on each worked day."""
    cand = design.candidates
    used = list(design.shifts_used)
    slot = design.slot_min
    out = {}
    for d in range(roster.grid.shape[1]):
        dd = d % design.days
        for k, j in enumerate(used):
            agents = np.flatnonzero(roster.grid[:, d] == k)
            items = design.break_counts.get((j, dd), ())
            brks = cand.catalogue[cand.type_index[j]].breaks
            for (first, _, counts), b in zip(items, brks):
                offsets = np.repeat(first + np.arange(counts.size), counts)
                for e, off in zip(agents, offsets):
                    at = cand.start_min[j] + off * slot
                    out.setdefault((roster.problem.agents[e].name, d), []).append(
                        f"{b.name} {clock(at)}")
    return out
