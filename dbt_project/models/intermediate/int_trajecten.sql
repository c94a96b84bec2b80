-- One row per trajectory (agb + traject_id), attributes from the most recent month it appears in. An incremental
-- build replaces the changed trajectories only (int_gewijzigde_trajecten).
{{ vervang_gewijzigd_config('van_gewijzigd_traject') }}
with laatste as (
    select *
    from {{ ref('stg_provider__trajecten') }}
    {{ alleen_gewijzigd(van_gewijzigd_traject()) }}
    qualify row_number() over (
        partition by agb, traject_id order by leveringsmaand desc, levering_id desc
    ) = 1
)

select
    t.agb || '|' || t.traject_id as traject_sleutel,
    t.agb,
    t.traject_id,
    t.client_id,
    {{ client_sleutel('t') }} as client_sleutel,
    t.geboortedatum,
    t.geslacht,
    t.gemeentecode as gemeentecode_geleverd,
    coalesce(m.gemeentecode, t.gemeentecode) as gemeentecode,
    t.productcode,
    p.segment,
    p.kwadrant,
    t.hulpvorm,
    t.hulpvorm in ('11', '12', '13', '14') as met_verblijf,
    t.verwijzer,
    t.gestart_met_crisis,
    t.aanmelddatum,
    t.datum_aanvang,
    t.datum_einde,
    t.reden_beeindiging,
    t.leveringsmaand as laatste_leveringsmaand
from laatste as t
left join {{ ref('int_gemeentecodes') }} as m
    on m.gemeentecode_bron = t.gemeentecode
left join {{ ref('stg_reference__productcodes') }} as p
    on p.productcode = t.productcode
