"""Compile the Erlang kernels' entry points ahead of time with ``numba.pycc``.

Run by ``setup.py`` at install (``pip install .`` or ``pip install -e .``), or by hand:
``python -m xlcc.erlang._aot [OUT_DIR]`` (default: this package's folder). The
exported functions are the very numba functions the JIT runs (their ``py_func``),
with the signatures ``xlcc.erlang._native`` calls them with; the module also exports
``stamp_<hash of the kernel sources>`` so that a module built from other sources is
never used. The target is generic x86-64 (no host-specific instructions), so a
built environment can move to another machine of the same platform.
"""

import sys
import warnings
from pathlib import Path

from xlcc.erlang import _native


def _signature(entry, variant):
    from numba import types as T

    arr = T.float64[::1]
    if entry == "erlang_b_vec":
        return T.void(arr, arr, arr)
    if entry == "erlang_c_vec":
        return T.void(T.int64, arr, arr, arr, arr, arr)
    if entry == "erlang_a_vec":
        return T.void(T.int64, arr, arr, arr, arr, arr, arr)
    if entry == "extended_load_vec":
        return T.void(arr, arr, arr, arr)
    cols = T.UniTuple(arr, variant[0])
    if entry == "staff_vec":
        return T.void(T.int64, cols, T.boolean, T.none if variant[1] == "bc" else T.boolean, arr)
    if entry == "capacity_vec":
        return T.void(T.int64, cols, arr, arr)
    raise KeyError(entry)


def _stamp():
    return 0


def build(out_dir=None, file_name=None):
    """Compile ``_aot_kernels`` into ``out_dir``; returns the path of the extension module."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pycc's pending-deprecation notice
        from numba.pycc import CC

    cc = CC(_native.AOT_MODULE.rsplit(".", 1)[1])
    cc.output_dir = str(out_dir or Path(__file__).parent)
    if file_name:
        cc.output_file = file_name
    cc.verbose = False
    for entry, variants in _native.EXPORTS.items():
        kernel = _native.jit_entry(entry).py_func
        for variant in variants:
            cc.export(_native.export_name(entry, variant), _signature(entry, variant))(kernel)
    from numba import types as T
    cc.export("stamp_" + _native.source_stamp(), T.int64())(_stamp)
    cc.compile()
    return Path(cc.output_dir) / cc.output_file


if __name__ == "__main__":
    print(build(sys.argv[1] if len(sys.argv) > 1 else None))
