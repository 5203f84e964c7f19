"""Entry points of the Erlang kernels, compiled ahead of time or by numba's JIT.

The kernels have one source, the numba functions in ``_kernels``, ``_kernels_a`` and
``_search``. ``pip install`` also compiles their loop entry points ahead of time
(``numba.pycc``, see ``_aot.py`` and ``setup.py``) into ``_aot_kernels``. A process
that finds that module, built from the very sources it has, calls it and never
imports numba: that saves about 1.3 s and 120 MB per process (numba's import and the
first dispatch of cached kernels), which is most of what a coordinator waits for
in ``xlcc recalc`` or ``xlcc staff``. Without it (no C compiler at install, kernel
sources edited since, or ``XLCC_KERNELS=jit``) the same functions run under numba's
JIT with ``cache=True``; results are identical, only start-up is slower.

``XLCC_KERNELS``: ``auto`` (default), ``aot`` (the compiled module is required:
an error says why it cannot be used) or ``jit``.
"""

import functools
import hashlib
import importlib
import os
from pathlib import Path

AOT_MODULE = "xlcc.erlang._aot_kernels"
KERNEL_SOURCES = ("_codes.py", "_kernels.py", "_kernels_a.py", "_search.py")

# Entry point -> variants compiled ahead of time. A variant of staff_vec and
# capacity_vec is the number of parameter columns (and, for staff_vec, the model:
# "bc" for Erlang B/C kinds, "a" for Erlang A kinds). A call outside this table
# still works, through the JIT.
EXPORTS = {
    "erlang_b_vec": ((),),
    "erlang_c_vec": ((),),
    "erlang_a_vec": ((),),
    "extended_load_vec": ((),),
    "staff_vec": ((2, "bc"), (3, "bc"), (4, "bc"), (5, "a")),
    "capacity_vec": ((2,), (3,), (4,)),
}
_JIT_MODULE = {"erlang_b_vec": "_kernels", "erlang_c_vec": "_kernels", "erlang_a_vec": "_kernels_a",
               "extended_load_vec": "_search", "staff_vec": "_search", "capacity_vec": "_search"}


def export_name(entry, variant):
    """Name of one compiled variant, e.g. ``staff_vec_4_bc``."""
    return "_".join((entry, *map(str, variant)))


def source_stamp():
    """Hash of the kernel sources; the compiled module carries the one it was built from."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in KERNEL_SOURCES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def _aot_status():
    """(module or None, reason it is not used)."""
    mode = os.environ.get("XLCC_KERNELS", "auto").strip().lower()
    if mode not in ("auto", "aot", "jit"):
        raise ValueError(f"XLCC_KERNELS must be auto, aot or jit, not {mode!r}")
    if mode == "jit":
        return None, "XLCC_KERNELS=jit"
    try:
        module = importlib.import_module(AOT_MODULE)
    except ImportError as exc:
        return None, f"{AOT_MODULE} is not built ({exc}); reinstall xlcc with a C compiler present"
    if not hasattr(module, "stamp_" + source_stamp()):
        return None, (f"{AOT_MODULE} was built from other kernel sources; rebuild it with "
                      "`pip install -e .` or `python -m xlcc.erlang._aot`")
    return module, ""


@functools.cache
def _aot():
    module, why = _aot_status()
    if module is None and os.environ.get("XLCC_KERNELS", "").strip().lower() == "aot":
        raise RuntimeError(f"XLCC_KERNELS=aot but {why}")
    return module


def backend():
    """``"aot"`` when the compiled kernels are in use, else ``"jit"``."""
    return "aot" if _aot() is not None else "jit"


def jit_entry(entry):
    """The numba function behind ``entry`` (imports numba)."""
    return getattr(importlib.import_module(f"xlcc.erlang.{_JIT_MODULE[entry]}"), entry)


@functools.cache
def _pick(entry, variant):
    module = _aot()
    compiled = getattr(module, export_name(entry, variant), None) if module is not None else None
    return compiled if compiled is not None else jit_entry(entry)


# ---- the entry points: float64 C-contiguous 1-D arrays in, caller-allocated ``out``

def erlang_b_vec(x, a, out):
    _pick("erlang_b_vec", ())(x, a, out)


def erlang_c_vec(what, n, a, aht, t, out):
    _pick("erlang_c_vec", ())(what, n, a, aht, t, out)


def erlang_a_vec(what, n, a, aht, patience, t, out):
    _pick("erlang_a_vec", ())(what, n, a, aht, patience, t, out)


def extended_load_vec(servers, fresh, retry, out):
    _pick("extended_load_vec", ())(servers, fresh, retry, out)


def staff_vec(kind, cols, fractional, abandonment, out):
    """``abandonment`` is None for Erlang B/C kinds, True for Erlang A kinds."""
    _pick("staff_vec", (len(cols), "bc" if abandonment is None else "a"))(
        kind, cols, fractional, abandonment, out)


def capacity_vec(kind, cols, upper, out):
    _pick("capacity_vec", (len(cols),))(kind, cols, upper, out)
