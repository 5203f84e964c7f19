"""Errors of VLOOKUP, HLOOKUP and INDEX as Excel gives them.

VLOOKUP and HLOOKUP of an error value give that error, as in Excel.

The formula engine answers #N/A for every lookup value it does not find, an error
value included; Excel passes the error on: ``=VLOOKUP(A2,Table,2,0)`` with ``A2``
holding ``#DIV/0!`` is ``#DIV/0!`` (a planner's "why is this #N/A" hunt starts at
the wrong cell otherwise). Where the lookup value is a reference to one cell, the
engine's copy of a plain formula (never the file's, whose formulas stay as written)
reads ``IF(ISERROR(A2),A2,VLOOKUP(A2,Table,2,0))``: the same value for every other
lookup value, one cell read more. A lookup value that is an expression is left as
it is (evaluating it twice could cost more than the error's name is worth).

INDEX with a negative row, column or area number is #VALUE! in Excel, before any
number that is too large makes it #REF!; the engine says #REF!. Each index that is
a one-cell reference or a negative number reads ``IF(B11<0,#VALUE!,B11)`` in the
engine's copy (an index that is an expression, usually a MATCH, is never negative).

Two more INDEX rules (Excel's cached values in formulas' test.xlsx, sheet LOOKUP):
a range of several rows and columns given one index and no column is #REF!
(``INDEX(C52:E53,2)``; the engine reads it as row 2, column 1), and an area number
on a single area is that area when it is 1, #REF! when larger, and its error when it
is one (``INDEX({2,3,4,5},1,1,N54)`` with #NAME? in N54 is #NAME?; the engine says
#VALUE! for any area number given with an array).
"""

import re

from xlcc.engine.calls import rewrite_calls
from xlcc.engine.cells import literal_area

__all__ = ["may_need", "propagate_lookup_errors", "may_index", "index_errors"]

_CALL = re.compile(r"(?<![\w.])(VLOOKUP|HLOOKUP)\s*\(", re.I)
_FIRST_REF = re.compile(r"\s*((?:'(?:[^']|'')+'!|[A-Za-z_][\w.]*!)?\$?[A-Za-z]{1,3}\$?\d+)"
                        r"\s*,")
_INDEX = re.compile(r"(?<![\w.])(INDEX)\s*\(", re.I)
_NEGATIVE = re.compile(r"\s*-\s*\d+(?:\.\d*)?\s*")
_NUMBER = re.compile(r"\s*\d+(?:\.\d*)?\s*")


def may_need(formula):
    """Whether ``formula`` calls VLOOKUP or HLOOKUP."""
    return "LOOKUP" in formula.upper() and bool(_CALL.search(formula))


def propagate_lookup_errors(formula):
    """``formula`` (without its ``=``) with each VLOOKUP/HLOOKUP whose lookup value is
    a one-cell reference wrapped so that an error there is the result."""
    def wrap(name, head, args):
        ref = _FIRST_REF.fullmatch(args[0] + ",") if args else None
        if ref is None or len(args) < 2:
            return None
        return f"IF(ISERROR({ref.group(1)}),{ref.group(1)},{head}{','.join(args)}))"
    return rewrite_calls(formula, _CALL, wrap)


def may_index(formula):
    """Whether ``formula`` calls INDEX."""
    return "INDEX" in formula.upper() and bool(_INDEX.search(formula))


def _two_dimensional(arg):
    """Whether ``arg`` is a literal range of more than one row and column."""
    area = literal_area(arg, lines=False)
    return bool(area) and area[1] != area[3] and area[2] != area[4]


def index_errors(formula):
    """``formula`` with INDEX's one-cell and negative index arguments checked so that
    a negative one is #VALUE!, a 2-D range given only a row is #REF!, and an area
    number on one area is read as Excel reads it (see the module's docstring)."""
    def check(name, head, args):
        if len(args) < 2:
            return None
        if len(args) == 2 and _two_dimensional(args[0]) and not _NEGATIVE.fullmatch(args[1]):
            n = args[1].strip()
            if _NUMBER.fullmatch(n) and float(n) != 0:
                return "#REF!"
            if _FIRST_REF.fullmatch(n + ","):
                return (f"IF(ISERROR({n}),{n},IF({n}<0,#VALUE!,IF({n}=0,"
                        f"{head}{args[0]},0),#REF!)))")
        area = None
        if len(args) == 4 and not args[0].strip().startswith("("):
            area, args = args[3].strip(), args[:3]
        out = [args[0]]
        for arg in args[1:]:
            if _NEGATIVE.fullmatch(arg):
                out.append("#VALUE!")
            elif _FIRST_REF.fullmatch(arg + ","):
                ref = arg.strip()
                out.append(f"IF({ref}<0,#VALUE!,{ref})")
            else:
                out.append(arg)
        call = head + ",".join(out) + ")"
        if area is None:
            return None if out == args else call
        if _NEGATIVE.fullmatch(area):
            return "#VALUE!"
        if _NUMBER.fullmatch(area):
            return call if float(area) == 1 else "#VALUE!" if float(area) < 1 else "#REF!"
        if _FIRST_REF.fullmatch(area + ","):
            return (f"IF(ISERROR({area}),{area},IF({area}<1,#VALUE!,IF({area}<2,{call},"
                    f"#REF!)))")
        return head + ",".join(out + [area]) + ")"
    return rewrite_calls(formula, _INDEX, check)
