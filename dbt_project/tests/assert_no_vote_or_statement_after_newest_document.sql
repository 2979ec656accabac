-- Nothing can have happened after the newest document was written: returns each vote and
-- statement dated after the latest published_date of any document (a misread date).
{{ config(meta={'dagster': {'ref': {'name': 'votes'}}}) }}

with newest as (
    select max(published_date) as newest_date from {{ ref('documents') }}
)

select 'vote' as kind, votes.vote_id as id, votes.vote_date as dated, newest.newest_date
from {{ rows_to_test(ref('votes')) }} as votes
cross join newest
where votes.vote_date > newest.newest_date

union all

select
    'statement' as kind,
    statements.statement_id as id,
    statements.statement_date as dated,
    newest.newest_date
from {{ rows_to_test(ref('statements')) }} as statements
cross join newest
where statements.statement_date > newest.newest_date
