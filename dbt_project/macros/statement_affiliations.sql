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
