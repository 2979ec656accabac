-- Each vote report as the last build of the vote models left it (macros/vote_increments.sql):
-- its row's version, its vote and its document's duplicate status. Built after every model
-- that reads the reports' votes, so a build that fails before it leaves the old links, and
-- the next build finds the same reports changed again.
-- Incremental per vote: a report's row changes only with its version, its vote or its
-- duplicate status, and int_changed_votes lists the votes of every such report, before and
-- after. A build appends the rows of the reports of those votes; a post-hook deletes their
-- older rows. Rebuilt whole, the table cost 0.06 s more at 100,000 documents than at 10,000.
-- depends_on: {{ ref('int_vote_positions') }}
-- depends_on: {{ ref('votes') }}
-- depends_on: {{ ref('vote_conflicts') }}
-- depends_on: {{ ref('int_changed_votes') }}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        post_hook="{{ delete_relinked_reports() }}"
    )
}}
-- int_vote_members' rows, the reports chosen first: through the view, DuckDB joined every
-- report to its cluster before it filtered
select
    clusters.report_key,
    reports.report_version,
    clusters.vote_id,
    duplicates.duplicate_of,
    {{ build_time() }} as built_at
from {{ ref('int_vote_report_clusters') }} as clusters
inner join {{ ref('int_vote_reports') }} as reports
    on clusters.doc_id = reports.doc_id and clusters.report_index = reports.report_index
left join {{ ref('int_document_duplicates') }} as duplicates on clusters.doc_id = duplicates.doc_id
{{ changed_votes_only(vote_id='clusters.vote_id') }}
{{ full_build_order('report_key') }}
