"""How many examples each property test runs: the number in the test, times
``XLCC_EXAMPLES_SCALE`` (default 1; e.g. 20 for a thorough pre-release run)."""

import os

SCALE = float(os.environ.get("XLCC_EXAMPLES_SCALE", "1"))


def scaled(n):
    return max(1, int(n * SCALE))
