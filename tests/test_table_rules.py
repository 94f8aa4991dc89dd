"""LKJ104, LKJ105, LKJ403 and LKJ501-503 on generated reports (clean and with one error injected),
on the Raas 2020 sample, and the hints that name a wrong figure's likely cause."""
from __future__ import annotations

import os
import random
from decimal import Decimal
from functools import lru_cache

import pytest

from auditor.config import Config
from auditor.document import load
from auditor.engine import run_rules
from auditor.ruleapi import Consistent
from auditor.hints import digit_slip
from rules import RULES, lkj403_table_totals
from generator import generate, to_markdown
from helpers import audit_markdown
from injections import INJECTIONS
from table_injections import expected_copied_history, expected_high_capaian, explain_high_capaian

BUNDLES = (
    ("row_total", "copied_history", "numbering_gap", "kegiatan_without_budget", "high_capaian"),
    ("column_total", "numbering_duplicate", "kegiatan_without_kinerja", "mixed_polarity"),
    ("unnumbered_row",),
)

MINE = ("LKJ104", "LKJ105", "LKJ403", "LKJ501", "LKJ502", "LKJ503")
TEMPLATES = ("sumenep", "alt")
SEEDS = range(4)
SAMPLE = os.path.join(os.path.dirname(__file__), "..", "samples", "lkjip-raas-2020.md")


def mine(result) -> list:
    return [f for f in result.findings if f.rule in MINE]


def config_with(options: dict) -> Config:
    # the narrative rules (LKJ3xx) have their own tests and take most of an audit's time
    return Config(select=["LKJ1", "LKJ2", "LKJ4", "LKJ5"], options=options)


def reported(result, expected) -> list:
    return [f for f in result.findings if f.rule == expected.rule
            and (expected.subject == f.subject or expected.subject in f.message("en"))]


@lru_cache(maxsize=None)
def clean(template: str, seed: int):
    report = generate(seed, template=template)
    return report, audit_markdown(to_markdown(report), config=config_with({}))[1]


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("seed", SEEDS)
def test_clean_reports_give_only_the_high_capaian_they_print(template, seed):
    report, result = clean(template, seed)
    findings = mine(result)
    assert [f for f in findings if f.severity == "error"] == []
    assert {f.subject for f in findings if f.rule == "LKJ105"} == expected_high_capaian(report)
    copied = [f for f in findings if f.rule == "LKJ501"]
    assert {name for name in expected_copied_history(report) if not any(name in f.message("en") for f in copied)} == set()
    assert [f.message("en") for f in findings if f.rule not in ("LKJ105", "LKJ501")] == []


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("bundle", range(len(BUNDLES)))
def test_injected_errors_are_reported(bundle, template, seed):
    """Injections into different tables share one report, to keep the audits few."""
    report = generate(seed, template=template)
    rng = random.Random(seed * 31 + bundle)
    injected = [(name, INJECTIONS[name](report, rng)) for name in BUNDLES[bundle]]
    options = {code: values for _, expected in injected if expected for code, values in expected.options.items()}
    _, result = audit_markdown(to_markdown(report), config=config_with(options))
    for name, expected in injected:
        if expected is None:
            continue  # nothing in this report to inject into (no indikator below 100%)
        found = reported(result, expected)
        assert found, (name, expected, [f.message("en") for f in mine(result)])
        assert all(f.severity == RULES[expected.rule].SEVERITY for f in found)
        if expected.values and expected.rule in ("LKJ403",):
            assert tuple(float(v) for v in found[0].values) == expected.values


@pytest.mark.parametrize("template", TEMPLATES)
def test_explained_high_capaian_is_not_reported(template):
    report = generate(3, template=template)
    expected = explain_high_capaian(report, random.Random(3))
    _, result = audit_markdown(to_markdown(report), config=config_with({}))
    assert reported(result, expected) == []


# ---------------------------------------------------------------- the Raas 2020 sample

@pytest.fixture(scope="module")
def sample():
    document = load(SAMPLE, Config())
    config = config_with({})
    return document, run_rules(document, config)


def test_sample_findings_of_these_rules(sample):
    _, result = sample
    found = sorted((f.rule, f.severity, f.locations[0].table, f.subject) for f in mine(result))
    assert found == [
        ("LKJ105", "warning", "Tabel III.F.1", "Penyediaan jasa surat menyurat"),
        ("LKJ501", "warning", "Tabel III.B.1", "Tabel III.B.1"),
        ("LKJ501", "warning", "Tabel III.B.2", "Tabel III.B.2"),
        ("LKJ502", "warning", "Tabel III.G.1", "I.11"),
        ("LKJ502", "warning", "Tabel III.G.1", "Pembangunan Gedung Kantor (Pembangunan Plank Nama Kantor)"),
    ]
    by_rule = {f.rule + f.subject: f for f in mine(result)}
    assert by_rule["LKJ105Penyediaan jasa surat menyurat"].values == (Decimal(257),)
    assert by_rule["LKJ501Tabel III.B.1"].values == (Decimal(79), Decimal(67), Decimal(25), Decimal(80))
    assert "I.9 to I.11, I.10 is missing" in by_rule["LKJ502I.11"].message("en")


def test_sample_errors_are_unchanged(sample):
    _, result = sample
    errors = sorted((f.rule, f.attribute, tuple(f.values)) for f in result.findings if f.severity == "error")
    # the narrative rules (LKJ3xx) are not run here: their findings are theirs to assert
    assert errors == [
        ("LKJ201", "capaian", (Decimal(84), Decimal(90))),
        ("LKJ201", "realisasi", (Decimal(67), Decimal(72))),
        ("LKJ202", "capaian", (Decimal(100), Decimal(58))),
        ("LKJ202", "capaian", (Decimal(100), Decimal(89))),
    ]
    assert all(f.fields["hint"] == {"id": "", "en": ""} for f in result.findings if f.rule == "LKJ201")


def test_sample_staff_tables_add_up(sample):
    document, _ = sample
    outcomes = list(lkj403_table_totals.check(document, {}))
    assert outcomes and all(isinstance(o, Consistent) for o in outcomes)
    assert len(outcomes) >= 20 + 7  # I.C.1: a JUMLAH per golongan row, and per column


# ---------------------------------------------------------------- hints

@pytest.mark.parametrize("printed,expected,cause", [
    (Decimal(76), Decimal(67), "swapped"), (Decimal("53.20"), Decimal("35.20"), "swapped"),
    (Decimal(1287), Decimal(127), "too many"), (Decimal(50), Decimal(500), "missing"),
])
def test_digit_slip(printed, expected, cause):
    hint = digit_slip(printed, expected, 2 if printed % 1 or expected % 1 else 0)
    assert hint and cause in hint["en"] and hint["id"].startswith(" Kemungkinan penyebab:")


@pytest.mark.parametrize("printed,expected", [(Decimal(84), Decimal(90)), (Decimal(67), Decimal(67)),
                                              (Decimal(5), Decimal(50))])
def test_no_digit_slip(printed, expected):
    assert digit_slip(printed, expected) is None


TABLE_A1 = """Tabel III.A.1 Realisasi dan Capaian Kinerja Sasaran

| NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | TARGET | REALISASI | CAPAIAN |
|---|---|---|---|---|---|---|
| 1 | Meningkatnya X | Persentase desa tertib administrasi | % | 90 | 81 | {first} |
| 2 | Meningkatnya Y | Persentase laporan tepat waktu | % | 80 | 60 | {second} |
"""
TABLE_C1 = """
Tabel III.C.1 Capaian Kinerja Terhadap Target Akhir Renstra

| NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | CAPAIAN s/d TAHUN 2020 | TARGET AKHIR RENSTRA | CAPAIAN |
|---|---|---|---|---|---|---|
| 1 | Meningkatnya X | Persentase desa tertib administrasi | % | 81 | 95 | 85 |
"""


@pytest.mark.parametrize("first,second,markdown,cause", [
    ("90", "57", TABLE_A1, "two digits swapped (57 ↔ 75)"),
    ("90", "90", TABLE_A1, "90 is exactly the figure of the row above"),
    ("85", "75", TABLE_A1 + TABLE_C1, "computed against the renstra end target 95 (Tabel III.C.1)"),
])
def test_capaian_hint(first, second, markdown, cause):
    _, result = audit_markdown(markdown.format(first=first, second=second))
    capaian = [f for f in result.findings if f.rule == "LKJ101"]
    assert len(capaian) == 1 and cause in capaian[0].message("en"), [f.message("en") for f in result.findings]
    assert capaian[0].message("id").endswith(".")


def test_same_fact_hint_names_swapped_digits():
    markdown = TABLE_A1.format(first="90", second="75").replace("| 90 | 81 | 90 |", "| 90 | 67 | 74 |") + """
Tabel III.C.1 Capaian Kinerja Terhadap Target Akhir Renstra

| NO | SASARAN STRATEGIS | INDIKATOR KINERJA | SATUAN | CAPAIAN s/d TAHUN 2020 | TARGET AKHIR RENSTRA | CAPAIAN |
|---|---|---|---|---|---|---|
| 1 | Meningkatnya X | Persentase desa tertib administrasi | % | 76 | 95 | 80 |
"""
    _, result = audit_markdown(markdown, config=config_with({}))
    same = [f for f in result.findings if f.rule == "LKJ201"]
    assert len(same) == 1 and "two digits swapped (76 ↔ 67)" in same[0].message("en"), \
        [f.message("en") for f in result.findings]
