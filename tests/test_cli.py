"""The command line as a user meets it: exit codes, one-line errors, rules, explain, extract."""
from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
from click.testing import CliRunner

from auditor.cli import main

SAMPLE = os.path.join(os.path.dirname(__file__), "..", "samples", "lkjip-raas-2020.md")


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_clean_generated_report_exits_zero(tmp_path):
    import generator

    path = tmp_path / "bersih.md"
    path.write_text(generator.to_markdown(generator.generate(1)), encoding="utf-8")
    result = run("check", str(path), "--select", "LKJ1,LKJ2,LKJ4")
    assert result.exit_code == 0, result.output
    assert "0 kesalahan" in result.output


def test_unusable_inputs_give_one_line_and_exit_two(tmp_path):
    empty = tmp_path / "kosong.md"
    empty.write_text("")
    binary = tmp_path / "laporan.xls"
    binary.write_bytes(b"\x09\x08\x10\x00binary")
    no_table = tmp_path / "undangan.md"
    no_table.write_text("Undangan rapat koordinasi\n\n| No | Nama |\n|---|---|\n| 1 | Camat |\n")
    for path, expected in ((empty, "berkas kosong"), (binary, "jenis berkas tidak didukung"),
                           (no_table, "tidak ada tabel LKjIP yang dikenali (1 tabel terbaca)"),
                           (tmp_path / "tidak-ada.md", "berkas tidak ditemukan")):
        result = run("check", str(path))
        assert result.exit_code == 2
        assert expected in result.output
        assert "Traceback" not in result.output


def test_every_reader_shares_the_file_checks(tmp_path):
    for problem, make in (("berkas tidak ditemukan", lambda path: None),
                          ("berkas kosong (0 bita)", lambda path: path.write_bytes(b""))):
        outputs = set()
        for name in ("laporan.md", "laporan.pdf", "laporan.docx"):
            make(tmp_path / name)
            result = run("check", str(tmp_path / name))
            assert result.exit_code == 2 and problem in result.output
            outputs.add(result.output.replace(name, "laporan"))
        assert len(outputs) == 1


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    empty = tmp_path / "kosong.md"
    empty.write_text("")
    result = run("check", str(empty), SAMPLE, "--format", "json")
    assert result.exit_code == 2
    assert '"status": "ok"' in result.output and '"status": "error"' in result.output


def test_rules_and_explain():
    listing = run("rules", "--lang", "en")
    assert listing.exit_code == 0 and "LKJ201" in listing.output and "LKJ101" in listing.output
    explained = run("explain", "lkj101", "--lang", "en")
    assert explained.exit_code == 0 and "PASS:" in explained.output and "lower-is-better" in explained.output
    indonesian = run("explain", "lkj101").output
    assert "Pesan: " in indonesian and "LOLOS (contoh tanpa temuan):" in indonesian and "Opsi:" in indonesian
    assert "(kesalahan)" in indonesian.splitlines()[0] and "PASS:" not in indonesian
    unknown = run("explain", "LKJ999")
    assert unknown.exit_code == 2 and "tidak dikenal" in unknown.output


def test_start_up_loads_no_heavy_library():
    """--version, rules and explain need the command line and the rule registry only; pandas, numpy, openpyxl,
    pdfplumber and PDFium load with the command that uses them."""
    heavy = ("pandas", "numpy", "openpyxl", "pdfplumber", "pypdfium2")
    code = f"import auditor.cli, rules, sys; print(*(m for m in {heavy!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []


def test_extract_writes_tables_and_facts(tmp_path):
    workbook = tmp_path / "terbaca.xlsx"
    result = run("extract", SAMPLE, "-o", str(workbook))
    assert result.exit_code == 0, result.output
    sheets = pd.read_excel(workbook, sheet_name=None)
    assert {"tables", "facts"} <= set(sheets)
    assert any(name.endswith("III.E.1") for name in sheets)
    facts = sheets["facts"]
    musrenbang = facts[facts["entity"].str.contains("Musrenbangcam|Musrembangcam") & (facts["attribute"] == "realisasi")
                       & (facts["kind"] == "indikator")]
    assert sorted(set(musrenbang["number"].dropna())) == [67.0, 72.0]
    folder = tmp_path / "csv"
    assert run("extract", SAMPLE, "-o", str(folder)).exit_code == 0
    assert (folder / "facts.csv").exists() and (folder / "tables.csv").exists()


def test_every_not_checkable_reason_has_an_indonesian_label():
    import re
    from pathlib import Path

    root = Path(__file__).parent.parent
    sources = "".join(p.read_text(encoding="utf-8") for p in [*root.glob("rules/*.py"), *root.glob("auditor/*.py")])
    reasons = re.findall(r'NotCheckable\(Text\(\s*f?"([^"]+)",\s*f?"([^"]+)"\)\)', sources)
    assert len(reasons) == sources.count("yield NotCheckable(") > 20
    assert all(id_text != en for id_text, en in reasons), [en for id_text, en in reasons if id_text == en]
