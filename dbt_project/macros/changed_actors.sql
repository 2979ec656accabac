{#- The cross-document actor models (int_actor_alias_keys, int_actors, actors, actor_aliases),
    rebuilt incrementally for the actors whose references changed.

    Each of their rows depends on the references of one actor only (int_actor_references,
    grouped by actor_id). int_actor_document_links holds which actors each document named, with
    the document's references_fingerprint, as of the last build of these models: it is built
    after them, from the same references. A document whose fingerprint differs between the
    links and the references now is new, re-extracted, re-resolved or gone; every actor it
    names now or named then may have other rows (int_changed_actors lists both, as pairs). An incremental build
    deletes those actors' rows (pre-hook `delete_changed_actors`) and appends them rebuilt from
    all their references, so the table equals a full build. When a run fails before the links
    are written, the next run finds the same documents changed again: rebuilding an actor twice
    is harmless. -#}

{% macro actor_document_links() -%}
    {#- The links as last built (not a ref: the links are built after the models reading them),
        none before the first build. -#}
    {%- if execute -%}
        {{ return(adapter.get_relation(database=this.database, schema=this.schema, identifier='int_actor_document_links')) }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}

{% macro changed_actors_only(keyword='where', actor_id='actor_id') -%}
    {#- In an incremental build, a filter to the changed actors' rows (`keyword`: where or and). -#}
    {%- if is_incremental() -%}
    {{ keyword }} {{ actor_id }} in (select changed.actor_id from {{ ref('int_changed_actors') }} as changed)
    {%- endif -%}
{%- endmacro %}

{% macro delete_changed_actors() -%}
    {%- if is_incremental() -%}
    delete from {{ this }} where actor_id in (select changed.actor_id from {{ ref('int_changed_actors') }} as changed)
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}
