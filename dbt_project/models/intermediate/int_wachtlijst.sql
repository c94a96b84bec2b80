-- Waiting-list snapshot rows with the current gemeentecode, segment and waiting time on the snapshot date. An
-- incremental build replaces the rows of changed wachtlijst deliveries only.
{{ vervang_gewijzigd_config('van_gewijzigde_wachtlijst') }}
with wachtlijst as (
    select * from {{ ref('stg_provider__wachtlijst') }}
    {{ alleen_gewijzigd(van_gewijzigde_wachtlijst()) }}
)

select
    w.levering_id,
    w.rij_nr,
    w.agb,
    w.snapshotdatum,
    w.client_id,
    {{ client_sleutel('w') }} as client_sleutel,
    w.gemeentecode as gemeentecode_geleverd,
    coalesce(m.gemeentecode, w.gemeentecode) as gemeentecode,
    w.productcode,
    p.segment,
    p.kwadrant,
    w.aanmelddatum,
    w.snapshotdatum - w.aanmelddatum as wachttijd_dagen,
    w.overbrugging
from wachtlijst as w
left join {{ ref('int_gemeentecodes') }} as m
    on m.gemeentecode_bron = w.gemeentecode
left join {{ ref('stg_reference__productcodes') }} as p
    on p.productcode = w.productcode
