{% macro default__test_relationships(model, column_name, to, field) -%}
    {#- dbt's own test; when the child rows are those an incremental build wrote (a subquery from
        default__get_where_subquery, not the whole relation), the parent is read for their keys
        alone where that is cheaper than dbt's hash of the whole parent:
        - a view: the keys are listed first (macro short_list), and DuckDB pushes them into the
          view's joins. dbt's left join evaluated the whole view to check a few rows: the
          `documents` view joins two tables of 97,000 rows, 8.6 ms a test at 100,000 documents,
          4.7 ms this way;
        - a table that carries the key's hash (`actor_number` beside `actor_id`): the parent's
          rows are found by the number (macro rows_where), then matched by the key (9 -> 3 ms a
          test to `actors` at 100,000 documents, the same 2-3 ms at 10,000; looked up by the
          ids, all 278,000 were read all the same). The child is read twice rather than
          listed first: with a list, the test cost 1-3 ms more at any size.
        Other parent tables are hashed as dbt does. -#}
{%- set parent = adapter.get_relation(database=to.database, schema=to.schema, identifier=to.identifier) if execute else none %}
{%- set parent_model = model_node(to.schema, to.identifier) if parent is not none else none %}
{%- set number = field[:-3] ~ '_number' if field.endswith('_id') else none %}
{%- set by_number = model is string and parent_model is not none and number in parent_model.columns %}
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
    {%- if by_number %}
    from ({{ rows_where(to, number ~ ' in (select hash(child.from_field) from child)') }}) as numbered
    {%- else %}
    from {{ to }}
    {%- if by_keys %}
    where {{ field }} in (select child_keys.from_field from child_keys)
    {%- endif %}
    {%- endif %}
)

select child.from_field
from child
left join parent on child.from_field = parent.to_field
where parent.to_field is null
{%- endmacro %}

{% macro default__get_where_subquery(relation) -%}
    {#- dbt's own, plus: in an incremental `dbt build`, a data test of a per-document model reads
        only the rows written after the last build whose tests all passed (`rows_to_test`),
        unless the test says `meta: {tested_rows: all}`. -#}
    {%- set every_row = (config.get('meta') or {}).get('tested_rows') == 'all' -%}
    {%- set filtered = rows_to_test(relation, config.get('where', ''), every_row) -%}
    {%- if filtered is not sameas relation -%}
        {{ return(filtered ~ ' dbt_subquery') }}
    {%- endif -%}
    {{ return(relation) }}
{%- endmacro %}

{% macro rows_to_test(relation, where='', every_row=false) -%}
    {#- The rows of `relation` a test reads: in an incremental `dbt build`, those written after
        the last build whose tests all passed (macro rows_written_since_tested); every row
        otherwise. The rows of one document are written together (its older rows deleted in the
        same transaction), so a unique id that includes the document is tested wherever it can
        repeat, and each new row is checked against every row of the table a relationship
        names. The cost follows the rows written, not the table (unique_mentions_mention_id
        alone took 0.18 s at 100,000 documents). A full refresh, the daily run, and `dbt test`
        test every row, as does a test with `every_row` (its outcome for a row depends on
        others). Singular tests call it on the models they check; `where` adds a test's own
        condition. -#}
    {%- set conditions = [] -%}
    {%- if where %}{% do conditions.append(where) %}{% endif -%}
    {%- set written = none if every_row else rows_written_since_tested(relation) -%}
    {%- if written is not none %}{% do conditions.append(written) %}{% endif -%}
    {%- if conditions -%}
        {{ return('(select * from ' ~ relation ~ ' where ' ~ conditions | join(' and ') ~ ')') }}
    {%- endif -%}
    {{ return(relation) }}
{%- endmacro %}

{% macro rows_written_since_tested(relation) -%}
    {#- In an incremental `dbt build`, a condition on the rows of the model `relation` that keeps
        those written after the last build whose tests all passed (plenary_state.
        dbt_tested_through, written by orchestration/defs/dbt.py); none otherwise:
        - rows that carry `built_at` (a view shows its table's): a later one;
        - a view over raw rows (`load_id`): the rows of a later load (and any of a load before
          loads were numbered). document_sources, tested whole, read its 100,000 raw rows and
          looked each up in `documents` at 100,000 documents (20 ms).
        A model with neither is tested whole. -#}
    {%- if not execute or flags.FULL_REFRESH or flags.WHICH != 'build' or relation.identifier is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set model = model_node(relation.schema, relation.identifier) -%}
    {%- if model is none or not ('built_at' in model.columns or 'load_id' in model.columns) -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set tested = run_query("select cast(max(built_at) as varchar), max(load_id) from " ~ tested_through_table()).rows -%}
    {%- set since, last_load = tested[0][0], tested[0][1] -%}
    {%- if since is none -%}
        {{ return(none) }}
    {%- elif 'built_at' in model.columns -%}
        {{ return("built_at > timestamp '" ~ since ~ "'") }}
    {%- endif -%}
    {{ return('(load_id is null or load_id > ' ~ (last_load if last_load is not none else -1) ~ ')') }}
{%- endmacro %}

{% macro model_node(schema, name) -%}
    {#- The graph's model of that name (alias) in `schema`, or none. -#}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' and node.schema == schema and (node.alias or node.name) == name -%}
            {{ return(node) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(none) }}
{%- endmacro %}
