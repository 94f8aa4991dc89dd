"""The history store: every audited document's facts and findings in SQLite (a file) or PostgreSQL (a URL)."""
from __future__ import annotations

import datetime as dt
import os
import uuid
from decimal import Decimal
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from auditor.audit import DocumentReport
from auditor.facts import FACT_COLUMNS
from auditor.history import Filed, bands, decode_facts, instansi_key, similarity

metadata = sa.MetaData()
runs = sa.Table("runs", metadata, sa.Column("id", sa.String(36), primary_key=True),
                sa.Column("started_at", sa.DateTime(timezone=True)), sa.Column("command", sa.String(16)),
                sa.Column("paths", sa.JSON))
documents = sa.Table(
    "documents", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("run_id", sa.String(36)),
    sa.Column("path", sa.Text), sa.Column("sha256", sa.String(64)), sa.Column("status", sa.String(8)),
    sa.Column("jenis", sa.String(8)), sa.Column("instansi", sa.Text), sa.Column("instansi_key", sa.Text),
    sa.Column("kabupaten", sa.Text), sa.Column("tahun", sa.Integer),
    sa.Column("audited_at", sa.DateTime(timezone=True)), sa.Column("meta", sa.JSON), sa.Column("report", sa.JSON),
    sa.Column("signature", sa.JSON))
# fact store columns -> table columns ("table", "row" and "column" are SQL words)
_FACT_NAMES = {"table": "table_label", "row": "row_label", "column": "column_label"}
# a sentence's line boxes serve only to mark the report's own PDF, which the store never annotates
_STORED_FACTS = [c for c in FACT_COLUMNS if c not in ("entity_id", "text_boxes")]
facts = sa.Table(
    "facts", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("document_id", sa.Integer),
    sa.Column("kind", sa.String(16)), sa.Column("entity", sa.Text), sa.Column("parent", sa.Text),
    sa.Column("attribute", sa.String(32)), sa.Column("year", sa.Integer), sa.Column("number", sa.String(64)),
    sa.Column("unit", sa.Text), sa.Column("text", sa.Text), sa.Column("decimals", sa.Integer),
    sa.Column("value_kind", sa.String(16)), sa.Column("table_index", sa.Integer), sa.Column("table_label", sa.Text),
    sa.Column("role", sa.String(32)), sa.Column("row_index", sa.Integer), sa.Column("row_label", sa.Text),
    sa.Column("column_label", sa.Text), sa.Column("column_index", sa.Integer), sa.Column("box", sa.JSON),
    sa.Column("page", sa.Integer), sa.Column("line", sa.Integer),
    sa.Column("confidence", sa.Float))
findings = sa.Table(
    "findings", metadata, sa.Column("id", sa.Integer, primary_key=True), sa.Column("document_id", sa.Integer),
    sa.Column("rule", sa.String(8)), sa.Column("severity", sa.String(8)), sa.Column("subject", sa.Text),
    sa.Column("attribute", sa.String(32)), sa.Column("values", sa.JSON), sa.Column("expected", sa.JSON),
    sa.Column("message_id", sa.Text), sa.Column("message_en", sa.Text), sa.Column("locations", sa.JSON),
    sa.Column("waived", sa.Boolean))
band_rows = sa.Table("bands", metadata, sa.Column("document_id", sa.Integer), sa.Column("band", sa.Integer),
                     sa.Column("hash", sa.BigInteger))
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def database_url(target: str) -> str:
    """A URL as given (postgresql+psycopg://…, sqlite:///…); a plain path is an SQLite file."""
    if "://" in target:
        if target.startswith(("postgresql://", "postgres://")):  # the driver the project installs
            return "postgresql+psycopg://" + target.split("://", 1)[1]
        return target
    return f"sqlite:///{os.path.abspath(target)}"


def migrate(engine: sa.Engine) -> None:
    """Brings the schema to the newest Alembic revision (creates it in an empty database)."""
    from alembic import command
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Store:
    """What the audits of earlier runs left: documents, their facts, findings and copy-detection bands."""

    def __init__(self, target: str):
        self.url = database_url(target)
        self.engine = sa.create_engine(self.url)
        migrate(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ writing

    def start_run(self, command: str, paths: list[str]) -> str:
        run_id = str(uuid.uuid4())
        with self.engine.begin() as connection:
            connection.execute(runs.insert().values(id=run_id, started_at=_now(), command=command, paths=list(paths)))
        return run_id

    def save(self, report: DocumentReport, run_id: str, *, sha256: str | None = None, lang: str = "id",
             facts_frame: pd.DataFrame | None = None, signature: tuple[int, ...] | None = None) -> int:
        """Stores one audited document; an earlier audit of the same file (path and content) is replaced."""
        meta = _json_safe(report.meta or {})
        frame = facts_frame if facts_frame is not None else report.facts
        signature = tuple(signature if signature is not None else report.fingerprint)
        with self.engine.begin() as connection:
            self._forget(connection, report.path, sha256)
            document_id = connection.execute(documents.insert().values(
                run_id=run_id, path=report.path, sha256=sha256, status=report.status,
                jenis=meta.get("jenis", "lkjip"), instansi=meta.get("instansi"), instansi_key=instansi_key(meta),
                kabupaten=meta.get("kabupaten"), tahun=meta.get("tahun"), audited_at=_now(), meta=meta,
                report={**report.to_dict(lang), "fields": report.fields()},
                signature=list(signature) or None).returning(documents.c.id)).scalar_one()
            if frame is not None and len(frame):
                connection.execute(facts.insert(), _fact_rows(frame, document_id))
            rows = [_finding_row(f, document_id, False) for f in report.findings]
            rows += [_finding_row(w.finding, document_id, True) for w in report.waived]
            if rows:
                connection.execute(findings.insert(), rows)
            keys = bands(signature)
            if keys:
                connection.execute(band_rows.insert(), [{"document_id": document_id, "band": b, "hash": h}
                                                        for b, h in keys])
        return document_id

    def _forget(self, connection, path: str, sha256: str | None) -> None:
        old = [r.id for r in connection.execute(sa.select(documents.c.id).where(
            documents.c.path == path, documents.c.sha256 == sha256 if sha256 else documents.c.sha256.is_(None)))]
        if not old:
            return
        for table in (facts, findings, band_rows):
            connection.execute(table.delete().where(table.c.document_id.in_(old)))
        connection.execute(documents.delete().where(documents.c.id.in_(old)))

    # ------------------------------------------------------------ reading

    def documents(self) -> list[dict]:
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(documents.c.id, documents.c.path, documents.c.sha256,
                                                documents.c.jenis, documents.c.instansi, documents.c.tahun,
                                                documents.c.status).order_by(documents.c.id))
            return [dict(r._mapping) for r in rows]

    def report(self, document_id: int) -> DocumentReport:
        """A stored report as audited, its facts included."""
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(documents).where(documents.c.id == document_id)).one()
        data = dict(row.report)
        report = DocumentReport.from_dict(data, data.get("fields"))
        report.facts = self.facts(document_id)
        report.fingerprint = tuple(row.signature or ())
        return report

    def facts(self, document_id: int) -> pd.DataFrame:
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(facts).where(facts.c.document_id == document_id)
                                      .order_by(facts.c.id)).all()
        encoded = {"columns": _STORED_FACTS,
                   "rows": [[getattr(r, _FACT_NAMES.get(c, c)) for c in _STORED_FACTS] for r in rows]}
        return decode_facts(encoded)

    def earlier(self, key: str, tahun: int) -> list[Filed]:
        """The latest stored LKjIP of each year before `tahun` for one instansi, latest year first."""
        return self._latest_per_year(documents.c.tahun < tahun, key, "lkjip")

    def pk_for(self, key: str, tahun: int) -> list[Filed]:
        return self._latest_per_year(documents.c.tahun == tahun, key, "pk")

    def _latest_per_year(self, when, key: str, jenis: str) -> list[Filed]:
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(documents.c.id, documents.c.path, documents.c.meta, documents.c.sha256,
                                                documents.c.tahun, documents.c.signature)
                                      .where(when, documents.c.instansi_key == key, documents.c.jenis == jenis,
                                             documents.c.status == "ok")
                                      .order_by(documents.c.tahun.desc(), documents.c.audited_at.desc(),
                                                documents.c.id.desc())).all()
        chosen, seen = [], set()
        for row in rows:
            if row.tahun in seen:
                continue
            seen.add(row.tahun)
            chosen.append(Filed(row.path, dict(row.meta), self.facts(row.id), tuple(row.signature or ()),
                                row.sha256, origin="store"))
        return chosen

    def similar(self, signature: tuple[int, ...], minimum: float = 0.5) -> list[tuple[Filed, float]]:
        """Stored LKjIP sharing an LSH band with `signature`, with their estimated similarity."""
        keys = bands(signature)
        if not keys:
            return []
        condition = sa.or_(*[sa.and_(band_rows.c.band == b, band_rows.c.hash == h) for b, h in keys])
        with self.engine.connect() as connection:
            ids = {r.document_id for r in connection.execute(sa.select(band_rows.c.document_id).where(condition))}
            if not ids:
                return []
            rows = connection.execute(sa.select(documents.c.path, documents.c.meta, documents.c.sha256,
                                                documents.c.signature)
                                      .where(documents.c.id.in_(ids), documents.c.jenis == "lkjip")).all()
        found = []
        for row in rows:
            score = similarity(signature, tuple(row.signature or ()))
            if score >= minimum:
                found.append((Filed(row.path, dict(row.meta), decode_facts(None), tuple(row.signature or ()),
                                    row.sha256, origin="store"), score))
        return sorted(found, key=lambda p: -p[1])


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _json_safe(value):
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    return value


def _optional(value, kind=None):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if kind is int:
        return int(value)
    if kind is float:
        return float(value)
    if kind is str:
        return str(value)
    if kind is list:
        return [float(v) for v in value]
    return value


_KINDS = {"year": int, "decimals": int, "table_index": int, "row_index": int, "column_index": int, "page": int,
          "line": int, "confidence": float, "number": str, "box": list}


def _fact_rows(frame: pd.DataFrame, document_id: int) -> list[dict]:
    columns = [c for c in _STORED_FACTS if c in frame.columns]
    return [{"document_id": document_id, **{_FACT_NAMES.get(c, c): _optional(v, _KINDS.get(c)) for c, v in zip(columns, row)}}
            for row in zip(*(frame[c].tolist() for c in columns))]


def _finding_row(finding, document_id: int, waived: bool) -> dict:
    data = finding.to_dict("id")
    return {"document_id": document_id, "rule": finding.rule, "severity": finding.severity,
            "subject": finding.subject, "attribute": finding.attribute, "values": _json_safe(data["values"]),
            "expected": _json_safe(data["expected"]), "message_id": finding.message("id"),
            "message_en": finding.message("en"), "locations": data["locations"], "waived": waived}
