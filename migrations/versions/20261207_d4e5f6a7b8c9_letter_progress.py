"""Letters: progress of the background PDF (letters written of how many), and the planned panel size
the letter promises.

Revision ID: d4e5f6a7b8c9
Revises: d3c4d5e6f7a8
Create Date: 2026-12-07 01:40:00
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'd4e5f6a7b8c9'
down_revision = 'd3c4d5e6f7a8'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('lottery_files', sa.Column('progress_done', sa.Integer(), server_default='0', nullable=False))
    op.add_column('lottery_files', sa.Column('progress_total', sa.Integer(), server_default='0', nullable=False))
    op.add_column('lottery_settings', sa.Column('panel_size', sa.Integer(), server_default='40', nullable=False))


def downgrade():
    with op.batch_alter_table('lottery_settings') as batch:
        batch.drop_column('panel_size')
    with op.batch_alter_table('lottery_files') as batch:
        batch.drop_column('progress_total')
        batch.drop_column('progress_done')
