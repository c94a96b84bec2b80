"""CBS exports in the real OData v3 file shapes with published values (85098NED 2022 GM0014 and GM0060 as in the
cbsodataR vignette; 83454NED 2021 Heerlen; Beekdaelen 2018 under the pre-merger codes)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingest.settings import Settings

from synthetic.cbs import Topic, periode, regio, write_table

INDICATOREN = ["JongerenMetJeugdhulpInNatura_1", "JongerenMetJeugdhMetVerblInNat_2", "JongerenMetJeugdbescherming_3",
               "JeugdbeschEnJeugdhMetVerblInNat_4", "JongerenMetJeugdreclassering_5"]
REGIOS = [regio("GM0014", "Groningen (gemeente)"), regio("GM0060", "Ameland"), regio("GM0917", "Heerlen"),
          regio("GM0951", "Nuth"), regio("GM0881", "Onderbanken"), regio("GM0962", "Schinnen"),
          regio("GM1954", "Beekdaelen"), regio("NL01", "Nederland")]


def write_85098ned(landing: Path, pct_groningen: float = 15.4, modified: str = "2023-10-31T02:00:00") -> Path:
    """85098NED with 2022 nader voorlopig ('2022**') and 2023 voorlopig; Ameland mostly suppressed (null)."""
    rows = [
        {"RegioS": "GM0014    ", "Perioden": "2022JJ00",
         **dict(zip(INDICATOREN, [pct_groningen, 9.5, 1.4, 46.1, 0.4]))},
        {"RegioS": "GM0060    ", "Perioden": "2022JJ00", **dict(zip(INDICATOREN, [7.9, None, None, None, None]))},
        {"RegioS": "GM0014    ", "Perioden": "2023JJ00", **dict(zip(INDICATOREN, [15.9, 9.1, 1.3, 45.0, 0.4]))},
    ]
    perioden = [{"Key": "2022JJ00", "Title": "2022**", "Description": None, "Status": "Nader voorlopig"},
                {"Key": "2023JJ00", "Title": "2023*", "Description": None, "Status": "Voorlopig"}]
    return write_table(landing / "cbs", "85098NED", {"RegioS": ("GeoDimension", REGIOS),
                                                     "Perioden": ("TimeDimension", perioden)},
                       [Topic(k, k.rsplit("_", 1)[0], "%") for k in INDICATOREN], rows, modified)


def write_83454ned(landing: Path) -> Path:
    """83454NED 2021: Heerlen begroot 40.812, gerealiseerd 41.276 (x EUR 1 000); 2018 Nuth/Onderbanken/Schinnen."""
    rows = [{"VormenVanJeugdzorg": "A045561", "RegioS": "GM0917    ", "Perioden": "2021JJ00",
             "BegroteKosten_1": 40812, "GerealiseerdeKosten_2": 41276}]
    rows += [{"VormenVanJeugdzorg": "A045561", "RegioS": f"{code}    ", "Perioden": "2018JJ00",
              "BegroteKosten_1": begroot, "GerealiseerdeKosten_2": None if code == "GM0881" else begroot + 100}
             for code, begroot in (("GM0951", 4000), ("GM0881", 2000), ("GM0962", 3500))]
    return write_table(landing / "cbs", "83454NED", {
        "VormenVanJeugdzorg": ("Dimension", [{"Key": "A045561", "Title": "JZ Totaal jeugdzorg"}]),
        "RegioS": ("GeoDimension", REGIOS),
        "Perioden": ("TimeDimension", [periode(2018), {**periode(2021), "Title": "2021*", "Status": "Voorlopig"}]),
    }, [Topic("BegroteKosten_1", "Begrote kosten", "1 000 euro"),
        Topic("GerealiseerdeKosten_2", "Gerealiseerde kosten", "1 000 euro")], rows, "2024-11-28T02:00:00")


def write_03759ned(landing: Path) -> Path:
    """03759NED 2018: ages 0..18 for Nuth (10 each), Onderbanken (5 each) and Schinnen (7 each); the 18-year-olds
    (100) must not count. Youth 0-17 on Beekdaelen = 18 x (10 + 5 + 7) = 396."""
    rows = [{"Geslacht": "T001038", "Leeftijd": f"{10000 + 100 * age}", "BurgerlijkeStaat": "T001019",
             "RegioS": f"{code}    ", "Perioden": "2018JJ00", "BevolkingOp1Januari_1": 100 if age == 18 else n}
            for code, n in (("GM0951", 10), ("GM0881", 5), ("GM0962", 7)) for age in range(19)]
    return write_table(landing / "cbs", "03759NED", {
        "Geslacht": ("Dimension", [{"Key": "T001038", "Title": "Totaal mannen en vrouwen"}]),
        "Leeftijd": ("Dimension", [{"Key": f"{10000 + 100 * a}", "Title": f"{a} jaar"} for a in range(19)]),
        "BurgerlijkeStaat": ("Dimension", [{"Key": "T001019", "Title": "Totaal burgerlijke staat"}]),
        "RegioS": ("GeoDimension", REGIOS), "Perioden": ("TimeDimension", [periode(2018)]),
    }, [Topic("BevolkingOp1Januari_1", "Bevolking op 1 januari", "aantal")], rows, "2019-03-20T02:00:00")


# The open-data CSV: BOM, ';', padded region keys, '.' right-aligned for a suppressed cell, four period kinds.
OPEN_DATA_CSV = (
    "\ufeffID;RegioS;Perioden;JongerenMetJeugdzorg_1;Jeugdzorgtrajecten_3\n"
    "0;GM0917    ;2023HJ02;2840;         .\n"
    "1;GM0917    ;2023KW03;1975;2410\n"
    "2;NL01      ;2023MM10;.;380125\n"
    "3;NL01      ;2023JJ00;382590;\n"
)


def rows(settings: Settings, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as conn:
        return conn.execute(sql, params or []).fetchall()
