select
    source_name,
    reason,
    detail,
    rejected_at
from {{ ref('stg_rejects') }}
