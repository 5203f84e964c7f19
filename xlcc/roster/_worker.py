"""Solve one MILP saved by :func:`xlcc.roster._solver.run_milp` in a process of its own.

    python -m xlcc.roster._worker MODEL.npz RESULT.npz

HiGHS checks its time limit between rounds of cutting planes at the root node, and
on a large model one round can take longer than the whole limit (the contact-center
week's joint break model: 34 s for a 20 s limit). A solve run here can be stopped
at the deadline by ending the process, which no thread can do.
"""

import sys

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp


def load_constraints(data):
    out = []
    for i in range(int(data["n_constraints"])):
        a = sparse.csr_matrix((data[f"a{i}_data"], data[f"a{i}_indices"], data[f"a{i}_indptr"]),
                              shape=tuple(data[f"a{i}_shape"]))
        out.append(LinearConstraint(a, data[f"a{i}_lb"], data[f"a{i}_ub"]))
    return out


def save_model(path, c, integrality, lo, hi, constraints, options):
    arrays = {"c": c, "integrality": integrality, "lo": lo, "hi": hi,
              "n_constraints": len(constraints),
              "time_limit": options["time_limit"],
              "mip_rel_gap": options.get("mip_rel_gap", np.nan)}
    for i, con in enumerate(constraints):
        a = sparse.csr_matrix(con.A)
        arrays.update({f"a{i}_data": a.data, f"a{i}_indices": a.indices,
                       f"a{i}_indptr": a.indptr, f"a{i}_shape": np.array(a.shape),
                       f"a{i}_lb": np.broadcast_to(con.lb, a.shape[0]),
                       f"a{i}_ub": np.broadcast_to(con.ub, a.shape[0])})
    np.savez(path, **arrays)


def main(argv=None):
    model, result = (argv or sys.argv[1:])[:2]
    with np.load(model) as data:
        options = {"time_limit": float(data["time_limit"]), "disp": False}
        if np.isfinite(data["mip_rel_gap"]):
            options["mip_rel_gap"] = float(data["mip_rel_gap"])
        res = milp(data["c"], integrality=data["integrality"],
                   bounds=Bounds(data["lo"], data["hi"]), constraints=load_constraints(data),
                   options=options)
    bound = getattr(res, "mip_dual_bound", None)
    np.savez(result, has_x=res.x is not None, x=res.x if res.x is not None else np.zeros(0),
             fun=np.nan if res.fun is None else res.fun, status=res.status,
             message=str(res.message), bound=np.nan if bound is None else bound)
    return 0


if __name__ == "__main__":
    sys.exit(main())
