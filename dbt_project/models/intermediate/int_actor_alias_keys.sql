-- Every name and surface a canonical actor is referred to by, with its matching key (macro
-- name_key), once per actor. Statements, vote reports and vote positions find actors by these
-- keys. Kept apart so the regular expressions run once per distinct name: written inline, with
-- a filter on the key, DuckDB pushed that filter into the scan of every reference (1.6M rows
-- in a 100,000-document warehouse, each keyed twice over, in three models).
-- Incremental per actor (macros/changed_actors.sql): the changed actors' rows are deleted, then
-- rebuilt from all their references.
-- depends_on: {{ ref('int_changed_actors') }}
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          pre_hook="{{ delete_changed_actors() }}") }}
with distinct_aliases as materialized (
    -- with the count of mentions under each alias, which marts.actor_aliases sums: one pass
    -- over the references for both
    select alias, actor_type, actor_key, actor_id, count(*) filter (where ref_kind = 'mention') as mention_count
    from (
        select name as alias, actor_type, actor_key, actor_id, ref_kind
        from {{ ref('int_actor_references') }} {{ changed_actors_only() }}
        union all
        select surface, actor_type, actor_key, actor_id, ref_kind
        from {{ ref('int_actor_references') }} {{ changed_actors_only() }}
    ) as aliases
    group by alias, actor_type, actor_key, actor_id
)

select
    alias,
    {{ name_key('alias') }} as alias_key,
    actor_type,
    actor_key,
    actor_id,
    mention_count
from distinct_aliases
