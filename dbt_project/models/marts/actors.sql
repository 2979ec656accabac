-- Incremental per actor (macros/changed_actors.sql): the changed actors' rows are deleted, then
-- rebuilt from all their references.
-- depends_on: {{ ref('int_changed_actors') }}
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
          pre_hook="{{ delete_changed_actors() }}") }}
with actors as (
    select * from {{ ref('int_actors') }} {{ changed_actors_only() }}
),

mentions as (
    select
        refs.actor_id,
        count(*) as mention_count,
        count(distinct refs.doc_id) as document_count,
        min(documents.published_date) as first_seen,
        max(documents.published_date) as last_seen
    from {{ ref('int_actor_references') }} as refs
    inner join {{ ref('int_documents_dated') }} as documents on refs.doc_id = documents.doc_id
    where
        refs.ref_kind = 'mention'
        {{ changed_actors_only('and', 'refs.actor_id') }}
    group by refs.actor_id
),

referencing_documents as (
    select actor_id, count(distinct doc_id) as referencing_documents
    from {{ ref('int_actor_references') }}
    {{ changed_actors_only() }}
    group by actor_id
)

select
    actors.actor_id,
    actors.name,
    actors.actor_type,
    actors.affiliation,
    actors.role,
    actors.iso_code,
    cast(coalesce(mentions.mention_count, 0) as integer) as mention_count,
    cast(coalesce(mentions.document_count, 0) as integer) as document_count,
    mentions.first_seen,
    mentions.last_seen,
    cast(referencing_documents.referencing_documents as integer) as referencing_documents,
    {{ build_time() }} as built_at
from actors
left join mentions on actors.actor_id = mentions.actor_id
left join referencing_documents on actors.actor_id = referencing_documents.actor_id
