select
    doc_id,
    source_name,
    first_seen_at,
    load_id
from {{ ref('stg_document_sources') }}
