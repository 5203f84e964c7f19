"""Atomic writes (xlcc._atomic): whole file or previous file, never half of one."""

import os
import stat

import pytest

from xlcc import _atomic
from xlcc._atomic import write_atomic


def test_writes_a_new_file_with_the_mode_open_would_give(tmp_path):
    target = tmp_path / "sub" / "out.xlsx"
    write_atomic(str(target), b"abc")
    assert target.read_bytes() == b"abc"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert [p.name for p in target.parent.iterdir()] == ["out.xlsx"]  # no temporary left


def test_replacing_keeps_the_old_files_mode(tmp_path):
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(str(target), b"new")
    assert target.read_bytes() == b"new" and stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"old")

    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(_atomic.os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(str(target), b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]


def test_temporary_names_do_not_collide(tmp_path):
    names = set()
    for _ in range(50):
        fd, path = _atomic._temporary(str(tmp_path))
        os.close(fd)
        names.add(path)
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert len(names) == 50
