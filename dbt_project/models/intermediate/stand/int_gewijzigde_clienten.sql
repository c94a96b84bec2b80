-- Clients (client_sleutel) whose runs of care may differ from the previous build: the clients of both versions of
-- every changed trajectory (int_veranderde_trajecten), or every client when the previous state cannot be built on
-- (int_vorige_stand). The runs of care (int_zorgreeksen_per_*) replace exactly theirs.
{%- set stand_trajecten = eigen_relatie('int_stand_trajecten') %}
select t.client_sleutel
from {{ ref('int_trajecten') }} as t
semi join {{ ref('int_veranderde_trajecten') }} as v using (traject_sleutel)
{%- if stand_trajecten is not none %}
union
select s.client_sleutel
from {{ stand_trajecten }} as s
semi join {{ ref('int_veranderde_trajecten') }} as v using (traject_sleutel)
{%- endif %}
union
select t.client_sleutel
from {{ ref('int_trajecten') }} as t
cross join {{ ref('int_vorige_stand') }} as v
where not v.bruikbaar
