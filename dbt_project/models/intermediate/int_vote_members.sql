-- Every vote report with the vote it was merged into, its document's date and whether the
-- document duplicates an earlier one (then it is kept as a source but not counted).
with clusters as (
    select * from {{ ref('int_vote_report_clusters') }}
),

reports as (
    select * from {{ ref('int_vote_reports') }}
),

duplicates as (
    select * from {{ ref('int_document_duplicates') }}
)

select
    clusters.vote_id,
    clusters.is_leading_report,
    clusters.vote_rank,
    reports.* exclude (built_at),
    duplicates.duplicate_of,
    coalesce(duplicates.duplicate_of, reports.doc_id) as original_doc_id,
    clusters.built_at
from clusters
inner join reports
    on clusters.doc_id = reports.doc_id and clusters.report_index = reports.report_index
left join duplicates on reports.doc_id = duplicates.doc_id
