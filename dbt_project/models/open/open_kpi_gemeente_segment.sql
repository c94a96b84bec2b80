{{ config(schema='open', alias='kpi_gemeente_segment', materialized='table') }}
{#- The denominator of pct_nieuwe_start_6mnd (clients whose care ended) is not in the mart; uitstroom stands in. -#}
{{ open_copy('kpi_gemeente_segment', counts=['clienten_in_zorg', 'clienten_begin', 'clienten_eind', 'instroom', 'uitstroom',
            'trajecten_gestart', 'trajecten_beeindigd', 'wachtenden'],
    ratios={'gem_duur_dagen': ['trajecten_beeindigd', false], 'mediaan_duur_dagen': ['trajecten_beeindigd', false],
            'pct_volgens_plan': ['trajecten_beeindigd', true], 'pct_uitval': ['trajecten_beeindigd', true],
            'pct_nieuwe_start_6mnd': ['uitstroom', true],
            'pct_gestart_met_crisis': ['trajecten_gestart', true], 'pct_verblijf': ['clienten_in_zorg', true],
            'mediaan_wachttijd_dagen': ['wachtenden', false],
            'mediaan_wachttijd_gestart_dagen': ['trajecten_gestart', false],
            'pct_binnen_norm': ['trajecten_gestart', true],
            'kosten_per_client_per_maand_eur': ['clienten_in_zorg', false]}) }}
