-- Trajectories (agb + traject_id) whose declaraties in int_declaraties, as the previous build left it, carry another
-- client, gemeente or presence of their trajectory than int_trajecten has now: int_declaraties replaces the rows of
-- these trajectories (and of changed declaraties deliveries). Compared with int_declaraties itself, not with the
-- state of the KPI marts, so a build that failed after int_declaraties leaves nothing behind. Only a trajectory
-- with a row in a changed trajecten delivery can differ (int_gewijzigde_trajecten); a new month, whose deliveries
-- repeat every running trajectory, so replaces the declaraties of new and corrected trajectories only, not the
-- history of every running one. Nothing on a first or --full-refresh build (int_declaraties is then built whole).
-- depends_on: {{ ref('int_trajecten') }}, {{ ref('int_gewijzigde_trajecten') }}
{%- set declaraties = none if flags.FULL_REFRESH else eigen_relatie('int_declaraties') %}
{% if declaraties is none %}
select cast(null as varchar) as agb, cast(null as varchar) as traject_id
where false
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
