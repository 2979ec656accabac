-- Every country named in a vote position must be a known country: an actor of type country
-- (found by extraction as a country, or carrying an ISO code). Returns the others.
{{ config(meta={'dagster': {'ref': {'name': 'vote_positions'}}}) }}

select
    positions.vote_id,
    positions.country
from {{ rows_to_test(ref('vote_positions')) }} as positions
left join {{ ref('actors') }} as actors
    on positions.country = actors.name and actors.actor_type = 'country'
where actors.actor_id is null
