-- Every report of every vote: one row per (vote, document). A duplicate document's report is
-- kept here (counted_in_source_count = false) but not counted in votes.source_count.
select
    vote_id,
    doc_id,
    report_index,
    is_leading_report,
    duplicate_of is null as counted_in_source_count,
    body as reported_body,
    subject as reported_subject,
    vote_date as reported_vote_date,
    cast(yes_count as integer) as reported_yes_count,
    cast(no_count as integer) as reported_no_count,
    cast(abstain_count as integer) as reported_abstain_count,
    outcome as reported_outcome,
    evidence,
    built_at
from {{ ref('int_vote_members') }}
