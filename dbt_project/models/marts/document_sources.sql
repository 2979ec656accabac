select
    doc_id,
    source_name,
    first_seen_at
from {{ ref('stg_document_sources') }}
