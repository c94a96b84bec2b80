{#- Disclosure control for the open schema (outputs.md), written by the orchestration helper:
    counts 1-4 become NULL, other counts are rounded to a multiple of 5; a ratio becomes NULL when its denominator
    count is 1-4 or, for a percentage, when its implied numerator (pct x denominator / 100) is 1-4.
    `onderdrukt` flags every row in which at least one value was suppressed.
    ratios: {column: [denominator count column, is_percentage]} -#}
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
from {{ ref(model) }}
{% endmacro %}
