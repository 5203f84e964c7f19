"""Broadcast validated arguments, run one loop kernel, give back numpy's shape."""

import numpy as np


def _flat(a, shape):
    """``a`` broadcast to ``shape`` as a writable, contiguous 1-D float64 array.

    Arrays already in that form are passed as views (no copy); numba then sees
    one array type for every call, so each kernel compiles once.
    """
    if a.shape == shape and a.dtype == np.float64 and a.flags.c_contiguous and a.flags.writeable:
        return a.reshape(-1)
    return np.array(np.broadcast_to(a, shape), dtype=np.float64, order="C").reshape(-1)


def broadcast(*arrays):
    """Broadcast float arrays to one shape; returns (shape, flat contiguous arrays)."""
    shape = np.broadcast_shapes(*(np.shape(a) for a in arrays))
    return shape, tuple(_flat(np.asarray(a), shape) for a in arrays)


def run(kernel, shape, *args):
    """``kernel(*args, out)`` into a new array of ``shape``; a scalar for scalar input."""
    out = np.empty(int(np.prod(shape)))
    kernel(*args, out)
    return out.reshape(shape)[()]
