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
"""

import re

from xlcc.engine.calls import rewrite_calls

__all__ = ["may_need", "propagate_lookup_errors", "may_index", "index_errors"]

_CALL = re.compile(r"(?<![\w.])(VLOOKUP|HLOOKUP)\s*\(", re.I)
_FIRST_REF = re.compile(r"\s*((?:'(?:[^']|'')+'!|[A-Za-z_][\w.]*!)?\$?[A-Za-z]{1,3}\$?\d+)"
                        r"\s*,")
_INDEX = re.compile(r"(?<![\w.])(INDEX)\s*\(", re.I)
_NEGATIVE = re.compile(r"\s*-\s*\d+(?:\.\d*)?\s*")


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


def index_errors(formula):
    """``formula`` with INDEX's one-cell and negative index arguments checked so that
    a negative one is #VALUE!."""
    def check(name, head, args):
        if len(args) < 2:
            return None
        out = [args[0]]
        for arg in args[1:]:
            if _NEGATIVE.fullmatch(arg):
                out.append("#VALUE!")
            elif _FIRST_REF.fullmatch(arg + ","):
                ref = arg.strip()
                out.append(f"IF({ref}<0,#VALUE!,{ref})")
            else:
                out.append(arg)
        return None if out == args else head + ",".join(out) + ")"
    return rewrite_calls(formula, _INDEX, check)
