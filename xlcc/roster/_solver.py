"""The one way the roster models call HiGHS and read its answer."""

import numpy as np
from scipy.optimize import Bounds, milp

STATUS = {0: "optimal", 1: "time limit", 2: "infeasible", 3: "unbounded", 4: "error"}


def run_milp(c, integrality, lo, hi, constraints, time_limit_s, mip_gap=None):
    """:func:`scipy.optimize.milp` with a time limit (seconds, at least 0.1) and,
    if given, a relative gap (fraction) at which to stop; HiGHS stays quiet."""
    options = {"time_limit": max(float(time_limit_s), 0.1), "disp": False}
    if mip_gap is not None:
        options["mip_rel_gap"] = float(mip_gap)
    return milp(c, integrality=integrality, bounds=Bounds(lo, hi), constraints=constraints,
                options=options)


def dual_bound(res, default):
    """HiGHS's proven lower bound of ``res``, or ``default`` where it gave none."""
    bound = getattr(res, "mip_dual_bound", None)
    return float(bound) if bound is not None and np.isfinite(bound) else default


def relative_gap(objective, bound):
    """(objective - bound) / |objective|, at least 0; 0 for a zero objective."""
    return max(0.0, (objective - bound) / abs(objective)) if objective else 0.0
