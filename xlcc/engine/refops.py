"""Reference operators and defined names the formula engine does not evaluate.

Excel has three reference operators: range ``:`` (the smallest area holding both
operands, ``B2:E5:f`` with ``f`` naming G2:H5 is B2:H5), intersection, a space
(``B2:E5 C3:D4`` is C3:D4; areas that do not meet give #NULL!), and union ``,``
inside parentheses. The formula engine (formualizer 0.13) parses the first two
between references but evaluates them to #VALUE!, and it leaves out of the
calculation every defined name whose definition uses them (``h`` =
``CORE!$K$4:$K$6 CORE!$J$5:$L$5``), names built on those, and names it cannot
read (``_1234\\5678\\90``); a formula using such a name is #NAME?.

When both operands are fixed references (cell areas, names of fixed areas, or a
parenthesised union of them) the result is a fixed reference too, so the engine's
copy of the formula gets it computed: ``SUM(B2:E5 C3:D4)`` becomes ``SUM(C3:D4)``.
A name the engine left out is written in place as its definition in parentheses,
after the same rewriting, when that definition is fixed: absolute references
only (a relative name means a different cell in each formula) and no LAMBDA.
Operands the rewrite cannot fix (``INDEX(...):A9``, ``OFFSET(...) B2:C3``) are left
to the engine. AREAS of a fixed reference, which the engine lacks, is its number of
areas once the operators are computed: ``AREAS((B2:C3,E5))`` is 2.
"""

import re

import formualizer as fz

from xlcc.engine.cells import col_letters, literal_area

__all__ = ["ReferenceRewriter"]

_RELATIVE = re.compile(r"(?<![$\w])[A-Za-z]{1,3}\d+\b|(?<![$\w.])[A-Za-z]{1,3}:|(?<![$\w])\d+:")
#: Functions whose arguments are reference lists: a union passed as one argument is
#: the same as its areas passed one by one (``SUM((A1:A2,C1:C2))`` = ``SUM(A1:A2,C1:C2)``)
_AGGREGATES = frozenset("SUM COUNT COUNTA AVERAGE MIN MAX PRODUCT SUMSQ".split())
_AGGREGATE = re.compile(r"(?<![\w.])(?:" + "|".join(_AGGREGATES) + r")\s*\(", re.I)
_SPACE_BETWEEN = re.compile(r"[\w$)] +[\w$'(]")
_CHAINED_RANGE = re.compile(r":\$?[A-Za-z]{1,3}\$?\d+\s*:")
_UNION_ARGUMENT = re.compile(r"[(,]\s*\(")
_AREAS = re.compile(r"(?<![\w.])AREAS\s*\(", re.I)


def _area_text(sheet, r1, c1, r2, c2):
    prefix = f"{sheet}!" if sheet else ""
    first = f"${col_letters(c1)}${r1}"
    if (r1, c1) == (r2, c2):
        return prefix + first
    return f"{prefix}{first}:${col_letters(c2)}${r2}"


def _sheet_key(sheet, current):
    """A comparable sheet name: an unqualified operand is on the formula's sheet
    (``current``; None in a name's definition, which then matches nothing)."""
    if sheet is None:
        return None if current is None else current.lower()
    if sheet.startswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return sheet.lower()


def _same_sheet(a, b, current):
    """The sheet text two operands share (None when both are unqualified), or False."""
    if a is None and b is None:
        return None
    ka, kb = _sheet_key(a, current), _sheet_key(b, current)
    if ka is None or ka != kb:
        return False
    return a if a is not None else b


class ReferenceRewriter:
    """Rewrites the engine's copy of formulas: fixed range/intersection operations
    computed, left-out names written as their definitions.

    ``omitted`` is the engine's list of names it left out of the calculation
    (``Workbook.name_import_diagnostics``: dicts with ``name``, ``definition`` and
    ``scope_sheet``); ``kept`` the names it evaluates (``get_named_ranges``), used to
    read names of fixed areas as operands.
    """

    def __init__(self, omitted=(), kept=()):
        self._areas = {}  # lower name -> (sheet, r1, c1, r2, c2), workbook scope
        for n in kept:
            if n.get("scope") == "workbook" and n.get("kind") in ("cell", "range") \
                    and n.get("sheet") == n.get("end_sheet", n.get("sheet")):
                sheet = n["sheet"]
                quoted = sheet if re.fullmatch(r"[A-Za-z_][\w.]*", sheet) \
                    else "'" + sheet.replace("'", "''") + "'"
                self._areas[n["name"].lower()] = (quoted, n["start_row"], n["start_col"],
                                                  n.get("end_row", n["start_row"]),
                                                  n.get("end_col", n["start_col"]))
        self._definitions = {d["name"].lower(): d["definition"] for d in omitted
                             if d.get("scope_sheet") is None and d.get("definition")}
        self._inlined = {}
        self._pattern = None
        areas = [re.escape(n) for n in self._areas]
        self._area_pattern = re.compile(
            r"(?<![\w.\\])(?:" + "|".join(areas) + r")\s*:|:\s*\$?(?:" + "|".join(areas)
            + r")(?![\w(\\])", re.I) if areas else None
        words = [re.escape(n) for n in self._definitions]
        if words:
            self._pattern = re.compile(r"(?<![\w.\\])(?:" + "|".join(words) + r")(?![\w(\\])",
                                       re.I)

    def may_need(self, formula):
        """Cheap test: could ``formula`` hold an operation or a name to rewrite?"""
        if "AREAS" in formula.upper() and _AREAS.search(formula):
            return True
        if self._pattern is not None and self._pattern.search(formula):
            return True
        if " " in formula and _SPACE_BETWEEN.search(formula):
            return True
        if formula.count(":") > 1 and _CHAINED_RANGE.search(formula):
            return True
        if ":" in formula and self._area_pattern is not None \
                and self._area_pattern.search(formula):
            return True
        return "(" in formula and bool(_UNION_ARGUMENT.search(formula)) \
            and bool(_AGGREGATE.search(formula))

    def rewrite(self, formula, sheet=None):
        """``formula`` (with or without ``=``) of a cell on ``sheet`` with fixed
        reference operations computed and left-out names written in place; unchanged
        when nothing applies or the formula does not tokenize."""
        eq = formula.startswith("=")
        body = formula[1:] if eq else formula
        new = self._rewrite(body, depth=0, sheet=sheet)
        return ("=" if eq else "") + new if new is not None else formula

    def _definition(self, name, depth):
        """The rewritten definition of a left-out name, or None when it is not fixed."""
        key = name.lower()
        if key in self._inlined:
            return self._inlined[key]
        self._inlined[key] = None  # a cycle of names stays out
        text = self._definitions[key]
        fixed = None
        if depth < 20 and "LAMBDA" not in text.upper() and not _relative(text):
            fixed = self._rewrite(text, depth + 1, sheet=None)
            if fixed is None:
                fixed = text
            if self._pattern.search(fixed):  # built on a name that stays out
                fixed = None
        self._inlined[key] = fixed
        return fixed

    def _rewrite(self, body, depth, sheet):
        try:
            tokens = fz.tokenize("=" + body)
        except Exception:  # the engine will report the formula itself
            return None
        items = []  # [kind, text, value]: kind "area" (value: [areas]), "op", "raw"
        inlined = False
        for t in tokens:
            kind, sub, text = str(t.token_type), str(t.subtype), t.value
            if kind == "Operand" and sub == "Range":
                area = literal_area(text)
                if area is not None:
                    items.append(["area", text, [area]])
                    continue
                key = text.lower()
                if key in self._definitions:
                    inline = self._definition(key, depth)
                    if inline is not None:
                        inlined = True
                        single = literal_area(inline)
                        items.append(["area", f"({inline})", [single]] if single
                                     else ["raw", f"({inline})", None])
                        continue
                if key in self._areas:
                    items.append(["area", text, [self._areas[key]]])
                    continue
            if kind == "OpInfix" and text in (":", " "):
                items.append(["op", text, None])
                continue
            items.append(["raw" if kind != "Whitespace" else "space", text, f"{kind}.{sub}"])
        for k in range(1, len(items) - 1):  # "A:A 3:3": the tokenizer calls it a space
            if items[k][0] == "space" and items[k][1].strip(" ") == "" \
                    and items[k - 1][0] == "area" and items[k + 1][0] == "area":
                items[k] = ["op", " ", None]
        if not inlined and not any(i[0] == "op" for i in items) and not (
                _AGGREGATE.search(body) and any(i[2] == "Paren.Open" for i in items)) \
                and not _AREAS.search(body):
            return None
        _apply_operators(items, sheet)
        _count_areas(items)
        _spread_unions(items)
        out = "".join(i[1] for i in items)
        return out if out != body else None


def _relative(text):
    """Whether a definition holds a reference without $ (relative to the cell)."""
    stripped = re.sub(r'"(?:[^"]|"")*"', '""', text)
    stripped = re.sub(r"'(?:[^']|'')*'!|[A-Za-z_][\w.]*!", "", stripped)
    return bool(_RELATIVE.search(stripped))


def _collapse_unions(items):
    """``( area , area )`` -> one operand holding both areas (in place)."""
    i = 0
    while i < len(items):
        if items[i][0] == "raw" and items[i][2] == "Paren.Open":
            j, areas, ok = i + 1, [], False
            while j < len(items):
                kind, text = items[j][0], items[j][1]
                if kind == "area":
                    areas.append(items[j][2])
                elif kind == "raw" and items[j][2] == "OpInfix.None" and text == ",":
                    pass
                elif kind == "raw" and items[j][2] == "Paren.Close":
                    ok = True
                    break
                else:
                    break
                j += 1
            if ok and areas:
                flat = [a for group in areas for a in group]
                items[i:j + 1] = [["area", "(" + "".join(x[1] for x in items[i + 1:j]) + ")",
                                   flat]]
        i += 1


def _apply_operators(items, sheet):
    """Compute ``:`` then `` `` between fixed operands, left to right (Excel's
    precedence); the items are updated in place."""
    _collapse_unions(items)
    for op in (":", " "):
        i = 1
        while i < len(items) - 1:
            left, mid, right = items[i - 1], items[i], items[i + 1]
            if mid[0] == "op" and mid[1] == op and left[0] == "area" and right[0] == "area":
                result = _range(left[2], right[2], sheet) if op == ":" \
                    else _intersection(left[2], right[2], sheet)
                if result is not None:
                    items[i - 1:i + 2] = [result]
                    continue
            if mid[0] == "op" and mid[1] == op == " " and {left[0], right[0]} == {"area", "raw"} \
                    and "#NULL!" in (left[1], right[1]):  # B2:C3 D9 E5: #NULL! goes on
                items[i - 1:i + 2] = [["raw", "#NULL!", None]]
                continue
            i += 1


def _count_areas(items):
    """``AREAS(fixed reference)`` -> its number of areas (the formula engine has no
    AREAS); an intersection that met nothing stays #NULL! (in place)."""
    i = 0
    while i < len(items):
        head = items[i]
        if head[0] == "raw" and head[2] == "Func.Open" \
                and head[1][:-1].strip().upper() == "AREAS":
            depth, j = 1, i + 1
            while j < len(items) and depth:
                if items[j][0] == "raw" and items[j][2] in ("Func.Open", "Paren.Open"):
                    depth += 1
                elif items[j][0] == "raw" and items[j][2] in ("Func.Close", "Paren.Close"):
                    depth -= 1
                j += 1
            inner = [x for x in items[i + 1:j - 1] if x[0] != "space"
                     and not (x[0] == "raw" and x[2] in ("Paren.Open", "Paren.Close"))]
            if depth == 0 and len(inner) == 1:
                if inner[0][0] == "area":
                    items[i:j] = [["raw", str(len(inner[0][2])), None]]
                elif inner[0][0] == "raw" and inner[0][1] == "#NULL!":
                    items[i:j] = [["raw", "#NULL!", None]]
        i += 1


def _spread_unions(items):
    """A union that is a whole argument of SUM/COUNT/MIN/... loses its parentheses:
    the engine evaluates a list of arguments but not a union."""
    stack = []  # enclosing function names (None for a parenthesis)
    for i, item in enumerate(items):
        kind, text, sub = item
        if kind == "raw" and sub in ("Func.Open", "Paren.Open"):
            stack.append(text[:-1].strip().upper() if sub == "Func.Open" else None)
        elif kind == "raw" and sub in ("Func.Close", "Paren.Close"):
            if stack:
                stack.pop()
        elif kind == "area" and len(item[2]) > 1 and text.startswith("(") and stack \
                and stack[-1] in _AGGREGATES and 0 < i < len(items) - 1 \
                and _argument_edge(items[i - 1]) and _argument_edge(items[i + 1]):
            item[1] = text[1:-1]


def _argument_edge(item):
    """Whether ``item`` opens, separates or closes a function's arguments."""
    return item[0] == "raw" and item[2] in ("Func.Open", "Func.Close", "Sep.Arg")


def _range(left, right, current):
    """The range operator: the smallest area holding every area of both sides."""
    areas = left + right
    sheet = areas[0][0]
    for a in areas[1:]:
        sheet = _same_sheet(sheet, a[0], current)
        if sheet is False:
            return None
    r1 = min(a[1] for a in areas)
    c1 = min(a[2] for a in areas)
    r2 = max(a[3] for a in areas)
    c2 = max(a[4] for a in areas)
    return ["area", _area_text(sheet, r1, c1, r2, c2), [(sheet, r1, c1, r2, c2)]]


def _intersection(left, right, current):
    """The intersection operator: the cells in both sides; #NULL! when none."""
    out = []
    for a in left:
        for b in right:
            sheet = _same_sheet(a[0], b[0], current)
            if sheet is False:
                return None
            r1, c1 = max(a[1], b[1]), max(a[2], b[2])
            r2, c2 = min(a[3], b[3]), min(a[4], b[4])
            if r1 <= r2 and c1 <= c2:
                out.append((sheet, r1, c1, r2, c2))
    if not out:
        return ["raw", "#NULL!", None]
    texts = [_area_text(*a) for a in out]
    text = texts[0] if len(texts) == 1 else "(" + ",".join(texts) + ")"
    return ["area", text, out]
