-- UN rule: the Security Council adopts a draft only with at least nine votes in favour and no
-- veto (a no by a permanent member). Returns each adopted Council vote with fewer than nine
-- yes (where the yes count is known) or a recorded veto.
{{ config(meta={'dagster': {'ref': {'name': 'votes'}}}) }}

with votes as (
    select * from {{ rows_to_test(ref('votes')) }}
),

vetoes as (
    select vote_id, count(*) as veto_count
    from {{ ref('vote_positions') }}
    where is_veto and vote_id in (select votes.vote_id from votes)
    group by vote_id
)

select
    votes.vote_id,
    votes.yes_count,
    coalesce(vetoes.veto_count, 0) as veto_count
from votes
left join vetoes on votes.vote_id = vetoes.vote_id
where
    votes.body_family = 'SC'
    and votes.outcome = 'adopted'
    and (votes.yes_count < 9 or coalesce(vetoes.veto_count, 0) > 0)
