"""Configuration: select/ignore prefixes, severity and option overrides, file discovery, waivers, `explain`."""
from __future__ import annotations

import json
import os
import shutil

import pytest
from click.testing import CliRunner

from auditor.audit import DocumentReport, audit_file
from auditor.bilingual import Text
from auditor.cli import main
from auditor.config import Config, ConfigError, load_config
from auditor.document import load
from auditor.engine import run_rules
from rules import RULES, rationale

SAMPLE = os.path.join(os.path.dirname(__file__), "..", "samples", "lkjip-raas-2020.md")
FAST = "select = LKJ1, LKJ2, LKJ4, LKJ5\n"  # the narrative rules are not what these tests are about


@pytest.fixture(scope="module")
def sample_document():
    return load(SAMPLE, Config())


def audited(document, config: Config) -> list:
    return run_rules(document, config).findings


def write(directory, name: str, text: str) -> str:
    path = os.path.join(directory, name)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


@pytest.mark.parametrize("select,ignore,code,enabled", [
    (["LKJ"], [], "LKJ502", True),
    (["LKJ"], ["LKJ5"], "LKJ502", False),
    (["LKJ", "LKJ502"], ["LKJ5"], "LKJ502", True),  # the longer prefix wins
    (["LKJ", "LKJ502"], ["LKJ5"], "LKJ501", False),
    (["LKJ50"], ["LKJ50"], "LKJ503", False),  # a tie goes to ignore
    (["LKJ"], ["LKJ"], "LKJ101", False),  # --ignore LKJ ignores everything
    (["LKJ1"], [], "LKJ502", False),
])
def test_longest_prefix_wins(select, ignore, code, enabled):
    assert Config(select=select, ignore=ignore).enabled(code) is enabled


def test_severity_and_option_overrides(tmp_path, sample_document):
    path = write(tmp_path, "lkjip-audit.cfg", "[lkjip-audit]\n" + FAST +
                 "[lkjip-audit:rules:LKJ502]\nseverity = error\n[lkjip-audit:rules:LKJ105]\nlimit = 300\n")
    config = load_config(path)
    assert config.severity == {"LKJ502": "error"} and config.options["LKJ105"] == {"limit": 300.0}
    findings = audited(sample_document, config)
    assert {f.severity for f in findings if f.rule == "LKJ502"} == {"error"}
    assert not any(f.rule == "LKJ105" for f in findings)  # 257% is under a 300% limit
    assert any(f.rule == "LKJ105" for f in audited(sample_document, Config(select=["LKJ105"])))


@pytest.mark.parametrize("text,complaint", [
    ("[lkjip-audit]\ncolour = red\n", "unknown option(s) colour"),
    ("[lkjip-audit:rules:LKJ101]\nlower-is-worse = x\n", "unknown option 'lower-is-worse' for LKJ101"),
    ("[lkjip-audit:rules:LKJ999]\nseverity = error\n", "unknown rule LKJ999"),
    ("[lkjip-audit:rules:LKJ105]\nlimit = many\n", "LKJ105.limit must be a number"),
    ("[lkjip-audit:rules:LKJ502]\nseverity = fatal\n", "must be one of error, warning, info"),
    ("[lkjip-audit]\nwaivers = missing.toml\n", "missing.toml: cannot be read"),
    ("[lkjip-audit]\nselect = LKJ1, XYZ\n", "select: unknown rule code(s) XYZ"),
    ("[lkjip-audit]\nignore = LKJ8\n", "ignore: unknown rule code(s) LKJ8"),
])
def test_unusable_configuration_is_rejected(tmp_path, text, complaint):
    path = write(tmp_path, "lkjip-audit.cfg", text)
    with pytest.raises(ConfigError, match="lkjip-audit.cfg|missing.toml") as error:
        load_config(path)
    assert complaint in str(error.value)


def test_toml_found_from_a_subfolder(tmp_path, monkeypatch):
    write(tmp_path, "lkjip-audit.toml", 'select = ["LKJ5"]\nignore = ["LKJ503"]\nfail-on = "warning"\n\n'
                                        '[rules.LKJ105]\nlimit = 200\nreasons = ["karena"]\n')
    (tmp_path / "laporan" / "2020").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "laporan" / "2020")
    config = load_config()
    assert config.source == str(tmp_path / "lkjip-audit.toml")
    assert [rule.ID for rule in config.rules()] == ["LKJ501", "LKJ502"]
    assert config.fail_on == "warning"
    assert config.options_for(RULES["LKJ105"]) == {"limit": 200.0, "reasons": ["karena"]}


def test_setup_cfg_sections_are_found(tmp_path, monkeypatch):
    write(tmp_path, "setup.cfg", "[metadata]\nname = laporan\n\n[lkjip-audit]\nignore = LKJ5\n\n"
                                 "[lkjip-audit:rules:LKJ101]\nlower-is-better = ^angka kematian, ^persentase balita gizi buruk\n"
                                 "severity = warning\n")
    monkeypatch.chdir(tmp_path)
    config = load_config()
    assert config.source == str(tmp_path / "setup.cfg")
    assert not config.enabled("LKJ501") and config.enabled("LKJ101")
    assert config.options["LKJ101"] == {"lower_is_better": ["^angka kematian", "^persentase balita gizi buruk"]}
    assert config.severity["LKJ101"] == "warning"
    # one shared option: LKJ104 judges the same indikator as lower-is-better as LKJ101 does
    assert config.options_for(RULES["LKJ104"]) == {"lower_is_better": ["^angka kematian", "^persentase balita gizi buruk"]}
    assert config.options_for(RULES["LKJ105"]) == RULES["LKJ105"].DEFAULT


def test_setup_cfg_without_our_section_is_skipped(tmp_path, monkeypatch):
    write(tmp_path, "setup.cfg", "[metadata]\nname = laporan\n")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert load_config().source != str(tmp_path / "setup.cfg")


# ---------------------------------------------------------------- waivers

WAIVERS_TOML = """
[[waiver]]
rule = "LKJ501"
file = "lkjip-raas-*.md"
subject = "Tabel III.B.*"
reason = "Data tiga tahun terakhir belum tersedia; disalin dari Renstra"

[[waiver]]
rule = "LKJ105"
file = "lkjip-raas-2020.md"
subject = "penyediaan jasa surat menyurat"
reason = "Surat undangan Pilkada 2020"

[[waiver]]
rule = "LKJ502"
file = "lkjip-raas-2020.md"
subject = "I.99"
reason = "typo in the waiver: matches nothing"

[[waiver]]
rule = "LKJ502"
file = "other-*.md"
reason = "for another report: not reported as unused here"
"""


@pytest.fixture
def project(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "lkjip-raas-2020.md")
    return tmp_path


def test_toml_waivers(project):
    write(project, "waivers.toml", WAIVERS_TOML)
    config = load_config(write(project, "lkjip-audit.cfg", "[lkjip-audit]\n" + FAST + "waivers = waivers.toml\n"))
    report = audit_file(str(project / "lkjip-raas-2020.md"), config)
    assert sorted((w.finding.rule, w.finding.subject) for w in report.waived) == [
        ("LKJ105", "Penyediaan jasa surat menyurat"), ("LKJ501", "Tabel III.B.1"), ("LKJ501", "Tabel III.B.2")]
    assert not any(f.rule in ("LKJ105", "LKJ501") for f in report.findings)
    assert [f.subject for f in report.findings if f.rule == "LKJ502"] == [
        "I.11", "Pembangunan Gedung Kantor (Pembangunan Plank Nama Kantor)"]
    assert list(report.notices) == [Text("pengecualian waivers.toml #3 (LKJ502, I.99) tidak cocok dengan temuan mana pun",
                                         "waiver waivers.toml #3 (LKJ502, I.99) matched no finding")]
    waived = report.to_dict("en")["waived"]
    assert waived[0]["reason"] and waived[0]["waiver"].startswith("waivers.toml #") and waived[0]["message"]
    stored = DocumentReport.from_dict(report.to_dict("en"))  # as batch --resume rebuilds it
    assert DocumentReport.from_dict(report.to_dict("en"), report.fields()).notices == report.notices
    assert [(w.finding.rule, w.waiver.reason) for w in stored.waived] == [
        (w.finding.rule, w.waiver.reason) for w in report.waived]


def test_csv_waivers_change_the_exit_code(project, monkeypatch):
    write(project, "waivers.csv", "rule,file,subject,reason\nLKJ2,*,*,Diterima oleh Inspektorat\n"
                                  "LKJ5,*,,Format tabel warisan\nLKJ105,*,*,Surat undangan Pilkada\n")
    write(project, "setup.cfg", "[lkjip-audit]\n" + FAST + "waivers = waivers.csv\nfail-on = warning\n")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["check", "lkjip-raas-2020.md", "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)["documents"][0]
    assert document["findings"] == []
    assert {w["rule"] for w in document["waived"]} == {"LKJ201", "LKJ202", "LKJ105", "LKJ501", "LKJ502"}


@pytest.mark.parametrize("name,text,complaint", [
    ("waivers.toml", '[[waiver]]\nrule = "LKJ501"\n', "'rule' and 'reason' are required"),
    ("waivers.csv", "rule,file,subject,reason,owner\nLKJ501,*,*,ok,me\n", "unknown field(s) owner"),
    ("waivers.txt", "LKJ501\n", "a waiver file is .toml"),
])
def test_broken_waiver_file_is_a_configuration_error(tmp_path, name, text, complaint):
    write(tmp_path, name, text)
    with pytest.raises(ConfigError) as error:
        load_config(write(tmp_path, "lkjip-audit.cfg", f"[lkjip-audit]\nwaivers = {name}\n"))
    assert complaint in str(error.value)


# ---------------------------------------------------------------- explain

def test_explain_prints_documentation_examples_and_options():
    result = CliRunner().invoke(main, ["explain", "lkj105", "--lang", "en"])
    assert result.exit_code == 0
    assert result.output.startswith("LKJ105 — Capaian above 150% without explanation (warning)")
    assert "PASS:" in result.output and "FAIL:" in result.output
    assert "limit = 150.0" in result.output and "reasons = [" in result.output


def test_explain_prints_the_rationale_in_the_chosen_language():
    indonesian = CliRunner().invoke(main, ["explain", "LKJ608", "--lang", "id"]).output
    assert indonesian.startswith(
        "LKJ608 — Berkas identik dengan berkas lain dalam batch (peringatan)\n\n"
        "Dua berkas dalam satu batch identik bita demi bita: satu kantor mungkin mengirim laporan kantor lain.\n\n"
        "Temuan batch: `lkjip-audit batch` memeriksa isinya sekali dan menyebut kedua berkas; berkas kedua (menurut\n"
        "urutan path berkas) memuat temuan ini dengan nama berkas pertama. Pemeriksaan satu dokumen saja tidak\n"
        "pernah memunculkannya.\n\n"
        "Pesan: Berkas ini identik dengan {other}")
    english = CliRunner().invoke(main, ["explain", "LKJ608", "--lang", "en"]).output
    assert english.startswith("LKJ608 — File identical to another file in the batch (warning)\n\n"
                              "LKJ608 — two files of one batch have identical bytes: one office may have sent "
                              "another's report.\n\nA batch finding: ")
    for code, rule in RULES.items():
        text = rationale(rule)
        shown = {lang: CliRunner().invoke(main, ["explain", code, "--lang", lang]).output for lang in ("id", "en")}
        assert text.id in shown["id"] and text.en not in shown["id"] and "BAHASA INDONESIA" not in shown["id"], code
        assert text.en in shown["en"] and text.id not in shown["en"] and "BAHASA INDONESIA" not in shown["en"], code


def test_explain_shows_the_notes_standing_for_examples_in_the_chosen_language():
    """LKJ901's FAIL example is a scanned page, which markdown cannot carry: a note says so in each language."""
    indonesian = CliRunner().invoke(main, ["explain", "LKJ901", "--lang", "id"]).output
    english = CliRunner().invoke(main, ["explain", "LKJ901", "--lang", "en"]).output
    assert indonesian.endswith("TEMUAN (contoh):\n    (PDF yang halaman 23-nya hasil pindai; markdown tidak berhalaman, "
                               "jadi contoh ini tidak dapat ditulis\n    sebagai teks)\n")
    assert english.endswith("FAIL:\n    (a PDF whose page 23 is a scan; markdown has no pages, so this example "
                            "cannot fail as text)\n")
    assert "(en:" not in indonesian and "(id:" not in english


def test_explain_unknown_code_is_a_usage_error():
    result = CliRunner().invoke(main, ["explain", "LKJ999"])
    assert result.exit_code == 2 and "LKJ999" in result.output
