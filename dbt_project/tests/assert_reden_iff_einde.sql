-- reden_beeindiging present iff datum_einde present (kpis.md data-quality rules).
select traject_sleutel
from {{ ref('int_trajecten') }}
where (datum_einde is null) <> (reden_beeindiging is null)
