-- Pairs of documents (earlier, later) scored for being the same article: a repeat or a
-- paraphrase. Shared words are deliberately not a signal (a paraphrase swaps them); the
-- signals are what a rewrite keeps:
--   speakers      the person speakers both quote (dice over speaker actors)
--   quote shape   how many statements each shared speaker gets, as a share of all statements
--   numbers       the numbers both state (dice over values, years excluded)
--   event         a vote both report (same merged vote)
--   people        the people both mention (dice over person actors)
--   quotes        quotes repeated verbatim (after normalising case and spacing)
-- Only pairs published at most `duplicate_max_days_apart` days apart (or undated) qualify.
with documents as (
    select doc_id, published_date, doc_order from {{ ref('int_documents_dated') }}
),

speakers as (
    select doc_id, speaker_actor_id as actor_id, count(*) as statement_count
    from {{ ref('int_statements') }}
    where speaker_actor_id is not null
    group by doc_id, speaker_actor_id
),

statement_totals as (
    select doc_id, count(*) as statement_count
    from {{ ref('int_statements') }}
    group by doc_id
),

quotes as (
    select distinct doc_id, lower(regexp_replace(trim(quote), '\s+', ' ', 'g')) as quote_key
    from {{ ref('int_statements') }}
    where length(quote) >= 20
),

people as (
    select distinct doc_id, actor_id
    from {{ ref('int_actor_references') }}
    where actor_type = 'person' and ref_kind = 'mention'
),

numbers as (
    select distinct doc_id, value
    from {{ ref('stg_numbers') }}
    where kind <> 'year' and value is not null
),

events as (
    select distinct doc_id, vote_id from {{ ref('int_vote_report_clusters') }}
),

set_sizes as (
    select
        documents.doc_id,
        (select count(*) from speakers where speakers.doc_id = documents.doc_id) as speaker_count,
        (select count(*) from people where people.doc_id = documents.doc_id) as person_count,
        (select count(*) from numbers where numbers.doc_id = documents.doc_id) as number_count,
        (select count(*) from quotes where quotes.doc_id = documents.doc_id) as quote_count,
        coalesce(
            (select statement_count from statement_totals where statement_totals.doc_id = documents.doc_id), 0
        ) as statement_count
    from documents
),

candidate_pairs as (
    -- only pairs that share at least one speaker, person, quote or vote are worth scoring
    select distinct a.doc_id as earlier_doc_id, b.doc_id as later_doc_id
    from (
        select doc_id, 's' || actor_id as shared_thing from speakers
        union all select doc_id, 'p' || actor_id from people
        union all select doc_id, 'q' || quote_key from quotes
        union all select doc_id, 'v' || vote_id from events
    ) as a
    inner join (
        select doc_id, 's' || actor_id as shared_thing from speakers
        union all select doc_id, 'p' || actor_id from people
        union all select doc_id, 'q' || quote_key from quotes
        union all select doc_id, 'v' || vote_id from events
    ) as b on a.shared_thing = b.shared_thing and a.doc_id <> b.doc_id
    inner join documents as da on a.doc_id = da.doc_id
    inner join documents as db on b.doc_id = db.doc_id
    where da.doc_order < db.doc_order
),

shared as (
    select
        pairs.earlier_doc_id,
        pairs.later_doc_id,
        (
            select count(*) from speakers as sa inner join speakers as sb on sa.actor_id = sb.actor_id
            where sa.doc_id = pairs.earlier_doc_id and sb.doc_id = pairs.later_doc_id
        ) as shared_speakers,
        (
            select coalesce(sum(least(sa.statement_count, sb.statement_count)), 0)
            from speakers as sa inner join speakers as sb on sa.actor_id = sb.actor_id
            where sa.doc_id = pairs.earlier_doc_id and sb.doc_id = pairs.later_doc_id
        ) as shared_statement_slots,
        (
            select count(*) from people as pa inner join people as pb on pa.actor_id = pb.actor_id
            where pa.doc_id = pairs.earlier_doc_id and pb.doc_id = pairs.later_doc_id
        ) as shared_people,
        (
            select count(*) from numbers as na inner join numbers as nb on na.value = nb.value
            where na.doc_id = pairs.earlier_doc_id and nb.doc_id = pairs.later_doc_id
        ) as shared_numbers,
        (
            select count(*) from quotes as qa inner join quotes as qb on qa.quote_key = qb.quote_key
            where qa.doc_id = pairs.earlier_doc_id and qb.doc_id = pairs.later_doc_id
        ) as shared_quotes,
        (
            select count(*) from events as ea inner join events as eb on ea.vote_id = eb.vote_id
            where ea.doc_id = pairs.earlier_doc_id and eb.doc_id = pairs.later_doc_id
        ) as shared_votes
    from candidate_pairs as pairs
),

scored as (
    select
        shared.*,
        abs(da.published_date - db.published_date) as days_apart,
        2.0 * shared.shared_speakers / nullif(sa.speaker_count + sb.speaker_count, 0) as speaker_dice,
        1.0 * shared.shared_statement_slots
        / nullif(greatest(sa.statement_count, sb.statement_count), 0) as quote_shape_overlap,
        2.0 * shared.shared_people / nullif(sa.person_count + sb.person_count, 0) as people_dice,
        2.0 * shared.shared_numbers / nullif(sa.number_count + sb.number_count, 0) as number_dice,
        1.0 * shared.shared_quotes / nullif(least(sa.quote_count, sb.quote_count), 0) as quote_overlap
    from shared
    inner join documents as da on shared.earlier_doc_id = da.doc_id
    inner join documents as db on shared.later_doc_id = db.doc_id
    inner join set_sizes as sa on shared.earlier_doc_id = sa.doc_id
    inner join set_sizes as sb on shared.later_doc_id = sb.doc_id
),

signals as (
    select
        *,
        coalesce(shared_speakers >= 2 and speaker_dice >= 0.5, false) as same_speakers,
        coalesce(quote_shape_overlap >= 0.5, false) as same_quote_shape,
        coalesce(shared_numbers >= 2 and number_dice >= 0.5, false) as same_numbers,
        shared_votes > 0 as same_event,
        coalesce(shared_people >= 3 and people_dice >= 0.5, false) as same_people,
        coalesce(shared_quotes >= 2 and quote_overlap >= 0.5, false) as same_quotes
    from scored
)

select
    *,
    same_speakers::int + same_quote_shape::int + same_numbers::int + same_event::int
    + same_people::int as signal_count,
    coalesce(days_apart <= {{ var('duplicate_max_days_apart') }}, true)
    and (
        same_quotes
        or (same_speakers and same_speakers::int + same_quote_shape::int + same_numbers::int
            + same_event::int + same_people::int >= 3)
    ) as is_duplicate
from signals
