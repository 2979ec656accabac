-- The documents whose duplicate pairs int_document_pair_candidates and int_document_pairs
-- rebuild (macros/duplicate_increments.sql); none before their first build and in a full
-- build, which rebuild every pair.
--
-- Why the other pairs stay: a pair's row depends on what its two documents hold, and on how
-- many documents hold each quote they share. What a document holds changes only when one of
-- the per-document models rebuilds it, or when its reports join another merged vote (their
-- rows in int_vote_report_clusters are rewritten). How many documents hold a quote changes only
-- when a rebuilt document gains or loses it; that moves pairs only where the quote pairs
-- documents now or did then (held by at most duplicate_max_quote_documents documents), and
-- every document holding it is here.
-- depends_on: {{ ref('int_documents_dated') }}
-- depends_on: {{ ref('int_statements') }}
-- depends_on: {{ ref('int_vote_report_clusters') }}
{%- set since = duplicates_built_since() %}
{%- set quotes_built = previous_build('int_document_quote_keys') %}

{% if since is none -%}
select cast(null as varchar) as doc_id, cast(null as boolean) as is_rebuilt
where false
{%- else -%}
with rebuilt as (
    -- new or re-extracted documents, or documents whose statements or references moved
    {{ short_list(
        "select doc_id from " ~ ref('int_documents_dated') ~ " where built_at > timestamp '" ~ since ~ "'"
        ~ " union all select doc_id from " ~ ref('int_statements') ~ " where built_at > timestamp '" ~ since ~ "'",
        'doc_id') }}
),

quotes_then as (
    select built.doc_id, built.quote_key, built.quote_number
    from {{ quotes_built }} as built
    where built.doc_id in (select rebuilt.doc_id from rebuilt)
),

quotes_now as (
    select distinct doc_id, {{ quote_key('quote') }} as quote_key, hash({{ quote_key('quote') }}) as quote_number
    from {{ ref('int_statements') }}
    where
        {{ quotes_compared() }}
        -- a rebuilt document's statements were all written since (the filter skips older row groups)
        and built_at > timestamp '{{ since }}'
        and doc_id in (select rebuilt.doc_id from rebuilt)
),

moved_quotes as (
    -- a quote a rebuilt document gained or lost (or holds still: its count is the same)
    {{ short_list('select quote_number from quotes_then union all select quote_number from quotes_now', 'quote_number') }}
),

holders_then as (
    -- found by quote_number (macro current_quote_keys)
    select built.doc_id, built.quote_key
    from {{ quotes_built }} as built
    where built.quote_number in (select moved_quotes.quote_number from moved_quotes)
),

holders_now as (
    select doc_id, quote_key from holders_then
    where doc_id not in (select rebuilt.doc_id from rebuilt)
    union all
    select doc_id, quote_key from quotes_now
),

pairing_quotes as (
    -- the moved quotes that pair their holders now or did then
    select quote_key from holders_then
    group by quote_key
    having count(*) <= {{ var('duplicate_max_quote_documents') }}
    union
    select quote_key from holders_now
    group by quote_key
    having count(*) <= {{ var('duplicate_max_quote_documents') }}
)

select doc_id, bool_or(is_rebuilt) as is_rebuilt
from (
    select doc_id, true as is_rebuilt from rebuilt
    union all
    select doc_id, false from holders_now
    where quote_key in (select pairing_quotes.quote_key from pairing_quotes)
    union all
    select doc_id, false from holders_then
    where quote_key in (select pairing_quotes.quote_key from pairing_quotes)
    union all
    -- reports that joined another merged vote, or had their vote rebuilt
    select doc_id, false from {{ ref('int_vote_report_clusters') }} where built_at > timestamp '{{ since }}'
) as affected
group by doc_id
{%- endif %}
