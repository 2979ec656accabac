{% macro unique_affiliation_keys() -%}
    {#- In int_statements: each key a country or organization goes by (macro name_key) that
        names one actor alone, with that actor. -#}
    select alias_key, min(actor_id) as actor_id
    from {{ ref('int_actor_alias_keys') }}
    where actor_type in ('country', 'organization') and alias_key is not null
    group by alias_key
    having count(distinct actor_id) = 1
{%- endmacro %}

{% macro statement_affiliation_keys_table() -%}
    plenary_state.statement_affiliation_keys
{%- endmacro %}

{% macro create_statement_affiliation_keys_table() -%}
    {#- on-run-start: the unique affiliation keys as int_statements last built with them. Every
        statement's affiliation actor is what its key names there, so the statements to build
        again for a moved affiliation are those whose key names another actor now. (A warehouse
        built before this table existed finds every key moved once, and builds the statements
        with an affiliation again.) -#}
    create table if not exists {{ statement_affiliation_keys_table() }} (alias_key varchar primary key, actor_id varchar not null)
{%- endmacro %}

{% macro record_affiliation_keys() -%}
    {#- The post-hook of int_statements, in the transaction that writes its rows. -#}
    delete from {{ statement_affiliation_keys_table() }};
    insert into {{ statement_affiliation_keys_table() }} {{ unique_affiliation_keys() }}
{%- endmacro %}

{% macro affiliation_actors(affiliations) -%}
    {#- In int_statements: each distinct affiliation the query `affiliations` gives (column
        `affiliation`), keyed once (macro name_key), with the actor its key names alone (CTE
        unique_affiliation_keys). -#}
    select names.affiliation, unique_affiliation_keys.actor_id
    from (
        select affiliation, {{ name_key('affiliation') }} as alias_key
        from ({{ affiliations }}) as affiliations
        where affiliation is not null
    ) as names
    inner join unique_affiliation_keys on names.alias_key = unique_affiliation_keys.alias_key
{%- endmacro %}
