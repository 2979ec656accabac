-- Each document with its publication date (metadata first, then the text) and its place in
-- reading order: the order in which "earlier document" is meant for duplicates and merges.
-- The texts stay in raw/staging: copying them here made this table as large as the corpus.
with documents as (
    select
        doc_id, source_name, source_format, title, metadata_date, source_outlet, url, encoding,
        word_count, ingested_at
    from {{ ref('stg_documents') }}
),

facts as (
    select
        doc_id,
        min(text_date) as text_date
    from {{ ref('stg_document_facts') }}
    group by doc_id
),

sources as (
    select
        doc_id,
        count(*) as source_name_count
    from {{ ref('stg_document_sources') }}
    group by doc_id
),

dated as (
    select
        documents.*,
        facts.text_date,
        coalesce(documents.metadata_date, facts.text_date) as published_date,
        case
            when documents.metadata_date is not null then 'metadata'
            when facts.text_date is not null then 'text'
            else 'unknown'
        end as date_source,
        coalesce(sources.source_name_count, 1) as source_name_count
    from documents
    left join facts on documents.doc_id = facts.doc_id
    left join sources on documents.doc_id = sources.doc_id
)

select
    *,
    row_number() over (
        order by published_date asc nulls last, ingested_at asc nulls last, source_name asc, doc_id asc
    ) as doc_order
from dated
