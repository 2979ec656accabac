-- One row per canonical actor: its display name, type, ISO code (countries), and for a person
-- the affiliation and role named most often across all references.
-- Incremental per actor (macros/changed_actors.sql): the rows of the actors int_actor_tallies
-- recounted since this model's last build are rebuilt from their tallies, and their older rows
-- deleted after (the build compares the affiliation with the older row's).
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          post_hook=["{{ delete_tallied_actors(after_select=true, by_number=true) }}", "{{ record_build_time() }}"]) }}
with tallies as (
    select * from {{ ref('int_actor_tallies') }}
    where tally = 'references' {{ tallies_written_since('and') }}
),

name_votes as (
    -- the name given most often wins; ties go to the longer (fuller) name, then alphabetical.
    -- Names from mentions outrank speaker labels.
    select
        actor_id,
        name,
        row_number() over (
            partition by actor_id
            order by (ref_kind = 'mention') desc, sum(tally_count) desc, length(name) desc, name
        ) as rank_in_actor
    from tallies
    group by actor_id, name, ref_kind
),

affiliation_votes as (
    select
        actor_id,
        affiliation,
        row_number() over (
            partition by actor_id order by sum(tally_count) desc, length(affiliation) desc, affiliation
        ) as rank_in_actor
    from tallies
    where affiliation is not null
    group by actor_id, affiliation
),

role_votes as (
    select
        actor_id,
        role,
        row_number() over (partition by actor_id order by sum(tally_count) desc, role) as rank_in_actor
    from tallies
    where role is not null
    group by actor_id, role
),

code_votes as (
    -- the code given most often, a tie to the first alphabetically
    select
        actor_id,
        country_code,
        row_number() over (partition by actor_id order by sum(tally_count) desc, country_code) as rank_in_actor
    from tallies
    where country_code is not null
    group by actor_id, country_code
),

actors as (
    select actor_id, any_value(actor_type) as actor_type, any_value(actor_key) as actor_key
    from tallies
    group by actor_id
){%- if is_incremental() %},

previous as (
    -- the rows the table holds of the actors built again (deleted by the post-hook), found by
    -- actor_number (the ids of every actor read to find a handful took 19 ms at 100,000 documents)
    select built.actor_id, built.affiliation, built.affiliation_changed_at
    from ({{ rows_with_keys(this, 'actor_id', 'actor_number', 'select actors.actor_id from actors') }}) as built
)
{%- endif %}

select
    actors.actor_id,
    name_votes.name,
    actors.actor_type,
    actors.actor_key,
    case when actors.actor_type = 'country' then code_votes.country_code end as iso_code,
    case when actors.actor_type = 'person' then affiliation_votes.affiliation end as affiliation,
    case when actors.actor_type = 'person' then role_votes.role end as role,
    {%- if is_incremental() %}
    case
        -- new to the table: only documents built since name the actor, and their statements
        -- are built again anyway
        when previous.actor_id is null then null
        when previous.affiliation is not distinct from case when actors.actor_type = 'person' then affiliation_votes.affiliation end
            then previous.affiliation_changed_at
        else {{ build_time() }}
    end as affiliation_changed_at,
    {%- else %}
    {{ build_time() }} as affiliation_changed_at,
    {%- endif %}
    hash(actors.actor_id) as actor_number,
    {{ build_time() }} as built_at
from actors
inner join name_votes
    on actors.actor_id = name_votes.actor_id and name_votes.rank_in_actor = 1
left join affiliation_votes
    on actors.actor_id = affiliation_votes.actor_id and affiliation_votes.rank_in_actor = 1
left join role_votes
    on actors.actor_id = role_votes.actor_id and role_votes.rank_in_actor = 1
left join code_votes
    on actors.actor_id = code_votes.actor_id and code_votes.rank_in_actor = 1
{%- if is_incremental() %}
left join previous on actors.actor_id = previous.actor_id
{%- endif %}
{{ full_build_order('actor_type, actor_id') }}
