"""Input files opened safely: regular files only, their size checked before a byte is read."""
from __future__ import annotations

import os
import stat

from auditor.errors import InputError

MAX_FILE_MB = 512  # far above any LKjIP (a 300-page scan is ~150 MB), far below what hangs a machine
_KINDS = {stat.S_ISFIFO: ("pipa bernama (FIFO)", "a named pipe (FIFO)"),
          stat.S_ISCHR: ("perangkat karakter", "a character device"),
          stat.S_ISBLK: ("perangkat blok", "a block device"),
          stat.S_ISSOCK: ("soket", "a socket"),
          stat.S_ISDIR: ("folder", "a folder")}


def check_regular(path: str, max_mb: int = MAX_FILE_MB) -> int:
    """The size of `path` when it is a regular file (a symlink is followed) of at most `max_mb`;
    otherwise InputError. Special files (a link to /dev/zero, a FIFO) would block or never end."""
    shown = path
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(shown, "berkas tidak ditemukan; periksa nama dan lokasinya.",
                         "file not found; check its name and location.") from None
    except OSError as error:
        raise unreadable(path, error) from None
    for test, (kind_id, kind_en) in _KINDS.items():
        if test(info.st_mode):
            if test is stat.S_ISDIR:
                raise InputError(shown, "ini folder, bukan berkas; gunakan 'lkjip-audit batch' untuk folder.",
                                 "this is a folder, not a file; use 'lkjip-audit batch' for folders.")
            raise InputError(shown, f"bukan berkas biasa melainkan {kind_id}; tidak dibaca. Salin laporannya "
                                    "sebagai berkas biasa.",
                             f"not a regular file but {kind_en}; not read. Copy the report as a regular file.")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(shown, "bukan berkas biasa; tidak dibaca. Salin laporannya sebagai berkas biasa.",
                         "not a regular file; not read. Copy the report as a regular file.")
    if info.st_size > max_mb << 20:
        raise InputError(shown, f"berkas {info.st_size >> 20} MB, melebihi batas {max_mb} MB; pisahkan laporan "
                                "atau simpan ulang dengan ukuran lebih kecil.",
                         f"the file is {info.st_size >> 20} MB, over the limit of {max_mb} MB; split the report or "
                         "save it again smaller.")
    return info.st_size


def open_regular(path: str, max_mb: int = MAX_FILE_MB):
    """A binary file object for `path`, opened without blocking and checked again once open, so a file
    swapped for a FIFO or a device between the check and the open is still refused."""
    check_regular(path, max_mb)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise unreadable(path, error) from None
    handle = os.fdopen(descriptor, "rb")
    if not stat.S_ISREG(os.fstat(descriptor).st_mode) or os.fstat(descriptor).st_size > max_mb << 20:
        handle.close()
        check_regular(path, max_mb)  # raises with the reason
        raise unreadable(path, OSError("changed while opened"))
    return handle


def unreadable(path: str, error: OSError) -> InputError:
    return InputError(path, f"berkas tidak dapat dibaca ({error.strerror or error}); periksa izin aksesnya.",
                      f"the file cannot be read ({error.strerror or error}); check its permissions.")
