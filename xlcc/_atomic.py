"""Atomic file writes: a temporary file in the target's folder, then a rename.

A reader never sees a half-written file, and an interrupted write leaves the
previous file intact.
"""

import os
import tempfile

__all__ = ["write_atomic"]


def write_atomic(path, data):
    """Write ``data`` (bytes) to ``path`` atomically; creates the folder if needed."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".xlcc-", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        # mkstemp makes the file private (0600); give it the mode a plain open() would
        # (or keep the mode of the file it replaces)
        try:
            mode = os.stat(path).st_mode & 0o7777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
