-- Every known gemeentecode mapped to the code that is current: a merged gemeente to its opvolger (up to two mergers).
select
    g.gemeentecode as gemeentecode_bron,
    coalesce(o.opvolger_code, g.opvolger_code, g.gemeentecode) as gemeentecode
from {{ ref('stg_reference__gemeenten') }} as g
left join {{ ref('stg_reference__gemeenten') }} as o
    on o.gemeentecode = g.opvolger_code
