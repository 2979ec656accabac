-- The pairs of documents (earlier, later in reading order) that can be duplicates: sharing at
-- least two person speakers or two verbatim quotes, and published at most
-- `duplicate_max_days_apart` days apart (or with a date missing). Scored in int_document_pairs.
--
-- Its own table because DuckDB planned the single statement badly (a 10,000-document build
-- spent minutes joining per-document sets before the pairs were known). A speaker quoted in
-- many documents (the Secretary-General) would pair each of them with all others: dated
-- documents are paired only within neighbouring blocks of days (an equi-join on the block),
-- undated ones with every document sharing the speaker.
with documents as (
    select
        doc_id,
        -- a rank for this build's comparisons: integers compare several times faster than the
        -- struct in the joins below (0.4 s against 0.6-0.8 s at 100,000 documents)
        row_number() over (order by reading_order) as reading_rank,
        published_date,
        (published_date - date '2000-01-01') // ({{ var('duplicate_max_days_apart') }} + 1) as day_block
    from {{ ref('int_documents_dated') }}
),

speakers as (
    select
        statements.doc_id,
        statements.speaker_actor_id as actor_id,
        count(*) as statement_count,
        any_value(documents.reading_rank) as reading_rank,
        any_value(documents.published_date) as published_date,
        any_value(documents.day_block) as day_block
    from {{ ref('int_statements') }} as statements
    inner join documents on statements.doc_id = documents.doc_id
    where statements.speaker_actor_id is not null
    group by statements.doc_id, statements.speaker_actor_id
),

speaker_matches as (
    -- both dated: the later one's block is the earlier one's or a neighbour
    select
        a.doc_id as a_doc_id,
        b.doc_id as b_doc_id,
        least(a.statement_count, b.statement_count) as slots
    from (
        select *, unnest([day_block - 1, day_block, day_block + 1]) as probe_block
        from speakers
        where published_date is not null
    ) as a
    inner join speakers as b on a.actor_id = b.actor_id and a.probe_block = b.day_block
    where
        a.reading_rank < b.reading_rank
        and abs(a.published_date - b.published_date) <= {{ var('duplicate_max_days_apart') }}
    union all
    -- one or both undated: no limit of days
    select a.doc_id, b.doc_id, least(a.statement_count, b.statement_count)
    from speakers as a
    inner join speakers as b on a.actor_id = b.actor_id
    where a.reading_rank < b.reading_rank and (a.published_date is null or b.published_date is null)
),

speaker_pairs as (
    select
        a_doc_id as earlier_doc_id,
        b_doc_id as later_doc_id,
        count(*) as shared_speakers,
        sum(slots) as shared_statement_slots
    from speaker_matches
    group by a_doc_id, b_doc_id
),

quote_keys as (
    select distinct doc_id, lower(regexp_replace(trim(quote), '\s+', ' ', 'g')) as quote_key
    from {{ ref('int_statements') }}
    where is_direct and length(quote) >= 20
),

quotes as (
    -- a quote found in many documents is boilerplate ("talks lasted weeks, diplomats said"),
    -- not a sign that two documents are one article (and so each quote pairs few documents)
    select quote_keys.doc_id, quote_keys.quote_key, documents.reading_rank, documents.published_date
    from quote_keys
    inner join documents on quote_keys.doc_id = documents.doc_id
    qualify count(*) over (partition by quote_keys.quote_key) <= {{ var('duplicate_max_quote_documents') }}
),

quote_pairs as (
    select a.doc_id as earlier_doc_id, b.doc_id as later_doc_id, count(*) as shared_quotes
    from quotes as a
    inner join quotes as b on a.quote_key = b.quote_key
    where
        a.reading_rank < b.reading_rank
        and coalesce(abs(a.published_date - b.published_date) <= {{ var('duplicate_max_days_apart') }}, true)
    group by a.doc_id, b.doc_id
),

candidates as (
    select earlier_doc_id, later_doc_id from speaker_pairs where shared_speakers >= 2
    union
    select earlier_doc_id, later_doc_id from quote_pairs where shared_quotes >= 2
)

select
    candidates.earlier_doc_id,
    candidates.later_doc_id,
    coalesce(speaker_pairs.shared_speakers, 0) as shared_speakers,
    coalesce(speaker_pairs.shared_statement_slots, 0) as shared_statement_slots,
    coalesce(quote_pairs.shared_quotes, 0) as shared_quotes
from candidates
left join speaker_pairs
    on
        candidates.earlier_doc_id = speaker_pairs.earlier_doc_id
        and candidates.later_doc_id = speaker_pairs.later_doc_id
left join quote_pairs
    on
        candidates.earlier_doc_id = quote_pairs.earlier_doc_id
        and candidates.later_doc_id = quote_pairs.later_doc_id
