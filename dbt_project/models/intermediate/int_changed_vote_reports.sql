-- The vote reports whose row is new, rebuilt or gone since the vote models were last built
-- (int_vote_report_links; macros/vote_increments.sql): the reports whose pairs int_vote_report_edges looks for
-- again, from which int_vote_affected_reports starts. Every report before the first build.
--
-- A report's row changes only with its document's rows in int_vote_reports, which rewrites the
-- rows of the documents int_documents_dated or int_actor_references rebuilt since its last
-- build (a re-extraction that finds no vote leaves none). So the reports compared are those of
-- the documents with a row written in any of the three after the newest link: comparing every
-- report with its link cost 0.03 s more at 100,000 documents than at 10,000.
-- depends_on: {{ ref('int_documents_dated') }}
-- depends_on: {{ ref('int_actor_references') }}
{%- set built_links = previous_build('int_vote_report_links') %}
{%- set since = newest_row_time(built_links) if built_links is not none else none %}

with
{%- if since is not none %}
compared_documents as materialized (
    {{ short_list(
        'select doc_id from ' ~ ref('int_vote_reports') ~ " where built_at > timestamp '" ~ since ~ "'"
        ~ ' union all select doc_id from ' ~ ref('int_documents_dated') ~ " where built_at > timestamp '" ~ since ~ "'"
        ~ ' union all select doc_id from ' ~ ref('int_actor_references') ~ " where built_at > timestamp '" ~ since ~ "'",
        'doc_id') }}
),
{%- endif %}

reports_now as (
    select report_key, report_version from {{ ref('int_vote_reports') }}
    {%- if since is not none %}
    where doc_id in (select compared_documents.doc_id from compared_documents)
    {%- endif %}
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
    {%- if since is not none %}
    where doc_id in (select compared_documents.doc_id from compared_documents)
    {%- endif %}
) as built on reports_now.report_key = built.report_key
where reports_now.report_version is distinct from built.report_version
{%- endif %}
