-- 85098NED Indicatoren jeugdzorg in natura; gemeenten: one row per published region x period (percentages).
select
    regio_code_bron,
    regio_code,
    any_value(regio_titel) as regio_titel,
    perioden_key,
    any_value(perioden_type) as perioden_type,
    any_value(jaar) as jaar,
    any_value(status) as status,
    max(release) as release,
    max(waarde) filter (where onderwerp_key = 'JongerenMetJeugdhulpInNatura_1') as pct_jeugdhulp,
    max(waarde) filter (where onderwerp_key = 'JongerenMetJeugdhMetVerblInNat_2') as pct_jeugdhulp_met_verblijf,
    max(waarde) filter (where onderwerp_key = 'JongerenMetJeugdbescherming_3') as pct_jeugdbescherming,
    max(waarde) filter (where onderwerp_key = 'JeugdbeschEnJeugdhMetVerblInNat_4') as pct_jeugdbescherming_met_verblijf,
    max(waarde) filter (where onderwerp_key = 'JongerenMetJeugdreclassering_5') as pct_jeugdreclassering
from {{ ref('stg_cbs__waarden') }}
where tabel_id = '85098NED'
group by regio_code_bron, regio_code, perioden_key
