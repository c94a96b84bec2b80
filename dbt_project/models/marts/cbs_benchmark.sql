-- The gemeente against the region and the country (kpis.md "benchmark"), per year x area (gemeente, jeugdzorgregio):
-- pct_jeugdhulp_lokaal = own clients younger than 18 on 1 January who were in care during the year / CBS youth
-- 0-17 on 1 January (03759NED) x 100, beside CBS 85098NED JongerenMetJeugdhulpInNatura_1 for the area, its
-- jeugdzorgregio and Nederland; kosten per jongere = 83454NED gerealiseerde kosten (JZ Totaal jeugdzorg) / youth
-- 0-17. A region sums its gemeenten (NULL unless every member has a value). Merged gemeenten (published under a
-- pre-merger code) are combined: counts and costs summed, percentages weighted by youth 0-17.
with gebieden as (
    {{ cbs_gebieden() }}
),

leden as (
    select gebiedcode, count(*) as aantal from gebieden group by gebiedcode
),

bevolking_gemeente as (
    select regio_code as gemeentecode, jaar, sum(jongeren_0_17) as jongeren, bool_and(jongeren_0_17 is not null) as volledig
    from {{ ref('stg_cbs__03759ned') }}
    group by all
),

bevolking as (
    select a.gebiedcode, b.jaar,
        case when count(*) = any_value(l.aantal) and bool_and(b.volledig) then sum(b.jongeren) end as jongeren_0_17
    from gebieden as a
    inner join bevolking_gemeente as b on b.gemeentecode = a.gemeentecode
    inner join leden as l on l.gebiedcode = a.gebiedcode
    group by all
),

eigen_jaren as (
    select year(periode_start) as jaar
    from {{ ref('int_perioden') }}
    where periode_type = 'jaar'
),

clienten as (  -- own clients younger than 18 on 1 January in care during the year (incremental, per year)
    select gebiedcode, year(periode_start) as jaar, clienten from {{ ref('int_cbs_clienten_per_jaar') }}
),

indicatoren as (
    select * from {{ ref('stg_cbs__85098ned') }} where perioden_type = 'jaar'
),

cbs_pct_gemeente as (
    select
        i.regio_code as gebiedcode,
        i.jaar,
        case when count(*) = 1 then any_value(i.pct_jeugdhulp)
            else sum(i.pct_jeugdhulp * b.jongeren_0_17) / sum(b.jongeren_0_17) end as pct,
        max(i.status) as status
    from indicatoren as i
    left join {{ ref('stg_cbs__03759ned') }} as b
        on b.regio_code_bron = i.regio_code_bron and b.jaar = i.jaar
    group by all
),

cbs_pct_jeugdzorgregio as (
    select c.regiocode, i.jaar, i.pct_jeugdhulp as pct, i.status
    from indicatoren as i
    inner join {{ ref('cbs_jeugdzorgregios') }} as c on c.cbs_regio_key = i.regio_code_bron
),

cbs_pct as (
    select gebiedcode, jaar, pct, status from cbs_pct_gemeente
    union all
    select regiocode, jaar, pct, status from cbs_pct_jeugdzorgregio
),

regio_van_gebied as (
    select distinct a.gebiedcode, r.gebiedcode as regiocode
    from gebieden as a
    inner join gebieden as r on r.gemeentecode = a.gemeentecode and r.gebiedtype = 'jeugdzorgregio'
),

kosten_gemeente as (
    select regio_code as gemeentecode, jaar,
        case when count(begrote_kosten_eur) = count(*) then sum(begrote_kosten_eur) end as begroot,
        case when count(gerealiseerde_kosten_eur) = count(*) then sum(gerealiseerde_kosten_eur) end as gerealiseerd
    from {{ ref('stg_cbs__83454ned') }}
    where vorm_titel = 'JZ Totaal jeugdzorg'
    group by all
),

kosten as (
    select a.gebiedcode, k.jaar,
        case when count(k.begroot) = any_value(l.aantal) then sum(k.begroot) end as begroot,
        case when count(k.gerealiseerd) = any_value(l.aantal) then sum(k.gerealiseerd) end as gerealiseerd
    from gebieden as a
    inner join kosten_gemeente as k on k.gemeentecode = a.gemeentecode
    inner join leden as l on l.gebiedcode = a.gebiedcode
    group by all
),

sleutels as (
    select gebiedcode, jaar from bevolking
    union select gebiedcode, jaar from clienten
    union select gebiedcode, jaar from cbs_pct
    union select gebiedcode, jaar from kosten
),

gebied_namen as (
    select distinct gebiedcode, gebiednaam, gebiedtype from gebieden
),

basis as (
    select
        s.jaar,
        g.gebiedcode,
        g.gebiednaam,
        g.gebiedtype,
        b.jongeren_0_17,
        case when s.jaar in (select jaar from eigen_jaren) then coalesce(c.clienten, 0) end as clienten,
        p.pct as pct_cbs,
        p.status as status_cbs,
        rp.pct as pct_cbs_regio,
        nl.pct_jeugdhulp as pct_cbs_nederland,
        k.begroot,
        k.gerealiseerd
    from sleutels as s
    inner join gebied_namen as g on g.gebiedcode = s.gebiedcode
    left join bevolking as b on b.gebiedcode = s.gebiedcode and b.jaar = s.jaar
    left join clienten as c on c.gebiedcode = s.gebiedcode and c.jaar = s.jaar
    left join cbs_pct as p on p.gebiedcode = s.gebiedcode and p.jaar = s.jaar
    left join regio_van_gebied as r on r.gebiedcode = s.gebiedcode
    left join cbs_pct_jeugdzorgregio as rp on rp.regiocode = r.regiocode and rp.jaar = s.jaar
    left join indicatoren as nl on nl.regio_code_bron = 'NL01' and nl.jaar = s.jaar
    left join kosten as k on k.gebiedcode = s.gebiedcode and k.jaar = s.jaar
)

select
    concat_ws('|', jaar, gebiedcode) as rij_sleutel,
    cast(jaar as integer) as jaar,
    gebiedcode as gemeentecode,
    gebiednaam as gemeentenaam,
    gebiedtype,
    cast(jongeren_0_17 as bigint) as jongeren_0_17,
    cast(clienten as bigint) as clienten_jonger_dan_18,
    cast(round(100.0 * clienten / nullif(jongeren_0_17, 0), 1) as decimal(5,1)) as pct_jeugdhulp_lokaal,
    cast(round(pct_cbs, 1) as decimal(5,1)) as pct_jeugdhulp_cbs,
    status_cbs,
    cast(round(pct_cbs_regio, 1) as decimal(5,1)) as pct_jeugdhulp_cbs_jeugdzorgregio,
    cast(round(pct_cbs_nederland, 1) as decimal(5,1)) as pct_jeugdhulp_cbs_nederland,
    cast(begroot as decimal(18,2)) as kosten_begroot_cbs_eur,
    cast(gerealiseerd as decimal(18,2)) as kosten_gerealiseerd_cbs_eur,
    cast(round(gerealiseerd / nullif(jongeren_0_17, 0), 2) as decimal(18,2)) as kosten_per_jongere_eur
from basis
