select
    {{ stable_id(["'mention'", 'doc_id', 'char_start', 'char_end', 'actor_id']) }} as mention_id,
    doc_id,
    actor_id,
    surface,
    char_start,
    char_end,
    name as actor_name_in_document
from {{ ref('int_actor_references') }}
where ref_kind = 'mention'
qualify row_number() over (partition by doc_id, char_start, char_end, actor_id order by surface) = 1
