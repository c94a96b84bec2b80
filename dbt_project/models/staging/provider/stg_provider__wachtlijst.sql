-- Rows of accepted (current) deliveries only; the snapshot is taken on the last day of leveringsmaand.
select
    w.levering_id,
    w.rij_nr,
    w.agb,
    w.leveringsmaand,
    last_day(w.leveringsmaand) as snapshotdatum,
    w.client_id,
    w.gemeentecode,
    w.productcode,
    w.aanmelddatum,
    w.overbrugging
from {{ source('raw', 'wachtlijst') }} as w
inner join {{ source('raw', 'leveringen') }} as l
    on l.levering_id = w.levering_id and l.status = 'accepted'
