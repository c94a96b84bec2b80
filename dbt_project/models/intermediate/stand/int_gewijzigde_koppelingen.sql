-- Trajectories (agb + traject_id) whose declaraties in int_declaraties, as the previous build left it, carry another
-- client, gemeente or presence of their trajectory than int_trajecten has now: int_declaraties replaces the rows of
-- these trajectories (and of changed declaraties deliveries). Only a trajectory with a row in a changed trajecten
-- delivery can differ (int_gewijzigde_trajecten); a new month, whose deliveries repeat every running trajectory, so
-- replaces the declaraties of new and corrected trajectories only, not the history of every running one. Nothing on
-- a first or --full-refresh build (int_declaraties is then built whole).
-- When int_declaraties was last changed by the build that left the state (int_declaraties_build and int_stand_build
-- name the same dbt invocation), its links are those of int_stand_trajecten, and that table of one row per trajectory
-- is compared instead of the declaraties themselves (macro declaraties_van_vorige_stand). Otherwise (a build failed
-- between int_declaraties and the state tables, or a selection built one without the other) the declaraties are.
-- depends_on: {{ ref('int_trajecten') }}, {{ ref('int_gewijzigde_trajecten') }}
{%- set declaraties = none if flags.FULL_REFRESH else eigen_relatie('int_declaraties') %}
{%- set stand_trajecten = eigen_relatie('int_stand_trajecten') %}
{% if declaraties is none %}
select cast(null as varchar) as agb, cast(null as varchar) as traject_id
where false
{% elif stand_trajecten is not none and declaraties_van_vorige_stand() %}
select g.agb, g.traject_id
from {{ ref('int_gewijzigde_trajecten') }} as g
left join {{ ref('int_trajecten') }} as t
    on t.agb = g.agb and t.traject_id = g.traject_id
left join {{ stand_trajecten }} as s
    on s.agb = g.agb and s.traject_id = g.traject_id
where (t.client_id, t.gemeentecode, t.traject_id is not null)
        is distinct from (s.client_id, s.gemeentecode, s.traject_id is not null)
{% else %}
select distinct d.agb, d.traject_id
from {{ declaraties }} as d
semi join {{ ref('int_gewijzigde_trajecten') }} as g
    on g.agb = d.agb and g.traject_id = d.traject_id
left join {{ ref('int_trajecten') }} as t
    on t.agb = d.agb and t.traject_id = d.traject_id
where (t.client_id, t.gemeentecode, t.traject_id is not null)
        is distinct from (d.client_id, d.gemeentecode, d.heeft_traject)
{% endif %}
