-- Five questions a user asks of the Plenary warehouse, as SQL against the marts.
-- Run them all:   duckdb warehouse/plenary.duckdb < dbt_project/queries.sql
-- The country asked about is a parameter; any name the warehouse knows it by works (an alias
-- from marts.actor_aliases: "Russia", "Russian Federation", "Moscow" if the texts use it).
-- tests/test_dbt_queries.py runs each block (split on the `-- name:` lines).

set variable country = 'China';

-- name: votes_by_body_and_outcome_per_year
-- How many votes each body took per year, by outcome. A vote no report dates is counted in
-- the year it was first reported; one with no date at all is listed under a null year.
select
    year(activity_date) as year,
    body,
    outcome,
    count(*) as votes,
    sum(source_count) as reports
from marts.votes
group by all
order by year nulls last, body, outcome;

-- name: votes_opposed_by_country
-- Every vote the country voted against (vetoes included), newest first.
select
    votes.vote_id,
    votes.vote_date,
    votes.first_reported_date,
    votes.body,
    votes.subject,
    votes.outcome,
    positions.is_veto,
    votes.yes_count,
    votes.no_count,
    votes.abstain_count,
    votes.source_count
from marts.vote_positions as positions
inner join marts.votes as votes on positions.vote_id = votes.vote_id
where positions.position = 'no'
    and positions.country_actor_id in (
        select actor_id from marts.actor_aliases where lower(alias) = lower(getvariable('country'))
    )
order by votes.activity_date desc nulls last, votes.body;

-- name: speakers_for_country
-- Who spoke for the country, and when: each speaker (named or described) with the number of
-- statements and the dates (duplicate documents left out).
with country as (
    select distinct actor_id from marts.actor_aliases where lower(alias) = lower(getvariable('country'))
)

select
    coalesce(actors.name, statements.speaker_name) as speaker,
    actors.role,
    count(*) as statements,
    min(statements.statement_date) as first_date,
    max(statements.statement_date) as last_date,
    list(distinct statements.statement_date order by statements.statement_date)
        filter (where statements.statement_date is not null) as dates
from marts.statements as statements
left join marts.actors as actors on statements.speaker_actor_id = actors.actor_id
where not statements.in_duplicate_document
    and (
        statements.speaker_affiliation_actor_id in (select actor_id from country)
        or actors.affiliation in (select name from marts.actors where actor_id in (select actor_id from country))
    )
group by all
order by statements desc, speaker;

-- name: most_quoted_actors
-- The people quoted most often (each statement once: duplicate documents left out).
select
    actors.name,
    actors.affiliation,
    count(*) as statements,
    count(*) filter (where statements.is_direct) as direct_quotes,
    count(distinct statements.doc_id) as documents
from marts.statements as statements
inner join marts.actors as actors on statements.speaker_actor_id = actors.actor_id
where not statements.in_duplicate_document
group by all
order by statements desc, documents desc, actors.name
limit 20;

-- name: country_activity_by_week
-- The country's activity week by week: documents mentioning it, statements by its speakers,
-- and how it voted.
select
    date_trunc('week', activity.activity_date) as week,
    sum(activity.documents) as documents,
    sum(activity.statements + activity.statements_for) as statements,
    sum(activity.votes_cast) as votes_cast,
    sum(activity.votes_yes) as votes_yes,
    sum(activity.votes_no) as votes_no,
    sum(activity.votes_abstain) as votes_abstain
from marts.actor_activity_by_date as activity
where activity.actor_id in (
    select actor_id from marts.actor_aliases where lower(alias) = lower(getvariable('country'))
)
group by all
order by week;
