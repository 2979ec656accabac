-- Every place an actor is named (int_document_references, built per document): mentions,
-- countries in vote positions with an ISO code, and person speakers of statements.
-- Each reference gets `actor_key`, the key of its canonical actor:
--   countries by ISO code (or by a code another reference gives the same name), else by name;
--   people and organizations by name key; a one-word person name ("Zhang") resolves to the
--   only full name in the same document sharing its first or last word, else to the only
--   such full name in any document.
--
-- Incremental per document, although a reference's actor depends on other documents: a
-- document's rows are rebuilt when its extraction is new (int_documents_dated rebuilt its row
-- since this table's last build, macros/incremental.sql) or when the resolution of one of its
-- names changed (a country named without a code, a one-word person name not resolved within its
-- own document: the only rows whose key other documents decide). Such a resolution can change
-- only through a changed document naming the same country with a code, or a full name with the
-- same first or last word, now or at its last build: the build resolves those names alone, for
-- the documents holding them. Every other row's key is its own code, its name key or a full
-- name from its own document, so the table equals a full build. `references_fingerprint` (the
-- document's extractor version and how those names resolved) goes into the versions the vote
-- and activity models compare; it is the same whichever way the table was built.
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        post_hook=[
            "{{ log_replaced_references() }}",
            "{{ delete_replaced_rows([ref('int_documents_dated'), ref('int_document_references')]) }}",
            "{{ record_build_time() }}"
        ]
    )
}}
-- depends_on: {{ ref('int_documents_dated') }}
{%- set since = last_build_time() %}

{%- set actor_key -%}
    case
        when refs.actor_type = 'country'
            then coalesce(refs.country_code, codes_by_name.country_code, refs.name_key)
        when refs.actor_type = 'person' and refs.name_key not like '% %'
            then coalesce(
                case when same_doc_matches.candidates = 1 then same_doc_matches.full_key end,
                case when any_doc_matches.candidates = 1 then any_doc_matches.full_key end,
                refs.name_key
            )
        else refs.name_key
    end
{%- endset -%}

{#- The key of a name that other documents decide, once its own document has not resolved it. -#}
{%- set cross_document_key -%}
    case
        when refs.actor_type = 'country' then coalesce(refs.country_code, codes_by_name.country_code, refs.name_key)
        else coalesce(case when any_doc_matches.candidates = 1 then any_doc_matches.full_key end, refs.name_key)
    end
{%- endset -%}

{#- Joined on the keys alone (each side has one row per key), the actor type checked in the
    case above: with `refs.actor_type = ...` in the join condition DuckDB planned a nested
    loop join over every reference. -#}
{%- set resolution_joins -%}
    left join codes_by_name on refs.name_key = codes_by_name.name_key
    left join same_doc_matches
        on refs.doc_id = same_doc_matches.doc_id and refs.name_key = same_doc_matches.name_key
    left join any_doc_matches on refs.name_key = any_doc_matches.name_key
{%- endset %}

with refs as not materialized (
    -- read where used, each use its own columns and filters: a materialized copy of every
    -- reference cost a quarter of a second per run
    select * from {{ ref('int_document_references') }}
),
{%- if is_incremental() %}

changed_documents as materialized (
    -- documents extracted anew, or whose references int_document_references rewrote, since
    -- this table's last build
    {{ documents_built_since_last_build([ref('int_documents_dated'), ref('int_document_references')]) }}
),

changed_refs as materialized (
    -- their references: all written since this table's last build, so a filter on built_at
    -- skips the older row groups (a filter on the documents alone read every reference)
    select * from refs
    where
        {% if since is not none %}built_at > timestamp '{{ since }}' and {% endif -%}
        doc_id in (select changed_documents.doc_id from changed_documents)
),

touched_names as materialized (
    -- the names whose resolution across documents a changed document can move: the country
    -- names it gives a code and the first and last words of its full person names, as
    -- extracted now and as this table holds them from its last build (its rows are replaced
    -- after the select: no pre-hook deletes them first)
    select distinct actor_type, case when actor_type = 'country' then name_key else word end as name_key
    from (
        select actor_type, name_key, country_code from changed_refs
        union all
        select actor_type, name_key, country_code from {{ this }}
        where doc_id in ({{ held_documents('select changed_documents.doc_id from changed_documents', since) }})
    ) as changed_names,
        unnest([split_part(name_key, ' ', 1), split_part(name_key, ' ', -1)]) as words (word)
    where
        (actor_type = 'country' and country_code is not null)
        or (actor_type = 'person' and name_key like '% %')
),

candidate_rows as materialized (
    -- the rows holding a name only other documents resolve that is one of the touched names:
    -- the only rows whose key this build can change besides the changed documents'
    select built.doc_id, built.actor_type, built.name_key, built.country_code, built.actor_key
    from {{ this }} as built
    where
        -- by the name's hash, kept only on such rows: the scan reads one column, null on nearly
        -- every row, and skips the rest of each stretch without one (0.10 s at 100,000
        -- documents when the name's hash and the row's kind were read for every row)
        built.cross_document_name_number is not null
        and built.cross_document_name_number in (select hash(touched_names.name_key) from touched_names)
),

candidate_documents as materialized (
    -- the changed documents and those holding such a row: the only documents whose rows this
    -- build can change
    {{ short_list('select changed_documents.doc_id from changed_documents'
        ~ ' union all select candidate_rows.doc_id from candidate_rows', 'doc_id') }}
),

needed_names as materialized (
    -- the names the resolution below is computed for: those of the candidate documents that
    -- other documents may resolve, countries named without a code and one-word person names
    -- (a country's code, a full name, needs none). Usually none: the lookups below then read
    -- nothing, where each read a column of every reference (10-30 ms at 100,000 documents,
    -- all the references of a common country's name for its codes)
    select distinct actor_type, name_key
    from refs
    where
        doc_id in (select candidate_documents.doc_id from candidate_documents)
        and (
            (actor_type = 'country' and country_code is null)
            or (actor_type = 'person' and name_key not like '% %')
        )
),
{%- endif %}

codes_by_name as (
    -- the code given most often, a tie to the first alphabetically: `mode` would leave a tie to
    -- the order rows are read in, which differs between an incremental and a full build
    select name_key, country_code
    from (
        select name_key, country_code, count(*) as code_count
        from refs
        where
            actor_type = 'country' and country_code is not null
            {%- if is_incremental() %}
            -- by the names' hashes (another name sharing one is counted apart, and joins no
            -- reference but its own)
            and name_number in (
                select hash(needed_names.name_key) from needed_names where needed_names.actor_type = 'country'
            )
            {%- endif %}
        group by name_key, country_code
    ) as code_counts
    qualify row_number() over (partition by name_key order by code_count desc, country_code) = 1
),

any_doc_matches as (
    -- a one-word name matches a full name on its first or its last word (two equi-joins, not
    -- one join on `in (first_word, last_word)`)
    select
        one_word_names.name_key,
        min(full_name_words.name_key) as full_key,
        count(distinct full_name_words.name_key) as candidates
    from (
        {%- if is_incremental() %}
        select needed_names.name_key from needed_names
        where needed_names.actor_type = 'person' and needed_names.name_key not like '% %'
        {%- else %}
        select distinct name_key from refs where actor_type = 'person' and name_key not like '% %'
        {%- endif %}
    ) as one_word_names
    inner join (
        {%- for word_index in (1, -1) %}
        {% if not loop.first %}union{% endif %}
        select name_key, split_part(name_key, ' ', {{ word_index }}) as word
        from refs
        where
            actor_type = 'person' and name_key like '% %'
            {%- if is_incremental() %}
            -- by the words' hashes, stored per reference: splitting every full name on each
            -- build cost more than the rest (the join below matches the words themselves)
            and {{ 'first' if word_index == 1 else 'last' }}_word_number in (
                select hash(needed_names.name_key) from needed_names where needed_names.actor_type = 'person'
            )
            {%- endif %}
        {%- endfor %}
    ) as full_name_words on one_word_names.name_key = full_name_words.word
    group by one_word_names.name_key
),

{% if is_incremental() %}
re_resolved as (
    -- documents with a name whose actor other documents decide and now decide differently:
    -- only a touched name's can (candidate_rows; the candidate documents' rows looked up by
    -- document read every row's document, 0.02-0.05 s at 100,000 documents)
    select distinct refs.doc_id
    from (select distinct * from candidate_rows) as refs
    left join codes_by_name on refs.name_key = codes_by_name.name_key
    left join any_doc_matches on refs.name_key = any_doc_matches.name_key
    where refs.actor_key is distinct from {{ cross_document_key }}
),

to_build as materialized (
    {{ short_list('select doc_id from changed_documents union all select doc_id from re_resolved', 'doc_id') }}
),

to_build_refs as materialized (
    -- the references of the documents to build: the changed documents' (read above), and those
    -- of the documents re-resolved (usually none: a join with nothing reads nothing). Once, for
    -- its four uses: where used, DuckDB hashed every one-word name's references for one of them
    select * from changed_refs
    union all
    select * from refs
    where doc_id in (
        select re_resolved.doc_id from re_resolved
        where re_resolved.doc_id not in (select changed_documents.doc_id from changed_documents)
    )
),
{% endif %}

one_word_people as (
    select distinct doc_id, name_key
    from {{ 'to_build_refs' if is_incremental() else 'refs' }}
    where actor_type = 'person' and name_key not like '% %'
),

same_doc_matches as (
    -- one-word person names and the full names of the same document sharing a word with them
    select
        one_word_people.doc_id,
        one_word_people.name_key,
        min(full_name_words.name_key) as full_key,
        count(distinct full_name_words.name_key) as candidates
    from one_word_people
    inner join (
        {%- for word_index in (1, -1) %}
        {% if not loop.first %}union{% endif %}
        select doc_id, name_key, split_part(name_key, ' ', {{ word_index }}) as word
        from {{ 'to_build_refs' if is_incremental() else 'refs' }}
        where actor_type = 'person' and name_key like '% %'
        {%- endfor %}
    ) as full_name_words
        on one_word_people.doc_id = full_name_words.doc_id and one_word_people.name_key = full_name_words.word
    group by one_word_people.doc_id, one_word_people.name_key
),

keyed as (
    select
        refs.* exclude (extractor_version, built_at),
        {{ actor_key }} as actor_key,
        coalesce(
            refs.actor_type = 'person' and refs.name_key not like '% %' and same_doc_matches.candidates = 1, false
        ) as resolved_within_document,
        refs.extractor_version
    {%- if is_incremental() %}
    -- the documents to build first: joined unfiltered, DuckDB hashed every reference
    from to_build_refs as refs
    {%- else %}
    from refs
    {%- endif %}
    {{ resolution_joins }}
),

resolved as (
    select * from keyed where actor_key is not null
),

fingerprints as (
    -- the extraction, and the keys other documents decided (the rest follows from the
    -- extraction); a sum of hashes needs no ordering, so a full build stays cheap
    select
        doc_id,
        any_value(extractor_version) || '/' || coalesce(
            cast(sum(distinct hash(actor_type, name_key, country_code, actor_key)) filter (
                where
                    (actor_type = 'country' and country_code is null)
                    or (actor_type = 'person' and name_key not like '% %')
            ) as varchar),
            ''
        ) as references_fingerprint
    from resolved
    group by doc_id
)

select
    resolved.* exclude (extractor_version),
    {{ stable_id(["'actor'", 'resolved.actor_type', 'resolved.actor_key']) }} as actor_id,
    case
        when
            (resolved.actor_type = 'country' and resolved.country_code is null)
            or (resolved.actor_type = 'person' and resolved.name_key not like '% %' and not resolved.resolved_within_document)
            then resolved.name_number
    end as cross_document_name_number,
    resolved.extractor_version,
    fingerprints.references_fingerprint,
    -- the document's date, which int_actor_tallies counts the actor's documents by: a new date
    -- rebuilds the document's rows, so a replaced row keeps the date it was counted under
    documents.published_date,
    {{ build_time() }} as built_at
from resolved
inner join fingerprints on resolved.doc_id = fingerprints.doc_id
left join (
    select doc_id, published_date from {{ ref('int_documents_dated') }}
    {%- if is_incremental() %}
    -- the documents built alone: joined with every document, DuckDB hashed them all
    where doc_id in (select to_build.doc_id from to_build)
    {%- endif %}
) as documents on resolved.doc_id = documents.doc_id
{{ full_build_order('doc_id') }}
