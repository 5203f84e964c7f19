"""Named roster: which agent works which shift on which day.

A MILP over ``x[e, d, k]`` (agent ``e`` works shift ``k`` on day ``d``, binary),
solved with :func:`scipy.optimize.milp` (HiGHS). Hard rules: one shift a day,
unavailable days, skills and per-shift limits, contract minutes, longest run of
working days, shortest runs of working days and of days off (runs touching the
horizon's ends are exempt), most weekends, rest between shifts (explicit
forbidden successions and a minimum rest in hours from the clock times, any
number of days apart). Soft, in the objective: cover short or over per day and
shift, shift and day-off requests with weights, and fairness (spread between the
most- and least-loaded agent of nights, late shifts and weekends).

When the hard rules admit no roster, the model is solved again with a slack on
every rule row, minimising the total slack; the rules that need slack are
reported by agent, rule and day, instead of a bare "infeasible".
"""

import time
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import LinearConstraint

from xlcc._validate import ArgumentError
from xlcc.roster._solver import STATUS, dual_bound, relative_gap, run_milp
from xlcc.roster.rules import rest_conflicts, shift_tags

__all__ = ["Roster", "RosterInfeasible", "assign_roster"]

_FREE = 3000  # free binaries per neighbourhood of the improvement search
# Share of the time limit the whole model gets before the neighbourhood search. HiGHS
# proves small models optimal in that time (employee scheduling instance 2: 828,
# optimal at 0.5; "time limit" with a weaker bound at 0.2); on larger ones it finds
# a poor first roster that the search improves faster (instance 8, 30 agents x 28 days
# x 4 shifts, 60 s: 2,079-2,296 over three runs at 0.2; 2,328 and 2,433 at 0.5).
_FIRST_SHARE_SMALL, _FIRST_SHARE_LARGE, _SMALL = 0.5, 0.2, 600
# share of the time left after the first solve that goes to simulated annealing (the
# rest to the MILP neighbourhood search): on Curtois & Qu instances 7 and 8 the
# annealing takes 1,842 -> 1,068 and 2,988 -> 1,442 where the MILP search alone
# reached 1,371 and 2,196 in the same minute
_ANNEAL_SHARE = 0.85
_LARGE = 30000  # binaries beyond which the first roster is built in two steps
# After the annealing, the weekdays of every agent are re-solved whole with the
# weekends kept (up to _POLISH_MAX binaries, _POLISH_S seconds or that share of the
# limit): annealing fixes who works which weekend early, and single-day moves
# cannot rebuild the weeks around it (instance 6, from an annealed 2,141: 2,053 in
# 12 s; the 7- and 10-day neighbourhoods of the search find nothing in 30 s)
_POLISH_MAX, _POLISH_S, _POLISH_SHARE = 1200, 12.0, 0.2
# Recombination of the annealing's rows (:mod:`.merge`): at most _MERGE_S seconds or
# that share of the limit, taken from the annealing (instance 8: rows of two 40 s
# searches, 1,467 -> 1,363 in 20 s; instance 5 proven best over its rows in 1 s).
# Where an agent has at most _PRICE_MAX day-shift choices, _PRICED_S seconds or that
# share instead, _PRICE_SHARE of it to column generation (rows made to order at the
# cover's duals; each agent's pricing MILP solves in a few hundredths of a second at
# 28 days x 3 shifts, up to 0.9 s at 28 x 4): the annealing stalls well before its
# time is up on those (60 s, seed 0, against the plain recombination: instance 4
# 1,722 -> 1,716 optimal, 5 1,239 -> 1,144-1,146, 6 2,051 -> 1,954). On instance 8
# (28 x 4) a pricing round takes 7 s and the annealing needs the time (1,476 with
# pricing against 1,358-1,372 without). The pricing also proves a bound far stronger
# than the whole model's (instance 5: 1,138 against 829)
_MERGE_S, _MERGE_SHARE = 10.0, 0.15
_PRICED_S, _PRICED_SHARE, _PRICE_SHARE, _PRICE_MAX = 20.0, 0.35, 0.5, 100
# Where every agent's pricing is the dynamic programme (:mod:`.pricing`, milliseconds
# a row), the recombination gets _EXACT_S seconds or that share of the time left after
# the first solve, and dives (:func:`.merge.recombine`): column generation converges
# in a second or two and each dive is a roster near the linear bound (60 s, seed 0,
# against the MILP pricing above: instance 6 2,049 -> 1,950 optimal, 8 1,382 ->
# 1,304). A fixed 30 s would leave instance 4 (half the limit to the first solve) no
# annealing: 1,720; with the share, 1,716 proven optimal in 50 s
_EXACT_S, _EXACT_SHARE = 30.0, 0.6


class RosterInfeasible(ArgumentError):
    """The hard rules admit no roster; ``reasons`` names the rules and days."""

    def __init__(self, reasons):
        self.reasons = reasons
        shown = "; ".join(reasons[:6]) + (f"; and {len(reasons) - 6} more" if len(reasons) > 6
                                          else "")
        super().__init__(f"no roster meets every rule; relaxing these would make one: {shown}")


@dataclass
class Roster:
    """A solved named roster: ``grid[e, d]`` is the shift index worked, -1 off."""

    problem: object
    grid: np.ndarray
    status: str
    objective: float
    bound: float
    gap: float
    seconds: float

    def codes(self):
        """Agent x day grid of shift codes ("" = day off)."""
        codes = np.array(self.problem.codes + [""], dtype=object)
        return codes[self.grid]

    def staffed(self):
        """Agents on each shift per day, (days, shifts)."""
        k = len(self.problem.shifts)
        return (self.grid[:, :, None] == np.arange(k)).sum(axis=0)

    def paid_hours(self):
        """Paid hours per agent over the horizon."""
        paid = np.array([s.paid for s in self.problem.shifts] + [0.0])
        return paid[self.grid].sum(axis=1) / 60.0


class _Rows:
    """Constraint rows gathered as COO blocks, each row with a label for diagnosis."""

    def __init__(self):
        self.r, self.c, self.v, self.lo, self.hi, self.labels = [], [], [], [], [], []
        self.rule = []  # False for rows that define the model rather than state a rule
        self.n = 0

    def add(self, local_row, col, val, lo, hi, labels, rule=True):
        """Rows ``0..len(lo)-1`` of this block: entries (local_row, col, val)."""
        self.r.append(np.asarray(local_row, np.int64).ravel() + self.n)
        self.c.append(np.asarray(col, np.int64).ravel())
        self.v.append(np.broadcast_to(np.asarray(val, float), np.shape(local_row)).ravel())
        lo = np.atleast_1d(np.asarray(lo, float))
        self.lo.append(lo)
        self.hi.append(np.broadcast_to(np.asarray(hi, float), lo.shape))
        self.labels += labels
        self.rule += [rule] * lo.size
        self.n += lo.size

    def matrix(self, ncols):
        r = np.concatenate(self.r)
        return sparse.csr_matrix((np.concatenate(self.v), (r, np.concatenate(self.c))),
                                 shape=(self.n, ncols))


def _check(problem):
    days, codes = problem.days, problem.codes
    cover = np.asarray(problem.cover, dtype=float)
    if cover.shape != (days, len(codes)):
        raise ArgumentError(f"cover must be days x shifts = {days} x {len(codes)}; "
                            f"got {cover.shape}")
    if not np.isfinite(cover).all() or (cover < 0).any():
        d, k = np.argwhere(~np.isfinite(cover) | (cover < 0))[0]
        raise ArgumentError(f"cover must be numbers >= 0; day {d + 1} shift {codes[k]!r} is "
                            f"{cover[d, k]}")
    if len(set(codes)) != len(codes):
        raise ArgumentError(f"shift codes must be unique; got {codes}")
    names = [a.name for a in problem.agents]
    if len(set(names)) != len(names):
        raise ArgumentError("agent names must be unique")
    for a in problem.agents:
        for code in list(a.max_shifts) + [c for _, c, _ in a.shift_requests] + \
                [c for _, c, _ in a.avoid_requests if c != "*"]:
            if code not in codes:
                raise ArgumentError(f"agent {a.name}: unknown shift {code!r}; shifts are "
                                    f"{', '.join(codes)}")
        for d in list(a.days_off) + [d for d, _, _ in a.shift_requests + a.avoid_requests]:
            if not 0 <= d < days:
                raise ArgumentError(f"agent {a.name}: day {d} is outside the horizon "
                                    f"0..{days - 1}")
        if a.min_minutes > a.max_minutes:
            raise ArgumentError(f"agent {a.name}: minimum minutes {a.min_minutes} exceed the "
                                f"maximum {a.max_minutes}")
        if a.min_week_minutes > a.max_week_minutes:
            raise ArgumentError(f"agent {a.name}: minimum weekly minutes {a.min_week_minutes} "
                                f"exceed the maximum {a.max_week_minutes}")
    for name in problem.fairness:
        if name not in ("night", "late", "weekend"):
            raise ArgumentError(f"fairness categories are night, late, weekend; got {name!r}")
    return cover


def _build(problem, cover):
    """Objective, bounds, integrality and labelled hard/soft rows of the model."""
    E, D, K = len(problem.agents), problem.days, len(problem.shifts)
    nx = E * D * K
    xid = np.arange(nx).reshape(E, D, K)
    weekends = problem.weekends()
    nw = len(weekends)
    tags = [shift_tags(s) for s in problem.shifts]
    fair = {c: w for c, w in problem.fairness.items() if w > 0}
    u0 = nx
    o0 = u0 + D * K
    k0 = o0 + D * K
    f0 = k0 + E * nw
    n = f0 + 2 * len(fair)
    c = np.zeros(n)
    const = 0.0
    lo, hi = np.zeros(n), np.ones(n)
    hi[u0:k0] = np.inf
    hi[f0:] = np.inf
    c[u0:o0] = np.broadcast_to(np.asarray(problem.under_weight, float), (D, K)).ravel()
    c[o0:k0] = np.broadcast_to(np.asarray(problem.over_weight, float), (D, K)).ravel()
    codes = problem.codes
    paid = np.array([s.paid for s in problem.shifts], dtype=float)
    for e, a in enumerate(problem.agents):
        hi[xid[e, list(a.days_off)]] = 0.0
        hi[xid[e][:, [k for k, sh in enumerate(problem.shifts) if not a.may_work(sh)]]] = 0.0
        for code, most in a.max_shifts.items():
            if most <= 0:
                hi[xid[e, :, codes.index(code)]] = 0.0
        for d, code, w in a.shift_requests:
            c[xid[e, d, codes.index(code)]] -= w
            const += w
        for d, code, w in a.avoid_requests:
            c[xid[e, d] if code == "*" else xid[e, d, codes.index(code)]] += w
    hard, soft = _Rows(), _Rows()
    day_rows = np.repeat(np.arange(E * D), K)
    hard.add(day_rows, xid.ravel(), 1.0, np.full(E * D, -np.inf), 1.0,
             [f"agent {a.name}: one shift a day (day {d + 1})" for a in problem.agents
              for d in range(D)], rule=False)
    for e, a in enumerate(problem.agents):
        _agent_rows(hard, a, xid[e], paid, codes, D, K)
        if nw:
            ks = k0 + e * nw + np.arange(nw)
            for m, (sat, sun) in enumerate(weekends):
                days = [d for d in (sat, sun) if d >= 0]
                for d in days:  # k >= works(d)
                    hard.add(np.zeros(K + 1), np.r_[xid[e, d], ks[m]], np.r_[-np.ones(K), 1.0],
                             [0.0], np.inf, [f"agent {a.name}: weekend {m + 1} worked"],
                             rule=False)
                hard.add(np.zeros(len(days) * K + 1), np.r_[xid[e, days].ravel(), ks[m]],
                         np.r_[-np.ones(len(days) * K), 1.0], [-np.inf], 0.0,
                         [f"agent {a.name}: weekend {m + 1} worked"], rule=False)
            if a.max_weekends < nw:
                hard.add(np.zeros(nw), ks, 1.0, [-np.inf], a.max_weekends,
                         [f"agent {a.name}: at most {a.max_weekends} weekends"])
    _rest_rows(hard, problem, xid, D)
    rows = np.repeat(np.arange(D * K), E)
    cols = xid.transpose(1, 2, 0).reshape(D * K, E)
    soft.add(np.concatenate((rows, np.arange(D * K), np.arange(D * K))),
             np.concatenate((cols.ravel(), u0 + np.arange(D * K), o0 + np.arange(D * K))),
             np.concatenate((np.ones(cols.size), np.ones(D * K), -np.ones(D * K))),
             cover.ravel(), cover.ravel(), [])
    for m, (cat, w) in enumerate(fair.items()):
        hi_col, lo_col = f0 + 2 * m, f0 + 2 * m + 1
        c[hi_col], c[lo_col] = w, -w
        for e in range(E):
            if cat == "weekend":
                cols_e = k0 + e * nw + np.arange(nw)
            else:
                cols_e = xid[e][:, [k for k in range(K) if cat in tags[k]]].ravel()
            soft.add(np.zeros(cols_e.size + 1), np.r_[cols_e, hi_col],
                     np.r_[np.ones(cols_e.size), -1.0], [-np.inf], 0.0, [])
            soft.add(np.zeros(cols_e.size + 1), np.r_[cols_e, lo_col],
                     np.r_[np.ones(cols_e.size), -1.0], [0.0], np.inf, [])
    integrality = np.zeros(n)
    integrality[:nx] = 1
    integrality[k0:f0] = 1
    return c, const, lo, hi, integrality, hard, soft, n


def _window_rows(rows, xid_e, starts, offsets, coef, lo, hi, label):
    """One row per start day ``d``: sum over offsets ``o`` of coef[o] x works(d + o)."""
    if not len(starts):
        return
    days = np.asarray(starts)[:, None] + np.asarray(offsets)[None, :]
    cols = xid_e[days]  # (rows, offsets, K)
    local = np.broadcast_to(np.arange(len(starts))[:, None, None], cols.shape)
    vals = np.broadcast_to(np.asarray(coef, float)[None, :, None], cols.shape)
    rows.add(local, cols, vals, np.full(len(starts), lo), hi,
             [label(int(d)) for d in starts])


def _agent_rows(rows, a, xid_e, paid, codes, D, K):
    name = a.name
    if a.min_minutes > 0 or np.isfinite(a.max_minutes):
        rows.add(np.zeros(D * K), xid_e.ravel(), np.tile(paid, D), [a.min_minutes],
                 a.max_minutes, [f"agent {name}: contract minutes between {a.min_minutes:g} "
                                 f"and {a.max_minutes:g}"])
    if a.min_week_minutes > 0 or np.isfinite(a.max_week_minutes):
        for first, end, whole in a.weeks(D):
            low = a.min_week_minutes if whole else 0.0
            n = end - first
            rows.add(np.zeros(n * K), xid_e[first:end].ravel(), np.tile(paid, n), [low],
                     a.max_week_minutes,
                     [f"agent {name}: paid minutes in week {first // 7 + 1} (days {first + 1}-"
                      f"{end}) between {low:g} and {a.max_week_minutes:g}"])
    for code, most in a.max_shifts.items():
        if 0 < most < D:
            rows.add(np.zeros(D), xid_e[:, codes.index(code)], 1.0, [-np.inf], most,
                     [f"agent {name}: at most {most} {code} shifts"])
    cmax = a.max_consecutive_days
    if cmax < D:
        _window_rows(rows, xid_e, range(D - cmax), range(cmax + 1), np.ones(cmax + 1),
                     -np.inf, cmax, lambda d: f"agent {name}: at most {cmax} consecutive "
                                              f"working days (days {d + 1}-{d + cmax + 1})")
    for s in range(1, a.min_consecutive_days):
        _window_rows(rows, xid_e, range(D - s - 1), range(s + 2),
                     np.r_[-1.0, np.ones(s), -1.0], -np.inf, s - 1,
                     lambda d, s=s: f"agent {name}: at least {a.min_consecutive_days} "
                                    f"consecutive working days (a run of {s} from day {d + 2})")
    for s in range(1, a.min_consecutive_days_off):
        _window_rows(rows, xid_e, range(D - s - 1), range(s + 2),
                     np.r_[1.0, -np.ones(s), 1.0], -np.inf, 1.0,
                     lambda d, s=s: f"agent {name}: at least {a.min_consecutive_days_off} "
                                    f"consecutive days off (a break of {s} from day {d + 2})")


def _rest_rows(rows, problem, xid, D):
    """x[e,d,a] + sum of the shifts b that may not follow a after ``lag`` days <= 1."""
    groups = {}
    for a, b, lag in rest_conflicts(problem):
        groups.setdefault((a, lag), []).append(b)
    E = xid.shape[0]
    codes = problem.codes
    for (a, lag), bs in sorted(groups.items()):
        if lag >= D:
            continue
        nd = D - lag
        first = xid[:, :nd, a].reshape(E * nd, 1)
        then = xid[:, lag:, :][:, :, bs].reshape(E * nd, len(bs))
        cols = np.hstack((first, then))
        local = np.repeat(np.arange(E * nd), cols.shape[1])
        rest = "" if problem.min_rest_hours <= 0 else f" or less than " \
            f"{problem.min_rest_hours:g} h rest"
        rows.add(local, cols, 1.0, np.full(E * nd, -np.inf), 1.0,
                 [f"agent {ag.name}: {codes[a]} on day {d + 1} may not be followed by "
                  f"{'/'.join(codes[b] for b in bs)} {lag} day(s) later{rest}"
                  for ag in problem.agents for d in range(nd)])


def assign_roster(problem, *, time_limit_s=60.0, mip_gap=1e-4, improve=True, seed=0):
    """Named roster for ``problem`` (:class:`~xlcc.roster.rules.RosterProblem`).

    The whole model is solved first (half of the time when ``improve``, a fifth for
    more than 600 agent-day-shift choices); then simulated annealing
    (:mod:`.anneal`) improves the roster; the agents' rows it passed through are
    recombined (:mod:`.merge`: a set-partitioning MILP, with column generation and
    dives where pricing is cheap, which also proves a bound); and until the time is
    up or the bound is reached a large-neighbourhood search frees a few agents or
    a block of days, keeps everything else fixed and re-solves that part exactly,
    keeping every improvement.

    Parameters
    ----------
    time_limit_s : float
        Total time, seconds; the best roster found is returned with status
        "optimal" (gap closed) or "time limit", and the whole model's proven bound.
    mip_gap : float
        Relative gap at which to stop, fraction.
    improve : bool
        Run the neighbourhood search after the first solve.
    seed : int
        Seed of the neighbourhood choice (same seed, same roster).

    Returns
    -------
    Roster

    Raises
    ------
    RosterInfeasible
        The hard rules admit no roster; lists the rules and days to relax.
    ArgumentError
        Inconsistent input (unknown shift codes, days outside the horizon, ...).
    """
    started = time.perf_counter()
    cover = _check(problem)
    c, const, lo, hi, integrality, hard, soft, n = _build(problem, cover)
    constraints = [LinearConstraint(hard.matrix(n), np.concatenate(hard.lo),
                                    np.concatenate(hard.hi)),
                   LinearConstraint(soft.matrix(n), np.concatenate(soft.lo),
                                    np.concatenate(soft.hi))]

    def solve(lo_, hi_, limit):
        return run_milp(c, integrality, lo_, hi_, constraints, limit, mip_gap)

    E, D, K = len(problem.agents), problem.days, len(problem.shifts)
    res = None
    if E > 1 and E * D * K > _LARGE:  # too big to find a roster whole: build one in two steps
        res = _first(problem, solve, lo, hi, (E, D, K), time_limit_s, seed)
        if res is not None:
            bound = -np.inf  # the whole model was not solved: nothing proven
    if res is None:
        share = _FIRST_SHARE_SMALL if E * D * K <= _SMALL else _FIRST_SHARE_LARGE
        res = solve(lo, hi, time_limit_s * (share if improve else 1.0))
        bound = dual_bound(res, float(res.fun) if res.x is not None else -np.inf)
    status = STATUS.get(res.status, "error")
    if res.x is None:
        if res.status == 2:
            raise RosterInfeasible(_diagnose(hard, soft, constraints, lo, hi, integrality, n,
                                             time_limit_s))
        if res.status == 1:  # no roster yet: give the rest of the time to the whole model
            res = solve(lo, hi, time_limit_s - (time.perf_counter() - started))
            bound = dual_bound(res, float(res.fun) if res.x is not None else -np.inf)
        if res.x is None:
            raise ArgumentError(f"the roster solver stopped without a roster ({status}): "
                                f"{res.message}")
    x, best = np.round(res.x), float(res.fun)
    whole = _integral(c, const, cover)

    def rounded(bound):  # every roster costs a whole number, so does the best: the
        # bound rounds up (a relative 1e-5 below it, for the solvers' tolerances)
        if not (whole and np.isfinite(bound)):
            return bound
        return min(best, np.ceil(bound + const - 1e-5 * max(1.0, abs(bound + const))) - const)

    bound = rounded(bound)
    deadline = started + time_limit_s
    weekdays = _weekday_columns(problem, (E, D, K))
    polish = 0.0 if weekdays is None else min(_POLISH_S, _POLISH_SHARE * time_limit_s)
    # the annealing's time is what is left less the re-solve's share, which scales with
    # the re-solve's size: a smaller one needs less (instance 5: 640 binaries, proven
    # in 1.6 s), and what it leaves goes to the neighbourhood search anyway
    reserve = 0.0 if weekdays is None else polish * weekdays.sum() / _POLISH_MAX
    exact = improve and _exact_pricing(problem, lo, hi, integrality, constraints, (E, D, K))
    priced = exact or D * K <= _PRICE_MAX
    merge = (min(_EXACT_S, _EXACT_SHARE * (deadline - time.perf_counter())) if exact else
             min(_PRICED_S, _PRICED_SHARE * time_limit_s) if priced
             else min(_MERGE_S, _MERGE_SHARE * time_limit_s))
    snapshots = []
    if improve and best - bound > mip_gap * abs(best) + 1e-9:
        x, best = _anneal(problem, solve, x, best, const, lo, hi, (E, D, K),
                          _ANNEAL_SHARE * (deadline - time.perf_counter() - reserve - merge),
                          deadline, seed, snapshots)
    if improve and (snapshots or exact) and best - bound > mip_gap * abs(best) + 1e-9:
        from xlcc.roster.merge import recombine

        x, best, proven = recombine(problem, snapshots, x, best,
                                    (c, lo, hi, integrality, *constraints), (E, D, K),
                                    min(merge, deadline - time.perf_counter() - reserve),
                                    price_share=_PRICE_SHARE if priced else 0.0,
                                    whole=whole)
        bound = rounded(min(max(bound, proven), best))  # the pricing's is often stronger
    if improve and polish and best - bound > mip_gap * abs(best) + 1e-9:
        x, best = _resolve_part(solve, x, best, lo, hi, weekdays, polish)
    if improve:  # stops at once when the bound is already met
        x, best = _improve(solve, c, x, best, bound, lo, hi, (E, D, K), deadline, mip_gap,
                           seed)
    grid = grid_of(x, (E, D, K))
    gap = relative_gap(best, bound) if np.isfinite(bound) else np.nan
    status = "optimal" if gap <= mip_gap + 1e-9 else "time limit"
    return Roster(problem, grid, status, best + const, bound + const, gap,
                  time.perf_counter() - started)


def _integral(c, const, cover):
    """Whether every roster's objective is a whole number: whole weights and
    requests, whole cover (the short and over columns then take whole values too)."""
    whole = [np.asarray(c), np.asarray([const]), np.asarray(cover)]
    return all(np.array_equal(v, np.round(v)) for v in whole)


def _exact_pricing(problem, lo, hi, integrality, constraints, shape):
    """Whether every agent's pricing is the dynamic programme (milliseconds a row)."""
    from xlcc.roster.pricing import Pricing

    return Pricing(problem, (None, lo, hi, integrality, *constraints), shape).exact()


def _first(problem, solve, lo, hi, shape, time_limit_s, seed):
    """The two-step first roster (:mod:`.construct`) completed in the whole model
    (weekends, cover and fairness columns), or None if it breaks a rule."""
    from xlcc.roster.construct import first_roster

    grid = first_roster(problem, 0.3 * time_limit_s,
                        lambda p, time_limit_s: assign_roster(p, time_limit_s=time_limit_s,
                                                              improve=False))
    if grid is None:
        return None
    res = complete(solve, grid, lo, hi, shape, 0.1 * time_limit_s)
    return res if res.x is not None else None


def grid_of(x, shape):
    """Agents x days grid of shift indexes (-1 = off) of the model's column vector."""
    xs = x[:np.prod(shape)].reshape(shape)
    return np.where(xs.any(axis=2), xs.argmax(axis=2), -1)


def complete(solve, grid, lo, hi, shape, seconds):
    """The whole model solved with its shift columns fixed at ``grid`` (agents x
    days, -1 = off): the cover, weekend and fairness columns that go with it."""
    x = np.zeros(shape)
    e, d = np.nonzero(grid >= 0)
    x[e, d, grid[e, d]] = 1.0
    lo_, hi_ = lo.copy(), hi.copy()
    lo_[:x.size] = hi_[:x.size] = x.ravel()
    return solve(lo_, hi_, seconds)


def _anneal(problem, solve, x, best, const, lo, hi, shape, seconds, deadline, seed,
            snapshots=None):
    """Simulated annealing from the incumbent (:mod:`.anneal`); a better roster is
    completed in the whole model (cover, weekend and fairness columns) with its shifts
    fixed, and kept if the model agrees it is better. ``snapshots`` (a list) receives
    the searches' rosters along the way."""
    from xlcc.roster.anneal import anneal_roster

    E, D, K = shape
    if seconds < 0.5:
        return x, best
    grid = grid_of(x, shape)
    found, objective = anneal_roster(problem, grid, seconds, seed=seed, pool=snapshots)
    if not objective < best + const - 1e-9:
        return x, best
    res = complete(solve, found, lo, hi, shape,
                   max(0.5, min(5.0, deadline - time.perf_counter())))
    if res.x is None or not res.fun < best - 1e-9:
        return x, best
    return np.round(res.x), float(res.fun)


def _weekday_columns(problem, shape):
    """Mask of the weekday columns (all agents and shifts) when the weekday part is
    small enough for HiGHS to re-solve whole in seconds, else None."""
    E, D, K = shape
    ends = {d for pair in problem.weekends() for d in pair if d >= 0}
    days = [d for d in range(D) if d not in ends]
    if not ends or not days or E * len(days) * K > _POLISH_MAX:
        return None
    mask = np.zeros(shape, dtype=bool)
    mask[:, days] = True
    return mask


def _resolve_part(solve, x, best, lo, hi, mask, seconds):
    """Re-solve the columns in ``mask`` with every other column fixed at ``x``; keep
    the answer if it is better."""
    nx = mask.size
    fixed = np.r_[~mask.ravel(), np.zeros(x.size - nx, dtype=bool)]
    lo_, hi_ = lo.copy(), hi.copy()
    lo_[fixed] = np.maximum(lo[fixed], x[fixed])
    hi_[fixed] = np.minimum(hi[fixed], x[fixed])
    res = solve(lo_, hi_, seconds)
    if res.x is not None and res.fun < best - 1e-9:
        return np.round(res.x), float(res.fun)
    return x, best


def _improve(solve, c, x, best, bound, lo, hi, shape, deadline, mip_gap, seed):
    """Large-neighbourhood search: free some agents (all days) or all agents on a
    block of days, fix the rest at the incumbent, re-solve, keep improvements."""
    E, D, K = shape
    rng = np.random.default_rng(seed)
    tries = 0

    def agents_for(days):  # neighbourhoods of about _FREE free variables solve in seconds
        return int(min(E, max(2, _FREE // (days * K))))

    while time.perf_counter() < deadline - 0.2 and best - bound > mip_gap * abs(best) + 1e-9:
        mask = np.zeros((E, D, K), dtype=bool)
        kind = tries % 3
        if kind == 0:  # three to five agents, every day: swaps of whole rosters. Small
            # ones solve in a tenth of a second, so many are tried: instance 8, 30 s
            # from one roster of 1,387: 1,373 freeing 4 agents (197 of 198 solved to
            # optimality), 1,385 freeing 7 (7 of 15)
            mask[rng.choice(E, min(E, agents_for(D), int(rng.integers(3, 6))),
                            replace=False)] = True
        elif kind == 1:  # many agents, one week: re-cover that week
            d0 = int(rng.integers(0, max(1, D - 7) + 1))
            mask[rng.choice(E, agents_for(7), replace=False), d0:d0 + 7] = True
        else:  # half the agents, two weeks
            d0 = int(rng.integers(0, max(1, D - 14) + 1))
            mask[rng.choice(E, min(agents_for(14), max(2, E // 2)), replace=False),
                 d0:d0 + 14] = True
        x, best = _resolve_part(solve, x, best, lo, hi, mask,
                                min(3.0, deadline - time.perf_counter()))
        tries += 1
    return x, best


def _diagnose(hard, soft, constraints, lo, hi, integrality, n, time_limit_s):
    """Labels of the hard rows that need slack in a minimum-slack relaxation."""
    m = hard.n
    rows, soft_matrix = constraints[0].A, constraints[1].A
    # slack in the row's own units, priced per unit of its largest coefficient (a
    # minute of a contract costs 1/480 of a missing 8-hour shift); model rows get none
    scale = abs(rows).max(axis=1).toarray().ravel()
    rule = np.array(hard.rule, dtype=float)
    eye = sparse.diags(rule)
    slack = sparse.hstack([rows, eye, -eye]).tocsr()
    pad = sparse.csr_matrix((soft.n, 2 * m))
    soft_rows = sparse.hstack([soft_matrix, pad]).tocsr()
    price = rule / np.maximum(scale, 1e-9)
    c = np.r_[np.zeros(n), price, price]
    res = run_milp(c, np.r_[integrality, np.zeros(2 * m)], np.r_[lo, np.zeros(2 * m)],
                   np.r_[hi, np.full(2 * m, np.inf)],
                   [LinearConstraint(slack, np.concatenate(hard.lo), np.concatenate(hard.hi)),
                    LinearConstraint(soft_rows, np.concatenate(soft.lo),
                                     np.concatenate(soft.hi))], time_limit_s)
    if res.x is None:
        return ["the unavailable days and skill limits alone leave no roster"]
    need = res.x[n:n + m] + res.x[n + m:]
    return [hard.labels[i] for i in np.flatnonzero(need > 1e-6)]
