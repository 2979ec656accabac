select
    source_name,
    reason,
    detail,
    cast(rejected_at as timestamp) as rejected_at
from {{ source('raw', 'rejects') }}
