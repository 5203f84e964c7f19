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
from xlcc.engine.cells import col_number

__all__ = ["may_need", "sizes_error"]

_CALL = re.compile(r"(?<![\w.])(SUMPRODUCT)\s*\(", re.I)
_RANGE = re.compile(r"\s*((?:'(?:[^']|'')+'!|[A-Za-z_][\w.]*!)?\$?([A-Za-z]{1,3})\$?(\d+)"
                    r"(?::\$?([A-Za-z]{1,3})\$?(\d+))?)\s*")


def may_need(formula):
    """Whether ``formula`` calls SUMPRODUCT."""
    return "SUMPRODUCT" in formula.upper() and bool(_CALL.search(formula))


def _size(m):
    c1, r1 = col_number(m.group(2)), int(m.group(3))
    c2, r2 = (col_number(m.group(4)), int(m.group(5))) if m.group(4) else (c1, r1)
    return abs(r2 - r1) + 1, abs(c2 - c1) + 1


def sizes_error(formula):
    """``formula`` with each SUMPRODUCT of literal ranges of different sizes made to
    give the first error those ranges hold, else #VALUE!."""
    def check(name, head, args):
        matches = [_RANGE.fullmatch(a) for a in args]
        if len(args) < 2 or not all(matches) or len({_size(m) for m in matches}) == 1:
            return None
        out = "#VALUE!"
        for m in reversed(matches):
            ref = m.group(1)
            out = f"IF(ISERROR(SUM({ref})),SUM({ref}),{out})"
        return out
    return rewrite_calls(formula, _CALL, check)
