"""xlcc's registry functions in the shapes pycel and formulas look them up (benchmark only).

Both call Spec.evaluate, the same code the engine and the add-in run.
"""

import numpy as np

from xlcc.functions import REGISTRY
from xlcc.functions.errors import CellError


def _plain(v):
    if hasattr(v, "value") and not isinstance(v, (np.ndarray, float, int, str)):
        v = v.value  # formulas' Ranges
    if isinstance(v, np.ndarray):
        return v.tolist() if v.ndim else v.item()
    if isinstance(v, tuple):
        return [list(r) if isinstance(r, tuple) else r for r in v]
    return v


def _wrap(spec):
    def fn(*args):
        out = spec.evaluate(*(_plain(a) for a in args))
        return str(out) if isinstance(out, CellError) else out
    fn.__name__ = spec.name.lower()
    return fn


for _spec in REGISTRY:  # pycel: lower-case module attributes
    globals()[_spec.name.lower()] = _wrap(_spec)

FORMULAS_FUNCTIONS = {s.name: _wrap(s) for s in REGISTRY}
