"""Narrative facts and the 3xx rules: the sample's exact findings, silence on clean reports, one finding per injection."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from auditor.config import Config
from auditor.document import normalise
from auditor.engine import run_rules
from auditor.ingest.markdown import read_markdown
from auditor.narrative import figures
from auditor.terbilang import from_terbilang, terbilang
from generator import generate, to_markdown
import narrative_injections
from injections import INJECTIONS, from_module

SAMPLE = Path(__file__).parent.parent / "samples" / "lkjip-raas-2020.md"
TEMPLATES = ("sumenep", "alt")
SEEDS = range(10)


ONLY_NARRATIVE_RULES = Config(select=["LKJ3"])


def audit_markdown(text: str, path: str = "generated.md"):
    """Only the 3xx rules: the other families have their own tests, and this keeps the file fast."""
    document = normalise(read_markdown(path, text), ONLY_NARRATIVE_RULES)
    return document, run_rules(document, ONLY_NARRATIVE_RULES)


def narrative_findings(result) -> list:
    return [f for f in result.findings if f.rule.startswith("LKJ3")]


@pytest.fixture(scope="module")
def sample():
    return audit_markdown(SAMPLE.read_text(encoding="utf-8"), path=str(SAMPLE))


def test_sample_findings_exactly(sample):
    _, result = sample
    found = {(f.rule, f.subject, f.attribute, tuple(float(v) for v in f.values)) for f in narrative_findings(result)}
    assert found == {
        ("LKJ301", "Penyediaan jasa surat menyurat", "realisasi/target", (0.0, 1287.0, 1287.0, 500.0)),
        ("LKJ301", "Rapat-rapat koordinasi dan konsultasi", "capaian", (92.0, 89.0)),
        ("LKJ301", "Pemberdayan dan pembinaan masyarakat desa (Sosialisasi Penundaan Usia Perkawinan)",
         "realisasi/target", (2.0, 2.0, 1.0, 1.0)),
        ("LKJ304", "Program Peningkatan Kapasitas Sumber Daya Aparatur", "program", (3.0, 2.0)),
        ("LKJ305", "Persentase Kelompok Masyarakat Desa yang dapat diberdayakan", "capaian", (0.0, 100.0)),
    }


def test_sample_locations_name_the_sentence_and_the_cell(sample):
    _, result = sample
    rapat = next(f for f in result.findings if f.rule == "LKJ301" and f.subject.startswith("Rapat-rapat"))
    sentence, cell = rapat.locations
    assert sentence.table is None and sentence.line == 933 and "Capaian sebesar 92%" in sentence.text
    assert cell.table == "Tabel III.F.1" and cell.column == "CAPAIAN" and cell.text == "89%"
    surat = next(f for f in result.findings if f.rule == "LKJ301" and f.subject.startswith("Penyediaan jasa surat"))
    assert "Terealisasi 000 surat Atas target 1.287 surat" in surat.locations[0].text


def test_sample_severity_and_undecidable_average(sample):
    _, result = sample
    assert next(f for f in result.findings if f.rule == "LKJ304").severity == "warning"
    assert result.coverage.to_dict()["not_checkable_reasons"]["rata-rata capaian: basis ambiguous"] == 1


def test_aksi_sum_to_their_kegiatan(sample):
    document, _ = sample
    facts = document.facts
    aksi = facts[(facts["role"] == "narrative") & (facts["kind"] == "aksi") & (facts["attribute"] == "realisasi")]
    rapat = aksi[aksi["parent"] == "Rapat-rapat koordinasi dan konsultasi"]
    assert sorted(int(n) for n in rapat["number"]) == [2, 71]
    table_id = facts[(facts["role"] == "realisasi_tree") & (facts["entity"] == "Rapat-rapat koordinasi dan konsultasi")]
    assert set(rapat["entity_id"]) == set(table_id["entity_id"])


def test_narrative_shares_entity_ids_with_tables(sample):
    document, _ = sample
    facts = document.facts
    told = facts[(facts["role"] == "narrative") & facts["entity"].str.contains("Musrembangcam")]
    tree = facts[(facts["role"] == "realisasi_tree") & facts["entity"].str.contains("Musrenbangcam disetujui")]
    assert set(told["entity_id"]) == set(tree["entity_id"])


@pytest.mark.parametrize("text, expected", [
    ("Dengan indikator X, dan target 80%, terealisasi 67%, atau tercapai 84%",
     {"target": "80", "realisasi": "67", "capaian": "84"}),
    ("Dengan indikator X,, dan target 2 kegiatan, tidak terealisasi, atau tercapai 0%.",
     {"target": "2", "realisasi": None, "capaian": "0"}),
    ("Capaian sebesar 100% dengan indikator X, teralisasi 79% atas target 79%",
     {"capaian": "100", "realisasi": "79", "target": "79"}),
    ("Terealisasi 07 kali rapat Atas target 12 kali rapat.", {"realisasi": "7", "target": "12"}),
    ("dan target 100%, terealisasinya 100%, atau capaian sebesar 100%.",
     {"target": "100", "realisasi": "100", "capaian": "100"}),
])
def test_sentence_variants(text, expected):
    stated = figures(text)
    assert {a: (str(int(v.number)) if v.number is not None else None) for a, v in stated.items()} == expected


@pytest.mark.parametrize("number, words", [
    (0, "nol"), (11, "sebelas"), (17, "tujuh belas"), (100, "seratus"), (115, "seratus lima belas"),
    (1000, "seribu"), (1287, "seribu dua ratus delapan puluh tujuh"), (1_000_000, "satu juta"),
    (2_500_000_000, "dua miliar lima ratus juta"), (455_365_200, "empat ratus lima puluh lima juta tiga ratus "
                                                                "enam puluh lima ribu dua ratus"),
])
def test_terbilang_both_directions(number, words):
    assert terbilang(number) == words
    assert from_terbilang(words) == number


def test_terbilang_refuses_malformed_words():
    assert from_terbilang("sepuluh satu") is None
    assert from_terbilang("satu ratus") is None
    assert from_terbilang("Masyarakat") is None


@pytest.mark.parametrize("template", TEMPLATES)
def test_clean_reports_have_no_narrative_findings(template):
    for seed in SEEDS:
        _, result = audit_markdown(to_markdown(generate(seed, template=template)))
        assert narrative_findings(result) == [], (template, seed)
        assert result.coverage.consistent > 0


@pytest.mark.parametrize("name", from_module(narrative_injections))
@pytest.mark.parametrize("template", TEMPLATES)
def test_each_injection_gives_exactly_its_finding(name, template):
    for seed in (1, 2):
        report = generate(seed, template=template)
        expected = INJECTIONS[name](report, random.Random(seed))
        _, result = audit_markdown(to_markdown(report))
        found = narrative_findings(result)
        assert len(found) == 1, (seed, [(f.rule, f.subject, f.values) for f in found])
        finding = found[0]
        assert (finding.rule, finding.subject, finding.attribute) == (expected.rule, expected.subject, expected.attribute)
        assert [float(v) for v in finding.values] == pytest.approx(list(expected.values), abs=0.01)


def test_an_unusual_spelling_of_the_right_number_is_an_info_note(sample):
    text = SAMPLE.read_text(encoding="utf-8")
    sentence = "Jumlah surat masuk 100 (satu ratus) surat dan 17 (tujuh puluh) surat keluar."
    _, result = audit_markdown(text + "\n\n" + sentence + "\n", path=str(SAMPLE))
    notes = {f.values[0]: f for f in result.findings if f.rule == "LKJ303" and sentence in f.locations[0].text}
    assert notes[100].severity == "info" and "seratus" in notes[100].message("id")
    assert notes[17].severity == "error"


def test_a_contradiction_reported_by_lkj305_is_not_counted_as_not_checkable(sample):
    _, result = sample
    assert any(f.rule == "LKJ305" for f in result.findings)
    assert not [reason for reason in result.coverage.not_checkable if "LKJ305" in reason["id"]]



def test_each_block_about_a_kegiatan_is_its_own_statement_where_there_are_no_source_lines():
    """A PDF's blocks carry a page and no source line: two paragraphs on one page that name the same kegiatan
    are two statements, as in the markdown, not one merged statement."""
    from dataclasses import replace

    from rules.lkj301_narrative_tables import _statements

    name = "Peningkatan kapasitas aparatur pemerintahan, ketentraman dan ketertiban umum (Patroli Ketentraman dan Ketertiban Umum)"
    text = to_markdown(generate(1009, template="sumenep")) + (
        f"\n\n- ✓ Kegiatan {name}, Capaian sebesar 200% dengan indikator Jumlah kegiatan patroli yang dilaksanakan, "
        "terealisasi 14 Kali, atas target 7 Kali.\n")
    document, _ = audit_markdown(text)
    told = [f for f in document.fact_rows if f.table_index is None and f.kind == "kegiatan" and f.entity == name]
    assert len({f.line for f in told}) == 2
    as_printed = [replace(f, line=None, page=12) for f in told]
    assert sorted(len(s) for s in _statements(as_printed)) == sorted(len(s) for s in _statements(told)) == [3, 3]
