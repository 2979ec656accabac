{#- Models name the tables they read without the database: `"marts"."votes"`, not
    `"plenary"."marts"."votes"`. DuckDB binds a view's tables in the view's own database, so the
    views in `marts` keep working when someone attaches the warehouse (or its reader copy) under
    another name; a view naming `plenary` would fail there with "Catalog plenary does not
    exist". -#}

{% macro ref() -%}
    {%- set relation = builtins.ref(*varargs, **kwargs) -%}
    {{ return(relation.include(database=false)) }}
{%- endmacro %}

{% macro source() -%}
    {%- set relation = builtins.source(*varargs, **kwargs) -%}
    {{ return(relation.include(database=false)) }}
{%- endmacro %}
