-- Volume, costs and price per unit per period x productcode x eenheid. The price is sum(bedrag) / sum(volume), never
-- an average of tarieven; NULL for eenheid 83 (euro), where the volume is an amount.
-- An incremental build computes the recomputed periods from the declaraties of their months.
{{ kpi_incrementeel_config() }}
-- depends_on: {{ ref('int_perioden_herberekening') }}
with perioden as (
    select * from {{ te_berekenen_perioden() }}
),

declaraties as (
    {{ feiten_in_bereik(ref('int_declaraties'), 'perioden', 'f.periode between w.start and w.eind') }}
),

-- volume and bedrag are additive: summed per month first, then per period
per_maand as (
    select periode, productcode, segment, eenheid, sum(volume) as volume, sum(bedrag) as bedrag
    from declaraties
    group by all
)

select
    concat_ws('|', p.periode_type, p.periode_start, d.productcode, d.eenheid) as rij_sleutel,
    p.periode_type,
    p.periode_start,
    p.periode_eind,
    d.productcode,
    any_value(pc.omschrijving) as omschrijving,
    any_value(d.segment) as segment,
    d.eenheid,
    cast(sum(d.volume) as double) as volume,
    cast(sum(d.bedrag) as decimal(18,2)) as kosten_eur,
    case when d.eenheid <> '83'
        then cast(round(sum(d.bedrag) / nullif(sum(d.volume), 0), 4) as decimal(18,4))
    end as prijs_per_eenheid_eur
from per_maand as d
inner join perioden as p
    on d.periode between p.periode_start and p.periode_eind
left join {{ ref('stg_reference__productcodes') }} as pc
    on pc.productcode = d.productcode
group by p.periode_type, p.periode_start, p.periode_eind, d.productcode, d.eenheid
