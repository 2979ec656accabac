-- Incremental per document: a document's mentions are rebuilt when int_actor_references rebuilt
-- its rows (a new extraction, or a name whose actor changed) since this table's last build, and
-- cleared when a new extraction left it none (macros/incremental.sql).
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        post_hook=["{{ delete_replaced_rows([ref('int_documents_dated'), ref('int_actor_references')]) }}", "{{ record_build_time() }}"]
    )
}}
-- depends_on: {{ ref('int_documents_dated') }}

{%- set since = last_build_time() %}

with refs as (
    -- in an incremental build, the references rewritten since this table's last build: all
    -- those of the documents it rebuilds (a document's rows are rewritten together), found by
    -- built_at alone (their documents looked up by id read every reference's id)
    select * from {{ ref('int_actor_references') }}
    {%- if since is not none %}
    where built_at > timestamp '{{ since }}'
    {%- endif %}
)

select
    {{ stable_id(["'mention'", 'doc_id', 'char_start', 'char_end', 'actor_id']) }} as mention_id,
    doc_id,
    actor_id,
    surface,
    char_start,
    char_end,
    name as actor_name_in_document,
    references_fingerprint,
    {{ build_time() }} as built_at
from refs
where ref_kind = 'mention'
qualify row_number() over (partition by doc_id, char_start, char_end, actor_id order by surface) = 1
{{ full_build_order('doc_id') }}
