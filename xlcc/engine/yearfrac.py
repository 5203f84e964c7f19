"""YEARFRAC's basis, checked first, as Excel checks it.

Excel looks at the basis before the dates: a basis cell holding an error gives
that error, one holding text that is not a number or a logical gives #VALUE!, and
a number outside 0-4 (after truncation) gives #NUM!, whatever the dates hold; a
text number such as "3" is that number (Excel's cached values in pycel's
yearfrac.xlsx, where ``=YEARFRAC(P$2,200,$J3)`` with #DIV/0! in P2 and -1 in J3 is
#NUM!, and in formulas' test.xlsx, ``=YEARFRAC(E27,345,"3")``). The formula
engine checks the dates first and refuses a text basis. When the basis is a
one-cell reference or a text or number typed in the formula, the engine's copy of
the call checks it first and passes the basis on as a number; a typed TRUE/FALSE
or a computed basis is left to the engine (no evidence of what Excel does there).
"""

import re

from xlcc.engine.calls import rewrite_calls
from xlcc.engine.cells import literal_area

__all__ = ["may_need", "basis_first"]

_CALL = re.compile(r"(?<![\w.])(YEARFRAC)\s*\(", re.I)
_TYPED = re.compile(r'\s*(?:"[^"]*"|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*')


def may_need(formula):
    """Whether ``formula`` calls YEARFRAC."""
    return "YEARFRAC" in formula.upper() and bool(_CALL.search(formula))


def basis_first(formula):
    """``formula`` with each three-argument YEARFRAC checking its basis first."""
    def check(name, head, args):
        if len(args) != 3:
            return None
        b = args[2].strip()
        area = literal_area(b, lines=False)
        if not (area and area[1:3] == area[3:5]) and not _TYPED.fullmatch(b):
            return None
        number = f"TRUNC(--({b}))"
        return (f"IF(ISERROR({b}),{b},IF(OR(ISLOGICAL({b}),AND(ISTEXT({b}),"
                f"ISERROR(VALUE({b})))),#VALUE!,IF(OR({number}<0,{number}>4),#NUM!,"
                f"{head}{args[0]},{args[1]},{number}))))")
    return rewrite_calls(formula, _CALL, check)
