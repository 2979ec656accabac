-- The pairs of documents (earlier, later in reading order) that can be duplicates: sharing at
-- least two person speakers or two verbatim quotes, and published at most
-- `duplicate_max_days_apart` days apart (or with a date missing). Scored in int_document_pairs.
--
-- Its own table because DuckDB planned the single statement badly (a 10,000-document build
-- spent minutes joining per-document sets before the pairs were known). A speaker quoted in
-- many documents (the Secretary-General) would pair each of them with all others: dated
-- documents are paired only within neighbouring blocks of days (an equi-join on the block),
-- undated ones with every document sharing the speaker.
--
-- Incremental: a build rewrites the pairs of the documents in int_duplicate_affected_documents
-- (macros/duplicate_increments.sql), pairing each with every document; the rest stay.
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
{%- set incremental = since is not none %}

with affected as (
    select doc_id from {{ ref('int_duplicate_affected_documents') }}
),

{%- if incremental %}

affected_speakers as materialized (
    select distinct statements.speaker_actor_id
    from {{ ref('int_statements') }} as statements
    where statements.doc_id in (select affected.doc_id from affected) and statements.speaker_actor_id is not null
),
{%- endif %}

speaker_statements as (
    select doc_id, speaker_actor_id as actor_id, count(*) as statement_count
    {%- if incremental %}
    -- the speakers of the affected documents, in every document quoting them: found by
    -- speaker_number (the ids of all 678,000 statements took 14 ms at 100,000 documents)
    from ({{ rows_with_keys(ref('int_statements'), 'speaker_actor_id', 'speaker_number',
        'select affected_speakers.speaker_actor_id from affected_speakers') }}) as statements
    {%- else %}
    from {{ ref('int_statements') }}
    where speaker_actor_id is not null
    {%- endif %}
    group by doc_id, speaker_actor_id
),

quote_keys as (
    {{ current_quote_keys(since) }}
),

pairing_quotes as (
    -- a quote found in many documents is boilerplate ("talks lasted weeks, diplomats said"),
    -- not a sign that two documents are one article (and so each quote pairs few documents)
    select quote_key, any_value(quote_number) as quote_number
    from quote_keys
    {%- if incremental %}
    where quote_number in (
        select held.quote_number from quote_keys as held where held.doc_id in (select affected.doc_id from affected)
    )
    {%- endif %}
    group by quote_key
    having count(*) <= {{ var('duplicate_max_quote_documents') }}
),

quote_holders as (
    select doc_id, quote_key
    from quote_keys
    where quote_number in (select pairing_quotes.quote_number from pairing_quotes)
),

documents as (
    select
        doc_id,
        -- a rank for this build's comparisons: integers compare several times faster than the
        -- struct in the joins below (0.4 s against 0.6-0.8 s at 100,000 documents)
        row_number() over (order by reading_order) as reading_rank,
        published_date,
        (published_date - date '2000-01-01') // ({{ var('duplicate_max_days_apart') }} + 1) as day_block,
        {%- if incremental %}
        doc_id in (select affected.doc_id from affected) as is_affected
        {%- else %}
        true as is_affected
        {%- endif %}
    from {{ ref('int_documents_dated') }}
    {%- if incremental %}
    where
        doc_id in (select speaker_statements.doc_id from speaker_statements)
        or doc_id in (select quote_holders.doc_id from quote_holders)
    {%- endif %}
),

speakers as (
    select speaker_statements.*, documents.reading_rank, documents.published_date, documents.day_block, documents.is_affected
    from speaker_statements
    inner join documents on speaker_statements.doc_id = documents.doc_id
),

speaker_matches as (
    -- each pair once: from an affected document (a), the earlier of two affected ones
    -- both dated: the other's block is a's or a neighbour
    select
        a.doc_id as a_doc_id,
        a.reading_rank as a_rank,
        b.doc_id as b_doc_id,
        b.reading_rank as b_rank,
        least(a.statement_count, b.statement_count) as slots
    from (
        select *, unnest([day_block - 1, day_block, day_block + 1]) as probe_block
        from speakers
        where published_date is not null and is_affected
    ) as a
    inner join speakers as b on a.actor_id = b.actor_id and a.probe_block = b.day_block
    where
        (a.reading_rank < b.reading_rank or (not b.is_affected and a.doc_id <> b.doc_id))
        and abs(a.published_date - b.published_date) <= {{ var('duplicate_max_days_apart') }}
    union all
    -- one or both undated: no limit of days
    select a.doc_id, a.reading_rank, b.doc_id, b.reading_rank, least(a.statement_count, b.statement_count)
    from speakers as a
    inner join speakers as b on a.actor_id = b.actor_id
    where
        a.is_affected
        and (a.reading_rank < b.reading_rank or (not b.is_affected and a.doc_id <> b.doc_id))
        and (a.published_date is null or b.published_date is null)
),

speaker_pairs as (
    select
        case when a_rank < b_rank then a_doc_id else b_doc_id end as earlier_doc_id,
        case when a_rank < b_rank then b_doc_id else a_doc_id end as later_doc_id,
        count(*) as shared_speakers,
        sum(slots) as shared_statement_slots
    from speaker_matches
    group by all
),

quotes as (
    select quote_holders.doc_id, quote_holders.quote_key, documents.reading_rank, documents.published_date, documents.is_affected
    from quote_holders
    inner join documents on quote_holders.doc_id = documents.doc_id
),

quote_pairs as (
    select
        case when a.reading_rank < b.reading_rank then a.doc_id else b.doc_id end as earlier_doc_id,
        case when a.reading_rank < b.reading_rank then b.doc_id else a.doc_id end as later_doc_id,
        count(*) as shared_quotes
    from quotes as a
    inner join quotes as b on a.quote_key = b.quote_key
    where
        a.is_affected
        and (a.reading_rank < b.reading_rank or (not b.is_affected and a.doc_id <> b.doc_id))
        and coalesce(abs(a.published_date - b.published_date) <= {{ var('duplicate_max_days_apart') }}, true)
    group by all
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
