select
    {{ stable_id(["'number'", 'doc_id', 'char_start', 'char_end', 'value']) }} as number_id,
    doc_id,
    value,
    unit,
    kind,
    is_approximate,
    surface,
    char_start,
    char_end
from {{ ref('stg_numbers') }}
qualify row_number() over (partition by doc_id, char_start, char_end, value order by unit, kind) = 1
