select
    doc_id,
    source_name,
    lower(source_format) as source_format,
    nullif(trim(title), '') as title,
    cast(metadata_date as date) as metadata_date,
    nullif(trim(source_outlet), '') as source_outlet,
    nullif(trim(url), '') as url,
    encoding,
    original_text,
    clean_text,
    cast(word_count as integer) as word_count,
    cast(ingested_at as timestamp) as ingested_at,
    load_id
from {{ source('raw', 'documents') }}
