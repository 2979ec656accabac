-- What the incremental actor models rebuild this run (macros/changed_actors.sql): each document
-- whose references changed since the last build (new, re-extracted, re-resolved or gone), with
-- every actor it names now or named then. Before the first build, every document and actor.
-- int_actor_document_links reads the documents, the actor models the actors.
{%- set built_links = previous_build('int_actor_document_links') %}

{% if built_links is none -%}
select distinct doc_id, actor_id from {{ ref('int_actor_references') }}
{%- else -%}
with changed_documents as (
    -- per document first (at 100,000 documents: 100,000 pairs, not 900,000 of document and
    -- actor); a gone document's links keep a null fingerprint, as its absent references do
    select coalesce(current_documents.doc_id, built_documents.doc_id) as doc_id
    from (
        select distinct doc_id, references_fingerprint from {{ ref('int_actor_references') }}
    ) as current_documents
    full outer join (
        select distinct doc_id, references_fingerprint from {{ built_links }}
    ) as built_documents on current_documents.doc_id = built_documents.doc_id
    where current_documents.references_fingerprint is distinct from built_documents.references_fingerprint
)

select doc_id, actor_id
from {{ ref('int_actor_references') }}
where doc_id in (select doc_id from changed_documents)
union
select doc_id, actor_id
from {{ built_links }}
where doc_id in (select doc_id from changed_documents) and actor_id is not null
{%- endif %}
