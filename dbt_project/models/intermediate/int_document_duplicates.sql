-- For each document that repeats or paraphrases an earlier one: the earliest such document,
-- followed one step further when that one is itself a duplicate.
with pairs as (
    select * from {{ ref('int_document_pairs') }}
    where is_duplicate
),

documents as (
    select doc_id, reading_order from {{ ref('int_documents_dated') }}
),

first_original as (
    select
        pairs.later_doc_id as doc_id,
        arg_min(pairs.earlier_doc_id, documents.reading_order) as duplicate_of
    from pairs
    inner join documents on pairs.earlier_doc_id = documents.doc_id
    group by pairs.later_doc_id
)

select
    first_original.doc_id,
    coalesce(upstream.duplicate_of, first_original.duplicate_of) as duplicate_of
from first_original
left join first_original as upstream on first_original.duplicate_of = upstream.doc_id
