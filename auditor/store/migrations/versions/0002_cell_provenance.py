"""Facts keep the cell they were read from: its column position and its box on the page.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("facts") as batch:
        batch.add_column(sa.Column("column_index", sa.Integer))
        batch.add_column(sa.Column("box", sa.JSON))  # [x0, top, x1, bottom] in the page's user space


def downgrade() -> None:
    with op.batch_alter_table("facts") as batch:
        batch.drop_column("box")
        batch.drop_column("column_index")
