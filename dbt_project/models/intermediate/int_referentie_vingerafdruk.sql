-- One md5 over the reference data the intermediate tables and KPI marts use (providers, budgets, areas, gemeente
-- codes and their successors, product codes): when it changes, the previous state cannot be built on
-- (int_vorige_stand): an incremental build replaces every trajectory and declaratie and recomputes every period.
with regels as (
    select 'aanbieder' as bron, cast(a as varchar) as regel from {{ ref('stg_reference__aanbieders') }} as a
    union all
    select 'budget', cast(b as varchar) from {{ ref('stg_reference__budgetten') }} as b
    union all
    select 'gebied', cast(g as varchar) from {{ ref('int_gebied_gemeenten') }} as g
    union all
    select 'gemeentecode', cast(c as varchar) from {{ ref('int_gemeentecodes') }} as c
    union all
    select 'productcode', cast(p as varchar) from {{ ref('stg_reference__productcodes') }} as p
)

select md5(string_agg(bron || ':' || regel, chr(10) order by bron, regel)) as vingerafdruk
from regels
