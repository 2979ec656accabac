-- The vote reports whose vote int_vote_report_clusters decides again in this build
-- (macros/vote_increments.sql): every report before the first build; then the changed reports
-- (int_changed_vote_reports), those that shared a vote with one at the last build (by the rows
-- of int_vote_report_clusters the build keeps), and the reports below them whose leading or
-- following theirs may change. With each, its vote at the last build (int_vote_report_links).
--
-- Why the rest keep their votes: a report leads when no report above it (in merge order) that
-- it fits leads, else it follows the leader it fits best. So it depends only on which reports
-- above it lead, and a change moves down the pairs (int_vote_report_edges), from higher to
-- lower report, only through reports whose leading changes. The walk goes down from the
-- changed reports and stops at a report that followed at the last build and still fits an
-- unchanged report that no report above fits (a "root": it leads whatever the order): that
-- report follows again, perhaps another vote, and the reports below it see no change. Walk the
-- reports the walk did not reach in merge order: none fits a changed report or followed one,
-- and every report above it that it fits leads as it did (by the same argument, or reached
-- and stopped), so it decides as it did. The reports it did not reach that lead keep leading:
-- int_vote_report_clusters decides the reached ones below them with them.
-- depends_on: {{ ref('int_changed_vote_reports') }}
-- depends_on: {{ ref('int_vote_report_edges') }}
{%- set built_links = previous_build('int_vote_report_links') %}
{%- set built_clusters = previous_build('int_vote_report_clusters') %}

{% if built_links is none or built_clusters is none -%}
select report_key, true as is_present, cast(null as varchar) as previous_vote_id
from {{ ref('int_vote_reports') }}
{%- else -%}
with recursive changed as materialized (
    select * from {{ ref('int_changed_vote_reports') }}
),

pairs as materialized (
    -- read once: the walk takes a step per link of its longest chain, and each step read the
    -- table again
    select higher_key, lower_key from {{ ref('int_vote_report_edges') }}
),

settled as materialized (
    -- the reports that followed at the last build and fit, now, an unchanged root
    select pairs.lower_key as report_key
    from pairs
    where
        pairs.higher_key not in (select pairs.lower_key from pairs)
        and pairs.higher_key not in (select changed.report_key from changed)
        and pairs.lower_key in (
            select built.report_key from {{ built_clusters }} as built where not built.is_leading_report
        )
),

starts as (
    select report_key from changed where is_present
    union
    -- the reports that shared a vote with a changed one, by the rows the build keeps (those
    -- of int_vote_report_links too, unless a build failed after the clusters)
    select built.report_key
    from ({{ rows_with_keys(built_clusters, 'vote_id', 'vote_number',
        'select built_changed.vote_id from ' ~ built_clusters ~ ' as built_changed'
        ~ ' where built_changed.report_key in (select changed.report_key from changed)') }}) as built
),

walk (report_key) as (
    -- the reports whose leading may change; union, not union all: a report reached again adds
    -- nothing, so the walk ends
    select report_key from starts
    where
        report_key in (select changed.report_key from changed)
        or report_key not in (select settled.report_key from settled)
    union
    select pairs.lower_key
    from walk
    inner join pairs on walk.report_key = pairs.higher_key
    where pairs.lower_key not in (select settled.report_key from settled)
),

reached as (
    -- a short list: DuckDB cannot tell how many reports the walk reaches, and hashed every
    -- report to look a few up
    {{ short_list(
        'select report_key from starts'
        ~ ' union select report_key from walk'
        ~ ' union select pairs.lower_key from pairs where pairs.higher_key in (select walk.report_key from walk)',
        'report_key') }}
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
