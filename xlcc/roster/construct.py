"""A first roster for large teams, built in two exact steps, for the search to improve.

With a hundred agents, a month and dozens of shifts the whole model has hundreds
of thousands of binaries and HiGHS may not find any roster in a minute. Shifts of
the same type, paid length and start band are interchangeable for every rule, so:

1. **Working days**: agent by agent, the same roster model for that agent alone
   over shift *groups* (type, paid minutes, a band of start times) instead of
   shifts, covering what the agents before left uncovered — every day-level rule
   (days off, runs, weekends, contract minutes, one shift a day) is exact there,
   the rest rule is applied to the groups' envelopes (so it holds for any of their
   shifts), and each model is tiny.
2. **Shifts**: day by day, the agents working a group get that day's shifts of
   the group by a minimum-cost assignment (:func:`scipy.optimize.linear_sum_assignment`)
   that forbids any shift breaking the rest rule after the agent's earlier days.

:func:`~xlcc.roster.assign.assign_roster` checks the result by fixing it in the
whole model before improving it.
"""

import dataclasses

import numpy as np
from scipy.optimize import linear_sum_assignment

from xlcc.roster.rules import RosterProblem, RosterShift, rest_conflicts

__all__ = ["first_roster"]

_FORBIDDEN = 1e9
_BAND_MIN = 120  # start times within a band share a group


def _groups(problem):
    """Group index per shift and one envelope RosterShift per group.

    A group is a shift type, a paid length and a two-hour band of start times; its
    envelope starts at the group's earliest start and ends at its latest end, so a
    rest rule met by the envelopes is met by any two of their shifts.
    """
    if any(s.start_min is None for s in problem.shifts):
        keys = [(s.type_code, s.paid, s.code) for s in problem.shifts]  # no clock: no bands
    else:
        keys = [(s.type_code, s.paid, s.start_min // _BAND_MIN) for s in problem.shifts]
    uniq = list(dict.fromkeys(keys))
    index = np.array([uniq.index(k) for k in keys])
    shifts = []
    for g, (t, paid, _) in enumerate(uniq):
        members = [problem.shifts[k] for k in np.flatnonzero(index == g)]
        if members[0].start_min is None:
            start, length = None, members[0].length_min
        else:
            start = min(m.start_min for m in members)
            length = max(m.start_min + m.length_min for m in members) - start
        shifts.append(RosterShift(f"G{g}", start, length, int(paid), tags=(), type_code=t))
    return index, tuple(shifts)


def first_roster(problem, time_limit_s, assign):
    """Agent x day grid of shift indices (-1 off), or None when the agents' own rules
    (per-shift limits, requests) need the whole model. ``assign`` is the roster
    solver used for step 1."""
    if any(a.max_shifts or a.shift_requests or a.avoid_requests for a in problem.agents):
        return None
    group_of, group_shifts = _groups(problem)
    codes = [s.code for s in group_shifts]
    forbidden = tuple({(codes[group_of[problem.codes.index(a)]],
                        codes[group_of[problem.codes.index(b)]]) for a, b in problem.forbidden})
    cover = np.asarray(problem.cover, float)
    group_cover = np.stack([cover[:, group_of == g].sum(axis=1)
                            for g in range(len(group_shifts))], axis=1)
    E = len(problem.agents)
    plan = np.full((E, problem.days), -1)
    left = group_cover.copy()
    # most restricted agents first: they have the fewest ways to help
    order = sorted(range(E), key=lambda e: len(problem.agents[e].shift_types) or 10 ** 6)
    for e in order:
        alone = dataclasses.replace(problem, agents=(problem.agents[e],), shifts=group_shifts,
                                    cover=np.maximum(left, 0.0), forbidden=forbidden,
                                    fairness={},
                                    under_weight=np.max(problem.under_weight),
                                    over_weight=np.max(problem.over_weight))
        plan[e] = assign(alone, time_limit_s=time_limit_s / E).grid[0]
        worked = plan[e] >= 0
        left[np.flatnonzero(worked), plan[e][worked]] -= 1
    conflicts = rest_conflicts(problem)
    lags = max((lag for _, _, lag in conflicts), default=0)
    D = problem.days
    grid = np.full((E, D), -1)
    for d in range(D):
        for g in range(len(group_shifts)):
            agents = np.flatnonzero(plan[:, d] == g)
            if not agents.size:
                continue
            members = np.flatnonzero(group_of == g)
            wanted = np.repeat(members, cover[d, members].astype(int))
            if wanted.size < agents.size:  # more agents than shifts: extra on the busiest
                extra = members[np.argsort(-cover[d, members], kind="stable")]
                wanted = np.r_[wanted, np.resize(extra, agents.size - wanted.size)]
            cost = np.zeros((agents.size, wanted.size))
            for lag in range(1, min(lags, d) + 1):
                before = grid[agents, d - lag]
                for a, b, gap in conflicts:
                    if gap == lag:
                        cost[np.ix_(before == a, wanted == b)] = _FORBIDDEN
            rows, cols = linear_sum_assignment(cost)
            if (cost[rows, cols] >= _FORBIDDEN).any():
                return None  # the rest rule leaves some agent no shift of the group
            grid[agents[rows], d] = wanted[cols]
    return grid
