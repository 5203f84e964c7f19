"""Broadcast validated arguments, run one loop kernel, give back numpy's shape."""

import numpy as np


def broadcast(*arrays):
    """Broadcast float arrays to one shape; returns (shape, flat contiguous copies)."""
    arrs = np.broadcast_arrays(*arrays)
    shape = arrs[0].shape
    return shape, tuple(np.ascontiguousarray(a, dtype=float).ravel() for a in arrs)


def run(kernel, shape, *args):
    """``kernel(*args, out)`` into a new array of ``shape``; a scalar for scalar input."""
    out = np.empty(int(np.prod(shape)))
    kernel(*args, out)
    return out.reshape(shape)[()]
