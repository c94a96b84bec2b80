{{ config(schema='open', alias='wachtlijst', materialized='table') }}
{{ open_copy('wachtlijst', counts=['wachtenden', 'wachtenden_met_overbrugging'],
    ratios={'mediaan_wachttijd_dagen': ['wachtenden', false], 'pct_wachttijd_boven_norm': ['wachtenden', true]}) }}
