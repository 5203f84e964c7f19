"""The one way the roster models call HiGHS and read its answer."""

import os
import subprocess
import sys
import tempfile
import time
from types import SimpleNamespace

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from xlcc.roster._blocks import block_key, block_rows, blocks

STATUS = {0: "optimal", 1: "time limit", 2: "infeasible", 3: "unbounded", 4: "error"}
_TOL = 1e-7


#: seconds a worker process takes to start Python and scipy and read the model: its
#: HiGHS gets the time limit less this; the process is ended _WORKER_GRACE_S after
#: the time limit (writing the answer)
_WORKER_START_S, _WORKER_GRACE_S = 0.8, 0.3


def run_milp(c, integrality, lo, hi, constraints, time_limit_s, mip_gap=None,
             hard_limit=False):
    """:func:`scipy.optimize.milp` with a time limit (seconds, at least 0.1) and,
    if given, a relative gap (fraction) at which to stop; HiGHS stays quiet.

    ``hard_limit``: solve in a process of its own (:mod:`._worker`), ended if it is
    not done 0.3 s after the limit; the answer is then "time limit" with no solution
    (the incumbent HiGHS had is lost). For a large model with a fallback: HiGHS may
    overrun its limit by more than the limit itself on one.

    A model whose columns fall into independent blocks (no row shared between
    them, :mod:`._blocks`) is solved block by block, a repeated block once.

    When most columns are fixed (``lo == hi``, as in a neighbourhood search), they
    are taken out before HiGHS sees the model: their part of each row moves into
    the row's bounds and rows left empty are checked and dropped. HiGHS's own
    presolve would find the same, but only after being handed the whole model,
    which on a large roster costs more than the small search itself.
    """
    options = {"time_limit": max(float(time_limit_s), 0.1), "disp": False}
    if mip_gap is not None:
        options["mip_rel_gap"] = float(mip_gap)
    fixed = lo == hi
    if fixed.mean() <= 0.5 and constraints:
        parts = blocks(c.size, [con.A for con in constraints])
        if len(parts) > 1:
            return _run_blocks(parts, c, integrality, lo, hi, constraints, options, hard_limit)
    return _run_one(c, integrality, lo, hi, constraints, options, hard_limit)


def _run_one(c, integrality, lo, hi, constraints, options, hard_limit):
    if hard_limit:
        return _run_in_worker(c, integrality, lo, hi, constraints, options)
    fixed = lo == hi
    if fixed.mean() <= 0.5:
        return milp(c, integrality=integrality, bounds=Bounds(lo, hi), constraints=constraints,
                    options=options)
    free = ~fixed
    value = lo[fixed]
    reduced = []
    for con in constraints:
        mat = sparse.csc_matrix(con.A)
        moved = mat[:, fixed] @ value
        part = mat[:, free].tocsr()
        lb = np.broadcast_to(con.lb, moved.shape) - moved
        ub = np.broadcast_to(con.ub, moved.shape) - moved
        empty = _empty_rows(part)
        if _broken(empty, lb, ub):
            return SimpleNamespace(x=None, fun=None, status=2, mip_dual_bound=None,
                                   message="the fixed columns break a row")
        reduced.append(LinearConstraint(part[~empty], lb[~empty], ub[~empty]))
    res = milp(c[free], integrality=integrality[free], bounds=Bounds(lo[free], hi[free]),
               constraints=reduced, options=options)
    offset = float(c[fixed] @ value)
    x = None
    if res.x is not None:
        x = np.empty(c.size)
        x[fixed], x[free] = value, res.x
    bound = getattr(res, "mip_dual_bound", None)
    return SimpleNamespace(x=x, fun=None if res.fun is None else res.fun + offset,
                           status=res.status, message=res.message,
                           mip_dual_bound=None if bound is None else bound + offset)


def _run_blocks(parts, c, integrality, lo, hi, constraints, options, hard_limit):
    """Solve independent blocks one after the other, the same block once, and
    put the answer together: the time limit is shared out by block size (what
    one block leaves goes to the next), the bound is the sum of the blocks'
    bounds, so each block's relative gap bounds the whole one's."""
    deadline = time.perf_counter() + options["time_limit"]
    matrices = [sparse.csr_matrix(con.A) for con in constraints]
    by_column = [m.tocsc() for m in matrices]  # once: every block reads its rows from it
    bounds = [(np.broadcast_to(con.lb, m.shape[0]), np.broadcast_to(con.ub, m.shape[0]))
              for con, m in zip(constraints, matrices)]
    for m, (lb, ub) in zip(matrices, bounds):  # a row with no entry must hold for 0
        if _broken(_empty_rows(m), lb, ub):
            return SimpleNamespace(x=None, fun=None, status=2, mip_dual_bound=None,
                                   message="a constraint row without entries cannot hold")
    models, keys = [], []
    for cols in parts:
        sub = []
        for m, csc, (lb, ub) in zip(matrices, by_column, bounds):
            rows = block_rows(csc, cols)
            if rows.size:
                sub.append(LinearConstraint(m[rows][:, cols], lb[rows], ub[rows]))
        models.append(sub)
        keys.append(block_key([c[cols], integrality[cols], lo[cols], hi[cols]]
                              + [a for con in sub for a in (con.A.data, con.A.indices,
                                                            con.A.indptr, con.lb, con.ub)]))
    size = {}
    for k, cols in zip(keys, parts):
        size.setdefault(k, cols.size)
    left = sum(size.values())
    x = np.empty(c.size)
    fun, bound, status, solved = 0.0, 0.0, 0, {}
    for k, cols, sub in zip(keys, parts, models):
        if k not in solved:
            share = size[k] / left
            left -= size[k]
            limit = max(0.1, (deadline - time.perf_counter()) * share)
            solved[k] = _run_one(c[cols], integrality[cols], lo[cols], hi[cols], sub,
                                 {**options, "time_limit": limit}, hard_limit)
        res = solved[k]
        if res.x is None:
            return SimpleNamespace(x=None, fun=None, status=res.status, mip_dual_bound=None,
                                   message=f"a block of {cols.size} columns: {res.message}")
        x[cols] = res.x
        fun += float(res.fun)
        status = max(status, int(res.status != 0))
        part_bound = dual_bound(res, float(res.fun) if res.status == 0 else np.nan)
        bound += part_bound
    return SimpleNamespace(x=x, fun=fun, status=status, mip_dual_bound=bound,
                           message=f"{len(parts)} independent blocks, {len(solved)} solved")


def _empty_rows(matrix):
    """Mask of the rows of csr ``matrix`` without an entry."""
    return np.diff(matrix.indptr) == 0


def _broken(empty, lb, ub):
    """Whether a row in mask ``empty`` (its activity is 0) breaks its bounds."""
    return bool(((lb[empty] > _TOL) | (ub[empty] < -_TOL)).any())


def _run_in_worker(c, integrality, lo, hi, constraints, options):
    from xlcc.roster._worker import save_model

    deadline = time.perf_counter() + options["time_limit"] + _WORKER_GRACE_S
    options = {**options, "time_limit": max(0.1, options["time_limit"] - _WORKER_START_S)}
    with tempfile.TemporaryDirectory(prefix="xlcc-milp-") as tmp:
        model, result = os.path.join(tmp, "model.npz"), os.path.join(tmp, "result.npz")
        save_model(model, c, integrality, lo, hi, constraints, options)
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flashing on Windows
        proc = subprocess.Popen(_worker_command(model, result),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                creationflags=flags)
        try:
            _, err = proc.communicate(timeout=max(0.1, deadline - time.perf_counter()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            return SimpleNamespace(x=None, fun=None, status=1, mip_dual_bound=None,
                                   message="stopped at the time limit (HiGHS had not)")
        if proc.returncode != 0 or not os.path.exists(result):
            raise RuntimeError("the MILP worker failed: "
                               + err.decode("utf-8", "replace").strip()[-500:])
        with np.load(result) as r:
            return SimpleNamespace(
                x=r["x"].copy() if bool(r["has_x"]) else None,
                fun=None if np.isnan(r["fun"]) else float(r["fun"]), status=int(r["status"]),
                message=str(r["message"]),
                mip_dual_bound=None if np.isnan(r["bound"]) else float(r["bound"]))


def _worker_command(model, result):
    return [sys.executable, "-m", "xlcc.roster._worker", model, result]


def highs_model(c, integrality, lo, hi, constraints, time_limit_s, mip_gap=None,
                presolve=True):
    """A quiet ``highspy`` solver holding the model (columns ``c``, ``lo``, ``hi``,
    ``integrality``; rows the LinearConstraints), ready to ``run()``."""
    import highspy

    inf = highspy.kHighsInf
    matrix = sparse.vstack([sparse.csr_matrix(con.A) for con in constraints]).tocsc()
    row_lo = np.concatenate([np.broadcast_to(con.lb, con.A.shape[0]) for con in constraints])
    row_hi = np.concatenate([np.broadcast_to(con.ub, con.A.shape[0]) for con in constraints])

    def finite(v):
        return np.clip(np.asarray(v, float), -inf, inf)

    # the private class is the one without the callback set-up of highspy.Highs,
    # which prints HiGHS's banner before any option can silence it
    h = getattr(getattr(highspy, "_core", None), "_Highs", highspy.Highs)()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", max(float(time_limit_s), 0.1))
    if mip_gap is not None:
        h.setOptionValue("mip_rel_gap", float(mip_gap))
    if not presolve:
        h.setOptionValue("presolve", "off")
    h.passModel(int(matrix.shape[1]), int(matrix.shape[0]), int(matrix.nnz), 1, 1, 0.0,
                np.asarray(c, float), finite(lo), finite(hi), finite(row_lo), finite(row_hi),
                matrix.indptr.astype(np.int32), matrix.indices.astype(np.int32),
                matrix.data.astype(float), np.asarray(integrality, np.int32))
    return h


def highs_answer(h):
    """(x or None, objective, status code as :data:`STATUS`, bound, message)."""
    info = h.getInfo()
    message = h.modelStatusToString(h.getModelStatus())
    status = {"Optimal": 0, "Time limit reached": 1, "Infeasible": 2}.get(message, 4)
    x = None
    if info.primal_solution_status == 2:  # kSolutionStatusFeasible
        x = np.array(h.getSolution().col_value)
    return SimpleNamespace(x=x, fun=None if x is None else float(info.objective_function_value),
                           status=status, message=message,
                           mip_dual_bound=float(info.mip_dual_bound))


def run_highs_from(c, integrality, lo, hi, constraints, time_limit_s, start, mip_gap=None):
    """:func:`run_milp` for a model with a known solution ``start`` (a full column
    vector): HiGHS is handed it as its first incumbent, so the answer is never
    worse than ``start`` and the search (RINS and friends) works around it.
    scipy's ``milp`` takes no starting solution, hence ``highspy``; no block split
    or column removal here (the models that use it are a few thousand columns)."""
    h = highs_model(c, integrality, lo, hi, constraints, time_limit_s, mip_gap)
    h.setSolution(int(c.size), np.arange(c.size, dtype=np.int32), np.asarray(start, float))
    h.run()
    return highs_answer(h)


def dual_bound(res, default):
    """HiGHS's proven lower bound of ``res``, or ``default`` where it gave none."""
    bound = getattr(res, "mip_dual_bound", None)
    return float(bound) if bound is not None and np.isfinite(bound) else default


def relative_gap(objective, bound):
    """(objective - bound) / |objective|, at least 0; 0 for a zero objective."""
    return max(0.0, (objective - bound) / abs(objective)) if objective else 0.0
