with statements as (
    select * from {{ ref('int_statements') }}
),

duplicates as (
    select * from {{ ref('int_document_duplicates') }}
)

select
    statements.statement_id,
    statements.doc_id,
    statements.statement_index,
    statements.statement_date,
    statements.statement_date_source,
    statements.speaker_actor_id,
    statements.speaker_name,
    statements.speaker_affiliation,
    statements.speaker_affiliation_actor_id,
    statements.quote,
    statements.is_direct,
    duplicates.duplicate_of is not null as in_duplicate_document,
    statements.char_start,
    statements.char_end
from statements
left join duplicates on statements.doc_id = duplicates.doc_id
