-- Each document with its publication date (metadata first, then the text) and its place in
-- reading order: the order in which "earlier document" is meant for duplicates and merges.
-- The texts stay in raw/staging: copying them here made this table as large as the corpus.
--
-- Incremental per document. A document's row changes only when the document is new, when it
-- is extracted again (its text date; `extractor_version`), or when another inbox file brings
-- the same text (`source_name_count`): each writes a row of the document in a new load
-- (`load_id`, numbered in order by the loader). A build rebuilds the documents with a row in a
-- load after the newest one this table has read (`last_load_id`): filters on a column that
-- grows with the order rows are appended in, which skip older row groups whole. Comparing every
-- document's version and name count with this table instead cost 0.1 s at 100,000 documents.
-- `reading_order` is the document's own sort key, not a row number over all documents, so a
-- new document moves no other row. `added_in_build` tells the later models which documents are
-- new to them (macro held_documents): a new document has no older rows to look up or delete.
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='doc_id',
        on_schema_change='fail'
    )
}}
{%- set newest_load_read = newest_load_read_by(this) if is_incremental() else none %}

with
{%- if newest_load_read is not none %}
changed as (
    select doc_id from {{ ref('stg_documents') }} where load_id > {{ newest_load_read }}
    union
    select doc_id from {{ ref('stg_document_facts') }} where load_id > {{ newest_load_read }}
    union
    select doc_id from {{ ref('stg_document_sources') }} where load_id > {{ newest_load_read }}
),
{%- endif %}

documents as (
    select
        doc_id, source_name, source_format, title, metadata_date, source_outlet, url, encoding,
        word_count, ingested_at, load_id
    from {{ ref('stg_documents') }}
    {%- if newest_load_read is not none %}
    where doc_id in (select changed.doc_id from changed)
    {%- endif %}
),

facts as (
    select
        doc_id,
        min(text_date) as text_date,
        max(extractor_version) as extractor_version,
        max(load_id) as load_id
    from {{ ref('stg_document_facts') }}
    {%- if newest_load_read is not none %}
    where doc_id in (select changed.doc_id from changed)
    {%- endif %}
    group by doc_id
),

sources as (
    select
        doc_id,
        count(*) as source_name_count,
        max(load_id) as load_id
    from {{ ref('stg_document_sources') }}
    {%- if newest_load_read is not none %}
    where doc_id in (select changed.doc_id from changed)
    {%- endif %}
    group by doc_id
),

dated as (
    select
        documents.* exclude (load_id),
        facts.text_date,
        coalesce(documents.metadata_date, facts.text_date) as published_date,
        case
            when documents.metadata_date is not null then 'metadata'
            when facts.text_date is not null then 'text'
            else 'unknown'
        end as date_source,
        coalesce(sources.source_name_count, 1) as source_name_count,
        coalesce(facts.extractor_version, '') as extractor_version,
        documents.load_id as document_load_id,
        -- (greatest leaves nulls out: null only when no row of the document has a number)
        greatest(documents.load_id, facts.load_id, sources.load_id) as last_load_id
    from documents
    left join facts on documents.doc_id = facts.doc_id
    left join sources on documents.doc_id = sources.doc_id
)
{%- if newest_load_read is not none %},

added as (
    -- when each rebuilt document was first added, kept across rebuilds
    select doc_id, added_in_build from {{ this }}
    where doc_id in (select changed.doc_id from changed)
)
{%- endif %}

select
    dated.*,
    -- dated documents first by date, then by ingestion time (each unknown last), name and id;
    -- compared field by field, as a struct compares
    struct_pack(
        date_unknown := published_date is null,
        published_date := coalesce(published_date, date '0001-01-01'),
        ingestion_unknown := ingested_at is null,
        ingested_at := coalesce(ingested_at, timestamp '0001-01-01'),
        source_name_unknown := source_name is null,
        source_name := coalesce(source_name, ''),
        doc_id := dated.doc_id
    ) as reading_order,
    -- the build that first added the document; null when a full build did, which every model
    -- then counts as holding rows of it
    {%- if newest_load_read is not none %}
    case when added.doc_id is null then {{ build_time() }} else added.added_in_build end as added_in_build,
    {%- else %}
    cast(null as timestamp) as added_in_build,
    {%- endif %}
    {{ build_time() }} as built_at
from dated
{%- if newest_load_read is not none %}
left join added on dated.doc_id = added.doc_id
{%- endif %}
{{ full_build_order('doc_id') }}
