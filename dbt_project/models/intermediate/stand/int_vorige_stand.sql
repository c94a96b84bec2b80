-- Whether the state the previous build left (int_stand_*) can be built on: it exists, this is no --full-refresh, it
-- was left by this version of the incremental models (stand_versie), and the first delivery month, the reference data
-- (fingerprint) and the data date (not back) are as it saw them. Otherwise every delivery counts as changed
-- (int_gewijzigde_leveringen), every client's runs of care are rebuilt and every period is recomputed.
-- depends_on: {{ ref('int_peildatum') }}, {{ ref('int_referentie_vingerafdruk') }}
{%- set stand_build = eigen_relatie('int_stand_build') %}
{%- set stand_leveringen = eigen_relatie('int_stand_leveringen') %}
{%- set stand_trajecten = eigen_relatie('int_stand_trajecten') %}
{% if flags.FULL_REFRESH or not heeft_kolom(stand_build, 'stand_versie')
      or stand_leveringen is none or stand_trajecten is none %}
select false as bruikbaar
{% else %}
select v.stand_versie = {{ stand_versie() }}
    and v.eerste_leveringsmaand is not distinct from p.eerste_leveringsmaand
    and v.peildatum <= p.peildatum
    and v.vingerafdruk is not distinct from r.vingerafdruk as bruikbaar
from {{ stand_build }} as v
cross join {{ ref('int_peildatum') }} as p
cross join {{ ref('int_referentie_vingerafdruk') }} as r
{% endif %}
