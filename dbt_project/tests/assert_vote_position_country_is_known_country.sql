-- Every country named in a vote position must be a known country: an actor of type country
-- (found by extraction as a country, or carrying an ISO code). Returns the others.
{{ config(meta={'dagster': {'ref': {'name': 'vote_positions'}}}) }}

with positions as (
    select * from {{ rows_to_test(ref('vote_positions')) }}
),

countries as (
    select actor_id, name from {{ ref('actors') }}
    where actor_type = 'country' and name in (select positions.country from positions)
)

select
    positions.vote_id,
    positions.country
from positions
left join countries as actors on positions.country = actors.name
where actors.actor_id is null
