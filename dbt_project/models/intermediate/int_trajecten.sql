-- One row per trajectory (agb + traject_id), attributes from the most recent month it appears in (the latest
-- leveringsmaand, then levering_id). An incremental build replaces the changed trajectories only
-- (int_gewijzigde_trajecten): it finds their latest delivery on the key columns and then reads only those rows, so
-- the other columns of their older months are never read. A full build takes the latest row per trajectory in one
-- aggregation. Either is faster than numbering the rows in a window (docs/design.md "Incremental marts").
-- depends_on: {{ ref('int_gewijzigde_trajecten') }}
{{ vervang_gewijzigd_config('van_gewijzigd_traject') }}
with laatste as (
    {%- if is_incremental() %}
    select r.*
    from {{ ref('stg_provider__trajecten') }} as r
    semi join (
        select agb, traject_id, arg_max(levering_id, (leveringsmaand, levering_id)) as levering_id
        from {{ ref('stg_provider__trajecten') }}
        {{ alleen_gewijzigd(van_gewijzigd_traject()) }}
        group by agb, traject_id
    ) as l using (levering_id, agb, traject_id)
    {%- else %}
    select unnest(arg_max(r, (r.leveringsmaand, r.levering_id)))
    from {{ ref('stg_provider__trajecten') }} as r
    group by r.agb, r.traject_id
    {%- endif %}
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
