"""Documents audited together or before: what the cross-document rules (LKJ6xx) compare each report with."""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable

import numpy as np
import pandas as pd

from auditor.facts import FACT_COLUMNS, canonical
from auditor.ruleapi import Fact

# The fact columns a document keeps once audited: enough to compare it with another document.
KEPT_COLUMNS = [c for c in FACT_COLUMNS if c not in ("entity_id",)]
PK_ROLES = {"pk_target", "pk_anggaran"}
PERMUTATIONS = 128  # MinHash size: 128 hashes estimate a Jaccard similarity to about ±0.03
BANDS, ROWS = 32, 4  # LSH: two reports sharing 80% of their figures share a band with certainty
_PRIME = (1 << 31) - 1
_SEEDS = np.random.default_rng(20260101).integers(1, _PRIME, size=(2, PERMUTATIONS), dtype=np.uint64)
_DIGITS = re.compile(r"\d")


@dataclass
class Related:
    """What one document is compared with: its instansi's earlier reports, its Perjanjian Kinerja, and the
    documents of the batch or store that look like copies of it or claim the same instansi and year."""

    earlier: list["Filed"] = field(default_factory=list)  # same instansi, earlier years, latest first
    pk: list["Filed"] = field(default_factory=list)  # Perjanjian Kinerja documents of the same instansi and year
    similar: list[tuple["Filed", float]] = field(default_factory=list)  # other instansi, similarity >= 0.5
    claims: list["Filed"] = field(default_factory=list)  # other files naming the same instansi and year
    match_threshold: float = 88.0


@dataclass
class Filed:
    """An audited document as the cross-document rules see it: where it is, what it says it is, its facts."""

    path: str
    meta: dict
    facts: pd.DataFrame
    signature: tuple[int, ...] = ()
    sha256: str | None = None
    origin: str = "batch"  # "batch" (audited now) or "store" (audited in an earlier run)
    related: Related | None = None
    tables: tuple = ()  # the engine counts tables; a filed document brings none
    _rows: tuple[Fact, ...] | None = field(default=None, repr=False)

    @property
    def fact_rows(self) -> tuple[Fact, ...]:
        """The facts typed as rules read them (Decimal or None, never NaN)."""
        if self._rows is None:
            self._rows = fact_rows(self.facts)
        return self._rows

    @property
    def instansi_key(self) -> str:
        return instansi_key(self.meta)

    @property
    def tahun(self) -> int | None:
        return self.meta.get("tahun")

    @property
    def jenis(self) -> str:
        return self.meta.get("jenis", "lkjip")

    def label(self) -> str:
        """How a message names this document: file name, instansi and year."""
        what = " ".join(str(p) for p in (self.meta.get("instansi"), self.tahun) if p)
        return f"{os.path.basename(self.path)} ({what})" if what else os.path.basename(self.path)


def instansi_key(meta: dict) -> str:
    return canonical(" ".join(str(meta.get(k) or "") for k in ("instansi", "kabupaten")))


def document_kind(tables: Iterable) -> str:
    """'pk' for a Perjanjian Kinerja on its own (only PK tables besides staff and others), else 'lkjip'."""
    roles = {t.role for t in tables} - {"other", "pegawai"}
    return "pk" if roles and roles <= PK_ROLES else "lkjip"


# ---------------------------------------------------------------- facts as JSON

def encode_facts(facts: pd.DataFrame) -> dict:
    """The kept fact columns as plain JSON: Decimal numbers as strings so that nothing is rounded."""
    columns = [c for c in KEPT_COLUMNS if c in facts.columns]
    rows = [[_plain(v) for v in row] for row in zip(*(facts[c].tolist() for c in columns))]
    return {"columns": columns, "rows": rows}


def decode_facts(encoded: dict | None) -> pd.DataFrame:
    if not encoded:
        return pd.DataFrame(columns=FACT_COLUMNS)
    frame = pd.DataFrame(encoded["rows"], columns=encoded["columns"])
    frame["number"] = [Decimal(v) if isinstance(v, str) else None for v in frame["number"]]
    frame["year"] = [int(v) if v is not None and not pd.isna(v) else None for v in frame["year"]]
    if "box" in frame.columns:  # stored as a JSON list; a fact's box is a tuple
        frame["box"] = [tuple(v) if isinstance(v, list) else None for v in frame["box"]]
    if "text_boxes" in frame.columns:  # [[page, x0, y0, x1, y1], …]
        frame["text_boxes"] = [tuple((int(p), tuple(b)) for p, *b in v) if isinstance(v, list) else ()
                               for v in frame["text_boxes"]]
    for column in FACT_COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    frame["entity_id"] = frame["kind"].astype(str) + ":" + frame["entity"].map(canonical)
    return frame[FACT_COLUMNS]


def fact_rows(facts: pd.DataFrame) -> tuple[Fact, ...]:
    names = [c for c in FACT_COLUMNS if c in facts.columns]
    rows = []
    for values in zip(*(facts[c].tolist() for c in names)):
        record = {n: (None if _missing(v) else v) for n, v in zip(names, values)}
        for name in ("year", "decimals", "table_index", "row_index", "page", "line"):
            if record.get(name) is not None:
                record[name] = int(record[name])
        record["decimals"] = record.get("decimals") or 0
        record["confidence"] = float(record["confidence"]) if record.get("confidence") is not None else 1.0
        record["text"] = record.get("text") or ""
        record["parent"] = record.get("parent") or ""
        rows.append(Fact(**record))
    return tuple(rows)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value))


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float) and pd.isna(value):
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    return value


# ---------------------------------------------------------------- copies: MinHash over figures and sentences

def features(facts: pd.DataFrame, sentences: Iterable[str], meta: dict) -> set[str]:
    """What a copied report keeps: every printed figure with what it is about, and every sentence that
    states a figure, with the instansi's own name taken out (a copy changes the name first)."""
    names = [w for w in re.split(r"\W+", str(meta.get("instansi") or "").lower()) if len(w) > 2
             and w not in ("kecamatan", "dinas", "badan", "kelurahan")]
    # a figure stated in a sentence carries the sentence as its text, and the sentence may name the instansi
    found = {f"{k}|{canonical(str(e))}|{a}|{'' if pd.isna(y) else int(y)}|{_unnamed(str(t), names)}"
             for k, e, a, y, t in zip(facts["kind"], facts["entity"], facts["attribute"], facts["year"], facts["text"])}
    for sentence in sentences:
        if _DIGITS.search(sentence):
            found.add("s|" + _unnamed(sentence.lower(), names))
    return found


def _unnamed(text: str, names: list[str]) -> str:
    for name in names:
        text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text).strip()


def signature(items: set[str]) -> tuple[int, ...]:
    if not items:
        return ()
    hashes = np.array([int.from_bytes(hashlib.blake2b(i.encode(), digest_size=8).digest(), "little") % _PRIME
                       for i in sorted(items)], dtype=np.uint64)
    a, b = _SEEDS
    table = (a[:, None] * hashes[None, :] + b[:, None]) % np.uint64(_PRIME)
    return tuple(int(v) for v in table.min(axis=1))


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    if not a or not b or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b)) / len(a)


def bands(sig: tuple[int, ...]) -> list[tuple[int, int]]:
    """LSH band keys: (band number, hash of its rows); two signatures sharing one are candidate copies."""
    if not sig:
        return []
    keys = []
    for band in range(BANDS):
        rows = sig[band * ROWS:(band + 1) * ROWS]
        digest = hashlib.blake2b(repr(rows).encode(), digest_size=7).digest()
        keys.append((band, int.from_bytes(digest, "little")))
    return keys


def fingerprint(document) -> tuple[int, ...]:
    """The MinHash signature of a loaded Document."""
    return signature(features(document.facts, (b.text for b in document.text), document.meta))


# ---------------------------------------------------------------- the cross-document pass

def relate(documents: list[Filed], stored: "Any | None" = None, *, match_threshold: float = 88.0,
           pk_files: Iterable[Filed] = ()) -> None:
    """Fills `related` of every document from the others and, when a store is given, from what it holds."""
    by_key: dict[str, list[Filed]] = {}
    for doc in documents:
        by_key.setdefault(doc.instansi_key, []).append(doc)
    candidates = _candidate_pairs(documents)
    given_pk = _given_pk(documents, list(pk_files))
    for doc in documents:
        related = Related(match_threshold=match_threshold)
        if doc.jenis == "lkjip" and doc.tahun:
            same = by_key.get(doc.instansi_key, [])
            earlier = {d.tahun: d for d in same if d.jenis == "lkjip" and d.tahun and d.tahun < doc.tahun}
            related.pk = [d for d in same if d.jenis == "pk" and d.tahun == doc.tahun] + given_pk.get(id(doc), [])
            related.claims = [d for d in same if d is not doc and d.jenis == "lkjip" and d.tahun == doc.tahun
                              and (d.sha256 is None or d.sha256 != doc.sha256)]
            if stored is not None:
                for old in stored.earlier(doc.instansi_key, doc.tahun):
                    earlier.setdefault(old.tahun, old)
                if not related.pk:
                    related.pk = stored.pk_for(doc.instansi_key, doc.tahun)
            related.earlier = [earlier[y] for y in sorted(earlier, reverse=True)]
        elif doc.jenis == "lkjip":
            related.pk = given_pk.get(id(doc), [])
        if doc.jenis == "lkjip":
            seen = set()
            for other, score in candidates.get(id(doc), []):
                seen.add(other.sha256)
                related.similar.append((other, score))
            if stored is not None and doc.signature:
                for other, score in stored.similar(doc.signature):
                    if other.sha256 not in seen and other.sha256 != doc.sha256 and other.instansi_key != doc.instansi_key:
                        related.similar.append((other, score))
        doc.related = related


def _given_pk(documents: list[Filed], pk_files: list[Filed]) -> dict[int, list[Filed]]:
    """A PK given with --pk belongs to the report of its instansi and year; when none of the reports is
    (its cover names another instansi), to every report of its year, so that the mismatch shows."""
    given: dict[int, list[Filed]] = {}
    reports = [d for d in documents if d.jenis == "lkjip"]
    for pk in pk_files:
        owners = [d for d in reports if d.instansi_key == pk.instansi_key and d.tahun == pk.tahun]
        owners = owners or [d for d in reports if not pk.tahun or not d.tahun or d.tahun == pk.tahun] or reports
        for doc in owners:
            given.setdefault(id(doc), []).append(pk)
    return given


def _candidate_pairs(documents: list[Filed]) -> dict[int, list[tuple[Filed, float]]]:
    """Pairs of reports of different instansi that share an LSH band, with their estimated similarity."""
    buckets: dict[tuple[int, int], list[Filed]] = {}
    for doc in documents:
        if doc.jenis == "lkjip":
            for key in bands(doc.signature):
                buckets.setdefault(key, []).append(doc)
    pairs: dict[int, dict[int, tuple[Filed, float]]] = {}
    for members in buckets.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if a.instansi_key == b.instansi_key or id(b) in pairs.get(id(a), {}):
                    continue
                score = similarity(a.signature, b.signature)
                if score >= 0.5:
                    pairs.setdefault(id(a), {})[id(b)] = (b, score)
                    pairs.setdefault(id(b), {})[id(a)] = (a, score)
    return {k: sorted(v.values(), key=lambda p: -p[1]) for k, v in pairs.items()}


# ---------------------------------------------------------------- helpers for the LKJ6xx rules

