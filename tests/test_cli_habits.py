"""CLI habits of ruff and yamllint users (issue 12.7): unknown codes, --ignore LKJ, --statistics, --quiet, stdin,
colour, config beside the report, a TOML [lkjip-audit] table, JSON with version and effective config."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from auditor.audit import audit_file
from auditor.cli import main
from auditor.config import Config, load_config
from auditor.formats import FORMATS, Options
from generator import generate, to_markdown

SAMPLE = "samples/lkjip-raas-2020.md"


def run(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def test_unknown_rule_codes_are_a_usage_error_in_one_line():
    for option in ("--select", "--ignore"):
        result = run("check", SAMPLE, option, "LKJ1,XYZ")
        assert result.exit_code == 2 and result.output.strip().splitlines() == [
            f"{option}: kode aturan tidak dikenal: XYZ; lihat 'lkjip-audit rules'."]
    assert "unknown rule code(s): XYZ" in run("check", SAMPLE, "--select", "xyz", "--lang", "en").output


def test_ignore_lkj_ignores_everything_and_codes_are_case_insensitive():
    result = run("check", SAMPLE, "--ignore", "LKJ")
    assert result.exit_code == 0 and "Tidak ada temuan." in result.output
    assert run("check", SAMPLE, "--select", "lkj201", "--format", "json").exit_code == 1


def test_statistics_count_findings_per_rule():
    result = run("check", SAMPLE, "--statistics", "--select", "LKJ2")
    lines = result.output.strip().splitlines()[-2:]
    assert lines == ["    2  LKJ201  Angka yang sama berbeda antar tabel",
                     "    2  LKJ202  Capaian di tabel efisiensi berbeda dengan capaian kegiatan"]


def test_quiet_prints_nothing_for_a_clean_file_and_only_findings_otherwise(tmp_path):
    clean = tmp_path / "bersih.md"
    clean.write_text(to_markdown(generate(3)), encoding="utf-8")
    result = run("check", str(clean), "-q", "--select", "LKJ2")
    assert result.exit_code == 0 and result.output == ""
    noisy = run("check", SAMPLE, "-q", "--select", "LKJ2").output
    assert "LKJ201" in noisy and "Cakupan" not in noisy and "Catatan:" not in noisy


def test_dash_reads_the_report_from_stdin():
    data = Path(SAMPLE).read_bytes()
    result = run("check", "-", "--format", "json", stdin=data)
    assert result.exit_code == 1
    document = json.loads(result.output)["documents"][0]
    assert document["path"] == "-" and document["meta"]["instansi"] == "Kecamatan Raas"
    pdf = run("check", "-", "--select", "LKJ2", stdin=Path("samples/lkjip-raas-2020.pdf").read_bytes())
    assert pdf.exit_code == 1 and "LKJ201" in pdf.output
    assert run("check", "-", stdin=b"").exit_code == 2


def test_colour_only_when_asked_for_by_a_terminal(monkeypatch):
    report = audit_file(SAMPLE, Config(select=["LKJ2"]))
    coloured = FORMATS["text"].render([report], "id", Options(color=True))
    assert "\x1b[31m\x1b[1mKESALAHAN (4)" in coloured
    assert "\x1b[" not in run("check", SAMPLE).output  # CliRunner is not a terminal
    from auditor.cli import colour_wanted

    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not colour_wanted(None)


def test_config_is_found_from_the_reports_folder_and_as_a_toml_table(tmp_path, monkeypatch):
    folder = tmp_path / "kecamatan" / "raas"
    folder.mkdir(parents=True)
    shutil.copy(SAMPLE, folder / "laporan.md")
    (tmp_path / "kecamatan" / "lkjip-audit.toml").write_text('[lkjip-audit]\nselect = ["LKJ202"]\n', encoding="utf-8")
    elsewhere = tmp_path / "lain"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run("check", str(folder / "laporan.md"), "--format", "json")
    document = json.loads(result.output)
    assert {f["rule"] for f in document["documents"][0]["findings"]} == {"LKJ202"}
    assert document["config"]["source"] == str(tmp_path / "kecamatan" / "lkjip-audit.toml")
    (elsewhere / "pyproject.toml").write_text('[tool.lkjip-audit]\nignore = ["LKJ5"]\n', encoding="utf-8")
    assert load_config().ignore == ["LKJ5"]


def test_json_adds_version_and_effective_config_at_the_top_level_only():
    result = run("check", SAMPLE, "--format", "json", "--select", "LKJ1,LKJ2", "--ignore", "LKJ105")
    data = json.loads(result.output)
    assert list(data) == ["tool", "version", "config", "documents"]
    assert data["tool"] == "lkjip-audit" and data["version"]
    assert data["config"]["select"] == ["LKJ1", "LKJ2"] and "LKJ105" not in data["config"]["rules"]
    assert "LKJ101" in data["config"]["options"] and "LKJ105" not in data["config"]["options"]
    report = audit_file(SAMPLE, Config(select=["LKJ1", "LKJ2"], ignore=["LKJ105"]))
    assert data["documents"] == json.loads(FORMATS["json"].render([report], "id"))["documents"]


def test_a_pdf_on_a_terminal_shows_a_progress_bar(monkeypatch, capsys):
    import sys

    from auditor import cli

    class Terminal:
        def isatty(self) -> bool:
            return True

        def write(self, text: str) -> int:
            shown.append(text)
            return len(text)

        def flush(self) -> None:
            pass

    shown: list[str] = []
    monkeypatch.setattr(sys, "stderr", Terminal())
    report = cli.audited_with_progress("samples/lkjip-raas-2020.pdf", Config(select=["LKJ2"]), None, False, "id", False)
    assert report.status == "ok" and any("batas waktu" in text for text in shown)
    shown.clear()
    cli.audited_with_progress(SAMPLE, Config(select=["LKJ2"]), None, False, "id", False)
    assert shown == []  # markdown is quick: no bar
