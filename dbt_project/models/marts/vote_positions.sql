select
    vote_id,
    country,
    position,
    is_veto,
    country_actor_id,
    country_code,
    cast(report_count as integer) as report_count,
    has_conflict,
    built_at
from {{ ref('int_vote_positions') }}
