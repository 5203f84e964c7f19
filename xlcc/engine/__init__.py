"""Headless recalculation of workbooks that use xlcc functions (no Excel needed).

:class:`Model` loads a workbook for what-if work; :func:`recalc_file` recalculates
one file and writes its values back losslessly; :func:`recalc_batch` does many.
"""

from xlcc.engine.model import Model
from xlcc.engine.package import WorkbookError

__all__ = ["Model", "WorkbookError"]
