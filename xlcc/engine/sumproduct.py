"""SUMPRODUCT of ranges whose sizes differ, as Excel evaluates it.

Excel answers #VALUE! for ranges of different sizes unless one of them holds an
error value: then that error is the result (the first one, in argument order):
``=SUMPRODUCT(P75:Q75,H75:I75,I75:K75)`` with #NUM! in P75 is #NUM! (Excel's cached
values in formulas' test.xlsx, sheet MATH & TRIG). The formula engine says #VALUE!
whatever the ranges hold. When every argument is a literal range and their sizes
differ, the engine's copy of the call reads
``IF(ISERROR(SUM(r1)),SUM(r1),IF(ISERROR(SUM(r2)),SUM(r2),...#VALUE!))``: SUM passes
a range's first error on and skips its text.
"""

import re

from xlcc.engine.calls import rewrite_calls
from xlcc.engine.cells import literal_area

__all__ = ["may_need", "sizes_error"]

_CALL = re.compile(r"(?<![\w.])(SUMPRODUCT)\s*\(", re.I)


def may_need(formula):
    """Whether ``formula`` calls SUMPRODUCT."""
    return "SUMPRODUCT" in formula.upper() and bool(_CALL.search(formula))


def sizes_error(formula):
    """``formula`` with each SUMPRODUCT of literal ranges of different sizes made to
    give the first error those ranges hold, else #VALUE!."""
    def check(name, head, args):
        areas = [literal_area(a, lines=False) for a in args]
        if len(args) < 2 or not all(areas) \
                or len({(r2 - r1, c2 - c1) for _, r1, c1, r2, c2 in areas}) == 1:
            return None
        out = "#VALUE!"
        for arg in reversed(args):
            ref = arg.strip()
            out = f"IF(ISERROR(SUM({ref})),SUM({ref}),{out})"
        return out
    return rewrite_calls(formula, _CALL, check)
