"""Simulated annealing over named rosters: the local search that follows the MILP.

HiGHS proves bounds and finds good rosters, but on benchmark-sized problems
(Curtois & Qu instances 5-8: 16-30 agents, 4 weeks, 2-4 shift types) its first
minute leaves rosters 8-70% above the best known. A local search that tries
millions of small changes a second closes most of that: give an agent another
shift or a day off, swap two agents' days, swap a block of days between two
agents. Hard rules are priced (``hard_weight`` per violation unit) so the search
can cross them; only rosters that break none are kept. The Numba kernels are in
:mod:`xlcc.roster._anneal`; the result is checked again by the caller's model.
"""

import os
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from xlcc.roster import _anneal
from xlcc.roster.rules import rest_conflicts, shift_tags

__all__ = ["anneal_roster", "grid_cost", "row_violations"]

_MOVES = 200_000  # moves per kernel call between clock checks (about 0.1 s)
# snapshots for the caller's pool are taken after this share of the search: the hot
# start is far from good rosters and only fills the pool
_POOL_FROM = 0.3


class _Arrays:
    """The problem as the kernels' arrays (days off and skills as ``allowed``)."""

    def __init__(self, problem):
        E, D, K = len(problem.agents), problem.days, len(problem.shifts)
        self.K = K
        codes = problem.codes
        self.paid = np.array([s.paid for s in problem.shifts] + [0.0])
        self.allowed = np.ones((E, D, K + 1), dtype=np.bool_)
        self.pref = np.zeros((E, D, K + 1))
        big = D + 1
        self.max_shifts = np.full((E, K), big, dtype=np.int64)
        for e, a in enumerate(problem.agents):
            for d in a.days_off:
                self.allowed[e, d, :K] = False
            for k, sh in enumerate(problem.shifts):
                if not a.may_work(sh):
                    self.allowed[e, :, k] = False
            for code, most in a.max_shifts.items():
                k = codes.index(code)
                self.max_shifts[e, k] = min(big, most)
                if most <= 0:
                    self.allowed[e, :, k] = False
            for d, code, w in a.shift_requests:
                self.pref[e, d, :] += w
                self.pref[e, d, codes.index(code)] -= w
            for d, code, w in a.avoid_requests:
                if code == "*":
                    self.pref[e, d, :K] += w
                else:
                    self.pref[e, d, codes.index(code)] += w
        agents = problem.agents
        self.min_min = np.array([a.min_minutes for a in agents], float)
        self.max_min = np.array([min(a.max_minutes, 1e12) for a in agents], float)
        self.week_min = np.array([a.min_week_minutes for a in agents], float)
        self.week_max = np.array([min(a.max_week_minutes, 1e12) for a in agents], float)
        self.cmax = np.array([min(a.max_consecutive_days, big) for a in agents], np.int64)
        self.cmin = np.array([a.min_consecutive_days for a in agents], np.int64)
        self.offmin = np.array([a.min_consecutive_days_off for a in agents], np.int64)
        self.max_weekends = np.array([min(a.max_weekends, big) for a in agents], np.int64)
        conflicts = rest_conflicts(problem)
        lags = max([lag for _, _, lag in conflicts] + [1])
        self.conflict = np.zeros((K, K, min(lags, D) + 1), dtype=np.bool_)
        for a, b, lag in conflicts:
            if lag < self.conflict.shape[2]:
                self.conflict[a, b, lag] = True
        weekends = problem.weekends()
        self.weekend_of = np.full(D, -1, dtype=np.int64)
        for w, pair in enumerate(weekends):
            for d in pair:
                if d >= 0:
                    self.weekend_of[d] = w
        self.nweekends = len(weekends)
        self.cover = np.asarray(problem.cover, float).reshape(D, K)
        self.wu = np.ascontiguousarray(np.broadcast_to(
            np.asarray(problem.under_weight, float), (D, K)))
        self.wo = np.ascontiguousarray(np.broadcast_to(
            np.asarray(problem.over_weight, float), (D, K)))
        fair = [(c, w) for c, w in problem.fairness.items() if w > 0]
        tags = [shift_tags(s) for s in problem.shifts]
        self.tagged = np.array([[c in tags[k] for k in range(K)] for c, _ in fair],
                               dtype=np.bool_).reshape(len(fair), K)
        self.weekend_cat = np.array([c == "weekend" for c, _ in fair], dtype=np.bool_)
        self.fair_w = np.array([w for _, w in fair], float)

    def args(self):
        return (self.allowed, self.K, self.paid, self.pref, self.min_min, self.max_min,
                self.week_min, self.week_max, self.max_shifts, self.cmax, self.cmin,
                self.offmin, self.conflict, self.weekend_of, self.max_weekends,
                self.nweekends, self.cover, self.wu, self.wo, self.tagged,
                self.weekend_cat, self.fair_w)


def _internal(grid, K):
    g = np.asarray(grid, dtype=np.int64).copy()
    g[g < 0] = K
    return g


def _external(g, K):
    out = g.copy()
    out[out == K] = -1
    return out


def row_violations(problem, agents, rows):
    """Hard violation units of each of ``rows`` (n x days shift indexes, -1 = off)
    as the roster of agent number ``agents[i]``; a day off, skill or shift the agent
    may not work counts as a unit too."""
    arr = _Arrays(problem)
    g = _internal(np.atleast_2d(rows), arr.K)
    counts = np.zeros(arr.K + 1, np.int64)
    seen = np.zeros(max(arr.nweekends, 1), np.int64)
    out = np.empty(g.shape[0])
    days = np.arange(g.shape[1])
    for i, e in enumerate(np.asarray(agents, dtype=np.int64)):
        one = slice(e, e + 1)
        hard, _ = _anneal.agent_cost(0, g[i:i + 1], arr.K, arr.paid, arr.pref[one],
                                     arr.min_min[one], arr.max_min[one], arr.week_min[one],
                                     arr.week_max[one], arr.max_shifts[one], arr.cmax[one],
                                     arr.cmin[one], arr.offmin[one], arr.conflict,
                                     arr.weekend_of, arr.max_weekends[one], arr.nweekends,
                                     counts, seen)
        out[i] = hard + np.count_nonzero(~arr.allowed[e, days, g[i]])
    return out


def grid_cost(problem, grid):
    """(hard violation units, objective) of an agent x day grid (-1 = off), as the
    search prices it (the objective is the validator's)."""
    arr = _Arrays(problem)
    g = _internal(grid, arr.K)
    best = np.array([np.inf])
    best_g = g.copy()
    total = _anneal.anneal(g, *arr.args(), 0.0, 0, 1.0, 1.0, 0, best_g, best)
    counts = np.zeros(arr.K + 1, np.int64)
    seen = np.zeros(max(arr.nweekends, 1), np.int64)
    hard = sum(_anneal.agent_cost(e, g, arr.K, arr.paid, arr.pref, arr.min_min, arr.max_min,
                                  arr.week_min, arr.week_max, arr.max_shifts, arr.cmax,
                                  arr.cmin, arr.offmin, arr.conflict, arr.weekend_of,
                                  arr.max_weekends, arr.nweekends, counts, seen)[0]
               for e in range(g.shape[0]))
    return hard, total


def anneal_roster(problem, grid, seconds, *, seed=0, hard_weight=None, t_start=None,
                  t_end=0.05, workers=None, pool=None):
    """Improve roster ``grid`` (agents x days shift indexes, -1 = off; it should break
    no hard rule) for ``seconds`` of simulated annealing.

    Returns (grid, objective) of the best roster found that breaks no hard rule
    (the input itself if none better). ``hard_weight`` prices a violation unit
    (default: three times the largest weight, usually the under-cover one); the
    temperature goes from ``t_start`` (default: three times the largest weight of a
    request, an extra agent or fairness, at least 1) down to ``t_end`` over the time.
    (Measured from the same 12-second MILP roster, 45 s: instance 6 ends at 2,139
    starting at 3 and at 2,052 starting at 10; instance 5 at 1,369 when starting at
    the under-cover weight, 100, which wrecks the cover.) One search runs per worker
    thread (default: two, on a machine with two cores or more; the kernel releases
    the GIL), each from the same roster with its own seed, and the best is kept:
    runs differ by seed (instance 6: 2,050 and 2,145 from the same start), so two
    searches are worth more than one twice as long.

    ``pool``: a list that receives snapshots of every search's current roster
    (agents x days, -1 = off), one per kernel call after the first 30% of the time,
    and each search's best: the rows a recombination (:mod:`.merge`) picks from.
    Snapshot rows may break hard rules; the caller filters them.
    """
    started = time.perf_counter()  # the kernels' first compilation counts too
    deadline = started + seconds
    arr = _Arrays(problem)
    small = max(1.0, float(arr.wo.max(initial=1.0)), float(np.abs(arr.pref).max(initial=1.0)),
                float(arr.fair_w.max(initial=1.0)))
    scale = max(small, float(arr.wu.max(initial=1.0)))
    hard_weight = 3.0 * scale if hard_weight is None else hard_weight
    t_start = 3.0 * small if t_start is None else t_start
    start_hard, start_total = grid_cost(problem, grid)  # compiles the kernels once
    workers = min(2, os.cpu_count() or 1) if workers is None else max(1, int(workers))

    def search(worker_seed):
        g = _internal(grid, arr.K)
        best_g = g.copy()
        best = np.array([start_total if start_hard < 1e-9 else np.inf])
        rng = np.random.default_rng(worker_seed)
        first = time.perf_counter()
        span = max(deadline - first, 1e-3)
        while True:
            now = time.perf_counter()
            if now >= deadline:
                break
            f0 = (now - first) / span
            f1 = min(1.0, f0 + 0.1 / max(span, 0.1))
            ta = t_start * (t_end / t_start) ** f0
            tb = t_start * (t_end / t_start) ** f1
            _anneal.anneal(g, *arr.args(), hard_weight, _MOVES, ta, tb,
                           int(rng.integers(0, 2 ** 31 - 1)), best_g, best)
            if pool is not None and f0 >= _POOL_FROM:
                pool.append(_external(g, arr.K))  # list.append is atomic under the GIL
        if pool is not None:
            pool.append(_external(best_g, arr.K))
        return float(best[0]), best_g

    seeds = [seed * 1000 + w for w in range(workers)]
    if workers == 1:
        results = [search(seeds[0])]
    else:  # the kernel releases the GIL: independent searches run on the other cores
        with ThreadPoolExecutor(workers) as threads:
            results = list(threads.map(search, seeds))
    objective, best_g = min(results, key=lambda r: r[0])
    return _external(best_g, arr.K), objective
