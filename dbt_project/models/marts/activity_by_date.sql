-- Per day: documents published, votes taken (on vote_date, else first reported), statements
-- made, and distinct actors active (mentioned, speaking, spoken for, or voting). Documents that
-- duplicate an earlier one, and their statements, are not counted.
--
-- Incremental per date, as actor_activity_by_date (macros/activity_increments.sql).
-- depends_on: {{ ref('int_activity_source_changes') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_changed_dates() }}"
    )
}}

with documents as (
    select published_date as activity_date, 'document' as activity, doc_id as item_id
    from {{ ref('documents') }}
    where
        published_date is not null and duplicate_of is null
        {{ changed_dates_only('published_date', 'and') }}
),

votes as (
    select activity_date, 'vote' as activity, vote_id as item_id
    from {{ ref('votes') }}
    where activity_date is not null {{ changed_dates_only(keyword='and') }}
),

statements as (
    select statement_date as activity_date, 'statement' as activity, statement_id as item_id
    from {{ ref('statements') }}
    where
        statement_date is not null and not in_duplicate_document
        {{ changed_dates_only('statement_date', 'and') }}
),

actors as (
    select activity_date, 'actor' as activity, actor_id as item_id
    from {{ ref('actor_activity_by_date') }}
    {{ changed_dates_only() }}
),

activity as (
    select * from documents
    union all
    select * from votes
    union all
    select * from statements
    union all
    select * from actors
)

select
    activity_date,
    cast(count(distinct item_id) filter (where activity = 'document') as integer) as document_count,
    cast(count(distinct item_id) filter (where activity = 'vote') as integer) as vote_count,
    cast(count(distinct item_id) filter (where activity = 'statement') as integer) as statement_count,
    cast(count(distinct item_id) filter (where activity = 'actor') as integer) as actor_count
from activity
group by activity_date
