{#- Intermediate models that replace only the rows of what changed since the previous build (docs/design.md
    "Incremental marts"): an incremental build deletes the rows matching a condition (the macro named `conditie`, on
    columns the model shares with its source) and appends their current version, read from the source rows matching
    the same condition (`alleen_gewijzigd`); a first or --full-refresh build builds everything. A trajectory or
    delivery that disappeared (a correction left it out) is so deleted and not appended again. The hook names the
    macro instead of its text: refs in a config resolve only when the hook runs. -#}
{% macro vervang_gewijzigd_config(conditie) -%}
    {{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail',
              pre_hook='{% if is_incremental() %}delete from {{ this }} where {{ ' ~ conditie ~ '() }}{% endif %}') }}
{%- endmacro %}

{% macro alleen_gewijzigd(gewijzigd) -%}
    {%- if is_incremental() %}where {{ gewijzigd }}{% endif -%}
{%- endmacro %}

{#- Rows of a trajectory listed in `trajecten` (a relation with agb and traject_id), on both columns. -#}
{% macro van_traject_in(trajecten) -%}
    (agb, traject_id) in (select agb, traject_id from {{ trajecten }})
{%- endmacro %}

{#- Rows of a changed trajectory (int_gewijzigde_trajecten). -#}
{% macro van_gewijzigd_traject() -%}
    {{ van_traject_in(ref('int_gewijzigde_trajecten')) }}
{%- endmacro %}

{#- Rows of a changed delivery of kind `soort` (int_gewijzigde_leveringen), on levering_id. -#}
{% macro van_gewijzigde_levering(soort) -%}
    levering_id in (select levering_id from {{ ref('int_gewijzigde_leveringen') }} where soort = '{{ soort }}')
{%- endmacro %}

{#- The version of the incremental models' state, written to int_stand_build: raised when a state left by the models
    before would be wrong to build on (int_vorige_stand then rebuilds everything once). 2: the runs of care
    (int_zorgreeksen_per_*) span the whole history; before, they spanned the periods of one build only. -#}
{% macro stand_versie() -%}
    2
{%- endmacro %}

{#- Rows of a client whose runs of care may have changed (int_gewijzigde_clienten), on client_sleutel; every row when
    the previous state cannot be built on (int_vorige_stand), so runs of clients no longer delivered go as well. -#}
{% macro van_gewijzigde_client() -%}
    (client_sleutel in (select client_sleutel from {{ ref('int_gewijzigde_clienten') }})
     or not (select bruikbaar from {{ ref('int_vorige_stand') }}))
{%- endmacro %}

{#- The columns of int_trajecten whose change changes a trajectory for the KPI marts (all but laatste_leveringsmaand);
    without the end (`met_einde=false`): those whose change is more than a new end. -#}
{% macro vergeleken_trajectkolommen(met_einde=true) -%}
    {%- set begin = ['traject_sleutel', 'agb', 'traject_id', 'client_id', 'geboortedatum', 'geslacht',
                     'gemeentecode_geleverd', 'gemeentecode', 'productcode', 'segment', 'kwadrant', 'hulpvorm',
                     'met_verblijf', 'verwijzer', 'gestart_met_crisis', 'aanmelddatum', 'datum_aanvang'] -%}
    {{ return(begin + ['datum_einde', 'reden_beeindiging'] if met_einde else begin) }}
{%- endmacro %}

{#- Rows of a changed wachtlijst delivery. -#}
{% macro van_gewijzigde_wachtlijst() -%}
    {{ van_gewijzigde_levering('wachtlijst') }}
{%- endmacro %}

{#- Rows of a changed declaraties delivery or of a trajectory whose link changed (int_gewijzigde_koppelingen), on
    levering_id, agb and traject_id. -#}
{% macro van_gewijzigde_declaratie() -%}
    ({{ van_gewijzigde_levering('declaraties') }} or {{ van_traject_in(ref('int_gewijzigde_koppelingen')) }})
{%- endmacro %}

{#- A post-hook of int_declaraties, in the transaction of its rows: int_declaraties_build names the dbt invocation
    that last changed int_declaraties. -#}
{% macro declaraties_build_vastleggen() -%}
    create or replace table {{ this.incorporate(path={'identifier': 'int_declaraties_build'}) }} as
    select '{{ invocation_id }}' as build_id
{%- endmacro %}

{#- Whether int_declaraties was last changed by the build that left the state tables (int_stand_build, written last
    of them): then its links to trajectories are those of int_stand_trajecten (int_gewijzigde_koppelingen). False
    when either table or int_stand_build's build_id (warehouses from before it) is missing, and while parsing. -#}
{% macro declaraties_van_vorige_stand() -%}
    {%- set markering = eigen_relatie('int_declaraties_build') -%}
    {%- set stand = eigen_relatie('int_stand_build') -%}
    {%- if markering is none or not heeft_kolom(stand, 'build_id') -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set gelijk = run_query('select count(*) from ' ~ markering ~ ' as m inner join ' ~ stand
                               ~ ' as s on s.build_id = m.build_id') -%}
    {{ return(gelijk.columns[0].values()[0] == 1) }}
{%- endmacro %}
