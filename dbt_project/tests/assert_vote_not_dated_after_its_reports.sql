-- A vote cannot be taken after the documents that report it were published: a vote dated
-- later (by more than a day, for time zones) is a misread date or a future vote ("the full
-- Assembly will vote next month") read as a vote taken. A warning: a document's own date can
-- be wrong too.
{{ config(severity='warn', meta={'dagster': {'ref': {'name': 'votes'}}}) }}

select
    vote_id,
    vote_date,
    first_reported_date
from {{ rows_to_test(ref('votes')) }} as votes
where vote_date > first_reported_date + 1
