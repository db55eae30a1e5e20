"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import catalogue.models.base


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('entity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('collection', 'manuscript', 'person', 'place', 'event', 'source', name='kind', native_enum=False, length=24), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('state', sa.Enum('draft', 'published', name='publicationstate', native_enum=False, length=24), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', catalogue.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', catalogue.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entity')),
    sa.UniqueConstraint('slug', name=op.f('uq_entity_slug'))
    )
    with op.batch_alter_table('entity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entity_kind'), ['kind'], unique=False)

    op.create_table('user_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('role', sa.Enum('admin', 'curator', name='role', native_enum=False, length=24), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('session_token', sa.String(length=64), nullable=False),
    sa.Column('created_at', catalogue.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_account')),
    sa.UniqueConstraint('username', name=op.f('uq_user_account_username'))
    )
    op.create_table('collection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('summary', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('subjects', catalogue.models.base.StringList(), nullable=False),
    sa.ForeignKeyConstraint(['id'], ['entity.id'], name=op.f('fk_collection_id_entity'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_collection'))
    )
    op.create_table('name_variant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=300), nullable=False),
    sa.Column('lang', sa.String(length=8), nullable=False),
    sa.Column('script', sa.String(length=4), nullable=False),
    sa.Column('preferred', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('checked', 'review', name='status', native_enum=False, length=24), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['entity_id'], ['entity.id'], name=op.f('fk_name_variant_entity_id_entity'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_name_variant'))
    )
    with op.batch_alter_table('name_variant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_name_variant_entity_id'), ['entity_id'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('role', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('summary', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('birth_statement', sa.String(length=200), nullable=True),
    sa.Column('birth_calendar', sa.String(length=16), nullable=True),
    sa.Column('birth_precision', sa.String(length=16), nullable=True),
    sa.Column('birth_earliest', sa.Date(), nullable=True),
    sa.Column('birth_latest', sa.Date(), nullable=True),
    sa.Column('death_statement', sa.String(length=200), nullable=True),
    sa.Column('death_calendar', sa.String(length=16), nullable=True),
    sa.Column('death_precision', sa.String(length=16), nullable=True),
    sa.Column('death_earliest', sa.Date(), nullable=True),
    sa.Column('death_latest', sa.Date(), nullable=True),
    sa.Column('active_statement', sa.String(length=200), nullable=True),
    sa.Column('active_calendar', sa.String(length=16), nullable=True),
    sa.Column('active_precision', sa.String(length=16), nullable=True),
    sa.Column('active_earliest', sa.Date(), nullable=True),
    sa.Column('active_latest', sa.Date(), nullable=True),
    sa.Column('wikidata_id', sa.String(length=20), nullable=True),
    sa.Column('viaf_id', sa.String(length=30), nullable=True),
    sa.Column('portrait_key', sa.String(length=80), nullable=True),
    sa.ForeignKeyConstraint(['id'], ['entity.id'], name=op.f('fk_person_id_entity'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_active_earliest'), ['active_earliest'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_active_latest'), ['active_latest'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_birth_earliest'), ['birth_earliest'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_birth_latest'), ['birth_latest'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_death_earliest'), ['death_earliest'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_death_latest'), ['death_latest'], unique=False)

    op.create_table('place',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('place_kind', sa.String(length=24), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('coordinates_status', sa.Enum('checked', 'review', name='status', native_enum=False, length=24), nullable=False),
    sa.Column('summary', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('wikidata_id', sa.String(length=20), nullable=True),
    sa.Column('viaf_id', sa.String(length=30), nullable=True),
    sa.ForeignKeyConstraint(['id'], ['entity.id'], name=op.f('fk_place_id_entity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['place.id'], name=op.f('fk_place_parent_id_place'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_place'))
    )
    with op.batch_alter_table('place', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_place_parent_id'), ['parent_id'], unique=False)

    op.create_table('relation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('predicate', sa.String(length=40), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('certainty', sa.Enum('attested', 'probable', 'possible', name='certainty', native_enum=False, length=24), nullable=False),
    sa.Column('note', catalogue.models.base.LocalizedType(), nullable=False),
    sa.ForeignKeyConstraint(['object_id'], ['entity.id'], name=op.f('fk_relation_object_id_entity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['subject_id'], ['entity.id'], name=op.f('fk_relation_subject_id_entity'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_relation')),
    sa.UniqueConstraint('subject_id', 'predicate', 'object_id', name=op.f('uq_relation_subject_id'))
    )
    with op.batch_alter_table('relation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_relation_object_id'), ['object_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_relation_predicate'), ['predicate'], unique=False)
        batch_op.create_index(batch_op.f('ix_relation_subject_id'), ['subject_id'], unique=False)

    op.create_table('source',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_kind', sa.String(length=24), nullable=False),
    sa.Column('title', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('summary', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('author', sa.String(length=300), nullable=True),
    sa.Column('publisher', sa.String(length=300), nullable=True),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('date_statement', sa.String(length=200), nullable=True),
    sa.Column('date_calendar', sa.String(length=16), nullable=True),
    sa.Column('date_precision', sa.String(length=16), nullable=True),
    sa.Column('date_earliest', sa.Date(), nullable=True),
    sa.Column('date_latest', sa.Date(), nullable=True),
    sa.Column('date_note', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('full_text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['id'], ['entity.id'], name=op.f('fk_source_id_entity'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source'))
    )
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_date_earliest'), ['date_earliest'], unique=False)
        batch_op.create_index(batch_op.f('ix_source_date_latest'), ['date_latest'], unique=False)

    op.create_table('event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_kind', sa.String(length=24), nullable=False),
    sa.Column('title', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('summary', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('date_statement', sa.String(length=200), nullable=True),
    sa.Column('date_calendar', sa.String(length=16), nullable=True),
    sa.Column('date_precision', sa.String(length=16), nullable=True),
    sa.Column('date_earliest', sa.Date(), nullable=True),
    sa.Column('date_latest', sa.Date(), nullable=True),
    sa.Column('date_note', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['id'], ['entity.id'], name=op.f('fk_event_id_entity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['place_id'], ['place.id'], name=op.f('fk_event_place_id_place'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_date_earliest'), ['date_earliest'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_date_latest'), ['date_latest'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_place_id'), ['place_id'], unique=False)

    op.create_table('manuscript',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('collection_id', sa.Integer(), nullable=True),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('title', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('cataloguing_status', sa.Enum('in_progress', 'done', name='cataloguingstatus', native_enum=False, length=24), nullable=False),
    sa.Column('accession_number', sa.String(length=80), nullable=True),
    sa.Column('summary', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('text_languages', catalogue.models.base.StringList(), nullable=False),
    sa.Column('scripts', catalogue.models.base.StringList(), nullable=False),
    sa.Column('subjects', catalogue.models.base.StringList(), nullable=False),
    sa.Column('support', sa.String(length=24), nullable=True),
    sa.Column('support_note', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('folio_count', sa.Integer(), nullable=True),
    sa.Column('extent_note', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('leaf_height_mm', sa.Float(), nullable=True),
    sa.Column('leaf_width_mm', sa.Float(), nullable=True),
    sa.Column('written_height_mm', sa.Float(), nullable=True),
    sa.Column('written_width_mm', sa.Float(), nullable=True),
    sa.Column('columns', sa.Integer(), nullable=True),
    sa.Column('lines_per_page', sa.String(length=40), nullable=True),
    sa.Column('layout_note', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('hands', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('scribe_name', sa.String(length=300), nullable=True),
    sa.Column('decoration', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('binding', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('condition', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('origin_date_statement', sa.String(length=200), nullable=True),
    sa.Column('origin_date_calendar', sa.String(length=16), nullable=True),
    sa.Column('origin_date_precision', sa.String(length=16), nullable=True),
    sa.Column('origin_date_earliest', sa.Date(), nullable=True),
    sa.Column('origin_date_latest', sa.Date(), nullable=True),
    sa.Column('origin_place_id', sa.Integer(), nullable=True),
    sa.Column('origin_note', catalogue.models.base.LocalizedType(), nullable=False),
    sa.ForeignKeyConstraint(['collection_id'], ['collection.id'], name=op.f('fk_manuscript_collection_id_collection'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['id'], ['entity.id'], name=op.f('fk_manuscript_id_entity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['origin_place_id'], ['place.id'], name=op.f('fk_manuscript_origin_place_id_place'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_manuscript'))
    )
    with op.batch_alter_table('manuscript', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_manuscript_collection_id'), ['collection_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_manuscript_origin_date_earliest'), ['origin_date_earliest'], unique=False)
        batch_op.create_index(batch_op.f('ix_manuscript_origin_date_latest'), ['origin_date_latest'], unique=False)
        batch_op.create_index(batch_op.f('ix_manuscript_origin_place_id'), ['origin_place_id'], unique=False)

    op.create_table('contents_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('manuscript_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('locus', sa.String(length=80), nullable=True),
    sa.Column('title', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author_text', sa.String(length=300), nullable=True),
    sa.Column('text_language', sa.String(length=8), nullable=True),
    sa.Column('rubric', sa.Text(), nullable=True),
    sa.Column('incipit', sa.Text(), nullable=True),
    sa.Column('explicit', sa.Text(), nullable=True),
    sa.Column('colophon', sa.Text(), nullable=True),
    sa.Column('note', catalogue.models.base.LocalizedType(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['person.id'], name=op.f('fk_contents_item_author_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['manuscript_id'], ['manuscript.id'], name=op.f('fk_contents_item_manuscript_id_manuscript'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contents_item'))
    )
    with op.batch_alter_table('contents_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contents_item_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contents_item_manuscript_id'), ['manuscript_id'], unique=False)

    op.create_table('page',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('manuscript_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('folio', sa.String(length=20), nullable=False),
    sa.Column('side', sa.Enum('recto', 'verso', 'none', name='side', native_enum=False, length=24), nullable=False),
    sa.Column('image_key', sa.String(length=80), nullable=True),
    sa.Column('width', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', catalogue.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['manuscript_id'], ['manuscript.id'], name=op.f('fk_page_manuscript_id_manuscript'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_page'))
    )
    with op.batch_alter_table('page', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_page_manuscript_id'), ['manuscript_id'], unique=False)

    op.create_table('provenance_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('manuscript_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('summary', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('date_statement', sa.String(length=200), nullable=True),
    sa.Column('date_calendar', sa.String(length=16), nullable=True),
    sa.Column('date_precision', sa.String(length=16), nullable=True),
    sa.Column('date_earliest', sa.Date(), nullable=True),
    sa.Column('date_latest', sa.Date(), nullable=True),
    sa.Column('date_note', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=True),
    sa.Column('agent_id', sa.Integer(), nullable=True),
    sa.Column('agent_text', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['agent_id'], ['person.id'], name=op.f('fk_provenance_entry_agent_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['manuscript_id'], ['manuscript.id'], name=op.f('fk_provenance_entry_manuscript_id_manuscript'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['place_id'], ['place.id'], name=op.f('fk_provenance_entry_place_id_place'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_provenance_entry'))
    )
    with op.batch_alter_table('provenance_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_provenance_entry_agent_id'), ['agent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_provenance_entry_date_earliest'), ['date_earliest'], unique=False)
        batch_op.create_index(batch_op.f('ix_provenance_entry_date_latest'), ['date_latest'], unique=False)
        batch_op.create_index(batch_op.f('ix_provenance_entry_manuscript_id'), ['manuscript_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_provenance_entry_place_id'), ['place_id'], unique=False)

    op.create_table('seal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('manuscript_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('locus', sa.String(length=80), nullable=True),
    sa.Column('legend', sa.Text(), nullable=True),
    sa.Column('legend_translation', catalogue.models.base.LocalizedType(), nullable=False),
    sa.Column('shape', sa.String(length=40), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('owner_text', sa.String(length=300), nullable=True),
    sa.Column('date_statement', sa.String(length=200), nullable=True),
    sa.Column('date_calendar', sa.String(length=16), nullable=True),
    sa.Column('date_precision', sa.String(length=16), nullable=True),
    sa.Column('date_earliest', sa.Date(), nullable=True),
    sa.Column('date_latest', sa.Date(), nullable=True),
    sa.Column('note', catalogue.models.base.LocalizedType(), nullable=False),
    sa.ForeignKeyConstraint(['manuscript_id'], ['manuscript.id'], name=op.f('fk_seal_manuscript_id_manuscript'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_id'], ['person.id'], name=op.f('fk_seal_owner_id_person'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_seal'))
    )
    with op.batch_alter_table('seal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_seal_date_earliest'), ['date_earliest'], unique=False)
        batch_op.create_index(batch_op.f('ix_seal_date_latest'), ['date_latest'], unique=False)
        batch_op.create_index(batch_op.f('ix_seal_manuscript_id'), ['manuscript_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_seal_owner_id'), ['owner_id'], unique=False)

    op.create_table('shelfmark',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('manuscript_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('institution', sa.String(length=300), nullable=False),
    sa.Column('settlement', sa.String(length=120), nullable=True),
    sa.Column('collection', sa.String(length=300), nullable=True),
    sa.Column('idno', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['manuscript_id'], ['manuscript.id'], name=op.f('fk_shelfmark_manuscript_id_manuscript'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shelfmark'))
    )
    with op.batch_alter_table('shelfmark', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shelfmark_manuscript_id'), ['manuscript_id'], unique=False)

    op.create_table('citation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('relation_id', sa.Integer(), nullable=True),
    sa.Column('provenance_id', sa.Integer(), nullable=True),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('locator', sa.String(length=200), nullable=True),
    sa.Column('note', catalogue.models.base.LocalizedType(), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entity.id'], name=op.f('fk_citation_entity_id_entity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['provenance_id'], ['provenance_entry.id'], name=op.f('fk_citation_provenance_id_provenance_entry'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['relation_id'], ['relation.id'], name=op.f('fk_citation_relation_id_relation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_citation_source_id_source'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_citation'))
    )
    with op.batch_alter_table('citation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_citation_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_citation_provenance_id'), ['provenance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_citation_relation_id'), ['relation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_citation_source_id'), ['source_id'], unique=False)

    op.create_table('page_text',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('page_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('transcription', 'translation', name='textkind', native_enum=False, length=24), nullable=False),
    sa.Column('lang', sa.String(length=8), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('made_by', sa.String(length=200), nullable=True),
    sa.Column('status', sa.Enum('checked', 'review', name='status', native_enum=False, length=24), nullable=False),
    sa.Column('updated_at', catalogue.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['page_id'], ['page.id'], name=op.f('fk_page_text_page_id_page'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_page_text')),
    sa.UniqueConstraint('page_id', 'kind', 'lang', name=op.f('uq_page_text_page_id'))
    )
    with op.batch_alter_table('page_text', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_page_text_page_id'), ['page_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('page_text', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_page_text_page_id'))

    op.drop_table('page_text')
    with op.batch_alter_table('citation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_citation_source_id'))
        batch_op.drop_index(batch_op.f('ix_citation_relation_id'))
        batch_op.drop_index(batch_op.f('ix_citation_provenance_id'))
        batch_op.drop_index(batch_op.f('ix_citation_entity_id'))

    op.drop_table('citation')
    with op.batch_alter_table('shelfmark', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shelfmark_manuscript_id'))

    op.drop_table('shelfmark')
    with op.batch_alter_table('seal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_seal_owner_id'))
        batch_op.drop_index(batch_op.f('ix_seal_manuscript_id'))
        batch_op.drop_index(batch_op.f('ix_seal_date_latest'))
        batch_op.drop_index(batch_op.f('ix_seal_date_earliest'))

    op.drop_table('seal')
    with op.batch_alter_table('provenance_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_provenance_entry_place_id'))
        batch_op.drop_index(batch_op.f('ix_provenance_entry_manuscript_id'))
        batch_op.drop_index(batch_op.f('ix_provenance_entry_date_latest'))
        batch_op.drop_index(batch_op.f('ix_provenance_entry_date_earliest'))
        batch_op.drop_index(batch_op.f('ix_provenance_entry_agent_id'))

    op.drop_table('provenance_entry')
    with op.batch_alter_table('page', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_page_manuscript_id'))

    op.drop_table('page')
    with op.batch_alter_table('contents_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contents_item_manuscript_id'))
        batch_op.drop_index(batch_op.f('ix_contents_item_author_id'))

    op.drop_table('contents_item')
    with op.batch_alter_table('manuscript', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_manuscript_origin_place_id'))
        batch_op.drop_index(batch_op.f('ix_manuscript_origin_date_latest'))
        batch_op.drop_index(batch_op.f('ix_manuscript_origin_date_earliest'))
        batch_op.drop_index(batch_op.f('ix_manuscript_collection_id'))

    op.drop_table('manuscript')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_place_id'))
        batch_op.drop_index(batch_op.f('ix_event_date_latest'))
        batch_op.drop_index(batch_op.f('ix_event_date_earliest'))

    op.drop_table('event')
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_date_latest'))
        batch_op.drop_index(batch_op.f('ix_source_date_earliest'))

    op.drop_table('source')
    with op.batch_alter_table('relation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_relation_subject_id'))
        batch_op.drop_index(batch_op.f('ix_relation_predicate'))
        batch_op.drop_index(batch_op.f('ix_relation_object_id'))

    op.drop_table('relation')
    with op.batch_alter_table('place', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_place_parent_id'))

    op.drop_table('place')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_death_latest'))
        batch_op.drop_index(batch_op.f('ix_person_death_earliest'))
        batch_op.drop_index(batch_op.f('ix_person_birth_latest'))
        batch_op.drop_index(batch_op.f('ix_person_birth_earliest'))
        batch_op.drop_index(batch_op.f('ix_person_active_latest'))
        batch_op.drop_index(batch_op.f('ix_person_active_earliest'))

    op.drop_table('person')
    with op.batch_alter_table('name_variant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_name_variant_entity_id'))

    op.drop_table('name_variant')
    op.drop_table('collection')
    op.drop_table('user_account')
    with op.batch_alter_table('entity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entity_kind'))

    op.drop_table('entity')

