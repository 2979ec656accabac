select
    doc_id,
    cast(report_index as integer) as report_index,
    trim(body) as body,
    nullif(trim(subject), '') as subject,
    cast(vote_date as date) as vote_date,
    cast(yes_count as integer) as yes_count,
    cast(no_count as integer) as no_count,
    cast(abstain_count as integer) as abstain_count,
    coalesce(nullif(lower(trim(outcome)), ''), 'unknown') as outcome,
    evidence,
    cast(char_start as integer) as char_start,
    cast(char_end as integer) as char_end,
    load_id
from {{ source('raw', 'vote_reports') }}
