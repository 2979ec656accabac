-- The vote reports whose row is new, rebuilt or gone since the vote models were last built
-- (int_vote_report_links; macros/vote_increments.sql): the reports whose pairs int_vote_report_edges looks for
-- again, from which int_vote_affected_reports starts. Every report before the first build.
{%- set built_links = previous_build('int_vote_report_links') %}

with reports_now as (
    select report_key, report_version from {{ ref('int_vote_reports') }}
)

{% if built_links is none -%}
select report_key, true as is_present, cast(null as varchar) as previous_vote_id from reports_now
{%- else -%}
select
    coalesce(reports_now.report_key, built.report_key) as report_key,
    reports_now.report_key is not null as is_present,
    built.vote_id as previous_vote_id
from reports_now
full outer join (
    select report_key, report_version, vote_id from {{ built_links }}
) as built on reports_now.report_key = built.report_key
where reports_now.report_version is distinct from built.report_version
{%- endif %}
