-- 85097NED Jeugdhulptrajecten in natura; verwijzer, regio: per verwijzer x published region x year.
select
    regio_code_bron,
    regio_code,
    any_value(regio_titel) as regio_titel,
    json_extract_string(dimensies, '$.VerwijzerJeugdzorg') as verwijzer_key,
    any_value(json_extract_string(dimensie_titels, '$.VerwijzerJeugdzorg')) as verwijzer_titel,
    perioden_key,
    any_value(jaar) as jaar,
    any_value(status) as status,
    cast(max(waarde) filter (where onderwerp_key = 'TotaalJeugdhulptrajecten_1') as bigint) as trajecten,
    cast(max(waarde) filter (where onderwerp_key = 'BegonnenJeugdhulptrajecten_2') as bigint) as trajecten_begonnen,
    cast(max(waarde) filter (where onderwerp_key = 'BeeindigdeJeugdhulptrajecten_3') as bigint)
        as trajecten_beeindigd
from {{ ref('stg_cbs__waarden') }}
where tabel_id = '85097NED'
group by regio_code_bron, regio_code, verwijzer_key, perioden_key
