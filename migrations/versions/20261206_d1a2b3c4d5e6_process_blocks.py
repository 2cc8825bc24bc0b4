"""Slot for issue 9: per-process account blocks (filled by the process-blocks work).

Revision ID: d1a2b3c4d5e6
Revises: c8f2b3d4e5f6
Create Date: 2026-12-06 21:00:00
"""

# revision identifiers, used by Alembic.
revision = 'd1a2b3c4d5e6'
down_revision = 'c8f2b3d4e5f6'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
