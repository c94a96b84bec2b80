-- Data date, first delivery month and reference fingerprint as the KPI marts last saw them (see int_stand_trajecten),
-- and the dbt invocation that left this state: built after the other state tables, so only a build that completed
-- them all names itself here.
-- depends_on: {{ ref('kpi_gemeente_segment') }}, {{ ref('kpi_aanbieder') }}, {{ ref('int_stand_trajecten') }},
-- {{ ref('int_stand_leveringen') }}
select p.peildatum, p.eerste_leveringsmaand, r.vingerafdruk, '{{ invocation_id }}' as build_id,
    {{ stand_versie() }} as stand_versie
from {{ ref('int_peildatum') }} as p
cross join {{ ref('int_referentie_vingerafdruk') }} as r
