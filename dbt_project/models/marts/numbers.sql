-- Incremental per document (macro documents_to_build): a number depends on its own document only.
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        post_hook=["{{ delete_replaced_rows() }}", "{{ record_build_time() }}"]
    )
}}

select
    {{ stable_id(["'number'", 'numbers.doc_id', 'numbers.char_start', 'numbers.char_end', 'numbers.value']) }} as number_id,
    numbers.doc_id,
    numbers.value,
    numbers.unit,
    numbers.kind,
    numbers.is_approximate,
    numbers.surface,
    numbers.char_start,
    numbers.char_end,
    to_build.extractor_version,
    {{ build_time() }} as built_at
from {{ ref('stg_numbers') }} as numbers
inner join ({{ documents_to_build() }}) as to_build on numbers.doc_id = to_build.doc_id
where {{ loaded_for_documents_to_build() }}
qualify row_number() over (
    partition by numbers.doc_id, numbers.char_start, numbers.char_end, numbers.value
    order by numbers.unit, numbers.kind
) = 1
{{ full_build_order('doc_id') }}
