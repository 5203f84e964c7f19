"""Implicit intersection for the element-by-element built-ins in plain formulas.

The corrected scalar built-ins (:data:`xlcc.engine.builtins.LIFTED`: DATE, HOUR, ROUND,
ABS, ...) go element by element over ranges, as Excel 365 evaluates them in an array
formula (``=ROUNDUP(C2:C49/(1-B1),0)`` spills). A plain formula means something else:
where a function that takes one value is given a range, Excel intersects the range with
the formula's own row or column (``=ROUND(B:B,0)`` in row 5 rounds B5), as every Excel
before 365 did and as files store such formulas. So in a plain formula each range
given to one of those functions, directly or inside an operator expression, is prefixed
with the engine's implicit-intersection operator ``@``, unless an enclosing function
evaluates its arguments as arrays (SUMPRODUCT, INDEX, LOOKUP ...), as Excel does there.
Ranges inside a nested call of any other function are left alone (``ROUND(SUM(A1:A9),0)``).
"""

import re

from xlcc.engine.builtins import LIFTED, names_pattern
from xlcc.engine.calls import closing_quote

#: lifted functions whose arguments Excel evaluates as arrays in a plain formula too,
#: keeping the first element of the result (IFS, a 2016 function: pycel's fixtures
#: saved by Excel show IFS(A26:C26,...) in column O giving A26's case, not #VALUE!)
NOT_INTERSECTED = frozenset({"IFS"})

__all__ = ["intersect_plain", "may_need"]

#: functions whose arguments Excel evaluates as arrays even in a plain formula
ARRAY_CONTEXT = frozenset("""SUMPRODUCT MMULT FREQUENCY TRANSPOSE LOOKUP INDEX MATCH XMATCH
XLOOKUP SUMX2MY2 SUMX2PY2 SUMXMY2 LINEST LOGEST TREND GROWTH MDETERM MINVERSE PROB""".split())

_CALL = re.compile(r"((?:_xlfn\.|_xlws\.)*[A-Za-z][\w.]*)\s*\(", re.I)
_LIFTED = frozenset(LIFTED) - NOT_INTERSECTED
_CELL = r"\$?[A-Za-z]{1,3}\$?\d+"
_RANGE = re.compile(r"(?:'(?:[^']|'')+'!|[A-Za-z_][\w.]*!)?(?:" + _CELL + ":" + _CELL +
                    r"|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d+:\$?\d+)(?![\w(!.:])")
_MAY = re.compile(r"(?<![\w.])(?:_xlfn\.)?%s\s*\(" % names_pattern(_LIFTED), re.I)
_BOUNDARY = set("=(,+-*/^&<> %;{")


def may_need(formula):
    """Whether ``formula`` calls an element-by-element built-in and holds a range."""
    return ":" in formula and bool(_MAY.search(formula))


def intersect_plain(formula, top=False):
    """``formula`` (text without or with its leading ``=``) with ``@`` before each range
    that a lifted built-in gets in scalar position, and with ``top``, each range an
    operator gets outside any function call (``=A1:A9*2`` in row 5 is ``A5*2``);
    unchanged if there is none."""
    out, i, n = [], 0, len(formula)
    frames = []  # per open parenthesis: "lifted", "array" or "plain"
    outer = "lifted" if top else "plain"
    while i < n:
        ch = formula[i]
        if ch == '"':  # a text literal, with "" inside
            j = closing_quote(formula, i)
            out.append(formula[i:j + 1])
            i = j + 1
            continue
        if ch == "{":  # an array constant holds no references
            j = formula.find("}", i)
            j = n - 1 if j < 0 else j
            out.append(formula[i:j + 1])
            i = j + 1
            continue
        at_boundary = i == 0 or formula[i - 1] in _BOUNDARY
        if at_boundary and (frames[-1] if frames else outer) == "lifted" \
                and "array" not in frames:
            m = _RANGE.match(formula, i)
            if m:
                out.append("@" + m.group(0))
                i = m.end()
                continue
        if at_boundary or (i > 0 and formula[i - 1] == "@"):
            m = _CALL.match(formula, i)
            if m:
                name = m.group(1).upper()
                for prefix in ("_XLFN.", "_XLWS."):
                    name = name.removeprefix(prefix)
                frames.append("array" if name in ARRAY_CONTEXT else
                              "lifted" if name in _LIFTED else "plain")
                out.append(m.group(0))
                i = m.end()
                continue
        if ch == "'":  # a quoted sheet name of a single-cell reference
            j = closing_quote(formula, i)
            out.append(formula[i:j + 1])
            i = j + 1
            continue
        if ch == "(":  # a parenthesised operand is in its enclosing context, a call not
            called = i > 0 and (formula[i - 1].isalnum() or formula[i - 1] in "_.")
            frames.append("plain" if called else frames[-1] if frames else outer)
        elif ch == ")" and frames:
            frames.pop()
        out.append(ch)
        i += 1
    return "".join(out)
