{% macro default__test_relationships(model, column_name, to, field) -%}
    {#- dbt's own test; when the child rows are those an incremental build wrote (a subquery from
        default__get_where_subquery, not the whole relation) and the parent is a view, the
        parent is read for their keys alone, listed first (macro short_list): DuckDB then pushes
        the keys into the view's joins. dbt's left join evaluated the whole view to check a few
        rows: the `documents` view joins two tables of 97,000 rows, 8.6 ms a test at 100,000
        documents, 4.7 ms this way. A parent table is hashed as dbt does: its key column is read
        either way, and the lookup by keys measured slower for the 278,000 actors. -#}
{%- set parent = adapter.get_relation(database=to.database, schema=to.schema, identifier=to.identifier) if execute else none %}
{%- set by_keys = model is string and parent is not none and parent.type == 'view' %}
with child as {% if by_keys %}materialized {% endif %}(
    select {{ column_name }} as from_field
    from {{ model }}
    where {{ column_name }} is not null
),
{%- if by_keys %}

child_keys as (
    {{ short_list('select child.from_field from child', 'from_field') }}
),
{%- endif %}

parent as (
    select {{ field }} as to_field
    from {{ to }}
    {%- if by_keys %}
    where {{ field }} in (select child_keys.from_field from child_keys)
    {%- endif %}
)

select child.from_field
from child
left join parent on child.from_field = parent.to_field
where parent.to_field is null
{%- endmacro %}

{% macro default__get_where_subquery(relation) -%}
    {#- dbt's own, plus: in an incremental `dbt build`, a data test of a per-document model reads
        only the rows written after the last build whose tests all passed (`rows_to_test`). -#}
    {%- set filtered = rows_to_test(relation, config.get('where', '')) -%}
    {%- if filtered is not sameas relation -%}
        {{ return(filtered ~ ' dbt_subquery') }}
    {%- endif -%}
    {{ return(relation) }}
{%- endmacro %}

{% macro rows_to_test(relation, where='') -%}
    {#- The rows of `relation` a test reads: in an incremental `dbt build`, of a model whose rows
        carry `built_at`, those written after the last build whose tests all passed
        (`tested_through`); every row otherwise. The rows of one document are written together
        (its older rows deleted in the same transaction), so a unique id that includes the
        document is tested wherever it can repeat, and each new row is checked against every
        row of the table a relationship names. The cost follows the rows written, not the table
        (unique_mentions_mention_id alone took 0.18 s at 100,000 documents). A full refresh, the
        daily run, and `dbt test` test every row. Singular tests call it on the models they
        check; `where` adds a test's own condition. -#}
    {%- set conditions = [] -%}
    {%- if where %}{% do conditions.append(where) %}{% endif -%}
    {%- set since = tested_through(relation) -%}
    {%- if since is not none %}{% do conditions.append("built_at > timestamp '" ~ since ~ "'") %}{% endif -%}
    {%- if conditions -%}
        {{ return('(select * from ' ~ relation ~ ' where ' ~ conditions | join(' and ') ~ ')') }}
    {%- endif -%}
    {{ return(relation) }}
{%- endmacro %}

{% macro tested_through(relation) -%}
    {#- For a model whose rows carry `built_at`, in an incremental `dbt build`: the build time of
        the newest rows the last build with every test passing wrote; none otherwise (every row
        is tested). -#}
    {%- if not execute or flags.FULL_REFRESH or flags.WHICH != 'build' or relation.identifier is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set stamped = [] -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' and node.schema == relation.schema
               and (node.alias or node.name) == relation.identifier and 'built_at' in node.columns -%}
            {%- do stamped.append(node) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not stamped -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(newest_row_time(tested_through_table())) }}
{%- endmacro %}
