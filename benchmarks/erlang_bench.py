"""Staffing-search speed: xlcc against pyworkforce, plain Python and naive numba.

Run in the benchmark's own environment (pyworkforce is not an xlcc dependency):

    python -m venv .bench && . .bench/bin/activate
    pip install -e . -r benchmarks/requirements.txt
    python benchmarks/erlang_bench.py [--full]

Cases (issue 2): (a) 10,000 intervals, calls uniform 1-1000 per 30 min, AHT
180 s, 80/20; (b) 10,000 intervals at 500-1000 Erlangs; (c) 1,000,000 intervals
of (a); (d) Erlang A agents for 10,000 intervals of (a), patience 120 s.
Alternatives:
  pyworkforce  pyworkforce 0.5.1 ``ErlangC(...).required_positions`` (recomputes
               Erlang B from zero for every candidate agent count)
  python-inc   plain Python: Erlang B recursion carried forward, one pass
  numba-zero   numba, Erlang B recursion from zero and an exp per candidate
  scipy-A      plain Python Erlang A closed forms on scipy.special.gammainc,
               searching agents upward from 1
  xlcc-jit     xlcc's own kernels under numba's JIT instead of the module the
               install compiled ahead of time (same source; the fallback path)
Slow alternatives run on a sample (shown in "sample") and are scaled to the
full case; ``--full`` runs everything in full. "diff" counts intervals whose
answer differs from xlcc's. Times are best of 5 for xlcc and numba, one pass
otherwise, on one core.
"""

import argparse
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np
from numba import njit
from scipy import special

from xlcc.erlang import _native, agents_for_service_level, erlang_a_agents_for_service_level

AHT, T, TARGET, PATIENCE, INTERVAL_S = 180.0, 20.0, 0.8, 120.0, 1800.0


def best_of(f, repeat=5):
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - start)
    return best, out


def once(f):
    start = time.perf_counter()
    out = f()
    return time.perf_counter() - start, out


def pyworkforce_agents(traffic):
    from pyworkforce.queuing import ErlangC
    calls = traffic * INTERVAL_S / AHT
    return np.array([ErlangC(transactions=c, aht=AHT / 60, asa=T / 60, interval=30)
                     .required_positions(service_level=TARGET)["raw_positions"] for c in calls])


def python_incremental(traffic):
    out = np.empty(len(traffic))
    for i, a in enumerate(traffic):
        inv, n = 1.0, 0
        while n < math.floor(a) + 1:
            n += 1
            inv = 1.0 + n / a * inv
        while True:
            c = n / ((n - a) * inv + a)
            if 1.0 - c * math.exp(-(n - a) * T / AHT) >= TARGET:
                break
            n += 1
            inv = 1.0 + n / a * inv
        out[i] = n
    return out


@njit(cache=True)
def numba_from_zero(traffic, out):
    for i in range(traffic.size):
        a = traffic[i]
        n = 0
        b = 1.0
        while True:
            n += 1
            b = a * b / (n + a * b)
            if n > a and 1.0 - n * b / (n - a * (1.0 - b)) * math.exp(-(n - a) * T / AHT) >= TARGET:
                break
        out[i] = n


def numba_zero(traffic):
    out = np.empty(traffic.size)
    numba_from_zero(traffic, out)
    return out


def scipy_erlang_a(traffic):
    """Erlang A agents, offered-SL definition, from scipy's regularized gamma."""
    out = np.empty(len(traffic))
    q = math.exp(-T / PATIENCE)
    for i, a in enumerate(traffic):
        y = a * PATIENCE / AHT
        n, inv = 0, 1.0
        while True:
            n += 1
            inv = 1.0 + n / a * inv
            x = n * PATIENCE / AHT
            p_xy = special.gammainc(x, y)
            big_a = x * math.exp(y - x * math.log(y) + special.gammaln(x)) * p_xy
            e = 1.0 / inv
            pw = big_a * e / (1.0 + (big_a - 1.0) * e)
            rho = y / x
            ab_wait = 1.0 / (rho * big_a) + 1.0 - 1.0 / rho
            served_late = x * special.gammainc(x + 1, y * q) / (y * p_xy)
            if 1.0 - pw * (ab_wait + served_late) >= TARGET:
                break
        out[i] = n
    return out


def xlcc_c(traffic):
    return agents_for_service_level(traffic, AHT, T, TARGET)


def xlcc_a(traffic):
    return erlang_a_agents_for_service_level(traffic, AHT, PATIENCE, T, TARGET)


def jit(ours):
    """``ours`` with xlcc's kernels run by numba's JIT."""
    def run(traffic):
        saved = _native._pick
        _native._pick = lambda entry, variant: _native.jit_entry(entry)
        try:
            return ours(traffic)
        finally:
            _native._pick = saved
    return run


def latency(cache_dir, kernels="auto"):
    code = ("import time; t = time.perf_counter(); import xlcc.erlang as e; "
            "e.agents_for_service_level(10.0, 180, 20, 0.8); "
            "print(time.perf_counter() - t)")
    env = dict(os.environ, NUMBA_CACHE_DIR=cache_dir, XLCC_KERNELS=kernels)
    return float(subprocess.run([sys.executable, "-c", code], env=env, check=True,
                                capture_output=True, text=True).stdout)


def peak_memory_mb(intervals):
    """(process peak RSS, peak of arrays allocated during the call), MB, in a fresh process."""
    code = (f"import numpy as np, resource, tracemalloc; "
            f"from xlcc.erlang import agents_for_service_level; "
            f"a = np.random.default_rng(3).uniform(1, 1000, {intervals}) * {AHT / INTERVAL_S}; "
            f"agents_for_service_level(a[:10], 180, 20, 0.8); tracemalloc.start(); "
            f"agents_for_service_level(a, 180, 20, 0.8); "
            f"print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "
            f"tracemalloc.get_traced_memory()[1] / 2**20)")
    rss, arrays = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                 text=True).stdout.split()
    return float(rss), float(arrays)


def _ratio(r):
    return f"{r:.0f}x" if r >= 10 else f"{r:.2f}x"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="run slow alternatives in full")
    full = parser.parse_args().full
    rng = np.random.default_rng(2026)
    case_a = rng.uniform(1, 1000, 10_000) * AHT / INTERVAL_S
    case_b = rng.uniform(500, 1000, 10_000)
    case_c = rng.uniform(1, 1000, 1_000_000) * AHT / INTERVAL_S
    xlcc_c(case_a[:3]), xlcc_a(case_a[:3]), numba_zero(case_a[:3])  # compile or load cache
    jit(xlcc_c)(case_a[:3]), jit(xlcc_a)(case_a[:3])

    cases = [
        ("a", case_a, xlcc_c, [("pyworkforce", pyworkforce_agents, 10_000 if full else 2_000),
                               ("python-inc", python_incremental, 10_000),
                               ("numba-zero", numba_zero, 10_000),
                               ("xlcc-jit", jit(xlcc_c), 10_000)]),
        ("b", case_b, xlcc_c, [("pyworkforce", pyworkforce_agents, 10_000 if full else 200),
                               ("python-inc", python_incremental, 10_000 if full else 2_000),
                               ("numba-zero", numba_zero, 10_000)]),
        ("c", case_c, xlcc_c, [("pyworkforce", pyworkforce_agents, 1_000_000 if full else 2_000),
                               ("python-inc", python_incremental, 1_000_000 if full else 20_000),
                               ("numba-zero", numba_zero, 1_000_000),
                               ("xlcc-jit", jit(xlcc_c), 1_000_000)]),
        ("d", case_a, xlcc_a, [("scipy-A", scipy_erlang_a, 10_000 if full else 300),
                               ("xlcc-jit", jit(xlcc_a), 10_000)]),
    ]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, numpy {np.__version__}")
    print(f"{'case':<5}{'intervals':>10}{'xlcc ms':>10}{'alternative':>13}{'sample':>11}"
          f"{'alt ms':>12}{'speed-up':>10}{'diff':>6}")
    for name, traffic, ours, alternatives in cases:
        t_ours, answer = best_of(lambda: ours(traffic))
        for alt_name, alt, sample in alternatives:
            part = traffic[:sample]
            timer = best_of if alt_name in ("numba-zero", "xlcc-jit") else once
            t_alt, alt_answer = timer(lambda: alt(part))
            t_alt *= traffic.size / sample
            diff = int(np.sum(alt_answer != answer[:sample]))
            print(f"{name:<5}{traffic.size:>10,}{t_ours * 1e3:>10.2f}{alt_name:>13}{sample:>11,}"
                  f"{t_alt * 1e3:>12.1f}{_ratio(t_alt / t_ours):>10}{diff:>6}")
    with tempfile.TemporaryDirectory() as cache:
        compiled = min(latency(cache, "aot") for _ in range(3)) \
            if _native.backend() == "aot" else float("nan")
        cold = latency(cache, "jit")
        warm = min(latency(cache, "jit") for _ in range(3))
    rss, arrays = peak_memory_mb(1_000_000)
    print(f"import + first call: kernels compiled at install {compiled:.2f} s; "
          f"numba JIT: cold cache {cold:.2f} s, warm cache {warm:.2f} s")
    print(f"memory for (c): {arrays:.0f} MB of arrays allocated during the call "
          f"(input 8 MB), {rss:.0f} MB peak RSS of the whole process")


if __name__ == "__main__":
    sys.exit(main())
