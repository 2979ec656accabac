-- UN rule: only the Security Council's permanent members (China, France, Russia, the United
-- Kingdom, the United States) can veto. Returns each `vetoed` vote that is not a Council vote
-- or names no veto by a permanent member.
{{ config(meta={'dagster': {'ref': {'name': 'votes'}}}) }}

with votes as (
    select * from {{ rows_to_test(ref('votes')) }}
),

permanent_vetoes as (
    select vote_id, count(*) as veto_count
    from {{ ref('vote_positions') }}
    where
        is_veto and {{ is_permanent_member('country_code', 'country') }}
        and vote_id in (select votes.vote_id from votes)
    group by vote_id
)

select
    votes.vote_id,
    votes.body,
    coalesce(permanent_vetoes.veto_count, 0) as permanent_member_vetoes
from votes
left join permanent_vetoes on votes.vote_id = permanent_vetoes.vote_id
where
    votes.outcome = 'vetoed'
    and (votes.body_family <> 'SC' or permanent_vetoes.veto_count is null)
