-- Pairs of documents (earlier, later) scored for being the same article: a repeat or a
-- paraphrase. Shared words are deliberately not a signal (a paraphrase swaps them); the
-- signals are what a rewrite keeps:
--   speakers      the person speakers both quote (dice over speaker actors)
--   quote shape   how many statements each shared speaker gets, as a share of all statements
--   numbers       the numbers both state (dice over values, years excluded)
--   event         a vote both report (the same merged vote)
--   people        the people both mention (dice over person actors)
--   quotes        direct quotes repeated verbatim (case and spacing normalised), leaving out
--                 quotes found in more than `duplicate_max_quote_documents` documents
-- Verdict: the same speakers and at least three of the five signals, or the same verbatim
-- quotes and one more signal. A pair can only be a duplicate when it shares two speakers or
-- two verbatim quotes, so only those pairs are scored; and only pairs published at most
-- `duplicate_max_days_apart` days apart (or with a date missing) qualify: those pairs are
-- int_document_pair_candidates, and every per-document set here is cut to their documents.
--
-- Incremental: a build rescores the candidate pairs of the documents in
-- int_duplicate_affected_documents (macros/duplicate_increments.sql); the rest stay.
-- depends_on: {{ ref('int_duplicate_affected_documents') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_affected_pairs() }}",
        post_hook="{{ record_build_time() }}"
    )
}}

{%- set since = duplicates_built_since() %}

with candidate_pairs as (
    select * from {{ ref('int_document_pair_candidates') }}
    {{ affected_pairs_only(since) }}
),

candidate_docs as (
    -- every per-document set below is only needed for documents in some candidate pair
    select earlier_doc_id as doc_id from candidate_pairs
    union
    select later_doc_id from candidate_pairs
),

documents as (
    select documents.doc_id, documents.published_date
    from {{ ref('int_documents_dated') }} as documents
    semi join candidate_docs on documents.doc_id = candidate_docs.doc_id
),

statements as (
    select statements.*
    from {{ ref('int_statements') }} as statements
    semi join candidate_docs on statements.doc_id = candidate_docs.doc_id
),

speakers as (
    select doc_id, speaker_actor_id as actor_id, count(*) as statement_count
    from statements
    where speaker_actor_id is not null
    group by doc_id, speaker_actor_id
),

quote_keys as (
    {{ current_quote_keys(since) }}
),

quotes as (
    -- a quote found in many documents is boilerplate ("talks lasted weeks, diplomats said"),
    -- not a sign that two documents are one article (counted over all documents holding the
    -- candidates' quotes)
    select quote_keys.doc_id, quote_keys.quote_key
    from quote_keys
    where quote_keys.quote_number in (
        select held.quote_number from quote_keys as held semi join candidate_docs on held.doc_id = candidate_docs.doc_id
    )
    qualify count(*) over (partition by quote_keys.quote_key) <= {{ var('duplicate_max_quote_documents') }}
),

people as (
    select distinct refs.doc_id, refs.actor_id
    from {{ ref('int_actor_references') }} as refs
    semi join candidate_docs on refs.doc_id = candidate_docs.doc_id
    where refs.actor_type = 'person' and refs.ref_kind = 'mention'
),

numbers as (
    select distinct numbers.doc_id, numbers.value
    from {{ ref('stg_numbers') }} as numbers
    semi join candidate_docs on numbers.doc_id = candidate_docs.doc_id
    where numbers.kind <> 'year' and numbers.value is not null
),

events as (
    select distinct clusters.doc_id, clusters.vote_id
    from {{ ref('int_vote_report_clusters') }} as clusters
    semi join candidate_docs on clusters.doc_id = candidate_docs.doc_id
),

set_sizes as (
    select
        documents.doc_id,
        documents.published_date,
        coalesce(speaker_sizes.speaker_count, 0) as speaker_count,
        coalesce(speaker_sizes.statement_count, 0) as statement_count,
        coalesce(all_statements.statement_count, 0) as all_statement_count,
        coalesce(people_sizes.person_count, 0) as person_count,
        coalesce(number_sizes.number_count, 0) as number_count,
        coalesce(quote_sizes.quote_count, 0) as quote_count
    from documents
    left join (
        select doc_id, count(*) as speaker_count, sum(statement_count) as statement_count
        from speakers
        group by doc_id
    ) as speaker_sizes on documents.doc_id = speaker_sizes.doc_id
    left join (
        select doc_id, count(*) as statement_count from statements
        group by doc_id
    ) as all_statements on documents.doc_id = all_statements.doc_id
    left join (
        select doc_id, count(*) as person_count from people
        group by doc_id
    ) as people_sizes on documents.doc_id = people_sizes.doc_id
    left join (
        select doc_id, count(*) as number_count from numbers
        group by doc_id
    ) as number_sizes on documents.doc_id = number_sizes.doc_id
    left join (
        select quotes.doc_id, count(*) as quote_count
        from quotes
        semi join candidate_docs on quotes.doc_id = candidate_docs.doc_id
        group by quotes.doc_id
    ) as quote_sizes on documents.doc_id = quote_sizes.doc_id
),

people_pairs as (
    select candidate_pairs.earlier_doc_id, candidate_pairs.later_doc_id, count(*) as shared_people
    from candidate_pairs
    inner join people as a on candidate_pairs.earlier_doc_id = a.doc_id
    inner join people as b on candidate_pairs.later_doc_id = b.doc_id and a.actor_id = b.actor_id
    group by all
),

number_pairs as (
    select candidate_pairs.earlier_doc_id, candidate_pairs.later_doc_id, count(*) as shared_numbers
    from candidate_pairs
    inner join numbers as a on candidate_pairs.earlier_doc_id = a.doc_id
    inner join numbers as b on candidate_pairs.later_doc_id = b.doc_id and a.value = b.value
    group by all
),

event_pairs as (
    select candidate_pairs.earlier_doc_id, candidate_pairs.later_doc_id, count(*) as shared_votes
    from candidate_pairs
    inner join events as a on candidate_pairs.earlier_doc_id = a.doc_id
    inner join events as b on candidate_pairs.later_doc_id = b.doc_id and a.vote_id = b.vote_id
    group by all
),

scored as (
    select
        candidate_pairs.earlier_doc_id,
        candidate_pairs.later_doc_id,
        candidate_pairs.shared_speakers,
        candidate_pairs.shared_statement_slots,
        coalesce(people_pairs.shared_people, 0) as shared_people,
        coalesce(number_pairs.shared_numbers, 0) as shared_numbers,
        candidate_pairs.shared_quotes,
        coalesce(event_pairs.shared_votes, 0) as shared_votes,
        abs(sa.published_date - sb.published_date) as days_apart,
        sa.speaker_count as earlier_speakers,
        sb.speaker_count as later_speakers,
        sa.all_statement_count as earlier_statements,
        sb.all_statement_count as later_statements,
        sa.person_count as earlier_people,
        sb.person_count as later_people,
        sa.number_count as earlier_numbers,
        sb.number_count as later_numbers,
        sa.quote_count as earlier_quotes,
        sb.quote_count as later_quotes
    from candidate_pairs
    inner join set_sizes as sa on candidate_pairs.earlier_doc_id = sa.doc_id
    inner join set_sizes as sb on candidate_pairs.later_doc_id = sb.doc_id
    left join people_pairs
        on
            candidate_pairs.earlier_doc_id = people_pairs.earlier_doc_id
            and candidate_pairs.later_doc_id = people_pairs.later_doc_id
    left join number_pairs
        on
            candidate_pairs.earlier_doc_id = number_pairs.earlier_doc_id
            and candidate_pairs.later_doc_id = number_pairs.later_doc_id
    left join event_pairs
        on
            candidate_pairs.earlier_doc_id = event_pairs.earlier_doc_id
            and candidate_pairs.later_doc_id = event_pairs.later_doc_id
),

measured as (
    select
        *,
        2.0 * shared_speakers / nullif(earlier_speakers + later_speakers, 0) as speaker_dice,
        1.0 * shared_statement_slots
        / nullif(greatest(earlier_statements, later_statements), 0) as quote_shape_overlap,
        2.0 * shared_people / nullif(earlier_people + later_people, 0) as people_dice,
        2.0 * shared_numbers / nullif(earlier_numbers + later_numbers, 0) as number_dice,
        1.0 * shared_quotes / nullif(least(earlier_quotes, later_quotes), 0) as quote_overlap
    from scored
),

signals as (
    select
        earlier_doc_id,
        later_doc_id,
        shared_speakers,
        shared_statement_slots,
        shared_people,
        shared_numbers,
        shared_quotes,
        shared_votes,
        days_apart,
        speaker_dice,
        quote_shape_overlap,
        people_dice,
        number_dice,
        quote_overlap,
        coalesce(shared_speakers >= 2 and speaker_dice >= 0.5, false) as same_speakers,
        coalesce(quote_shape_overlap >= 0.5, false) as same_quote_shape,
        coalesce(shared_numbers >= 2 and number_dice >= 0.5, false) as same_numbers,
        shared_votes > 0 as same_event,
        coalesce(shared_people >= 3 and people_dice >= 0.5, false) as same_people,
        coalesce(shared_quotes >= 2 and quote_overlap >= 0.5, false) as same_quotes
    from measured
)

select
    *,
    same_speakers::int + same_quote_shape::int + same_numbers::int + same_event::int
    + same_people::int as signal_count,
    (
        same_quotes
        and (same_speakers or same_numbers or same_event or same_people)
    )
    or (
        same_speakers
        and same_speakers::int + same_quote_shape::int + same_numbers::int + same_event::int
        + same_people::int >= 3
    ) as is_duplicate
from signals
