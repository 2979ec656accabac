select
    doc_id,
    cast(statement_index as integer) as statement_index,
    trim(speaker_name) as speaker_name,
    speaker_is_person,
    nullif(trim(speaker_affiliation), '') as speaker_affiliation,
    quote,
    coalesce(is_direct, false) as is_direct,
    cast(statement_date as date) as text_statement_date,
    cast(char_start as integer) as char_start,
    cast(char_end as integer) as char_end,
    load_id
from {{ source('raw', 'statements') }}
