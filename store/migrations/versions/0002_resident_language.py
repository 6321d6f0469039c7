"""The language each resident is spoken to in, and whether they chose it

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("resident") as batch:
        batch.add_column(sa.Column("language", sa.String(length=16), nullable=True))
        batch.add_column(
            sa.Column("language_chosen", sa.Boolean(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("resident") as batch:
        batch.drop_column("language_chosen")
        batch.drop_column("language")
