-- One row per canonical actor: its display name, type, ISO code (countries), and for a person
-- the affiliation and role named most often across all references.
-- Incremental per actor (macros/changed_actors.sql): the changed actors' rows are deleted, then
-- rebuilt from all their references.
-- depends_on: {{ ref('int_changed_actors') }}
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          pre_hook="{{ delete_changed_actors() }}") }}
with refs as (
    select * from {{ ref('int_actor_references') }} {{ changed_actors_only() }}
),

name_votes as (
    -- the name given most often wins; ties go to the longer (fuller) name, then alphabetical.
    -- Names from mentions outrank speaker labels.
    select
        actor_id,
        name,
        row_number() over (
            partition by actor_id
            order by (ref_kind = 'mention') desc, count(*) desc, length(name) desc, name
        ) as rank_in_actor
    from refs
    group by actor_id, name, ref_kind
),

affiliation_votes as (
    select
        actor_id,
        affiliation,
        row_number() over (
            partition by actor_id order by count(*) desc, length(affiliation) desc, affiliation
        ) as rank_in_actor
    from refs
    where affiliation is not null
    group by actor_id, affiliation
),

role_votes as (
    select
        actor_id,
        role,
        row_number() over (partition by actor_id order by count(*) desc, role) as rank_in_actor
    from refs
    where role is not null
    group by actor_id, role
),

actors as (
    select
        actor_id,
        any_value(actor_type) as actor_type,
        any_value(actor_key) as actor_key,
        mode(country_code) as iso_code
    from refs
    group by actor_id
)

select
    actors.actor_id,
    name_votes.name,
    actors.actor_type,
    actors.actor_key,
    case when actors.actor_type = 'country' then actors.iso_code end as iso_code,
    case when actors.actor_type = 'person' then affiliation_votes.affiliation end as affiliation,
    case when actors.actor_type = 'person' then role_votes.role end as role,
    {{ build_time() }} as built_at
from actors
inner join name_votes
    on actors.actor_id = name_votes.actor_id and name_votes.rank_in_actor = 1
left join affiliation_votes
    on actors.actor_id = affiliation_votes.actor_id and affiliation_votes.rank_in_actor = 1
left join role_votes
    on actors.actor_id = role_votes.actor_id and role_votes.rank_in_actor = 1
