"""Which indikator are lower-is-better and with which formula the report computes their capaian: read
from the report itself first (what it says of an indikator, the formula it states, what the indikator
measures), the configured names (LKJ101's `lower_is_better`) last."""
from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.arithmetic import LOWER_IS_BETTER_FORMULAS
from auditor.facts import canonical

# What an indikator measures that is better when lower: deaths, prevalence, incidence, waiting, poverty,
# unemployment, flooding, hospital death rates, dropping out, repeated findings.
LOWER_MEANINGS = re.compile(
    r"angka kematian|\bkematian (?:ibu|bayi|balita|neonatal)|prevalensi|\binsiden|waktu tunggu|angka kesakitan"
    r"|angka putus sekolah|penduduk miskin|angka kemiskinan|tingkat kemiskinan|tingkat pengangguran|genangan"
    r"|death rate|\b[ng]dr\b|jumlah kasus|temuan berulang|tingkat kriminalitas|angka kriminalitas",
    re.IGNORECASE)
_LOWER_SAID = re.compile(r"semakin (?:kecil|rendah|sedikit) semakin baik|(?:indikator|polaritas) negatif", re.IGNORECASE)
_HIGHER_SAID = re.compile(r"semakin (?:besar|tinggi|banyak) semakin baik|(?:indikator|polaritas) positif",
                          re.IGNORECASE)
# The lower-is-better formulas as reports write them: "(2 × target − realisasi) / target", "(2T-R)/T";
# "target / realisasi", "target : realisasi", "target dibagi realisasi".
_STATED = {
    LOWER_IS_BETTER_FORMULAS[0]: re.compile(r"2\s*[x×*]?\s*(?:target|t)\s*[-−–]\s*(?:realisasi|r)\b", re.IGNORECASE),
    LOWER_IS_BETTER_FORMULAS[1]: re.compile(r"\btarget\s*(?:[/:÷]|dibagi)\s*realisasi\b", re.IGNORECASE),
}

# Polarity is said of the indikator named in the same sentence, not of every indikator in the paragraph; a
# sentence ends at ". " before a capital letter (not inside "1.000" or "Rp. 5").
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z])")
# Within a sentence, a contrast opens a clause about another indikator: "A semakin kecil semakin baik,
# sedangkan B semakin besar semakin baik"; "A dan B indikator negatif" stays one clause about both.
# "Indikator negatif: A dan B" names them in the next clause.
_CLAUSE_BREAK = re.compile(r"[;:]|,?\s+\b(?:sedangkan|namun|tetapi|akan tetapi|adapun|sementara itu|berbeda dengan)\b",
                           re.IGNORECASE)


@dataclass(frozen=True)
class Polarity:
    """The report's reading of polarity: indikator it calls lower- or higher-is-better, the formulas it states."""

    said_lower: frozenset[str]  # canonical indikator names
    said_higher: frozenset[str]
    stated_formulas: tuple[str, ...]  # the lower-is-better formulas the text names, in LOWER_IS_BETTER_FORMULAS order
    configured: tuple[str, ...]  # patterns of the lower_is_better option

    def lower_is_better(self, name: str) -> bool:
        key = canonical(name)
        if key in self.said_lower:
            return True
        if key in self.said_higher:
            return False
        return bool(LOWER_MEANINGS.search(name)) or any(re.search(p, name, re.IGNORECASE) for p in self.configured)

    def why(self, name: str) -> str:
        """How the polarity of this indikator was read: "text", "meaning" or "configured"."""
        key = canonical(name)
        if key in self.said_lower or key in self.said_higher:
            return "text"
        return "meaning" if LOWER_MEANINGS.search(name) else "configured"


def _mentioned(names: set[str], text: str) -> list[str]:
    """The indikator named in `text`, the longest only: "apk smp" is not also "apk sd"; a name inside a
    longer one is not meant."""
    plain = canonical(text)
    mentioned = [n for n in names if n in plain]
    return [n for n in mentioned if not any(n != m and n in m for m in mentioned)]


_PHRASE_SEPARATOR = re.compile(r",\s+")  # a comma then a space: not the decimal comma of "92,5"


def _said_of(names: set[str], clause: str) -> list[str]:
    """The indikator a polarity phrase in `clause` is said of: those in the phrase's own comma-separated
    part ("A sebesar 90%, dan B yang merupakan indikator negatif …": B only), with the bare names listed
    just before it ("A, B dan C merupakan indikator negatif": all three); every name of the clause when
    the phrase's part names none."""
    parts = _PHRASE_SEPARATOR.split(clause)
    at = next(i for i, part in enumerate(parts) if _LOWER_SAID.search(part) or _HIGHER_SAID.search(part))
    said = _mentioned(names, parts[at])
    while said and at > 0 and _is_bare_name(names, parts[at - 1]):
        at -= 1
        said += _mentioned(names, parts[at])
    return said or _mentioned(names, clause)


def _is_bare_name(names: set[str], part: str) -> bool:
    """A list item: the part is an indikator's name and nothing else ("indikator" and "dan" aside)."""
    words = re.sub(r"^(?:dan|serta)\s+|^indikator\s+", "", canonical(part))
    return words in names


def read_polarity(document, configured: list[str]) -> Polarity:
    """What the document's text says about its indikator's polarity and formula; `configured` the fallback."""
    names = {canonical(r.entity) for r in document.fact_rows if r.kind == "indikator" and r.table_index is not None}
    names.discard("")
    lower, higher, formulas = set(), set(), set()
    sentences = [part for block in document.text for part in _SENTENCE_END.split(block.text)]
    for text in sentences:
        for formula, pattern in _STATED.items():
            if pattern.search(text):
                formulas.add(formula)
        clauses = _CLAUSE_BREAK.split(text)
        mentioned_in = [_mentioned(names, clause) for clause in clauses]
        for position, clause in enumerate(clauses):
            said = "lower" if _LOWER_SAID.search(clause) else "higher" if _HIGHER_SAID.search(clause) else None
            if said is None:
                continue
            nearest = sorted((abs(other - position), other) for other, found in enumerate(mentioned_in) if found)
            about = _said_of(names, clause) or (mentioned_in[nearest[0][1]] if nearest else [])
            (lower if said == "lower" else higher).update(about)
    ordered = tuple(f for f in LOWER_IS_BETTER_FORMULAS if f in formulas)
    return Polarity(frozenset(lower), frozenset(higher - lower), ordered, tuple(configured))
