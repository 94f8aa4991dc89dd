"""One language (issue 12.6): every configuration error and waiver notice in Bahasa Indonesia and in English, each
wholly in its own language; the CLI shows the one asked for."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.audit import audit_file
from auditor.bilingual import Text
from auditor.cli import main
from auditor.config import ConfigError, load_config

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "lkjip-raas-2020.md"
# function words and the words these messages use, that only one of the two languages has
INDONESIAN = {"tidak", "harus", "dikenal", "yang", "dan", "atau", "lihat", "wajib", "bukan", "berupa", "isi", "berkas",
              "dibuka", "salah", "satu", "dari", "untuk", "aturan", "opsi", "bagian", "kolom", "baris", "pengecualian",
              "cocok", "dengan", "temuan", "mana", "pun", "periksa", "sah", "ada", "angka", "makna", "diisi"}
ENGLISH = {"unknown", "must", "cannot", "be", "read", "known", "see", "required", "are", "the", "not", "number",
           "one", "of", "a", "an", "for", "with", "matched", "no", "finding", "waiver", "is", "and", "or", "section",
           "meaning", "option", "tables"}
CONFIG_ERRORS = [  # (file name, contents, a word of the offending key or value the message must name)
    ("lkjip-audit.cfg", "[lkjip-audit]\ncolour = red\n", "colour"),
    ("lkjip-audit.cfg", "[lkjip-audit:rules:LKJ101]\nlower-is-worse = x\n", "lower-is-worse"),
    ("lkjip-audit.cfg", "[lkjip-audit:rules:LKJ999]\nseverity = error\n", "LKJ999"),
    ("lkjip-audit.cfg", "[lkjip-audit:rules:LKJ105]\nlimit = many\n", "many"),
    ("lkjip-audit.cfg", "[lkjip-audit:rules:LKJ501]\nmin-years = 2.5\n", "2.5"),
    ("lkjip-audit.cfg", "[lkjip-audit:rules:LKJ202]\ncap-at-100 = maybe\n", "cap-at-100"),
    ("lkjip-audit.cfg", "[lkjip-audit:rules:LKJ502]\nseverity = fatal\n", "fatal"),
    ("lkjip-audit.cfg", "[lkjip-audit:rules:LKJ103]\nformula = magic\n", "LKJ103.formula"),
    ("lkjip-audit.cfg", "[lkjip-audit]\nfail-on = never\n", "never"),
    ("lkjip-audit.cfg", "[lkjip-audit]\ntimeout = soon\n", "soon"),
    ("lkjip-audit.cfg", "[lkjip-audit]\nselect = LKJ1, XYZ\n", "XYZ"),
    ("lkjip-audit.cfg", "[lkjip-audit]\nignore = LKJ8\n", "LKJ8"),
    ("lkjip-audit.cfg", "[lkjip-audit:extra]\nx = 1\n", "lkjip-audit:extra"),
    ("lkjip-audit.cfg", "[lkjip-audit:headers]\nwarna = merah\n", "warna"),
    ("lkjip-audit.cfg", "[lkjip-audit\nselect = LKJ1\n", "lkjip-audit.cfg"),
    ("lkjip-audit.toml", "select = [\"LKJ1\"\n", "lkjip-audit.toml"),
    ("lkjip-audit.cfg", "[lkjip-audit]\nwaivers = missing.toml\n", "missing.toml"),
]
WAIVER_ERRORS = [
    ("waivers.toml", '[[waiver]]\nrule = "LKJ501"\n', "waivers.toml #1"),
    ("waivers.toml", '[[waiver]\nrule = "LKJ501"\n', "waivers.toml"),
    ("waivers.csv", "rule,file,subject,reason,owner\nLKJ501,*,*,ok,me\n", "owner"),
    ("waivers.txt", "LKJ501\n", "waivers.txt"),
]


def words(text: str, path: Path) -> set[str]:
    """The message's own words: without the file's path, quoted names, [sections] and what follows 'known:'."""
    text = text.replace(str(path), " ")
    text = re.sub(r"'[^']*'|\[[^\]]*\]", " ", text)
    text = re.split(r"known:|yang dikenal:", text)[0]
    return set(re.findall(r"[a-z]+", text.lower()))


def assert_one_language(text: Text, path: Path, named: str) -> None:
    assert text.id != text.en and named in text.id and named in text.en, text
    said_id, said_en = words(text.id, path), words(text.en, path)
    assert said_id & INDONESIAN and not said_id & ENGLISH, (text.id, said_id & ENGLISH)
    assert said_en & ENGLISH and not said_en & INDONESIAN, (text.en, said_en & INDONESIAN)


@pytest.mark.parametrize("name,contents,named", CONFIG_ERRORS)
def test_every_configuration_error_in_each_language(tmp_path, name, contents, named):
    path = tmp_path / name
    path.write_text(contents, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(str(path))
    assert_one_language(error.value.text, tmp_path, named)


@pytest.mark.parametrize("name,contents,named", WAIVER_ERRORS)
def test_every_waiver_file_error_in_each_language(tmp_path, name, contents, named):
    (tmp_path / name).write_text(contents, encoding="utf-8")
    config = tmp_path / "lkjip-audit.cfg"
    config.write_text(f"[lkjip-audit]\nwaivers = {name}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(str(config))
    assert_one_language(error.value.text, tmp_path, named)


def test_waiver_that_matched_nothing_is_noticed_in_each_language(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "raas.md")
    (tmp_path / "waivers.csv").write_text("rule;file;subject;reason\nLKJ502;*;I.99;sudah diperbaiki\n", encoding="utf-8")
    (tmp_path / "lkjip-audit.cfg").write_text("[lkjip-audit]\nwaivers = waivers.csv\n", encoding="utf-8")
    report = audit_file(str(tmp_path / "raas.md"), load_config(str(tmp_path / "lkjip-audit.cfg")))
    assert len(report.notices) == 1
    assert_one_language(report.notices[0], tmp_path, "waivers.csv #1")
    for lang, other in (("id", "en"), ("en", "id")):
        result = CliRunner().invoke(main, ["check", str(tmp_path / "raas.md"), "--lang", lang,
                                           "--config", str(tmp_path / "lkjip-audit.cfg")])
        assert report.notices[0][lang] in result.output and report.notices[0][other] not in result.output


@pytest.mark.parametrize("lang", ["id", "en"])
def test_cli_says_a_configuration_error_in_the_language_asked(tmp_path, lang):
    config = tmp_path / "lkjip-audit.cfg"
    config.write_text("[lkjip-audit:rules:LKJ105]\nlimit = many\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(str(config))
    result = CliRunner().invoke(main, ["check", str(SAMPLE), "--config", str(config), "--lang", lang])
    assert result.exit_code == 2 and result.output.strip() == error.value.text[lang]


def test_rule_catalogue_severity_words_in_indonesian():
    rows = CliRunner().invoke(main, ["rules", "--lang", "id"]).output.splitlines()
    assert rows[0].split()[:2] == ["Kode", "Tingkat"]
    assert {row.split()[1] for row in rows[2:]} == {"kesalahan", "peringatan", "info"}
    english = CliRunner().invoke(main, ["rules", "--lang", "en"]).output.splitlines()
    assert {row.split()[1] for row in english[2:]} == {"error", "warning", "info"}
