"""The history store: runs, documents with their facts, findings and copy-detection bands.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("command", sa.String(16), nullable=False),
        sa.Column("paths", sa.JSON, nullable=False),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.String(36), sa.ForeignKey("runs.id"), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64)),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("jenis", sa.String(8), nullable=False),
        sa.Column("instansi", sa.Text),
        sa.Column("instansi_key", sa.Text, nullable=False),
        sa.Column("kabupaten", sa.Text),
        sa.Column("tahun", sa.Integer),
        sa.Column("audited_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("meta", sa.JSON, nullable=False),
        sa.Column("report", sa.JSON, nullable=False),  # DocumentReport.to_dict + both languages
        sa.Column("signature", sa.JSON),
    )
    op.create_index("ix_documents_instansi_tahun", "documents", ["instansi_key", "tahun"])
    op.create_index("ix_documents_sha256", "documents", ["sha256"])
    op.create_table(
        "facts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(16)),
        sa.Column("entity", sa.Text),
        sa.Column("parent", sa.Text),
        sa.Column("attribute", sa.String(32)),
        sa.Column("year", sa.Integer),
        sa.Column("number", sa.String(64)),  # the exact Decimal as text
        sa.Column("unit", sa.Text),
        sa.Column("text", sa.Text),
        sa.Column("decimals", sa.Integer),
        sa.Column("value_kind", sa.String(16)),
        sa.Column("table_index", sa.Integer),
        sa.Column("table_label", sa.Text),
        sa.Column("role", sa.String(32)),
        sa.Column("row_index", sa.Integer),
        sa.Column("row_label", sa.Text),
        sa.Column("column_label", sa.Text),
        sa.Column("page", sa.Integer),
        sa.Column("line", sa.Integer),
        sa.Column("confidence", sa.Float),
    )
    op.create_index("ix_facts_document", "facts", ["document_id"])
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("rule", sa.String(8), nullable=False),
        sa.Column("severity", sa.String(8), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("attribute", sa.String(32)),
        sa.Column("values", sa.JSON, nullable=False),
        sa.Column("expected", sa.JSON),
        sa.Column("message_id", sa.Text, nullable=False),
        sa.Column("message_en", sa.Text, nullable=False),
        sa.Column("locations", sa.JSON, nullable=False),
        sa.Column("waived", sa.Boolean, nullable=False),
    )
    op.create_index("ix_findings_document", "findings", ["document_id"])
    op.create_index("ix_findings_rule", "findings", ["rule"])
    op.create_table(
        "bands",
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("band", sa.Integer, nullable=False),
        sa.Column("hash", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_bands_band_hash", "bands", ["band", "hash"])


def downgrade() -> None:
    for table in ("bands", "findings", "facts", "documents", "runs"):
        op.drop_table(table)
