select
    doc_id,
    cast(report_index as integer) as report_index,
    trim(country) as country,
    upper(nullif(trim(country_code), '')) as country_code,
    lower(trim(position)) as position,
    coalesce(is_veto, false) as is_veto,
    load_id
from {{ source('raw', 'vote_report_positions') }}
