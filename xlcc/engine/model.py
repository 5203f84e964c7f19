"""One workbook loaded for recalculation: open once, change inputs, recalculate, read.

>>> from xlcc.engine import Model                          # doctest: +SKIP
>>> m = Model("plan.xlsx")                                 # doctest: +SKIP
>>> m.set("Forecast", "B2", 130)                           # doctest: +SKIP
>>> m.recalculate(); m.get("Staffing", "C2")               # doctest: +SKIP
14.0

Built-in functions are evaluated by the formualizer engine (Rust; see the
README's engine note for the measurements behind the choice); xlcc functions by
the registry, through :mod:`xlcc.engine.functions`; built-ins it gets wrong are
replaced by :mod:`xlcc.engine.builtins`. Cell values come back typed: float,
str, bool, None (blank) or an error text such as ``"#N/A"``; dates are serial
numbers, as Excel stores them.
"""

import functools
import re
import time
from dataclasses import dataclass, field

import formualizer as fz

from xlcc.engine import (builtins, criteria, index, literals, lookup_errors, lookups,
                         sumproduct, tables, yearfrac)
from xlcc.engine.cells import col_letters, parse_range, read_formula_cells, split_ref
from xlcc.engine.functions import Bridge, from_engine_error, is_pending
from xlcc.functions import BY_NAME
from xlcc.engine.intersect import intersect_plain, may_need
from xlcc.engine.prefill import prefill
from xlcc.engine.refops import ReferenceRewriter
from xlcc.engine.package import LIMITS, NS, Package, WorkbookError

__all__ = ["Model", "CellResult"]

_MAX_PASSES = 100
_XLCC = frozenset(BY_NAME)
# functions that turn an error argument into a value: a cell using one may hide a
# pending xlcc call, so it is evaluated again whenever a batch ran
_SWALLOW = frozenset("""IFERROR IFNA ISERROR ISERR ISNA ERROR.TYPE COUNT COUNTA COUNTBLANK
COUNTIF COUNTIFS ISNUMBER ISTEXT ISNONTEXT ISLOGICAL ISBLANK ISREF TYPE AGGREGATE""".split())
_CALLS_XLCC = re.compile(r"(?<![\w.])%s\s*\(" % builtins.names_pattern(_XLCC), re.I)
# _SPILLER_UPPER, searched in upper-cased ASCII text, is six times faster than re.I
_SPILLER = re.compile(builtins.names_pattern(builtins.SPILLERS), re.I)
_SPILLER_UPPER = re.compile(builtins.names_pattern(builtins.SPILLERS))
_CALLS_SWALLOW = re.compile(r"(?<![\w.])(?:_xlfn\.)?%s\s*\(" % builtins.names_pattern(_SWALLOW),
                            re.I)


@dataclass
class CellResult:
    """A formula cell after recalculation: its value and, if it spills, its range."""

    sheet: str
    row: int
    col: int
    value: object
    spill: tuple = ()  # (first row, first col, last row, last col) of a spilled result
    spilled: list = field(default_factory=list)  # rows of values over ``spill``


class Model:
    """A workbook in memory with its formulas, ready to recalculate many times.

    ``path`` is the file (never modified by the model); ``data`` its bytes if
    already read. ``day_first``: text dates of numbers typed in formulas
    (``=AVERAGE(A1:A9,"26/08/2026")``, ``=DATEVALUE("1/2/2026")``) read day first, as an
    Excel set to a day-month-year locale (Spain, Latin America) reads them; the file
    does not say which locale its Excel used. Month first by default, as a US Excel
    reads them. Dates in cells are numbers and do not depend on it; a text date
    coerced by an operator (``="26/08/2026"+1``) is read by the formula engine,
    month first. Raises :class:`WorkbookError` for a file that is not a workbook, is
    damaged or is hostile.
    """

    def __init__(self, path, data=None, day_first=False):
        started = time.perf_counter()
        self.path = str(path)
        self.day_first = bool(day_first)
        self.package = Package.open(path, data)
        self.package.check_xml_parts()
        self.sheets = self.package.sheets()
        self.settings = self.package.calc_settings()
        self.dynamic_metadata = self._dynamic_metadata()
        self.formulas = {
            s.name: read_formula_cells(self.package.read(s.part), self.dynamic_metadata,
                                       lambda part=s.part: self.package.xml(part))
            for s in self.sheets}
        self.book = self._load()
        self.tables = tables.read_tables(self.package, self.sheets)
        tables.add_tables(self.book, self.tables)
        self.bridge = Bridge()
        self.bridge.register(self.book)
        builtins.register(self.book, day_first=self.day_first)
        lookups.register(self.book)
        index.register(self.book)
        criteria.register(self.book)
        self._references = ReferenceRewriter(self.book.name_import_diagnostics,
                                             self.book.get_named_ranges())
        self._free_array_ranges()
        self._file_formulas = {}  # the file's text of a shared-formula member rewritten below
        with builtins.day_first(self.day_first):
            self._rewrite_engine_formulas()
        self._prefilled = False
        self.prefilled_calls = 0
        self._xlcc_cells = None  # known after the first evaluation (formula texts are cheap then)
        self.unsupported = self._unsupported_functions()
        if any(n.startswith("_XLETA.") for n in self.unsupported):
            self._name_error_for_eta_lambdas()
        self.load_seconds = time.perf_counter() - started
        self.calc_seconds = 0.0
        self.cycles = []

    # -- loading ---------------------------------------------------------------------
    def _dynamic_metadata(self):
        """The 1-based ``cm`` indexes of XLDAPR (dynamic array) cell metadata."""
        rels = self.package.rels("xl/workbook.xml")
        part = next((p for kind, p in rels.values() if kind == "sheetMetadata"), None)
        if part is None or not self.package.has(part):
            return frozenset()
        root = self.package.xml(part)
        types = [t.get("name") for t in root.iter(f"{{{NS}}}metadataType")]
        out = set()
        cell_md = root.find(f"{{{NS}}}cellMetadata")
        for i, bk in enumerate(() if cell_md is None else cell_md.iter(f"{{{NS}}}bk"), 1):
            rc = bk.find(f"{{{NS}}}rc")
            if rc is not None and 0 < int(rc.get("t", 0)) <= len(types) \
                    and types[int(rc.get("t")) - 1] == "XLDAPR":
                out.add(i)
        return frozenset(out)

    def _load(self):
        cfg = fz.EvaluationConfig()
        # one thread: the engine's parallel scheduler costs more than it saves on
        # planning workbooks (0.34 s vs 0.13 s for the bundled one) and batches run
        # one process per core anyway
        cfg.enable_parallel = False
        if self.settings["iterate"]:
            cfg.cycle_policy = "iterate"
            cfg.iterate_max_iterations = self.settings["iterate_count"]
            cfg.iterate_max_change = self.settings["iterate_delta"]
        if self.package.date1904():
            cfg.date_system = "1904"
        limits = {"max_input_bytes": LIMITS["max_input_bytes"],
                  "max_entries": LIMITS["max_entries"],
                  "max_part_bytes": LIMITS["max_part_bytes"],
                  "max_expanded_bytes": LIMITS["max_expanded_bytes"]}
        try:
            book = fz.Workbook.from_bytes(self.package.data,
                                          config=fz.WorkbookConfig(eval_config=cfg),
                                          load_limits=limits)
        except Exception as exc:  # the engine's own reader: any failure is a bad file
            raise WorkbookError(self.path, f"the formula engine cannot read it ({exc})") \
                from None
        book.set_temporal_egress("serial")
        return book

    def _free_array_ranges(self):
        """Make array formulas evaluate as Excel shows them.

        A dynamic array (Excel 365) spills: the cells of its last spill hold Excel's
        cached values, which are cleared so the result can spill there again (else
        the engine sees #SPILL!); only cells with content are cleared, since an empty
        cell set empty hides a spilled value (formualizer 0.13). A legacy
        (Ctrl+Shift+Enter) array formula fills exactly its range: every cell (i, j)
        shows element (i, j) of the result, a one-row or one-column result repeats
        across the range, and cells beyond the result show #N/A. Each cell of the
        range gets that as its own formula in the engine (the file keeps the array
        formula), see :func:`_legacy_cell`.
        """
        parts = {s.name: s.part for s in self.sheets}
        self.legacy_arrays = []
        for sheet, cells in self.formulas.items():
            arrays = [fc for fc in cells if fc.kind == "array" and fc.ref]
            if not arrays:
                continue
            present = None
            for fc in arrays:
                r1, c1, r2, c2 = parse_range(fc.ref)
                formula = self.book.get_formula(sheet, fc.row, fc.col)
                if not formula:
                    continue
                if self._references.may_need(formula):
                    formula = self._references.rewrite(formula, sheet)
                routed = _excel_fixes(formula, array=True)
                if routed != formula and fc.dynamic and (r1, c1) == (r2, c2):
                    self.book.set_formula(sheet, fc.row, fc.col, routed)
                formula = routed
                body = f"({formula[1:] if formula.startswith('=') else formula})"
                if not fc.dynamic:
                    for r in range(r1, r2 + 1):
                        for c in range(c1, c2 + 1):
                            self.book.set_formula(sheet, r, c,
                                                  _legacy_cell(body, r - r1 + 1, c - c1 + 1))
                    self.legacy_arrays.append((sheet, fc.row, fc.col, (r1, c1, r2, c2)))
                    continue
                if (r1, c1) == (r2, c2):
                    continue
                if present is None:  # cells with content: not self-closing start tags
                    present = {m.decode() for m in re.findall(
                        rb'<c r="([A-Z]+[0-9]+)"[^>]*?(?<!/)>', self.package.read(parts[sheet]))}
                for r in range(r1, r2 + 1):
                    for c in range(c1, c2 + 1):
                        if (r, c) != (fc.row, fc.col) and f"{col_letters(c)}{r}" in present:
                            self.book.set_value(sheet, r, c, None)
                self.book.set_formula(sheet, fc.row, fc.col, formula)

    def file_formula(self, sheet, fc):
        """A formula cell's own text: as the file stores it, or, for a member of a shared
        formula (which stores none), as the engine translated it from the master (before
        any rewriting of the engine's copy)."""
        if fc.kind == "normal" or fc.kind == "shared" and fc.ref:
            return fc.text
        kept = self._file_formulas.get((sheet, fc.row, fc.col))
        return kept if kept is not None else self.book.get_formula(sheet, fc.row, fc.col) or ""

    def _rewrite_engine_formulas(self):
        """Rewrite the engine's copies of formulas (the file keeps its own):

        * a plain formula that may give an array (it holds a range or an array
          constant) and calls no xlcc function nor an array built-in shows one value,
          as Excel shows a formula not entered as an array: ranges an operator or an
          element-by-element correction gets are intersected with the formula's row or
          column, and of an array result the first element is kept (``@(...)``), so
          ``=A1:A9*2`` in row 5 is ``A5*2`` and never spills over its neighbours (see
          :mod:`xlcc.engine.intersect`);
        * lookups of an error value give that error, and INDEX of a negative index
          #VALUE! (:mod:`xlcc.engine.lookup_errors`);
        * approximate lookups search as Excel does (:mod:`xlcc.engine.lookups`);
        * criteria functions meet errors, logicals and arrays of criteria as Excel
          does (:mod:`xlcc.engine.criteria`);
        * text typed as an argument of SUM/AVERAGE/MIN/MAX/PRODUCT is read as Excel
          reads it (:mod:`xlcc.engine.literals`);
        * "this row" structured references become the row's cells, and every formula
          with a structured reference is set again once the tables are declared
          (:mod:`xlcc.engine.tables`).
        """
        known_fixes = {}  # per master formula text
        for sheet, cells in self.formulas.items():
            for fc in cells:
                if fc.kind == "array":
                    continue
                master = fc.master
                one = ("{" in master or ":" in master) and not _may_spill(master)
                intersect = may_need(master)
                known = known_fixes.get(master)
                if known is None:
                    # one search for every rewrite's key word before asking each rewrite
                    fixes = [f for f in _FIXES if f[0](master)] \
                        if '"' in master or _FIX_WORDS.search(master.upper()) else []
                    known = known_fixes[master] = (fixes, self._references.may_need(master))
                fixes, operators = known
                # a structured reference was read before its table was declared: set again
                structured = bool(self.tables) and "[" in master
                if not (one or intersect or fixes or structured or operators):
                    continue
                formula = self.file_formula(sheet, fc)
                original = text = formula[1:] if formula.startswith("=") else formula
                if operators:  # first: the other rewrites read plain references
                    text = self._references.rewrite(text, sheet)
                new = intersect_plain(text, top=one) if intersect or one else text
                for _, fix, _ in fixes:
                    new = fix(new)
                if structured and tables.may_refer(new):
                    new = tables.this_row(new, fc.row, fc.col, sheet, self.tables)
                new = f"@({new})" if one else new
                if new == original and not structured:
                    continue
                try:
                    self.book.set_formula(sheet, fc.row, fc.col, "=" + new)
                except RuntimeError:  # a rewrite the engine cannot parse: keep the file's
                    continue
                self._file_formulas[(sheet, fc.row, fc.col)] = formula

    def _cells_calling_xlcc(self):
        """(sheet, row, col, formula, swallows errors) of every formula calling an xlcc
        function: the cells that may wait for a batch (see :class:`Bridge`)."""
        out = []
        legacy = {a[:3]: a[3] for a in self.legacy_arrays}
        for sheet, cells in self.formulas.items():
            for fc in cells:
                if not _CALLS_XLCC.search(fc.master):
                    continue
                swallows = bool(_CALLS_SWALLOW.search(fc.master))
                area = legacy.get((sheet, fc.row, fc.col))
                if area:  # every cell of a legacy array has its own formula in the engine
                    r1, c1, r2, c2 = area
                    out.extend((sheet, r, c, self.book.get_formula(sheet, r, c), swallows)
                               for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
                    continue
                out.append((sheet, fc.row, fc.col, self.file_formula(sheet, fc), swallows))
        return out

    def _reevaluate(self, cells):
        """Set each (sheet, row, col, formula) again, so that it and its dependents are
        evaluated on the next pass; runs of cells down a column go in one batch call."""
        cells = sorted(cells, key=lambda c: (c[0], c[2], c[1]))
        i = 0
        while i < len(cells):
            sheet, row, col, _ = cells[i]
            j = i + 1
            while j < len(cells) and cells[j][0] == sheet and cells[j][2] == col \
                    and cells[j][1] == row + (j - i):
                j += 1
            self.book.sheet(sheet).set_formulas_batch(row, col, j - i, 1,
                                                      [[c[3]] for c in cells[i:j]])
            i = j

    def _unsupported_functions(self):
        """Function names used in formulas that neither the engine nor xlcc knows."""
        # one scan over every distinct formula; NUL cannot occur in a formula, so no
        # match runs from one formula into the next
        # a formula whose engine copy was rewritten is read as the engine has it
        # (``AREAS(B2:C3)`` is 1 there), the others as the file has them
        texts = {fc.master for sheet, cells in self.formulas.items() for fc in cells
                 if (sheet, fc.row, fc.col) not in self._file_formulas}
        texts.update(self.book.get_formula(*key) or "" for key in self._file_formulas)
        names = builtins.function_names("\0".join(texts))
        return sorted(n for n in names if not n.upper().startswith("XLCC.")
                      and not builtins.known(self.book, n))

    def _name_error_for_eta_lambdas(self):
        """A formula passing a function as a value (``_xleta.SUM``, Excel 2024) is #NAME?,
        as in an Excel without the feature: the engine would answer #VALUE! (and the run
        report lists the name as unsupported)."""
        legacy = {a[:3]: a[3] for a in self.legacy_arrays}
        for sheet, cells in self.formulas.items():
            for fc in cells:
                if "_xleta." not in fc.master.lower():
                    continue
                r1, c1, r2, c2 = legacy.get((sheet, fc.row, fc.col),
                                            (fc.row, fc.col, fc.row, fc.col))
                for r in range(r1, r2 + 1):
                    for c in range(c1, c2 + 1):
                        self.book.set_formula(sheet, r, c, "=#NAME?")

    def close(self):
        """Free the formula-engine workbook and the call cache (results already read
        stay valid; the package is kept for writing)."""
        self.book = None
        self.bridge = None

    # -- what-if API -----------------------------------------------------------------
    def _sheet(self, sheet):
        if sheet not in self.formulas:
            raise KeyError(f"{self.path}: no worksheet named {sheet!r} "
                           f"(sheets: {', '.join(self.formulas)})")
        return sheet

    def set(self, sheet, cell, value):
        """Set an input cell (``"B2"``) to a number, text, bool or None; a text that
        starts with ``=`` is set as a formula."""
        row, col = split_ref(cell)
        if isinstance(value, str) and value.startswith("="):
            self.book.set_formula(self._sheet(sheet), row, col, value)
        else:
            self.book.set_value(self._sheet(sheet), row, col, value)

    def recalculate(self):
        """Evaluate every formula (only what changed since the last call); returns the
        seconds it took.

        xlcc calls are batched. Before the first pass the simple ones are computed
        ahead (:mod:`xlcc.engine.prefill`); after that, a pass queues the calls it
        has not seen, the bridge evaluates them at once, and the cells that waited
        are evaluated again (with everything that depends on them), until no call
        waits.
        """
        with builtins.day_first(self.day_first):
            return self._recalculate()

    def _recalculate(self):
        started = time.perf_counter()
        if not self._prefilled:
            self.prefilled_calls = prefill(self, _CALLS_XLCC.search)
            self._prefilled = True
        self.bridge.start_pass()
        self.book.evaluate_all()
        self.passes = 1
        while self.bridge.pending:
            if self.passes > _MAX_PASSES:
                raise WorkbookError(self.path, f"xlcc calls still waiting after "
                                               f"{_MAX_PASSES} passes")
            self.bridge.flush()
            if self._xlcc_cells is None:
                self._xlcc_cells = self._cells_calling_xlcc()
            self._reevaluate([(sheet, row, col, formula)
                              for sheet, row, col, formula, swallows in self._xlcc_cells
                              if swallows or is_pending(self.book.get_value(sheet, row, col))])
            self.bridge.start_pass()
            self.book.evaluate_all()
            self.passes += 1
        self.calc_seconds = time.perf_counter() - started
        return self.calc_seconds

    def get(self, sheet, cell):
        """The value of one cell (``"C2"``): float, str, bool, None or an error text."""
        row, col = split_ref(cell)
        return self._area(self._sheet(sheet), row, col, row, col)[0][0]

    def values(self, sheet, area):
        """Rows of values over ``area`` (``"C2:C49"``)."""
        return self._area(self._sheet(sheet), *parse_range(area))

    def _area(self, sheet, r1, c1, r2, c2):
        # Sheet.get_values sees spilled values; Workbook.get_value can miss them in a
        # cell that was cleared to make room for a spill
        rows = self.book.sheet(sheet).get_values(fz.RangeAddress(sheet, r1, c1, r2, c2))
        return [[_python(v) for v in row] for row in rows]

    def results(self):
        """Every formula cell's value, with the range and values of spilled results.

        With iteration off, a cell in a circular reference gets 0, the value Excel
        stores for it, and is listed in ``self.cycles`` ("Sheet!A1")."""
        out, spills = [], {}
        legacy = {a[:3]: a[3] for a in self.legacy_arrays}
        self.cycles = []
        for sheet, cells in self.formulas.items():
            for fc in cells:
                value = _python(self.book.get_value(sheet, fc.row, fc.col))
                if value == "#CIRC!":
                    value = 0.0
                    self.cycles.append(f"{sheet}!{fc.address}")
                res = CellResult(sheet, fc.row, fc.col, value)
                if fc.kind == "array" and not fc.dynamic:
                    extent = legacy.get((sheet, fc.row, fc.col))
                    if extent and extent[:2] != extent[2:]:
                        res.spill, res.spilled = extent, self._area(sheet, *extent)
                    out.append(res)
                    continue
                may = spills.get(fc.master)
                if may is None:
                    may = spills[fc.master] = _may_spill(fc.master)
                if fc.kind == "array" or may:
                    extent = self._spill_extent(sheet, fc)
                    if extent:
                        res.spill = extent
                        res.spilled = self._area(sheet, *extent)
                out.append(res)
        return out

    def _spill_extent(self, sheet, fc):
        info = self.book.inspect_cell(f"'{sheet}'!{col_letters(fc.col)}{fc.row}").to_dict()
        spill = (info.get("cell") or {}).get("spill") or {}
        if spill.get("kind") != "Anchor" or not spill.get("extent"):
            return ()
        area = spill["extent"].rsplit("!", 1)[-1]
        extent = parse_range(area)
        return extent if extent[:2] != extent[2:] else ()


#: (may apply, rewrite of a plain formula, rewrite of an array formula or None) of each
#: rewrite that restores Excel's behaviour in the engine's copy, in the order they apply;
#: an array formula's lookups of any mode go to Excel's search (its arguments may be
#: arrays), and its lookups of an error value are left alone
_FIXES = (
    (lookup_errors.may_need, lookup_errors.propagate_lookup_errors, None),
    (lookup_errors.may_index, lookup_errors.index_errors,
     lambda f: lookup_errors.index_errors(index.route(f))),
    (lookups.may_route, lookups.route, lambda f: lookups.route(f, array=True)),
    (criteria.may_guard, criteria.guard, criteria.guard),
    (literals.may_need, literals.read_text_arguments, literals.read_text_arguments),
    (sumproduct.may_need, sumproduct.sizes_error, None),
    (yearfrac.may_need, yearfrac.basis_first, yearfrac.basis_first),
)


#: words (upper case) of which each test in _FIXES needs one, besides a '"' for literals
_FIX_WORDS = re.compile("LOOKUP|INDEX|MATCH|IF|SUMPRODUCT|YEARFRAC")


def _excel_fixes(formula, array=False):
    """``formula`` through every rewrite that may apply to it."""
    for may, plain, in_array in _FIXES:
        fix = in_array if array else plain
        if fix is not None and may(formula):
            formula = fix(formula)
    return formula


def _legacy_cell(x, i, j):
    """The formula for cell (i, j) of a legacy array formula whose result is ``x``."""
    return (f"=IF(OR(AND(ROWS({x})>1,ROWS({x})<{i}),AND(COLUMNS({x})>1,COLUMNS({x})<{j})),"
            f"NA(),INDEX({x},IF(ROWS({x})=1,1,{i}),IF(COLUMNS({x})=1,1,{j})))")


@functools.lru_cache(maxsize=1 << 16)  # asked for each formula when loading and reading
def _may_spill(text):
    """Only xlcc functions and array-returning built-ins can spill from a plain formula."""
    if ":" not in text and "{" not in text and not (
            _SPILLER_UPPER.search(text.upper()) if text.isascii() else _SPILLER.search(text)):
        return False
    names = builtins.function_names(text)
    return bool(names & _XLCC or names & builtins.SPILLERS)


def _python(value):
    text = from_engine_error(value)
    if text is not None:
        return text
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value
