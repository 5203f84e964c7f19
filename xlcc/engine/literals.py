"""Text typed as an argument of SUM, AVERAGE, MIN, MAX, PRODUCT, COUNT and the
statistics of lists of numbers (STDEV, VAR, MEDIAN, MODE, ...), as Excel reads it.

Excel reads a text given directly (not through a cell) to these functions as a
number: ``=SUM(A1:A3,"5")`` adds 5, a date or time text is its serial number, and
a text that is no number is #VALUE! (``=AVERAGE(B1:B9,"")`` is #VALUE!, from the
conformance fixtures); COUNT counts a text that is a number and skips any other.
The formula engine skips such text. The engine's copy of the formula gets the
number (or ``#VALUE!``) in place of the literal; text in cells is still skipped, as
Excel skips it.
"""

import re

from xlcc.engine.builtins import text_number
from xlcc.engine.calls import rewrite_calls

__all__ = ["may_need", "read_text_arguments"]

_NAMES = ("SUM AVERAGE MIN MAX PRODUCT COUNT AVEDEV AVERAGEA DEVSQ GEOMEAN HARMEAN KURT "
          "MAXA MINA MEDIAN SKEW SKEW.P STDEV STDEVP STDEV.S "
          "STDEV.P STDEVA STDEVPA VAR VARP VAR.S VAR.P VARA VARPA").split()
_CALL = re.compile(r"(?<![\w.])((?:_xlfn\.)?(?:"
                   + "|".join(re.escape(n) for n in sorted(_NAMES, key=len, reverse=True))
                   + r"))\s*\(", re.I)
_LITERAL = re.compile(r'\s*"((?:[^"]|"")*)"\s*')


def may_need(formula):
    """Whether ``formula`` may give one of these functions a text literal."""
    return '"' in formula and bool(_CALL.search(formula))


def _number(text):
    try:
        return float(text.strip())
    except ValueError:
        return text_number(text) if text.strip() else None


def read_text_arguments(formula):
    """``formula`` with each text literal argument of SUM/AVERAGE/MIN/MAX/PRODUCT
    replaced by the number Excel reads in it, or by #VALUE!."""
    def replace(name, head, args):
        out = []
        for arg in args:
            m = _LITERAL.fullmatch(arg)
            if m is None:
                out.append(arg)
                continue
            x = _number(m.group(1).replace('""', '"'))
            if x is None and name.upper() == "COUNT":
                out.append(arg)  # not a number: COUNT skips it, as the engine does
            else:
                out.append("#VALUE!" if x is None else repr(x))
        return None if out == args else head + ",".join(out) + ")"
    return rewrite_calls(formula, _CALL, replace)
