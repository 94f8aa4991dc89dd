"""Accepted findings: a waiver file (TOML or CSV: rule, file glob, subject, reason) sets findings aside as waived."""
from __future__ import annotations

import csv
import fnmatch
import io
import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from auditor.bilingual import Text
from auditor.errors import unreadable
from auditor.facts import same_entity, split_qualifier
from auditor.ruleapi import Finding

FIELDS = ("rule", "file", "subject", "reason")
ENTITY_THRESHOLD = 88.0  # the default match-threshold of the fact store


class WaiverError(Exception):
    """A waiver file the tool cannot use; `text` says which file and entry, in either language."""

    def __init__(self, text: Text):
        super().__init__(text.en)
        self.text = text


@dataclass(frozen=True)
class Waiver:
    rule: str  # a rule code or a code prefix ("LKJ5")
    file: str  # a glob matched against the audited path and its file name; "*" for every file
    subject: str  # a glob matched against the finding's subject, case-insensitively; "*" or "" for any
    reason: str
    origin: str  # "waivers.toml entry 3", to say where an unused waiver is written

    def covers_file(self, path: str) -> bool:
        """The glob against the path and the file name, case-insensitively (Windows offices rename freely)."""
        path = path.replace(os.sep, "/").lower()
        pattern = self.file.replace("\\", "/").lower()
        return any(fnmatch.fnmatchcase(candidate, pattern) for candidate in (path, os.path.basename(path)))

    def covers(self, finding: Finding, path: str) -> bool:
        return (finding.rule.startswith(self.rule.upper()) and self.covers_file(path)
                and self.covers_subject(finding.subject))

    def covers_subject(self, subject: str) -> bool:
        """A glob matches as a glob; a plain name matches the way findings match entities (Musrembangcam is
        Musrenbangcam, numbering and case aside)."""
        wanted = self.subject.strip().lower() or "*"
        if any(c in wanted for c in "*?["):
            return fnmatch.fnmatchcase(subject.strip().lower(), wanted)
        return same_entity(split_qualifier(wanted), split_qualifier(subject), ENTITY_THRESHOLD)


@dataclass(frozen=True)
class Waived:
    finding: Finding
    waiver: Waiver

    def to_dict(self, lang: str = "id") -> dict:
        return {**self.finding.to_dict(lang), "reason": self.waiver.reason, "waiver": self.waiver.origin}


def load_waivers(path: str) -> tuple[Waiver, ...]:
    try:
        return _load(os.path.abspath(path), os.path.getmtime(path))
    except OSError as error:
        raise WaiverError(unreadable(path, error)) from None


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> tuple[Waiver, ...]:  # mtime in the key: an edited file is read again
    name = os.path.basename(path)
    if path.endswith(".toml"):
        try:
            with open(path, "rb") as handle:
                entries = tomllib.load(handle).get("waiver", [])
        except tomllib.TOMLDecodeError as error:
            raise WaiverError(unreadable(path, error)) from None
    elif path.endswith(".csv"):
        entries = _csv_entries(path)
    else:
        raise WaiverError(Text(f"{path}: berkas pengecualian harus .toml (tabel [[waiver]]) atau .csv "
                               f"(kolom {', '.join(FIELDS)}).",
                               f"{path}: a waiver file is .toml ([[waiver]] tables) or .csv ({', '.join(FIELDS)})"))
    return tuple(_waiver(entry, f"{name} #{number}", path) for number, entry in enumerate(entries, start=1))


def _csv_entries(path: str) -> list[dict]:
    """Rows of a waiver CSV as written by hand or saved by Excel: UTF-8 with or without a BOM (else the Windows
    code page), ',' or ';' between fields, headers in any case."""
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    header = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [{(key or "").strip().lower(): value for key, value in row.items()} for row in rows
            if any((value or "").strip() for value in row.values() if isinstance(value, str))]


def _waiver(entry: dict, origin: str, path: str) -> Waiver:
    unknown = set(entry) - set(FIELDS)
    if unknown:
        raise WaiverError(Text(f"{path}: {origin}: kolom tidak dikenal: {', '.join(sorted(unknown))}; yang dikenal: "
                               f"{', '.join(FIELDS)}.",
                               f"{path}: {origin}: unknown field(s) {', '.join(sorted(unknown))}; known: {', '.join(FIELDS)}"))
    values = {key: str(entry.get(key) or "").strip() for key in FIELDS}
    if not values["rule"] or not values["reason"]:
        raise WaiverError(Text(f"{path}: {origin}: 'rule' dan 'reason' wajib diisi.",
                               f"{path}: {origin}: 'rule' and 'reason' are required"))
    return Waiver(values["rule"], values["file"] or "*", values["subject"], values["reason"], origin)


def apply_waivers(findings: list[Finding], path: str, waivers: tuple[Waiver, ...]
                  ) -> tuple[list[Finding], list[Waived], list[Text]]:
    """Findings still standing, the waived ones with their waiver, and a notice per waiver for this
    file that waived nothing (the report changed, or the waiver is mistyped)."""
    kept, waived, used = [], [], set()
    for finding in findings:
        waiver = next((w for w in waivers if w.covers(finding, path)), None)
        if waiver is None:
            kept.append(finding)
        else:
            waived.append(Waived(finding, waiver))
            used.add(waiver)
    notices = [Text(f"pengecualian {w.origin} ({w.rule}, {w.subject or '*'}) tidak cocok dengan temuan mana pun",
                    f"waiver {w.origin} ({w.rule}, {w.subject or '*'}) matched no finding")
               for w in waivers if w.covers_file(path) and w not in used]
    return kept, waived, notices
