{#- A name reduced to a matching key: accents, case, hyphens and punctuation removed, spaces
    collapsed, a leading "the" dropped ("Kim Jong-un" and "Kim Jong Un" share one key). -#}
{% macro name_key(expr) -%}
    nullif(
        regexp_replace(
            trim(regexp_replace(
                regexp_replace(
                    regexp_replace(lower(strip_accents(coalesce({{ expr }}, ''))), '[‐‑–—_./-]', ' ', 'g'),
                    '[^a-z0-9 ]', '', 'g'
                ),
                '\s+', ' ', 'g'
            )),
            '^the ', ''
        ),
        ''
    )
{%- endmacro %}

{#- The family of a UN body, for the rules that depend on its size: SC, GA (the Assembly and
    its committees), HRC, or other. -#}
{% macro body_family(expr) -%}
    case
        when lower({{ expr }}) like '%security council%' then 'SC'
        when lower({{ expr }}) like '%human rights council%' then 'HRC'
        when lower({{ expr }}) like '%general assembly%' or lower({{ expr }}) like '%committee%' then 'GA'
        else 'other'
    end
{%- endmacro %}

{#- Members of a body: the most votes a tally of it can hold (null when unknown). -#}
{% macro body_size(family_expr) -%}
    case {{ family_expr }} when 'SC' then 15 when 'GA' then 193 when 'HRC' then 47 end
{%- endmacro %}

{#- A stable id: md5 over the natural key's parts, joined with '|' (nulls as empty). -#}
{% macro stable_id(parts) -%}
    md5(concat_ws('|'{% for p in parts %}, coalesce(cast({{ p }} as varchar), ''){% endfor %}))
{%- endmacro %}

{#- Whether a country (by ISO alpha-3 code, else by name) is a permanent member of the
    Security Council: China, France, Russia, the United Kingdom, the United States. -#}
{% macro is_permanent_member(code_expr, name_expr) -%}
    (
        coalesce({{ code_expr }}, '') in ('CHN', 'FRA', 'RUS', 'GBR', 'USA')
        or {{ name_key(name_expr) }} in (
            'china', 'france', 'russia', 'russian federation', 'united kingdom', 'united states'
        )
    )
{%- endmacro %}
