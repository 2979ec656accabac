{#- Models land in exactly the schema they configure (`staging`, `intermediate`, `marts`),
    not `<target schema>_<custom schema>`; models without one use the target's schema. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
