-- 03759NED Bevolking op 1 januari: youth 0-17 (sum of the ages '0 jaar' .. '17 jaar', both sexes, every
-- burgerlijke staat) per published region and year. NULL when any of the 18 ages is unknown or missing.
with leeftijden as (
    select
        *,
        try_cast(regexp_extract(json_extract_string(dimensie_titels, '$.Leeftijd'), '^(\d+) jaar$', 1) as integer)
            as leeftijd
    from {{ ref('stg_cbs__waarden') }}
    where tabel_id = '03759NED'
        and onderwerp_key like 'BevolkingOp1Januari%'
        and perioden_type = 'jaar'
        and coalesce(json_extract_string(dimensie_titels, '$.Geslacht'), 'Totaal mannen en vrouwen')
            = 'Totaal mannen en vrouwen'
        and coalesce(json_extract_string(dimensie_titels, '$.BurgerlijkeStaat'), 'Totaal burgerlijke staat')
            = 'Totaal burgerlijke staat'
)

select
    regio_code_bron,
    regio_code,
    any_value(regio_titel) as regio_titel,
    jaar,
    make_date(jaar, 1, 1) as peildatum,
    max(status) as status,
    case when count(waarde) = 18 and count(distinct leeftijd) = 18 then cast(sum(waarde) as bigint) end
        as jongeren_0_17
from leeftijden
where leeftijd between 0 and 17
group by regio_code_bron, regio_code, jaar
