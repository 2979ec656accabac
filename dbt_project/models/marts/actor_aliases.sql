-- Every way an actor is written (surfaces and per-document canonical names), once per actor.
-- Counted in int_actor_alias_keys, per alias as written; here per trimmed alias.
-- Incremental per actor (macros/changed_actors.sql): the rows of the actors int_actor_tallies
-- recounted since this model's last build are deleted, then rebuilt.
-- depends_on: {{ ref('int_actor_tallies') }}
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          pre_hook="{{ delete_tallied_actors(by_number=true) }}", post_hook="{{ record_build_time() }}") }}
select
    trim(alias) as alias,
    actor_id,
    cast(sum(mention_count) as integer) as mention_count,
    any_value(actor_number) as actor_number,
    {{ build_time() }} as built_at
from {{ ref('int_actor_alias_keys') }}
where
    alias is not null and trim(alias) <> ''
    {{ tallies_written_since('and') }}
group by trim(alias), actor_id
{{ full_build_order('actor_id') }}
