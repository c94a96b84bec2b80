-- Budget versus realisation per year x gemeente or region (kpis.md "budget / realisatie"), from the jaar and maand
-- TOTAAL rows of kpi_gemeente_segment and the lumpsum of int_budget_gebied. Only years with a budget.
with jaren as (
    select gemeentecode, gemeentenaam, gebiedtype, year(periode_start) as jaar, kosten_eur
    from {{ ref('kpi_gemeente_segment') }}
    where periode_type = 'jaar' and segment = 'TOTAAL'
),

clientmaanden as (
    select gemeentecode, year(periode_start) as jaar, sum(clienten_in_zorg) as clientmaanden
    from {{ ref('kpi_gemeente_segment') }}
    where periode_type = 'maand' and segment = 'TOTAAL'
    group by all
),

basis as (
    select
        j.*,
        b.lumpsum_eur,
        b.begrote_clienten_per_maand,
        coalesce(c.clientmaanden, 0) / 12.0 as gem_clienten_per_maand,
        b.lumpsum_eur / nullif(b.begrote_clienten_per_maand * 12, 0) as budget_per_clientmaand,
        j.kosten_eur - b.lumpsum_eur as meerkosten
    from jaren as j
    inner join {{ ref('int_budget_gebied') }} as b
        on b.gebiedcode = j.gemeentecode and b.jaar = j.jaar
    left join clientmaanden as c
        on c.gemeentecode = j.gemeentecode and c.jaar = j.jaar
),

effecten as (
    select
        *,
        (gem_clienten_per_maand - begrote_clienten_per_maand) * budget_per_clientmaand * 12 as volume_effect
    from basis
)

select
    concat_ws('|', jaar, gemeentecode) as rij_sleutel,
    cast(jaar as integer) as jaar,
    gemeentecode,
    gemeentenaam,
    gebiedtype,
    cast(lumpsum_eur as decimal(18,2)) as lumpsum_eur,
    cast(begrote_clienten_per_maand as double) as begrote_clienten_per_maand,
    cast(round(gem_clienten_per_maand, 1) as double) as gem_clienten_per_maand,
    cast(round(budget_per_clientmaand, 2) as decimal(18,2)) as budget_per_clientmaand_eur,
    cast(kosten_eur as decimal(18,2)) as realisatie_eur,
    cast(meerkosten as decimal(18,2)) as meerkosten_eur,
    cast(round(volume_effect, 2) as decimal(18,2)) as volume_effect_eur,
    cast(round(meerkosten - volume_effect, 2) as decimal(18,2)) as prijs_effect_eur
from effecten
