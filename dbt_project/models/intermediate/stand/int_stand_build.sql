-- Data date, first delivery month and reference fingerprint as the KPI marts last saw them (see int_stand_trajecten).
-- depends_on: {{ ref('kpi_gemeente_segment') }}, {{ ref('kpi_aanbieder') }}
select p.peildatum, p.eerste_leveringsmaand, r.vingerafdruk
from {{ ref('int_peildatum') }} as p
cross join {{ ref('int_referentie_vingerafdruk') }} as r
