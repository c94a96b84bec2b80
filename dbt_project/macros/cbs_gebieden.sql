{#- The areas of the CBS benchmark (gemeente, jeugdzorgregio) with their member gemeenten by current code: a region's
    membership may still list pre-merger gemeenten, counted once, as the successor. -#}
{% macro cbs_gebieden() -%}
    select distinct g.gebiedcode, g.gebiednaam, g.gebiedtype, coalesce(m.gemeentecode, g.gemeentecode) as gemeentecode
    from {{ ref('int_gebied_gemeenten') }} as g
    left join {{ ref('int_gemeentecodes') }} as m on m.gemeentecode_bron = g.gemeentecode
    where g.gebiedtype in ('gemeente', 'jeugdzorgregio')
{%- endmacro %}
