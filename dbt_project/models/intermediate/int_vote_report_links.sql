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
select
    members.report_key,
    members.doc_id,
    members.report_version,
    members.vote_id,
    members.duplicate_of,
    {{ build_time() }} as built_at
from ({{ changed_vote_members() }}) as members
{{ full_build_order('report_key') }}
