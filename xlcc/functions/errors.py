"""Excel error values and the one place where Python outcomes become them.

Inside xlcc, domain code raises ``ArgumentError`` or returns NaN/inf; only this
module turns those into Excel errors: text or a wrong type -> #VALUE!, a number
outside its range or a result that does not exist (ASA of an unstable queue)
-> #NUM!. Each error carries a message naming the argument and its range.
"""

import enum
from dataclasses import dataclass

__all__ = ["XlError", "CellError"]


class XlError(enum.Enum):
    """Excel's error values, by their text."""

    NULL = "#NULL!"
    DIV0 = "#DIV/0!"
    VALUE = "#VALUE!"
    REF = "#REF!"
    NAME = "#NAME?"
    NUM = "#NUM!"
    NA = "#N/A"

    @classmethod
    def parse(cls, text):
        """The error whose text ``text`` is (case-insensitive), or None."""
        if not isinstance(text, str):
            return None
        upper = text.strip().upper()
        return next((e for e in cls if e.value == upper), None)


@dataclass(frozen=True)
class CellError:
    """An Excel error value in one result cell, with the reason for it."""

    error: XlError
    message: str = ""

    def __str__(self):
        return f"{self.error.value} {self.message}".strip()
