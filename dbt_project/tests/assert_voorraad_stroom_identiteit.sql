-- Stock-flow identity (kpis.md): clienten_eind = clienten_begin + instroom - uitstroom on every row of both KPI marts.
select 'kpi_gemeente_segment' as mart, rij_sleutel
from {{ ref('kpi_gemeente_segment') }}
where clienten_eind <> clienten_begin + instroom - uitstroom
union all
select 'kpi_aanbieder' as mart, rij_sleutel
from {{ ref('kpi_aanbieder') }}
where clienten_eind <> clienten_begin + instroom - uitstroom
