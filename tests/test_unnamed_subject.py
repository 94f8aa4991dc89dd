"""A finding never names nothing: a damaged file can blank an entity's name, and the finding then names
where the figure stands."""
from __future__ import annotations

from auditor.ruleapi import Location, Problem
from helpers import audit_markdown
from rules import RULES

REPORT = """Tabel III.G.1 Realisasi Anggaran

| NO | PROGRAM/KEGIATAN | PAGU ANGGARAN | REALISASI ANGGARAN | PENYERAPAN ANGGARAN |
|---|---|---|---|---|
| 1 | Program Pelayanan Administrasi Perkantoran | 10.000.000 | 5.000.000 | 50% |
"""


def test_a_finding_whose_entity_has_no_name_names_its_place(monkeypatch):
    def blank(document, options):  # as LKJ102 reported on a PDF whose changed bytes blanked row and table
        yield Problem("", "penyerapan", ("20,066",), None,
                      (Location(page=7, column="PENYERAPAN ANGGARAN", text="20,066%"),))

    monkeypatch.setattr(RULES["LKJ102"], "check", blank)
    findings = [f for f in audit_markdown(REPORT)[1].findings if f.rule == "LKJ102"]
    assert [(f.subject, f.locations[0].page) for f in findings] == [("PENYERAPAN ANGGARAN", 7)]
