-- Per day: documents published, votes taken (on vote_date, else first reported), statements
-- made, and distinct actors active (mentioned, speaking, spoken for, or voting). Documents that
-- duplicate an earlier one, and their statements, are not counted.
with documents as (
    select doc_id, published_date as activity_date
    from {{ ref('documents') }}
    where published_date is not null and duplicate_of is null
),

votes as (
    select vote_id, activity_date from {{ ref('votes') }} where activity_date is not null
),

statements as (
    select statement_id, statement_date as activity_date
    from {{ ref('statements') }}
    where statement_date is not null and not in_duplicate_document
),

actors as (
    select activity_date, actor_id from {{ ref('actor_activity_by_date') }}
),

dates as (
    select activity_date from documents
    union
    select activity_date from votes
    union
    select activity_date from statements
    union
    select activity_date from actors
)

select
    dates.activity_date,
    cast((select count(*) from documents as d where d.activity_date = dates.activity_date) as integer)
        as document_count,
    cast((select count(*) from votes as v where v.activity_date = dates.activity_date) as integer)
        as vote_count,
    cast((select count(*) from statements as s where s.activity_date = dates.activity_date) as integer)
        as statement_count,
    cast((select count(distinct actor_id) from actors as a where a.activity_date = dates.activity_date)
        as integer) as actor_count
from dates
