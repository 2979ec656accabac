select
    doc_id,
    surface,
    cast(char_start as integer) as char_start,
    cast(char_end as integer) as char_end,
    trim(actor_name) as actor_name,
    lower(trim(actor_type)) as actor_type,
    upper(nullif(trim(country_code), '')) as country_code,
    nullif(trim(affiliation), '') as affiliation,
    nullif(lower(trim(role)), '') as role,
    load_id
from {{ source('raw', 'mentions') }}
