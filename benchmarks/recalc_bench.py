"""Headless recalculation benchmark: xlcc recalc against LibreOffice, pycel and formulas.

    python benchmarks/recalc_bench.py [--copies 200] [--jobs 2] [--repeat 5] [--skip-slow]
                                      [--installed PYTHON]

One run, side by side, on the bundled planning workbook (xlcc/examples/planning.py:
4 weeks x 48 intervals, ERLANGC_AGENTS / ERLANGC_SL / ERLANGA_AGENTS /
ERLANGA_ABANDON per interval, SUMIFS / SUMPRODUCT / INDEX-MATCH / VLOOKUP /
COUNTIF summaries across sheets; 8,312 formulas):

* end to end, process start to file written, each engine in a fresh process:
  ``xlcc recalc`` as the console command runs it (``python -m xlcc.cli recalc``;
  with the kernels compiled at install, and with numba's JIT
  kernels, ``XLCC_KERNELS=jit``, as a fallback install runs them); LibreOffice headless (``soffice --convert-to xlsx`` with
  recalculation on load forced through its profile; xlcc cells become #NAME?);
  pycel and formulas with our functions registered (pycel writes no file: its
  time is load + evaluation of every formula cell);
* peak memory (max RSS) of each Python engine's process;
* one input change + recalculation through the API (median of 21), and a change
  that touches every interval (AHT);
* a batch of ``--copies`` files with ``xlcc recalc --jobs``.

The package's bytecode is compiled first (``compileall``), as ``pip install``
does for an installed package: an editable checkout run with
PYTHONDONTWRITEBYTECODE set (as on this workplace's machines) would otherwise
compile every xlcc module again at each process start, 0.07 s of every run.
"""

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)


def _one(engine, src, out):
    """Run one engine in this process (called in a fresh subprocess); print JSON."""
    started = time.perf_counter()
    info = {}
    if engine == "pycel":
        import openpyxl
        from pycel import ExcelCompiler

        sys.path.insert(0, HERE)
        import _xlcc_plugin  # noqa: F401  (our functions, as pycel looks them up)
        excel = ExcelCompiler(filename=src, plugins=["_xlcc_plugin"])
        wb = openpyxl.load_workbook(src)
        n = failed = 0
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if c.data_type == "f":
                        try:
                            excel.evaluate(f"{ws.title}!{c.coordinate}")
                        except Exception:  # noqa: BLE001 - count pycel's failures, go on
                            failed += 1
                        n += 1
        info["formulas"], info["failed"] = n, failed
        info["sample"] = excel.evaluate("Staffing!C20")
    elif engine == "formulas":
        import formulas

        sys.path.insert(0, HERE)
        from _xlcc_plugin import FORMULAS_FUNCTIONS
        funcs = formulas.get_functions()
        funcs.update(FORMULAS_FUNCTIONS)
        model = formulas.ExcelModel().loads(src).finish()
        model.calculate()
        model.write(dirpath=os.path.dirname(out))
    info["seconds"] = time.perf_counter() - started
    info["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(info, default=str))


def _timed(cmd, env=None, timeout=600):
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout)
    return time.perf_counter() - started, proc


def _xlcc_command(src, work, env=None, python=None):
    """``xlcc recalc`` as a user runs it (python -m xlcc.cli, the console script's code),
    with the process's own peak memory from wait4; ``python``: another interpreter
    (an environment where xlcc is installed, not checked out)."""
    out = os.path.join(work, "xlcc.xlsx")
    started = time.perf_counter()
    proc = subprocess.Popen([python or sys.executable, "-m", "xlcc.cli", "recalc", src, "-o",
                             out],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    stdout = proc.stdout.read().decode()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or not os.path.exists(out):
        return wall, None, f"failed ({proc.returncode}): {stdout.strip()[-80:]}"
    return wall, usage.ru_maxrss / 1024, "ok"


def _python_engine(engine, src, work, env=None):
    out = os.path.join(work, f"{engine}.xlsx")
    wall, proc = _timed([sys.executable, __file__, "--one", engine, src, out], env=env)
    if proc.returncode != 0:
        return wall, None, proc.stderr.strip().splitlines()[-1][:80]
    info = json.loads(proc.stdout.strip().splitlines()[-1])
    status = "ok" if not info.get("failed") else \
        f"{info['failed']} of {info['formulas']} formulas raised (e.g. VLOOKUP of WEEKDAY)"
    return wall, info["max_rss_mb"], status


_LO_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def _libreoffice(src, work):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None, "not installed"
    profile = os.path.join(work, "lo-profile")
    user = os.path.join(profile, "user")
    os.makedirs(user, exist_ok=True)
    with open(os.path.join(user, "registrymodifications.xcu"), "w") as f:
        f.write(_LO_PROFILE)  # "always recalculate" on load; the default is "never"
    outdir = os.path.join(work, "lo")
    os.makedirs(outdir, exist_ok=True)
    # a first start creates the profile; time the second, as a server would run it
    cmd = ["timeout", "-k", "5", "300", soffice, f"-env:UserInstallation=file://{profile}",
           "--headless", "--convert-to", "xlsx", "--outdir", outdir, src]
    subprocess.run(cmd, capture_output=True, timeout=320)
    wall, proc = _timed(cmd, timeout=320)
    out = os.path.join(outdir, os.path.basename(src))
    if proc.returncode != 0 or not os.path.exists(out):
        return wall, f"failed ({proc.returncode})"
    import openpyxl
    ws = openpyxl.load_workbook(out, data_only=True)["Staffing"]
    return wall, f"ok; Staffing!C20 = {ws['C20'].value!r}"


def _api(src):
    from xlcc.engine import Model

    m = Model(src)
    m.recalculate()
    singles = []
    for i in range(21):
        m.set("Forecast", "C20", 100 + 7 * i)
        singles.append(m.recalculate())
    started = time.perf_counter()
    m.set("Inputs", "B3", 260)
    m.recalculate()
    every = time.perf_counter() - started
    return statistics.median(singles), every, m.passes


def _batch(src, work, copies, jobs):
    folder = os.path.join(work, "batch")
    os.makedirs(folder, exist_ok=True)
    for i in range(copies):
        shutil.copy(src, os.path.join(folder, f"plan{i:03d}.xlsx"))
    wall, proc = _timed([sys.executable, "-m", "xlcc.cli", "recalc",
                         os.path.join(folder, "*.xlsx"), "-o", os.path.join(work, "bout"),
                         "--jobs", str(jobs)], timeout=3600)
    return folder, wall, proc.returncode, proc.stdout.strip().splitlines()[-1]


def _libreoffice_batch(folder, work, jobs):
    """LibreOffice's best case: one soffice per core, each converting its share of the
    files in one process (its own profile each, as two soffice may not share one)."""
    soffice = shutil.which("soffice")
    if not soffice:
        return None
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder))
    procs, started = [], time.perf_counter()
    for j in range(jobs):
        profile = os.path.join(work, f"lo-profile-{j}")
        os.makedirs(os.path.join(profile, "user"), exist_ok=True)
        with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
            f.write(_LO_PROFILE)
        out = os.path.join(work, f"lo-batch-{j}")
        procs.append(subprocess.Popen(
            ["timeout", "-k", "5", "3000", soffice, f"-env:UserInstallation=file://{profile}",
             "--headless", "--convert-to", "xlsx", "--outdir", out] + files[j::jobs],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    for p in procs:
        p.wait()
    return time.perf_counter() - started


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copies", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--skip-slow", action="store_true", help="skip pycel and formulas")
    ap.add_argument("--repeat", type=int, default=11,
                    help="runs of xlcc and LibreOffice end to end (median shown)")
    ap.add_argument("--installed", metavar="PYTHON",
                    help="also time xlcc recalc run by this interpreter, of an environment "
                         "where xlcc is installed with `pip install .` (no editable checkout)")
    ap.add_argument("--one", nargs=3, metavar=("ENGINE", "SRC", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        return _one(*args.one)
    from xlcc.examples.planning import build

    import compileall
    compileall.compile_dir(os.path.join(ROOT, "xlcc"), quiet=1)
    work = tempfile.mkdtemp(prefix="xlcc-bench-")
    src = build(os.path.join(work, "plan.xlsx"))
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
          f"workbook: {src} (8,312 formulas)")
    rows = []
    # the fast engines run --repeat times, alternating, and show the median: this
    # machine's timings wander by 30% from one run to the next
    runs = {"xlcc": [], "jit": [], "lo": [], "installed": []}
    jit_env = {**os.environ, "XLCC_KERNELS": "jit"}
    for _ in range(args.repeat):
        runs["xlcc"].append(_xlcc_command(src, work))
        if args.installed:
            runs["installed"].append(_xlcc_command(src, work, python=args.installed))
        runs["jit"].append(_xlcc_command(src, work, env=jit_env))
        runs["lo"].append(_libreoffice(src, work))

    def median_row(name, results):
        walls = [r[0] for r in results if r[0] is not None]
        if not walls:
            return (name, None, None, results[-1][-1])
        spread = f"median of {len(walls)}: {min(walls):.2f}-{max(walls):.2f} s"
        rss = [r[1] for r in results if len(r) == 3 and r[1] is not None]
        return (name, statistics.median(walls), max(rss) if rss else None,
                f"{results[-1][-1]}; {spread}")

    rows.append(median_row("xlcc recalc", runs["xlcc"]))
    wall = rows[0][1]
    if args.installed:
        rows.append(median_row("xlcc recalc, installed", runs["installed"]))
    rows.append(median_row("xlcc, JIT kernels", runs["jit"]))
    rows.append(median_row("LibreOffice headless", runs["lo"]))
    if not args.skip_slow:
        for engine in ("pycel", "formulas"):
            w, r, s = _python_engine(engine, src, work)
            rows.append((engine, w, r, s))
    print(f"\n{'engine':<22}{'end to end s':>14}{'peak MB':>10}{'xlcc is x faster':>18}  status")
    for name, w, r, s in rows:
        ratio = f"{w / wall:.1f}" if w and not name.startswith("xlcc recalc") else ""
        print(f"{name:<22}{w if w is not None else float('nan'):>14.2f}"
              f"{r if r is not None else float('nan'):>10.0f}{ratio:>18}  {s}")
    installed = next((r[1] for r in rows if r[0] == "xlcc recalc, installed"), None)
    lo_wall = next((r[1] for r in rows if r[0] == "LibreOffice headless"), None)
    if installed and lo_wall:
        print(f"installed xlcc ({args.installed}): LibreOffice takes {lo_wall / installed:.1f}x "
              f"as long")
    single, every, passes = _api(src)
    print(f"\nAPI what-if: one forecast cell changed + recalculated: {single * 1000:.1f} ms "
          f"(median of 21); AHT changed (all 1,344 intervals): {every * 1000:.0f} ms "
          f"({passes} passes)")
    if args.copies:
        folder, bw, rc, last = _batch(src, work, args.copies, args.jobs)
        print(f"batch: {args.copies} copies, xlcc recalc --jobs {args.jobs}: {bw:.1f} s "
              f"({args.copies / bw:.2f} files/s), rc={rc}: {last}")
        lo = _libreoffice_batch(folder, work, args.jobs)
        if lo:
            print(f"batch: {args.copies} copies, LibreOffice ({args.jobs} soffice, one per "
                  f"core, files split between them): {lo:.1f} s ({args.copies / lo:.2f} "
                  f"files/s); xlcc is {lo / bw:.1f}x faster")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
