-- The vote reports whose vote int_vote_report_clusters rebuilds in this build
-- (macros/vote_increments.sql): every report before the first build; then the changed reports
-- (int_changed_vote_reports), those that shared a vote with one at the last build
-- (int_vote_report_links), and every report connected to those by the pairs now
-- (int_vote_report_edges). With each, the vote it had at the last build.
--
-- Why the rest keep their votes: take a group of reports connected now that holds none of
-- these. None of its reports changed, so its pairs are the ones it had, and at the last build
-- it touched other reports only through changed ones. Walk it in merge order: a report that
-- led then leads now (the leaders it fits are the group's, unchanged); one that followed a
-- report of the group follows it now (it was its best fit among more leaders then); and none
-- followed a changed report (it would have shared its vote).
-- depends_on: {{ ref('int_changed_vote_reports') }}
-- depends_on: {{ ref('int_vote_report_edges') }}
{%- set built_links = previous_build('int_vote_report_links') %}

{% if built_links is none -%}
select report_key, true as is_present, cast(null as varchar) as previous_vote_id
from {{ ref('int_vote_reports') }}
{%- else -%}
with recursive changed as (
    select * from {{ ref('int_changed_vote_reports') }}
),

seeds as (
    select report_key from changed where is_present
    union
    select built.report_key
    from {{ built_links }} as built
    where built.vote_id in (select changed.previous_vote_id from changed)
),

pairs as materialized (
    -- read once: the walk takes a step per link of the longest chain, and each step read the
    -- table again (a group of 215 reports took 11 steps, 85 ms at 100,000 documents; now 29)
    select higher_key as report_key, lower_key as paired_key from {{ ref('int_vote_report_edges') }}
    union all
    select lower_key, higher_key from {{ ref('int_vote_report_edges') }}
),

connected (report_key) as (
    -- union, not union all: a report reached again adds nothing, so the walk ends
    select report_key from seeds
    union
    select pairs.paired_key
    from connected
    inner join pairs on connected.report_key = pairs.report_key
),

reached as (
    -- a short list: DuckDB cannot tell how many reports the walk reaches, and hashed every
    -- report to look a few up
    {{ short_list('select report_key from connected', 'report_key') }}
)

select reached.report_key, true as is_present, built.vote_id as previous_vote_id
from reached
left join {{ built_links }} as built on reached.report_key = built.report_key
where reached.report_key in (
    -- the reached reports that still exist, looked up among all (as the build side of the
    -- lookup, all 77,000 report keys were hashed at 100,000 documents)
    select reports.report_key from {{ ref('int_vote_reports') }} as reports
    where reports.report_key in (select reached.report_key from reached)
)
union all
select report_key, false as is_present, previous_vote_id
from changed
where not is_present
{%- endif %}
