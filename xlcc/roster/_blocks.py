"""Independent blocks of a MILP: groups of columns that share no row with the rest.

A shift design in which no shift crosses midnight and nothing links the days (no
cost per distinct shift used across days) is seven separate day problems; HiGHS
does not split a model so, and spends its branching on one big tree. Solved block
by block, each day gets its own search, and blocks that are the same problem (the
five weekdays of a week whose weekdays have the same requirement) are solved once.
Contact-center week, 30 s: the joint break model 225 as one model, 30.0 by days.
"""

import hashlib

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components


def blocks(n_columns, matrices):
    """The independent blocks of a model with ``n_columns`` columns and the stacked
    row ``matrices`` (sparse, each ``rows x n_columns``).

    Returns a list of column-index arrays, one per block, in order of their first
    column; columns in no row join the first block. A single block means the model
    does not split."""
    stacked = sparse.vstack([sparse.csr_matrix(m) for m in matrices], format="coo")
    m = stacked.shape[0]
    rows, cols = stacked.row, stacked.col
    graph = sparse.coo_matrix((np.ones(rows.size), (cols, n_columns + rows)),
                              shape=(n_columns + m, n_columns + m))
    _, label = connected_components(graph, directed=False)
    col_label = label[:n_columns]
    in_a_row = np.zeros(n_columns, bool)
    in_a_row[cols] = True
    if not in_a_row.any():
        return [np.arange(n_columns)]
    col_label = np.where(in_a_row, col_label, col_label[np.argmax(in_a_row)])
    _, first, inverse = np.unique(col_label, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    return [np.flatnonzero(inverse == k) for k in order]


def block_rows(csc, columns):
    """Rows of ``csc`` (a csc matrix, converted once by the caller for all blocks)
    that have an entry in ``columns`` (sorted indices)."""
    return np.unique(csc[:, columns].indices)


def block_key(arrays):
    """A digest of a block's data (cost, bounds, integrality and its constraint
    rows, in its own column order): equal digests are the same problem."""
    digest = hashlib.blake2b(digest_size=16)
    for a in arrays:
        a = np.ascontiguousarray(a)
        digest.update(str((a.dtype.str, a.shape)).encode())
        digest.update(a.tobytes())
    return digest.hexdigest()
