"""Slot for issue 9: sessions ended on the server, sign-in throttling per account and address, two-factor authentication.

Revision ID: d2b3c4d5e6f7
Revises: d1a2b3c4d5e6
Create Date: 2026-12-06 21:00:00
"""

# revision identifiers, used by Alembic.
revision = 'd2b3c4d5e6f7'
down_revision = 'd1a2b3c4d5e6'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
