-- Rows of accepted (current) deliveries only.
select
    d.levering_id,
    d.rij_nr,
    d.agb,
    d.leveringsmaand,
    d.traject_id,
    d.productcode,
    d.periode,
    d.volume,
    d.eenheid,
    d.tarief,
    d.bedrag
from {{ source('raw', 'declaraties') }} as d
inner join {{ source('raw', 'leveringen') }} as l
    on l.levering_id = d.levering_id and l.status = 'accepted'
