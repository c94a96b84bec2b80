"""Demo CBS StatLine exports in the OData v3 shape (inputs.md section 2) for the 16 Zuid-Limburg gemeenten, the
jeugdzorgregio Zuid-Limburg and Nederland, 2019-2024 (2018 with the pre-merger codes of Beekdaelen).

SYNTHETIC: published CBS values are used where known (83454NED 2021 costs of Heerlen, Beekdaelen, Brunssum,
Eijsden-Margraten, Gulpen-Wittem; 85098NED 2019 Sittard-Geleen and Nederland); every other value is plausible,
not real. The files carry the real quirks: space-padded RegioS keys and titles, `null` for a suppressed cell,
period titles with `*` (voorlopig) / `**` (nader voorlopig) and a Status per period.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

ZL_JONGEREN = {  # gemeentecode: (name, plausible youth 0-17 on 1 January 2021)
    "GM0888": ("Beek (L.)", 2300), "GM1954": ("Beekdaelen", 5600), "GM0899": ("Brunssum", 4300),
    "GM1903": ("Eijsden-Margraten", 3900), "GM1729": ("Gulpen-Wittem", 2100), "GM0917": ("Heerlen", 13600),
    "GM0928": ("Kerkrade", 7000), "GM0882": ("Landgraaf", 5800), "GM0935": ("Maastricht", 16400),
    "GM0938": ("Meerssen", 2900), "GM0965": ("Simpelveld", 1500), "GM1883": ("Sittard-Geleen", 13100),
    "GM0971": ("Stein (L.)", 3700), "GM0981": ("Vaals", 1300), "GM0994": ("Valkenburg aan de Geul", 2000),
    "GM0986": ("Voerendaal", 1800),
}
BEEKDAELEN_2018 = {"GM0951": ("Nuth", 2400), "GM0881": ("Onderbanken", 1100), "GM0962": ("Schinnen", 2200)}
JZ_ZUID_LIMBURG, NEDERLAND = "JZ42", "NL01"
JAREN = range(2019, 2025)
KOSTEN_2021 = {"GM0917": (40812, 41276), "GM1954": (10517, 10460), "GM0899": (8590, 9191),
               "GM1903": (5476, 6277), "GM1729": (1880, 2231)}  # published 83454NED 2021*, x EUR 1 000
PCT_2019 = {"GM1883": (17.3, 9.8, 1.6, 40.8, 0.5), NEDERLAND: (12.2, 9.7, 1.2, 47.3, 0.4)}  # published 85098NED
SUPPRESSED = ("GM0981", "JongerenMetJeugdreclassering_5")  # Vaals: too small, '.' in StatLine
VORMEN = [("A045561", "JZ Totaal jeugdzorg"), ("A045560", "JH 1 Totaal jeugdhulp")]
VERWIJZERS = [("T001070", "Totaal"), ("A028838", "Gemeentelijke toegang"), ("A028839", "Huisarts"),
              ("A028840", "Jeugdarts"), ("A028841", "Gecertificeerde instelling"),
              ("A028842", "Medisch specialist"), ("A028843", "Geen verwijzer")]


@dataclass(frozen=True)
class Topic:
    key: str
    titel: str
    eenheid: str


def regio(key: str, titel: str) -> dict:
    """A RegioS entity as CBS serves it: key padded to 10, title padded to 40 characters."""
    return {"Key": key.ljust(10), "Title": titel.ljust(40), "Description": None, "CategoryGroupID": None}


def periode(jaar: int, code: str = "JJ00", titel: str | None = None) -> dict:
    """A Perioden entity; 2024 is voorlopig, 2023 nader voorlopig (the status rhythm of Beleidsinformatie Jeugd)."""
    status = "Voorlopig" if jaar >= 2024 else "Nader voorlopig" if jaar == 2023 else "Definitief"
    suffix = {"Voorlopig": "*", "Nader voorlopig": "**"}.get(status, "")
    return {"Key": f"{jaar}{code}", "Title": f"{titel or jaar}{suffix}", "Description": None, "Status": status}


def write_table(folder: Path, tabel_id: str, dimensions: dict[str, tuple[str, list[dict]]], topics: list[Topic],
                rows: list[dict], modified: str) -> Path:
    """Write <folder>/<tabel_id>/ with TableInfos, DataProperties, one file per dimension and TypedDataSet."""
    target = folder / tabel_id
    target.mkdir(parents=True, exist_ok=True)
    properties = [{"odata.type": "Cbs.OData.Dimension" if kind != "Topic" else "Cbs.OData.Topic", "ID": i,
                   "Position": i, "ParentID": None, "Type": kind, "Key": key, "Title": key, "Description": None}
                  for i, (key, (kind, _)) in enumerate(dimensions.items())]
    properties += [{"odata.type": "Cbs.OData.Topic", "ID": len(properties) + i, "Position": len(properties) + i,
                    "ParentID": None, "Type": "Topic", "Key": t.key, "Title": t.titel, "Description": None,
                    "Datatype": "Double", "Unit": t.eenheid, "Decimals": 1} for i, t in enumerate(topics)]
    files = {"TableInfos": [{"ID": 1, "Identifier": tabel_id, "Title": tabel_id, "Modified": modified}],
             "DataProperties": properties, "TypedDataSet": [{"ID": i, **row} for i, row in enumerate(rows)],
             **{name: entities for name, (_, entities) in dimensions.items()}}
    for name, value in files.items():
        (target / f"{name}.json").write_text(json.dumps({"odata.metadata": f"{tabel_id}/$metadata#{name}",
                                                         "value": value}, indent=1), encoding="utf-8")
    return target


def _regions(year: int) -> dict[str, tuple[str, int]]:
    """Gemeenten of the year with a plausible youth count (declining 1 % a year from 2021), plus Beekdaelen's
    predecessors before 2019."""
    base = {**ZL_JONGEREN, **BEEKDAELEN_2018} if year < 2019 else ZL_JONGEREN
    if year < 2019:
        base = {code: value for code, value in base.items() if code != "GM1954"}
    return {code: (name, round(n * 0.99 ** (year - 2021))) for code, (name, n) in base.items()}


def write_demo_cbs(landing_dir: Path) -> list[Path]:
    """The five tables below <landing_dir>/cbs/; returns the table folders."""
    folder = landing_dir / "cbs"
    jaren = [2018, *JAREN]
    all_regions = {code: name for y in jaren for code, (name, _) in _regions(y).items()}
    regio_entities = [regio(c, n) for c, n in all_regions.items()] + [
        regio(JZ_ZUID_LIMBURG, "Zuid-Limburg (JZ)"), regio(NEDERLAND, "Nederland")]
    perioden = [periode(y) for y in jaren]
    return [_bevolking(folder, jaren, regio_entities, perioden), _kosten(folder, jaren, regio_entities, perioden),
            _indicatoren(folder, regio_entities), _kerncijfers(folder, regio_entities),
            _verwijzers(folder, regio_entities)]


def _bevolking(folder: Path, jaren: list[int], regio_entities: list[dict], perioden: list[dict]) -> Path:
    """03759NED: population on 1 January by age 0..19 (the model sums 0..17)."""
    rows = [{"Geslacht": "T001038", "Leeftijd": f"{10000 + 100 * age}", "BurgerlijkeStaat": "T001019",
             "RegioS": code.ljust(10), "Perioden": f"{year}JJ00",
             "BevolkingOp1Januari_1": n // 18 + (1 if age < n % 18 else 0)}
            for year in jaren for code, (_, n) in _regions(year).items() for age in range(20)]
    return write_table(folder, "03759NED", {
        "Geslacht": ("Dimension", [{"Key": "T001038", "Title": "Totaal mannen en vrouwen"}]),
        "Leeftijd": ("Dimension", [{"Key": f"{10000 + 100 * a}", "Title": f"{a} jaar"} for a in range(20)]),
        "BurgerlijkeStaat": ("Dimension", [{"Key": "T001019", "Title": "Totaal burgerlijke staat"}]),
        "RegioS": ("GeoDimension", regio_entities), "Perioden": ("TimeDimension", perioden),
    }, [Topic("BevolkingOp1Januari_1", "Bevolking op 1 januari", "aantal")], rows, "2025-03-20T02:00:00")


def _kosten(folder: Path, jaren: list[int], regio_entities: list[dict], perioden: list[dict]) -> Path:
    """83454NED: begrote and gerealiseerde kosten jeugdzorg (x EUR 1 000); about EUR 2 900 per youth."""
    rows = []
    for year in jaren:
        for code, (_, n) in _regions(year).items():
            begroot, gerealiseerd = KOSTEN_2021.get(code, (round(n * 2.75), round(n * 2.9))) if year == 2021 else (
                round(n * (2.6 + 0.08 * (year - 2019))), round(n * (2.75 + 0.09 * (year - 2019))))
            rows += [{"VormenVanJeugdzorg": key, "RegioS": code.ljust(10), "Perioden": f"{year}JJ00",
                      "BegroteKosten_1": round(begroot * share), "GerealiseerdeKosten_2": round(gerealiseerd * share)}
                     for key, share in (("A045561", 1.0), ("A045560", 0.93))]
    return write_table(folder, "83454NED", {
        "VormenVanJeugdzorg": ("Dimension", [{"Key": k, "Title": t} for k, t in VORMEN]),
        "RegioS": ("GeoDimension", regio_entities), "Perioden": ("TimeDimension", perioden),
    }, [Topic("BegroteKosten_1", "Begrote kosten", "1 000 euro"),
        Topic("GerealiseerdeKosten_2", "Gerealiseerde kosten", "1 000 euro")], rows, "2024-11-28T02:00:00")


INDICATOREN = ["JongerenMetJeugdhulpInNatura_1", "JongerenMetJeugdhMetVerblInNat_2", "JongerenMetJeugdbescherming_3",
               "JeugdbeschEnJeugdhMetVerblInNat_4", "JongerenMetJeugdreclassering_5"]


def _indicatoren(folder: Path, regio_entities: list[dict]) -> Path:
    """85098NED: % jongeren met jeugdhulp in natura etc. per gemeente, JZ Zuid-Limburg and Nederland."""
    codes = [*ZL_JONGEREN, JZ_ZUID_LIMBURG, NEDERLAND]
    rows = []
    for year in JAREN:
        for i, code in enumerate(codes):
            values = PCT_2019.get(code) if year == 2019 else None
            values = values or (round(11.5 + (i * 7 % 13) * 0.45 + 0.2 * (year - 2019), 1), 9.5, 1.4, 46.1, 0.4)
            row = {"RegioS": code.ljust(10), "Perioden": f"{year}JJ00", **dict(zip(INDICATOREN, values))}
            if code == SUPPRESSED[0]:
                row[SUPPRESSED[1]] = None
            rows.append(row)
    return write_table(folder, "85098NED", {"RegioS": ("GeoDimension", regio_entities),
                                            "Perioden": ("TimeDimension", [periode(y) for y in JAREN])},
                       [Topic(k, k.rsplit("_", 1)[0], "%") for k in INDICATOREN], rows, "2025-04-29T02:00:00")


def _kerncijfers(folder: Path, regio_entities: list[dict]) -> Path:
    """85099NED: jongeren met jeugdzorg (aantal, multiples of 5) per half year and year."""
    perioden = [p for y in JAREN for p in (periode(y, "HJ01", f"1e halfjaar {y}"),
                                           periode(y, "HJ02", f"2e halfjaar {y}"), periode(y))]
    rows = [{"VormenVanJeugdzorg": key, "RegioS": code.ljust(10), "Perioden": p["Key"],
             "JongerenMetJeugdzorg_1": 5 * round(n * share * (0.8 if "HJ" in p["Key"] else 1.0) / 5),
             "JongerenMetJeugdzorgRelatief_2": round(100 * share * (0.8 if "HJ" in p["Key"] else 1.0) * 0.7, 1),
             "Jeugdzorgtrajecten_3": 5 * round(n * share * 1.3 / 5)}
            for p in perioden for code, (_, n) in ZL_JONGEREN.items()
            for key, share in (("A045561", 0.16), ("A045560", 0.145))]
    return write_table(folder, "85099NED", {
        "VormenVanJeugdzorg": ("Dimension", [{"Key": k, "Title": t} for k, t in VORMEN]),
        "RegioS": ("GeoDimension", regio_entities), "Perioden": ("TimeDimension", perioden),
    }, [Topic("JongerenMetJeugdzorg_1", "Jongeren met jeugdzorg", "aantal"),
        Topic("JongerenMetJeugdzorgRelatief_2", "Jongeren met jeugdzorg (relatief)", "%"),
        Topic("Jeugdzorgtrajecten_3", "Jeugdzorgtrajecten", "aantal")], rows, "2025-04-29T02:00:00")


def _verwijzers(folder: Path, regio_entities: list[dict]) -> Path:
    """85097NED: jeugdhulptrajecten in natura per verwijzer (aantal, multiples of 5)."""
    shares = [1.0, 0.42, 0.28, 0.04, 0.07, 0.09, 0.10]
    rows = [{"VerwijzerJeugdzorg": key, "RegioS": code.ljust(10), "Perioden": f"{year}JJ00",
             "TotaalJeugdhulptrajecten_1": 5 * round(n * 0.2 * share / 5),
             "BegonnenJeugdhulptrajecten_2": 5 * round(n * 0.09 * share / 5),
             "BeeindigdeJeugdhulptrajecten_3": 5 * round(n * 0.085 * share / 5)}
            for year in JAREN for code, (_, n) in ZL_JONGEREN.items()
            for (key, _), share in zip(VERWIJZERS, shares)]
    return write_table(folder, "85097NED", {
        "VerwijzerJeugdzorg": ("Dimension", [{"Key": k, "Title": t} for k, t in VERWIJZERS]),
        "RegioS": ("GeoDimension", regio_entities), "Perioden": ("TimeDimension", [periode(y) for y in JAREN]),
    }, [Topic("TotaalJeugdhulptrajecten_1", "Totaal jeugdhulptrajecten", "aantal"),
        Topic("BegonnenJeugdhulptrajecten_2", "Begonnen jeugdhulptrajecten", "aantal"),
        Topic("BeeindigdeJeugdhulptrajecten_3", "Beëindigde jeugdhulptrajecten", "aantal")], rows,
        "2025-04-29T02:00:00")
