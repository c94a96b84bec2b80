-- Declaraties with the gemeente and client of their trajectory (agb + traject_id) and the segment of their own
-- productcode. An incremental build replaces the rows of changed declaraties deliveries and of the trajectories whose
-- client, gemeente or presence changed (int_gewijzigde_koppelingen); its post-hook names the build in
-- int_declaraties_build.
{{ vervang_gewijzigd_config('van_gewijzigde_declaratie') }}
{{ config(post_hook='{{ declaraties_build_vastleggen() }}') }}
with declaraties as (
    select * from {{ ref('stg_provider__declaraties') }}
    {{ alleen_gewijzigd(van_gewijzigde_declaratie()) }}
)

select
    d.levering_id,
    d.rij_nr,
    d.agb,
    d.traject_id,
    t.client_id,
    t.gemeentecode,
    t.traject_id is not null as heeft_traject,
    d.productcode,
    p.segment,
    p.kwadrant,
    d.periode,
    d.volume,
    d.eenheid,
    d.tarief,
    d.bedrag
from declaraties as d
left join {{ ref('int_trajecten') }} as t
    on t.agb = d.agb and t.traject_id = d.traject_id
left join {{ ref('stg_reference__productcodes') }} as p
    on p.productcode = d.productcode
