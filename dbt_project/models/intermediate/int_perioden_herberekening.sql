-- The periods an incremental build of the KPI marts recomputes (docs/design.md "Incremental marts"). Compared with
-- the state the previous build left (int_stand_*), a month is touched when
--   * a trajectory changed: if only its end changed (datum_einde, reden_beeindiging), the months from the earlier of
--     the two ends; otherwise every month of both versions, from the start to the month after the end, or to the
--     data date, and for pct_nieuwe_start_6mnd only also the 182 days before the start (an earlier end of the client
--     may now have a new start);
--   * a declaraties delivery landed or was replaced: the periode months of its rows, and the periode months of the
--     declaraties of a trajectory whose client or gemeente side changed (not only its end);
--   * a wachtlijst delivery landed or was replaced: its delivery month.
-- Recomputed are the complete periods that overlap a touched month, became complete, or reached the 182-day horizon
-- of pct_nieuwe_start_6mnd since. `alleen_nieuwe_start`: only pct_nieuwe_start_6mnd can have changed (the period
-- meets only the 182 days before a changed start, or reached its horizon); the other KPI parts keep it (macro
-- te_berekenen_perioden).
-- Every period is recomputed when the previous state cannot be built on (int_vorige_stand: there is none, or the
-- first month, the data date or the reference data changed back).
-- depends_on: {{ ref('int_trajecten') }}, {{ ref('int_declaraties') }}, {{ ref('int_gewijzigde_leveringen') }},
-- {{ ref('int_veranderde_trajecten') }}, {{ ref('int_vorige_stand') }}, {{ source('raw', 'declaraties') }}
{%- set stand_build = eigen_relatie('int_stand_build') %}
{%- set stand_trajecten = eigen_relatie('int_stand_trajecten') %}
{%- set begin_kolommen = vergeleken_trajectkolommen(met_einde=false) %}

with perioden as (
    select * from {{ ref('int_perioden') }}
),

peil as (
    select * from {{ ref('int_peildatum') }}
),

{% if stand_trajecten is none or stand_build is none %}
herberekend as (
    select *, false as alleen_nieuwe_start from perioden
)
{% else %}
vorige as (
    select * from {{ stand_build }}
),

alles as (
    select not bruikbaar as opnieuw from {{ ref('int_vorige_stand') }}
),

gewijzigde_trajecten as (
    select traject_sleutel from {{ ref('int_veranderde_trajecten') }}
),

versies as (
    select
        k.traject_sleutel,
        coalesce(n.agb, o.agb) as agb,
        coalesce(n.traject_id, o.traject_id) as traject_id,
        n.traject_sleutel is not null and o.traject_sleutel is not null
            and ({{ kolommen('n', begin_kolommen) }}) is not distinct from ({{ kolommen('o', begin_kolommen) }})
            as alleen_einde,
        n.datum_aanvang as nieuw_aanvang,
        n.datum_einde as nieuw_einde,
        o.datum_aanvang as oud_aanvang,
        o.datum_einde as oud_einde
    from gewijzigde_trajecten as k
    left join {{ ref('int_trajecten') }} as n
        on n.traject_sleutel = k.traject_sleutel
    left join {{ stand_trajecten }} as o
        on o.traject_sleutel = k.traject_sleutel
),

beide_versies as (
    select nieuw_aanvang as aanvang, nieuw_einde as einde from versies
    where not alleen_einde and nieuw_aanvang is not null
    union all
    select oud_aanvang, oud_einde from versies
    where not alleen_einde and oud_aanvang is not null
),

bereiken as (
    select least(coalesce(v.nieuw_einde, p.peildatum), coalesce(v.oud_einde, p.peildatum)) as van, p.peildatum as tot,
        false as alleen_nieuwe_start
    from versies as v cross join peil as p
    where v.alleen_einde
    union all
    select b.aanvang, coalesce(b.einde + 1, p.peildatum), false
    from beide_versies as b cross join peil as p
    union all
    select b.aanvang - 182, b.aanvang - 1, true
    from beide_versies as b
),

maandbereiken as (
    select distinct cast(date_trunc('month', van) as date) as van, cast(date_trunc('month', tot) as date) as tot,
        alleen_nieuwe_start
    from bereiken
    where van <= tot
),

gewijzigde_leveringen as (
    select * from {{ ref('int_gewijzigde_leveringen') }}
),

geraakte_maanden as (
    select cast(unnest(generate_series(van, tot, interval 1 month)) as date) as maand, alleen_nieuwe_start
    from maandbereiken
    union all
    select d.periode, false
    from {{ source('raw', 'declaraties') }} as d
    where {{ van_gewijzigde_levering('declaraties') }}
    union all
    select d.periode, false
    from {{ ref('int_declaraties') }} as d
    inner join versies as v
        on v.agb = d.agb and v.traject_id = d.traject_id and not v.alleen_einde
    union all
    select leveringsmaand, false from gewijzigde_leveringen where soort = 'wachtlijst'
),

herberekend as (
    select p.*, false as alleen_nieuwe_start
    from perioden as p
    cross join alles as a
    cross join vorige as v
    where a.opnieuw or p.periode_eind > v.peildatum
    union all
    select p.*, true
    from perioden as p
    cross join vorige as v
    where p.periode_eind + 182 > v.peildatum and p.periode_eind + 182 <= (select peildatum from peil)
    union all
    select p.*, m.alleen_nieuwe_start
    from perioden as p
    inner join (select maand, bool_and(alleen_nieuwe_start) as alleen_nieuwe_start
                from geraakte_maanden group by maand) as m
        on m.maand between p.periode_start and p.periode_eind
)
{% endif %}

select periode_type, periode_start, periode_eind, bool_and(alleen_nieuwe_start) as alleen_nieuwe_start
from herberekend
group by all
