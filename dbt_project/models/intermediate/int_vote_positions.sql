-- Country positions per merged vote: the position of the highest-ranked report naming the
-- country, a veto if any report calls it one, the country resolved to its canonical actor.
with members as (
    select vote_id, doc_id, report_index, vote_rank from {{ ref('int_vote_members') }}
),

positions as (
    select * from {{ ref('stg_vote_report_positions') }}
),

country_keys as (
    select distinct alias_key, actor_id
    from {{ ref('int_actor_alias_keys') }}
    where actor_type = 'country'
),

unique_country_keys as (
    select alias_key, min(actor_id) as actor_id
    from country_keys
    where alias_key is not null
    group by alias_key
    having count(distinct actor_id) = 1
),

country_lookup as (
    -- each distinct country name as written, keyed once, with the actor its key names
    select names.country, unique_country_keys.actor_id
    from (
        select country, {{ name_key('country') }} as alias_key
        from (select distinct country from positions where country is not null) as distinct_countries
    ) as names
    inner join unique_country_keys on names.alias_key = unique_country_keys.alias_key
),

countries as (
    select actor_id, name, iso_code from {{ ref('int_actors') }}
    where actor_type = 'country'
),

reported as (
    select
        members.vote_id,
        members.doc_id,
        members.report_index,
        members.vote_rank,
        positions.country as reported_country,
        positions.position,
        positions.is_veto,
        coalesce(by_code.actor_id, country_lookup.actor_id) as country_actor_id
    from positions
    inner join members
        on positions.doc_id = members.doc_id and positions.report_index = members.report_index
    left join countries as by_code on positions.country_code = by_code.iso_code
    left join country_lookup on positions.country = country_lookup.country
),

resolved as (
    select
        reported.*,
        coalesce(countries.name, reported.reported_country) as country,
        countries.iso_code as country_code
    from reported
    left join countries on reported.country_actor_id = countries.actor_id
)

select
    vote_id,
    country,
    any_value(country_actor_id) as country_actor_id,
    any_value(country_code) as country_code,
    arg_min(position, vote_rank) as position,
    bool_or(is_veto) as is_veto,
    count(distinct doc_id) as report_count,
    count(distinct position) > 1 as has_conflict,
    list(distinct position order by position) as reported_positions
from resolved
group by vote_id, country
