"""Legal pages: instance settings, accessibility feedback, a contact person per process.

Revision ID: d3c4d5e6f7a8
Revises: d2b3c4d5e6f7
Create Date: 2026-12-06 21:00:00
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'd3c4d5e6f7a8'
down_revision = 'd2b3c4d5e6f7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'legal_settings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key', sa.String(length=60), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_legal_settings')),
        sa.UniqueConstraint('key', name=op.f('uq_legal_settings_key')),
    )
    op.create_table(
        'accessibility_feedback',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('page', sa.String(length=500), nullable=False),
        sa.Column('message', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_accessibility_feedback')),
    )
    with op.batch_alter_table('accessibility_feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accessibility_feedback_created_at'), ['created_at'], unique=False)
    with op.batch_alter_table('processes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_person', sa.Text(), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('processes', schema=None) as batch_op:
        batch_op.drop_column('contact_person')
    with op.batch_alter_table('accessibility_feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_accessibility_feedback_created_at'))
    op.drop_table('accessibility_feedback')
    op.drop_table('legal_settings')
