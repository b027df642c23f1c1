"""Every claim names the instance that made it, so that only a dead instance's sends are settled.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("deliveries", "broadcast_deliveries"):
        op.add_column(table, sa.Column("claimed_by", sa.String(length=36), nullable=True))


def downgrade() -> None:
    for table in ("deliveries", "broadcast_deliveries"):
        op.drop_column(table, "claimed_by")
