-- Per actor and day: documents mentioning it, statements it made (as the speaker) or that were
-- made for it (speaker affiliation), and votes it cast. Duplicate documents are left out.
-- A vote counts on its vote_date, or, when no report states one, on the date it was first
-- reported (votes.activity_date).
--
-- Incremental per date (macros/activity_increments.sql): a build rebuilds the dates on
-- which a changed document or vote counted or counts.
-- depends_on: {{ ref('int_activity_source_changes') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_changed_dates() }}"
    )
}}

with duplicates as (
    select doc_id from {{ ref('int_document_duplicates') }}
),

dated_documents as materialized (
    -- the documents on the dates built, before their mentions: joined in one step, DuckDB
    -- matched every mention to its document first (0.07 s at 100,000 documents)
    select documents.doc_id, documents.published_date
    from {{ ref('int_documents_dated') }} as documents
    left join duplicates on documents.doc_id = duplicates.doc_id
    where
        documents.published_date is not null
        and duplicates.doc_id is null
        {{ changed_dates_only('documents.published_date', 'and') }}
),

mentioned as (
    select distinct
        refs.actor_id,
        documents.published_date as activity_date,
        refs.doc_id
    from dated_documents as documents
    inner join {{ ref('int_actor_references') }} as refs on documents.doc_id = refs.doc_id
    where refs.ref_kind = 'mention'
),

statements as (
    select
        statements.statement_id,
        statements.statement_date,
        statements.speaker_actor_id,
        statements.speaker_affiliation_actor_id
    from {{ ref('int_statements') }} as statements
    left join duplicates on statements.doc_id = duplicates.doc_id
    where
        statements.statement_date is not null and duplicates.doc_id is null
        {{ changed_dates_only('statements.statement_date', 'and') }}
),

cast_votes as (
    select
        positions.country_actor_id as actor_id,
        votes.activity_date,
        positions.position
    from {{ ref('vote_positions') }} as positions
    inner join {{ ref('votes') }} as votes on positions.vote_id = votes.vote_id
    where
        positions.country_actor_id is not null and votes.activity_date is not null
        {{ changed_dates_only('votes.activity_date', 'and') }}
),

activity as (
    -- one row per thing done, tagged with what it was
    select actor_id, activity_date, 'document' as activity, doc_id as item_id, null as position
    from mentioned
    union all
    select
        speaker_actor_id as actor_id, statement_date as activity_date, 'statement' as activity,
        statement_id as item_id, null as position
    from statements
    where speaker_actor_id is not null
    union all
    select
        speaker_affiliation_actor_id as actor_id, statement_date as activity_date,
        'statement_for' as activity, statement_id as item_id, null as position
    from statements
    where speaker_affiliation_actor_id is not null
    union all
    select actor_id, activity_date, 'vote' as activity, null as item_id, position
    from cast_votes
)

select
    activity_date,
    actor_id,
    -- `mentioned` holds each (actor, day, document) once: a plain count, not count(distinct),
    -- which cost most of this model's time
    cast(count(*) filter (where activity = 'document') as integer) as documents,
    cast(count(*) filter (where activity = 'statement') as integer) as statements,
    cast(count(*) filter (where activity = 'statement_for') as integer) as statements_for,
    cast(count(*) filter (where activity = 'vote') as integer) as votes_cast,
    cast(count(*) filter (where activity = 'vote' and position = 'yes') as integer) as votes_yes,
    cast(count(*) filter (where activity = 'vote' and position = 'no') as integer) as votes_no,
    cast(count(*) filter (where activity = 'vote' and position = 'abstain') as integer) as votes_abstain,
    {{ build_time() }} as built_at
from activity
group by activity_date, actor_id
{{ full_build_order('activity_date') }}
