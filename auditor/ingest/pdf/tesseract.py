"""Tesseract over many small images in one run: the images are listed in a file, which Tesseract reads as
the pages of one input, so its models load once per batch instead of once per cell."""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass

from auditor.errors import InputError


@dataclass
class TextRead:
    """A line (or with `words`, a word) as Tesseract read it, in the pixels of its image."""

    text: str
    confidence: float  # Tesseract's 0-100, the lowest of the line's words
    left: int
    top: int
    right: int
    bottom: int
    line_height: int


def tesseract(images: list, workdir: str, tag: str, *, language: str, psm: int, whitelist: str | None = None,
              words: bool = False) -> list[list[TextRead]]:
    """Each image's lines (or words) in reading order; one Tesseract process for all of them, on one core
    (pages are read in parallel instead). Runs in the caller's process group, so a timeout kills it."""
    if not images:
        return []
    if shutil.which("tesseract") is None:
        raise InputError("tesseract", "Tesseract tidak terpasang; pasang dengan `apt-get install tesseract-ocr "
                                      "tesseract-ocr-ind`.",
                         "Tesseract is not installed; install it with `apt-get install tesseract-ocr "
                         "tesseract-ocr-ind`.")
    names = []
    for index, image in enumerate(images):
        names.append(os.path.join(workdir, f"{tag}-{index}.png"))
        image.save(names[-1])
    listing = os.path.join(workdir, f"{tag}.txt")
    with open(listing, "w", encoding="utf-8") as handle:
        handle.write("\n".join(names) + "\n")
    command = ["tesseract", listing, "stdout", "-l", language, "--psm", str(psm)]
    if whitelist:
        command += ["-c", f"tessedit_char_whitelist={whitelist}"]
    result = subprocess.run(command + ["tsv"], capture_output=True, text=True,
                            env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    for name in names + [listing]:
        os.remove(name)
    if result.returncode != 0:
        reason = (result.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise InputError("tesseract", f"OCR gagal ({reason}); periksa berkasnya atau jalankan tanpa --ocr.",
                         f"OCR failed ({reason}); check the file or run without --ocr.")
    return _parsed(result.stdout, len(images), words)


def _parsed(tsv: str, count: int, words: bool) -> list[list[TextRead]]:
    found: list[dict[tuple, list[TextRead]]] = [{} for _ in range(count)]
    heights: dict[tuple, int] = {}
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) < 12:
            continue
        level, page = int(fields[0]), int(fields[1]) - 1
        key = (page, int(fields[2]), int(fields[3]), int(fields[4]))
        left, top, width, height = (int(v) for v in fields[6:10])
        if level == 4:
            heights[key] = height
        if level != 5 or not fields[11].strip() or not 0 <= page < count:
            continue
        found[page].setdefault(key, []).append(TextRead(fields[11].strip(), float(fields[10]), left, top,
                                                        left + width, top + height, heights.get(key, height)))
    result = []
    for lines in found:
        if words:
            result.append([word for line in lines.values() for word in line])
            continue
        result.append([TextRead(" ".join(w.text for w in line), min(w.confidence for w in line),
                                min(w.left for w in line), min(w.top for w in line), max(w.right for w in line),
                                max(w.bottom for w in line), line[0].line_height)
                       for line in lines.values()])
    return result
