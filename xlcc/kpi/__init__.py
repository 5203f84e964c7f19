"""Management indicators ("indicadores de gestión") computed from interval totals.

Every indicator is a ratio of totals (counts, seconds, money), broadcasts like a
numpy ufunc, and returns NaN for a zero denominator. Aggregate by summing the
totals first, then calling the indicator: never average percentages.
"""

from xlcc.kpi import goals as _g, inbound as _i, outbound as _o, portfolio as _p
from xlcc.kpi.goals import *  # noqa: F401,F403
from xlcc.kpi.inbound import *  # noqa: F401,F403
from xlcc.kpi.outbound import *  # noqa: F401,F403
from xlcc.kpi.portfolio import *  # noqa: F401,F403

__all__ = _i.__all__ + _o.__all__ + _p.__all__ + _g.__all__
