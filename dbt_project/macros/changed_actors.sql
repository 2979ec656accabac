{#- The cross-document actor models (int_actor_alias_keys, int_actors, actors, actor_aliases),
    rebuilt incrementally for the actors whose references changed, from counts kept current by
    differences.

    Each of their rows sums over one actor's references: how often each name, surface,
    affiliation, role and code is given, how many documents name and mention the actor, and the
    first and last of their dates.
    Recounting a changed actor from all its references read every reference of it (an article
    naming a large country read tens of thousands), and the reads grew with the warehouse.
    int_actor_tallies keeps those sums per actor and adds to them what changed: the references
    int_actor_references wrote since the tallies' last build, less those it replaced since that
    the tallies had counted. int_actor_references writes the rows it replaces to
    plenary_state.replaced_actor_references (`log_replaced_references`), in the transaction that
    replaces them; int_actor_tallies takes them out of its sums and clears them, in the
    transaction that writes its sums (`prune_replaced_references`). A build that fails keeps
    both as they were: nothing is subtracted twice, nothing is lost.

    int_actor_tallies rewrites all the rows of each actor it recounts (`built_at`), and leaves
    one row with tally 'none' for an actor no reference names any more. The models after it
    rebuild the actors it recounted since their own last build (`tallies_written_since`,
    `delete_tallied_actors`), a filter on `built_at` that skips older row groups. -#}

{% macro replaced_references_table() -%}
    plenary_state.replaced_actor_references
{%- endmacro %}

{% macro create_replaced_references_table() -%}
    {#- on-run-start. A row with no document marks a full rebuild of int_actor_references: the
        tallies then count everything again. -#}
    create table if not exists {{ replaced_references_table() }} (
        doc_id varchar, actor_id varchar, actor_type varchar, actor_key varchar, ref_kind varchar,
        name varchar, surface varchar, affiliation varchar, role varchar, country_code varchar,
        published_date date, built_at timestamp, replaced_at timestamp not null
    )
{%- endmacro %}

{% macro tallied_columns() -%}
    doc_id, actor_id, actor_type, actor_key, ref_kind, name, surface, affiliation, role, country_code, published_date, built_at
{%- endmacro %}

{% macro log_replaced_references() -%}
    {#- The post-hook of int_actor_references, before its older rows are deleted. -#}
    {%- if is_incremental() -%}
    insert into {{ replaced_references_table() }}
    select {{ tallied_columns() }}, {{ build_time() }} as replaced_at
    from {{ this }}
    where {{ replaced_rows([ref('int_documents_dated'), ref('int_document_references')]) }}
    {%- else -%}
    insert into {{ replaced_references_table() }} (replaced_at) values ({{ build_time() }})
    {%- endif -%}
{%- endmacro %}

{% macro references_recounted_since(since) -%}
    {#- Whether int_actor_references was rebuilt in full after `since` (then every tally is
        counted again). -#}
    {%- if execute -%}
        {%- set found = run_query(
            "select count(*) from " ~ replaced_references_table()
            ~ " where doc_id is null and replaced_at > timestamp '" ~ since ~ "'"
        ) -%}
        {{ return(found.rows[0][0] > 0) }}
    {%- endif -%}
    {{ return(false) }}
{%- endmacro %}

{% macro reference_tally_rows(references, sign='') -%}
    {#- The 'references' tallies of the references the query or CTE `references` gives (negated
        with sign='-'): per actor and way of naming it, how many references there are. -#}
    select
        actor_id, actor_type, actor_key, 'references' as tally, ref_kind, name, surface, affiliation,
        role, country_code, {{ sign }}count(*) as tally_count
    from {{ references }}
    group by all
{%- endmacro %}

{% macro documents_naming_actors(references) -%}
    {#- Per document and actor of the references `references` gives: the document's date and
        whether it mentions the actor, once as ref_kind null (a document naming the actor) and,
        when it mentions it, once more as 'mention'. -#}
    select per_document.*, kinds.ref_kind
    from (
        select
            doc_id, actor_id, any_value(actor_type) as actor_type, any_value(actor_key) as actor_key,
            any_value(published_date) as published_date, bool_or(ref_kind = 'mention') as mentioned
        from {{ references }}
        group by doc_id, actor_id
    ) as per_document,
        unnest(case when per_document.mentioned then [null, 'mention'] else [null] end) as kinds (ref_kind)
{%- endmacro %}

{% macro retallied_actors(since) -%}
    {#- The actors whose references changed after `since`: named by a reference written since,
        or by one replaced since that was written before (a short list). -#}
    {%- set actors -%}
    select actor_id from {{ ref('int_actor_references') }} where built_at > timestamp '{{ since }}'
    union all
    select actor_id from {{ replaced_references_table() }}
    where replaced_at > timestamp '{{ since }}' and built_at <= timestamp '{{ since }}'
    {%- endset -%}
    {{ short_list(actors, 'actor_id') }}
{%- endmacro %}

{% macro delete_retallied_actors() -%}
    {#- The post-hook of int_actor_tallies: the older rows of the actors it wrote again (all of
        them after a full rebuild of the references). -#}
    {%- set since = last_build_time() -%}
    {%- if since is none -%}
    select 1
    {%- elif references_recounted_since(since) -%}
    delete from {{ this }} where built_at <> {{ build_time() }}
    {%- else -%}
    delete from {{ this }}
    where
        rowid in ({{ rows_of_actors(retallied_actors(since), 'built_at <> ' ~ build_time()) }})
        and actor_id in ({{ retallied_actors(since) }})
    {%- endif -%}
{%- endmacro %}

{% macro rows_of_actors(actors, condition='true') -%}
    {#- The row numbers of this model's rows of the actors the query `actors` gives (and
        a few more, were two ids to share a hash: the callers match the ids too), by their
        actor_number: a number is found among a million rows in 3 ms, an id in 16. -#}
    select rowid from {{ this }}
    where actor_number in (select hash(actor_id) from ({{ actors }}) as actors) and {{ condition }}
{%- endmacro %}

{% macro prune_replaced_references() -%}
    {#- The post-hook of int_actor_tallies: the replaced references it has now taken out. -#}
    delete from {{ replaced_references_table() }} where replaced_at <= {{ build_time() }}
{%- endmacro %}

{% macro tallies_written_since(keyword='where') -%}
    {#- In an incremental build of a model after int_actor_tallies, a filter on the rows of it
        (or of a model between, rebuilt for the same actors) to those written since this
        model's last build: all the rows of the actors recounted since. -#}
    {%- set since = last_build_time() if is_incremental() else none -%}
    {%- if since is not none -%}
    {{ keyword }} built_at > timestamp '{{ since }}'
    {%- endif -%}
{%- endmacro %}

{% macro delete_tallied_actors(after_select=false, by_number=false) -%}
    {#- The pre-hook of the models after int_actor_tallies: the rows of the actors it recounted
        since this model's last build (all rows before a recorded one). With after_select, the
        post-hook of a model that reads those rows while it builds: the rows it wrote stay.
        With by_number, for a model whose rows carry actor_number: the rows are found by it
        first (macro rows_of_actors). -#}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where {% if after_select %}built_at <> {{ build_time() }}{% else %}true{% endif %}
    {%- set since = last_build_time() %}
    {%- if since is not none %}
    {%- set recounted = short_list(
        'select tallies.actor_id from ' ~ ref('int_actor_tallies') ~ ' as tallies'
        ~ " where tallies.built_at > timestamp '" ~ since ~ "'", 'actor_id') %}
    {%- if by_number %}
    and rowid in ({{ rows_of_actors(recounted) }})
    {%- endif %}
    and actor_id in ({{ recounted }})
    {%- endif %}
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}
