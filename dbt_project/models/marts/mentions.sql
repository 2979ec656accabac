-- Incremental per document: a document's mentions are rebuilt when int_actor_references holds
-- another references_fingerprint for it (a new extraction, or a name whose actor changed).
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='doc_id',
        on_schema_change='fail',
        pre_hook="{{ delete_outdated_documents(ref('int_actor_references'), 'references_fingerprint', 'references_fingerprint') }}"
    )
}}

with refs as (
    select * from {{ ref('int_actor_references') }}
    {%- if is_incremental() %}
    where doc_id not in (select built.doc_id from {{ this }} as built)
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
    references_fingerprint
from refs
where ref_kind = 'mention'
qualify row_number() over (partition by doc_id, char_start, char_end, actor_id order by surface) = 1
