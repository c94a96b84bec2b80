-- Trajectories (agb + traject_id) with a row in a changed trajecten delivery (int_gewijzigde_leveringen): the ones
-- whose latest row may differ from the previous build. int_trajecten, int_declaraties and int_stand_trajecten replace
-- exactly these.
select distinct t.agb, t.traject_id, t.agb || '|' || t.traject_id as traject_sleutel
from {{ source('raw', 'trajecten') }} as t
where {{ van_gewijzigde_levering('trajecten') }}
