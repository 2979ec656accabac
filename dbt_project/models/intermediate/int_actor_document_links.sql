-- Which actors each document names, with its references_fingerprint, as the actor models were
-- last built from (macros/changed_actors.sql): the next incremental build rebuilds the actors of
-- the documents whose references were rebuilt after it (its build time, recorded by its
-- post-hook), as they name them there and in the references. Built after those models, so a run that fails before them
-- leaves it as it was. A document that no longer names any actor keeps one row with nulls, so
-- that it is not found changed again on every run.
-- depends_on: {{ ref('int_changed_actors') }}
-- depends_on: {{ ref('int_actor_alias_keys') }}
-- depends_on: {{ ref('int_actors') }}
-- depends_on: {{ ref('actors') }}
-- depends_on: {{ ref('actor_aliases') }}
-- depends_on: {{ ref('int_documents_dated') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_changed_links() }}",
        post_hook="{{ record_build_time() }}"
    )
}}

{%- if is_incremental() %}
with changed_documents as materialized (
    select distinct doc_id from {{ ref('int_changed_actors') }}
),
{%- else %}
with
{%- endif %}

links as (
    select distinct doc_id, actor_id, references_fingerprint
    from {{ ref('int_actor_references') }}
    {%- if is_incremental() %}
    where doc_id in (select changed.doc_id from changed_documents as changed)
    {%- endif %}
)

select doc_id, actor_id, references_fingerprint from links
{%- if is_incremental() %}
union all
select doc_id, null as actor_id, null as references_fingerprint
from changed_documents
where doc_id not in (select links.doc_id from links)
{%- endif %}
