-- 83454NED Gemeentelijke kosten; jeugdzorg, regio: begrote and gerealiseerde kosten in euro (CBS: x 1 000).
select
    regio_code_bron,
    regio_code,
    any_value(regio_titel) as regio_titel,
    json_extract_string(dimensies, '$.VormenVanJeugdzorg') as vorm_key,
    any_value(json_extract_string(dimensie_titels, '$.VormenVanJeugdzorg')) as vorm_titel,
    perioden_key,
    any_value(jaar) as jaar,
    any_value(status) as status,
    max(waarde) filter (where onderwerp_key = 'BegroteKosten_1') * 1000 as begrote_kosten_eur,
    max(waarde) filter (where onderwerp_key = 'GerealiseerdeKosten_2') * 1000 as gerealiseerde_kosten_eur
from {{ ref('stg_cbs__waarden') }}
where tabel_id = '83454NED'
group by regio_code_bron, regio_code, vorm_key, perioden_key
