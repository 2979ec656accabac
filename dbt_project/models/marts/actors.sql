-- Incremental per actor (macros/changed_actors.sql): the rows of the actors int_actor_tallies
-- recounted since this model's last build are deleted, then rebuilt from their tallies.
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          pre_hook="{{ delete_tallied_actors(by_number=true) }}", post_hook="{{ record_build_time() }}") }}
with tallies as (
    select * from {{ ref('int_actor_tallies') }}
    where tally in ('references', 'documents') {{ tallies_written_since('and') }}
),

counts as (
    select
        actor_id,
        sum(tally_count) filter (where tally = 'references' and ref_kind = 'mention') as mention_count,
        sum(tally_count) filter (where tally = 'documents' and ref_kind = 'mention') as document_count,
        min(first_seen) filter (where tally = 'documents' and ref_kind = 'mention') as first_seen,
        max(last_seen) filter (where tally = 'documents' and ref_kind = 'mention') as last_seen,
        sum(tally_count) filter (where tally = 'documents' and ref_kind is null) as referencing_documents
    from tallies
    group by actor_id
)

select
    actors.actor_id,
    actors.name,
    actors.actor_type,
    actors.affiliation,
    actors.role,
    actors.iso_code,
    cast(coalesce(counts.mention_count, 0) as integer) as mention_count,
    cast(coalesce(counts.document_count, 0) as integer) as document_count,
    counts.first_seen,
    counts.last_seen,
    cast(counts.referencing_documents as integer) as referencing_documents,
    actors.actor_number,
    {{ build_time() }} as built_at
from (select * from {{ ref('int_actors') }} {{ tallies_written_since() }}) as actors
inner join counts on actors.actor_id = counts.actor_id
{{ full_build_order('actor_id') }}
