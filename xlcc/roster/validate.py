"""Independent validators: recompute a design's or a roster's quality from the
result alone and check every rule.

Nothing here uses the solver's model: coverage is summed shift by shift, runs of
working days are scanned day by day (numba), and the benchmark objectives are
written from their published definitions. A solver bug therefore shows up as a
disagreement between the solver's objective and the validator's.
"""

from dataclasses import dataclass, field

import numpy as np

from xlcc.roster import _kernels
from xlcc.roster.rules import rest_conflicts, shift_tags

__all__ = ["ShiftUse", "DesignCheck", "RosterCheck", "shift_uses", "check_design",
           "design_fitness", "check_roster"]

MINUTES_PER_DAY = 1440


@dataclass(frozen=True)
class ShiftUse:
    """``count`` agents work from ``start_min`` (minutes after midnight of ``day``)
    for ``length_min`` minutes; ``breaks`` lists (offset_min, duration_min, count)."""

    day: int
    start_min: int
    length_min: int
    count: int
    breaks: tuple = ()


@dataclass
class DesignCheck:
    """Coverage and quality of a design, recomputed; ``problems`` lists broken rules."""

    coverage: np.ndarray
    under: np.ndarray
    over: np.ndarray
    distinct_shifts: int
    paid_hours: float
    problems: list = field(default_factory=list)


def shift_uses(design):
    """The design's shifts as :class:`ShiftUse` rows (the validator's input)."""
    cand, slot = design.candidates, design.slot_min
    uses = []
    for j, d in zip(*np.nonzero(design.counts)):
        brk = []
        for a, dur, counts in design.break_counts.get((j, d), ()):
            brk += [((a + o) * slot, dur * slot, int(n)) for o, n in enumerate(counts) if n]
        uses.append(ShiftUse(int(d), int(cand.start_min[j]), int(cand.length_min[j]),
                             int(design.counts[j, d]), tuple(brk)))
    return uses


def check_design(uses, requirement, slot_min, cyclic, catalogue=None, type_of=None):
    """Coverage per slot of ``uses`` against ``requirement`` (days x slots, agents).

    With ``catalogue`` and ``type_of`` (a function giving each use's shift type),
    also checks that each shift has exactly its type's breaks, in their windows and
    order with their gaps (agents paired earliest to earliest).
    """
    req = np.asarray(requirement, float).ravel()
    horizon = req.size
    cov = np.zeros(horizon)
    problems = []
    paid = 0.0

    def add(from_min, to_min, agents):  # minutes from the start of the horizon
        for m in range(from_min, to_min, slot_min):
            t = m // slot_min
            if cyclic:
                cov[t % horizon] += agents
            elif 0 <= t < horizon:
                cov[t] += agents

    for u in uses:
        first = u.day * MINUTES_PER_DAY + u.start_min
        add(first, first + u.length_min, u.count)
        for off, dur, n in u.breaks:
            add(first + off, first + off + dur, -n)
        paid += u.count * u.length_min / 60.0
        if catalogue is not None:
            t = type_of(u)
            paid -= sum(b.duration_min * u.count for b in t.breaks if not b.paid) / 60.0
            problems += _check_breaks(u, t)
    distinct = len({(u.start_min % MINUTES_PER_DAY, u.length_min) for u in uses if u.count})
    return DesignCheck(cov, np.maximum(req - cov, 0), np.maximum(cov - req, 0), distinct,
                       paid, problems)


def _check_breaks(u, t):
    where = f"shift {u.start_min}+{u.length_min} min on day {u.day + 1}"
    if not t.breaks:
        return [f"{where}: has breaks its type does not define"] if u.breaks else []
    starts = []
    left = list(u.breaks)
    problems = []
    for k, b in enumerate(t.breaks):  # breaks of item k have its duration and window
        mine = sorted(x for x in left if x[1] == b.duration_min and
                      b.earliest_after_start_min <= x[0] <= u.length_min -
                      b.latest_before_end_min - b.duration_min)
        expanded = [off for off, _, n in mine for _ in range(n)][:u.count]
        if len(expanded) != u.count:
            problems.append(f"{where}: {len(expanded)} of {u.count} agents have break "
                            f"{k + 1} ({b.name}) inside its window")
        for off in expanded:
            for i, x in enumerate(left):
                if x[0] == off and x[1] == b.duration_min and x[2] > 0:
                    left[i] = (x[0], x[1], x[2] - 1)
                    break
        starts.append(sorted(expanded))
        if k and len(expanded) == len(starts[k - 1]):
            prev = t.breaks[k - 1]
            if any(s < p + prev.duration_min + b.min_gap_min
                   for p, s in zip(starts[k - 1], expanded)):
                problems.append(f"{where}: break {k + 1} ({b.name}) starts less than "
                                f"{b.min_gap_min} min after break {k} ends")
    return problems


def design_fitness(check, slot_min, w_under, w_over, w_shifts):
    """The Shift Design Problem objective (Musliu et al.): minutes under and over
    cover (person-minutes) and distinct shifts, each with its weight."""
    return (w_under * check.under.sum() * slot_min + w_over * check.over.sum() * slot_min
            + w_shifts * check.distinct_shifts)


@dataclass
class RosterCheck:
    """A roster recomputed: violated hard rules and each soft penalty."""

    violations: list
    under: float
    over: float
    requests: float
    fairness: float

    @property
    def objective(self):
        return self.under + self.over + self.requests + self.fairness


def check_roster(problem, codes):
    """Check agent x day grid ``codes`` ("" = off) against every rule of ``problem``."""
    index = {s.code: k for k, s in enumerate(problem.shifts)}
    E, D = len(problem.agents), problem.days
    grid = np.full((E, D), -1, dtype=np.int64)
    bad = []
    for e in range(E):
        for d in range(D):
            code = codes[e][d]
            if code:
                if code not in index:
                    bad.append(f"agent {problem.agents[e].name}: unknown shift {code!r} on day "
                               f"{d + 1}")
                else:
                    grid[e, d] = index[code]
    work = (grid >= 0).astype(np.int64)
    longest, short_on, short_off = (np.zeros(E, np.int64) for _ in range(3))
    _kernels.runs(work, longest, short_on, short_off)
    paid = np.array([s.paid for s in problem.shifts] + [0.0])
    weekends_worked = [sum(1 for sat, sun in problem.weekends() if (sat >= 0 and work[e, sat])
                           or (sun >= 0 and work[e, sun])) for e in range(E)]
    conflicts = rest_conflicts(problem)
    for e, a in enumerate(problem.agents):
        who = f"agent {a.name}"
        for d in a.days_off:
            if work[e, d]:
                bad.append(f"{who}: works on unavailable day {d + 1}")
        for d in range(D):
            if grid[e, d] >= 0 and not a.may_work(problem.shifts[grid[e, d]]):
                bad.append(f"{who}: works {problem.codes[grid[e, d]]} on day {d + 1}, a shift "
                           f"type outside {', '.join(a.shift_types)}")
        for code, most in a.max_shifts.items():
            n = int((grid[e] == index[code]).sum())
            if n > most:
                bad.append(f"{who}: {n} {code} shifts, at most {most}")
        minutes = paid[grid[e]].sum()
        if not a.min_minutes - 1e-9 <= minutes <= a.max_minutes + 1e-9:
            bad.append(f"{who}: {minutes:g} paid minutes, outside [{a.min_minutes:g}, "
                       f"{a.max_minutes:g}]")
        for first, end, whole in a.weeks(D):
            week = paid[grid[e, first:end]].sum()
            low = a.min_week_minutes if whole else 0.0
            if not low - 1e-9 <= week <= a.max_week_minutes + 1e-9:
                bad.append(f"{who}: {week:g} paid minutes in week {first // 7 + 1}, outside "
                           f"[{low:g}, {a.max_week_minutes:g}]")
        if longest[e] > a.max_consecutive_days:
            bad.append(f"{who}: {longest[e]} consecutive working days, at most "
                       f"{a.max_consecutive_days}")
        if 0 < short_on[e] < a.min_consecutive_days:
            bad.append(f"{who}: a run of {short_on[e]} working days, at least "
                       f"{a.min_consecutive_days}")
        if 0 < short_off[e] < a.min_consecutive_days_off:
            bad.append(f"{who}: a run of {short_off[e]} days off, at least "
                       f"{a.min_consecutive_days_off}")
        worked = weekends_worked[e]
        if worked > a.max_weekends:
            bad.append(f"{who}: {worked} weekends worked, at most {a.max_weekends}")
        for ka, kb, lag in conflicts:
            for d in range(D - lag):
                if grid[e, d] == ka and grid[e, d + lag] == kb:
                    bad.append(f"{who}: {problem.codes[kb]} {lag} day(s) after "
                               f"{problem.codes[ka]} on day {d + 1} (rest rule)")
    K = len(problem.shifts)
    have = np.zeros((D, K))
    for e in range(E):
        for d in range(D):
            if grid[e, d] >= 0:
                have[d, grid[e, d]] += 1
    cover = np.asarray(problem.cover, float)
    wu = np.broadcast_to(np.asarray(problem.under_weight, float), (D, K))
    wo = np.broadcast_to(np.asarray(problem.over_weight, float), (D, K))
    under = float((wu * np.maximum(cover - have, 0)).sum())
    over = float((wo * np.maximum(have - cover, 0)).sum())
    requests = 0.0
    for e, a in enumerate(problem.agents):
        for d, code, w in a.shift_requests:
            requests += w * (grid[e, d] != index[code])
        for d, code, w in a.avoid_requests:
            requests += w * (grid[e, d] >= 0 if code == "*" else grid[e, d] == index[code])
    fairness = 0.0
    for cat, w in problem.fairness.items():
        if cat == "weekend":
            counts = weekends_worked
        else:
            counts = [sum(1 for d in range(D) if grid[e, d] >= 0 and
                          cat in shift_tags(problem.shifts[grid[e, d]])) for e in range(E)]
        fairness += w * (max(counts) - min(counts)) if counts else 0.0
    return RosterCheck(bad, under, over, float(requests), fairness)
