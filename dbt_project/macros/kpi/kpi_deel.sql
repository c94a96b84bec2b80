{#- One KPI part per period x group, the body of the models in models/intermediate/kpi/: the facts of the part's
    source that can count in the date range of the periods this build computes (`telt_mee`: an incremental build so
    reads the facts of the recomputed periods only, a new month: that month's, not the history), expanded to the
    group (`gebied`: per_gebied, `aanbieder`: per_aanbieder), then the part's macro over those periods.
    Each part is its own model, and the runs of care (zorgreeksen, read by the zorg and nieuwe_start parts) a table of
    their own over the whole history, in which an incremental build replaces the runs of the clients whose
    trajectories changed (int_gewijzigde_clienten): DuckDB plans window functions over national trajectories together
    with other work badly enough to spill tens of GB (docs/design.md "Memory at national scale"); on its own each
    step stays within the limit. -#}
{% macro kpi_deel(deel, groep) %}
{%- set group_cols = kpi_groep_kolommen(groep) -%}
{%- set reeksen = 'int_zorgreeksen_per_' ~ groep -%}
{%- set perioden = te_berekenen_perioden(nieuwe_start=(deel == 'nieuwe_start')) if deel != 'zorgreeksen' -%}
{%- set bron = {'zorgreeksen': 'int_trajecten', 'zorg': 'int_trajecten', 'wachtlijst': 'int_wachtlijst',
                'kosten': 'int_declaraties'}.get(deel) -%}
{%- set telt_mee = {
    'zorg': "f.datum_aanvang <= w.eind and coalesce(f.datum_einde, date '9999-12-31') >= w.start",
    'wachtlijst': 'f.snapshotdatum between w.start and w.eind',
    'kosten': 'f.periode between w.start and w.eind'}.get(deel) -%}
{#- the runs a part reads: zorg those overlapping its date range, nieuwe_start those ending in it -#}
{%- set reeks_telt_mee = {'zorg': 'f.reeks_start <= w.eind and f.reeks_einde >= w.start',
                          'nieuwe_start': 'f.reeks_einde between w.start and w.eind'}.get(deel) -%}
with
{%- if bron %}
bron as not materialized (
    {%- if deel == 'zorgreeksen' %}
    -- the clients whose trajectories changed, with all their trajectories (macro van_gewijzigde_client)
    select * from {{ ref(bron) }} {{ alleen_gewijzigd(van_gewijzigde_client()) }}
    {%- else %}
    {{ feiten_in_bereik(ref(bron), perioden, telt_mee) }}
    {%- endif %}
),

feiten as not materialized (
    {{ per_gebied('bron') if groep == 'gebied' else per_aanbieder('bron') }}
),
{%- endif %}
{%- if reeks_telt_mee %}

-- zorg: the runs overlapping the date range of the periods (any other run adds as much as it removes on every
-- boundary day in the range); nieuwe_start: the runs ending in it
reeksen as not materialized (
    {{ feiten_in_bereik(ref(reeksen), perioden, reeks_telt_mee) }}
),
{%- endif %}

deel as (
    {%- if deel == 'zorgreeksen' %}
    {{ zorgreeksen('feiten', group_cols) }}
    {%- elif deel == 'zorg' %}
    {{ kpi_zorg('feiten', 'reeksen', group_cols, perioden) }}
    {%- elif deel == 'nieuwe_start' %}
    {{ kpi_nieuwe_start('reeksen', group_cols, perioden) }}
    {%- elif deel == 'wachtlijst' %}
    {{ kpi_wachtlijst('feiten', group_cols, perioden) }}
    {%- else %}
    {{ kpi_kosten('feiten', group_cols, perioden) }}
    {%- endif %}
)

select * from deel
{% endmacro %}

{#- The group columns of a KPI grouping: an area (gebiedcode) or a provider (agb), each with its segment. -#}
{% macro kpi_groep_kolommen(groep) -%}
    {{ return({'gebied': ['gebiedcode', 'segment'], 'aanbieder': ['agb', 'segment']}[groep]) }}
{%- endmacro %}
