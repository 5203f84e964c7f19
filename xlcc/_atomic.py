"""Atomic file writes: a temporary file in the target's folder, then a rename.

A reader never sees a half-written file, and an interrupted write leaves the
previous file intact.
"""

import os

__all__ = ["write_atomic"]


def write_atomic(path, data):
    """Write ``data`` (bytes) to ``path`` atomically; creates the folder if needed."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = _temporary(folder)
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


def _temporary(folder):
    """(descriptor, path) of a new private file in ``folder``, as tempfile.mkstemp makes
    one; written here because importing tempfile (random, shutil, lzma, bz2) costs
    more start-up than the whole write of a small workbook."""
    for _ in range(100):
        path = os.path.join(folder, f".xlcc-{os.urandom(6).hex()}")
        try:
            return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL
                           | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0),
                           0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")
