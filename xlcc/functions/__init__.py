"""The xlcc worksheet functions: one registry, every Excel surface derived from it.

``REGISTRY`` lists every worksheet function once (:class:`~xlcc.functions.spec.Spec`).
Each is also a module attribute named after its Excel function, decorated for the
xlwings add-in (set "UDF Modules" to ``xlcc.functions``)::

    >>> from xlcc.functions import ERLANGC_AGENTS
    >>> ERLANGC_AGENTS(100, 180, 0.8, 20)
    14.0
    >>> ERLANGC_AGENTS([[100], [None], [200]], 180, 80, 20)
    [[14.0], [None], [24.0]]

Results are what Excel shows: a number, None for a blank cell, a list of rows for
a range, and for an error its text with the reason, e.g.
``"#NUM! sl_target must be in [0, 1) (fraction); got 1"``. The generated VBA
module (``vba/xlcc_udfs.bas``) turns that text into a real Excel error value;
the headless engine uses :meth:`Spec.evaluate`, which returns typed ``CellError``s.
"""

from xlcc.functions import erlang, kpi, roster
from xlcc.functions.errors import CellError

REGISTRY = erlang.SPECS + kpi.SPECS + roster.SPECS
BY_NAME = {spec.name: spec for spec in REGISTRY}


def _excel_value(v):
    if isinstance(v, list):
        return [_excel_value(x) for x in v]
    return str(v) if isinstance(v, CellError) else v


def to_udf(spec):
    """The xlwings worksheet function for ``spec``: its signature, help and numpy input."""
    import numpy as np
    import xlwings as xw

    def udf(*args, **kwargs):
        try:
            bound = spec.signature().bind_partial(*args, **kwargs)
        except TypeError as exc:  # too many or unknown arguments: an Excel error, not a crash
            return f"#VALUE! {spec.name}: {exc}"
        return _excel_value(spec.evaluate(*bound.arguments.values()))

    udf.__name__ = udf.__qualname__ = spec.name
    udf.__doc__ = spec.help
    udf.__signature__ = spec.signature()
    for arg in reversed(spec.args):
        udf = xw.arg(arg.name, np.array, ndim=2, doc=f"{arg.help} ({arg.unit})")(udf) \
            if not arg.choices else xw.arg(arg.name, doc=f"{arg.help}")(udf)
    return xw.func(category=spec.category)(udf)


_UDFS = {}


def __getattr__(name):
    """The xlwings worksheet function ``name``, made on first use: code that only needs
    the registry (the headless engine, the command line) does not import xlwings. The
    add-in finds the functions as before: it lists ``dir(module)`` and gets each."""
    spec = BY_NAME.get(name)
    if spec is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name not in _UDFS:
        _UDFS[name] = to_udf(spec)
    return _UDFS[name]


def __dir__():
    return sorted(set(globals()) | set(BY_NAME))


__all__ = ["REGISTRY", "BY_NAME"] + [s.name for s in REGISTRY]
