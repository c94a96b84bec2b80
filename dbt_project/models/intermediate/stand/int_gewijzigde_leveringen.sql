-- Deliveries (provider files) that landed or changed status (a correction replaced them) since the state the previous
-- build left (int_stand_leveringen); every delivery when that state cannot be built on (int_vorige_stand).
{%- set stand_leveringen = eigen_relatie('int_stand_leveringen') %}
with huidig as (
    select levering_id, soort, leveringsmaand, status from {{ ref('stg_provider__leveringen') }}
)

select h.*
from huidig as h
cross join {{ ref('int_vorige_stand') }} as v
where not v.bruikbaar
{%- if stand_leveringen is not none %}
    or not exists (
        select 1 from {{ stand_leveringen }} as s where s.levering_id = h.levering_id and s.status = h.status)
{%- endif %}
