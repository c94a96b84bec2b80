{{ config(schema='open', alias='cbs_benchmark', materialized='table') }}
{#- Own client counts suppressed/rounded; the local percentage NULL when its implied client count is 1-4. CBS
    figures are published already and stay as they are. -#}
{{ open_copy('cbs_benchmark', counts=['clienten_jonger_dan_18'],
             ratios={'pct_jeugdhulp_lokaal': ['jongeren_0_17', true]}) }}
