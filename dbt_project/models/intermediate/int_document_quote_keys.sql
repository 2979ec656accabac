-- Each document's verbatim quote keys (macro quote_key) as the duplicate models last saw them.
-- Built after them (the depends_on below), so while they build it still holds the keys of
-- their last build: a document that gains or loses a quote changes how many documents hold
-- it, and so whether it pairs the others (int_duplicate_affected_documents).
--
-- Incremental per document (macros/incremental.sql).
-- depends_on: {{ ref('int_document_pairs') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        post_hook=["{{ delete_replaced_rows([ref('int_documents_dated'), ref('int_statements')]) }}", "{{ record_build_time() }}"]
    )
}}
{%- set since = last_build_time() %}

select distinct
    doc_id,
    {{ quote_key('quote') }} as quote_key,
    hash({{ quote_key('quote') }}) as quote_number,
    {{ build_time() }} as built_at
from {{ ref('int_statements') }}
where
    {{ quotes_compared() }}
    {%- if is_incremental() %}
    -- (a rebuilt document's statements were all written since: the filter skips older row groups)
    {%- if since is not none %}
    and built_at > timestamp '{{ since }}'
    {%- endif %}
    and doc_id in ({{ documents_built_since_last_build([ref('int_documents_dated'), ref('int_statements')]) }})
    {%- endif %}
{{ full_build_order('doc_id') }}
