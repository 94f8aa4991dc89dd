"""The consistency rules, one module each, in an explicit registry keyed by code.

Codes are grouped so that prefixes select families: 1xx arithmetic within a row, 2xx the same
fact across tables, 3xx narrative against tables, 4xx totals and budget, 5xx structure,
6xx across documents (earlier years, the signed PK, copies, identical files), 9xx ingestion.

A rule's docstring is its documentation in both languages: the English prose under the summary line, the
Bahasa Indonesia under `BAHASA INDONESIA:`, then the `PASS:` and `FAIL:` examples.
"""
from __future__ import annotations

import re
import textwrap
from importlib import import_module
from types import ModuleType

from auditor.bilingual import Text

_MODULE_NAMES = (
    "lkj101_capaian",
    "lkj102_penyerapan",
    "lkj103_efisiensi",
    "lkj104_polarity",
    "lkj105_high_capaian",
    "lkj201_same_fact",
    "lkj202_efisiensi_capaian",
    "lkj203_rata_rata_sasaran",
    "lkj301_narrative_tables",
    "lkj302_closing",
    "lkj303_terbilang",
    "lkj304_counts",
    "lkj305_contradiction",
    "lkj401_totals",
    "lkj402_pk_anggaran",
    "lkj403_table_totals",
    "lkj501_copied_history",
    "lkj502_row_numbering",
    "lkj503_kegiatan_coverage",
    "lkj601_history_vs_earlier",
    "lkj602_renstra_target",
    "lkj603_indikator_dropped",
    "lkj604_pk_document_target",
    "lkj605_pk_document_budget",
    "lkj606_copied_report",
    "lkj607_instansi_claimed_twice",
    "lkj608_identical_file",
    "lkj901_scanned_pages",
    "lkj902_ocr_pages",
)


def _registry(names: tuple[str, ...]) -> dict[str, ModuleType]:
    registry: dict[str, ModuleType] = {}
    for name in names:
        module = import_module(f"rules.{name}")
        if module.ID in registry:
            raise RuntimeError(f"duplicate rule code {module.ID} in {module.__name__}")
        registry[module.ID] = module
    return registry


RULES: dict[str, ModuleType] = _registry(_MODULE_NAMES)

INDONESIAN, EXAMPLES = "\nBAHASA INDONESIA:\n", "\nPASS:\n"


def rationale(rule: ModuleType) -> Text:
    """What the rule checks, why, and what it leaves alone: the docstring's prose in each language (the
    English with its summary line), without the examples; "" for a language the docstring lacks."""
    doc = (rule.__doc__ or "").strip()
    prose = doc.split(EXAMPLES, 1)[0]
    english, _, indonesian = prose.partition(INDONESIAN)
    return Text(id=textwrap.dedent(indonesian).strip(), en=english.strip())


# A bracketed note stands in for an example markdown cannot carry (a scanned page, a batch of files); it is
# written once per language, "(id: …)" and "(en: …)", and may wrap over several lines.
_NOTE = re.compile(r"^[ \t]*\((?P<lang>id|en): .*?\)$\n?", re.MULTILINE | re.DOTALL)


def examples(rule: ModuleType, lang: str = "en") -> str:
    """The docstring's PASS and FAIL examples, from `PASS:` on, with the bracketed notes in `lang` only."""
    doc = (rule.__doc__ or "").strip()
    if EXAMPLES not in doc:
        return ""
    return _NOTE.sub(lambda note: note[0].replace(f"({lang}: ", "(", 1) if note["lang"] == lang else "",
                     doc[doc.find(EXAMPLES) + 1:]).rstrip()
