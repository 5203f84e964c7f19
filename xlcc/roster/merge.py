"""Recombination: the best roster made of agents' rows seen during the search.

Every hard rule of a named roster is a rule about one agent's row (one shift a
day, contract minutes, runs, rest, weekends); only cover and fairness tie agents
together. So any choice of one rule-abiding row per agent is a roster, and the
best such choice among many candidate rows is a small set-partitioning MILP:
``z[r] = 1`` when row ``r`` is picked, one row per agent, the cover and fairness
rows of the whole model written over the ``z``. The candidate rows are the
annealing's snapshots (:func:`~xlcc.roster.anneal.anneal_roster` ``pool``), so
rows from different searches and moments combine: one search may have covered
Monday nights well and another the weekends. HiGHS starts from the incumbent
(:func:`~xlcc.roster._solver.run_highs_from`), so the answer is never worse.

The snapshots know nothing of what the cover still lacks, so rows are also made to
order (column generation, :func:`price_rows`): the set-partitioning model solved
as a linear programme prices every day and shift by its dual, and each agent's best
row at those prices (:mod:`xlcc.roster.pricing`: a dynamic programme, or a MILP
over that agent's own columns and rules) joins the candidates when it would lower
the linear optimum. This is the pricing step of the branch-and-price methods that
solve these benchmarks exactly. The linear master is kept in one HiGHS model
(:class:`_LinearMaster`), so each round starts from the last basis.

Where every agent is priced by the dynamic programme, a round costs hundredths of a
second, and the recombination also dives (:func:`_dive`): hold the rows the linear
optimum picks whole and the one it picks most, price the free agents again until
no row improves, repeat until every agent is held; one greedy dive, then dives
that draw among the rows picked at least half as much, for the time given. A dive
is a roster (one rule-abiding row per agent); the best one starts the MILP over
every row found.

Measured (Curtois & Qu, 60 s in all, seed 0): instance 8 (30 agents x 28 days x 4
shifts), column generation converges in 1.3 s (3.7 s with the LP rebuilt each
round), a dive takes 4-7 s and lands at 1,304-1,309 where the MILP over 4,385
annealed rows had reached 1,363; instance 6 (18 x 28 x 3), dives of 0.1-1 s,
1,950, the optimum.
"""

import time

import numpy as np
from scipy import sparse
from scipy.optimize import LinearConstraint

from xlcc.roster._solver import highs_answer, highs_model, run_highs_from
from xlcc.roster.anneal import row_violations
from xlcc.roster.assign import grid_of
from xlcc.roster.pricing import Pricing, layout

__all__ = ["recombine"]

#: most candidate rows kept per agent (the latest ones), so that the MILP stays a
#: few thousand columns on a large roster
MAX_ROWS_PER_AGENT = 300
#: share of the recombination's time left after the first column generation that
#: goes to diving, where every agent's pricing is the dynamic programme
DIVE_SHARE = 0.8


def candidate_rows(problem, snapshots, incumbent):
    """(agent of each row, rows): the ``incumbent`` grid's rows (agents x days,
    -1 = off) first, one per agent in order, then the other distinct rule-abiding
    rows of each agent in ``snapshots`` (a list of such grids), latest first, at most
    :data:`MAX_ROWS_PER_AGENT` per agent."""
    E = incumbent.shape[0]
    agents, rows = [], []
    for e in range(E):
        seen = {incumbent[e].tobytes()}
        for grid in reversed(snapshots):
            key = grid[e].tobytes()
            if key not in seen:
                seen.add(key)
                agents.append(e)
                rows.append(grid[e])
                if len(seen) == MAX_ROWS_PER_AGENT:
                    break
    if not agents:
        return np.arange(E), incumbent.copy()
    agents, rows = np.array(agents), np.array(rows)
    ok = row_violations(problem, agents, rows) < 1e-9
    return np.r_[np.arange(E), agents[ok]], np.r_[incumbent, rows[ok]]


def row_columns(problem, agents, rows, shape, weekend0, ncols):
    """Sparse 0/1 matrix (model columns x rows): the model's shift columns
    ``x[e, d, k]`` and weekend-worked columns set by each row."""
    E, D, K = shape
    weekends = problem.weekends()
    r, d = np.nonzero(rows >= 0)
    cells = [agents[r] * D * K + d * K + rows[r, d]]
    owners = [r]
    for m, pair in enumerate(weekends):
        days = [day for day in pair if day >= 0]
        worked = np.flatnonzero((rows[:, days] >= 0).any(axis=1))
        cells.append(weekend0 + agents[worked] * len(weekends) + m)
        owners.append(worked)
    cells, owners = np.concatenate(cells), np.concatenate(owners)
    return sparse.csc_matrix((np.ones(cells.size), (cells, owners)),
                             shape=(ncols, rows.shape[0]))


def _row_block(problem, agents, rows, model, shape, soft_matrix):
    """Candidate ``rows`` as master columns: (pick, cost, one-per-agent block,
    cover and fairness block); ``pick`` maps each row to the whole model's columns,
    ``soft_matrix`` is the whole model's cover and fairness rows (CSC)."""
    c = model[0]
    pick = row_columns(problem, agents, rows, shape, layout(problem, shape)[1], c.size)
    n = agents.size
    one = sparse.csr_matrix((np.ones(n), (agents, np.arange(n))), shape=(shape[0], n))
    return pick, pick.T @ c, one, soft_matrix @ pick


def _master(problem, agents, rows, model, shape):
    """The set-partitioning model over candidate ``rows``: (cost, integrality, lo,
    hi, constraints, pick, shared), columns ``z`` (one per row) then the whole
    model's cover and fairness columns ``shared``; rows: one per agent (= 1), then
    the whole model's cover and fairness rows."""
    c, lo, hi, integrality, _, soft = model
    E = shape[0]
    nx, weekend0, nw = layout(problem, shape)
    shared = np.r_[nx:weekend0, weekend0 + E * nw:c.size]
    soft_matrix = sparse.csc_matrix(soft.A)
    pick, cost, one, soft_z = _row_block(problem, agents, rows, model, shape, soft_matrix)
    n = agents.size
    one_each = sparse.hstack([one, sparse.csr_matrix((E, shared.size))]).tocsr()
    rows_matrix = sparse.hstack([soft_z, soft_matrix[:, shared]]).tocsr()
    return (np.r_[cost, c[shared]], np.r_[np.ones(n), integrality[shared]],
            np.r_[np.zeros(n), lo[shared]], np.r_[np.ones(n), hi[shared]],
            [LinearConstraint(one_each, 1.0, 1.0),
             LinearConstraint(rows_matrix, soft.lb, soft.ub)], pick, shared)


class _LinearMaster:
    """The set-partitioning master as a linear programme kept in one HiGHS model:
    rows found later are appended as columns and held agents are bounds, so each
    solve starts from the last basis (instance 8: a few hundredths of a second
    against 0.1 s rebuilt)."""

    def __init__(self, problem, agents, rows, model, shape):
        self.problem, self.model, self.shape = problem, model, shape
        cost, _, lo, hi, constraints, _, shared = _master(problem, agents, rows, model, shape)
        self.h = highs_model(cost, np.zeros(cost.size), lo, hi, constraints, 1.0)
        self.h.setOptionValue("presolve", "off")  # keeps the basis from solve to solve
        self.where = np.arange(agents.size)  # model column of each candidate row
        self.ncols = cost.size
        self.soft = sparse.csc_matrix(model[5].A)

    def add(self, agents, rows):
        """Append candidate rows as columns (z at cost, bounds 0-1)."""
        _, cost, one, soft_z = _row_block(self.problem, agents, rows, self.model, self.shape,
                                          self.soft)
        block = sparse.vstack([one, soft_z]).tocsc()
        n = agents.size
        self.h.addCols(n, cost, np.zeros(n), np.ones(n), int(block.nnz),
                       block.indptr[:-1].astype(np.int32), block.indices.astype(np.int32),
                       block.data.astype(float))
        self.where = np.r_[self.where, self.ncols + np.arange(n)]
        self.ncols += n

    def solve(self, agents, fixed, deadline):
        """(answer, z, duals) with the agents of ``fixed`` ({agent: row}) held."""
        hi = np.ones(self.where.size)
        if fixed:
            hi[np.isin(agents[:self.where.size], list(fixed))] = 0.0
            hi[list(fixed.values())] = 1.0
        self.h.changeColsBounds(self.where.size, self.where.astype(np.int32),
                                np.zeros(self.where.size), hi)
        self.h.setOptionValue("time_limit", max(0.1, deadline - time.perf_counter()))
        self.h.run()
        answer = highs_answer(self.h)
        if answer.x is None:
            return answer, None, None
        return answer, answer.x[self.where], np.array(self.h.getSolution().row_dual)


class _Generation:
    """Column generation's state: the candidate rows (``agents``, ``rows``), the
    rows already known, the linear master and the per-agent pricing."""

    def __init__(self, problem, agents, rows, model, shape):
        self.problem, self.model, self.shape = problem, model, shape
        self.agents, self.rows = agents, rows
        self.known = {(int(e), r.tobytes()) for e, r in zip(agents, rows)}
        self.pricing = Pricing(problem, model, shape)
        self.soft = sparse.csr_matrix(model[5].A)
        self.master = None

    def linear(self, deadline, fixed=None):
        """(answer, row values, duals) of the master as a linear programme, with the
        agents of ``fixed`` ({agent: row index}) held to that row."""
        if self.master is None:
            self.master = _LinearMaster(self.problem, self.agents, self.rows, self.model,
                                        self.shape)
        have = self.master.where.size
        if have < self.agents.size:
            self.master.add(self.agents[have:], self.rows[have:])
        return self.master.solve(self.agents, fixed, deadline)

    def price(self, answer, duals, deadline, fixed=()):
        """Price every agent not in ``fixed`` at ``duals``, add the rows of negative
        reduced cost; returns (rows added, Lasdon's bound or -inf: the linear optimum
        plus every agent's most negative reduced cost, valid when every agent was
        priced at optimal duals)."""
        E = self.shape[0]
        reduced = self.model[0] - self.soft.T @ duals[E:]
        new_agents, new_rows = [], []
        lasdon = answer.fun if answer.status == 0 and not fixed else -np.inf
        for e in range(E):
            if e in fixed:
                continue
            left = deadline - time.perf_counter()
            if left <= 0:
                lasdon = -np.inf
                break
            # held agents' rows make any improving row welcome; at the root, a row
            # proven best keeps Lasdon's bound
            found = self.pricing.best_row(e, reduced, min(1.0, left),
                                          enough=duals[e] - 1e-6 if fixed else None)
            if found is None:
                lasdon = -np.inf
                continue
            lasdon += min(found[2] - duals[e], 0.0)
            key = (e, found[1].tobytes())
            if found[0] - duals[e] < -1e-6 and key not in self.known:
                self.known.add(key)
                new_agents.append(e)
                new_rows.append(found[1])
        if new_agents:
            new_agents, new_rows = np.array(new_agents), np.array(new_rows)
            ok = row_violations(self.problem, new_agents, new_rows) < 1e-9  # a safety net
            self.agents = np.r_[self.agents, new_agents[ok]]
            self.rows = np.r_[self.rows, new_rows[ok]]
        # the linear solver's tolerances: the bound is kept a hair on the safe side
        return len(new_agents), lasdon - 1e-6 * max(1.0, abs(lasdon))


def price_rows(problem, agents, rows, model, shape, deadline):
    """Column generation until ``deadline`` (a perf_counter time): solve the master
    as a linear programme, price each agent's best row at its duals, add the rows
    whose reduced cost is negative, repeat until none is (the master's linear bound
    is then the best over all rule-abiding rows) or the time is up. Rows go after
    the candidates, so their order (the incumbent's first) is kept. Returns
    (agents, rows, used, bound): ``used`` marks the rows the last linear solution
    uses; ``bound`` is a proven lower bound of the whole model, the best over the
    rounds of the linear optimum plus every agent's most negative reduced cost
    (Lasdon's bound: no roster, over any rows, costs less), -inf when no round
    priced every agent."""
    gen = _Generation(problem, agents, rows, model, shape)
    used, bound = _generate(gen, deadline)
    return gen.agents, gen.rows, used, bound


def _generate(gen, deadline):
    """:func:`price_rows` on ``gen``: (used, bound)."""
    used = np.zeros(gen.agents.size, dtype=bool)
    bound = -np.inf
    while time.perf_counter() < deadline:
        answer, z, duals = gen.linear(deadline)
        if z is None:
            break
        used = z > 1e-6
        added, lasdon = gen.price(answer, duals, deadline)
        bound = max(bound, lasdon)
        if not added:
            break
    return np.r_[used, np.zeros(gen.agents.size - used.size, dtype=bool)], bound


def _dive(gen, deadline, rng=None, cutoff=np.inf):
    """A roster by diving: (row index of each agent or None, why it stopped:
    "roster", "pruned" or "time"). From the linear optimum, hold every agent whose
    row the LP picks whole and the free agent whose row it picks most (with ``rng``,
    a free row drawn among those the LP picks at least half as much, for another
    dive), price the free agents again until no row improves the LP, repeat until
    every agent is held. A converged LP above ``cutoff`` (the most a roster may
    cost to be worth finding) ends the dive ("pruned"). When time runs out,
    each free agent takes the row the last LP picks most."""
    E = gen.shape[0]
    fixed, z = {}, None
    while len(fixed) < E:
        converged = False
        while time.perf_counter() < deadline:
            answer, z_now, duals = gen.linear(deadline, fixed)
            if z_now is None:
                break
            z = z_now
            added, _ = gen.price(answer, duals, deadline, fixed)
            if not added:
                converged = True
                break
        if z is None:
            return None, "time"
        if converged and answer.fun > cutoff + 1e-6:
            return None, "pruned"
        free = ~np.isin(gen.agents[:z.size], list(fixed))
        if not free.any():
            break
        if time.perf_counter() >= deadline:  # finish from the last LP
            for r in np.flatnonzero(free)[np.argsort(-z[free], kind="stable")]:
                fixed.setdefault(int(gen.agents[r]), int(r))
            break
        whole = np.flatnonzero(free & (z > 1 - 1e-6))
        top = np.flatnonzero(free)[np.argmax(z[free])]
        if rng is not None:
            near = np.flatnonzero(free & (z >= 0.5 * z[top]))
            top = near[rng.integers(near.size)]
        for r in np.r_[whole, top]:
            fixed.setdefault(int(gen.agents[r]), int(r))
    if len(fixed) < E:
        return None, "time"
    return np.array([fixed[e] for e in range(E)]), "roster"


def recombine(problem, snapshots, x, best, model, shape, seconds, price_share=0.0,
              whole=False):
    """Best roster whose every agent's row is one of the candidates, from the
    incumbent ``x`` (whole model's column vector, objective ``best``).

    ``model``: (c, lo, hi, integrality, hard, soft) of the whole model, ``hard`` and
    ``soft`` the LinearConstraints of its rule rows and of its cover and fairness
    rows; its columns are laid out as in :mod:`xlcc.roster.assign` (shift columns,
    cover short/over, weekend columns, fairness). Up to ``price_share`` of
    ``seconds`` goes to column generation (:func:`price_rows`), which adds the rows
    the cover's prices ask for (instance 6, from an annealed 2,141: 1,955 after four
    rounds in 10 s and a 10 s MILP, against 2,048 from the annealing's rows alone).
    When every agent's pricing is the dynamic programme, :data:`DIVE_SHARE` of the
    time left then goes to dives (:func:`_dive`), the best of which starts the MILP;
    the rest to the MILP. ``whole``: every roster's objective is a whole number, so
    a dive whose LP is above the incumbent less one cannot improve on it. Returns
    (x, objective, bound): the input's x and objective when nothing better is
    found, and the pricing's proven lower bound of the whole model (-inf without
    pricing).
    """
    deadline = time.perf_counter() + seconds
    E = shape[0]
    gen = _Generation(problem, *candidate_rows(problem, snapshots, grid_of(x, shape)),
                      model, shape)
    used, bound = _generate(gen, time.perf_counter() + price_share * seconds)
    first = np.arange(E)
    if price_share > 0 and gen.pricing.exact():
        dives_end = time.perf_counter() + DIVE_SHARE * (deadline - time.perf_counter())
        rng = None
        dives = 0
        while time.perf_counter() < dives_end:
            picked, why = _dive(gen, dives_end, rng, cutoff=best - 1.0 if whole else best)
            rng = rng or np.random.default_rng(0)
            dives += 1
            if why == "time" or (why == "pruned" and dives == 1):
                break  # pruned at the root: the linear bound meets the incumbent
            if picked is None:
                continue
            found = _solve_master(problem, gen.agents[picked], gen.rows[picked], model, shape,
                                  x, best, 2.0)
            if found is not None:
                x, best, _ = found
                first = picked
    agents, rows = gen.agents, gen.rows
    # the rows the linear optimum uses, with the incumbent's, make a MILP HiGHS
    # solves in a moment (a few rows per agent); its answer starts the full one,
    # where the search over thousands of rows may find nothing in the time left
    # (instance 6: 1,986 kept in 9 s over 2,032 rows)
    if used.any():
        few = np.union1d(first, np.flatnonzero(used))
        found = _solve_master(problem, agents[few], rows[few], model, shape, x, best,
                              0.5 * (deadline - time.perf_counter()))
        if found is not None:
            x, best, chosen = found
            first = few[chosen]
    found = _solve_master(problem, agents, rows, model, shape, x, best,
                          deadline - time.perf_counter(), start_rows=first)
    return ((x, best) if found is None else found[:2]) + (bound,)


def _solve_master(problem, agents, rows, model, shape, x, best, seconds, start_rows=None):
    """(x, objective, rows picked) of the set-partitioning MILP over ``rows`` started
    from ``start_rows`` (default: the first one of each agent) and ``x``'s cover and
    fairness columns, or None if it finds nothing better than ``best``."""
    c = model[0]
    cost, integrality, lo, hi, constraints, pick, shared = _master(problem, agents, rows,
                                                                   model, shape)
    n = agents.size
    start = np.r_[np.zeros(n), x[shared]]
    start[np.arange(shape[0]) if start_rows is None else start_rows] = 1.0
    res = run_highs_from(cost, integrality, lo, hi, constraints, max(0.1, seconds), start)
    if res.x is None or not res.fun < best - 1e-9:
        return None
    z = np.round(res.x[:n])
    out = pick @ z
    out[shared] = res.x[n:]
    return out, float(c @ out), np.flatnonzero(z)
