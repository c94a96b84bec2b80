-- Of the trajectories in changed deliveries (int_gewijzigde_trajecten), the ones whose row differs from the state the
-- previous build left (int_stand_trajecten) in any column but laatste_leveringsmaand, or that appeared or
-- disappeared (a correction left them out); every one when there is no such state. int_perioden_herberekening
-- finds the touched periods from their versions, int_gewijzigde_clienten the clients whose runs of care change.
-- depends_on: {{ ref('int_trajecten') }}, {{ ref('int_gewijzigde_trajecten') }}
{%- set stand_trajecten = eigen_relatie('int_stand_trajecten') %}
{%- set kolommen_lijst = vergeleken_trajectkolommen() | join(', ') %}
{% if stand_trajecten is none %}
select traject_sleutel from {{ ref('int_trajecten') }}
{% else %}
with kandidaten as (
    select traject_sleutel from {{ ref('int_gewijzigde_trajecten') }}
)

select distinct traject_sleutel from (
    (select {{ kolommen_lijst }} from {{ ref('int_trajecten') }} semi join kandidaten using (traject_sleutel)
     except
     select {{ kolommen_lijst }} from {{ stand_trajecten }} semi join kandidaten using (traject_sleutel))
    union all
    (select {{ kolommen_lijst }} from {{ stand_trajecten }} semi join kandidaten using (traject_sleutel)
     except
     select {{ kolommen_lijst }} from {{ ref('int_trajecten') }} semi join kandidaten using (traject_sleutel))
)
{% endif %}
