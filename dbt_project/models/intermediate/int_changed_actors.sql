-- The actors the incremental actor models rebuild this run: every actor that a document whose
-- references changed names now or named at the last build (macros/changed_actors.sql). Before
-- the first build, every actor.
{%- set built_links = actor_document_links() %}

with references_now as (
    select doc_id, actor_id from {{ ref('int_actor_references') }}
)

{% if built_links is none -%}
select distinct actor_id from references_now
{%- else -%}
, changed_documents as (
    {{ changed_actor_documents(built_links) }}
)

select actor_id from references_now where doc_id in (select doc_id from changed_documents)
union
select actor_id
from {{ built_links }}
where doc_id in (select doc_id from changed_documents) and actor_id is not null
{%- endif %}
