"""Slot for issue 9: smaller gaps (access log of conference personal data, socket caps).

Revision ID: d3c4d5e6f7a8
Revises: d2b3c4d5e6f7
Create Date: 2026-12-06 21:00:00
"""

# revision identifiers, used by Alembic.
revision = 'd3c4d5e6f7a8'
down_revision = 'd2b3c4d5e6f7'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
