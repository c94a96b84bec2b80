-- Budget (segment TOTAAL) per area and year: a region's lumpsum and budgeted clients are the sums over its gemeenten.
select
    g.gebiedcode,
    b.jaar,
    sum(b.lumpsum_eur) as lumpsum_eur,
    sum(b.begrote_clienten_per_maand) as begrote_clienten_per_maand
from {{ ref('stg_reference__budgetten') }} as b
inner join {{ ref('int_gebied_gemeenten') }} as g
    on g.gemeentecode = b.gemeentecode
where b.segment = 'TOTAAL'
group by all
