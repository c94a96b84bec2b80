-- 85099NED Kerncijfers over jeugdzorg: per vorm x published region x period (year and half-years).
select
    regio_code_bron,
    regio_code,
    any_value(regio_titel) as regio_titel,
    json_extract_string(dimensies, '$.VormenVanJeugdzorg') as vorm_key,
    any_value(json_extract_string(dimensie_titels, '$.VormenVanJeugdzorg')) as vorm_titel,
    perioden_key,
    any_value(perioden_type) as perioden_type,
    any_value(jaar) as jaar,
    any_value(periode_nummer) as periode_nummer,
    any_value(status) as status,
    cast(max(waarde) filter (where onderwerp_key = 'JongerenMetJeugdzorg_1') as bigint) as jongeren_met_jeugdzorg,
    max(waarde) filter (where onderwerp_key = 'JongerenMetJeugdzorgRelatief_2') as pct_jongeren_met_jeugdzorg,
    cast(max(waarde) filter (where onderwerp_key = 'Jeugdzorgtrajecten_3') as bigint) as jeugdzorgtrajecten
from {{ ref('stg_cbs__waarden') }}
where tabel_id = '85099NED'
group by regio_code_bron, regio_code, vorm_key, perioden_key
