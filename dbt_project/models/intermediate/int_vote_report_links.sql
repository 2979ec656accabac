-- Each vote report as the last build of the vote models left it (macros/vote_increments.sql):
-- its row's version, its vote and its document's duplicate status. Built after every model
-- that reads the reports' votes, so a build that fails before it leaves the old links, and
-- the next build finds the same reports changed again.
-- depends_on: {{ ref('int_vote_positions') }}
-- depends_on: {{ ref('votes') }}
-- depends_on: {{ ref('vote_conflicts') }}
select report_key, report_version, vote_id, duplicate_of
from {{ ref('int_vote_members') }}
