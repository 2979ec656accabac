-- Per actor, the sums the actor models are computed from: how many references give each name,
-- surface, affiliation, role and code ('references'), and how many documents name the actor
-- and mention it, with the first and last date of the latter ('documents').
-- Incremental by differences (macros/changed_actors.sql): the sums of each actor whose
-- references changed, plus the references written since the last build, less those replaced
-- since that it had counted; all the actor's rows are written again, the older ones deleted by
-- the post-hook. The first or last date is looked up again only when a document on that date
-- was taken out. An actor no reference names any more keeps one row, tally 'none'.
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
{%- set reference_columns -%}
    actor_id, actor_type, actor_key, tally, ref_kind, name, surface, affiliation, role, country_code
{%- endset %}

{% if recount -%}
with reference_tallies as (
    {{ reference_tally_rows(ref('int_actor_references')) }}
),

document_tallies as (
    select
        actor_id, any_value(actor_type) as actor_type, any_value(actor_key) as actor_key, ref_kind,
        count(*) as tally_count, min(published_date) as first_seen, max(published_date) as last_seen
    from ({{ documents_naming_actors(ref('int_actor_references')) }}) as naming
    group by actor_id, ref_kind
)
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

reference_differences as (
    {{ reference_tally_rows('references_now') }}
    union all
    {{ reference_tally_rows('references_then', '-') }}
),

document_differences as (
    select
        actor_id, any_value(actor_type) as actor_type, any_value(actor_key) as actor_key, ref_kind,
        sum(sign) as tally_count,
        min(published_date) filter (where sign > 0) as first_added,
        max(published_date) filter (where sign > 0) as last_added,
        min(published_date) filter (where sign < 0) as first_removed,
        max(published_date) filter (where sign < 0) as last_removed
    from (
        select *, 1 as sign from ({{ documents_naming_actors('references_now') }}) as now_naming
        union all
        select *, -1 as sign from ({{ documents_naming_actors('references_then') }}) as then_naming
    ) as naming
    group by actor_id, ref_kind
),

retallied as materialized (
    select actor_id from reference_differences
    union
    select actor_id from document_differences
),

built as materialized (
    -- the rows of the actors to count again: found by their actor_number, then read whole
    -- (matching the ids of every row read every column: 50 ms at 100,000 documents, 15 now)
    select * from (
        select * from {{ this }}
        where rowid in ({{ rows_of_actors('select retallied.actor_id from retallied') }})
    ) as candidates
    where actor_id in (select retallied.actor_id from retallied) and tally <> 'none'
),

reference_tallies as (
    select {{ reference_columns }}, cast(sum(tally_count) as bigint) as tally_count
    from (
        select {{ reference_columns }}, tally_count from built where tally = 'references'
        union all
        select {{ reference_columns }}, tally_count from reference_differences
    ) as counted
    group by all
    having sum(tally_count) > 0
),

documents_counted as (
    select
        coalesce(built.actor_id, differences.actor_id) as actor_id,
        coalesce(built.actor_type, differences.actor_type) as actor_type,
        coalesce(built.actor_key, differences.actor_key) as actor_key,
        coalesce(built.ref_kind, differences.ref_kind) as ref_kind,
        coalesce(built.tally_count, 0) + coalesce(differences.tally_count, 0) as tally_count,
        least(built.first_seen, differences.first_added) as first_seen,
        greatest(built.last_seen, differences.last_added) as last_seen,
        -- a document on the first or last date was taken out: the dates are looked up again
        coalesce(
            differences.first_removed <= built.first_seen or differences.last_removed >= built.last_seen, false
        ) as dates_lost
    from (select * from built where tally = 'documents') as built
    full outer join document_differences as differences
        on built.actor_id = differences.actor_id and built.ref_kind is not distinct from differences.ref_kind
),

dates_again as (
    -- (usually no actor: then nothing is read)
    select naming.actor_id, naming.ref_kind, min(naming.published_date) as first_seen, max(naming.published_date) as last_seen
    from ({{ documents_naming_actors(
        "(select * from " ~ ref('int_actor_references') ~ " where actor_id in (select actor_id from documents_counted where dates_lost))"
    ) }}) as naming
    group by naming.actor_id, naming.ref_kind
),

document_tallies as (
    select
        counted.actor_id, counted.actor_type, counted.actor_key, counted.ref_kind,
        cast(counted.tally_count as bigint) as tally_count,
        case when counted.dates_lost then dates_again.first_seen else counted.first_seen end as first_seen,
        case when counted.dates_lost then dates_again.last_seen else counted.last_seen end as last_seen
    from documents_counted as counted
    left join dates_again
        on counted.actor_id = dates_again.actor_id and counted.ref_kind is not distinct from dates_again.ref_kind
    where counted.tally_count > 0
)
{%- endif %},

tallies as (
    select {{ reference_columns }}, tally_count, cast(null as date) as first_seen, cast(null as date) as last_seen
    from reference_tallies
    union all
    select
        actor_id, actor_type, actor_key, 'documents' as tally, ref_kind, null as name, null as surface,
        null as affiliation, null as role, null as country_code, tally_count, first_seen, last_seen
    from document_tallies
)

select *, hash(actor_id) as actor_number, {{ build_time() }} as built_at from tallies
{%- if not recount %}
union all
select
    actor_id, null as actor_type, null as actor_key, 'none' as tally, null as ref_kind, null as name,
    null as surface, null as affiliation, null as role, null as country_code, cast(0 as bigint) as tally_count,
    cast(null as date) as first_seen, cast(null as date) as last_seen, hash(actor_id) as actor_number,
    {{ build_time() }} as built_at
from retallied
where actor_id not in (select tallies.actor_id from tallies)
{%- endif %}
{{ full_build_order('actor_number') }}
