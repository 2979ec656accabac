select
    doc_id,
    cast(text_date as date) as text_date,
    extractor_version,
    load_id
from {{ source('raw', 'document_facts') }}
