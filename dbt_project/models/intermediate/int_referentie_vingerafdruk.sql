-- One md5 over the reference data the KPI marts use besides int_trajecten (providers, budgets, areas, product
-- codes): when it changes, an incremental build recomputes every period (int_perioden_herberekening).
with regels as (
    select 'aanbieder' as bron, cast(a as varchar) as regel from {{ ref('stg_reference__aanbieders') }} as a
    union all
    select 'budget', cast(b as varchar) from {{ ref('stg_reference__budgetten') }} as b
    union all
    select 'gebied', cast(g as varchar) from {{ ref('int_gebied_gemeenten') }} as g
    union all
    select 'productcode', cast(p as varchar) from {{ ref('stg_reference__productcodes') }} as p
)

select md5(string_agg(bron || ':' || regel, chr(10) order by bron, regel)) as vingerafdruk
from regels
