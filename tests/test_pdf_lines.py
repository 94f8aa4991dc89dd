"""Wrapped PDF lines joined back into the text the markdown has."""
from __future__ import annotations

import pytest

from auditor.ingest.pdf.layout import Block, Cell, Line


def _lines(*texts: str) -> list[Line]:
    """A text ending in a space is a line printed with the space of its wrap (LibreOffice, Word)."""
    return [Line(text.rstrip(), 50, 100 + 12 * i, 200, 110 + 12 * i, 10, False, text.endswith(" "), 30)
            for i, text in enumerate(texts)]


@pytest.mark.parametrize("texts, joined", [
    # a browser breaks after a slash glued to its words; no space was printed there
    (("Pemeliharaan rutin/berkala gedung kantor/", "rumah dinas"),
     "Pemeliharaan rutin/berkala gedung kantor/rumah dinas"),
    (("Pengadaan peralatan anti-", "korupsi"), "Pengadaan peralatan anti-korupsi"),
    # a slash printed with spaces around it keeps them, as does one whose wrap printed its space
    (("TUJUAN/ ", "SASARAN/ ", "PROGRAM"), "TUJUAN/ SASARAN/ PROGRAM"),
    (("Pemeliharaan Rutin /", "Berkala Gedung Kantor"), "Pemeliharaan Rutin / Berkala Gedung Kantor"),
    (("Rutin", "/ Berkala"), "Rutin / Berkala"),
    # a numbering code broken after its dot, and an ordinary break
    (("I.", "1.1.2 Program"), "I.1.1.2 Program"),
    (("jumlah pegawai", "17 orang"), "jumlah pegawai 17 orang"),
])
def test_wrapped_lines_join_as_printed_in_text_and_cells(texts, joined):
    lines = _lines(*texts)
    assert Block(1, 100, lines).text == joined
    assert Cell(lines, 200, (50, 100, 200, 140), (50, 700, 200, 660)).text == joined
