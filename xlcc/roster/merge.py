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

Measured (Curtois & Qu instance 8, 30 agents x 28 days x 4 shifts, rows of two
40 s searches, 4,385 candidate rows): 1,467 -> 1,363 in 20 s; instance 5, from
1,148: 1,147, proven best over its pool in 1.0 s.
"""

import numpy as np
from scipy import sparse
from scipy.optimize import LinearConstraint

from xlcc.roster._solver import run_highs_from
from xlcc.roster.anneal import row_violations
from xlcc.roster.assign import grid_of

__all__ = ["recombine"]

#: most candidate rows kept per agent (the latest ones), so that the MILP stays a
#: few thousand columns on a large roster
MAX_ROWS_PER_AGENT = 300


def candidate_rows(problem, snapshots, incumbent):
    """(agent of each row, rows): the distinct rule-abiding rows of each agent in
    ``snapshots`` (a list of agents x days grids, -1 = off), latest first, at most
    :data:`MAX_ROWS_PER_AGENT` each, the ``incumbent`` grid's row always first."""
    E = incumbent.shape[0]
    agents, rows = [], []
    stack = np.stack([incumbent] + list(reversed(snapshots)))  # (snapshots, E, D)
    for e in range(E):
        seen, keep = set(), []
        for row in stack[:, e, :]:
            key = row.tobytes()
            if key not in seen:
                seen.add(key)
                keep.append(row)
                if len(keep) == MAX_ROWS_PER_AGENT:
                    break
        agents += [e] * len(keep)
        rows += keep
    agents, rows = np.array(agents), np.array(rows)
    ok = row_violations(problem, agents, rows) < 1e-9
    ok[np.r_[0, np.flatnonzero(np.diff(agents)) + 1]] = True  # the incumbent's rows
    return agents[ok], rows[ok]


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


def recombine(problem, snapshots, x, best, model, shape, seconds):
    """Best roster whose every agent's row is one of the candidates, from the
    incumbent ``x`` (whole model's column vector, objective ``best``).

    ``model``: (c, lo, hi, integrality, soft) of the whole model, ``soft`` the
    LinearConstraint of its cover and fairness rows; its columns are laid out as in
    :mod:`xlcc.roster.assign` (shift columns, cover short/over, weekend columns,
    fairness). ``seconds``: HiGHS's time limit. Returns (x, objective), the input
    when nothing better is found.
    """
    c, lo, hi, integrality, soft = model
    E, D, K = shape
    nx = E * D * K
    weekend0 = nx + 2 * D * K
    nw = len(problem.weekends())
    incumbent = grid_of(x, shape)
    agents, rows = candidate_rows(problem, snapshots, incumbent)
    if agents.size == E:  # nothing to choose from
        return x, best
    ncols = c.size
    pick = row_columns(problem, agents, rows, shape, weekend0, ncols)
    shared = np.r_[nx:weekend0, weekend0 + E * nw:ncols]  # cover, fairness columns
    soft_matrix = sparse.csc_matrix(soft.A)
    n = agents.size
    one_each = sparse.csr_matrix((np.ones(n), (agents, np.arange(n))), shape=(E, n + shared.size))
    master = sparse.hstack([soft_matrix @ pick, soft_matrix[:, shared]]).tocsr()
    start = np.r_[np.zeros(n), x[shared]]
    start[np.r_[0, np.flatnonzero(np.diff(agents)) + 1]] = 1.0
    res = run_highs_from(np.r_[pick.T @ c, c[shared]], np.r_[np.ones(n), integrality[shared]],
                         np.r_[np.zeros(n), lo[shared]], np.r_[np.ones(n), hi[shared]],
                         [LinearConstraint(one_each, 1.0, 1.0),
                          LinearConstraint(master, soft.lb, soft.ub)], seconds, start)
    if res.x is None or not res.fun < best - 1e-9:
        return x, best
    z = np.round(res.x[:n])
    out = pick @ z
    out[shared] = res.x[n:]
    return out, float(c @ out)
