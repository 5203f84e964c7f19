"""Text typed as an argument of SUM, AVERAGE, MIN, MAX or PRODUCT, as Excel reads it.

Excel reads a text given directly (not through a cell) to these functions as a
number: ``=SUM(A1:A3,"5")`` adds 5, a date or time text is its serial number, and
a text that is no number is #VALUE! (``=AVERAGE(B1:B9,"")`` is #VALUE!, from the
conformance fixtures). The formula engine skips such text. The engine's copy of
the formula gets the number (or ``#VALUE!``) in place of the literal; text in
cells is still skipped, as Excel skips it.
"""

import re

from xlcc.engine.builtins import text_number
from xlcc.engine.calls import rewrite_calls

__all__ = ["may_need", "read_text_arguments"]

_CALL = re.compile(r"(?<![\w.])(SUM|AVERAGE|MIN|MAX|PRODUCT)\s*\(", re.I)
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
            out.append("#VALUE!" if x is None else repr(x))
        return None if out == args else head + ",".join(out) + ")"
    return rewrite_calls(formula, _CALL, replace)
