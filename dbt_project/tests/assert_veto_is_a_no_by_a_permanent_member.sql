-- UN rule: a veto is a vote against by a permanent member of the Security Council, in the
-- Council. Returns each position marked as a veto that is cast by another country, is not a
-- no, or belongs to a vote of another body.
{{ config(meta={'dagster': {'ref': {'name': 'vote_positions'}}}) }}

select
    positions.vote_id,
    positions.country,
    positions.position,
    votes.body
from {{ rows_to_test(ref('vote_positions')) }} as positions
inner join {{ ref('votes') }} as votes on positions.vote_id = votes.vote_id
where
    positions.is_veto
    and (
        not {{ is_permanent_member('positions.country_code', 'positions.country') }}
        or positions.position <> 'no'
        or votes.body_family <> 'SC'
    )
