"""The ``xlcc`` command. Thin: parse arguments, call one package function, report."""

import argparse
import gc
import os
import sys
from pathlib import Path

from xlcc._errors import ArgumentError  # not _validate: that imports numpy


def _examples():
    """The bundled example files' folder (a plain path: importlib.resources costs 20 ms)."""
    return Path(__file__).parent / "examples"


EXAMPLE = "forecast_week.csv"
ACD_EXAMPLE = "acd_export.csv"


def _fraction(text):
    """Accept 0.8, 80% or 80 for a fraction (a value above 1 is read as a percentage)."""
    value = float(text.rstrip("%"))
    return value / 100.0 if text.endswith("%") or value > 1 else value


def _print_plan(plan, limit):
    from xlcc.erlang import plan as staffing_plan

    header, rows = staffing_plan.plan_rows(plan)
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(len(header))]
    shown = rows if limit is None or len(rows) <= limit else rows[:limit]
    print("  ".join(h.rjust(w) for h, w in zip(header, widths)))
    for r in shown:
        print("  ".join(c.rjust(w) for c, w in zip(r, widths)))
    if len(shown) < len(rows):
        print(f"... {len(rows) - len(shown)} more intervals (use --rows all or --out FILE)")


def _staff(args):
    # imported here: ``xlcc recalc`` does not need it, and a coordinator waits for start-up
    from xlcc.erlang import plan as staffing_plan

    path = args.forecast or _examples().joinpath(EXAMPLE)
    forecast = staffing_plan.read_forecast(path)
    plan = staffing_plan.staff_forecast(
        forecast, sl_target=args.sl, answer_time_s=args.answer_time, interval_min=args.interval,
        patience_s=args.patience, max_occupancy=args.max_occupancy, shrinkage=args.shrinkage,
        definition=args.definition)
    if args.rows != "0":
        _print_plan(plan, None if args.rows == "all" else int(args.rows))
    if args.out:
        staffing_plan.write_plan_csv(plan, args.out)
    print(f"{plan.model}: {len(forecast.labels)} intervals, {plan.total_calls:,.0f} calls, "
          f"peak {plan.agents.max():g} agents ({plan.scheduled.max():g} scheduled), "
          f"{plan.agent_hours:,.1f} scheduled agent-hours, "
          f"service level {plan.weighted(plan.service_level):.1%}, "
          f"ASA {plan.weighted(plan.asa_s):.1f} s, occupancy {plan.weighted(plan.occupancy):.1%}"
          + (f", abandon {plan.weighted(plan.abandon):.1%}" if args.patience else "")
          + (f"; written to {args.out}" if args.out else ""))
    return 0


EXCEL_SETUP = """Use xlcc functions in Excel (Windows or macOS, with Python and xlwings):

1. In the Python that Excel will use:   pip install xlcc
2. Install the xlwings add-in:          xlwings addin install
3. In Excel, xlwings ribbon tab: set "Interpreter" to that Python and
   "UDF Modules" to xlcc.functions  (or in xlwings.conf: "UDF MODULES","xlcc.functions").
4. Save your workbook as .xlsm, open the VBA editor (Alt+F11), File > Import File...
   and choose {bas}. In Tools > References, tick "xlwings".
   (The ribbon's "Import Functions" also works, but then errors appear as text such as
   "#NUM! ..." instead of real error values.)
5. Once per session, run the macro XlccRegisterHelp (Alt+F8) for the function wizard help.
6. Type a formula, e.g.  =ERLANGC_AGENTS(B2:B49, 180, 0.8, 20)  -- a range in, a range out.
   =XLCC_WHY(C2) explains an error value in C2. Reference: docs/functions.md."""


def _generate(args):
    from xlcc.functions import REGISTRY, artifacts  # not on `xlcc staff`'s start-up path

    stale = artifacts.stale_files(args.root)
    if args.check:
        print("generated files are up to date" if not stale else
              "out of date with the registry: " + ", ".join(stale))
        return 1 if stale else 0
    written = artifacts.write_generated(args.root)
    print(f"{len(REGISTRY)} functions: wrote {', '.join(written)}")
    return 0


def _excel(args):
    if args.bas:
        from xlcc._atomic import write_atomic
        from xlcc.functions import artifacts

        write_atomic(args.bas, artifacts.vba_module())
    print(EXCEL_SETUP.format(bas=args.bas or "vba/xlcc_udfs.bas (xlcc excel --bas FILE writes it)"))
    return 0


def _kpi(args):
    from xlcc.kpi import acd

    path = args.export or _examples().joinpath(ACD_EXAMPLE)
    export = acd.read_export(path, strict=args.strict)
    for bad in export.bad_rows:
        print(f"xlcc kpi: line {bad.line} skipped: {bad.reason}", file=sys.stderr)
    if args.out:
        acd.write_workbook(export, args.out, args.lang)
    for row in acd.summarise(export, "total"):
        def known(*keys):  # indicators this queue has (NaN: no denominator)
            return [k for k in keys if k in row and row[k] == row[k]]
        shown = [f"{k} {row[k]:.1%}" for k in known("service_level", "abandon_rate",
                                                      "contact_rate", "effectiveness", "conversion")]
        shown += [f"{k} {row[k]:.1f}" for k in known("asa_s", "aht_s")]
        print(f"{row['queue'] or '(no queue)'}: {row['intervals']} intervals, " + ", ".join(shown))
    print(f"{len(export.starts)} rows read, {len(export.bad_rows)} skipped"
          + (f"; written to {args.out}" if args.out else ""))
    return 0


def _roster(args):
    import math

    import numpy as np

    from xlcc._table import read_rows
    from xlcc.roster import assign, design, io, plan, report

    example = _examples()
    source = args.input or example.joinpath(EXAMPLE)
    tables = io.read_tables(source)
    for key, given, bundled in (("shifts", args.shifts, "roster_shifts.csv"),
                                ("breaks", args.breaks, "roster_breaks.csv")):
        if given or key not in tables:
            rows, comma = read_rows(given or example.joinpath(bundled))
            tables[key] = (rows, comma, str(given or bundled))
    if "requirements" not in tables:
        raise ArgumentError(f"{source}: no requirements sheet (requirements or requerimientos)")

    def staff(calls, aht):
        from xlcc.erlang import staffing, workload
        return staffing.agents_for_service_level(
            workload.traffic_erl(calls, aht, args.interval), aht, args.answer_time, args.sl,
            shrinkage=args.shrinkage)

    req = io.requirements_from(tables["requirements"], int(args.interval), staff)
    catalogue = io.shift_types(tables["shifts"], tables["breaks"])
    weights = design.DesignWeights(under=args.under_weight, over=1.0, shifts=args.shift_weight)
    dsg = design.design_shifts(req, catalogue, int(args.interval), weights=weights,
                               time_limit_s=args.time_limit, breaks=args.break_mode)
    qual = report.quality(dsg)
    # enough agents for the hours, for the shifts (at most 5 a week each) and for the
    # busiest day (one shift a day each)
    n = args.agents or max(math.ceil(qual.paid_hours / (0.85 * args.max_week_hours)),
                           math.ceil(qual.agents_started / 5), int(dsg.counts.sum(axis=0).max()))
    team = plan.team(n, weeks=args.weeks, max_week_hours=args.max_week_hours,
                     min_week_hours=args.min_week_hours)
    problem = plan.roster_problem(dsg, team, weeks=args.weeks, min_rest_hours=args.rest)
    roster = assign.assign_roster(problem, time_limit_s=args.time_limit)
    if args.out:
        io.write_roster(args.out, dsg, roster, plan.break_times(dsg, roster), qual, args.lang)
    unstaffed = float(np.maximum(problem.cover - roster.staffed(), 0).sum())
    print(f"design ({dsg.status}, gap {dsg.gap:.1%}, {dsg.seconds:.1f} s): "
          f"{qual.agents_started} shifts a week in {qual.shifts_used} distinct shifts, "
          f"{qual.paid_hours:,.1f} paid h for {qual.required_hours:,.1f} required h, "
          f"under {qual.under_hours:,.1f} h, over {qual.over_hours:,.1f} h, "
          f"{qual.within_10pct:.0%} of intervals within 10%")
    print(f"roster ({roster.status}, {roster.seconds:.1f} s): {n} agents x {problem.days} days,"
          f" {unstaffed:g} shifts unstaffed, paid hours per agent "
          f"{roster.paid_hours().min():g}-{roster.paid_hours().max():g}"
          + (f"; written to {args.out}" if args.out else ""))
    return 0


RECALC_EXAMPLE = "planning_4weeks.xlsx"


def _recalc(args):
    import glob
    import os

    from xlcc.engine import recalc

    if args.in_place and args.out:
        raise ArgumentError("use either -o/--out or --in-place, not both")
    paths = []
    for pattern in args.files or [str(_examples().joinpath(
            RECALC_EXAMPLE))]:
        found = sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]
        if not found:
            print(f"xlcc recalc: {pattern}: no file matches", file=sys.stderr)
        paths.extend(found)
    if not paths:
        return 1
    if args.in_place and not args.files:
        raise ArgumentError("--in-place would change the bundled example; give -o instead")
    if len(paths) > 1 and args.out and os.path.isfile(args.out):
        raise ArgumentError(f"-o {args.out}: several files need an output folder")
    try:
        sets = [recalc.parse_assignment(text) for text in args.set or ()]
    except ValueError as exc:
        raise ArgumentError(str(exc)) from None
    failed = 0
    progress = recalc.progress_bar() if len(paths) > 1 else None
    for report in recalc.recalc_batch(paths, out=args.out or "", in_place=args.in_place,
                                      jobs=args.jobs, assignments=sets, progress=progress,
                                      day_first=args.day_first):
        if progress is None or not report.ok or args.verbose:
            print(report.line())
        failed += not report.ok
    if len(paths) > 1:
        print(f"{len(paths) - failed} of {len(paths)} files recalculated"
              + (f", {failed} failed" if failed else ""))
    return 1 if failed else 0


def _templates(args):
    from xlcc.templates import build_all

    langs = ("en", "es") if args.lang == "both" else (args.lang,)
    written = build_all(args.out, langs, only=args.only)
    for path in written:
        print(path)
    print(f"{len(written)} template(s) written to {args.out}")
    if args.previews:
        from xlcc.templates import preview

        if not preview.available():
            raise ArgumentError("--previews needs LibreOffice (soffice) and pdftoppm")
        for path in preview.write_previews(args.out, args.previews):
            print(path)
    return 0


def build_parser():
    parser = argparse.ArgumentParser(prog="xlcc", description="Contact-center planning tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    staff = sub.add_parser(
        "staff", help="agents needed per interval for a forecast CSV (interval, calls, aht)",
        description="Agents needed per interval of a forecast (columns interval, calls, aht in "
                    "seconds; Spanish headers intervalo, llamadas, tmo also work). Without "
                    "--patience the model is Erlang C; with it, Erlang A.")
    staff.add_argument("forecast", nargs="?", help=f"forecast CSV (default: bundled {EXAMPLE})")
    staff.add_argument("--sl", type=_fraction, default=0.8,
                       help="service-level target, fraction or percent (default 0.8)")
    staff.add_argument("--answer-time", type=float, default=20.0,
                       help="answer-time threshold in seconds (default 20)")
    staff.add_argument("--interval", type=float, default=30.0,
                       help="interval length in minutes (default 30)")
    staff.add_argument("--patience", type=float, default=None,
                       help="mean caller patience in seconds: use Erlang A (abandonment)")
    staff.add_argument("--definition", default="offered", choices=("offered", "answered", "virtual"),
                       help="Erlang A service-level definition (default offered)")
    staff.add_argument("--max-occupancy", type=_fraction, default=1.0,
                       help="occupancy cap, fraction or percent (default none)")
    staff.add_argument("--shrinkage", type=_fraction, default=0.0,
                       help="shrinkage for scheduled agents, fraction or percent (default 0)")
    staff.add_argument("--out", help="write the plan to this CSV file (atomically)")
    staff.add_argument("--rows", default="20",
                       help="intervals to print: a number, 'all' or 0 for none (default 20)")
    staff.set_defaults(run=_staff)
    gen = sub.add_parser("generate", help="write vba/xlcc_udfs.bas and docs/functions.md "
                                          "from the function registry")
    gen.add_argument("--root", default=".", help="project folder to write into (default .)")
    gen.add_argument("--check", action="store_true",
                     help="only report whether the files are up to date (exit 1 if not)")
    gen.set_defaults(run=_generate)
    excel = sub.add_parser("excel", help="print the steps to use xlcc functions in Excel")
    excel.add_argument("--bas", help="also write the VBA module to this file")
    excel.set_defaults(run=_excel)
    kpi = sub.add_parser("kpi", help="indicators per interval, day and period from an ACD "
                                     "interval export")
    kpi.add_argument("export", nargs="?", help=f"export CSV (default: bundled {ACD_EXAMPLE})")
    kpi.add_argument("--out", help="write a workbook (data and indicators sheets) here")
    kpi.add_argument("--strict", action="store_true",
                     help="fail on any bad row instead of skipping it with a report")
    kpi.add_argument("--lang", default="es", choices=("es", "en"), help="sheet names (default es)")
    kpi.set_defaults(run=_kpi)
    ros = sub.add_parser(
        "roster", help="shift design and named weekly roster from requirements or a forecast",
        description="Requirements per interval (or a forecast staffed with Erlang C) -> "
                    "optimal shifts with breaks -> named roster under labour rules. INPUT is a "
                    "CSV (interval + agents, or interval + calls + aht) or a workbook with "
                    "sheets shifts/turnos, breaks/descansos, requirements/requerimientos.")
    ros.add_argument("input", nargs="?", help=f"CSV or workbook (default: bundled {EXAMPLE})")
    ros.add_argument("--shifts", help="shift types CSV (default: the workbook's or the bundled "
                                      "roster_shifts.csv)")
    ros.add_argument("--breaks", help="breaks CSV (default: the workbook's or the bundled one)")
    ros.add_argument("--interval", type=float, default=30.0, help="slot length, minutes (30)")
    ros.add_argument("--sl", type=_fraction, default=0.8, help="service-level target (0.8)")
    ros.add_argument("--answer-time", type=float, default=20.0, help="seconds (20)")
    ros.add_argument("--shrinkage", type=_fraction, default=0.0, help="fraction or %% (0)")
    ros.add_argument("--agents", type=int, default=0,
                     help="agents to roster (default: enough for the paid hours at 85%% of "
                          "the maximum week, for 5 shifts a week each and for the busiest day)")
    ros.add_argument("--weeks", type=int, default=1, help="weeks to roster (1)")
    ros.add_argument("--rest", type=float, default=12.0,
                     help="minimum rest between shifts, hours (12)")
    ros.add_argument("--max-week-hours", type=float, default=48.0,
                     help="most paid hours in each week of the roster (48)")
    ros.add_argument("--min-week-hours", type=float, default=0.0,
                     help="fewest paid hours in each week of the roster (0)")
    ros.add_argument("--under-weight", type=float, default=4.0,
                     help="cost of an agent-hour short, vs 1 for an hour over (4)")
    ros.add_argument("--shift-weight", type=float, default=0.0,
                     help="cost of each distinct shift used, in agent-hours (0); above 0 trades "
                          "agent-hours for fewer distinct shifts, and solves slower")
    ros.add_argument("--break-mode", default="model", choices=("model", "post"),
                     help="breaks inside the design model (exact) or placed after it")
    ros.add_argument("--time-limit", type=float, default=30.0,
                     help="seconds for the design and again for the roster (30)")
    ros.add_argument("--out", help="write the roster: .csv (grid) or .xlsx (grid, shifts, "
                                   "breaks, coverage, quality)")
    ros.add_argument("--lang", default="en", choices=("es", "en"), help="sheet names (en)")
    ros.set_defaults(run=_roster)
    rec = sub.add_parser(
        "recalc", help="recalculate workbooks that use xlcc functions, without Excel",
        description="Recalculate every formula (Excel built-ins and xlcc functions) and write "
                    "the values back next to the unchanged formulas; every other part of the "
                    "file stays as it was. Without -o or --in-place nothing is written (a "
                    "check). Exit status 1 when any file failed.")
    rec.add_argument("files", nargs="*", metavar="FILE_OR_GLOB",
                     help=f".xlsx/.xlsm files or patterns (default: the bundled "
                          f"{RECALC_EXAMPLE})")
    rec.add_argument("-o", "--out", help="output file, or folder for several files")
    rec.add_argument("--in-place", action="store_true",
                     help="replace each input (atomically, once its new version is complete)")
    rec.add_argument("--jobs", type=int, default=1, help="worker processes (1)")
    rec.add_argument("--set", action="append", metavar="SHEET!CELL=VALUE",
                     help="change an input before recalculating (repeatable), e.g. "
                          "--set Inputs!B3=250")
    rec.add_argument("--day-first", action="store_true",
                     help="text dates typed in formulas (\"26/08/2026\") read day first, as "
                          "an Excel in a day-month-year locale (Spain, Latin America) reads "
                          "them; default month first")
    rec.add_argument("-v", "--verbose", action="store_true",
                     help="one summary line per file also in batches")
    rec.set_defaults(run=_recalc)
    tpl = sub.add_parser(
        "templates", help="write the template workbooks (schedule, checklist, indicators, "
                          "shift roster) in English and/or Spanish",
        description="Build the template workbooks with openpyxl and recalculate them with the "
                    "headless engine. English files are named in English (shift_roster.xlsx), "
                    "Spanish ones in Spanish (malla_de_turnos.xlsx).")
    tpl.add_argument("--out", default="templates", help="folder (default: templates)")
    tpl.add_argument("--lang", default="both", choices=("en", "es", "both"))
    tpl.add_argument("--only", nargs="*", choices=("checklist", "schedule", "indicators",
                                                   "roster"), help="just these templates")
    tpl.add_argument("--previews", metavar="DIR",
                     help="also render PNG previews with LibreOffice (e.g. docs/previews)")
    tpl.set_defaults(run=_templates)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (ArgumentError, OSError) as exc:
        print(f"xlcc {args.command}: {exc}", file=sys.stderr)
        return 2


def entry():
    """The ``xlcc`` command: :func:`main`, then exit without the interpreter's teardown.

    Every file the command writes is complete (and renamed into place) before main
    returns, and the commands start no thread or process that outlives them, so the
    teardown (freeing numpy, the formula engine and every module one by one) has no
    work left to do: skipping it saves 0.05-0.1 s of each run, a tenth of a
    recalculation. ``main`` itself returns normally, for callers in Python.
    """
    if sys.argv[1:2] == ["recalc"]:
        # from the start, imports included: see recalc_file (batches collect between files)
        gc.disable()
        # recalculation does no linear algebra: numpy's BLAS need not start a thread per
        # core that spins beside the work (and beside the other jobs of a batch)
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        rc = main()
    except SystemExit as exc:  # argparse's --help and usage errors
        rc = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        if exc.code is not None and not isinstance(exc.code, int):
            print(exc.code, file=sys.stderr)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(rc or 0)


if __name__ == "__main__":
    entry()
