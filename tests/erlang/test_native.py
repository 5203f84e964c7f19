"""The ahead-of-time compiled kernels against numba's JIT of the same source.

The compiled module must give bit-for-bit the JIT's answers through every public
function (the JIT itself is checked against mpmath in the other test files), it
must be the one in use after an install, and a process that only evaluates Erlang
functions must not import numba at all.
"""

import inspect
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import xlcc.erlang as erlang
from xlcc.erlang import _native
from tests.examples import scaled

# values per argument name: the range a planner meets, plus the edges (0, tiny, huge, inf)
VALUES = {
    "agents": [0, 1, 2.5, 7, 20, 64.3, 400],
    "servers": [0, 1, 2.5, 7, 20, 64.3, 400],
    "traffic_erl": [0, 1e-9, 0.4, 5.5, 18, 150, 3000],
    "traffic": [0, 0.4, 18, 3000],
    "aht_s": [1, 180, 900],
    "patience_s": [5, 120, np.inf],
    "answer_time_s": [0, 20, 300],
    "sl_target": [0, 0.5, 0.8, 0.99],
    "max_blocking": [1e-9, 0.01, 0.5],
    "retry": [0, 0.5, 0.95],
    "asa_target_s": [1, 30],
    "max_abandon": [0.02, 0.5],
    "calls": [0, 100, 5000],
    "shrinkage": [0, 0.3],
    "interval_min": [15, 30],
}
FUNCTIONS = [name for name in erlang.__all__ if callable(getattr(erlang, name))]


def _grid(function):
    """Keyword arguments of ``function``: its required arguments on an outer grid."""
    names = [p.name for p in inspect.signature(function).parameters.values()
             if p.default is inspect.Parameter.empty]
    axes = len(names)
    return {name: np.reshape(np.asarray(VALUES[name], dtype=float),
                             [-1 if i == k else 1 for i in range(axes)])
            for k, name in enumerate(names)}


def _jit_only(monkeypatch):
    monkeypatch.setattr(_native, "_pick", lambda entry, variant: _native.jit_entry(entry))


def _has_compiler():
    return any(shutil.which(cc) for cc in ("cc", "gcc", "clang"))


def _require_aot():
    if _native.backend() != "aot":
        if not _has_compiler():
            pytest.skip("no C compiler here, so the install could not build the compiled kernels")
        pytest.fail("the compiled kernels are not in use: " + _native._aot_status()[1])


def test_the_install_built_the_compiled_kernels():
    _require_aot()


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("fractional", [False, True])
def test_compiled_equals_jit_bit_for_bit(name, fractional, monkeypatch):
    _require_aot()
    function = getattr(erlang, name)
    kwargs = _grid(function)
    if "fractional" in inspect.signature(function).parameters:
        kwargs["fractional"] = fractional
    elif fractional:
        pytest.skip("no fractional variant")
    compiled = np.asarray(function(**kwargs))
    _jit_only(monkeypatch)
    jit = np.asarray(function(**kwargs))
    assert compiled.shape == jit.shape and compiled.size > 1
    np.testing.assert_array_equal(compiled, jit)


@settings(deadline=None, max_examples=scaled(40))
@given(traffic=st.floats(0, 5e3), aht=st.floats(1, 3600), t=st.floats(0, 600),
       target=st.floats(0, 0.999), patience=st.floats(1, 1e4))
def test_compiled_equals_jit_on_random_points(traffic, aht, t, target, patience):
    _require_aot()
    calls = [
        lambda: erlang.agents_for_service_level(traffic, aht, t, target, fractional=True),
        lambda: erlang.erlang_a_agents_for_service_level(traffic, aht, patience, t, target,
                                                         fractional=True),
        lambda: erlang.service_level(traffic + 1.5, traffic, aht, t),
        lambda: erlang.erlang_a_service_level(traffic + 0.5, traffic, aht, patience, t),
    ]
    compiled = [f() for f in calls]
    saved = _native._pick
    _native._pick = lambda entry, variant: _native.jit_entry(entry)
    try:
        jit = [f() for f in calls]
    finally:
        _native._pick = saved
    np.testing.assert_array_equal(compiled, jit)


def test_a_process_that_evaluates_erlang_functions_never_imports_numba(tmp_path):
    _require_aot()
    bundled = Path(__file__).resolve().parents[2] / "xlcc" / "examples" / "planning_4weeks.xlsx"
    script = (
        "import sys\n"
        "import xlcc.erlang as e\n"
        "from xlcc.engine.recalc import recalc_file\n"
        "assert e.agents_for_service_level(10, 180, 20, 0.8) == 14\n"
        f"report = recalc_file({str(bundled)!r}, {str(tmp_path / 'out.xlsx')!r})\n"
        "assert report.ok, report.line()\n"
        "print('numba' in sys.modules)\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         env={**os.environ, "XLCC_KERNELS": "aot"})
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"


def test_kernels_built_from_other_sources_are_not_used(monkeypatch):
    _require_aot()
    monkeypatch.setattr(_native, "source_stamp", lambda: "0" * 16)
    module, why = _native._aot_status()
    assert module is None and "other kernel sources" in why


def test_the_kernel_switch_names_its_accepted_values(monkeypatch):
    monkeypatch.setenv("XLCC_KERNELS", "fast")
    with pytest.raises(ValueError, match="XLCC_KERNELS must be auto, aot or jit"):
        _native._aot_status()
    monkeypatch.setenv("XLCC_KERNELS", "jit")
    assert _native._aot_status() == (None, "XLCC_KERNELS=jit")


def test_every_compiled_call_site_has_an_export():
    """The API's calls reach compiled variants only: a missing one would silently JIT."""
    _require_aot()
    used = []
    real = _native._pick.__wrapped__

    def spy(entry, variant):
        used.append((entry, variant))
        return real(entry, variant)

    saved = _native._pick
    _native._pick = spy
    try:
        for name in FUNCTIONS:
            getattr(erlang, name)(**_grid(getattr(erlang, name)))
    finally:
        _native._pick = saved
    assert used
    for entry, variant in used:
        assert variant in _native.EXPORTS[entry], (entry, variant)
