-- The trajectories as the KPI marts last saw them: built after both incremental marts (depends_on), so it only
-- advances when they were built. int_perioden_herberekening compares int_trajecten with it.
-- depends_on: {{ ref('kpi_gemeente_segment') }}, {{ ref('kpi_aanbieder') }}
select * from {{ ref('int_trajecten') }}
