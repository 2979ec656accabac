-- Each country the vote reports name, with the country actor it resolved to at the last build
-- of the vote models (macros/vote_increments.sql): int_changed_votes rebuilds the votes naming
-- a country that resolves differently now. Built after those models, as int_vote_report_links.
-- depends_on: {{ ref('int_vote_positions') }}
-- depends_on: {{ ref('votes') }}
-- depends_on: {{ ref('vote_conflicts') }}
{{ vote_country_resolution() }}
