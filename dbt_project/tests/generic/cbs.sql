{#- kpis.md: CBS counts are multiples of 5 (CBS rounds published counts). -#}
{% test cbs_veelvoud_van_5(model, column_name) %}
select {{ column_name }} from {{ model }} where {{ column_name }} % 5 <> 0
{% endtest %}

{#- No two rows share the given key columns. -#}
{% test unieke_combinatie(model, columns) %}
select {{ columns | join(', ') }} from {{ model }} group by all having count(*) > 1
{% endtest %}

{#- A percentage lies in 0..100. -#}
{% test percentage_0_100(model, column_name) %}
select {{ column_name }} from {{ model }} where {{ column_name }} < 0 or {{ column_name }} > 100
{% endtest %}
