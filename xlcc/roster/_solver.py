"""The one way the roster models call HiGHS and read its answer."""

from types import SimpleNamespace

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

STATUS = {0: "optimal", 1: "time limit", 2: "infeasible", 3: "unbounded", 4: "error"}
_TOL = 1e-7


def run_milp(c, integrality, lo, hi, constraints, time_limit_s, mip_gap=None):
    """:func:`scipy.optimize.milp` with a time limit (seconds, at least 0.1) and,
    if given, a relative gap (fraction) at which to stop; HiGHS stays quiet.

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
        empty = np.diff(part.indptr) == 0
        if ((lb[empty] > _TOL) | (ub[empty] < -_TOL)).any():
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


def dual_bound(res, default):
    """HiGHS's proven lower bound of ``res``, or ``default`` where it gave none."""
    bound = getattr(res, "mip_dual_bound", None)
    return float(bound) if bound is not None and np.isfinite(bound) else default


def relative_gap(objective, bound):
    """(objective - bound) / |objective|, at least 0; 0 for a zero objective."""
    return max(0.0, (objective - bound) / abs(objective)) if objective else 0.0
