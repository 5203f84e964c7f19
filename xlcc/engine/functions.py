"""The registry's worksheet functions as formula-engine callbacks.

The engine evaluates xlcc functions through the very ``Spec.evaluate`` the
Excel add-in uses, so a cell computes the same value headless as in Excel. This
module only translates values at the boundary: the formula engine hands over
numbers, text, booleans, None for blank cells, error dicts and ranges as lists of
rows; a result goes back as a number, text, a boolean, an error dict, or a list
of rows that spills.
"""

from xlcc.functions import BY_NAME, REGISTRY
from xlcc.functions.errors import CellError, XlError

__all__ = ["Bridge", "to_engine_error", "from_engine_error", "ERROR_KINDS", "EXCEL_ERRORS",
           "PENDING",
           "is_pending"]

#: formula-engine error kinds -> Excel's error text
ERROR_KINDS = {"Null": "#NULL!", "Div": "#DIV/0!", "Value": "#VALUE!", "Ref": "#REF!",
               "Name": "#NAME?", "Num": "#NUM!", "Na": "#N/A", "Spill": "#SPILL!",
               "Calc": "#CALC!", "GettingData": "#GETTING_DATA", "Circ": "#CIRC!"}
#: the error values Excel itself shows and stores (the engine's #CIRC! is not one of them)
EXCEL_ERRORS = frozenset(ERROR_KINDS.values()) - {"#CIRC!"}
_KIND_OF = {text: kind for kind, text in ERROR_KINDS.items()}
_XL_OF_KIND = {e.value: e for e in XlError}


def from_engine_error(value):
    """Excel's error text for an engine error dict, or None if ``value`` is not one."""
    if isinstance(value, dict) and value.get("type") == "Error":
        return ERROR_KINDS.get(value.get("kind"), "#VALUE!")
    return None


def to_engine_error(text, message=""):
    """An engine error dict for Excel's error text (``"#N/A"``)."""
    out = {"type": "Error", "kind": _KIND_OF.get(text, "Value")}
    if message:
        out["message"] = message
    return out


def _argument(value):
    """An engine argument as ``Spec.evaluate`` takes it (errors as CellError)."""
    if isinstance(value, list):
        return [_argument(v) for v in value]
    text = from_engine_error(value)
    if text is not None:
        return CellError(_XL_OF_KIND.get(text, XlError.VALUE), "from an argument")
    return value


def _result(value):
    if isinstance(value, list):
        rows = [[_result(v) for v in row] for row in value]
        return rows[0][0] if len(rows) == 1 and len(rows[0]) == 1 else rows
    if isinstance(value, CellError):
        return to_engine_error(value.error.value, value.message)
    if value is None:  # a blank result (blank input): Excel shows an empty text
        return ""
    return value


#: What a call returns while its value waits for the batch: an error kind Excel never
#: shows, so that every formula depending on it is visibly "not computed yet".
PENDING = {"type": "Error", "kind": "NImpl"}
_MISS = object()
_CACHE_LIMIT = 1_000_000
# a call computed on its own costs about 0.5 ms; a pass of the engine over the waiting
# cells costs more than a dozen of them, so up to this many new calls per pass are
# computed at once
_SYNC_CALLS = 16


def is_pending(value):
    return isinstance(value, dict) and value.get("kind") == "NImpl"


def _freeze(value):
    """A hashable form of an engine argument (ranges as tuples of tuples)."""
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return ("#error", value.get("kind"))
    return value


class Bridge:
    """Registry functions as engine callbacks, evaluated in batches.

    The engine calls a function once per cell, which would cost one numpy call
    per cell. Instead, after the first few new calls of a pass (computed at
    once, so that a what-if edit needs no second pass), a call with single-value
    arguments that is not known yet returns :data:`PENDING` and is queued; :meth:`flush` then evaluates each
    function's queued calls in one broadcast ``Spec.evaluate`` (the very code the
    add-in runs, element by element identical), and the model recalculates the
    waiting cells, whose calls now hit the cache. Calls with range arguments are
    evaluated at once. Results are kept per (function, arguments), so a what-if
    recalculation only computes what changed.
    """

    def __init__(self):
        self.cache = {}
        self.pending = {}
        self.sync_left = _SYNC_CALLS

    def register(self, book):
        for spec in REGISTRY:
            book.register_function(spec.name, self._callback(spec), min_args=0,
                                   max_args=len(spec.args), deterministic=False)

    def _callback(self, spec):
        name, cache, pending = spec.name, self.cache, self.pending

        def compute(key, args):
            result = _result(spec.evaluate(*(_argument(a) for a in args)))
            cache[key] = result
            return result

        def call(*args):
            try:  # single values: the arguments themselves are the key
                key = (name, args)
                hit = cache.get(key, _MISS)
            except TypeError:  # a range (list) or an error (dict) among them
                key = (name, tuple(_freeze(a) for a in args))
                hit = cache.get(key, _MISS)
            if hit is not _MISS:
                return hit
            if any(is_pending(a) or isinstance(a, list) and _has_pending(a) for a in args):
                return PENDING
            if any(isinstance(a, list) for a in args):
                return compute(key, args)
            if self.sync_left > 0:  # a few new calls (a what-if edit): no second pass
                self.sync_left -= 1
                return compute(key, args)
            pending.setdefault(name, {})[key] = args
            return PENDING

        call.__name__ = name
        return call

    def queue(self, name, args):
        """Queue a call of ``name`` with single-value ``args`` for :meth:`flush` (used
        before the first pass, see :mod:`xlcc.engine.prefill`); 1 if it was new."""
        key = (name, tuple(args))
        if key in self.cache or key in self.pending.get(name, ()):
            return 0
        self.pending.setdefault(name, {})[key] = key[1]
        return 1

    def start_pass(self, sync_calls=_SYNC_CALLS):
        """Before each engine pass: the first ``sync_calls`` new calls are computed at
        once, the rest queued for :meth:`flush`."""
        self.sync_left = sync_calls

    def flush(self):
        """Evaluate every queued call, one broadcast call per function and argument form."""
        if len(self.cache) > _CACHE_LIMIT:
            self.cache.clear()
        for name, calls in self.pending.items():
            spec = BY_NAME[name]
            words = [i for i, a in enumerate(spec.args) if a.choices]
            groups = {}
            for key, args in calls.items():
                form = (len(args), tuple(args[i] if i < len(args) else None for i in words))
                groups.setdefault(form, []).append((key, args))
            for (n, _), members in groups.items():
                columns = [_argument(members[0][1][i]) if i in words else
                           [[_argument(args[i])] for _, args in members] for i in range(n)]
                out = spec.evaluate(*columns)
                if not isinstance(out, list):  # every argument was a word: one value for all
                    out = [[out]] * len(members)
                for (key, _), row in zip(members, out):
                    self.cache[key] = _result(row[0])
        self.pending.clear()


def _has_pending(rows):
    return any(is_pending(v) for row in rows for v in (row if isinstance(row, list) else [row]))
