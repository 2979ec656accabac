-- The sources of the by-date marts (documents and votes, macros/activity_increments.sql) whose
-- fingerprint or dates changed since the last build kept them in int_activity_sources: each
-- with its row now (is_current) and its row then. Every source, as current, before the first
-- build and in a full refresh.
{%- set built_sources = previous_build('int_activity_sources') %}
{%- set sources_built_at = last_build_time_of(built_sources) %}
-- depends_on: {{ ref('int_documents_dated') }}, {{ ref('int_actor_references') }}, {{ ref('int_statements') }}

{% if built_sources is none -%}
select *, true as is_current from ({{ activity_sources() }}) as current_sources
{%- else -%}
with
{%- if sources_built_at is not none %}
{%- set since = "built_at > timestamp '" ~ sources_built_at ~ "'" %}
candidate_documents as materialized (
    -- the documents whose date, references or statements were rebuilt since the sources were
    -- kept (macros/incremental.sql), and those that are or were duplicates (rebuilt in full
    -- each build): comparing every source took 0.2 s at 100,000 documents
    {%- set documents %}
    select doc_id from {{ ref('int_documents_dated') }} where {{ since }}
    union all
    select doc_id from {{ ref('int_actor_references') }} where {{ since }}
    union all
    select doc_id from {{ ref('int_statements') }} where {{ since }}
    union all
    select doc_id from {{ ref('int_document_duplicates') }}
    union all
    select substr(source_key, length('document/') + 1) from {{ built_sources }} where is_duplicate
    {%- endset %}
    {{ short_list(documents, 'doc_id') }}
),

candidate_votes as materialized (
    -- the votes rebuilt since, and those deleted since (macro log_deleted_votes)
    {%- set votes %}
    select vote_id from {{ ref('votes') }} where {{ since }}
    union all
    select vote_id from {{ deleted_votes_table() }} where deleted_at > timestamp '{{ sources_built_at }}'
    {%- endset %}
    {{ short_list(votes, 'vote_id') }}
),

current_sources as materialized (
    {{ activity_sources('select doc_id from candidate_documents', 'select vote_id from candidate_votes') }}
),

candidate_keys as materialized (
    {{ short_list(
        "select 'document/' || doc_id as source_key from candidate_documents"
        ~ " union all select 'vote/' || vote_id from candidate_votes", 'source_key') }}
),

built_sources as (
    -- found by source_number: the keys of all 152,000 sources were read for a few (7 ms at
    -- 100,000 documents)
    select source_key, source_fingerprint, activity_dates, is_duplicate
    from ({{ rows_with_keys(built_sources, 'source_key', 'source_number',
        'select candidate_keys.source_key from candidate_keys') }}) as built
)
{%- else %}
current_sources as materialized (
    {{ activity_sources() }}
),

built_sources as (
    select source_key, source_fingerprint, activity_dates, is_duplicate from {{ built_sources }}
)
{%- endif %}

select *, true as is_current
from (select * from current_sources except select * from built_sources) as now_different
union all
select *, false as is_current
from (select * from built_sources except select * from current_sources) as then_different
{%- endif %}
