"""Excel conformance: recalculate workbooks saved by real Excel, compare with its cached values.

Used by ``tests/engine/test_conformance.py`` (thresholds) and
``benchmarks/conformance.py`` (the printed report). The workbooks are read in
place from the shared data folder (see ``tests/shared_data.py``).
"""

import math
from pathlib import Path
import re
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass

from tests.shared_data import DATA
from xlcc.engine import Model, WorkbookError
from xlcc.engine.builtins import function_names
from xlcc.engine.cells import col_number, parse_range

FOLDER = Path(DATA) / "excel_conformance"

#: The functions a planning workbook uses (issue 5, point 2); a formula made of these
#: and operators only is a "planning" cell, which must match Excel in every case.
PLANNING = frozenset("""SUM SUMIF SUMIFS SUMPRODUCT AVERAGE AVERAGEIF AVERAGEIFS COUNT COUNTA
COUNTIF COUNTIFS COUNTBLANK MIN MAX ROUND ROUNDUP ROUNDDOWN CEILING FLOOR INT MOD ABS SQRT EXP
LN POWER IF IFS IFERROR AND OR NOT INDEX MATCH VLOOKUP HLOOKUP XLOOKUP CHOOSE CONCAT
CONCATENATE TEXT LEFT RIGHT MID LEN UPPER TRIM DATE TIME WEEKDAY NETWORKDAYS WORKDAY EDATE
EOMONTH HOUR MINUTE TODAY""".split())
VOLATILE = frozenset("NOW TODAY RAND RANDBETWEEN RANDARRAY INFO CELL".split())
_EXTERNAL = re.compile(r"\[\d+\]")


def same(expected, got):
    """Excel's cached value against ours: numbers to 1e-9 relative, the rest exactly;
    an empty text and a blank are the same cached value."""
    if isinstance(expected, float) and isinstance(got, (int, float)) \
            and not isinstance(got, bool):
        return math.isclose(expected, got, rel_tol=1e-9, abs_tol=1e-12)
    if expected in (None, "") and got in (None, ""):
        return True
    return type(expected) is type(got) and expected == got


@dataclass
class Check:
    workbook: str
    sheet: str
    cell: str
    formula: str
    functions: frozenset
    expected: object
    got: object
    status: str  # "pass" | "fail" | "skip"
    reason: str = ""
    cached_by: str = "Microsoft Excel"  # the application that saved the cached values
    upstream: frozenset = frozenset()  # functions of this cell and of every cell feeding it

    @property
    def by_excel(self):
        """Whether the cached value is Excel's (eight fixtures were last saved by
        LibreOffice 6.4, whose values are LibreOffice's: ``SQRT(-16)`` is cached as
        #VALUE!, ``AND(0,1)`` as 0): those are reported apart from Excel's targets."""
        return "Excel" in self.cached_by

    @property
    def planning(self):
        """Whether the value is computed by planning-list functions only: this cell's
        and those of every formula cell feeding it (``=C7-A7`` with NPV in A7 is an
        NPV result, not a subtraction one)."""
        return self.upstream <= PLANNING

    @property
    def planning_formula(self):
        """Whether this cell's own formula uses planning-list functions only."""
        return self.functions <= PLANNING


_REF = re.compile(r"(?:(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!)?"
                  r"(?:\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?"
                  r"|\$?([A-Z]{1,3}):\$?([A-Z]{1,3}))(?![\w(])")


def _areas(sheet, formula):
    """(sheet, first row, first col, last row, last col) of each reference in a formula."""
    for m in _REF.finditer(re.sub(r'"[^"]*"', '""', formula)):
        target = (m.group(1) or "").replace("''", "'") or m.group(2) or sheet
        if m.group(3):
            r1, c1 = int(m.group(4)), col_number(m.group(3))
            r2, c2 = (int(m.group(6)), col_number(m.group(5))) if m.group(5) else (r1, c1)
        else:
            r1, r2, c1, c2 = 1, 1_048_576, col_number(m.group(7)), col_number(m.group(8))
        yield target, min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def _dependencies(model):
    """{formula cell: the formula cells it reads} as (sheet, row, col) keys, an array
    formula keyed by its first cell and read through every cell it covers."""
    owner, by_sheet = {}, defaultdict(list)
    for sheet, fcs in model.formulas.items():
        for fc in fcs:
            key = (sheet, fc.row, fc.col)
            r1, c1, r2, c2 = parse_range(fc.ref) if fc.ref and fc.kind == "array" \
                else (fc.row, fc.col, fc.row, fc.col)
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    owner[(sheet, r, c)] = key
                    by_sheet[sheet].append((r, c, key))
    deps = {}
    for sheet, fcs in model.formulas.items():
        for fc in fcs:
            key, found = (sheet, fc.row, fc.col), set()
            for target, r1, c1, r2, c2 in _areas(sheet, fc.master):
                if (r2 - r1 + 1) * (c2 - c1 + 1) <= 4096:
                    found.update(owner[k] for k in ((target, r, c)
                                                    for r in range(r1, r2 + 1)
                                                    for c in range(c1, c2 + 1)) if k in owner)
                else:  # a whole column or a big block: look at the sheet's formulas instead
                    found.update(k for r, c, k in by_sheet.get(target, ())
                                 if r1 <= r <= r2 and c1 <= c <= c2)
            found.discard(key)
            deps[key] = found
    return deps


def _upstream_functions(deps, own):
    """{formula cell: the functions it and every formula cell feeding it call}.
    Cells are visited after what they read (depth first), so one pass settles an
    acyclic workbook; passes repeat until nothing changes for cycles."""
    order, seen = [], set()
    for root in deps:
        if root in seen:
            continue
        seen.add(root)
        stack = [(root, iter(deps[root]))]
        while stack:
            node, it = stack[-1]
            nxt = next((d for d in it if d not in seen), None)
            if nxt is None:
                order.append(node)
                stack.pop()
            else:
                seen.add(nxt)
                stack.append((nxt, iter(deps[nxt])))
    up = {k: frozenset(own[k]) for k in deps}
    changed = True
    while changed:
        changed = False
        for k in order:
            new = up[k].union(*(up[d] for d in deps[k]))
            if new != up[k]:
                up[k], changed = new, True
    return up


#: Fixtures whose Excel read text dates day first (a day-month-year locale; the file
#: cannot say so): formulas' test.xlsx caches =AVERAGE(...,"29/02/1900") with 60 in it
#: and XIRR(...,"26/08/1987") as a date, and holds no month-first text date.
DAY_FIRST = frozenset({"formulas/test/test_files/test.xlsx"})


def check_workbook(path):
    """Every formula cell of one workbook as a Check."""
    name = str(path.relative_to(FOLDER))
    try:
        model = Model(path, day_first=name in DAY_FIRST)
    except WorkbookError as exc:
        return [Check(name, "", "", "", frozenset(), None, None, "skip", str(exc))]
    model.recalculate()
    cached_by = _application(path)
    values = {(r.sheet, r.row, r.col): r.value for r in model.results()}
    cycles = set(model.cycles)
    unsupported = {n.upper() for n in model.unsupported}
    deps = _dependencies(model)
    # the formula as the file has it (the engine may wrap or rewrite its copy)
    formulas = {(sheet, fc.row, fc.col): ("=" + fc.text) if fc.text
                else model.file_formula(sheet, fc)
                for sheet, fcs in model.formulas.items() for fc in fcs}
    own = {k: frozenset(n.upper() for n in function_names(f)) for k, f in formulas.items()}
    upstream = _upstream_functions(deps, own)
    out = []
    for sheet, cells in model.formulas.items():
        for fc in cells:
            key = (sheet, fc.row, fc.col)
            formula, funcs = formulas[key], own[key]
            fed = unsupported & frozenset().union(*(upstream[d] for d in deps[key]))
            got = values[key]
            check = Check(name, sheet, fc.address, formula, funcs, fc.cached, got, "pass",
                          cached_by=cached_by, upstream=upstream[key])
            if funcs & VOLATILE:
                check.status, check.reason = "skip", "volatile: depends on when it is calculated"
            elif _EXTERNAL.search(formula):
                check.status, check.reason = "skip", "external workbook link (not fetched)"
            elif f"{sheet}!{fc.address}" in cycles:
                check.status, check.reason = "skip", ("circular reference with iteration off: "
                                                      "Excel keeps whatever value the cell had")
            elif fed and not funcs & fed:
                check.status, check.reason = "skip", (
                    "its inputs come from " + ", ".join(sorted(fed))
                    + ", which the engine does not evaluate (#NAME? there)")
            elif not same(fc.cached, got):
                check.status = "fail"
            out.append(check)
    return out


def _application(path):
    """The application named in the package's docProps/app.xml (who saved it last)."""
    with zipfile.ZipFile(path) as z:
        try:
            text = z.read("docProps/app.xml").decode("utf-8", "replace")
        except KeyError:
            return "unknown"
    m = re.search(r"<Application>([^<]*)</Application>", text)
    return m.group(1).split("$")[0] if m else "unknown"


def all_checks():
    files = sorted(p for p in FOLDER.rglob("*") if p.suffix in (".xlsx", ".xlsm"))
    return [c for p in files for c in check_workbook(p)]


def summary(checks):
    """(per workbook, per function) Counters of statuses."""
    per_book, per_function = defaultdict(Counter), defaultdict(Counter)
    for c in checks:
        per_book[c.workbook][c.status] += 1
        for f in c.functions or {"(operators only)"}:
            per_function[f][c.status] += 1
    return per_book, per_function
