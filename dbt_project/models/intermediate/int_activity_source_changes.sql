-- The sources of the by-date marts (documents and votes, macros/activity_increments.sql) whose
-- fingerprint or dates changed since the last build kept them in int_activity_sources: each
-- with its row now (is_current) and its row then. Every source, as current, before the first
-- build and in a full refresh.
{%- set built_sources = previous_build('int_activity_sources') %}

with current_sources as materialized (
    {{ activity_sources() }}
)

{% if built_sources is none -%}
select *, true as is_current from current_sources
{%- else -%}
, built_sources as (
    select source_key, source_fingerprint, activity_dates from {{ built_sources }}
)

select *, true as is_current
from (select * from current_sources except select * from built_sources) as now_different
union all
select *, false as is_current
from (select * from built_sources except select * from current_sources) as then_different
{%- endif %}
