-- Per actor, the sums the actor models are computed from: how many references give each name,
-- surface, affiliation, role and code ('references'), and per publication date how many
-- documents name the actor and how many mention it ('documents').
-- Incremental by differences (macros/changed_actors.sql): the sums of each actor whose
-- references changed, plus the references written since the last build, less those replaced
-- since that it had counted; all the actor's rows are written again, the older ones deleted by
-- the post-hook. An actor no reference names any more keeps one row, tally 'none'.
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        post_hook=[
            "{{ delete_retallied_actors() }}",
            "{{ prune_replaced_references() }}",
            "{{ record_build_time() }}"
        ]
    )
}}
{%- set since = last_build_time() %}
{%- set recount = since is none or references_recounted_since(since) %}
{%- set tally_columns -%}
    actor_id, actor_type, actor_key, tally, ref_kind, name, surface, affiliation, role, country_code, published_date
{%- endset %}

{% if recount -%}
select {{ tally_columns }}, tally_count, {{ build_time() }} as built_at
from ({{ actor_tally_rows(ref('int_actor_references')) }}) as counted
{%- else -%}
with references_now as (
    -- all written since: the filter on built_at skips the older row groups
    select {{ tallied_columns() }} from {{ ref('int_actor_references') }}
    where built_at > timestamp '{{ since }}'
),

references_then as (
    select {{ tallied_columns() }} from {{ replaced_references_table() }}
    where replaced_at > timestamp '{{ since }}' and built_at <= timestamp '{{ since }}'
),

differences as (
    {{ actor_tally_rows('references_now') }}
    union all
    {{ actor_tally_rows('references_then', '-') }}
),

retallied as materialized (
    select distinct actor_id from differences
),

summed as (
    select {{ tally_columns }}, cast(sum(tally_count) as bigint) as tally_count
    from (
        select {{ tally_columns }}, tally_count
        from {{ this }}
        where tally <> 'none' and actor_id in (select retallied.actor_id from retallied)
        union all
        select {{ tally_columns }}, tally_count from differences
    ) as counted
    group by all
    having sum(tally_count) > 0
)

select *, {{ build_time() }} as built_at from summed
union all
select
    actor_id, null as actor_type, null as actor_key, 'none' as tally, null as ref_kind, null as name,
    null as surface, null as affiliation, null as role, null as country_code,
    cast(null as date) as published_date, cast(0 as bigint) as tally_count, {{ build_time() }} as built_at
from retallied
where actor_id not in (select summed.actor_id from summed)
{%- endif %}
