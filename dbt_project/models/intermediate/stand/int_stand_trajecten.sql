-- The trajectories as the KPI marts last saw them: built after both incremental marts (depends_on), so it only
-- advances when they were built. int_perioden_herberekening compares int_trajecten with it.
-- An incremental build replaces the changed trajectories only (int_gewijzigde_trajecten).
-- depends_on: {{ ref('kpi_gemeente_segment') }}, {{ ref('kpi_aanbieder') }}
{{ vervang_gewijzigd_config('van_gewijzigd_traject') }}
select * from {{ ref('int_trajecten') }}
{{ alleen_gewijzigd(van_gewijzigd_traject()) }}
