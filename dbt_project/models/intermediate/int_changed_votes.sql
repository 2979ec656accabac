-- The votes int_vote_positions, votes and vote_conflicts rebuild in this build
-- (macros/vote_increments.sql): every vote before the first build; then the votes, before and
-- after, of the reports int_vote_report_clusters decided again, the votes of reports whose
-- document became or stopped being a duplicate, and the votes naming a country that resolves
-- to another actor (or name, or code) than at the last build.
-- Each is found from int_vote_report_clusters' rows (a report's vote, its document and place),
-- not from int_vote_members: that view joins every report to its cluster (0.04 s at 100,000
-- documents), and the vote of a report int_vote_report_clusters holds is the one it has.
-- depends_on: {{ ref('int_vote_affected_reports') }}
-- depends_on: {{ ref('stg_vote_report_positions') }}
-- depends_on: {{ ref('int_actors') }}
-- depends_on: {{ ref('int_actor_alias_keys') }}
-- depends_on: {{ ref('int_document_duplicates') }}
{%- set built_links = previous_build('int_vote_report_links') %}
{%- set built_countries = previous_build('int_vote_country_links') %}

{% if built_links is none or built_countries is none -%}
select distinct vote_id from {{ ref('int_vote_report_clusters') }}
{%- else -%}
with affected as (
    select * from {{ ref('int_vote_affected_reports') }}
),

clusters as (
    select report_key, doc_id, report_index, vote_id from {{ ref('int_vote_report_clusters') }}
),

resolution as (
    {{ vote_country_resolution() }}
),

changed_countries as (
    select * from (
        (select * from resolution except select * from {{ built_countries }})
        union all
        (select * from {{ built_countries }} except select * from resolution)
    ) as changed
),

changed_positions as materialized (
    -- the reports naming such a country, usually none: found before the reports are joined
    -- (joined after, DuckDB matched every position to its report first)
    select distinct positions.doc_id, positions.report_index
    from {{ ref('stg_vote_report_positions') }} as positions
    inner join changed_countries
        on
            positions.country is not distinct from changed_countries.reported_country
            and positions.country_code is not distinct from changed_countries.reported_code
),

duplicate_documents as materialized (
    -- the documents that are duplicates now or whose reports were at the last build: only
    -- their reports' duplicate status can differ from the last build's
    select doc_id from {{ ref('int_document_duplicates') }}
    union
    select clusters.doc_id
    from clusters
    where clusters.report_key in (select built.report_key from {{ built_links }} as built where built.duplicate_of is not null)
)

select affected.previous_vote_id as vote_id
from affected
where affected.previous_vote_id is not null
union
select clusters.vote_id
from clusters
where clusters.report_key in (select affected.report_key from affected)
union
select clusters.vote_id
from clusters
left join {{ ref('int_document_duplicates') }} as duplicates on clusters.doc_id = duplicates.doc_id
inner join {{ built_links }} as built on clusters.report_key = built.report_key
where
    clusters.doc_id in (select duplicate_documents.doc_id from duplicate_documents)
    and duplicates.duplicate_of is distinct from built.duplicate_of
union
select clusters.vote_id
from changed_positions
inner join (
    -- their documents' clusters alone: joined with all, DuckDB hashed every report for none
    select * from clusters
    where doc_id in ({{ short_list('select changed_positions.doc_id from changed_positions', 'doc_id') }})
) as clusters
    on changed_positions.doc_id = clusters.doc_id and changed_positions.report_index = clusters.report_index
{%- endif %}
