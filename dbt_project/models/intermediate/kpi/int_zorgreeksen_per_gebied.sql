-- depends_on: {{ ref('int_gewijzigde_clienten') }}, {{ ref('int_vorige_stand') }}
{{ vervang_gewijzigd_config('van_gewijzigde_client') }}
{{ kpi_deel('zorgreeksen', 'gebied') }}
