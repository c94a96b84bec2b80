{#- Disclosure control for the open schema (outputs.md):
    counts 1-4 become NULL, other counts are rounded to a multiple of 5; a ratio becomes NULL when its denominator
    count is 1-4 or, for a percentage, when its implied numerator (pct x denominator / 100) is 1-4.
    `onderdrukt` flags every row in which at least one value was suppressed.
    ratios: {column: [denominator count column, is_percentage]}
    The copy of an incremental mart is incremental too (open_incrementeel_config): a build then copies the periods
    the mart recomputed, not its history. -#}
{% macro open_copy(model, counts, ratios) %}
{%- set replaced = [] -%}
{%- set suppressed = [] -%}
{%- for c in counts -%}
    {%- do replaced.append("case when " ~ c ~ " between 1 and 4 then null else cast(round(" ~ c ~ " / 5.0) * 5 as bigint) end as " ~ c) -%}
    {%- do suppressed.append(c ~ " between 1 and 4") -%}
{%- endfor -%}
{%- for column, spec in ratios.items() -%}
    {%- set condition = spec[0] ~ " between 1 and 4" -%}
    {%- if spec[1] -%}
        {%- set condition = condition ~ " or round(" ~ column ~ " * " ~ spec[0] ~ " / 100.0) between 1 and 4" -%}
    {%- endif -%}
    {%- do replaced.append("case when " ~ condition ~ " then null else " ~ column ~ " end as " ~ column) -%}
    {%- do suppressed.append("(" ~ column ~ " is not null and (" ~ condition ~ "))") -%}
{%- endfor -%}
select
    * {% if replaced %}replace (
        {{ replaced | join(",\n        ") }}
    ){% endif %},
    coalesce({{ suppressed | join(" or ") if suppressed else "false" }}, false) as onderdrukt
from {{ ref(model) }} as m
{%- if is_incremental() %}
semi join {{ te_berekenen_perioden(nieuwe_start=true) }} as p
    on p.periode_type = m.periode_type and p.periode_start = m.periode_start
{%- endif %}
{% endmacro %}

{#- The open copy of an incremental KPI mart (`alias` in the open schema), replaced per period like the mart. -#}
{% macro open_incrementeel_config(alias) -%}
    {{ config(schema='open', alias=alias) }}
    {{ kpi_incrementeel_config() }}
{%- endmacro %}

{#- The open copy of a KPI mart (kpi_gemeente_segment, kpi_aanbieder): both share one set of counts and ratios.
    The denominator of pct_nieuwe_start_6mnd (clients whose care ended) is not in the mart; uitstroom stands in. -#}
{% macro open_kpi_copy(model) %}
{{ open_copy(model, counts=['clienten_in_zorg', 'clienten_begin', 'clienten_eind', 'instroom', 'uitstroom',
            'trajecten_gestart', 'trajecten_beeindigd', 'wachtenden'],
    ratios={'gem_duur_dagen': ['trajecten_beeindigd', false], 'mediaan_duur_dagen': ['trajecten_beeindigd', false],
            'pct_volgens_plan': ['trajecten_beeindigd', true], 'pct_uitval': ['trajecten_beeindigd', true],
            'pct_nieuwe_start_6mnd': ['uitstroom', true],
            'pct_gestart_met_crisis': ['trajecten_gestart', true], 'pct_verblijf': ['clienten_in_zorg', true],
            'mediaan_wachttijd_dagen': ['wachtenden', false],
            'mediaan_wachttijd_gestart_dagen': ['trajecten_gestart', false],
            'pct_binnen_norm': ['trajecten_gestart', true],
            'kosten_per_client_per_maand_eur': ['clienten_in_zorg', false]}) }}
{% endmacro %}
