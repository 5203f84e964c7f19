"""Column generation's pricing: each agent's cheapest rule-abiding row at given costs.

Two methods give the same answer. The exact dynamic programme of
:mod:`xlcc.roster._label` covers the rules of :class:`~xlcc.roster.rules.Agent`
that look at most one day back for rest (forbidden successions, a rest in hours
that only forbids the next day's early shifts), contract minutes over the horizon,
runs, weekends and per-type limits; it runs in milliseconds. Anything else (a weekly
minutes rule, a rest that reaches two days ahead, more than :data:`MAX_STATES`
states or :data:`MAX_MOVES` moves) goes to a MILP over that agent's columns and rule
rows (HiGHS kept per agent, only the costs change between rounds). Measured on
Curtois & Qu agents at random costs, 4 rows each (the same optimum to 1e-9):
instance 8 (30 agents x 28 days x 4 shifts) 0.12 s against 15.3 s for the MILPs,
instance 6 (18 x 28 x 3) 0.02 s against 3.1 s, instance 12 (60 agents) 0.32 s
against 61.7 s.
"""

import math

import numpy as np
from scipy import sparse
from scipy.optimize import LinearConstraint

from xlcc.roster._label import cheapest_row
from xlcc.roster._solver import dual_bound, highs_answer, highs_model
from xlcc.roster.rules import rest_conflicts

__all__ = ["Pricing", "MAX_STATES", "layout"]

#: largest state space (states per day) the dynamic programme takes: its
#: predecessor table is days x states integers (28 x 200,000 x 8 bytes = 45 MB)
MAX_STATES = 200_000
#: most state moves (days x states x choices a day) of an agent's programme before
#: any per-type limit, about 10 ms: beyond it a round over a hundred agents would
#: take seconds and the MILPs are the pricing
MAX_MOVES = 5_000_000


def layout(problem, shape):
    """(shift columns, first weekend column, weekends) of the whole model's column
    vector as :mod:`xlcc.roster.assign` lays it out: shift columns, cover short and
    over, weekend columns per agent, fairness."""
    E, D, K = shape
    nx = E * D * K
    return nx, nx + 2 * D * K, len(problem.weekends())


class _Horizon:
    """What every agent's programme shares: the shifts' paid units, next-day
    conflicts and weekends, or ``None`` from :meth:`of` when the shifts or rest
    rules are beyond the programme (a rest reaching two days ahead, paid minutes
    that are not whole)."""

    @classmethod
    def of(cls, problem, D, K):
        conflicts = rest_conflicts(problem)
        if any(1 < lag < D for _, _, lag in conflicts):
            return None
        paid = np.array([s.paid for s in problem.shifts], dtype=float)
        if not np.allclose(paid, np.round(paid)):
            return None
        paid = np.round(paid).astype(np.int64)
        if (paid < 0).any():
            return None
        self = cls()
        self.step = math.gcd(*[int(p) for p in paid]) or 1
        self.units = paid // self.step
        self.conflict = np.zeros((K, K), np.bool_)
        for p, q, lag in conflicts:
            if lag == 1:
                self.conflict[p, q] = True
        weekends = problem.weekends()
        self.weekends = len(weekends)
        self.closes = np.full(D, -1, np.int64)
        self.with_prev = np.zeros(D, np.bool_)
        for m, (sat, sun) in enumerate(weekends):
            last = sun if sun >= 0 else sat
            self.closes[last] = m
            self.with_prev[last] = sat >= 0 and sun >= 0
        return self


class _Labels:
    """One agent's rules as the dynamic programme's arguments, or ``None`` from
    :meth:`of` when the programme does not cover them."""

    @classmethod
    def of(cls, problem, e, hi_x, shape, horizon):
        E, D, K = shape
        a = problem.agents[e]
        if a.min_week_minutes > 0 or np.isfinite(a.max_week_minutes):
            return None
        self = cls()
        self.allowed = hi_x.reshape(D, K) > 0.5
        step, self.units = horizon.step, horizon.units
        self.conflict, self.closes, self.with_prev = (horizon.conflict, horizon.closes,
                                                      horizon.with_prev)
        most_units = int(D * self.units.max())
        limited_max = np.isfinite(a.max_minutes)
        self.u_min = max(0, math.ceil(a.min_minutes / step - 1e-9))
        self.u_max = min(math.floor(a.max_minutes / step + 1e-9), most_units) \
            if limited_max else -1
        if limited_max and a.max_minutes < 0:
            return None
        self.u_track = (max(self.u_max + 1, 2) if limited_max else
                        self.u_min + 1 if self.u_min > 0 else 1)
        nw = horizon.weekends
        self.max_weekends = int(min(a.max_weekends, nw))
        self.w_track = max(self.max_weekends + 1, 2) if a.max_weekends < nw else 1
        # per-type limits enter the state only once a row breaks them (each one
        # multiplies the states by its limit + 1: instance 8's E <= 14, L <= 14 and
        # N <= 4 make 1,125 times more): a row found without a limit that keeps it anyway
        # is the best with it
        self.limits = {}
        for code, most in a.max_shifts.items():
            k = problem.codes.index(code)
            if 0 < most < self.allowed[:, k].sum():
                self.limits[k] = int(most)
        self.active = []
        self.cmax, self.cmin = int(min(a.max_consecutive_days, D + 1)), a.min_consecutive_days
        self.offmin = a.min_consecutive_days_off
        work = self.cmax if self.cmax < D else max(self.cmin, 1)
        self.states = (K + 1) * max(work, self.offmin, 1) * 2 * self.u_track * self.w_track
        fits = self.states <= MAX_STATES and D * self.states * (K + 1) <= MAX_MOVES
        return self if fits else None

    def _run(self, cost, weekend_cost, active):
        K = cost.shape[1]
        limit_of = np.full(K, -1, np.int64)
        limit_of[active] = np.arange(len(active))
        radix = np.array([self.limits[k] + 1 for k in active], np.int64)
        return cheapest_row(cost, weekend_cost, self.allowed, self.units, self.u_min,
                            self.u_max, self.u_track, self.cmax, self.cmin, self.offmin,
                            self.max_weekends, self.w_track, self.conflict, limit_of, radix,
                            self.closes, self.with_prev)

    def _broken(self, row, active):
        return [k for k, most in self.limits.items()
                if k not in active and np.count_nonzero(row == k) > most]

    def _fits(self, active):
        return self.states * np.prod([self.limits[k] + 1 for k in active]) <= MAX_STATES

    def solve(self, cost, weekend_cost):
        """(cost, row) of the cheapest row at ``cost`` (days x shifts) and
        ``weekend_cost`` (per weekend worked): cost inf when none is allowed, None
        when the limits it needs make the state space too large."""
        cost = np.ascontiguousarray(cost, dtype=float)
        weekend_cost = np.asarray(weekend_cost, dtype=float)
        while True:
            value, row = self._run(cost, weekend_cost, self.active)
            if not np.isfinite(value):
                return value, row
            broken = self._broken(row, self.active)
            if not broken:
                return value, row
            if not self._fits(self.active + broken):
                return None
            self.active += broken

    def penalised(self, cost, weekend_cost, rounds=30):
        """(cost, row) of a good row that keeps every limit, not always the best:
        the limits the state space cannot hold are priced instead (a penalty per
        shift of the type, doubled until the row keeps the limit); None if that
        fails. For :meth:`solve`'s None."""
        cost = np.ascontiguousarray(cost, dtype=float)
        weekend_cost = np.asarray(weekend_cost, dtype=float)
        penalty = np.zeros(cost.shape[1])
        step = max(1.0, float(np.abs(cost).max())) / cost.shape[0]
        for _ in range(rounds):
            value, row = self._run(cost + penalty, weekend_cost, self.active)
            if not np.isfinite(value):
                return None
            broken = self._broken(row, self.active)
            if not broken:
                worked = row >= 0
                true = cost[np.flatnonzero(worked), row[worked]].sum()
                ends = self.closes >= 0
                prev = np.r_[False, worked[:-1]]
                weekend = ends & (worked | (self.with_prev & prev))
                return float(true + weekend_cost[self.closes[weekend]].sum()), row
            penalty[broken] += step
            step *= 2.0
        return None


class Pricing:
    """Each agent's best row at column costs of the whole model (``model``: c, lo,
    hi, integrality, hard and soft LinearConstraints, laid out as in
    :mod:`xlcc.roster.assign`). ``exact=False`` forces the MILPs (the tests compare
    the two)."""

    def __init__(self, problem, model, shape, exact=True):
        c, lo, hi, integrality, hard, _ = model
        E, D, K = shape
        _, weekend0, nw = layout(problem, shape)
        self.shape = shape
        self.columns = [np.r_[e * D * K + np.arange(D * K), weekend0 + e * nw + np.arange(nw)]
                        for e in range(E)]
        self.model = (lo, hi, integrality)
        self.hard = hard
        self.labels = [None] * E
        horizon = _Horizon.of(problem, D, K) if exact else None
        if horizon is not None:
            for e in range(E):
                x = self.columns[e][:D * K]
                if not (lo[x] > 0).any():
                    self.labels[e] = _Labels.of(problem, e, hi[x], shape, horizon)
        self.solvers = {}
        self._rows = None

    def exact(self, e=None):
        """Whether agent ``e`` (default: every agent) is priced by the dynamic
        programme."""
        if e is None:
            return all(label is not None for label in self.labels)
        return self.labels[e] is not None

    def best_row(self, e, reduced, seconds, enough=None):
        """(reduced cost, row, lower bound of the reduced cost) of agent ``e``'s best
        row at column costs ``reduced``, or None if it found none in ``seconds``.
        With ``enough``, a row from the penalised programme whose cost is below it
        is taken without proof that it is the best (lower bound -inf)."""
        cols = self.columns[e]
        _, D, K = self.shape
        label = self.labels[e]
        if label is not None:
            cost, weekend_cost = reduced[cols[:D * K]].reshape(D, K), reduced[cols[D * K:]]
            found = label.solve(cost, weekend_cost)
            if found is not None:
                value, row = found
                return None if not np.isfinite(value) else (value, row, value)
            if enough is not None:  # the limits need more states than the table holds
                found = label.penalised(cost, weekend_cost)
                if found is not None and found[0] < enough:
                    return found + (-np.inf,)
        h = self.solvers.get(e)
        if h is None:
            h = self._milp(cols, reduced, seconds)
            self.solvers[e] = h
        else:
            h.changeColsCost(cols.size, np.arange(cols.size, dtype=np.int32), reduced[cols])
            h.setOptionValue("time_limit", max(0.05, float(seconds)))
        h.run()
        answer = highs_answer(h)
        if answer.x is None:
            return None
        xs = np.round(answer.x[:D * K]).reshape(D, K)
        return (answer.fun, np.where(xs.any(axis=1), xs.argmax(axis=1), -1),
                min(dual_bound(answer, -np.inf), answer.fun))

    def _milp(self, cols, reduced, seconds):
        """The agent's own MILP: its columns and the rule rows that touch no one
        else's (without presolve, which on these hundred-column models costs more
        than the solve: 34 ms against 76 ms)."""
        if self._rows is None:
            hard = self.hard
            self._rows = (sparse.csc_matrix(hard.A), np.broadcast_to(hard.lb, hard.A.shape[0]),
                          np.broadcast_to(hard.ub, hard.A.shape[0]),
                          np.diff(sparse.csr_matrix(hard.A).indptr))
        matrix, lb, ub, total = self._rows
        lo, hi, integrality = self.model
        part = matrix[:, cols].tocsr()
        own = np.flatnonzero((np.diff(part.indptr) == total) & (total > 0))
        return highs_model(reduced[cols], integrality[cols], lo[cols], hi[cols],
                           [LinearConstraint(part[own], lb[own], ub[own])], seconds,
                           mip_gap=1e-6, presolve=False)
