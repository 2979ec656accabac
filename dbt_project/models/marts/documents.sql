with documents as (
    select * from {{ ref('int_documents_dated') }}
),

duplicates as (
    select * from {{ ref('int_document_duplicates') }}
)

select
    documents.doc_id,
    documents.source_name,
    documents.title,
    documents.published_date,
    documents.date_source,
    documents.word_count,
    duplicates.duplicate_of,
    duplicates.duplicate_of is not null as is_duplicate,
    documents.metadata_date,
    documents.text_date,
    documents.source_format,
    documents.source_outlet,
    documents.url,
    documents.encoding,
    cast(documents.source_name_count as integer) as source_name_count,
    documents.ingested_at,
    documents.built_at
from documents
left join duplicates on documents.doc_id = duplicates.doc_id
