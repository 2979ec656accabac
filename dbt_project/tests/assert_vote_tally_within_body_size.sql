-- UN rule: a tally cannot hold more votes than the body has members (Security Council 15,
-- General Assembly and its committees 193, Human Rights Council 47), nor a negative count.
-- Returns each vote that breaks it.
{{ config(meta={'dagster': {'ref': {'name': 'votes'}}}) }}

select
    vote_id,
    body,
    yes_count,
    no_count,
    abstain_count,
    {{ body_size('body_family') }} as body_size
from {{ rows_to_test(ref('votes')) }} as votes
where
    coalesce(yes_count, 0) < 0
    or coalesce(no_count, 0) < 0
    or coalesce(abstain_count, 0) < 0
    or coalesce(yes_count, 0) + coalesce(no_count, 0) + coalesce(abstain_count, 0)
    > {{ body_size('body_family') }}
