"""Safe outputs: paths checked before the audit runs, files written atomically, text fit for a terminal."""
from __future__ import annotations

import contextlib
import os
import re
import tempfile
from typing import Iterator

from auditor.errors import InputError

# C0 and C1 controls except tab and newline, whole ANSI/VT escape sequences (CSI, OSC, two-character
# escapes) and the bidirectional overrides that can make a terminal show text in another order
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]|\x9b[0-?]*[ -/]*[@-~]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def display(text: str) -> str:
    """A file name or cell as it may be shown or written: bytes that were not UTF-8 in a file name
    (surrogate escapes) become U+FFFD, control characters and escape sequences are dropped."""
    return _CONTROLS.sub("", _ESCAPES.sub("", _SURROGATES.sub("\ufffd", text)))


def has_undecodable(text: str) -> bool:
    return bool(_SURROGATES.search(text))


def escape_surrogates(text: str) -> str:
    """JSON text with each lone surrogate written as a \\udcXX escape, so a non-UTF-8 file name is
    stored without loss in a UTF-8 file and read back by json.loads as the same name."""
    return _SURROGATES.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write_atomic(path: str, data: str | bytes) -> None:
    """Writes the whole file or nothing: a reader never sees half a report, a crash leaves the old one."""
    with replacing(path) as temporary:
        if isinstance(data, bytes):
            with open(temporary, "wb") as handle:
                handle.write(data)
        else:
            with open(temporary, "w", encoding="utf-8", newline="") as handle:
                handle.write(data)


@contextlib.contextmanager
def replacing(path: str) -> Iterator[str]:
    """A temporary path beside `path` to write to; renamed over `path` when the block succeeds."""
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".lkjip-", suffix=".part" + os.path.splitext(path)[1], dir=folder)
    os.close(handle)
    try:
        yield temporary
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(temporary)


def _mode_for(path: str) -> int:
    """The permissions an ordinary open() would have given: mkstemp makes the file private."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def check_output_file(path: str, inputs: tuple[str, ...] | list[str] = (), *, option: str = "-o") -> None:
    """Raises InputError, before any work, when `path` cannot receive an output file: its folder is
    missing, it is a folder, the place is read-only, or it is one of the inputs."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise InputError(display(path), f"{option}: ini folder; beri nama berkas, mis. {option} "
                                        f"{os.path.join(display(path), 'laporan.xlsx')}.",
                         f"{option}: this is a folder; give a file name, e.g. {option} "
                         f"{os.path.join(display(path), 'report.xlsx')}.")
    if not os.path.isdir(folder):
        raise InputError(display(path), f"{option}: folder {display(folder)} tidak ada; buat dulu atau pilih "
                                        "folder lain.",
                         f"{option}: folder {display(folder)} does not exist; create it first or choose another.")
    for given in inputs:
        if _same_file(path, given):
            raise InputError(display(path), f"{option}: sama dengan berkas masukan; pilih nama lain agar "
                                            "aslinya tidak tertimpa.",
                             f"{option}: this is an input file; choose another name so the original is not "
                             "overwritten.")
    if os.path.exists(path) and not os.path.isfile(path):
        raise InputError(display(path), f"{option}: bukan berkas biasa; pilih nama berkas lain.",
                         f"{option}: not a regular file; choose another file name.")
    _check_writable(folder, path, option)


def check_output_folder(path: str, inputs: tuple[str, ...] | list[str] = (), *, option: str = "-o") -> None:
    """Creates the output folder if needed; raises InputError when it is a file, an input or read-only."""
    if os.path.exists(path) and not os.path.isdir(path):
        raise InputError(display(path), f"{option}: ini berkas, bukan folder; beri nama folder untuk hasilnya.",
                         f"{option}: this is a file, not a folder; name a folder for the results.")
    for given in inputs:
        if _same_file(path, given):
            raise InputError(display(path), f"{option}: sama dengan folder masukan; pilih folder lain.",
                             f"{option}: this is an input folder; choose another folder.")
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as error:
        raise InputError(display(path), f"{option}: folder tidak dapat dibuat ({error.strerror}); pilih tempat "
                                        "lain.",
                         f"{option}: the folder cannot be created ({error.strerror}); choose another place.") from None
    _check_writable(path, None, option)


def _check_writable(folder: str, path: str | None, option: str) -> None:
    """Tries it: permission bits say nothing about a read-only file system, nor to root."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
        if path and os.path.exists(path):
            with open(path, "ab"):
                pass
    except OSError as error:
        raise InputError(display(path or folder), f"{option}: tidak dapat menulis di sini ({error.strerror}); "
                                                  "pilih tempat lain.",
                         f"{option}: cannot write here ({error.strerror}); choose another place.") from None


def _same_file(a: str, b: str) -> bool:
    try:
        if os.path.exists(a) and os.path.exists(b):
            return os.path.samefile(a, b)
    except OSError:
        return False
    return os.path.realpath(a) == os.path.realpath(b)


def cleaned(value):
    """`value` (JSON-like: dicts, lists, strings) with every string passed through display()."""
    if isinstance(value, str):
        return display(value)
    if isinstance(value, dict):
        return {cleaned(k): cleaned(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [cleaned(v) for v in value]
    return value


def for_display(reports: list) -> list:
    """The reports as every format may render them: a report whose file name or cells hold undecodable
    bytes or control characters is rebuilt from its cleaned serialisation; the others are kept as they are."""
    from auditor.audit import DocumentReport

    shown = []
    for report in reports:
        data, fields = report.to_dict("id"), report.fields()
        safe, safe_fields = cleaned(data), cleaned(fields)
        if safe == data and safe_fields == fields:
            shown.append(report)
        else:
            shown.append(DocumentReport.from_dict(safe, safe_fields))
    return shown
