-- Every name and surface a canonical actor is referred to by, with its matching key (macro
-- name_key), once per actor. Statements, vote reports and vote positions find actors by these
-- keys. Kept apart so the regular expressions run once per distinct name: written inline, with
-- a filter on the key, DuckDB pushed that filter into the scan of every reference (1.6M rows
-- in a 100,000-document warehouse, each keyed twice over, in three models).
-- Incremental per actor (macros/changed_actors.sql): the rows of the actors int_actor_tallies
-- recounted since this model's last build are deleted, then rebuilt from their tallies.
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          pre_hook="{{ delete_tallied_actors(by_number=true) }}", post_hook="{{ record_build_time() }}") }}
with distinct_aliases as materialized (
    -- with the count of mentions under each alias, which marts.actor_aliases sums
    select alias, actor_type, actor_key, actor_id, sum(tally_count) filter (where ref_kind = 'mention') as mention_count
    from (
        select name as alias, actor_type, actor_key, actor_id, ref_kind, tally_count
        from {{ ref('int_actor_tallies') }}
        where tally = 'references' {{ tallies_written_since('and') }}
        union all
        select surface, actor_type, actor_key, actor_id, ref_kind, tally_count
        from {{ ref('int_actor_tallies') }}
        where tally = 'references' {{ tallies_written_since('and') }}
    ) as aliases
    group by alias, actor_type, actor_key, actor_id
)

select
    alias,
    {{ name_key('alias') }} as alias_key,
    actor_type,
    actor_key,
    actor_id,
    cast(coalesce(mention_count, 0) as bigint) as mention_count,
    hash(actor_id) as actor_number,
    {{ build_time() }} as built_at
from distinct_aliases
{{ full_build_order('actor_type, actor_id') }}
