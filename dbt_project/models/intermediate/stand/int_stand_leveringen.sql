-- Deliveries and their status as the KPI marts last saw them (see int_stand_trajecten).
-- depends_on: {{ ref('kpi_gemeente_segment') }}, {{ ref('kpi_aanbieder') }}
select levering_id, soort, leveringsmaand, status from {{ ref('stg_provider__leveringen') }}
