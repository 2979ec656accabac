select
    doc_id,
    cast(value as double) as value,
    nullif(lower(trim(unit)), '') as unit,
    coalesce(nullif(lower(trim(kind)), ''), 'other') as kind,
    coalesce(is_approximate, false) as is_approximate,
    surface,
    cast(char_start as integer) as char_start,
    cast(char_end as integer) as char_end,
    load_id
from {{ source('raw', 'numbers') }}
