-- Per actor and day: documents mentioning it, statements it made (as the speaker) or that were
-- made for it (speaker affiliation), and votes it cast. Duplicate documents are left out.
-- A vote counts on its vote_date, or, when no report states one, on the date it was first
-- reported (votes.activity_date).
with duplicates as (
    select doc_id from {{ ref('int_document_duplicates') }}
),

mentioned as (
    select distinct refs.actor_id, documents.published_date as activity_date, refs.doc_id
    from {{ ref('int_actor_references') }} as refs
    inner join {{ ref('int_documents_dated') }} as documents on refs.doc_id = documents.doc_id
    where refs.ref_kind = 'mention'
        and documents.published_date is not null
        and refs.doc_id not in (select doc_id from duplicates)
),

statements as (
    select statement_id, statement_date, speaker_actor_id, speaker_affiliation_actor_id
    from {{ ref('int_statements') }}
    where statement_date is not null
        and doc_id not in (select doc_id from duplicates)
),

spoken as (
    select speaker_actor_id as actor_id, statement_date as activity_date, statement_id
    from statements
    where speaker_actor_id is not null
),

spoken_for as (
    select speaker_affiliation_actor_id as actor_id, statement_date as activity_date, statement_id
    from statements
    where speaker_affiliation_actor_id is not null
),

cast_votes as (
    select positions.country_actor_id as actor_id, votes.activity_date, positions.vote_id, positions.position
    from {{ ref('vote_positions') }} as positions
    inner join {{ ref('votes') }} as votes on positions.vote_id = votes.vote_id
    where positions.country_actor_id is not null and votes.activity_date is not null
),

keys as (
    select actor_id, activity_date from mentioned
    union
    select actor_id, activity_date from spoken
    union
    select actor_id, activity_date from spoken_for
    union
    select actor_id, activity_date from cast_votes
)

select
    keys.activity_date,
    keys.actor_id,
    cast((select count(distinct doc_id) from mentioned as m
        where m.actor_id = keys.actor_id and m.activity_date = keys.activity_date) as integer) as documents,
    cast((select count(*) from spoken as s
        where s.actor_id = keys.actor_id and s.activity_date = keys.activity_date) as integer) as statements,
    cast((select count(*) from spoken_for as s
        where s.actor_id = keys.actor_id and s.activity_date = keys.activity_date) as integer) as statements_for,
    cast((select count(*) from cast_votes as v
        where v.actor_id = keys.actor_id and v.activity_date = keys.activity_date) as integer) as votes_cast,
    cast((select count(*) from cast_votes as v
        where v.actor_id = keys.actor_id and v.activity_date = keys.activity_date
            and v.position = 'yes') as integer) as votes_yes,
    cast((select count(*) from cast_votes as v
        where v.actor_id = keys.actor_id and v.activity_date = keys.activity_date
            and v.position = 'no') as integer) as votes_no,
    cast((select count(*) from cast_votes as v
        where v.actor_id = keys.actor_id and v.activity_date = keys.activity_date
            and v.position = 'abstain') as integer) as votes_abstain
from keys
