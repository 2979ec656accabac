{#- The cross-document actor models (int_actor_alias_keys, int_actors, actors, actor_aliases),
    rebuilt incrementally for the actors whose references changed.

    Each of their rows depends on the references of one actor only (int_actor_references,
    grouped by actor_id). int_actor_document_links holds which actors each document named, with
    the document's references_fingerprint, as of the last build of these models: it is built
    after them, from the same references. A document whose references were rebuilt after the
    links (int_actor_references.built_at, against the links' build time) or whose extraction
    is new is new, re-extracted or re-resolved; every actor it names now or named then may have
    other rows (int_changed_actors lists both, as pairs). An incremental build
    deletes those actors' rows (pre-hook `delete_changed_actors`) and appends them rebuilt from
    all their references, so the table equals a full build. When a run fails before the links
    are written, the next run finds the same documents changed again: rebuilding an actor twice
    is harmless. -#}

{% macro changed_actors_only(keyword='where', actor_id='actor_id') -%}
    {{ changed_rows_only('int_changed_actors', 'actor_id', keyword, actor_id) }}
{%- endmacro %}

{% macro delete_changed_actors() -%}
    {{ delete_changed_rows('int_changed_actors', 'actor_id') }}
{%- endmacro %}

{% macro delete_changed_links() -%}
    {#- The pre-hook of int_actor_document_links: the rows of the documents it rebuilds, of
        those it may hold (a document added since its last build has none). -#}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where doc_id in ({{ held_documents("select changed.doc_id from " ~ ref('int_changed_actors') ~ " as changed", last_build_time()) }})
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}
