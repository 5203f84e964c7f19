"""VLOOKUP and HLOOKUP of an error value give that error, as in Excel.

The formula engine answers #N/A for every lookup value it does not find, an error
value included; Excel passes the error on: ``=VLOOKUP(A2,Table,2,0)`` with ``A2``
holding ``#DIV/0!`` is ``#DIV/0!`` (a planner's "why is this #N/A" hunt starts at
the wrong cell otherwise). Where the lookup value is a reference to one cell, the
engine's copy of a plain formula (never the file's, whose formulas stay as written)
reads ``IF(ISERROR(A2),A2,VLOOKUP(A2,Table,2,0))``: the same value for every other
lookup value, one cell read more. A lookup value that is an expression is left as
it is (evaluating it twice could cost more than the error's name is worth).
"""

import re

from xlcc.engine.intersect import closing_quote

__all__ = ["may_need", "propagate_lookup_errors"]

_CALL = re.compile(r"(?<![\w.])(?:VLOOKUP|HLOOKUP)\s*\(", re.I)
_FIRST_REF = re.compile(r"\s*((?:'(?:[^']|'')+'!|[A-Za-z_][\w.]*!)?\$?[A-Za-z]{1,3}\$?\d+)"
                        r"\s*,")


def may_need(formula):
    """Whether ``formula`` calls VLOOKUP or HLOOKUP."""
    return "LOOKUP" in formula.upper() and bool(_CALL.search(formula))


def _closing_paren(formula, i):
    """Index of the parenthesis closing the one at ``i``; None if it is never closed."""
    depth, j, n = 0, i, len(formula)
    while j < n:
        ch = formula[j]
        if ch in "\"'":
            j = closing_quote(formula, j) + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return None


def propagate_lookup_errors(formula):
    """``formula`` (without its ``=``) with each VLOOKUP/HLOOKUP whose lookup value is
    a one-cell reference wrapped so that an error there is the result."""
    out, i, n = [], 0, len(formula)
    while i < n:
        ch = formula[i]
        if ch in "\"'":
            j = closing_quote(formula, i) + 1
            out.append(formula[i:j])
            i = j
            continue
        m = _CALL.match(formula, i) if ch in "VvHh" else None  # its lookbehind sees before i
        if m is None:
            out.append(ch)
            i += 1
            continue
        close = _closing_paren(formula, m.end() - 1)
        ref = _FIRST_REF.match(formula, m.end())
        if close is None or ref is None:
            out.append(formula[i:m.end()])
            i = m.end()
            continue
        inner = formula[i:m.end()] + propagate_lookup_errors(formula[m.end():close]) + ")"
        out.append(f"IF(ISERROR({ref.group(1)}),{ref.group(1)},{inner})")
        i = close + 1
    return "".join(out)
