"""Recalculate workbook files and write their values back: one file or a batch.

:func:`recalc_file` never raises for a bad file: it returns a :class:`FileReport`
whose ``error`` is one line naming the file and the reason, so a batch goes on
with the other files. Outputs are written atomically (temporary file + rename);
with ``in_place`` the input is replaced only once the new file is complete.
"""

import gc
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

from xlcc.engine.functions import EXCEL_ERRORS
from xlcc.engine.package import WorkbookError

__all__ = ["FileReport", "recalc_file", "recalc_batch", "output_path", "parse_assignment"]


@dataclass
class FileReport:
    """What one recalculation did (times in seconds)."""

    path: str
    output: str = ""
    formulas: int = 0
    errors: dict = field(default_factory=dict)  # Excel error text -> number of formula cells
    unsupported: list = field(default_factory=list)  # function names shown as #NAME?
    cycles: list = field(default_factory=list)  # cells in a circular reference (no iteration)
    notes: list = field(default_factory=list)  # macros not run, external links not updated
    seconds: float = 0.0
    load_seconds: float = 0.0
    calc_seconds: float = 0.0
    error: str = ""  # set when the file could not be processed

    @property
    def ok(self):
        return not self.error

    def line(self):
        """The one-line summary the command prints."""
        if self.error:
            return f"FAILED {self.error}"
        errs = ", ".join(f"{n} {kind}" for kind, n in sorted(self.errors.items()))
        parts = [f"{self.path}: {self.formulas:,} formulas in {self.seconds:.2f} s "
                 f"(load {self.load_seconds:.2f}, calc {self.calc_seconds:.2f})",
                 f"error values: {errs}" if errs else "no error values"]
        if self.unsupported:
            parts.append("unsupported (#NAME?): " + ", ".join(self.unsupported))
        if self.cycles:
            shown = ", ".join(self.cycles[:5]) + (" ..." if len(self.cycles) > 5 else "")
            parts.append(f"circular references, iteration off (cached 0): {shown}")
        parts.extend(self.notes)
        parts.append(f"-> {self.output}" if self.output else "not written (use -o or --in-place)")
        return "; ".join(parts)


def parse_assignment(text):
    """``"Inputs!B2=130"`` -> ("Inputs", "B2", 130.0); TRUE/FALSE are booleans, an
    empty value is a blank, ``=...`` a formula, anything else text."""
    target, sep, raw = text.partition("=")
    sheet, bang, cell = target.rpartition("!")
    if not sep or not bang or not sheet or not cell:
        raise ValueError(f"--set {text!r}: expected SHEET!CELL=VALUE, e.g. Inputs!B2=130")
    sheet = sheet.strip("'")
    if raw == "":
        return sheet, cell, None
    if raw.upper() in ("TRUE", "FALSE"):
        return sheet, cell, raw.upper() == "TRUE"
    try:
        return sheet, cell, float(raw)
    except ValueError:
        return sheet, cell, raw


def output_path(path, out, in_place, many):
    """Where the result of ``path`` goes: the input itself, a file, a folder's file or
    nowhere ("")."""
    if in_place:
        return path
    if not out:
        return ""
    if many or os.path.isdir(out) or out.endswith(os.sep):
        return os.path.join(out, os.path.basename(path))
    return out


def recalc_file(path, dest="", assignments=(), day_first=False):
    """Recalculate ``path``, apply ``assignments`` ((sheet, cell, value), ...) first, and
    write the result to ``dest`` ('' = do not write); ``day_first`` as for
    :class:`~xlcc.engine.model.Model`. Returns a FileReport."""
    from xlcc.engine.model import Model
    from xlcc.engine.writeback import write_back

    started = time.perf_counter()
    report = FileReport(str(path))
    # the cyclic garbage collector off while one file is done: a workbook's cells make
    # many small containers and few cycles, and its passes over them cost 8-10% of
    # `xlcc recalc` on the benchmark workbook (the batch collects between files)
    collecting = gc.isenabled()
    gc.disable()
    try:
        model = Model(path, day_first=day_first)
        for sheet, cell, value in assignments:
            model.set(sheet, cell, value)
        model.recalculate()
        results = model.results()
        report.cycles = model.cycles
        report.formulas = len(results)
        report.errors = dict(Counter(r.value for r in results
                                     if isinstance(r.value, str) and r.value in EXCEL_ERRORS))
        report.unsupported = model.unsupported
        if model.package.has_macros():
            report.notes.append("macros kept unchanged, not run")
        links = model.package.external_links()
        if links:
            report.notes.append(f"{len(links)} external link(s) not updated "
                                f"(their cached values are used)")
        report.load_seconds, report.calc_seconds = model.load_seconds, model.calc_seconds
        model.close()  # the engine's memory is not needed to write the values back
        if dest:
            write_back(model, results, dest)
            report.output = str(dest)
    except WorkbookError as exc:
        report.error = str(exc)
    except (KeyError, ValueError) as exc:  # a bad --set target
        report.error = f"{path}: {exc.args[0] if exc.args else exc}"
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a batch
        report.error = f"{path}: unexpected failure ({type(exc).__name__}: {exc})"
    finally:
        if collecting:
            gc.enable()
    report.seconds = time.perf_counter() - started
    return report


def _one(job):
    return recalc_file(*job)


def _one_of_many(job):
    """One file of a batch, then the cycles it left collected; what was there before
    the first file (modules, the registry) is frozen out of every collection."""
    global _frozen
    if not _frozen:
        gc.collect()
        gc.freeze()
        _frozen = True
    report = recalc_file(*job)
    gc.collect()
    return report


_frozen = False


def recalc_batch(paths, out="", in_place=False, jobs=1, assignments=(), progress=None,
                 day_first=False):
    """Recalculate many files (``jobs`` processes); yields FileReports in input order."""
    many = len(paths) > 1
    work = [(p, output_path(p, out, in_place, many), tuple(assignments), day_first)
            for p in paths]
    if jobs <= 1 or len(work) == 1:
        for i, job in enumerate(work, 1):
            report = _one(job) if len(work) == 1 else _one_of_many(job)
            if progress:
                progress(i, len(work), report)
            yield report
        return
    from concurrent.futures import ProcessPoolExecutor  # 25 ms to import: only for batches

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        chunk = max(1, len(work) // (8 * jobs))
        for i, report in enumerate(pool.map(_one_of_many, work, chunksize=chunk), 1):
            if progress:
                progress(i, len(work), report)
            yield report


def progress_bar(stream=sys.stderr):
    """A progress callback drawing one line on a terminal (nothing when redirected)."""
    if not stream.isatty():
        return None

    def draw(done, total, report):
        width = 30
        filled = width * done // total
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
                     f"{os.path.basename(report.path)[:40]:<40}")
        if done == total:
            stream.write("\n")
        stream.flush()

    return draw
