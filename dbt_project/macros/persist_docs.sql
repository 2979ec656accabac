{#- Table and column comments (persist_docs) are written when a table is created, not on every
    incremental append. An append leaves the table and its comments as they were, and writing
    them again cost each incremental model three catalog reads and a statement per column on
    every run (68 statements a build). A changed description changes the dbt project, so
    the refresh job's next build is a full refresh (orchestration/defs/dbt.py), which writes
    them anew; so does the daily rebuild. -#}
{% macro duckdb__persist_docs(relation, model, for_relation, for_columns) -%}
    {%- if model.config.materialized == 'incremental' and is_incremental() -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(default__persist_docs(relation, model, for_relation, for_columns)) }}
{%- endmacro %}
