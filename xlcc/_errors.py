"""The error every public API raises for a bad argument (no numpy import: the
command line reads it before it knows which command runs)."""

__all__ = ["ArgumentError"]


class ArgumentError(ValueError):
    """An argument is outside its accepted range or is not a number."""
