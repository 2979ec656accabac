{#- Incremental per-document models: a table whose rows each depend on their own document only,
    rebuilt for the documents whose extraction it does not hold yet.

    The watermark is the extractor version of each document, compared with what the table
    holds, not a timestamp. The loader (orchestration/core/load.py) only ever rewrites a
    document's extracted rows when it (re-)extracts it, and it extracts a stored document again
    only under a new extractor version, writing that version into raw.document_facts in the
    same transaction. So (doc_id, extractor_version) changes exactly when the document's rows
    may have changed, a re-extraction included, and a run that fails part-way leaves the table
    where the next run picks it up: nothing outside the table records progress. Every model
    using this stores `extractor_version` on its rows. A document never extracted (no
    document_facts row) counts as version ''.

    `document_versions()`: every document with its current version.
    `documents_to_build()`: those the table must (re)build: all of them in a full build,
        otherwise those with no row in the table (a document with no rows of this kind is
        rebuilt each run; it yields no rows, so that costs a join, not a rewrite).
    `delete_outdated_documents()`: the pre-hook clearing rows of an older extraction (or of a
        document no longer in raw), so that a re-extraction finding nothing clears them too;
        delete+insert on doc_id alone would keep them. -#}

{% macro document_versions() -%}
    select documents.doc_id, coalesce(facts.extractor_version, '') as extractor_version
    from {{ ref('stg_documents') }} as documents
    left join (
        select doc_id, max(extractor_version) as extractor_version
        from {{ ref('stg_document_facts') }}
        group by doc_id
    ) as facts on documents.doc_id = facts.doc_id
{%- endmacro %}

{% macro documents_to_build() -%}
    select doc_id, extractor_version
    from ({{ document_versions() }}) as current_versions
    {%- if is_incremental() %}
    where doc_id not in (select built.doc_id from {{ this }} as built)
    {%- endif %}
{%- endmacro %}

{% macro delete_outdated_documents(upstream=none, upstream_column=none, column='extractor_version') -%}
    {#- With no arguments: rows whose (doc_id, extractor_version) is not the document's current
        one. With `upstream` (a relation) and its `upstream_column`: rows whose (doc_id, column)
        pair is not one `upstream` holds now (an incremental model built on another). -#}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where doc_id in (
        -- versions per document first: an anti-join of every row costs more than the delete
        select built.doc_id
        from (select distinct doc_id, {{ column }} as version from {{ this }}) as built
        where not exists (
            select 1
            from (
                {%- if upstream is none %}
                select doc_id, extractor_version as version from ({{ document_versions() }}) as versions
                {%- else %}
                select distinct doc_id, {{ upstream_column }} as version from {{ upstream }}
                {%- endif %}
            ) as current_versions
            where current_versions.doc_id = built.doc_id and current_versions.version = built.version
        )
    )
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{% macro previous_build(identifier) -%}
    {#- A model this one reads as the last build left it (not a ref: it is built after this one),
        none before its first build and in a full refresh, which rebuilds everything. -#}
    {%- if execute and not flags.FULL_REFRESH -%}
        {{ return(adapter.get_relation(database=this.database, schema=this.schema, identifier=identifier)) }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}

{% macro changed_rows_only(changed_model, key, keyword='where', column=none) -%}
    {#- In an incremental build, a filter to the rows whose `key` the model `changed_model` lists
        (`keyword`: where or and; `column`: the key's column here, when named otherwise). -#}
    {%- if is_incremental() -%}
    {{ keyword }} {{ column or key }} in (select changed.{{ key }} from {{ ref(changed_model) }} as changed)
    {%- endif -%}
{%- endmacro %}

{% macro delete_changed_rows(changed_model, key) -%}
    {#- The pre-hook of a model rebuilt for the keys `changed_model` lists: their rows go first,
        so a key that no longer has any leaves none. -#}
    {%- if is_incremental() -%}
    delete from {{ this }} where {{ key }} in (select changed.{{ key }} from {{ ref(changed_model) }} as changed)
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}
