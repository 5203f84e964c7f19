"""Where the read-only public benchmark data lives (../shared/data beside the checkout).

``XLCC_SHARED_DATA`` overrides; a clone elsewhere (a CI scratch folder) falls back to
the workplace's /work/shared/data.
"""

import os

_HERE = os.path.dirname(os.path.abspath(__file__))
_CANDIDATES = [os.environ.get("XLCC_SHARED_DATA", ""),
               os.path.join(_HERE, "..", "..", "shared", "data"), "/work/shared/data"]
DATA = next((p for p in _CANDIDATES if p and os.path.isdir(p)), _CANDIDATES[1])
