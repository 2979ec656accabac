-- The votes int_vote_positions, votes and vote_conflicts rebuild in this build
-- (macros/vote_increments.sql): every vote before the first build; then the votes, before and
-- after, of the reports int_vote_report_clusters decided again, the votes of reports whose
-- document became or stopped being a duplicate, and the votes naming a country that resolves
-- to another actor (or name, or code) than at the last build.
-- depends_on: {{ ref('int_vote_affected_reports') }}
-- depends_on: {{ ref('int_vote_members') }}
-- depends_on: {{ ref('stg_vote_report_positions') }}
-- depends_on: {{ ref('int_actors') }}
-- depends_on: {{ ref('int_actor_alias_keys') }}
{%- set built_links = previous_build('int_vote_report_links') %}
{%- set built_countries = previous_build('int_vote_country_links') %}

{% if built_links is none or built_countries is none -%}
select distinct vote_id from {{ ref('int_vote_report_clusters') }}
{%- else -%}
with affected as (
    select * from {{ ref('int_vote_affected_reports') }}
),

members as (
    select report_key, doc_id, report_index, vote_id, duplicate_of from {{ ref('int_vote_members') }}
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
)

select affected.previous_vote_id as vote_id
from affected
where affected.previous_vote_id is not null
union
select members.vote_id
from members
where members.report_key in (select affected.report_key from affected)
union
select members.vote_id
from members
inner join {{ built_links }} as built on members.report_key = built.report_key
where members.duplicate_of is distinct from built.duplicate_of
union
select members.vote_id
from {{ ref('stg_vote_report_positions') }} as positions
inner join changed_countries
    on
        positions.country is not distinct from changed_countries.reported_country
        and positions.country_code is not distinct from changed_countries.reported_code
inner join members
    on positions.doc_id = members.doc_id and positions.report_index = members.report_index
{%- endif %}
