select
    doc_id,
    source_name,
    cast(first_seen_at as timestamp) as first_seen_at,
    load_id
from {{ source('raw', 'document_sources') }}
