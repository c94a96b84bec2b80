-- Rows of accepted (current) deliveries only; corrected deliveries stay in raw as history.
select
    t.levering_id,
    t.rij_nr,
    t.agb,
    t.leveringsmaand,
    t.traject_id,
    t.client_id,
    t.geboortedatum,
    t.geslacht,
    t.gemeentecode,
    t.productcode,
    t.hulpvorm,
    t.verwijzer,
    t.gestart_met_crisis = '01' as gestart_met_crisis,
    t.aanmelddatum,
    t.datum_aanvang,
    t.datum_einde,
    t.reden_beeindiging
from {{ source('raw', 'trajecten') }} as t
inner join {{ source('raw', 'leveringen') }} as l
    on l.levering_id = t.levering_id and l.status = 'accepted'
