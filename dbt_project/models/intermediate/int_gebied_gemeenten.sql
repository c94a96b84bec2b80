-- Reporting areas and their gemeenten: every current gemeente itself, plus every regio (jeugdzorgregio, subregio,
-- samenwerkingsverband HLV) with its member gemeenten.
select
    gemeentecode as gebiedcode,
    gemeentenaam as gebiednaam,
    'gemeente' as gebiedtype,
    gemeentecode
from {{ ref('stg_reference__gemeenten') }}
where opvolger_code is null

union all

select
    r.regiocode as gebiedcode,
    r.regionaam as gebiednaam,
    r.regiotype as gebiedtype,
    rg.gemeentecode
from {{ ref('regios') }} as r
inner join {{ ref('regio_gemeenten') }} as rg
    on rg.regiocode = r.regiocode
