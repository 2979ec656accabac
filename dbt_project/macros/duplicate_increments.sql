{#- Incremental duplicate pairs. A pair of documents is a candidate, and is scored, from what
    the two documents hold (speakers, statements, people, numbers, votes, dates) and from one
    thing every document decides: a verbatim quote held by more than
    `duplicate_max_quote_documents` documents is boilerplate and pairs none of them. So a build
    rewrites the pairs of int_duplicate_affected_documents: the documents rebuilt since the
    duplicate models last built, those whose merged votes changed, and those holding a quote one
    of them gained or lost, when that quote pairs documents now or did then.

    The quotes a document held then are in int_document_quote_keys, which is built after the
    pairs (its depends_on) and so still holds the last build's keys while they build. -#}

{% macro duplicates_built_since() -%}
    {#- When the last build of all three duplicate models that committed began (the earliest
        of their recorded builds), as a timestamp literal's text; none when one has none, in a
        full refresh and at parse: the pairs are then built in full. One query: each model asks
        once and passes the value on (fetched per use, it cost about 30 queries a build). -#}
    {%- if execute and not flags.FULL_REFRESH -%}
        {%- set models = [] -%}
        {%- for identifier in ['int_document_pair_candidates', 'int_document_pairs', 'int_document_quote_keys'] -%}
            {%- if previous_build(identifier) is none -%}
                {{ return(none) }}
            {%- endif -%}
            {%- do models.append("'" ~ this.schema ~ "." ~ identifier ~ "'") -%}
        {%- endfor -%}
        {%- set found = run_query(
            "select case when count(*) = " ~ models | length ~ " then cast(min(built_at) as varchar) end from "
            ~ model_builds_table() ~ " where model in (" ~ models | join(', ') ~ ")"
        ) -%}
        {{ return(found.rows[0][0]) }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}

{% macro quote_key(expr) -%}
    {#- a quote compared verbatim: case and spacing normalised -#}
    lower(regexp_replace(trim({{ expr }}), '\s+', ' ', 'g'))
{%- endmacro %}

{% macro quotes_compared() -%}
    {#- the statements whose quotes are compared verbatim: direct, and long enough not to be a
        common phrase -#}
    is_direct and length(quote) >= 20
{%- endmacro %}

{% macro current_quote_keys(since) -%}
    {#- Every document's quote keys as int_statements holds them now: those of the documents
        rebuilt since the last build from int_statements, the rest as int_document_quote_keys
        kept them; with quote_number, hash(quote_key), by which the holders of a few quotes are
        found among all (a quote key is a sentence: hashing 231,000 of them to find a handful
        took 6-9 ms at 100,000 documents, in each of three models). Two quotes that shared a
        number would only be compared in vain: every count and pair is by quote_key. -#}
    {%- if since is none -%}
    select distinct doc_id, {{ quote_key('quote') }} as quote_key, hash({{ quote_key('quote') }}) as quote_number
    from {{ ref('int_statements') }}
    where {{ quotes_compared() }}
    {%- else -%}
    select built.doc_id, built.quote_key, built.quote_number
    from {{ previous_build('int_document_quote_keys') }} as built
    where built.doc_id not in (
        select affected.doc_id from {{ ref('int_duplicate_affected_documents') }} as affected where affected.is_rebuilt
    )
    union all
    select distinct doc_id, {{ quote_key('quote') }}, hash({{ quote_key('quote') }})
    from {{ ref('int_statements') }}
    where
        {{ quotes_compared() }}
        -- (a rebuilt document's statements were all written since: the filter skips the
        -- older row groups)
        and built_at > timestamp '{{ since }}'
        and doc_id in (
            select affected.doc_id from {{ ref('int_duplicate_affected_documents') }} as affected where affected.is_rebuilt
        )
    {%- endif -%}
{%- endmacro %}

{% macro affected_pairs_only(since, keyword='where') -%}
    {#- In an incremental build, a filter to the pairs with a document in
        int_duplicate_affected_documents. -#}
    {%- if since is not none -%}
    {{ keyword }} (
        earlier_doc_id in (select affected.doc_id from {{ ref('int_duplicate_affected_documents') }} as affected)
        or later_doc_id in (select affected.doc_id from {{ ref('int_duplicate_affected_documents') }} as affected)
    )
    {%- endif -%}
{%- endmacro %}

{% macro delete_affected_pairs() -%}
    {#- The pre-hook of the candidates and the pairs: the pairs rebuilt go first (all of them in
        a full build), so a pair that stopped being one leaves no row. -#}
    {%- if is_incremental() -%}
    delete from {{ this }} {{ affected_pairs_only(duplicates_built_since()) }}
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}
