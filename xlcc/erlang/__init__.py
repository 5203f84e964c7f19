"""Queueing math for contact centers: Erlang B, C and A, staffing and inverse searches.

Units everywhere: traffic in Erlangs, times (AHT, answer time, patience, ASA)
in seconds, interval length in minutes, probabilities, targets, occupancy and
shrinkage as fractions 0-1. Every function broadcasts like a numpy ufunc.
"""

from xlcc.erlang import erlang_a as _a, erlang_b as _b, erlang_c as _c, staffing as _s, workload as _w
from xlcc.erlang.erlang_a import *  # noqa: F401,F403
from xlcc.erlang.erlang_b import *  # noqa: F401,F403
from xlcc.erlang.erlang_c import *  # noqa: F401,F403
from xlcc.erlang.staffing import *  # noqa: F401,F403
from xlcc.erlang.workload import *  # noqa: F401,F403

__all__ = _a.__all__ + _b.__all__ + _c.__all__ + _s.__all__ + _w.__all__
