"""A small, readable landing zone whose KPIs are computed by hand in test_kpi_fixtures.py.

Clients (valid BSNs): C1 100023757, C2 100039595, C3 100126704, C4 100174218, C5 100372193, C6 100419707,
C7 100475140. Provider A = 11111111, provider B = 22222222. Products (from referentie/productcodes.csv):
TK201 segment K2 hulpvorm 01, TK302 segment K3 hulpvorm 02, TK311 segment K3 hulpvorm 11 (verblijf).

Trajectories after the correction:
  T1  C1 Heerlen    TK201 K2  2023-11-01 .. 2024-01-31 (ends on the last day of January), reden 01, provider A
  T2  C1 Heerlen    TK302 K3  2024-01-15 .. open       (C1 is in two segments in January), provider A
  T3  C2 Landgraaf  TK302 K3  2024-02-01 .. 2024-02-20, reden 03, aangemeld 2024-01-02, provider A (code '0882')
  T4  C3 Nuth       TK311 K3  2023-06-01 .. open       (old code GM0951 lands on Beekdaelen GM1954), provider A
  T5  C2 Landgraaf  TK201 K2  2024-03-10 .. open, aangemeld 2024-01-02, provider B (C2 at two providers)
  T6  C4 Heerlen    TK201 K2  2024-03-31 .. open, gestart met crisis, provider B
  T7  C5 Heerlen    TK201 K2  only in the ORIGINAL February file of A; the correction removes it (deleted).
Provider B's March file also holds one row whose BSN fails the elfproef (rejected row).
"""

from __future__ import annotations

import os
from pathlib import Path

HEADER_TRAJECTEN = ("traject_id;bsn;geboortedatum;geslacht;gemeentecode;productcode;hulpvorm;verwijzer;"
                    "gestart_met_crisis;aanmelddatum;datum_aanvang;datum_einde;reden_beeindiging")
T1 = "T1;100023757;20100315;M;GM0917;TK201;01;01;02;20231001;20231101;20240131;01"
T2 = "T2;100023757;20100315;M;GM0917;TK302;02;02;02;;20240115;;"
T3_OPEN = "T3;100039595;20120700;V;0882;TK302;02;02;02;20240102;20240201;;"
T3_ENDED = "T3;100039595;20120700;V;0882;TK302;02;02;02;20240102;20240201;20240220;03"
T4 = "T4;100126704;2008-01-20;O;GM0951;TK311;11;04;02;;2023-06-01;;"
T5 = "T5;100039595;20120700;2;GM0882;TK201;01;01;02;20240102;20240310;;"
T6 = "T6;100174218;20150101;1;GM0917;TK201;01;02;01;;20240331;;"
T7 = "T7;100372193;20110101;M;GM0917;TK201;01;01;02;;20240205;;"
BAD_BSN = "T8;123456789;20110101;M;GM0917;TK201;01;01;02;;20240301;;"

HEADER_DECLARATIES = "traject_id;productcode;periode;volume;eenheid;tarief;bedrag"
HEADER_WACHTLIJST = "bsn;gemeentecode;productcode;aanmelddatum;overbrugging"

PRODUCTCODES = """productcode;omschrijving;segment;kwadrant;hulpvorm;productcategorie;geldig_van;geldig_tot
TK201;Testproduct gebiedsteam;K2;K2;01;45;2019-01-01;
TK302;Testproduct ambulant specialistisch;K3;K3;02;45;2019-01-01;
TK311;Testproduct pleegzorg;K3;K3;11;43;2019-01-01;
"""
AANBIEDERS = """agb;naam;type;klein;jaar
11111111;Testaanbieder A;lid;N;2023
11111111;Testaanbieder A;lid;N;2024
22222222;Testaanbieder B;leverancier;J;2023
22222222;Testaanbieder B;leverancier;J;2024
"""


def _write(path: Path, lines: list[str], mtime: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.utime(path, (mtime, mtime))


def build_landing(landing: Path) -> None:
    """Write the fixture deliveries with modification times in delivery order."""
    lev = landing / "aanleveringen"
    t = 1_710_000_000
    _write(lev / "11111111_202401_trajecten.csv", [HEADER_TRAJECTEN, T1, T2, T4], t)
    _write(lev / "11111111_202402_trajecten.csv", [HEADER_TRAJECTEN, T2, T3_OPEN, T4, T7], t + 10)
    _write(lev / "11111111_202403_trajecten.csv", [HEADER_TRAJECTEN, T2, T4], t + 20)
    _write(lev / "22222222_202403_trajecten.csv", [HEADER_TRAJECTEN, T5, T6, BAD_BSN], t + 30)
    # Correction of A's February file: T7 is gone, T3 now carries its end date and reason.
    _write(lev / "herlevering" / "11111111_202402_trajecten.csv", [HEADER_TRAJECTEN, T2, T3_ENDED, T4], t + 40)

    _write(lev / "11111111_202401_declaraties.csv", [
        HEADER_DECLARATIES,
        "T1;TK201;202401;10;04;85,50;855,00",
        "T2;TK302;202401;4;04;100;400",
        "T4;TK311;202401;31;14;150;4650",
    ], t + 1)
    _write(lev / "11111111_202402_declaraties.csv", [
        HEADER_DECLARATIES,
        "T2;TK302;202402;8;04;100;800",
        "T3;TK302;202402;3;04;100;300",
        "T4;TK311;202402;29;14;150;4350",
        "T1;TK201;202401;-2;04;85,50;-171,00",  # credit for January, delivered in February
    ], t + 11)
    # Comma-separated with decimal points: the other accepted CSV dialect.
    _write(lev / "22222222_202403_declaraties.csv", [
        HEADER_DECLARATIES.replace(";", ","),
        "T6,TK201,202403,1.5,04,85.50,128.25",
    ], t + 31)
    _write(lev / "11111111_202403_wachtlijst.csv", [
        HEADER_WACHTLIJST,
        "100419707;GM0917;TK302;20240201;N",
        "100475140;0917;TK201;2024-03-01;J",
    ], t + 21)

    ref = landing / "referentie"
    ref.mkdir(parents=True, exist_ok=True)
    (ref / "productcodes.csv").write_text(PRODUCTCODES, encoding="utf-8")
    (ref / "aanbieders.csv").write_text(AANBIEDERS, encoding="utf-8")
